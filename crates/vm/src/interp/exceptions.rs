//! Raising and unwinding: `RAISE_VARARGS`, exception-table lookup, traceback entries,
//! implicit chaining (`__context__`), `except` matching, and `with` blocks.

use super::Vm;
use crate::objects::exception::TracebackEntry;
use crate::objects::ExceptionData;
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// Propagates `exc` from the current frame: records a traceback entry (unless this
    /// is a re-raise), then either jumps to the covering handler of the exception table
    /// (`Ok`) or pops frames until an entry frame returns it (`Err`).
    /// `set_context` is true where CPython's `_PyErr_SetObject` runs: at a `raise`
    /// statement or where native code raises, not when an exception merely leaves a
    /// callee frame.
    pub(crate) fn unwind(
        &mut self,
        mut exc: Value,
        mut add_tb: bool,
        set_context: bool,
    ) -> PyResult<()> {
        if set_context {
            self.set_implicit_context(&exc);
        }
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(exc);
            };
            if add_tb {
                if let Some(data) = exc.as_exception() {
                    data.traceback.borrow_mut().push(TracebackEntry {
                        code: frame.code.clone(),
                        lasti: frame.lasti,
                    });
                }
            }
            if let Some(h) = frame.code.handler_for(frame.lasti).copied() {
                let depth = frame.base + frame.code.nlocalsplus() + h.depth as usize;
                frame.ip = h.target as usize;
                let lasti = frame.lasti;
                self.stack.truncate(depth);
                if h.lasti {
                    let v = self.new_int(lasti as i64);
                    self.stack.push(v);
                }
                self.stack.push(exc);
                return Ok(());
            }
            let Some(frame) = self.frames.pop() else {
                return Err(exc);
            };
            self.stack.truncate(frame.call_base);
            if frame.resumed_in_loop {
                exc = self.abandon_in_loop(exc);
            }
            if frame.is_entry {
                return Err(exc);
            }
            add_tb = true;
        }
    }

    /// CPython sets `__context__` to the exception being handled when a new one is
    /// raised, unless that would create a cycle.
    fn set_implicit_context(&mut self, exc: &Value) {
        let handling = self.exc_info.clone();
        if handling.is_none() || handling.is_null() || handling.is(exc) {
            return;
        }
        let Some(data) = exc.as_exception() else {
            return;
        };
        if !data.context.borrow().is_none() {
            return;
        }
        // Break a cycle: if `exc` is already in handling's context chain, cut it there.
        let mut cur = handling.clone();
        while let Some(d) = cur.as_exception() {
            let next = d.context.borrow().clone();
            if next.is(exc) {
                if let Some(d) = cur.as_exception() {
                    *d.context.borrow_mut() = Value::NONE;
                }
                break;
            }
            if next.is_none() {
                break;
            }
            cur = next;
        }
        *data.context.borrow_mut() = handling;
    }

    /// `RAISE_VARARGS`: returns the exception to propagate.
    pub(super) fn op_raise(&mut self, argc: usize) -> Value {
        match argc {
            0 => {
                let exc = self.exc_info.clone();
                if exc.is_none() || exc.is_null() {
                    return self.runtime_error("No active exception to reraise");
                }
                exc
            }
            1 => {
                let v = self.pop();
                self.make_raisable(&v)
            }
            _ => {
                let cause = self.pop();
                let v = self.pop();
                let exc = self.make_raisable(&v);
                if exc.as_exception().is_none() {
                    return exc;
                }
                let cause = if cause.is_none() {
                    cause
                } else {
                    self.make_raisable(&cause)
                };
                if let Some(d) = exc.as_exception() {
                    *d.cause.borrow_mut() = cause;
                    d.suppress_context.set(true);
                }
                exc
            }
        }
    }

    /// `raise X`: an instance is raised as is, a class is instantiated; anything else is
    /// a TypeError.
    fn make_raisable(&mut self, v: &Value) -> Value {
        if v.as_exception().is_some() {
            return v.clone();
        }
        if v.as_type().is_some() && self.is_subclass(v, &self.types.base_exception.clone()) {
            return match self.call(v, &[]) {
                Ok(exc) if exc.as_exception().is_some() => exc,
                Ok(_) => self.type_error("calling exception class did not return an exception"),
                Err(e) => e,
            };
        }
        self.type_error("exceptions must derive from BaseException")
    }

    /// `except T:` matching; `T` may be a tuple of classes.
    pub(crate) fn exception_matches(&mut self, exc: &Value, ty: &Value) -> PyResult<bool> {
        if let Some(items) = ty.as_tuple() {
            for t in items {
                if self.exception_matches(exc, t)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let base_exc = self.types.base_exception.clone();
        if ty.as_type().is_none() || !self.is_subclass(ty, &base_exc) {
            return Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        let exc_ty = self.type_of(exc).clone();
        Ok(self.is_subclass(&exc_ty, ty))
    }

    /// `BEFORE_WITH`: pushes `__exit__` (bound) and the result of `__enter__()`.
    pub(super) fn op_before_with(&mut self) -> PyResult<()> {
        let mgr = self.pop();
        let ty = self.type_of(&mgr).clone();
        let (Some(enter), exit) = (
            self.type_lookup(&ty, "__enter__"),
            self.type_lookup(&ty, "__exit__"),
        ) else {
            let msg = format!(
                "'{}' object does not support the context manager protocol",
                self.type_name(&mgr)
            );
            return Err(self.type_error(&msg));
        };
        let Some(exit) = exit else {
            let msg = format!(
                "'{}' object does not support the context manager protocol (missed __exit__ method)",
                self.type_name(&mgr)
            );
            return Err(self.type_error(&msg));
        };
        let enter = self.bind_method(enter, &mgr);
        let exit = self.bind_method(exit, &mgr);
        self.push(exit);
        let r = self.call(&enter, &[])?;
        self.push(r);
        Ok(())
    }

    /// `WITH_EXCEPT_START`: calls `__exit__(type, value, tb)` with the exception on top;
    /// the stack is `[exit, lasti, prev_exc, exc]`.
    pub(super) fn op_with_except_start(&mut self) -> PyResult<()> {
        let exc = self.peek(1).clone();
        let exit = self.peek(4).clone();
        let ty = self.type_of(&exc).clone();
        let r = self.call(&exit, &[ty, exc, Value::NONE])?;
        self.push(r);
        Ok(())
    }

    pub(super) fn op_setup_annotations(&mut self) -> PyResult<()> {
        let locals = self
            .frames
            .last()
            .map(|f| f.locals.clone())
            .unwrap_or(Value::NULL);
        let key = self.new_str("__annotations__");
        if self.dict_get(&locals, &key)?.is_none() {
            let d = self.new_dict();
            self.dict_set(&locals, key, d)?;
        }
        Ok(())
    }

    /// Whether `v` is an exception instance whose type is in `ObjKind::Exception`.
    pub fn is_exception(&self, v: &Value) -> bool {
        v.is_kind::<ExceptionData>()
    }
}
