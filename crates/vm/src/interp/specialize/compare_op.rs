//! `COMPARE_OP` specializations fused with the conditional jump that follows:
//! `COMPARE_OP_INT_JUMP` (two inline ints), `_FLOAT_JUMP` (two floats) and
//! `_STR_JUMP` (`==`/`!=` on two exact strs), as in CPython 3.11. The comparison's
//! bool is never materialized: the handler reads the `POP_JUMP_*` after its caches
//! and moves the ip itself. A compare not followed by such a jump is turned back into
//! plain `COMPARE_OP` for good (nothing to fuse).

use bytecode::Opcode;

use super::{adaptive_due, failed, miss, specialized};
use crate::interp::Vm;
use crate::objects::typeobj::CompareOp;
use crate::objects::{Code, PyStr};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// The unspecialized comparison: pops both operands, pushes the result.
    pub(crate) fn compare_op_generic(&mut self, oparg: u32) -> PyResult<()> {
        let b = self.pop();
        let a = self.pop();
        let v = self.rich_compare(&a, &b, CompareOp::from_arg(oparg))?;
        self.push(v);
        Ok(())
    }

    pub(crate) fn compare_op_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        // CPython 3.11 leaves a comparison that no conditional jump follows generic;
        // Coil's `_JUMP` forms push the bool in that case, so they serve both.
        if adaptive_due(code, Opcode::COMPARE_OP_ADAPTIVE, at) {
            let (a, b) = (self.peek(2), self.peek(1));
            let cmp = CompareOp::from_arg(oparg);
            if a.as_int().is_some() && b.as_int().is_some() {
                specialized(code, at, Opcode::COMPARE_OP_INT_JUMP);
            } else if a.is_float() && b.is_float() {
                specialized(code, at, Opcode::COMPARE_OP_FLOAT_JUMP);
            } else if matches!(cmp, CompareOp::Eq | CompareOp::Ne)
                && self.is_exact_str(&a)
                && self.is_exact_str(&b)
            {
                specialized(code, at, Opcode::COMPARE_OP_STR_JUMP);
            } else {
                failed(code, Opcode::COMPARE_OP_ADAPTIVE, at);
            }
        }
        self.compare_op_generic(oparg)
    }

    /// The three `COMPARE_OP_*_JUMP` forms; returns the next ip. When no conditional
    /// jump follows (or a backward one must poll the breaker) the bool is pushed and
    /// the next instruction runs as usual.
    #[inline(always)]
    pub(crate) fn compare_op_jump(
        &mut self,
        code: &Code,
        at: usize,
        ip: usize,
        oparg: u32,
        op: Opcode,
    ) -> PyResult<usize> {
        let len = self.stack.len();
        let (Some(a), Some(b)) = (self.stack.get(len.wrapping_sub(2)), self.stack.last()) else {
            return Err(self.system_error("COMPARE_OP: stack underflow"));
        };
        let cmp = CompareOp::from_arg(oparg);
        let r = match op {
            Opcode::COMPARE_OP_INT_JUMP => match (a.as_int(), b.as_int()) {
                (Some(x), Some(y)) => Some(cmp.test(x.cmp(&y))),
                _ => None,
            },
            Opcode::COMPARE_OP_FLOAT_JUMP => match (a.as_float(), b.as_float()) {
                (Some(x), Some(y)) => Some(cmp.test_floats(x, y)),
                _ => None,
            },
            _ => {
                if self.is_exact_str(a) && self.is_exact_str(b) {
                    let eq = a.is(b)
                        || a.as_pystr().map(PyStr::as_bytes) == b.as_pystr().map(PyStr::as_bytes);
                    Some(eq == (cmp == CompareOp::Eq))
                } else {
                    None
                }
            }
        };
        let Some(r) = r else {
            miss(code, at);
            self.compare_op_generic(oparg)?;
            return Ok(ip);
        };
        self.stack.pop();
        self.stack.pop();
        match fused_jump(code, ip, r) {
            // A backward edge with the eval breaker set goes through the jump
            // instruction itself, which checks it.
            Some(target) if target > ip || crate::interp::breaker::pending() == 0 => Ok(target),
            _ => {
                self.stack.push(Value::bool(r));
                Ok(ip)
            }
        }
    }
}

/// When the instruction at `ip` is a conditional jump on a bool, the ip after
/// taking (or not taking) it for `value`; `None` otherwise.
#[inline(always)]
pub(crate) fn fused_jump(code: &Code, ip: usize, value: bool) -> Option<usize> {
    let next = code.instrs.get(ip)?.get();
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
        Opcode::POP_JUMP_BACKWARD_IF_FALSE => {
            if value {
                after
            } else {
                after.saturating_sub(arg)
            }
        }
        Opcode::POP_JUMP_BACKWARD_IF_TRUE => {
            if value {
                after.saturating_sub(arg)
            } else {
                after
            }
        }
        _ => return None,
    })
}
