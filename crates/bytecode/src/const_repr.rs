//! `repr()` of code-object constants, exactly as CPython 3.11 prints them.
//!
//! The disassembler shows constants in their Python `repr` form (`'a\n'`, `1e+16`,
//! `(1,)`, `b'\x00'`); the scalar rules are `pyrepr`'s, this module adds tuples,
//! frozensets (in table order, see `const_set`) and code objects.

use crate::ConstantValue;

// The scalar reprs live in `pyrepr`, shared with the lexer, AST and VM; re-exported
// under the names the disassembler's callers use.
pub use pyrepr::{bytes_repr, complex_repr, float_repr, str_repr};

/// A constant in Python `repr` form; code objects use `code_repr`.
pub fn constant_repr(
    value: &ConstantValue,
    code_repr: &dyn Fn(&crate::CodeObject) -> String,
) -> String {
    match value {
        ConstantValue::None => "None".into(),
        ConstantValue::Bool(true) => "True".into(),
        ConstantValue::Bool(false) => "False".into(),
        ConstantValue::Int(i) => i.to_string(),
        ConstantValue::BigInt(digits) => digits.to_string(),
        ConstantValue::Float(f) => float_repr(*f),
        ConstantValue::Complex { real, imag } => complex_repr(*real, *imag),
        ConstantValue::Str(s) => str_repr(s),
        ConstantValue::SurrogateStr(cps) => pyrepr::code_points_repr(cps.iter().copied()),
        ConstantValue::Bytes(b) => bytes_repr(b),
        ConstantValue::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|v| constant_repr(v, code_repr)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        ConstantValue::FrozenSet(items) => {
            let parts: Vec<String> = crate::const_set::frozenset_order(items)
                .into_iter()
                .map(|v| constant_repr(v, code_repr))
                .collect();
            if parts.is_empty() {
                "frozenset()".into()
            } else {
                format!("frozenset({{{}}})", parts.join(", "))
            }
        }
        ConstantValue::Code(code) => code_repr(code),
        ConstantValue::Ellipsis => "Ellipsis".into(),
    }
}
