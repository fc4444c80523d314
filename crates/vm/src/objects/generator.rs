//! Generators: a suspended frame record plus its saved stack segment.
//!
//! `RETURN_GENERATOR` moves a fresh frame off the value stack into a generator;
//! each `send` copies the segment back on top of the stack, re-bases the frame and
//! runs it as an entry frame until `YIELD_VALUE` (which moves it off again) or
//! `RETURN_VALUE` (which finishes the generator).

use std::cell::RefCell;
use std::rc::Rc;

use crate::interp::{Frame, Vm};
use crate::objects::{new_object, NativeFn, Trace};
use crate::value::Value;
use crate::PyResult;

pub struct GenState {
    /// The suspended frame and its locals + evaluation stack; `None` once finished.
    pub suspended: Option<(Frame, Vec<Value>)>,
    pub running: bool,
    /// The generator's own "exception being handled" (CPython's `gi_exc_state`),
    /// swapped with the VM's while it runs.
    pub exc_state: Value,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
}

pub struct Generator {
    pub state: RefCell<GenState>,
}

thread_local! {
    /// Suspended generators whose last reference went away: CPython closes them at
    /// that moment (running their `finally` blocks). Dropping cannot run Python code,
    /// so they wait here until the loop reaches a safe point (`Vm::run_finalizers`).
    static PENDING_CLOSE: RefCell<Vec<GenState>> = const { RefCell::new(Vec::new()) };
}

/// Whether any finalizer (a dropped generator's close, a `__del__`, a weakref
/// callback) waits for a safe point.
#[inline(always)]
pub fn finalizers_pending() -> bool {
    crate::interp::breaker::pending() & crate::interp::breaker::FINALIZERS_PENDING != 0
}

impl Trace for Generator {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(state) = self.state.try_borrow() {
            visit(&state.exc_state);
            if let Some((frame, segment)) = &state.suspended {
                visit(&frame.globals);
                visit(&frame.locals);
                visit(&frame.func);
                segment.iter().for_each(visit);
            }
        }
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        let state = self.state.get_mut();
        crate::objects::function::take_into(&mut state.exc_state, out);
        if let Some((mut frame, mut segment)) = state.suspended.take() {
            for v in [&mut frame.globals, &mut frame.locals, &mut frame.func] {
                crate::objects::function::take_into(v, out);
            }
            out.append(&mut segment);
        }
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        let state = self.state.get_mut();
        // Only a started, unfinished generator can have a `finally` to run.
        let started = matches!(&state.suspended, Some((frame, _)) if frame.lasti != 0);
        if started {
            let taken = GenState {
                suspended: state.suspended.take(),
                running: false,
                exc_state: std::mem::replace(&mut state.exc_state, Value::NONE),
                name: state.name.clone(),
                qualname: state.qualname.clone(),
            };
            PENDING_CLOSE.with(|p| p.borrow_mut().push(taken));
            crate::interp::breaker::request(crate::interp::breaker::FINALIZERS_PENDING);
        }
    }
}

impl Vm {
    /// Closes generators dropped while suspended (see `PENDING_CLOSE`). Errors are
    /// ignored, as CPython only reports them as "Exception ignored".
    pub fn run_finalizers(&mut self) {
        while crate::interp::breaker::take(crate::interp::breaker::FINALIZERS_PENDING) {
            self.run_weakref_callbacks();
            self.run_del_finalizers();
            let pending: Vec<GenState> =
                PENDING_CLOSE.with(|p| std::mem::take(&mut *p.borrow_mut()));
            for state in pending {
                let gen = new_object(
                    &self.types.generator,
                    Generator {
                        state: RefCell::new(state),
                    },
                );
                let _ = g_close(self, &[gen], &[]);
            }
        }
    }
}

/// What one step of a generator produced.
pub enum GenStep {
    Yield(Value),
    Return(Value),
}

impl Vm {
    pub(crate) fn new_generator(&mut self, frame: Frame, segment: Vec<Value>) -> Value {
        let (name, qualname) = (frame.code.name.clone(), frame.code.qualname.clone());
        let state = GenState {
            suspended: Some((frame, segment)),
            running: false,
            exc_state: Value::NONE,
            name,
            qualname,
        };
        new_object(
            &self.types.generator,
            Generator {
                state: RefCell::new(state),
            },
        )
    }

    /// Resumes `gen`, either sending `value` or raising `exc` at the paused point.
    pub fn gen_resume(
        &mut self,
        gen: &Value,
        value: Value,
        exc: Option<Value>,
    ) -> PyResult<GenStep> {
        let Some(g) = gen.downcast::<Generator>() else {
            return Err(self.type_error("expected a generator"));
        };
        let taken = {
            let mut st = g.state.borrow_mut();
            if st.running {
                drop(st);
                return Err(self.value_error("generator already executing"));
            }
            let taken = st.suspended.take();
            if taken.is_some() {
                st.running = true;
            }
            taken
        };
        let Some((mut frame, segment)) = taken else {
            return match exc {
                Some(e) => Err(e),
                None => Ok(GenStep::Return(Value::NONE)),
            };
        };
        let just_started = frame.ip == 0 || frame.lasti == 0;
        if just_started && !value.is_none() && exc.is_none() {
            g.state.borrow_mut().suspended = Some((frame, segment));
            g.state.borrow_mut().running = false;
            return Err(self.type_error("can't send non-None value to a just-started generator"));
        }
        if self.stack.room() <= frame.code.nlocalsplus() + frame.code.stacksize {
            g.state.borrow_mut().suspended = Some((frame, segment));
            g.state.borrow_mut().running = false;
            return Err(self.recursion_error());
        }
        let base = self.stack.len();
        frame.base = base;
        frame.call_base = base;
        frame.is_entry = true;
        self.stack.extend(segment);
        self.frames.push(frame);
        let own_exc = std::mem::replace(&mut g.state.borrow_mut().exc_state, Value::NONE);
        let outer_exc = self.enter_generator_exc(own_exc);
        self.native_depth += 1;
        let result = match exc {
            None => {
                self.stack.push(value);
                self.run()
            }
            Some(e) => match self.unwind(e, true, false) {
                Ok(()) => self.run(),
                Err(e) => Err(e),
            },
        };
        self.native_depth -= 1;
        let own_exc = self.leave_generator_exc(outer_exc);
        let yielded = self.yielded.take();
        let mut st = g.state.borrow_mut();
        st.running = false;
        st.exc_state = if yielded.is_some() {
            own_exc
        } else {
            Value::NONE
        };
        match (result, yielded) {
            (Ok(v), Some(saved)) => {
                st.suspended = Some(saved);
                Ok(GenStep::Yield(v))
            }
            (Ok(v), None) => Ok(GenStep::Return(v)),
            (Err(e), _) => {
                drop(st);
                Err(self.stop_iteration_escaped(e))
            }
        }
    }

