//! Call specializations, split as in CPython 3.11: `CALL_PY_EXACT_ARGS` pushes the
//! frame of a Python function called with exactly its positional parameters;
//! `CALL_PY_WITH_DEFAULTS` also pushes the trailing defaults it needs; the
//! `PRECALL` forms run calls of builtins whole (then skip the `CALL`):
//! `PRECALL_NO_KW_LEN` (`len(x)` straight to the length protocol),
//! `PRECALL_NO_KW_ISINSTANCE`, `PRECALL_NO_KW_BUILTIN_FAST` (a builtin function)
//! and `PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST` (a builtin method loaded by
//! `LOAD_METHOD`, its receiver first among the arguments). A site calling Python
//! code settles on the no-op `PRECALL_PYFUNC`/`PRECALL_BOUND_METHOD` and stops
//! counting; a later builtin there is still called correctly by `CALL`, just not
//! specialized.
//!
//! Stack below a call of `argc` arguments, from `a = len - argc - 2`: either
//! `NULL, callable, args...` or `method, self, args...` (after `LOAD_METHOD`).

use bytecode::Opcode;

use super::{adaptive_due, miss, settle};
use crate::interp::eval::Flow;
use crate::interp::Vm;
use crate::objects::{Builtin, Code, MethodObj};
use crate::value::Value;
use crate::PyResult;

/// When a simple function (positional parameters only) called with `nargs`
/// positional arguments gets the rest from its defaults: the index of the first
/// default used.
#[inline(always)]
fn defaults_cover(f: &crate::objects::Function, nargs: usize) -> Option<usize> {
    let argcount = f.code.exact_argcount;
    let defaults = f.defaults.as_tuple()?;
    let first_defaulted = argcount.checked_sub(defaults.len())?;
    (nargs < argcount && nargs >= first_defaulted).then(|| nargs - first_defaulted)
}

/// The no-op `PRECALL` form for a site seen calling Python code: `CALL` binds
/// functions and unpacks bound methods itself, so nothing needs guarding here and
/// the site just stops counting (the cost CPython's `PRECALL_PYFUNC` and
/// `PRECALL_BOUND_METHOD` avoid too).
fn python_callee(callable: &Value) -> Option<Opcode> {
    if callable.as_function().is_some() {
        Some(Opcode::PRECALL_PYFUNC)
    } else if callable.as_method().is_some() {
        Some(Opcode::PRECALL_BOUND_METHOD)
    } else {
        None
    }
}

/// Code units from a `PRECALL` to the instruction after its `CALL`.
const PRECALL_TO_AFTER_CALL: usize = 2 + 1 + Opcode::CALL.cache_entries() as usize;

impl Vm {
    /// Unpacks `NULL, bound method` into `function, self` as the generic `CALL` does;
    /// returns (callable index, first argument index, call base).
    #[inline(always)]
    fn call_layout(&mut self, argc: usize) -> Option<(usize, usize, usize)> {
        let a = self.stack.len().checked_sub(argc + 2)?;
        if self.stack[a].is_null() {
            if let Some(MethodObj { func, this }) = self.stack[a + 1].downcast::<MethodObj>() {
                let (f, t) = (func.clone(), this.clone());
                self.stack[a] = f;
                self.stack[a + 1] = t;
                return Some((a, a + 1, a));
            }
            return Some((a + 1, a + 2, a));
        }
        Some((a, a + 1, a))
    }

