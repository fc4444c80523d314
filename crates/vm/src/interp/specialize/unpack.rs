//! `UNPACK_SEQUENCE` specializations: `TWO_TUPLE`, `TUPLE` and `LIST` of exactly
//! the expected length push the items (last first) without the generic checks.

use bytecode::Opcode;

use super::{adaptive_due, miss, settle};
use crate::interp::Vm;
use crate::objects::Code;
use crate::PyResult;

impl Vm {
    pub(crate) fn unpack_sequence_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        n: usize,
    ) -> PyResult<()> {
        if adaptive_due(code, Opcode::UNPACK_SEQUENCE_ADAPTIVE, at) {
            let seq = self.top();
            let choice = if seq.as_tuple().is_some_and(|t| t.len() == n) {
                Some(if n == 2 {
                    Opcode::UNPACK_SEQUENCE_TWO_TUPLE
                } else {
                    Opcode::UNPACK_SEQUENCE_TUPLE
                })
            } else if seq.as_list().is_some() && self.type_of(&seq).is(&self.types.list) {
                Some(Opcode::UNPACK_SEQUENCE_LIST)
            } else {
                None
            };
            settle(code, at, Opcode::UNPACK_SEQUENCE_ADAPTIVE, choice);
        }
        self.op_unpack_sequence(n)
    }

    /// `UNPACK_SEQUENCE_TWO_TUPLE`, `_TUPLE` and `_LIST`.
    #[inline(always)]
    pub(crate) fn unpack_sequence_specialized(
        &mut self,
        code: &Code,
        at: usize,
        n: usize,
        op: Opcode,
    ) -> PyResult<()> {
        let seq = self.pop();
        if op == Opcode::UNPACK_SEQUENCE_LIST {
            if let Some(l) = seq.as_list() {
                let l = l.borrow();
                if l.len() == n {
                    self.stack.extend(l.iter().rev().cloned());
                    return Ok(());
                }
            }
        } else if let Some(t) = seq.as_tuple() {
            if t.len() == n {
                if op == Opcode::UNPACK_SEQUENCE_TWO_TUPLE {
                    self.stack.push(t[1].clone());
                    self.stack.push(t[0].clone());
                } else {
                    self.stack.extend(t.iter().rev().cloned());
                }
                return Ok(());
            }
        }
        miss(code, at);
        self.push(seq);
        self.op_unpack_sequence(n)
    }
}
