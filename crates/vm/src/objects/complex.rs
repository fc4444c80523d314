//! `complex`: the payload, CPython's repr (shared `pyrepr` rules), arithmetic with
//! int/float coercion in both operand orders (Smith's division, the integer-power
//! fast path of `complex_pow`), `==`/`!=` only, the numeric hash, and the
//! `complex(...)` constructor with its string parser.

use crate::interp::Vm;
use crate::objects::float::{float_hash_value, parse_float};
use crate::objects::int::{int_ref, IntRef};
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::{new_object, NativeFn, Trace};
use crate::value::Value;
use crate::PyResult;

/// A complex number's payload.
pub struct ComplexObj {
    pub re: f64,
    pub im: f64,
}

impl Trace for ComplexObj {}

/// Why a complex operation failed (CPython reports these through `errno`).
enum MathError {
    /// `EDOM`: division by zero, or zero to a negative/complex power.
    Domain,
    /// `ERANGE`: a finite power overflowed.
    Range,
}

impl Vm {
    pub fn new_complex(&mut self, re: f64, im: f64) -> Value {
        new_object(&self.types.complex, ComplexObj { re, im })
    }
}

/// An operand of complex arithmetic: a complex, or an int/float as `(x, 0.0)`.
/// `Ok(None)` for other types (the slot then returns NotImplemented).
fn operand(vm: &mut Vm, v: &Value) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = v.as_complex() {
        return Ok(Some(c));
    }
    if let Some(f) = v.as_float() {
        return Ok(Some((f, 0.0)));
    }
    match int_ref(v) {
        Some(IntRef::Small(i)) => Ok(Some((i as f64, 0.0))),
        Some(IntRef::Big(b)) => {
            let f = b.to_f64().value();
            if f.is_infinite() {
                Err(vm.overflow_error("int too large to convert to float"))
            } else {
                Ok(Some((f, 0.0)))
            }
        }
        None => Ok(None),
    }
}

fn mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// Division by scaling with the larger component of the divisor (Smith's method),
/// which avoids overflow in the intermediate `|b|**2` that the textbook formula has.
fn quot(a: (f64, f64), b: (f64, f64)) -> Result<(f64, f64), MathError> {
    let (abs_re, abs_im) = (b.0.abs(), b.1.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return Err(MathError::Domain);
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Ok(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Ok(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // A NaN component: neither comparison holds.
        Ok((f64::NAN, f64::NAN))
    }
}

/// `x ** n` for a natural `n` by binary exponentiation.
fn pow_unsigned(x: (f64, f64), n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = mul(r, p);
        }
        mask <<= 1;
        p = mul(p, p);
    }
    r
}