    pub(crate) fn call_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        argc: usize,
        kwnames: &Value,
    ) -> PyResult<Flow> {
        if adaptive_due(code, Opcode::CALL_ADAPTIVE, at) {
            let choice = match self.call_layout(argc) {
                Some((c, args, _)) if kwnames.is_null() => {
                    let nargs = self.stack.len() - args;
                    match self.stack[c].as_function() {
                        Some(f) if f.code.exact_argcount == nargs => {
                            Some(Opcode::CALL_PY_EXACT_ARGS)
                        }
                        Some(f) if defaults_cover(f, nargs).is_some() => {
                            Some(Opcode::CALL_PY_WITH_DEFAULTS)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            settle(code, at, Opcode::CALL_ADAPTIVE, choice);
        }
        self.op_call(argc, kwnames)
    }

    /// `CALL_PY_EXACT_ARGS` and `CALL_PY_WITH_DEFAULTS`: the arguments (then the
    /// missing trailing defaults) become the callee's first locals in place.
    #[inline(always)]
    pub(crate) fn call_py(
        &mut self,
        code: &Code,
        at: usize,
        argc: usize,
        kwnames: &Value,
        op: Opcode,
    ) -> PyResult<Flow> {
        if kwnames.is_null() {
            if let Some((c, args_start, call_base)) = self.call_layout(argc) {
                let nargs = self.stack.len() - args_start;
                let callable = self.stack[c].clone();
                if let Some(f) = callable.as_function() {
                    let defaults_from = if op == Opcode::CALL_PY_EXACT_ARGS {
                        (f.code.exact_argcount == nargs).then_some(usize::MAX)
                    } else {
                        defaults_cover(f, nargs)
                    };
                    if let Some(from) = defaults_from {
                        self.check_depth(&f.code)?;
                        let (callee, globals) = (f.code.clone(), f.globals.clone());
                        let mut filled = nargs;
                        if let Some(defaults) = f.defaults.as_tuple().and_then(|d| d.get(from..)) {
                            self.stack.extend(defaults.iter().cloned());
                            filled += defaults.len();
                        }
                        for _ in filled..callee.nlocalsplus() {
                            self.stack.push(Value::NULL);
                        }
                        self.push_frame_record(
                            callee,
                            args_start,
                            call_base,
                            globals,
                            Value::NULL,
                            callable,
                            false,
                        );
                        return Ok(Flow::Reload);
                    }
                }
            }
        }
        miss(code, at);
        self.op_call(argc, kwnames)
    }

    /// `PRECALL_ADAPTIVE`: only counts and specializes; the `CALL` does the work.
    pub(crate) fn precall_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        argc: usize,
        kwnames: &Value,
    ) {
        if !adaptive_due(code, Opcode::PRECALL_ADAPTIVE, at) {
            return;
        }
        // The call is skipped by jumping over a `CALL` right after the cache (an
        // `EXTENDED_ARG` there would need decoding: left unspecialized).
        let call_next = code.op_at(at + 2).family() == Opcode::CALL;
        let choice = match self.stack.len().checked_sub(argc + 2) {
            // Keyword calls of Python code also settle (nothing to do before them).
            Some(a) if !kwnames.is_null() => {
                let callee = &self.stack[a + 1];
                if self.stack[a].is_null() {
                    python_callee(callee)
                } else {
                    self.stack[a].as_function().map(|_| Opcode::PRECALL_PYFUNC)
                }
            }
            Some(a) if call_next => {
                let (first, second) = (&self.stack[a], &self.stack[a + 1]);
                if first.is_null() {
                    match second.as_builtin() {
                        Some(b) if b.this.is_null() && !b.is_method => Some(match (b.name, argc) {
                            ("len", 1) => Opcode::PRECALL_NO_KW_LEN,
                            ("isinstance", 2) => Opcode::PRECALL_NO_KW_ISINSTANCE,
                            _ => Opcode::PRECALL_NO_KW_BUILTIN_FAST,
                        }),
                        _ => self
                            .builtin_class_call(second, argc)
                            .or_else(|| python_callee(second)),
                    }
                } else if first.as_function().is_some() {
                    Some(Opcode::PRECALL_PYFUNC)
                } else {
                    first
                        .as_builtin()
                        .filter(|b| b.this.is_null() && b.is_method)
                        .map(|_| Opcode::PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST)
                }
            }
            _ => None,
        };
        settle(code, at, Opcode::PRECALL_ADAPTIVE, choice);
    }

    /// The specialization of a call of builtin class `cls` with `argc` positional
    /// arguments: `type(x)`, `str(x)`, `tuple(x)`, or any other builtin class.
    fn builtin_class_call(&self, cls: &Value, argc: usize) -> Option<Opcode> {
        let t = cls.as_type()?;
        if !t.is_builtin() {
            return None;
        }
        Some(match argc {
            1 if cls.is(&self.types.type_) => Opcode::PRECALL_NO_KW_TYPE_1,
            1 if cls.is(&self.types.str) => Opcode::PRECALL_NO_KW_STR_1,
            1 if cls.is(&self.types.tuple) => Opcode::PRECALL_NO_KW_TUPLE_1,
            _ => Opcode::PRECALL_BUILTIN_CLASS,
        })
    }

    /// The values from slot `start` to the top of the stack, lent as the arguments of
    /// a native call without copying them out (CPython's vectorcall passes a pointer
    /// into its stack the same way). The buffer never moves, and a native callee only
    /// pushes above the top it was called with (nested frames included) and pops back
    /// to it, so the values stay live and in place for the call.
    ///
    /// # Safety
    /// The slice is used only for a call made with the stack as it is now, and
    /// dropped before the caller pops those values.
    unsafe fn stack_args<'a>(&self, start: usize) -> &'a [Value] {
        let n = self.stack.len().saturating_sub(start);
        // SAFETY: slots `start..start + n` are live values below the top, per the
        // contract for the slice's whole use.
        unsafe { std::slice::from_raw_parts(self.stack.slot_ptr(start), n) }
    }

    /// A call made at its `PRECALL`: the callable and arguments (from `a` up) give way
    /// to the result, and the loop goes on after the `CALL`.
    fn precall_made(
        &mut self,
        a: usize,
        result: PyResult<Value>,
        after_call: usize,
    ) -> PyResult<usize> {
        let v = result?;
        let n = self.stack.len() - a;
        self.set_top_n(n, v);
        Ok(after_call)
    }

    /// `PRECALL_NO_KW_TYPE_1`, `_STR_1`, `_TUPLE_1` and `PRECALL_BUILTIN_CLASS`: the
    /// whole call of a builtin class. `Some(ip)` (after the `CALL`) when made here;
    /// `None` on a miss, when the `CALL` runs it.
    fn precall_builtin_class(
        &mut self,
        code: &Code,
        at: usize,
        argc: usize,
        kwnames: &Value,
        op: Opcode,
    ) -> Option<PyResult<usize>> {
        let after_call = at + PRECALL_TO_AFTER_CALL;
        let a = self.stack.len().checked_sub(argc + 2)?;
        let cls = &self.stack[a + 1];
        let fits = kwnames.is_null()
            && self.stack[a].is_null()
            && match op {
                Opcode::PRECALL_NO_KW_TYPE_1 => argc == 1 && cls.is(&self.types.type_),
                Opcode::PRECALL_NO_KW_STR_1 => argc == 1 && cls.is(&self.types.str),
                Opcode::PRECALL_NO_KW_TUPLE_1 => argc == 1 && cls.is(&self.types.tuple),
                _ => cls.as_type().is_some_and(|t| t.is_builtin()),
            };
        if !fits {
            miss(code, at);
            return None;
        }
        let cls = cls.clone();
        let result = match op {
            Opcode::PRECALL_NO_KW_TYPE_1 => {
                let arg = &self.stack[a + 2];
                Ok(self.type_of(arg).clone())
            }
            // The class's own constructor, as the generic call would run it.
            _ => {
                // SAFETY: the arguments stay on the stack below its top for the call.
                let args = unsafe { self.stack_args(a + 2) };
                crate::objects::class::type_call(self, &cls, args, &[])
            }
        };
        Some(self.precall_made(a, result, after_call))
    }

    /// The `PRECALL_NO_KW_*` forms. `Some(ip)` when the call was made here (the ip
    /// after the `CALL`); `None` on a miss, when the `CALL` runs it.
    #[inline(always)]
    pub(crate) fn precall_builtin(
        &mut self,
        code: &Code,
        at: usize,
        argc: usize,
        kwnames: &Value,
        op: Opcode,
    ) -> Option<PyResult<usize>> {
        if matches!(
            op,
            Opcode::PRECALL_NO_KW_TYPE_1
                | Opcode::PRECALL_NO_KW_STR_1
                | Opcode::PRECALL_NO_KW_TUPLE_1
                | Opcode::PRECALL_BUILTIN_CLASS
        ) {
            return self.precall_builtin_class(code, at, argc, kwnames, op);
        }
        let after_call = at + PRECALL_TO_AFTER_CALL;
        let a = self.stack.len().checked_sub(argc + 2)?;
        let method_form = op == Opcode::PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST;
        let (callable, args_start) = if method_form {
            (&self.stack[a], a + 1)
        } else {
            (&self.stack[a + 1], a + 2)
        };
        let fits = kwnames.is_null()
            && self.stack[a].is_null() != method_form
            && callable.as_builtin().is_some_and(|b| {
                b.this.is_null()
                    && b.is_method == method_form
                    && match op {
                        Opcode::PRECALL_NO_KW_LEN => b.name == "len" && argc == 1,
                        Opcode::PRECALL_NO_KW_ISINSTANCE => b.name == "isinstance" && argc == 2,
                        _ => true,
                    }
            });
        if !fits {
            miss(code, at);
            return None;
        }
        let func = callable.as_builtin().map(|b: &Builtin| b.func)?;
        let result = if op == Opcode::PRECALL_NO_KW_LEN {
            let arg = self.stack[a + 2].clone();
            self.len(&arg).map(|n| self.new_int(n as i64))
        } else {
            // SAFETY: the arguments stay on the stack below its top for the call.
            let args = unsafe { self.stack_args(args_start) };
            func(self, args, &[])
        };
        Some(self.precall_made(a, result, after_call))
    }
}