    /// PEP 479: a `StopIteration` escaping a generator becomes a `RuntimeError`
    /// caused by it; any other exception passes through.
    pub(crate) fn stop_iteration_escaped(&mut self, e: Value) -> Value {
        let stop = self.types.stop_iteration.clone();
        if !self.isinstance(&e, &stop) {
            return e;
        }
        let err = self.runtime_error("generator raised StopIteration");
        if let Some(d) = err.as_exception() {
            *d.cause.borrow_mut() = e.clone();
            *d.context.borrow_mut() = e;
            d.suppress_context.set(true);
        }
        err
    }

    /// `StopIteration(value)`.
    pub fn stop_iteration_with(&mut self, value: Value) -> Value {
        let ty = self.types.stop_iteration.clone();
        if value.is_none() {
            self.new_exception_args(&ty, vec![])
        } else {
            self.new_exception_args(&ty, vec![value])
        }
    }
}

pub fn gen_next(vm: &mut Vm, gen: &Value) -> PyResult<Option<Value>> {
    match vm.gen_resume(gen, Value::NONE, None)? {
        GenStep::Yield(v) => Ok(Some(v)),
        GenStep::Return(_) => Ok(None),
    }
}

pub fn gen_repr(vm: &mut Vm, gen: &Value) -> PyResult<Value> {
    let name = match gen.downcast::<Generator>() {
        Some(g) => g.state.borrow().qualname.clone(),
        None => Rc::from("?"),
    };
    Ok(vm.new_str(&format!("<generator object {name} at {:#014x}>", gen.id())))
}

fn this(args: &[Value]) -> Value {
    args.first().cloned().unwrap_or(Value::NONE)
}

fn g_send(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let value = args.get(1).cloned().unwrap_or(Value::NONE);
    match vm.gen_resume(&this(args), value, None)? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(vm.stop_iteration_with(v)),
    }
}

fn g_throw(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(exc) = args.get(1) else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    let exc = if exc.as_type().is_some() {
        vm.call(exc, &[])?
    } else {
        exc.clone()
    };
    match vm.gen_resume(&this(args), Value::NONE, Some(exc))? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(vm.stop_iteration_with(v)),
    }
}

/// Whether `gen` is a generator paused after it started, so closing it runs code.
pub(crate) fn is_suspended_and_started(gen: &Value) -> bool {
    gen.downcast::<Generator>().is_some_and(|g| {
        g.state
            .try_borrow()
            .is_ok_and(|st| matches!(&st.suspended, Some((frame, _)) if frame.lasti != 0))
    })
}

/// Closes `gen` as its finalizer does (PEP 442: the collector finalizes a paused
/// generator found in cyclic garbage like a dropped one); an exception from its
/// `finally` blocks is dropped, as for a generator closed at a safe point.
pub(crate) fn finalize_generator(vm: &mut Vm, gen: &Value) {
    let _ = g_close(vm, std::slice::from_ref(gen), &[]);
}

/// `close()`: raises GeneratorExit at the paused point so `finally` blocks run.
fn g_close(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let gen = this(args);
    let started = match gen.downcast::<Generator>() {
        Some(g) => match &g.state.borrow().suspended {
            Some((frame, _)) => frame.lasti != 0,
            None => return Ok(Value::NONE),
        },
        None => return Ok(Value::NONE),
    };
    if !started {
        if let Some(g) = gen.downcast::<Generator>() {
            g.state.borrow_mut().suspended = None;
        }
        return Ok(Value::NONE);
    }
    let ty = vm.types.generator_exit.clone();
    let exit = vm.new_exception_args(&ty, vec![]);
    match vm.gen_resume(&gen, Value::NONE, Some(exit)) {
        Ok(GenStep::Yield(_)) => Err(vm.runtime_error("generator ignored GeneratorExit")),
        Ok(GenStep::Return(_)) => Ok(Value::NONE),
        Err(e) => {
            let (ge, si) = (
                vm.types.generator_exit.clone(),
                vm.types.stop_iteration.clone(),
            );
            if vm.isinstance(&e, &ge) || vm.isinstance(&e, &si) {
                Ok(Value::NONE)
            } else {
                Err(e)
            }
        }
    }
}

pub const METHODS: &[(&str, NativeFn)] =
    &[("send", g_send), ("throw", g_throw), ("close", g_close)];
