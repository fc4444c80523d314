//! Python's `repr` of the constant values an AST holds (str, bytes, int, float, complex).
//!
//! `ast.dump` prints constants with `repr`, so these must match CPython 3.11 byte for
//! byte; the scalar rules are `pyrepr`'s, this module maps AST constants onto them.

use crate::{Constant, Int, StrValue};

/// `repr(value)` of a constant, as CPython prints it.
pub fn repr_constant(value: &Constant) -> String {
    match value {
        Constant::None => "None".to_owned(),
        Constant::Bool(true) => "True".to_owned(),
        Constant::Bool(false) => "False".to_owned(),
        Constant::Str(s) => repr_str_value(s),
        Constant::Bytes(b) => repr_bytes(b),
        Constant::Int(Int::Small(i)) => i.to_string(),
        Constant::Int(Int::Big(digits)) => digits.to_string(),
        Constant::Float(f) => repr_float(*f),
        Constant::Complex { real, imag } => repr_complex(*real, *imag),
        Constant::Ellipsis => "Ellipsis".to_owned(),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr_constant).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        // Source order: the parser never makes one, so `ast.dump` never shows it; the
        // disassembler prints code-object constants in CPython's table order.
        Constant::FrozenSet(items) if items.is_empty() => "frozenset()".to_owned(),
        Constant::FrozenSet(items) => {
            let parts: Vec<String> = items.iter().map(repr_constant).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
    }
}

/// `repr(str)`: single quotes unless the text has `'` and no `"`.
pub fn repr_str(s: &str) -> String {
    pyrepr::str_repr(s)
}

/// `repr(str)` of any str value; a lone surrogate prints as `\ud800`, as in CPython.
pub fn repr_str_value(s: &StrValue) -> String {
    match s.as_str() {
        Some(text) => repr_str(text),
        None => pyrepr::code_points_repr(s.code_points()),
    }
}

/// `repr(bytes)`: `b'...'` with the same quote rule as `str`, ASCII-printable bytes kept.
pub fn repr_bytes(b: &[u8]) -> String {
    pyrepr::bytes_repr(b)
}

/// `repr(float)`.
pub fn repr_float(f: f64) -> String {
    pyrepr::float_repr(f)
}

/// `repr(complex)`: just `<imag>j` when the real part is +0.0, else `(<real>±<imag>j)`.
pub fn repr_complex(real: f64, imag: f64) -> String {
    pyrepr::complex_repr(real, imag)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings are python3.11's repr() of the same values; the scalar
    // rules themselves are tested in `pyrepr`.
    #[test]
    fn lone_surrogates_print_escaped_like_cpython() {
        let s: StrValue = [0x61, 0xd800, 0x27, 0xdfff].into_iter().collect();
        assert_eq!(repr_str_value(&s), "\"a\\ud800'\\udfff\"");
        assert_eq!(repr_constant(&Constant::Str(s)), "\"a\\ud800'\\udfff\"");
    }

    #[test]
    fn tuples_print_like_cpython() {
        let one = Constant::Tuple(vec![Constant::Float(1e16)]);
        assert_eq!(repr_constant(&one), "(1e+16,)");
        let two = Constant::Tuple(vec![
            Constant::Complex {
                real: 1.0,
                imag: f64::NAN,
            },
            Constant::Bytes(b"'".to_vec()),
        ]);
        assert_eq!(repr_constant(&two), "((1+nanj), b\"'\")");
    }
}
