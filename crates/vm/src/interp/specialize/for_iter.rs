//! `FOR_ITER` specializations (Coil additions: CPython 3.11 has none, 3.12 added
//! them): `FOR_ITER_RANGE` and `FOR_ITER_LIST` step the iterator without a call
//! through the `next` slot. `FOR_ITER` has no cache units in CPython's format, so its
//! counter lives in the VM cache slot of the instruction itself.

use bytecode::Opcode;

use super::{adaptive_due, miss, settle};
use crate::interp::Vm;
use crate::objects::{Code, IterObj, IterState};
use crate::PyResult;

/// What stepping an iterator produced.
pub(crate) enum Step {
    Item(crate::value::Value),
    Int(i64),
    Exhausted,
    /// Not the iterator kind this specialization handles.
    Miss,
}

impl Vm {
    /// The unspecialized step; returns the next ip (`ip + oparg` when exhausted).
    pub(crate) fn for_iter_generic(&mut self, ip: usize, oparg: u32) -> PyResult<usize> {
        let it = self.top();
        match self.iter_next(&it)? {
            Some(v) => {
                self.stack.push(v);
                Ok(ip)
            }
            None => {
                self.stack.pop();
                Ok(ip + oparg as usize)
            }
        }
    }

    pub(crate) fn for_iter_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        ip: usize,
        oparg: u32,
    ) -> PyResult<usize> {
        if adaptive_due(code, Opcode::FOR_ITER_ADAPTIVE, at) {
            let it = self.top();
            let choice = match it.downcast::<IterObj>() {
                Some(IterObj(state)) => match &*state.borrow() {
                    IterState::Range { .. } => Some(Opcode::FOR_ITER_RANGE),
                    IterState::Seq { seq, .. } if seq.as_list().is_some() => {
                        Some(Opcode::FOR_ITER_LIST)
                    }
                    _ => None,
                },
                None => None,
            };
            settle(code, at, Opcode::FOR_ITER_ADAPTIVE, choice);
        }
        self.for_iter_generic(ip, oparg)
    }

    /// `FOR_ITER_RANGE` and `FOR_ITER_LIST`; returns the next ip.
    #[inline(always)]
    pub(crate) fn for_iter_specialized(
        &mut self,
        code: &Code,
        at: usize,
        ip: usize,
        oparg: u32,
        op: Opcode,
    ) -> PyResult<usize> {
        let step = match self.stack.last() {
            Some(it) => step_specialized(it, op),
            None => Step::Miss,
        };
        match step {
            Step::Item(v) => {
                self.stack.push(v);
                Ok(ip)
            }
            Step::Int(i) => {
                let v = self.new_int(i);
                self.stack.push(v);
                Ok(ip)
            }
            Step::Exhausted => {
                self.stack.pop();
                Ok(ip + oparg as usize)
            }
            Step::Miss => {
                miss(code, at);
                self.for_iter_generic(ip, oparg)
            }
        }
    }
}

/// One step of `FOR_ITER_RANGE` or `FOR_ITER_LIST` on the iterator `it`, or `Miss`
/// when it is not the kind the form handles (nothing is advanced then).
#[inline(always)]
pub(crate) fn step_specialized(it: &crate::value::Value, op: Opcode) -> Step {
    let Some(IterObj(state)) = it.downcast::<IterObj>() else {
        return Step::Miss;
    };
    let mut state = state.borrow_mut();
    match (&mut *state, op) {
        (IterState::Range { next, stop, step }, Opcode::FOR_ITER_RANGE) => {
            let cur = *next;
            if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                *next = cur.saturating_add(*step);
                Step::Int(cur)
            } else {
                Step::Exhausted
            }
        }
        (IterState::Seq { seq, index }, Opcode::FOR_ITER_LIST) => {
            let Some(l) = seq.as_list() else {
                return Step::Miss;
            };
            let item = l.borrow().get(*index).cloned();
            match item {
                Some(v) => {
                    *index += 1;
                    Step::Item(v)
                }
                None => {
                    // As the generic step: an exhausted list iterator stays
                    // exhausted even if the list grows later.
                    *state = IterState::Exhausted;
                    Step::Exhausted
                }
            }
        }
        _ => Step::Miss,
    }
}
