//! Python's `repr` of the constant values an AST holds (str, bytes, int, float, complex).
//!
//! `ast.dump` prints constants with `repr`, so these must match CPython 3.11 byte for
//! byte: the quote choice and escapes of `str`/`bytes`, and the shortest round-trip
//! float digits laid out with CPython's rule (exponent form when the decimal point
//! position is <= -4 or > 16).

use crate::printable::NON_PRINTABLE;
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
    }
}

fn is_printable(c: u32) -> bool {
    // Binary search over the sorted runs of non-printable code points.
    NON_PRINTABLE
        .binary_search_by(|&(first, last)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// `repr(str)`: single quotes unless the text has `'` and no `"`.
pub fn repr_str(s: &str) -> String {
    repr_code_points(s.len(), s.chars().map(u32::from))
}

/// `repr(str)` of any str value; a lone surrogate prints as `\ud800`, as in CPython.
pub fn repr_str_value(s: &StrValue) -> String {
    match s.as_str() {
        Some(text) => repr_str(text),
        None => repr_code_points(s.len_code_points(), s.code_points()),
    }
}

fn repr_code_points(len: usize, cps: impl Iterator<Item = u32> + Clone) -> String {
    let has = |q: char| cps.clone().any(|c| c == u32::from(q));
    let quote = if has('\'') && !has('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(len + 2);
    out.push(quote);
    for n in cps {
        match char::from_u32(n) {
            Some('\\') => out.push_str("\\\\"),
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if c == quote => {
                out.push('\\');
                out.push(c);
            }
            Some(c) if (0x20..0x7f).contains(&n) || (n >= 0x7f && is_printable(n)) => out.push(c),
            // Non-printable characters and lone surrogates (no `char`) are escaped.
            _ => {
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`: `b'...'` with the same quote rule as `str`, ASCII-printable bytes kept.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// Shortest round-trip digits of a finite, non-negative `f`, and the decimal point
/// position: `f == 0.d1d2...dn * 10**decpt`.
fn shortest_digits(f: f64) -> (String, i32) {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(f);
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
    let mut decpt = int_part.len() as i32 + exp;
    // Strip leading zeros (each moves the point left) and trailing zeros.
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    decpt -= leading as i32;
    let trimmed = digits.trim_end_matches('0').len();
    digits.truncate(trimmed);
    if digits.is_empty() {
        return ("0".to_owned(), 1);
    }
    (digits, decpt)
}

/// CPython's `format_float_short(x, 'r', 0, flags)`; `add_dot_0` is `Py_DTSF_ADD_DOT_0`.
fn format_float_r(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let (digits, decpt) = shortest_digits(f.abs());
    let n = digits.len() as i32;
    if decpt <= -4 || decpt > 16 {
        // Exponent form: d[.ddd]e±XX with at least two exponent digits.
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let exp = decpt - 1;
        let sign = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("e{sign}{:02}", exp.abs()));
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..(-decpt) {
            out.push('0');
        }
        out.push_str(&digits);
    } else if decpt >= n {
        out.push_str(&digits);
        for _ in 0..(decpt - n) {
            out.push('0');
        }
        if add_dot_0 {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    }
    out
}

/// `repr(float)`.
pub fn repr_float(f: f64) -> String {
    format_float_r(f, true)
}

/// `repr(complex)`: just `<imag>j` when the real part is +0.0, else `(<real>±<imag>j)`.
pub fn repr_complex(real: f64, imag: f64) -> String {
    let im = format_float_r(imag, false);
    if real == 0.0 && real.is_sign_positive() {
        return format!("{im}j");
    }
    let re = format_float_r(real, false);
    let sign = if imag.is_sign_negative() || imag.is_nan() && im.starts_with('-') {
        ""
    } else {
        "+"
    };
    format!("({re}{sign}{im}j)")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings are python3.11's repr() of the same values.
    #[test]
    fn floats_use_cpython_layout() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1234567890123456.7, "1234567890123456.8"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (1e300, "1e+300"),
            (123.456, "123.456"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (0.30000000000000004, "0.30000000000000004"),
        ];
        for &(f, want) in cases {
            assert_eq!(repr_float(f), want, "repr of {f:?}");
        }
    }

    #[test]
    fn complex_omits_zero_real_part() {
        assert_eq!(repr_complex(0.0, 1.0), "1j");
        assert_eq!(repr_complex(0.0, 1.5), "1.5j");
        assert_eq!(repr_complex(0.0, 1e16), "1e+16j");
        assert_eq!(repr_complex(0.0, 1e15), "1000000000000000j");
        assert_eq!(repr_complex(0.0, f64::INFINITY), "infj");
        assert_eq!(repr_complex(1.0, -2.0), "(1-2j)");
    }

    #[test]
    fn str_quotes_and_escapes_like_cpython() {
        assert_eq!(repr_str("a'b"), "\"a'b\"");
        assert_eq!(repr_str("a'b\""), "'a\\'b\"'");
        assert_eq!(repr_str("\t\n\r\\"), "'\\t\\n\\r\\\\'");
        assert_eq!(repr_str("\x00\x7f\u{a0}é"), "'\\x00\\x7f\\xa0é'");
        assert_eq!(repr_str("\u{2028}\u{e000}😀"), "'\\u2028\\ue000😀'");
        assert_eq!(repr_str("\u{f0000}"), "'\\U000f0000'");
    }

    #[test]
    fn lone_surrogates_print_escaped_like_cpython() {
        let s: StrValue = [0x61, 0xd800, 0x27, 0xdfff].into_iter().collect();
        assert_eq!(repr_str_value(&s), "\"a\\ud800'\\udfff\"");
        assert_eq!(repr_constant(&Constant::Str(s)), "\"a\\ud800'\\udfff\"");
    }

    #[test]
    fn bytes_escape_non_ascii() {
        assert_eq!(repr_bytes(b"a'\x00\xff"), "b\"a'\\x00\\xff\"");
        assert_eq!(repr_bytes(b"\"'"), "b'\"\\''");
    }
}
