//! The dispatch loop: fetch, decode `EXTENDED_ARG`, skip inline caches, run the handler.
//!
//! The hottest instructions (locals, constants, small-int arithmetic and comparisons,
//! conditional jumps, range/list iteration) are handled inline; the rest call into the
//! per-family handler files. A handler error unwinds through the exception table
//! (`exceptions.rs`) and the loop resumes in whichever frame caught it. Backward
//! jumps and calls poll the eval breaker (`breaker.rs`) for signals.

use bytecode::Opcode;

use super::Vm;
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::IterState;
use crate::objects::{CellObj, IterObj};
use crate::value::Value;
use crate::PyResult;

/// Inline cache units after each opcode, indexed by opcode byte.
static CACHE_UNITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(op) = Opcode::from_u8(i as u8) {
            t[i] = op.cache_entries();
        }
        i += 1;
    }
    t
};

/// What a call-like handler asks the loop to do next.
pub(crate) enum Flow {
    /// Keep running the current frame.
    Continue,
    /// A new frame was pushed (or popped): reload the frame state.
    Reload,
}

impl Vm {
    #[inline(always)]
    pub(crate) fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::NULL)
    }

    #[inline(always)]
    pub(crate) fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    #[inline(always)]
    pub(crate) fn top(&self) -> Value {
        self.peek(1)
    }

    /// The `n`th value from the top (1 = top), or NULL past the bottom.
    #[inline(always)]
    pub(crate) fn peek(&self, n: usize) -> Value {
        let len = self.stack.len();
        self.stack
            .get(len.wrapping_sub(n))
            .cloned()
            .unwrap_or(Value::NULL)
    }

    /// Runs frames until the entry frame on top of the frame stack returns.
    pub(crate) fn run(&mut self) -> PyResult<Value> {
        'frame: loop {
            let Some(frame) = self.frames.last() else {
                return Ok(Value::NONE);
            };
            let code = frame.code.clone();
            let base = frame.base;
            let mut ip = frame.ip;
            let mut kwnames = Value::NULL;
            loop {
                let Some(&first) = code.instrs.get(ip) else {
                    let exc = self.system_error("instruction pointer out of range");
                    return Err(exc);
                };
                let mut op = first.op;
                let mut oparg = first.arg as u32;
                let mut lasti = ip;
                ip += 1;
                while op == Opcode::EXTENDED_ARG {
                    let Some(&next) = code.instrs.get(ip) else {
                        break;
                    };
                    op = next.op;
                    oparg = (oparg << 8) | next.arg as u32;
                    lasti = ip;
                    ip += 1;
                }
                ip += CACHE_UNITS[op as usize] as usize;

                let result: PyResult<()> = match op {
                    Opcode::NOP | Opcode::RESUME | Opcode::RESUME_QUICK | Opcode::PRECALL => Ok(()),
                    Opcode::LOAD_FAST => {
                        let v = &self.stack[base + oparg as usize];
                        if v.is_null() {
                            Err(self.unbound_local(&code, oparg as usize))
                        } else {
                            let v = v.clone();
                            self.stack.push(v);
                            Ok(())
                        }
                    }
                    Opcode::STORE_FAST => {
                        let v = self.pop();
                        self.stack[base + oparg as usize] = v;
                        // The old value may have been an object with a finalizer:
                        // CPython runs it right here.
                        if crate::objects::generator::finalizers_pending() {
                            if let Some(frame) = self.frames.last_mut() {
                                frame.ip = ip;
                                frame.lasti = lasti;
                            }
                            self.run_finalizers();
                        }
                        Ok(())
                    }
                    Opcode::LOAD_CONST => {
                        let v = code.consts[oparg as usize].clone();
                        self.stack.push(v);
                        Ok(())
                    }
                    Opcode::POP_TOP => {
                        self.stack.pop();
                        if crate::objects::generator::finalizers_pending() {
                            if let Some(frame) = self.frames.last_mut() {
                                frame.ip = ip;
                                frame.lasti = lasti;
                            }
                            self.run_finalizers();
                        }
                        Ok(())
                    }
                    Opcode::PUSH_NULL => {
                        self.stack.push(Value::NULL);
                        Ok(())
                    }
                    Opcode::COPY => {
                        let v = self.peek(oparg as usize).clone();
                        self.stack.push(v);
                        Ok(())
                    }
                    Opcode::SWAP => {
                        let len = self.stack.len();
                        self.stack.swap(len - 1, len - oparg as usize);
                        Ok(())
                    }
                    Opcode::BINARY_OP => {
                        let len = self.stack.len();
                        let (a, b) = (&self.stack[len - 2], &self.stack[len - 1]);
                        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
                            // Inline ints are 48-bit, so these cannot overflow i64.
                            let fast = int_fast(x, y, oparg);
                            if let Some(r) = fast {
                                self.stack.truncate(len - 2);
                                let v = self.new_int(r);
                                self.stack.push(v);
                                continue;
                            }
                        }
                        if let Some(r) = float_fast(a, b, oparg) {
                            self.stack.truncate(len - 2);
                            self.stack.push(Value::float(r));
                            continue;
                        }
                        let (op, inplace) = BinOp::from_arg(oparg);
                        let b = self.pop();
                        let a = self.pop();
                        match self.binary_op(&a, &b, op, inplace) {
                            Ok(v) => {
                                self.stack.push(v);
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Opcode::COMPARE_OP => {
                        let len = self.stack.len();
                        let (a, b) = (&self.stack[len - 2], &self.stack[len - 1]);
                        let cmp = CompareOp::from_arg(oparg);
                        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
                            self.stack.truncate(len - 2);
                            let r = cmp.test(x.cmp(&y));
                            // Fuse with a following conditional jump (what CPython's
                            // COMPARE_OP_INT_JUMP specialization does).
                            if let Some(target) = fused_jump(&code.instrs, ip, r) {
                                ip = target;
                            } else {
                                self.stack.push(Value::bool(r));
                            }
                            continue;
                        }
                        if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
                            let r = match cmp {
                                CompareOp::Lt => x < y,
                                CompareOp::Le => x <= y,
                                CompareOp::Eq => x == y,
                                CompareOp::Ne => x != y,
                                CompareOp::Gt => x > y,
                                CompareOp::Ge => x >= y,
                            };
                            self.stack.truncate(len - 2);
                            if let Some(target) = fused_jump(&code.instrs, ip, r) {
                                ip = target;
                            } else {
                                self.stack.push(Value::bool(r));
                            }
                            continue;
                        }
                        let b = self.pop();
                        let a = self.pop();
                        match self.rich_compare(&a, &b, cmp) {
                            Ok(v) => {
                                self.stack.push(v);
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Opcode::POP_JUMP_FORWARD_IF_FALSE
                    | Opcode::POP_JUMP_FORWARD_IF_TRUE
                    | Opcode::POP_JUMP_BACKWARD_IF_FALSE
                    | Opcode::POP_JUMP_BACKWARD_IF_TRUE => {
                        let v = self.pop();
                        let truth = match v.as_bool() {
                            Some(b) => Ok(b),
                            None => self.is_true(&v),
                        };
                        match truth {
                            Ok(t) => {
                                let want = matches!(
                                    op,
                                    Opcode::POP_JUMP_FORWARD_IF_TRUE
                                        | Opcode::POP_JUMP_BACKWARD_IF_TRUE
                                );
                                if t == want {
                                    ip = jump(ip, op, oparg);
                                }
                                self.poll_backward(ip, lasti)
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Opcode::POP_JUMP_FORWARD_IF_NONE
                    | Opcode::POP_JUMP_FORWARD_IF_NOT_NONE
                    | Opcode::POP_JUMP_BACKWARD_IF_NONE
                    | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE => {
                        let v = self.pop();
                        let want_none = matches!(
                            op,
                            Opcode::POP_JUMP_FORWARD_IF_NONE | Opcode::POP_JUMP_BACKWARD_IF_NONE
                        );
                        if v.is_none() == want_none {
                            ip = jump(ip, op, oparg);
                        }
                        self.poll_backward(ip, lasti)
                    }
                    Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                        let v = self.top().clone();
                        match self.is_true(&v) {
                            Ok(t) => {
                                if t == (op == Opcode::JUMP_IF_TRUE_OR_POP) {
                                    ip = jump(ip, op, oparg);
                                } else {
                                    self.stack.pop();
                                }
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    // NO_INTERRUPT closes `yield from` loops: no poll there, as in CPython.
                    Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT => {
                        ip = jump(ip, op, oparg);
                        Ok(())
                    }
                    Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_QUICK => {
                        ip = jump(ip, op, oparg);
                        self.poll_breaker(ip, lasti)
                    }
                    Opcode::FOR_ITER => {
                        let it = self.top().clone();
                        // Range and list iterators are stepped here without a call.
                        let fast = match it.downcast::<IterObj>() {
                            Some(IterObj(state)) => match &mut *state.borrow_mut() {
                                IterState::Range { next, stop, step } => {
                                    let cur = *next;
                                    if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                                        *next = cur.saturating_add(*step);
                                        Some(Some(cur))
                                    } else {
                                        Some(None)
                                    }
                                }
                                _ => None,
                            },
                            _ => None,
                        };
                        let next = match fast {
                            Some(Some(i)) => Ok(Some(self.new_int(i))),
                            Some(None) => Ok(None),
                            None => self.iter_next(&it),
                        };
                        match next {
                            Ok(Some(v)) => {
                                self.stack.push(v);
                                Ok(())
                            }
                            Ok(None) => {
                                self.stack.pop();
                                ip += oparg as usize;
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Opcode::RETURN_VALUE => {
                        let v = self.pop();
                        let Some(frame) = self.frames.pop() else {
                            return Ok(v);
                        };
                        let is_entry = frame.is_entry;
                        self.stack.truncate(frame.call_base);
                        drop(frame);
                        if crate::objects::generator::finalizers_pending() {
                            self.run_finalizers();
                        }
                        if is_entry {
                            return Ok(v);
                        }
                        self.stack.push(v);
                        continue 'frame;
                    }
                    Opcode::LOAD_GLOBAL => {
                        let name = &code.names[(oparg >> 1) as usize];
                        let found = match (self.frames.last(), name.as_pystr()) {
                            (Some(frame), Some(key)) => {
                                let hash = key.hash();
                                let in_globals = frame
                                    .globals
                                    .as_dict()
                                    .and_then(|d| d.borrow().get(name, hash).cloned());
                                in_globals.or_else(|| {
                                    self.builtins
                                        .as_dict()
                                        .and_then(|d| d.borrow().get(name, hash).cloned())
                                })
                            }
                            _ => None,
                        };
                        match found {
                            Some(v) => {
                                if oparg & 1 == 1 {
                                    self.stack.push(Value::NULL);
                                }
                                self.stack.push(v);
                                Ok(())
                            }
                            None => Err(self.name_error(name.as_str().unwrap_or("?"))),
                        }
                    }
                    Opcode::RETURN_GENERATOR => {
                        let Some(mut frame) = self.frames.pop() else {
                            return Ok(Value::NONE);
                        };
                        frame.ip = ip;
                        frame.lasti = lasti;
                        let segment = self.stack.split_off(frame.base.min(self.stack.len()));
                        self.stack.truncate(frame.call_base);
                        let is_entry = frame.is_entry;
                        let gen = self.new_generator(frame, segment);
                        if is_entry {
                            return Ok(gen);
                        }
                        self.stack.push(gen);
                        continue 'frame;
                    }
                    Opcode::YIELD_VALUE => {
                        let v = self.pop();
                        let Some(mut frame) = self.frames.pop() else {
                            return Ok(v);
                        };
                        frame.ip = ip;
                        frame.lasti = lasti;
                        let segment = self.stack.split_off(frame.base.min(self.stack.len()));
                        self.stack.truncate(frame.call_base);
                        self.yielded = Some((frame, segment));
                        return Ok(v);
                    }
                    Opcode::SEND => {
                        let v = self.pop();
                        let receiver = self.top();
                        if let Some(frame) = self.frames.last_mut() {
                            frame.ip = ip;
                            frame.lasti = lasti;
                        }
                        match self.send_to(&receiver, v) {
                            Ok(crate::objects::generator::GenStep::Yield(r)) => {
                                self.stack.push(r);
                                Ok(())
                            }
                            Ok(crate::objects::generator::GenStep::Return(r)) => {
                                self.stack.pop();
                                self.stack.push(r);
                                ip += oparg as usize;
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                    Opcode::KW_NAMES => {
                        kwnames = code.consts[oparg as usize].clone();
                        Ok(())
                    }
                    Opcode::CALL => {
                        let names = std::mem::replace(&mut kwnames, Value::NULL);
                        if let Some(frame) = self.frames.last_mut() {
                            frame.ip = ip;
                            frame.lasti = lasti;
                        }
                        match self
                            .poll_breaker(ip, lasti)
                            .and_then(|()| self.op_call(oparg as usize, &names))
                        {
                            Ok(super::eval::Flow::Continue) => Ok(()),
                            Ok(super::eval::Flow::Reload) => continue 'frame,
                            Err(e) => Err(e),
                        }
                    }
                    _ => {
                        if let Some(frame) = self.frames.last_mut() {
                            frame.ip = ip;
                            frame.lasti = lasti;
                        }
                        let outcome = self.execute_other(op, oparg, &code, base);
                        if crate::objects::generator::finalizers_pending() {
                            self.run_finalizers();
                        }
                        match outcome {
                            Ok(Flow::Continue) => {
                                // Handlers may move the ip (jumps in cold ops).
                                if let Some(frame) = self.frames.last() {
                                    ip = frame.ip;
                                }
                                Ok(())
                            }
                            Ok(Flow::Reload) => continue 'frame,
                            Err(e) => Err(e),
                        }
                    }
                };
                if let Err(exc) = result {
                    if let Some(frame) = self.frames.last_mut() {
                        frame.ip = ip;
                        frame.lasti = lasti;
                    }
                    // RERAISE and a bare `raise` keep the traceback as it is (CPython
                    // jumps straight to exception_unwind for both).
                    let reraise = op == Opcode::RERAISE
                        || (op == Opcode::RAISE_VARARGS && oparg == 0 && exc.is(&self.exc_info));
                    let fresh = exc
                        .as_exception()
                        .map(|d| d.traceback.borrow().is_empty())
                        .unwrap_or(true);
                    let set_context =
                        !reraise && (fresh || (op == Opcode::RAISE_VARARGS && oparg >= 1));
                    self.unwind(exc, !reraise, set_context)?;
                    continue 'frame;
                }
            }
        }
    }
}

/// `x op y` for two inline ints when the result is exact in an i64 and no error is
/// possible (division by zero and negative shifts take the slow path for their errors).
#[inline(always)]
fn int_fast(x: i64, y: i64, oparg: u32) -> Option<i64> {
    // Inline ints are 48-bit, so sums, differences and quotients cannot overflow i64.
    match oparg {
        0 | 13 => Some(x + y),
        10 | 23 => Some(x - y),
        5 | 18 => x.checked_mul(y),
        1 | 14 => Some(x & y),
        7 | 20 => Some(x | y),
        12 | 25 => Some(x ^ y),
        9 | 22 if y >= 0 => Some(x >> y.min(63)),
        2 | 15 if y != 0 => {
            // Python's floor division rounds toward negative infinity.
            let q = x / y;
            Some(if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            })
        }
        6 | 19 if y != 0 => {
            // Python's remainder takes the sign of the divisor.
            let r = x % y;
            Some(if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            })
        }
        _ => None,
    }
}

/// `a op b` for two floats or a float and an inline int, when no error is possible.
#[inline(always)]
fn float_fast(a: &Value, b: &Value, oparg: u32) -> Option<f64> {
    let x = a.as_float().or_else(|| a.as_int().map(|i| i as f64))?;
    let y = b.as_float().or_else(|| b.as_int().map(|i| i as f64))?;
    if !a.is_float() && !b.is_float() {
        return None;
    }
    match oparg {
        0 | 13 => Some(x + y),
        10 | 23 => Some(x - y),
        5 | 18 => Some(x * y),
        11 | 24 if y != 0.0 => Some(x / y),
        _ => None,
    }
}

/// When the instruction at `ip` is a conditional jump on a bool, the ip after
/// taking (or not taking) it for `value`; `None` otherwise.
#[inline(always)]
fn fused_jump(instrs: &[crate::objects::function::Instr], ip: usize, value: bool) -> Option<usize> {
    let next = instrs.get(ip)?;
    let arg = next.arg as usize;
    let after = ip + 1;
    Some(match next.op {
        Opcode::POP_JUMP_FORWARD_IF_FALSE => {
            if value {
                after
            } else {
                after + arg
            }
        }
        Opcode::POP_JUMP_FORWARD_IF_TRUE => {
            if value {
                after + arg
            } else {
                after
            }
        }
        // A backward jump polls the breaker: while it is set, do not fuse.
        Opcode::POP_JUMP_BACKWARD_IF_FALSE => {
            if value {
                after
            } else {
                super::breaker::idle()?;
                after.saturating_sub(arg)
            }
        }
        Opcode::POP_JUMP_BACKWARD_IF_TRUE => {
            if value {
                super::breaker::idle()?;
                after.saturating_sub(arg)
            } else {
                after
            }
        }
        _ => return None,
    })
}

/// Target of a relative jump from the instruction after the caches.
#[inline(always)]
fn jump(ip: usize, op: Opcode, oparg: u32) -> usize {
    if matches!(
        op,
        Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_QUICK
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
            | Opcode::POP_JUMP_BACKWARD_IF_FALSE
            | Opcode::POP_JUMP_BACKWARD_IF_TRUE
            | Opcode::POP_JUMP_BACKWARD_IF_NONE
            | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE
    ) {
        ip.saturating_sub(oparg as usize)
    } else {
        ip + oparg as usize
    }
}

impl Vm {
    /// The less hot instructions, each delegated to its family's handler file.
    #[inline(never)]
    fn execute_other(
        &mut self,
        op: Opcode,
        oparg: u32,
        code: &std::rc::Rc<crate::objects::Code>,
        base: usize,
    ) -> PyResult<Flow> {
        let n = oparg as usize;
        match op {
            // load_store.rs
            Opcode::LOAD_NAME => self.op_load_name(&code.names[n])?,
            Opcode::STORE_NAME => self.op_store_name(&code.names[n])?,
            Opcode::DELETE_NAME => self.op_delete_name(&code.names[n])?,
            Opcode::STORE_GLOBAL => self.op_store_global(&code.names[n])?,
            Opcode::DELETE_GLOBAL => self.op_delete_global(&code.names[n])?,
            Opcode::DELETE_FAST => {
                if self.stack[base + n].is_null() {
                    return Err(self.unbound_local(code, n));
                }
                self.stack[base + n] = Value::NULL;
            }
            Opcode::LOAD_ATTR => {
                let obj = self.pop();
                let v = self.get_attr(&obj, &code.names[n])?;
                self.push(v);
            }
            Opcode::STORE_ATTR => {
                let obj = self.pop();
                let v = self.pop();
                self.set_attr(&obj, &code.names[n], v)?;
            }
            Opcode::DELETE_ATTR => {
                let obj = self.pop();
                self.del_attr(&obj, &code.names[n])?;
            }
            Opcode::LOAD_METHOD => self.op_load_method(&code.names[n])?,
            Opcode::MAKE_CELL => {
                let v = std::mem::replace(&mut self.stack[base + n], Value::NULL);
                let cell = self.new_cell(v);
                self.stack[base + n] = cell;
            }
            Opcode::LOAD_CLOSURE => {
                let v = self.stack[base + n].clone();
                self.push(v);
            }
            Opcode::LOAD_DEREF | Opcode::LOAD_CLASSDEREF => {
                let v = self.op_load_deref(code, base, n, op == Opcode::LOAD_CLASSDEREF)?;
                self.push(v);
            }
            Opcode::STORE_DEREF => {
                let v = self.pop();
                if let Some(CellObj(c)) = self.stack[base + n].downcast::<CellObj>() {
                    *c.borrow_mut() = v;
                }
            }
            Opcode::DELETE_DEREF => {
                if let Some(CellObj(c)) = self.stack[base + n].downcast::<CellObj>() {
                    *c.borrow_mut() = Value::NULL;
                }
            }
            Opcode::COPY_FREE_VARS => self.op_copy_free_vars(code, base, n),
            Opcode::LOAD_BUILD_CLASS => {
                let v = self.builtin_lookup("__build_class__")?;
                self.push(v);
            }
            Opcode::LOAD_ASSERTION_ERROR => {
                let v = self.types.assertion_error.clone();
                self.push(v);
            }
            // build.rs
            Opcode::BUILD_TUPLE => self.op_build_tuple(n),
            Opcode::BUILD_LIST => self.op_build_list(n),
            Opcode::BUILD_SET => self.op_build_set(n)?,
            Opcode::BUILD_MAP => self.op_build_map(n)?,
            Opcode::BUILD_CONST_KEY_MAP => self.op_build_const_key_map(n)?,
            Opcode::BUILD_STRING => self.op_build_string(n),
            Opcode::BUILD_SLICE => self.op_build_slice(n),
            Opcode::LIST_APPEND => self.op_list_append(n),
            Opcode::SET_ADD => self.op_set_add(n)?,
            Opcode::MAP_ADD => self.op_map_add(n)?,
            Opcode::LIST_EXTEND => self.op_list_extend(n)?,
            Opcode::SET_UPDATE => self.op_set_update(n)?,
            Opcode::DICT_UPDATE | Opcode::DICT_MERGE => self.op_dict_update(n)?,
            Opcode::LIST_TO_TUPLE => {
                let l = self.pop();
                let items = l.as_list().map(|l| l.borrow().clone()).unwrap_or_default();
                let t = self.new_tuple(items);
                self.push(t);
            }
            Opcode::FORMAT_VALUE => self.op_format_value(n)?,
            Opcode::UNPACK_SEQUENCE => self.op_unpack_sequence(n)?,
            Opcode::UNPACK_EX => self.op_unpack_ex(n)?,
            Opcode::MAKE_FUNCTION => self.op_make_function(n)?,
            // binary.rs
            Opcode::BINARY_SUBSCR => {
                let key = self.pop();
                let container = self.pop();
                let v = self.get_item(&container, &key)?;
                self.push(v);
            }
            Opcode::STORE_SUBSCR => {
                let key = self.pop();
                let container = self.pop();
                let v = self.pop();
                self.set_item(&container, &key, v)?;
            }
            Opcode::DELETE_SUBSCR => {
                let key = self.pop();
                let container = self.pop();
                self.del_item(&container, &key)?;
            }
            Opcode::UNARY_NEGATIVE | Opcode::UNARY_POSITIVE | Opcode::UNARY_INVERT => {
                let v = self.pop();
                let r = self.unary_op(op, &v)?;
                self.push(r);
            }
            Opcode::UNARY_NOT => {
                let v = self.pop();
                let t = self.is_true(&v)?;
                self.push(Value::bool(!t));
            }
            // compare.rs
            Opcode::IS_OP => {
                let b = self.pop();
                let a = self.pop();
                self.push(Value::bool(a.is(&b) != (oparg == 1)));
            }
            Opcode::CONTAINS_OP => {
                let container = self.pop();
                let item = self.pop();
                let r = self.contains(&container, &item)?;
                self.push(Value::bool(r != (oparg == 1)));
            }
            // iter.rs
            Opcode::GET_ITER | Opcode::GET_YIELD_FROM_ITER => {
                let v = self.pop();
                let it = self.get_iter(&v)?;
                self.push(it);
            }
            // call.rs
            Opcode::CALL_FUNCTION_EX => return self.op_call_function_ex(oparg & 1 == 1),
            // exceptions.rs
            Opcode::RAISE_VARARGS => return Err(self.op_raise(n)),
            Opcode::RERAISE => {
                let exc = self.pop();
                return Err(exc);
            }
            Opcode::PUSH_EXC_INFO => {
                let exc = self.pop();
                let prev = std::mem::replace(&mut self.exc_info, exc.clone());
                self.push(prev);
                self.push(exc);
            }
            Opcode::POP_EXCEPT => {
                let prev = self.pop();
                self.exc_info = if prev.is_null() { Value::NONE } else { prev };
            }
            Opcode::CHECK_EXC_MATCH => {
                let ty = self.pop();
                let exc = self.top().clone();
                let r = self.exception_matches(&exc, &ty)?;
                self.push(Value::bool(r));
            }
            Opcode::PRINT_EXPR => {
                let v = self.pop();
                if !v.is_none() {
                    let s = self.repr(&v)?;
                    self.write_stdout(&s);
                    self.write_stdout("\n");
                }
            }
            Opcode::SETUP_ANNOTATIONS => self.op_setup_annotations()?,
            Opcode::BEFORE_WITH => self.op_before_with()?,
            Opcode::WITH_EXCEPT_START => self.op_with_except_start()?,
            Opcode::IMPORT_NAME => self.op_import_name(&code.names[n])?,
            Opcode::IMPORT_FROM => self.op_import_from(&code.names[n])?,
            Opcode::IMPORT_STAR => self.op_import_star()?,
            // pattern.rs
            Opcode::GET_LEN => self.op_get_len()?,
            Opcode::MATCH_MAPPING => self.op_match_mapping(),
            Opcode::MATCH_SEQUENCE => self.op_match_sequence(),
            Opcode::MATCH_KEYS => self.op_match_keys()?,
            Opcode::MATCH_CLASS => self.op_match_class(n)?,
            _ => return Err(self.system_error(&format!("unsupported instruction {}", op.name()))),
        }
        Ok(Flow::Continue)
    }
}