fn pow_general(a: (f64, f64), b: (f64, f64)) -> Result<(f64, f64), MathError> {
    if b == (0.0, 0.0) {
        return Ok((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(MathError::Domain);
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    // The C library reports cos/sin of an infinite angle as a domain error, which
    // CPython turns into its ZeroDivisionError.
    if phase.is_infinite() {
        return Err(MathError::Domain);
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// `complex_pow`: small integral exponents multiply (exact for Gaussian integers),
/// others go through polar form; an infinite result is an overflow.
fn pow(a: (f64, f64), b: (f64, f64)) -> Result<(f64, f64), MathError> {
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n >= 0 {
            pow_unsigned(a, n as u64)
        } else {
            quot((1.0, 0.0), pow_unsigned(a, n.unsigned_abs()))?
        }
    } else {
        pow_general(a, b)?
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

pub fn complex_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if !matches!(
        op,
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::Pow
    ) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let Some(x) = operand(vm, a)? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let Some(y) = operand(vm, b)? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let r = match op {
        BinOp::Add => Ok((x.0 + y.0, x.1 + y.1)),
        BinOp::Sub => Ok((x.0 - y.0, x.1 - y.1)),
        BinOp::Mul => Ok(mul(x, y)),
        BinOp::TrueDiv => quot(x, y).map_err(|_| MathError::Domain),
        _ => pow(x, y),
    };
    match r {
        Ok((re, im)) => Ok(vm.new_complex(re, im)),
        Err(MathError::Domain) if op == BinOp::TrueDiv => {
            Err(vm.zero_division_error("complex division by zero"))
        }
        Err(MathError::Domain) => Err(vm.zero_division_error("0.0 to a negative or complex power")),
        Err(MathError::Range) => Err(vm.overflow_error("complex exponentiation")),
    }
}

/// Only `==` and `!=` are defined; an int is compared exactly (as a float would be).
pub fn complex_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let Some((re, im)) = a.as_complex() else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let equal = if let Some((re2, im2)) = b.as_complex() {
        re == re2 && im == im2
    } else if b.as_float().is_some() || int_ref(b).is_some() {
        if im != 0.0 {
            false
        } else {
            let r = crate::objects::float::float_compare(vm, &Value::float(re), b, CompareOp::Eq)?;
            r.as_bool().unwrap_or(false)
        }
    } else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    Ok(Value::bool(equal == (op == CompareOp::Eq)))
}

fn parts(v: &Value) -> (f64, f64) {
    v.as_complex().unwrap_or((0.0, 0.0))
}

pub fn complex_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (re, im) = parts(v);
    let s = pyrepr::complex_repr(re, im);
    Ok(vm.new_str(&s))
}

/// `hash(real) + 1000003 * hash(imag)` in wrapping unsigned arithmetic, as CPython.
pub fn complex_hash_value(re: f64, im: f64) -> i64 {
    let hr = float_hash_value(re) as u64;
    let hi = float_hash_value(im) as u64;
    let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn complex_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let (re, im) = parts(v);
    Ok(complex_hash_value(re, im))
}

pub fn complex_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let (re, im) = parts(v);
    Ok(re != 0.0 || im != 0.0)
}

pub fn complex_neg(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (re, im) = parts(v);
    Ok(vm.new_complex(-re, -im))
}

pub fn complex_pos(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if vm.type_of(v).is(&vm.types.complex) {
        return Ok(v.clone());
    }
    let (re, im) = parts(v);
    Ok(vm.new_complex(re, im))
}

/// `abs(z)`: the hypotenuse; an infinite result from finite parts overflows.
pub fn complex_abs(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (re, im) = parts(v);
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(Value::float(r))
}

/// `.real` and `.imag`.
pub fn complex_attr(v: &Value, name: &str) -> Option<Value> {
    let (re, im) = v.as_complex()?;
    match name {
        "real" => Some(Value::float(re)),
        "imag" => Some(Value::float(im)),
        _ => None,
    }
}

fn c_conjugate(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some((re, im)) = args.first().and_then(|v| v.as_complex()) else {
        return Err(vm.type_error("descriptor 'conjugate' requires a 'complex' object"));
    };
    Ok(vm.new_complex(re, -im))
}

pub const METHODS: &[(&str, NativeFn)] = &[("conjugate", c_conjugate)];

/// `complex(real=0, imag=0)` and `complex(string)`.
pub fn complex_new(
    vm: &mut Vm,
    _cls: &Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos > 2 {
        let msg = format!("complex() takes at most 2 arguments ({} given)", args.len());
        return Err(vm.type_error(&msg));
    }
    let mut real = args.first().filter(|_| npos > 0).cloned();
    let mut imag = args.get(1).filter(|_| npos > 1).cloned();
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let slot = match k.as_str() {
            Some("real") => &mut real,
            Some("imag") => &mut imag,
            other => {
                let msg = format!(
                    "'{}' is an invalid keyword argument for complex()",
                    other.unwrap_or("?")
                );
                return Err(vm.type_error(&msg));
            }
        };
        if slot.is_some() {
            let which = k.as_str().unwrap_or("?");
            let pos = if which == "real" { 1 } else { 2 };
            let msg =
                format!("argument for complex() given by name ('{which}') and position ({pos})");
            return Err(vm.type_error(&msg));
        }
        *slot = Some(v.clone());
    }
    let real = match (real, &imag) {
        (Some(r), _) => r,
        (None, Some(_)) => vm.new_int(0),
        (None, None) => return Ok(vm.new_complex(0.0, 0.0)),
    };
    if let Some(text) = real.as_str() {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        return match parse_complex(text) {
            Some((re, im)) => Ok(vm.new_complex(re, im)),
            None => Err(vm.value_error("complex() arg is a malformed string")),
        };
    }
    let Some(r) = operand(vm, &real)? else {
        let msg = format!(
            "complex() first argument must be a string or a number, not '{}'",
            vm.type_name(&real)
        );
        return Err(vm.type_error(&msg));
    };
    let mut re = r.0;
    let mut im = match &imag {
        // complex(z) keeps z's imaginary part as it is (a -0.0 stays -0.0).
        None => r.1,
        Some(v) if v.as_pystr().is_some() => {
            return Err(vm.type_error("complex() second arg can't be a string"));
        }
        Some(v) => match operand(vm, v)? {
            Some((i_re, i_im)) => {
                if v.as_complex().is_some() {
                    re -= i_im;
                }
                i_re
            }
            None => {
                let msg = format!(
                    "complex() second argument must be a number, not '{}'",
                    vm.type_name(v)
                );
                return Err(vm.type_error(&msg));
            }
        },
    };
    if imag.is_none() && real.as_complex().is_some() && vm.type_of(&real).is(&vm.types.complex) {
        return Ok(real);
    }
    // real + imag*1j where `real` is complex: its imaginary part adds to imag's real
    // part (only then, so complex(1, -0.0) keeps its -0.0).
    if real.as_complex().is_some() && imag.is_some() {
        im += r.1;
    }
    Ok(vm.new_complex(re, im))
}

/// Parses `complex(str)`: optional parentheses and surrounding whitespace around
/// `<real>`, `<imag>j` or `<real>±<imag>j`, where a bare sign before `j` means 1.
pub fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let mut t = text.trim();
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim();
    }
    if t.is_empty() {
        return None;
    }
    let (first, rest) = split_number(t);
    if rest.is_empty() {
        return Some((parse_float(first)?, 0.0));
    }
    if rest.eq_ignore_ascii_case("j") {
        return Some((0.0, signed_unit(first)?));
    }
    // `first` is the real part; `rest` must be a signed imaginary part.
    if first.is_empty() || first == "+" || first == "-" {
        return None;
    }
    let re = parse_float(first)?;
    if !rest.starts_with(['+', '-']) {
        return None;
    }
    let (second, tail) = split_number(rest);
    if !tail.eq_ignore_ascii_case("j") {
        return None;
    }
    Some((re, signed_unit(second)?))
}

/// The imaginary coefficient written before a `j`: empty or a bare sign means ±1.
fn signed_unit(s: &str) -> Option<f64> {
    match s {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        _ => parse_float(s),
    }
}

/// Splits a leading float literal (sign, digits with `_`, `.`, exponent, or an
/// `inf`/`infinity`/`nan` word) from the rest of `s`.
fn split_number(s: &str) -> (&str, &str) {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let lower = s[i..].to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if lower.starts_with(word) {
            let end = i + word.len();
            return (&s[..end], &s[end..]);
        }
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_' || b[i] == b'.') {
        i += 1;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'_') {
                j += 1;
            }
            i = j;
        }
    }
    (&s[..i], &s[i..])
}
