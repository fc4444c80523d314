//! The dispatch loop: fetch, decode `EXTENDED_ARG`, step over inline caches, run the
//! handler.
//!
//! The hottest instructions (locals, constants, conditional jumps) are handled inline;
//! specializable families route their base, adaptive and specialized forms (PEP 659)
//! to `specialize/`, passing the instruction's position (`lasti`) so a handler can
//! read its cache slots and rewrite itself; the rest call into the per-family handler
//! files. A handler error unwinds through the exception table
//! (`exceptions.rs`) and the loop resumes in whichever frame caught it. Backward
//! jumps and calls poll the eval breaker (`breaker.rs`).

use bytecode::Opcode;

use super::gen_frames::OnReturn;
use super::Vm;
use crate::objects::generator::Generator;
use crate::objects::typeobj::CompareOp;
use crate::objects::{CellObj, InstanceObj};
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

/// The inline cache units after an instruction of `family` (every form of a family
/// has the same), as a constant for the handler that skips them.
macro_rules! caches {
    ($family:ident) => {
        const { Opcode::$family.cache_entries() as usize }
    };
}

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

    /// The two values on top, second and top, by reference (no count traffic).
    #[inline(always)]
    pub(crate) fn top2(&self) -> Option<(&Value, &Value)> {
        self.stack.top2()
    }

    /// Replaces the two values on top with `v` (a binary operation's result), each
    /// dropped in place rather than through a truncate loop.
    #[inline(always)]
    pub(crate) fn set_top2(&mut self, v: Value) {
        self.stack.replace_top(2, v);
    }

    /// Replaces the `n` (at least 1) values on top with `v` (a call's result): each
    /// dropped in place, from the top down, rather than through a truncate loop.
    #[inline(always)]
    pub(crate) fn set_top_n(&mut self, n: usize, v: Value) {
        self.stack.replace_top(n, v);
    }

    /// The `n`th value from the top (1 = top), or NULL past the bottom.
    #[inline(always)]
    pub(crate) fn peek(&self, n: usize) -> Value {
        self.stack.peek(n).cloned().unwrap_or(Value::NULL)
    }

    #[cold]
    #[inline(never)]
    fn finalize_dropped_slow(&mut self, ip: usize, lasti: usize) {
        if let Some(frame) = self.frames.last_mut() {
            frame.ip = ip;
            frame.lasti = lasti;
        }
        self.run_finalizers();
    }

    /// Runs frames until the entry frame on top of the frame stack returns.
    pub(crate) fn run(&mut self) -> PyResult<Value> {
        'frame: loop {
            let Some(frame) = self.frames.last() else {
                return Ok(Value::NONE);
            };
            let code = frame.code.clone();
            // The units' slice, fixed while this frame runs (the cells change, the
            // slice does not): kept in locals rather than reloaded through `code`.
            let instrs: &[std::cell::Cell<crate::objects::function::Instr>] = &code.instrs;
            let consts: &[Value] = &code.consts;
            let base = frame.base;
            // The frame's locals, at a fixed address while it runs (the value stack
            // never moves).
            let locals = self.stack.slot_ptr(base);
            let mut ip = frame.ip;
            // The stack top, kept here while the loop runs its own instructions (a
            // push or pop is then a register update, not a load and a store through
            // `self`). `self.stack` is made current (`spill!`) before anything that
            // reads the stack, and `sp` is read back after it: the arms that stay in
            // the loop end with `continue 'fetch`, the others fall through to the
            // reload after the match.
            let mut sp = self.stack.top_ptr();
            macro_rules! spill {
                () => {
                    // SAFETY: `sp` moved only by the loop's own pushes and pops, each
                    // of a live value, from a valid top.
                    unsafe { self.stack.set_top_ptr(sp) }
                };
            }
            // SAFETY (for both): a push stays within the room the frame was checked
            // for when it was pushed; a pop takes a value the code pushed before it
            // (the compiler's stack effects guarantee both).
            macro_rules! push {
                ($v:expr) => {{
                    let v = $v;
                    unsafe {
                        sp.write(v);
                        sp = sp.add(1);
                    }
                }};
            }
            macro_rules! pop {
                () => {
                    unsafe {
                        sp = sp.sub(1);
                        sp.read()
                    }
                };
            }
            // Runs the finalizers a drop just queued (a `__del__`, a generator's
            // close), as CPython runs them right where the last reference goes, with
            // the frame's position saved for their tracebacks. The check is inline;
            // the work is not.
            macro_rules! finalize_dropped {
                ($lasti:expr) => {
                    if crate::objects::generator::finalizers_pending() {
                        spill!();
                        self.finalize_dropped_slow(ip, $lasti);
                        sp = self.stack.top_ptr();
                    }
                };
            }
            // The inline case of a binary operation on two inline operands read by
            // `$as`: `$f` gives the result, or `None` to leave it to the handler.
            macro_rules! inline_binary {
                ($fetch:lifetime, $as:ident, $f:expr) => {
                    // SAFETY: a binary operation's two operands are on the stack.
                    let (a, b) = unsafe { (&*sp.sub(2), &*sp.sub(1)) };
                    if let (Some(x), Some(y)) = (a.$as(), b.$as()) {
                        if let Some(v) = ($f)(x, y) {
                            // SAFETY: both operands are inline values that own
                            // nothing, so the result overwrites them unreleased.
                            unsafe {
                                sp = sp.sub(1);
                                sp.sub(1).write(v);
                            }
                            continue $fetch;
                        }
                    }
                };
            }
            // The inline case of a comparison fused with the jump after it (see
            // `specialize::compare_op`): two inline operands, a conditional jump to
            // fuse, and no breaker poll due on a backward edge.
            macro_rules! inline_compare_jump {
                ($fetch:lifetime, $as:ident, $f:expr) => {
                    // SAFETY: as in `inline_binary`.
                    let (a, b) = unsafe { (&*sp.sub(2), &*sp.sub(1)) };
                    if let (Some(x), Some(y)) = (a.$as(), b.$as()) {
                        let r: bool = ($f)(x, y);
                        if let Some(target) = super::specialize::fused_jump(&code, ip, r) {
                            if target > ip || super::breaker::pending() == 0 {
                                // SAFETY: as in `inline_binary`: dropped unreleased.
                                unsafe { sp = sp.sub(2) };
                                ip = target;
                                continue $fetch;
                            }
                        }
                    }
                };
            }
            // A backward jump polls the eval breaker (forward ones cost a register
            // comparison and no load).
            macro_rules! poll_backward {
                ($decoded:lifetime, $lasti:expr) => {
                    if ip <= $lasti && super::breaker::pending() != 0 {
                        spill!();
                        break $decoded self.handle_breaker(ip, $lasti);
                    }
                };
            }
            // The specialized `LOAD_GLOBAL` forms' hit (keys versions unchanged).
            macro_rules! load_global_inline {
                ($fetch:lifetime, $lasti:expr, $oparg:expr, $op:expr) => {
                    let found = match self.frames.last().and_then(|f| f.globals.as_dict()) {
                        Some(globals) => self.cached_global(&code, $lasti, $op, globals),
                        None => None,
                    };
                    if let Some(v) = found {
                        if $oparg & 1 == 1 {
                            push!(Value::NULL);
                        }
                        push!(v);
                        continue $fetch;
                    }
                };
            }
            // `BINARY_SUBSCR_LIST_INT`/`_TUPLE_INT` by an in-range inline int.
            macro_rules! sequence_item_inline {
                ($fetch:lifetime, $op:expr) => {
                    // SAFETY: the container and the key are on the stack.
                    let (container, key) = unsafe { (&*sp.sub(2), &*sp.sub(1)) };
                    if let Ok(Some(v)) = self.sequence_item(container, key, $op) {
                        // SAFETY: the key is an inline int (nothing to release); the
                        // container's slot takes the item and the container is
                        // released.
                        // SAFETY: a list or tuple: a pointer.
                        unsafe {
                            sp = sp.sub(1);
                            sp.sub(1).replace(v).drop_known_ptr();
                        }
                        continue $fetch;
                    }
                };
            }
            // A specialized `LOAD_ATTR` form's hit: the attribute replaces the object.
            macro_rules! attr_inline {
                ($fetch:lifetime, $lasti:expr, $oparg:expr, $op:expr) => {
                    // SAFETY: the object is on the stack.
                    let obj = unsafe { &*sp.sub(1) };
                    if let Some(v) = self.attr_hit(&code, $lasti, obj, $oparg, $op) {
                        // SAFETY: the object's slot takes the attribute; the object
                        // (an instance, module or class: a pointer) is released.
                        unsafe { sp.sub(1).replace(v).drop_known_ptr() };
                        continue $fetch;
                    }
                };
            }
            // A specialized `LOAD_METHOD` form's hit: `method, self` (the object stays
            // on top) or `NULL, attribute`.
            macro_rules! method_inline {
                ($fetch:lifetime, $lasti:expr, $oparg:expr, $op:expr) => {
                    // SAFETY: the object is on the stack.
                    let obj = unsafe { &*sp.sub(1) };
                    if let Some((first, second)) = self.method_hit(&code, $lasti, obj, $oparg, $op)
                    {
                        // SAFETY: the object's slot takes the first value; the object
                        // goes on top (or is released when the second is pushed).
                        let obj = unsafe { sp.sub(1).replace(first) };
                        if second.is_null() {
                            push!(obj);
                        } else {
                            drop(obj);
                            push!(second);
                        }
                        continue $fetch;
                    }
                };
            }
            'fetch: loop {
                let Some(first) = instrs.get(ip).map(std::cell::Cell::get) else {
                    spill!();
                    let exc = self.system_error("instruction pointer out of range");
                    return Err(exc);
                };
                let mut op = first.op;
                let mut oparg = first.arg as u32;
                let mut lasti = ip;
                ip += 1;
                // `EXTENDED_ARG` is an arm of its own that widens the operand and
                // dispatches again, so other instructions pay no test for it.
                let result: PyResult<()> = 'decoded: loop {
                    break match op {
                        Opcode::EXTENDED_ARG => {
                            let Some(next) = instrs.get(ip).map(std::cell::Cell::get) else {
                                spill!();
                                break Err(self.system_error("instruction pointer out of range"));
                            };
                            op = next.op;
                            oparg = (oparg << 8) | next.arg as u32;
                            lasti = ip;
                            ip += 1;
                            continue 'decoded;
                        }
                        Opcode::NOP | Opcode::RESUME | Opcode::RESUME_QUICK => continue 'fetch,
                        // A unit the loop never runs (an inline cache, or an operand
                        // `verify` rejected). Its own arm, so the jump table starts at
                        // opcode 0 and covers every opcode: no range check per dispatch.
                        Opcode::CACHE => {
                            spill!();
                            Err(self.system_error("unsupported instruction CACHE"))
                        }
                        Opcode::PRECALL | Opcode::PRECALL_PYFUNC | Opcode::PRECALL_BOUND_METHOD => {
                            ip += caches!(PRECALL);
                            continue 'fetch;
                        }
                        Opcode::LOAD_FAST => {
                            // SAFETY: `verify` bounded the slot by the frame's locals, which
                            // stay live below the stack top while the frame runs.
                            let v = unsafe { &*locals.add(oparg as usize) };
                            if v.is_null() {
                                spill!();
                                break Err(self.unbound_local(&code, oparg as usize));
                            }
                            push!(v.clone());
                            continue 'fetch;
                        }
                        Opcode::STORE_FAST => {
                            let v = pop!();
                            // SAFETY: as in `LOAD_FAST`.
                            unsafe { *locals.add(oparg as usize) = v };
                            // The old value may have been an object with a finalizer:
                            // CPython runs it right here.
                            finalize_dropped!(lasti);
                            continue 'fetch;
                        }
                        // Superinstructions (see `specialize::quicken`): the first half
                        // with this unit's operand, the second with the next unit's, which
                        // is stepped over (`lasti` moves to it so its errors point there).
                        Opcode::LOAD_FAST__LOAD_FAST => {
                            // SAFETY: as in `LOAD_FAST`, for both operands.
                            let v = unsafe { &*locals.add(oparg as usize) };
                            if v.is_null() {
                                spill!();
                                break Err(self.unbound_local(&code, oparg as usize));
                            }
                            push!(v.clone());
                            let second = next_unit_arg(instrs, ip);
                            lasti = ip;
                            ip += 1;
                            let v = unsafe { &*locals.add(second) };
                            if v.is_null() {
                                spill!();
                                break Err(self.unbound_local(&code, second));
                            }
                            push!(v.clone());
                            continue 'fetch;
                        }
                        Opcode::LOAD_FAST__LOAD_CONST => {
                            // SAFETY: as in `LOAD_FAST` and `LOAD_CONST`.
                            let v = unsafe { &*locals.add(oparg as usize) };
                            if v.is_null() {
                                spill!();
                                break Err(self.unbound_local(&code, oparg as usize));
                            }
                            push!(v.clone());
                            let second = next_unit_arg(instrs, ip);
                            ip += 1;
                            push!(unsafe { consts.get_unchecked(second) }.clone());
                            continue 'fetch;
                        }
                        Opcode::LOAD_CONST__LOAD_FAST => {
                            // SAFETY: as in `LOAD_CONST` and `LOAD_FAST`.
                            push!(unsafe { consts.get_unchecked(oparg as usize) }.clone());
                            let second = next_unit_arg(instrs, ip);
                            lasti = ip;
                            ip += 1;
                            let v = unsafe { &*locals.add(second) };
                            if v.is_null() {
                                spill!();
                                break Err(self.unbound_local(&code, second));
                            }
                            push!(v.clone());
                            continue 'fetch;
                        }
                        Opcode::STORE_FAST__LOAD_FAST | Opcode::STORE_FAST__STORE_FAST => {
                            let v = pop!();
                            // SAFETY: as in `STORE_FAST`.
                            unsafe { *locals.add(oparg as usize) = v };
                            if crate::objects::generator::finalizers_pending() {
                                // The second half runs as its own instruction afterwards.
                                finalize_dropped!(lasti);
                                continue 'fetch;
                            }
                            let second = next_unit_arg(instrs, ip);
                            lasti = ip;
                            ip += 1;
                            if op == Opcode::STORE_FAST__STORE_FAST {
                                let v = pop!();
                                // SAFETY: as in `STORE_FAST`.
                                unsafe { *locals.add(second) = v };
                                finalize_dropped!(lasti);
                                continue 'fetch;
                            }
                            // SAFETY: as in `LOAD_FAST`.
                            let v = unsafe { &*locals.add(second) };
                            if v.is_null() {
                                spill!();
                                break Err(self.unbound_local(&code, second));
                            }
                            push!(v.clone());
                            continue 'fetch;
                        }
                        Opcode::LOAD_CONST => {
                            // SAFETY: `verify` bounded the index by the constants.
                            push!(unsafe { consts.get_unchecked(oparg as usize) }.clone());
                            continue 'fetch;
                        }
                        Opcode::POP_TOP => {
                            drop(pop!());
                            finalize_dropped!(lasti);
                            continue 'fetch;
                        }
                        Opcode::PUSH_NULL => {
                            push!(Value::NULL);
                            continue 'fetch;
                        }
                        Opcode::IS_OP => {
                            let b = pop!();
                            let a = pop!();
                            push!(Value::bool(a.is(&b) != (oparg == 1)));
                            drop(a);
                            drop(b);
                            finalize_dropped!(lasti);
                            continue 'fetch;
                        }
                        Opcode::BUILD_TUPLE => {
                            spill!();
                            self.op_build_tuple(oparg as usize);
                            Ok(())
                        }
                        // Cannot fail or run Python code: no frame bookkeeping needed.
                        Opcode::BUILD_SLICE => {
                            spill!();
                            self.op_build_slice(oparg as usize);
                            Ok(())
                        }
                        Opcode::LIST_APPEND => {
                            spill!();
                            self.op_list_append(oparg as usize);
                            Ok(())
                        }
                        Opcode::COPY => {
                            // SAFETY: the operand counts values the code pushed.
                            let v = unsafe { &*sp.sub(oparg as usize) }.clone();
                            push!(v);
                            continue 'fetch;
                        }
                        Opcode::SWAP => {
                            // SAFETY: as in `COPY`; two distinct slots when oparg > 1.
                            unsafe { std::ptr::swap(sp.sub(1), sp.sub(oparg as usize)) };
                            continue 'fetch;
                        }
                        // Specializable families: the base form (left by a failed attempt
                        // or a compare with nothing to fuse), the adaptive form and the
                        // specialized forms, each handled in `specialize/`.
                        Opcode::BINARY_OP => {
                            ip += caches!(BINARY_OP);
                            spill!();
                            self.binary_op_generic(oparg)
                        }
                        Opcode::BINARY_OP_ADAPTIVE => {
                            ip += caches!(BINARY_OP);
                            spill!();
                            self.binary_op_adaptive(&code, lasti, oparg)
                        }
                        // The int and float forms' common case stays in the loop: two
                        // inline operands and an inline result; anything else (a result
                        // past the inline range, a miss) goes to the handler.
                        Opcode::BINARY_OP_ADD_INT => {
                            ip += caches!(BINARY_OP);
                            inline_binary!('fetch, as_int, |x: i64, y: i64| Value::try_int(x + y));
                            spill!();
                            self.binary_op_int_arith(&code, lasti, oparg, Opcode::BINARY_OP_ADD_INT)
                        }
                        Opcode::BINARY_OP_SUBTRACT_INT => {
                            ip += caches!(BINARY_OP);
                            inline_binary!('fetch, as_int, |x: i64, y: i64| Value::try_int(x - y));
                            spill!();
                            self.binary_op_int_arith(
                                &code,
                                lasti,
                                oparg,
                                Opcode::BINARY_OP_SUBTRACT_INT,
                            )
                        }
                        Opcode::BINARY_OP_MULTIPLY_INT => {
                            ip += caches!(BINARY_OP);
                            inline_binary!('fetch, as_int, |x: i64, y: i64| x
                                .checked_mul(y)
                                .and_then(Value::try_int));
                            spill!();
                            self.binary_op_int_arith(
                                &code,
                                lasti,
                                oparg,
                                Opcode::BINARY_OP_MULTIPLY_INT,
                            )
                        }
                        Opcode::BINARY_OP_ADD_FLOAT => {
                            ip += caches!(BINARY_OP);
                            inline_binary!('fetch, as_float, |x: f64, y: f64| Some(Value::float(x + y)));
                            spill!();
                            self.binary_op_float_arith(
                                &code,
                                lasti,
                                oparg,
                                Opcode::BINARY_OP_ADD_FLOAT,
                            )
                        }
                        Opcode::BINARY_OP_SUBTRACT_FLOAT => {
                            ip += caches!(BINARY_OP);
                            inline_binary!('fetch, as_float, |x: f64, y: f64| Some(Value::float(x - y)));
                            spill!();
                            self.binary_op_float_arith(
                                &code,
                                lasti,
                                oparg,
                                Opcode::BINARY_OP_SUBTRACT_FLOAT,
                            )
                        }
                        Opcode::BINARY_OP_MULTIPLY_FLOAT => {
                            ip += caches!(BINARY_OP);
                            inline_binary!('fetch, as_float, |x: f64, y: f64| Some(Value::float(x * y)));
                            spill!();
                            self.binary_op_float_arith(
                                &code,
                                lasti,
                                oparg,
                                Opcode::BINARY_OP_MULTIPLY_FLOAT,
                            )
                        }
                        Opcode::BINARY_OP_INT => {
                            ip += caches!(BINARY_OP);
                            inline_binary!('fetch, as_int, |x: i64, y: i64| super::specialize::int_fast(
                                x, y, oparg
                            )
                            .and_then(Value::try_int));
                            spill!();
                            self.binary_op_int_other(&code, lasti, oparg)
                        }
                        Opcode::BINARY_OP_FLOAT => {
                            ip += caches!(BINARY_OP);
                            // SAFETY: as in `inline_binary`.
                            let (a, b) = unsafe { (&*sp.sub(2), &*sp.sub(1)) };
                            if let Some(r) = super::specialize::float_fast(a, b, oparg) {
                                // SAFETY: `float_fast` takes inline operands only (a
                                // float and a float or inline int): nothing to release.
                                unsafe {
                                    sp = sp.sub(1);
                                    sp.sub(1).write(Value::float(r));
                                }
                                continue 'fetch;
                            }
                            spill!();
                            self.binary_op_float_mixed(&code, lasti, oparg)
                        }
                        Opcode::BINARY_OP_ADD_UNICODE => {
                            ip += caches!(BINARY_OP);
                            spill!();
                            self.binary_op_add_unicode(&code, lasti, oparg)
                        }
                        Opcode::COMPARE_OP => {
                            ip += caches!(COMPARE_OP);
                            spill!();
                            self.compare_op_generic(oparg)
                        }
                        Opcode::COMPARE_OP_ADAPTIVE => {
                            ip += caches!(COMPARE_OP);
                            spill!();
                            self.compare_op_adaptive(&code, lasti, oparg)
                        }
                        // As with the arithmetic: two inline operands and a jump to fuse
                        // with stay in the loop.
                        Opcode::COMPARE_OP_INT_JUMP => {
                            ip += caches!(COMPARE_OP);
                            inline_compare_jump!('fetch, as_int, |x: i64, y: i64| CompareOp::from_arg(
                                oparg
                            )
                            .test(x.cmp(&y)));
                            spill!();
                            match self.compare_op_jump(
                                &code,
                                lasti,
                                ip,
                                oparg,
                                Opcode::COMPARE_OP_INT_JUMP,
                            ) {
                                Ok(next) => {
                                    ip = next;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                        Opcode::COMPARE_OP_FLOAT_JUMP => {
                            ip += caches!(COMPARE_OP);
                            inline_compare_jump!('fetch, as_float, |x: f64, y: f64| CompareOp::from_arg(
                                oparg
                            )
                            .test_floats(x, y));
                            spill!();
                            match self.compare_op_jump(
                                &code,
                                lasti,
                                ip,
                                oparg,
                                Opcode::COMPARE_OP_FLOAT_JUMP,
                            ) {
                                Ok(next) => {
                                    ip = next;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                        Opcode::COMPARE_OP_STR_JUMP => {
                            ip += caches!(COMPARE_OP);
                            spill!();
                            match self.compare_op_jump(&code, lasti, ip, oparg, op) {
                                Ok(next) => {
                                    ip = next;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                        Opcode::LOAD_ATTR => {
                            ip += caches!(LOAD_ATTR);
                            spill!();
                            self.load_attr_generic(&code, oparg)
                        }
                        Opcode::LOAD_ATTR_ADAPTIVE => {
                            ip += caches!(LOAD_ATTR);
                            spill!();
                            self.load_attr_adaptive(&code, lasti, oparg)
                        }
                        Opcode::LOAD_ATTR_INSTANCE_VALUE => {
                            ip += caches!(LOAD_ATTR);
                            attr_inline!('fetch, lasti, oparg, Opcode::LOAD_ATTR_INSTANCE_VALUE);
                            spill!();
                            self.load_attr_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_ATTR_WITH_HINT => {
                            ip += caches!(LOAD_ATTR);
                            attr_inline!('fetch, lasti, oparg, Opcode::LOAD_ATTR_WITH_HINT);
                            spill!();
                            self.load_attr_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_ATTR_MODULE => {
                            ip += caches!(LOAD_ATTR);
                            attr_inline!('fetch, lasti, oparg, Opcode::LOAD_ATTR_MODULE);
                            spill!();
                            self.load_attr_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_ATTR_CLASS => {
                            ip += caches!(LOAD_ATTR);
                            attr_inline!('fetch, lasti, oparg, Opcode::LOAD_ATTR_CLASS);
                            spill!();
                            self.load_attr_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_ATTR_INSTANCE_CLASS => {
                            ip += caches!(LOAD_ATTR);
                            attr_inline!('fetch, lasti, oparg, Opcode::LOAD_ATTR_INSTANCE_CLASS);
                            spill!();
                            self.load_attr_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_METHOD => {
                            ip += caches!(LOAD_METHOD);
                            spill!();
                            self.load_method_generic(&code, oparg)
                        }
                        Opcode::LOAD_METHOD_ADAPTIVE => {
                            ip += caches!(LOAD_METHOD);
                            spill!();
                            self.load_method_adaptive(&code, lasti, oparg)
                        }
                        Opcode::LOAD_METHOD_WITH_VALUES => {
                            ip += caches!(LOAD_METHOD);
                            method_inline!('fetch, lasti, oparg, Opcode::LOAD_METHOD_WITH_VALUES);
                            spill!();
                            self.load_method_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_METHOD_WITH_DICT => {
                            ip += caches!(LOAD_METHOD);
                            method_inline!('fetch, lasti, oparg, Opcode::LOAD_METHOD_WITH_DICT);
                            spill!();
                            self.load_method_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_METHOD_NO_DICT => {
                            ip += caches!(LOAD_METHOD);
                            method_inline!('fetch, lasti, oparg, Opcode::LOAD_METHOD_NO_DICT);
                            spill!();
                            self.load_method_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::LOAD_METHOD_MODULE => {
                            ip += caches!(LOAD_METHOD);
                            method_inline!('fetch, lasti, oparg, Opcode::LOAD_METHOD_MODULE);
                            spill!();
                            self.load_method_specialized(&code, lasti, oparg, op)
                        }
                        Opcode::STORE_ATTR => {
                            ip += caches!(STORE_ATTR);
                            spill!();
                            self.store_attr_generic(&code, oparg)
                        }
                        Opcode::STORE_ATTR_ADAPTIVE => {
                            ip += caches!(STORE_ATTR);
                            spill!();
                            self.store_attr_adaptive(&code, lasti, oparg)
                        }
                        Opcode::STORE_ATTR_INSTANCE_VALUE => {
                            ip += caches!(STORE_ATTR);
                            // The guards' hit on an instance without a dict stays in
                            // the loop.
                            // SAFETY: the object and the value are on the stack.
                            let obj = unsafe { &*sp.sub(1) };
                            if self.store_values_guard(
                                &code,
                                lasti,
                                obj,
                                &code.names[oparg as usize],
                            ) {
                                let obj = pop!();
                                let value = pop!();
                                let stored = match obj.downcast::<InstanceObj>() {
                                    Some(inst) => {
                                        inst.store_at(code.cache(lasti + 3) as usize, value)
                                    }
                                    None => Err(value),
                                };
                                match stored {
                                    // Dropped after the store: a finalizer may touch
                                    // the instance.
                                    Ok(old) => {
                                        drop(old);
                                        drop(obj);
                                        continue 'fetch;
                                    }
                                    // The instance has a dict by now: the handler's
                                    // way, with the stack as it was.
                                    Err(value) => {
                                        push!(value);
                                        push!(obj);
                                    }
                                }
                            }
                            spill!();
                            self.store_attr_instance(&code, lasti, oparg)
                        }
                        Opcode::STORE_ATTR_WITH_HINT => {
                            ip += caches!(STORE_ATTR);
                            spill!();
                            self.store_attr_with_hint(&code, lasti, oparg)
                        }
                        Opcode::BINARY_SUBSCR => {
                            ip += caches!(BINARY_SUBSCR);
                            spill!();
                            self.binary_subscr_generic()
                        }
                        Opcode::BINARY_SUBSCR_ADAPTIVE => {
                            ip += caches!(BINARY_SUBSCR);
                            spill!();
                            self.binary_subscr_adaptive(&code, lasti)
                        }
                        // A list or tuple item by an in-range inline int stays in the loop.
                        Opcode::BINARY_SUBSCR_LIST_INT => {
                            ip += caches!(BINARY_SUBSCR);
                            sequence_item_inline!('fetch, Opcode::BINARY_SUBSCR_LIST_INT);
                            spill!();
                            self.binary_subscr_specialized(&code, lasti, op)
                        }
                        Opcode::BINARY_SUBSCR_TUPLE_INT => {
                            ip += caches!(BINARY_SUBSCR);
                            sequence_item_inline!('fetch, Opcode::BINARY_SUBSCR_TUPLE_INT);
                            spill!();
                            self.binary_subscr_specialized(&code, lasti, op)
                        }
                        Opcode::BINARY_SUBSCR_DICT => {
                            ip += caches!(BINARY_SUBSCR);
                            spill!();
                            self.binary_subscr_specialized(&code, lasti, op)
                        }
                        Opcode::STORE_SUBSCR => {
                            ip += caches!(STORE_SUBSCR);
                            spill!();
                            self.store_subscr_generic()
                        }
                        Opcode::STORE_SUBSCR_ADAPTIVE => {
                            ip += caches!(STORE_SUBSCR);
                            spill!();
                            self.store_subscr_adaptive(&code, lasti)
                        }
                        Opcode::STORE_SUBSCR_LIST_INT => {
                            ip += caches!(STORE_SUBSCR);
                            // SAFETY: the value, the container and the key are on the stack.
                            let (container, key) = unsafe { (&*sp.sub(2), &*sp.sub(1)) };
                            if let Ok(Some(p)) = self.list_store_position(container, key) {
                                // SAFETY: the three values are moved off the stack; the
                                // key is an inline int, so it is dropped unread.
                                let (container, value) = unsafe {
                                    sp = sp.sub(3);
                                    (sp.add(1).read(), sp.read())
                                };
                                super::specialize::store_list_item(&container, p, value);
                                // SAFETY: a list: a pointer.
                                unsafe { container.drop_known_ptr() };
                                continue 'fetch;
                            }
                            spill!();
                            self.store_subscr_specialized(&code, lasti, op)
                        }
                        Opcode::STORE_SUBSCR_DICT => {
                            ip += caches!(STORE_SUBSCR);
                            spill!();
                            self.store_subscr_specialized(&code, lasti, op)
                        }
                        Opcode::UNPACK_SEQUENCE => {
                            ip += caches!(UNPACK_SEQUENCE);
                            spill!();
                            self.op_unpack_sequence(oparg as usize)
                        }
                        Opcode::UNPACK_SEQUENCE_ADAPTIVE => {
                            ip += caches!(UNPACK_SEQUENCE);
                            spill!();
                            self.unpack_sequence_adaptive(&code, lasti, oparg as usize)
                        }
                        Opcode::UNPACK_SEQUENCE_TWO_TUPLE => {
                            ip += caches!(UNPACK_SEQUENCE);
                            // SAFETY: the sequence is on the stack.
                            let seq = unsafe { &*sp.sub(1) };
                            if let Some(items) = seq.as_tuple().filter(|t| t.len() == 2) {
                                let (first, second) = (items[0].clone(), items[1].clone());
                                // SAFETY: the tuple is moved off its slot, which takes
                                // the second item; the first goes above it (the net
                                // push of one is within the frame's declared depth).
                                let seq = unsafe {
                                    let seq = sp.sub(1).read();
                                    sp.sub(1).write(second);
                                    seq
                                };
                                push!(first);
                                drop(seq);
                                continue 'fetch;
                            }
                            spill!();
                            self.unpack_sequence_specialized(&code, lasti, oparg as usize, op)
                        }
                        Opcode::UNPACK_SEQUENCE_TUPLE | Opcode::UNPACK_SEQUENCE_LIST => {
                            ip += caches!(UNPACK_SEQUENCE);
                            spill!();
                            self.unpack_sequence_specialized(&code, lasti, oparg as usize, op)
                        }
                        Opcode::POP_JUMP_FORWARD_IF_FALSE
                        | Opcode::POP_JUMP_FORWARD_IF_TRUE
                        | Opcode::POP_JUMP_BACKWARD_IF_FALSE
                        | Opcode::POP_JUMP_BACKWARD_IF_TRUE => {
                            let v = pop!();
                            let t = match v.as_bool() {
                                Some(b) => b,
                                None => {
                                    spill!();
                                    match self.is_true(&v) {
                                        Ok(t) => t,
                                        Err(e) => break Err(e),
                                    }
                                }
                            };
                            drop(v);
                            let want = matches!(
                                op,
                                Opcode::POP_JUMP_FORWARD_IF_TRUE
                                    | Opcode::POP_JUMP_BACKWARD_IF_TRUE
                            );
                            if t == want {
                                ip = jump(ip, op, oparg);
                            }
                            poll_backward!('decoded, lasti);
                            continue 'fetch;
                        }
                        Opcode::POP_JUMP_FORWARD_IF_NONE
                        | Opcode::POP_JUMP_FORWARD_IF_NOT_NONE
                        | Opcode::POP_JUMP_BACKWARD_IF_NONE
                        | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE => {
                            let v = pop!();
                            let want_none = matches!(
                                op,
                                Opcode::POP_JUMP_FORWARD_IF_NONE
                                    | Opcode::POP_JUMP_BACKWARD_IF_NONE
                            );
                            if v.is_none() == want_none {
                                ip = jump(ip, op, oparg);
                            }
                            drop(v);
                            poll_backward!('decoded, lasti);
                            continue 'fetch;
                        }
                        Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                            spill!();
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
                            continue 'fetch;
                        }
                        Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_QUICK => {
                            ip = jump(ip, op, oparg);
                            if super::breaker::pending() != 0 {
                                spill!();
                                break self.handle_breaker(ip, lasti);
                            }
                            continue 'fetch;
                        }
                        // The next item of a list or range iterator stays in the loop.
                        Opcode::FOR_ITER_LIST | Opcode::FOR_ITER_RANGE => {
                            // SAFETY: the iterator is on the stack.
                            let it = unsafe { &*sp.sub(1) };
                            match super::specialize::step_specialized(it, op) {
                                super::specialize::Step::Item(v) => {
                                    push!(v);
                                    continue 'fetch;
                                }
                                super::specialize::Step::Int(i) => {
                                    push!(self.new_int(i));
                                    continue 'fetch;
                                }
                                super::specialize::Step::Exhausted => {
                                    drop(pop!());
                                    ip += oparg as usize;
                                    finalize_dropped!(lasti);
                                    continue 'fetch;
                                }
                                super::specialize::Step::Miss => {
                                    spill!();
                                    match self.for_iter_specialized(&code, lasti, ip, oparg, op) {
                                        Ok(next) => {
                                            ip = next;
                                            Ok(())
                                        }
                                        Err(e) => Err(e),
                                    }
                                }
                            }
                        }
                        Opcode::FOR_ITER | Opcode::FOR_ITER_ADAPTIVE => {
                            spill!();
                            if self
                                .stack
                                .last()
                                .is_some_and(|it| it.is_kind::<Generator>())
                            {
                                if let Some(frame) = self.frames.last_mut() {
                                    frame.ip = ip;
                                    frame.lasti = lasti;
                                }
                                let gen = self.top();
                                let exhausted = ip + oparg as usize;
                                let on_return = OnReturn::ForIter { exhausted };
                                if self.resume_in_loop(&gen, Value::NONE, on_return).is_none() {
                                    continue 'frame;
                                }
                            }
                            let next = if op == Opcode::FOR_ITER {
                                self.for_iter_generic(ip, oparg)
                            } else {
                                self.for_iter_adaptive(&code, lasti, ip, oparg)
                            };
                            match next {
                                Ok(next) => {
                                    ip = next;
                                    Ok(())
                                }
                                Err(e) => Err(e),
                            }
                        }
                        Opcode::RETURN_VALUE => {
                            let v = pop!();
                            spill!();
                            let Some(frame) = self.frames.last() else {
                                return Ok(v);
                            };
                            let (call_base, is_entry) = (frame.call_base, frame.is_entry);
                            let (resumed_in_loop, is_init) = (frame.resumed_in_loop, frame.is_init);
                            // Locals first, then the record (dropped in place, not moved
                            // out first), as CPython clears a frame.
                            self.stack.truncate(call_base);
                            self.frames.truncate(self.frames.len() - 1);
                            if resumed_in_loop {
                                self.finish_in_loop(v);
                                if crate::objects::generator::finalizers_pending() {
                                    self.run_finalizers();
                                }
                                continue 'frame;
                            }
                            if crate::objects::generator::finalizers_pending() {
                                self.run_finalizers();
                            }
                            if is_init {
                                // The instance below is the call's result.
                                if !v.is_none() {
                                    let msg = format!(
                                        "__init__() should return None, not '{}'",
                                        self.type_name(&v)
                                    );
                                    let exc = self.type_error(&msg);
                                    // Raised by the caller's CALL, whose position is saved.
                                    self.unwind(exc, true, true)?;
                                }
                                continue 'frame;
                            }
                            if is_entry {
                                return Ok(v);
                            }
                            self.stack.push(v);
                            continue 'frame;
                        }
                        Opcode::LOAD_GLOBAL => {
                            spill!();
                            ip += caches!(LOAD_GLOBAL);
                            self.load_global_generic(&code, oparg)
                        }
                        Opcode::LOAD_GLOBAL_ADAPTIVE => {
                            spill!();
                            ip += caches!(LOAD_GLOBAL);
                            self.load_global_adaptive(&code, lasti, oparg)
                        }
                        Opcode::LOAD_GLOBAL_MODULE => {
                            ip += caches!(LOAD_GLOBAL);
                            load_global_inline!('fetch, lasti, oparg, Opcode::LOAD_GLOBAL_MODULE);
                            spill!();
                            self.load_global_specialized(
                                &code,
                                lasti,
                                oparg,
                                Opcode::LOAD_GLOBAL_MODULE,
                            )
                        }
                        Opcode::LOAD_GLOBAL_BUILTIN => {
                            ip += caches!(LOAD_GLOBAL);
                            load_global_inline!('fetch, lasti, oparg, Opcode::LOAD_GLOBAL_BUILTIN);
                            spill!();
                            self.load_global_specialized(
                                &code,
                                lasti,
                                oparg,
                                Opcode::LOAD_GLOBAL_BUILTIN,
                            )
                        }
                        Opcode::RETURN_GENERATOR => {
                            spill!();
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
                            spill!();
                            let v = self.pop();
                            let Some(mut frame) = self.frames.pop() else {
                                return Ok(v);
                            };
                            frame.ip = ip;
                            frame.lasti = lasti;
                            if frame.resumed_in_loop {
                                self.suspend_in_loop(frame);
                                self.stack.push(v);
                                continue 'frame;
                            }
                            let segment = self.stack.split_off(frame.base.min(self.stack.len()));
                            self.stack.truncate(frame.call_base);
                            self.yielded = Some((frame, segment));
                            return Ok(v);
                        }
                        Opcode::SEND => {
                            spill!();
                            let v = self.pop();
                            let receiver = self.top();
                            if let Some(frame) = self.frames.last_mut() {
                                frame.ip = ip;
                                frame.lasti = lasti;
                            }
                            let after = ip + oparg as usize;
                            let Some(v) =
                                self.resume_in_loop(&receiver, v, OnReturn::Send { after })
                            else {
                                continue 'frame;
                            };
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
                            self.kwnames = code.consts[oparg as usize].clone();
                            continue 'fetch;
                        }
                        Opcode::PRECALL_ADAPTIVE => {
                            spill!();
                            ip += caches!(PRECALL);
                            let names = self.kwnames.clone();
                            self.precall_adaptive(&code, lasti, oparg as usize, &names);
                            Ok(())
                        }
                        Opcode::PRECALL_NO_KW_LEN
                        | Opcode::PRECALL_NO_KW_ISINSTANCE
                        | Opcode::PRECALL_NO_KW_BUILTIN_FAST
                        | Opcode::PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST
                        | Opcode::PRECALL_NO_KW_TYPE_1
                        | Opcode::PRECALL_NO_KW_STR_1
                        | Opcode::PRECALL_NO_KW_TUPLE_1
                        | Opcode::PRECALL_BUILTIN_CLASS => {
                            spill!();
                            ip += caches!(PRECALL);
                            // These make the whole call, so they do what CALL does first.
                            if let Some(frame) = self.frames.last_mut() {
                                frame.ip = ip;
                                frame.lasti = lasti;
                            }
                            if let Err(e) = self.poll_breaker(ip, lasti) {
                                self.unwind(e, true, true)?;
                                continue 'frame;
                            }
                            let names = self.kwnames.clone();
                            match self.precall_builtin(&code, lasti, oparg as usize, &names, op) {
                                Some(Ok(next)) => {
                                    ip = next;
                                    Ok(())
                                }
                                Some(Err(e)) => Err(e),
                                None => Ok(()),
                            }
                        }
                        Opcode::CALL
                        | Opcode::CALL_ADAPTIVE
                        | Opcode::CALL_PY_EXACT_ARGS
                        | Opcode::CALL_PY_WITH_DEFAULTS => {
                            spill!();
                            ip += caches!(CALL);
                            let names = std::mem::replace(&mut self.kwnames, Value::NULL);
                            if let Some(frame) = self.frames.last_mut() {
                                frame.ip = ip;
                                frame.lasti = lasti;
                            }
                            if let Err(e) = self.poll_breaker(ip, lasti) {
                                self.unwind(e, true, true)?;
                                continue 'frame;
                            }
                            let argc = oparg as usize;
                            let flow = match op {
                                Opcode::CALL_PY_EXACT_ARGS | Opcode::CALL_PY_WITH_DEFAULTS => {
                                    self.call_py(&code, lasti, argc, &names, op)
                                }
                                Opcode::CALL_ADAPTIVE => {
                                    self.call_adaptive(&code, lasti, argc, &names)
                                }
                                _ => self.op_call(argc, &names),
                            };
                            match flow {
                                Ok(super::eval::Flow::Continue) => Ok(()),
                                Ok(super::eval::Flow::Reload) => continue 'frame,
                                Err(e) => Err(e),
                            }
                        }
                        _ => {
                            ip += CACHE_UNITS[op as usize] as usize;
                            spill!();
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
                };
                // Every arm that gets here made `self.stack` current first.
                sp = self.stack.top_ptr();
                if let Err(exc) = result {
                    // An error between `KW_NAMES` and its `CALL` leaves the names unused.
                    self.kwnames = Value::NULL;
                    if let Some(frame) = self.frames.last_mut() {
                        frame.ip = ip;
                        frame.lasti = lasti;
                    }
                    // RERAISE and a bare `raise` keep the traceback as it is (CPython
                    // jumps straight to exception_unwind for both). The instruction is
                    // read again here so the hot path need not keep `op` and `oparg` alive
                    // (both fit one unit for the two instructions that matter here).
                    let (op, oparg) = instrs
                        .get(lasti)
                        .map_or((Opcode::NOP, 0), |u| (u.get().op, u.get().arg as u32));
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

/// The operand of the unit at `ip`: the second half of a superinstruction, which
/// `quicken` only forms when that unit exists (and verified before fusing).
#[inline(always)]
fn next_unit_arg(instrs: &[std::cell::Cell<crate::objects::function::Instr>], ip: usize) -> usize {
    instrs.get(ip).map_or(0, |u| u.get().arg as usize)
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
            Opcode::DELETE_ATTR => {
                let obj = self.pop();
                self.del_attr(&obj, &code.names[n])?;
            }
            // `__slots__` members: rarer than the values forms, so not in the loop.
            Opcode::LOAD_ATTR_SLOT | Opcode::STORE_ATTR_SLOT => {
                let at = self.frames.last().map_or(0, |f| f.lasti);
                if op == Opcode::LOAD_ATTR_SLOT {
                    self.load_attr_slot(code, at, oparg)?;
                } else {
                    self.store_attr_slot(code, at, oparg)?;
                }
            }
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
            Opcode::BUILD_LIST => self.op_build_list(n),
            Opcode::BUILD_SET => self.op_build_set(n)?,
            Opcode::BUILD_MAP => self.op_build_map(n)?,
            Opcode::BUILD_CONST_KEY_MAP => self.op_build_const_key_map(n)?,
            Opcode::BUILD_STRING => self.op_build_string(n),
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
            Opcode::UNPACK_EX => self.op_unpack_ex(n)?,
            Opcode::MAKE_FUNCTION => self.op_make_function(n)?,
            // binary.rs
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
            // except_star.rs
            Opcode::CHECK_EG_MATCH => self.op_check_eg_match()?,
            Opcode::PREP_RERAISE_STAR => self.op_prep_reraise_star()?,
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
