//! `repr()` of code-object constants, exactly as CPython 3.11 prints them.
//!
//! The disassembler shows constants in their Python `repr` form (`'a\n'`, `1e+16`,
//! `(1,)`, `b'\x00'`), so these rules are CPython's: `float_repr_style = 'short'`
//! (shortest round-tripping digits, exponent form when the decimal point position
//! is <= -4 or > 16), and `unicode_repr`'s choice of quotes and escapes.

use crate::ConstantValue;

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
        ConstantValue::Bytes(b) => bytes_repr(b),
        ConstantValue::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|v| constant_repr(v, code_repr)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        ConstantValue::Code(code) => code_repr(code),
        ConstantValue::Ellipsis => "Ellipsis".into(),
    }
}

/// Shortest digits and decimal-point position of a finite, non-zero `f.abs()`.
fn shortest_digits(f: f64) -> (String, i32) {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(f.abs());
    // ryu prints either "d.ddd", "0.000ddd" or "d.ddde[-]N"; normalize to digits and exponent.
    let (mantissa, exp) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = format!("{int_part}{frac_part}");
    let mut point = int_part.len() as i32 + exp;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    point -= leading as i32;
    let trimmed = digits.trim_end_matches('0').len();
    digits.truncate(trimmed);
    if digits.is_empty() {
        digits.push('0');
        point = 1;
    }
    (digits, point)
}

/// `repr(float)` (CPython's `float_repr_style = 'short'`, format code `'r'`).
pub fn float_repr(f: f64) -> String {
    format_float(f, true)
}

/// `add_dot_0` is false inside complex reprs, where CPython prints `2j`, not `2.0j`.
fn format_float(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}{}", if add_dot_0 { "0.0" } else { "0" });
    }
    let (digits, point) = shortest_digits(f);
    let body = if point <= -4 || point > 16 {
        let exp = point - 1;
        let mantissa = if digits.len() == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{exp_sign}{:02}", exp.abs())
    } else if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point as usize >= digits.len() {
        let zeros = "0".repeat(point as usize - digits.len());
        if add_dot_0 {
            format!("{digits}{zeros}.0")
        } else {
            format!("{digits}{zeros}")
        }
    } else {
        format!(
            "{}.{}",
            &digits[..point as usize],
            &digits[point as usize..]
        )
    };
    format!("{sign}{body}")
}

/// `repr(complex)`: `2j`, `(1+2j)`, `(-0-1j)`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let im = format_float(imag, false);
    if real == 0.0 && real.is_sign_positive() {
        return format!("{im}j");
    }
    let re = format_float(real, false);
    let sep = if im.starts_with('-') || imag.is_nan() && im.starts_with('-') {
        ""
    } else {
        "+"
    };
    format!("({re}{sep}{im}j)")
}

use crate::printable::is_printable;

/// `repr(str)`: single quotes unless the text holds `'` and no `"`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_cpython() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5, "-2.5"),
            (-0.0, "-0.0"),
            (1.5e300, "1.5e+300"),
            (123456789.125, "123456789.125"),
            (f64::INFINITY, "inf"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "{f}");
        }
    }

    #[test]
    fn complex_and_strings_print_like_cpython() {
        assert_eq!(complex_repr(0.0, 2.0), "2j");
        assert_eq!(complex_repr(1.0, 2.0), "(1+2j)");
        assert_eq!(complex_repr(1.0, -2.5), "(1-2.5j)");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'\"\n\x01é\u{a0}"), "'a\\'\"\\n\\x01é\\xa0'");
        assert_eq!(bytes_repr(b"a\x00'"), "b\"a\\x00'\"");
        // Unassigned (\u0378), format (\u200b), private use and line separators are
        // escaped; variation selectors and ordinary letters are not (python3's repr).
        assert_eq!(
            str_repr("\u{378}\u{200b}\u{e000}\u{2028}"),
            "'\\u0378\\u200b\\ue000\\u2028'"
        );
        assert_eq!(str_repr("x\u{e0100}é€"), "'x\u{e0100}é€'");
    }
}
