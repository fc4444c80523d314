//! Numeric literal values: ints of any size, floats, imaginary numbers.
//!
//! The lexer has already checked the literal's shape; this turns its text into a
//! [`Constant`]. Ints past `i64` become [`Int::Big`] decimal digits, converted here
//! with a small base-10^9 schoolbook routine (a literal is short, so no big-int crate).

use ast::{Constant, Int};

/// The value of a NUMBER token's text, or `None` if the text is not a number.
pub fn parse_number(text: &str) -> Option<Constant> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if let Some(imag) = lower.strip_suffix('j') {
        let value = parse_float(imag)?;
        return Some(Constant::Complex {
            real: 0.0,
            imag: value,
        });
    }
    let radix = match lower.get(..2) {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 10,
    };
    if radix != 10 {
        return parse_int(&lower[2..], radix).map(Constant::Int);
    }
    if lower.contains(['.', 'e']) {
        return parse_float(&lower).map(Constant::Float);
    }
    parse_int(&lower, 10).map(Constant::Int)
}

fn parse_float(text: &str) -> Option<f64> {
    // Rust's parser rounds correctly and gives inf for overflow, as CPython's does.
    let text = if text.starts_with('.') {
        format!("0{text}")
    } else {
        text.to_owned()
    };
    text.parse::<f64>().ok()
}

fn parse_int(digits: &str, radix: u32) -> Option<Int> {
    if digits.is_empty() {
        return None;
    }
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        return Some(Int::Small(v));
    }
    // Base 10^9 limbs, least significant first.
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let d = u64::from(c.to_digit(radix)?);
        let mut carry = d;
        for limb in limbs.iter_mut() {
            let v = *limb * u64::from(radix) + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut out = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&limb.to_string());
        } else {
            out.push_str(&format!("{limb:09}"));
        }
    }
    Some(Int::Big(out.into_boxed_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_ints_in_every_base_become_decimal_digits() {
        assert_eq!(
            parse_number("0xffffffffffffffffffff"),
            Some(Constant::Int(Int::Big("1208925819614629174706175".into())))
        );
        assert_eq!(
            parse_number("10_000_000_000_000_000_000"),
            Some(Constant::Int(Int::Big("10000000000000000000".into())))
        );
        assert_eq!(
            parse_number("9223372036854775807"),
            Some(Constant::Int(Int::Small(i64::MAX)))
        );
        assert_eq!(parse_number("0b1_0"), Some(Constant::Int(Int::Small(2))));
    }

    #[test]
    fn floats_and_imaginary_literals() {
        assert_eq!(parse_number("1e5"), Some(Constant::Float(100000.0)));
        assert_eq!(parse_number(".5"), Some(Constant::Float(0.5)));
        assert_eq!(parse_number("1."), Some(Constant::Float(1.0)));
        assert_eq!(parse_number("1e999"), Some(Constant::Float(f64::INFINITY)));
        assert_eq!(
            parse_number("2J"),
            Some(Constant::Complex {
                real: 0.0,
                imag: 2.0
            })
        );
        assert_eq!(parse_number("0777"), Some(Constant::Int(Int::Small(777))));
    }
}
