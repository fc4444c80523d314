//! `repr(float)` and `repr(complex)`: CPython's `format_float_short` with format code
//! `'r'`, the shortest digits that round-trip, laid out as CPython lays them out.

/// Shortest round-trip digits of a finite, non-zero `f.abs()` (no leading or trailing
/// zeros) and the decimal point position: `|f| == 0.d1d2...dn * 10**point`.
fn shortest_digits(f: f64) -> (String, i32) {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(f.abs());
    // ryu prints "d.ddd", "0.000ddd" or "d.ddde[-]N"; normalize to digits and exponent.
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

/// `repr(float)`: `1.0`, `0.1`, `1e+16`, `1e-05`, `-0.0`, `inf`, `nan`.
pub fn float_repr(f: f64) -> String {
    format_float(f, true)
}

/// `add_dot_0` is CPython's `Py_DTSF_ADD_DOT_0`: false inside complex reprs, where
/// CPython prints `2j`, not `2.0j`.
fn format_float(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        // CPython drops the sign of a NaN.
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
        let (int_digits, frac_digits) = digits.split_at(point as usize);
        format!("{int_digits}.{frac_digits}")
    };
    format!("{sign}{body}")
}

/// `repr(complex)`: just `<imag>j` when the real part is +0.0, else
/// `(<real>±<imag>j)`; the `+` is omitted only when the imaginary text has its own
/// `-` (a negative NaN prints as `+nan`, as in CPython).
pub fn complex_repr(real: f64, imag: f64) -> String {
    let im = format_float(imag, false);
    if real == 0.0 && real.is_sign_positive() {
        return format!("{im}j");
    }
    let re = format_float(real, false);
    let sep = if im.starts_with('-') { "" } else { "+" };
    format!("({re}{sep}{im}j)")
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
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (9999999999999998.0, "9999999999999998.0"),
            (9007199254740992.0, "9007199254740992.0"),
            (1234567890123456.7, "1234567890123456.8"),
            (123456789.125, "123456789.125"),
            (123.456, "123.456"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-1e-7, "-1e-07"),
            (1e22, "1e+22"),
            (1e300, "1e+300"),
            (1.5e300, "1.5e+300"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (0.30000000000000004, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
        ];
        for &(f, want) in cases {
            assert_eq!(float_repr(f), want, "repr of {f:?}");
        }
    }

    #[test]
    fn complex_uses_cpython_layout() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        let cases: &[(f64, f64, &str)] = &[
            (0.0, 0.0, "0j"),
            (0.0, 1.0, "1j"),
            (0.0, 2.0, "2j"),
            (0.0, 1.5, "1.5j"),
            (0.0, 1e16, "1e+16j"),
            (0.0, 1e15, "1000000000000000j"),
            (0.0, -0.0, "-0j"),
            (0.0, inf, "infj"),
            (0.0, -inf, "-infj"),
            (1.0, 2.0, "(1+2j)"),
            (1.0, -2.0, "(1-2j)"),
            (1.0, -2.5, "(1-2.5j)"),
            (-0.0, 1.0, "(-0+1j)"),
            (-0.0, -0.0, "(-0-0j)"),
            (1.0, nan, "(1+nanj)"),
            (1.0, -nan, "(1+nanj)"),
            (-nan, 1.0, "(nan+1j)"),
            (nan, -nan, "(nan+nanj)"),
            (inf, -inf, "(inf-infj)"),
            (1e16, 1e-5, "(1e+16+1e-05j)"),
        ];
        for &(re, im, want) in cases {
            assert_eq!(
                complex_repr(re, im),
                want,
                "repr of complex({re:?}, {im:?})"
            );
        }
    }
}
