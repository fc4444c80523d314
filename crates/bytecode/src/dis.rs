//! The disassembler: `python3 -m dis`'s layout for a code object and the code
//! objects nested in its constants.
//!
//! Columns, widths and operand renderings follow CPython 3.11's `dis.py`
//! (`Instruction._disassemble`, `_get_instructions_bytes`): line-number column,
//! `>>` on jump targets (exception handlers included), byte offsets, the opcode
//! name padded to 20, the operand right-aligned to 5, then `(argrepr)`. Inline
//! `CACHE` units are hidden, as `dis` hides them by default.

use std::fmt::Write;

use crate::const_repr::constant_repr;
use crate::{CodeObject, ConstantValue, Opcode, Operand};

/// `dis.cmp_op`.
pub const CMP_OP: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// `BINARY_OP`'s operand names (`dis._nb_ops`), indexed by the `NB_*` value.
pub const NB_OPS: [&str; 26] = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=",
    "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
];

const MAKE_FUNCTION_FLAGS: [&str; 4] = ["defaults", "kwdefaults", "annotations", "closure"];
const FORMAT_VALUE_CONVERTERS: [&str; 4] = ["", "str", "repr", "ascii"];

/// `repr()` of a code object. CPython prints the object's address, which is not
/// reproducible; Coil prints a fixed one so snapshots are stable.
pub fn code_repr(code: &CodeObject) -> String {
    format!(
        "<code object {} at 0x0000c0de, file \"{}\", line {}>",
        code.name, code.filename, code.firstlineno
    )
}

/// One decoded instruction: its byte offset, opcode byte, and full operand
/// (`EXTENDED_ARG` prefixes folded in), `None` below `HAVE_ARGUMENT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodedInstr {
    /// Index of the code unit holding the opcode.
    pub index: usize,
    pub op: u8,
    pub arg: Option<u32>,
}

/// Walks `code`'s units as `dis._unpack_opargs` does, skipping inline caches.
pub fn decode_instructions(code: &CodeObject) -> Vec<DecodedInstr> {
    let mut out = Vec::with_capacity(code.code.len());
    let mut extended: u32 = 0;
    let mut caches = 0usize;
    for (index, unit) in code.code.iter().enumerate() {
        if caches > 0 {
            caches -= 1;
            continue;
        }
        let opcode = Opcode::from_u8(unit.op);
        caches = opcode.map_or(0, |op| op.family().cache_entries() as usize);
        let arg = if unit.op >= crate::HAVE_ARGUMENT {
            let arg = u32::from(unit.arg) | extended;
            extended = if opcode.map(Opcode::family) == Some(Opcode::EXTENDED_ARG) {
                arg << 8
            } else {
                0
            };
            Some(arg)
        } else {
            extended = 0;
            None
        };
        out.push(DecodedInstr {
            index,
            op: unit.op,
            arg,
        });
    }
    out
}

/// The byte offset a jump at unit `index` with operand `arg` lands on, if `op` jumps.
pub fn jump_target(op: Opcode, index: usize, arg: u32) -> Option<i64> {
    let next = (index as i64 + 1 + i64::from(op.family().cache_entries())) * 2;
    match op.operand() {
        Operand::JumpForward => Some(next + i64::from(arg) * 2),
        Operand::JumpBackward => Some(next - i64::from(arg) * 2),
        _ => None,
    }
}

/// `dis.dis(code)` for a module: this code object, then every nested one.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_recursive(code, &mut out);
    out
}

fn disassemble_recursive(code: &CodeObject, out: &mut String) {
    disassemble_one(code, out);
    for constant in &code.consts {
        if let ConstantValue::Code(inner) = constant {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", code_repr(inner));
            disassemble_recursive(inner, out);
        }
    }
}

/// The line each instruction starts, as `dis.findlinestarts` gives it.
fn line_starts(code: &CodeObject) -> Vec<Option<u32>> {
    let mut starts = vec![None; code.code.len()];
    let mut last = None;
    for (i, loc) in code.locations.iter().enumerate().take(code.code.len()) {
        if loc.is_none() {
            continue;
        }
        if Some(loc.line) != last {
            last = Some(loc.line);
            starts[i] = Some(loc.line);
        }
    }
    starts
}

