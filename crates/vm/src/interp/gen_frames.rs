//! Generator frames resumed by the loop itself.
//!
//! `FOR_ITER` over a generator and `SEND` to one (`yield from`) do not call back into
//! native code: the generator's suspended frame is pushed on the frame stack, its saved
//! locals and evaluation stack are moved on top of the value stack, and the loop goes
//! on in it. Its `YIELD_VALUE` moves them back into the generator (into the same
//! buffer, so a resume/yield cycle allocates nothing) and hands the value to the
//! caller's instruction; its `RETURN_VALUE` or an exception leaving it ends the
//! generator and continues the caller where `FOR_ITER`/`SEND` says. So a chain of
//! generators delegating to each other never recurses on the native stack.
//!
//! Everything else (`next()`, `.send()`, `.throw()`, `.close()`, iteration from native
//! code, and the unusual states: running, finished, a non-None first send) goes
//! through `Vm::gen_resume`, which runs the frame in a nested loop.

use super::{Frame, Vm};
use crate::objects::generator::Generator;
use crate::value::Value;

/// What the caller's instruction does when the resumed generator returns.
pub(crate) enum OnReturn {
    /// `FOR_ITER`: pop the exhausted generator and jump to `exhausted`.
    ForIter { exhausted: usize },
    /// `SEND`: replace the receiver with the return value and jump to `after`.
    Send { after: usize },
}

/// The bookkeeping of one generator frame resumed in the loop.
pub(crate) struct ResumedGenerator {
    /// The generator, marked running while its frame is on the stack.
    gen: Value,
    /// The caller's "exception being handled", restored when the frame leaves.
    outer_exc: Value,
    on_return: OnReturn,
    /// The generator's segment buffer, emptied onto the stack, refilled at the yield.
    spare: Vec<Value>,
}

impl Vm {
    /// Pushes the suspended frame of generator `gen` with `value` sent in, so the loop
    /// continues in it. Gives `value` back when this generator must be resumed the
    /// nested way (see the module docs); the caller's frame must have its `ip` and
    /// `lasti` saved.
    pub(crate) fn resume_in_loop(
        &mut self,
        gen: &Value,
        value: Value,
        on_return: OnReturn,
    ) -> Option<Value> {
        let Some(g) = gen.downcast::<Generator>() else {
            return Some(value);
        };
        if self.frames.len() + self.native_depth + 1 >= self.recursion_limit {
            return Some(value);
        }
        let mut st = g.state.borrow_mut();
        let resumable = match &st.suspended {
            Some((frame, _))
                if self.stack.room() > frame.code.nlocalsplus() + frame.code.stacksize =>
            {
                let just_started = frame.ip == 0 || frame.lasti == 0;
                !st.running && (!just_started || value.is_none())
            }
            _ => false,
        };
        if !resumable {
            return Some(value);
        }
        let Some((mut frame, mut segment)) = st.suspended.take() else {
            return Some(value);
        };
        st.running = true;
        let own_exc = std::mem::replace(&mut st.exc_state, Value::NONE);
        drop(st);
        let base = self.stack.len();
        frame.base = base;
        frame.call_base = base;
        frame.is_entry = false;
        frame.resumed_in_loop = true;
        self.stack.append(&mut segment);
        self.stack.push(value);
        let outer_exc = self.enter_generator_exc(own_exc);
        self.resumed_generators.push(ResumedGenerator {
            gen: gen.clone(),
            outer_exc,
            on_return,
            spare: segment,
        });
        self.frames.push(frame);
        None
    }

    /// `YIELD_VALUE` in a frame resumed in the loop: moves the frame (already popped,
    /// with its `ip` saved) and its stack segment back into the generator. The caller
    /// then pushes the yielded value and continues.
    pub(crate) fn suspend_in_loop(&mut self, mut frame: Frame) {
        let Some(mut resumed) = self.resumed_generators.pop() else {
            return;
        };
        let start = frame.base.min(self.stack.len());
        resumed.spare.extend(self.stack.drain(start..));
        self.stack.truncate(frame.call_base);
        let own_exc = self.leave_generator_exc(resumed.outer_exc);
        frame.resumed_in_loop = false;
        if let Some(g) = resumed.gen.downcast::<Generator>() {
            let mut st = g.state.borrow_mut();
            st.running = false;
            st.exc_state = own_exc;
            st.suspended = Some((frame, resumed.spare));
        }
    }

    /// `RETURN_VALUE` in a frame resumed in the loop (already popped, its stack cut
    /// back): ends the generator and applies the caller's `OnReturn`.
    pub(crate) fn finish_in_loop(&mut self, value: Value) {
        let Some(resumed) = self.resumed_generators.pop() else {
            return;
        };
        self.exc_info = resumed.outer_exc;
        mark_finished(&resumed.gen);
        let target = match resumed.on_return {
            OnReturn::ForIter { exhausted } => {
                self.stack.pop();
                exhausted
            }
            OnReturn::Send { after } => {
                self.stack.pop();
                self.stack.push(value);
                after
            }
        };
        if let Some(caller) = self.frames.last_mut() {
            caller.ip = target;
        }
    }

    /// An exception leaves a frame resumed in the loop (popped by the unwinder): the
    /// generator is over, and a `StopIteration` becomes PEP 479's `RuntimeError`.
    pub(crate) fn abandon_in_loop(&mut self, exc: Value) -> Value {
        if let Some(resumed) = self.resumed_generators.pop() {
            self.exc_info = resumed.outer_exc;
            mark_finished(&resumed.gen);
        }
        self.stop_iteration_escaped(exc)
    }
}

impl Vm {
    /// Makes a resumed generator's "exception being handled" current, and returns
    /// the caller's. A generator handling nothing sees its caller's, as in CPython,
    /// whose `sys.exc_info()` walks down a stack of these.
    pub(crate) fn enter_generator_exc(&mut self, own: Value) -> Value {
        if own.is_none() {
            self.exc_info.clone()
        } else {
            std::mem::replace(&mut self.exc_info, own)
        }
    }

    /// Restores the caller's "exception being handled" when a generator suspends,
    /// and returns what the generator keeps: the exception its own `except` block is
    /// handling, or None when it was only seeing the caller's.
    pub(crate) fn leave_generator_exc(&mut self, outer: Value) -> Value {
        let current = std::mem::replace(&mut self.exc_info, outer);
        if current.is(&self.exc_info) {
            Value::NONE
        } else {
            current
        }
    }
}

fn mark_finished(gen: &Value) {
    if let Some(g) = gen.downcast::<Generator>() {
        let mut st = g.state.borrow_mut();
        st.running = false;
        st.suspended = None;
        st.exc_state = Value::NONE;
    }
}
