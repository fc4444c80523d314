//! Load-time checks of the operands the loop trusts.
//!
//! The hottest handlers index the frame's locals and the constants without a bounds
//! check. A code object from the compiler always satisfies them; one read from a
//! damaged or hand-made cache file might not, so every instruction whose operand
//! would index out of range is replaced here by `CACHE`, which the loop reports as a
//! `SystemError` when it is reached.

use std::cell::Cell;

use bytecode::Opcode;

use crate::objects::function::Instr;

/// Rewrites to `CACHE` each local-slot instruction whose slot is not below
/// `nlocalsplus` and each `LOAD_CONST` whose index is not below `nconsts`.
pub(crate) fn check_operands(instrs: &[Cell<Instr>], nlocalsplus: usize, nconsts: usize) {
    let mut ext: u32 = 0;
    for cell in instrs {
        let instr = cell.get();
        let arg = (ext << 8) | instr.arg as u32;
        if instr.op == Opcode::EXTENDED_ARG {
            ext = arg;
            continue;
        }
        ext = 0;
        let bound = match instr.op {
            Opcode::LOAD_FAST
            | Opcode::STORE_FAST
            | Opcode::DELETE_FAST
            | Opcode::MAKE_CELL
            | Opcode::LOAD_CLOSURE
            | Opcode::LOAD_DEREF
            | Opcode::LOAD_CLASSDEREF
            | Opcode::STORE_DEREF
            | Opcode::DELETE_DEREF => nlocalsplus,
            Opcode::LOAD_CONST => nconsts,
            _ => continue,
        };
        if arg as usize >= bound {
            cell.set(Instr {
                op: Opcode::CACHE,
                arg: instr.arg,
            });
        }
    }
}