fn argrepr(code: &CodeObject, op: Opcode, index: usize, arg: u32) -> String {
    let localsplus = code.localsplus_names();
    let name = |i: u32| code.names.get(i as usize).map(|n| n.to_string());
    let base = op.family();
    match op.operand() {
        // CPython 3.11's dis does not list KW_NAMES in hasconst: no argrepr.
        Operand::Const if base == Opcode::KW_NAMES => String::new(),
        Operand::Const => code
            .consts
            .get(arg as usize)
            .map(|c| constant_repr(c, &code_repr))
            .unwrap_or_default(),
        Operand::Name => name(arg).unwrap_or_default(),
        Operand::GlobalName => match name(arg >> 1) {
            Some(n) if arg & 1 == 1 => format!("NULL + {n}"),
            Some(n) => n,
            None => String::new(),
        },
        Operand::Local | Operand::Free => localsplus
            .get(arg as usize)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        Operand::Compare => CMP_OP.get(arg as usize).copied().unwrap_or("").to_string(),
        Operand::BinaryOp => NB_OPS.get(arg as usize).copied().unwrap_or("").to_string(),
        Operand::JumpForward | Operand::JumpBackward => {
            jump_target(op, index, arg).map_or(String::new(), |t| format!("to {t}"))
        }
        Operand::Raw if base == Opcode::MAKE_FUNCTION => MAKE_FUNCTION_FLAGS
            .iter()
            .enumerate()
            .filter(|(i, _)| arg & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join(", "),
        Operand::Raw if base == Opcode::FORMAT_VALUE => {
            let mut text = FORMAT_VALUE_CONVERTERS[(arg & 3) as usize].to_string();
            if arg & 4 != 0 {
                if !text.is_empty() {
                    text.push_str(", ");
                }
                text.push_str("with format");
            }
            text
        }
        Operand::Raw | Operand::None => String::new(),
    }
}

fn disassemble_one(code: &CodeObject, out: &mut String) {
    let instrs = decode_instructions(code);
    let starts = line_starts(code);
    let max_line = starts.iter().flatten().copied().max();
    let lineno_width = match max_line {
        None => 0,
        Some(line) if line >= 1000 => line.to_string().len(),
        Some(_) => 3,
    };
    let max_offset = (code.code.len() * 2).saturating_sub(2);
    let offset_width = if max_offset >= 10000 {
        max_offset.to_string().len()
    } else {
        4
    };
    let mut labels = std::collections::HashSet::new();
    for instr in &instrs {
        if let (Some(op), Some(arg)) = (Opcode::from_u8(instr.op), instr.arg) {
            // dis.findlabels ignores the caches: jumps have none.
            let next = (instr.index as i64 + 1) * 2;
            match op.operand() {
                Operand::JumpForward => {
                    labels.insert(next + i64::from(arg) * 2);
                }
                Operand::JumpBackward => {
                    labels.insert(next - i64::from(arg) * 2);
                }
                _ => {}
            }
        }
    }
    for entry in &code.exception_table {
        labels.insert(i64::from(entry.target) * 2);
    }
    for instr in &instrs {
        let offset = instr.index * 2;
        let starts_line = starts.get(instr.index).copied().flatten();
        if lineno_width > 0 && starts_line.is_some() && offset > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::with_capacity(6);
        if lineno_width > 0 {
            fields.push(match starts_line {
                Some(line) => format!("{line:>lineno_width$}"),
                None => " ".repeat(lineno_width),
            });
        }
        fields.push("   ".into());
        fields.push(
            if labels.contains(&(offset as i64)) {
                ">>"
            } else {
                "  "
            }
            .into(),
        );
        fields.push(format!("{offset:>offset_width$}"));
        let opcode = Opcode::from_u8(instr.op);
        let opname = opcode.map_or_else(|| format!("<{}>", instr.op), |op| op.name().to_string());
        fields.push(format!("{opname:<20}"));
        if let Some(arg) = instr.arg {
            fields.push(format!("{arg:>5}"));
            if let Some(op) = opcode {
                let text = argrepr(code, op, instr.index, arg);
                if !text.is_empty() {
                    fields.push(format!("({text})"));
                }
            }
        }
        out.push_str(fields.join(" ").trim_end());
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for entry in &code.exception_table {
            let lasti = if entry.lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                entry.start * 2,
                (entry.end * 2).saturating_sub(2),
                entry.target * 2,
                entry.depth,
                lasti
            );
        }
    }
}
