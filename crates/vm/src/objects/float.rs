//! `float`: CPython's repr (from `pyrepr`: shortest round-trip digits laid out with
//! CPython's rules), arithmetic with int coercion and CPython's error messages,
//! floor division/modulo semantics, comparisons, and the numeric hash.

use crate::interp::Vm;
use crate::objects::int::{int_ref, IntRef, HASH_MODULUS};
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::value::Value;
use crate::PyResult;

/// `repr(float)`, identical to CPython's `float_repr` (the shared `pyrepr` rules).
pub use pyrepr::float_repr as float_repr_string;

pub fn float_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = float_repr_string(v.as_float().unwrap_or(0.0));
    Ok(vm.new_str(&s))
}

/// A float operand: a float, or an int/bool converted (OverflowError when too big).
fn to_f64(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    if let Some(f) = v.as_float() {
        return Ok(Some(f));
    }
    match int_ref(v) {
        Some(IntRef::Small(i)) => Ok(Some(i as f64)),
        Some(IntRef::Big(b)) => {
            let f = b.to_f64().value();
            if f.is_infinite() {
                Err(vm.overflow_error("int too large to convert to float"))
            } else {
                Ok(Some(f))
            }
        }
        None => Ok(None),
    }
}

/// CPython's `float_divmod`: floor quotient and modulo with the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

pub fn float_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(x), Some(y)) = (to_f64(vm, a)?, to_f64(vm, b)?) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(vm.zero_division_error("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(vm.zero_division_error("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(vm.zero_division_error("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => return float_pow(vm, x, y),
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    Ok(Value::float(r))
}

fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 {
        return Err(vm.zero_division_error("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(vm.value_error("negative number cannot be raised to a fractional power"));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        let ty = vm.types.overflow_error.clone();
        let code = vm.new_int(34);
        let msg = vm.new_str("Numerical result out of range");
        return Err(vm.new_exception_args(&ty, vec![code, msg]));
    }
    Ok(Value::float(r))
}

/// Compares numbers of any int/float mix exactly enough for inline ints (all of which
/// are exactly representable as f64).
pub fn float_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let _ = vm;
    // A big int against a float: compare exactly, as CPython's float_richcompare does.
    let mixed = match (a.as_float(), int_ref(a), b.as_float(), int_ref(b)) {
        (Some(f), _, _, Some(IntRef::Big(i))) => Some((float_cmp_bigint(f, i), op)),
        (_, Some(IntRef::Big(i)), Some(f), _) => Some((float_cmp_bigint(f, i), op.swapped())),
        _ => None,
    };
    if let Some((ord, op)) = mixed {
        return Ok(Value::bool(match ord {
            Some(o) => op.test(o),
            None => op == CompareOp::Ne,
        }));
    }
    let (Some(x), Some(y)) = (to_f64_lossy(a), to_f64_lossy(b)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    Ok(Value::bool(op.test_floats(x, y)))
}

fn to_f64_lossy(v: &Value) -> Option<f64> {
    v.as_float().or_else(|| int_ref(v).map(|i| i.to_f64()))
}

/// CPython's `_Py_HashDouble` (NaN hashes by identity there; we use 0's neighbour).
pub fn float_hash_value(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(x.abs());
    let sign: i64 = if x < 0.0 { -1 } else { 1 };
    let modulus = HASH_MODULUS as u64;
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & modulus) | (h >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= modulus {
            h -= modulus;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    h = ((h << e) & modulus) | (h >> (61 - e));
    let r = h as i64 * sign;
    if r == -1 {
        -2
    } else {
        r
    }
}

/// `frexp`: `x = m * 2**e` with `0.5 <= m < 1` (for finite nonzero `x`).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

pub fn float_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok(float_hash_value(v.as_float().unwrap_or(0.0)))
}

pub fn float_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(v.as_float().unwrap_or(0.0) != 0.0)
}

pub fn float_neg(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::float(-v.as_float().unwrap_or(0.0)))
}

pub fn float_pos(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

/// Parses `float(str)`: decimal literals, `inf`/`nan` spellings, underscores.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "inf" | "infinity" | "nan") {
        return lower.parse::<f64>().ok().or_else(|| {
            let neg = lower.starts_with('-');
            let v = if unsigned == "nan" {
                f64::NAN
            } else {
                f64::INFINITY
            };
            Some(if neg { -v } else { v })
        });
    }
    if t.is_empty() || t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    let clean: String = t.chars().filter(|&c| c != '_').collect();
    if !clean
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    clean.parse::<f64>().ok()
}

/// Exact ordering of float `f` against big int `i` (`None` for NaN).
fn float_cmp_bigint(f: f64, i: &dashu_int::IBig) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let t = f.trunc();
    let ti = float_to_ibig(t);
    Some(match ti.cmp(i) {
        Ordering::Equal => (f - t).partial_cmp(&0.0).unwrap_or(Ordering::Equal),
        other => other,
    })
}

/// The exact integer value of an integral, finite float.
pub fn float_to_ibig(t: f64) -> dashu_int::IBig {
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    if exp == 0 {
        return dashu_int::IBig::ZERO;
    }
    let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let shift = exp - 1075;
    let mag = if shift >= 0 {
        dashu_int::IBig::from(mantissa) << shift as usize
    } else {
        dashu_int::IBig::from(mantissa >> (-shift).min(63) as u32)
    };
    if t < 0.0 {
        -mag
    } else {
        mag
    }
}

impl Vm {
    /// `v` as a float through its class's `__float__` (which must return a float) or
    /// else `__index__`, as CPython's `PyFloat_AsDouble` falls back for objects that
    /// are not floats or ints; `None` when the class defines neither.
    pub fn float_dunder(&mut self, v: &Value) -> PyResult<Option<f64>> {
        if !v.is_kind::<crate::objects::InstanceObj>() {
            return Ok(None);
        }
        let ty = self.type_of(v).clone();
        if let Some(f) = self.type_lookup(&ty, "__float__") {
            let r = self.call(&f, std::slice::from_ref(v))?;
            return match r.as_float() {
                Some(x) => Ok(Some(x)),
                None => {
                    let msg = format!(
                        "{}.__float__ returned non-float (type {})",
                        self.type_name(v),
                        self.type_name(&r)
                    );
                    Err(self.type_error(&msg))
                }
            };
        }
        let Some(i) = self.index_dunder(v)? else {
            return Ok(None);
        };
        let f = crate::objects::int::int_ref(&i).map_or(0.0, |r| r.to_f64());
        if f.is_infinite() {
            return Err(self.overflow_error("int too large to convert to float"));
        }
        Ok(Some(f))
    }
}

// ---- float methods: as_integer_ratio, hex, fromhex, conjugate, real/imag ----

use crate::objects::int::{descriptor_error, no_args};

/// The receiver of a float method.
fn float_receiver(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<f64> {
    match args.first().and_then(|v| v.as_float()) {
        Some(f) => Ok(f),
        None => Err(descriptor_error(vm, args, name, "float")),
    }
}

/// A finite float as `mantissa * 2**exponent` with an integer mantissa of at most
/// 53 bits (zero for zero).
fn float_parts(x: f64) -> (i64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = (bits & ((1u64 << 52) - 1)) as i64;
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1i64 << 52), biased - 1075)
    };
    (if x < 0.0 { -m } else { m }, e)
}

fn float_as_integer_ratio(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let x = float_receiver(vm, args, "as_integer_ratio")?;
    no_args(vm, args, kwnames, "float.as_integer_ratio")?;
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let (mut m, mut e) = float_parts(x);
    if m == 0 {
        e = 0;
    } else {
        // Lowest terms: move the mantissa's trailing zero bits into the exponent.
        let tz = m.trailing_zeros() as i32;
        m >>= tz;
        e += tz;
    }
    let (num, den) = if e >= 0 {
        (dashu_int::IBig::from(m) << e as usize, dashu_int::IBig::ONE)
    } else {
        (
            dashu_int::IBig::from(m),
            dashu_int::IBig::ONE << (-e) as usize,
        )
    };
    let (num, den) = (vm.new_bigint(num), vm.new_bigint(den));
    Ok(vm.new_tuple(vec![num, den]))
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exp>` for normal numbers,
/// `[-]0x0.<13 hex digits>p-1022` for subnormals, `0x0.0p+0` for zero.
pub fn float_hex_string(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    format!("{sign}0x{lead}.{fraction:013x}p{exp:+}")
}

fn float_hex(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let x = float_receiver(vm, args, "hex")?;
    no_args(vm, args, kwnames, "float.hex")?;
    let s = float_hex_string(x);
    Ok(vm.new_str(&s))
}

/// The result of parsing a hexadecimal float string.
enum HexFloat {
    Value(f64),
    Invalid,
    Overflow,
}

/// Parses `float.fromhex`'s text: optional whitespace and sign, then `inf`,
/// `infinity` or `nan` (any case), or hex digits with an optional `0x` prefix, an
/// optional point, and an optional binary exponent `p[+-]digits`; rounds half to
/// even, subnormals included.
fn parse_hex_float(text: &str) -> HexFloat {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (negative, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let signed = |v: f64| if negative { -v } else { v };
    let lower = rest.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return HexFloat::Value(signed(f64::INFINITY));
    }
    if lower == "nan" {
        return HexFloat::Value(f64::NAN);
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa_text, exp_text) = match body.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (int_digits, frac_digits) = match mantissa_text.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa_text, ""),
    };
    let all_hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    if int_digits.len() + frac_digits.len() == 0 || !all_hex(int_digits) || !all_hex(frac_digits) {
        return HexFloat::Invalid;
    }
    // The binary exponent, saturated far past any float's range.
    let mut exp: i64 = 0;
    if let Some(e) = exp_text {
        let (neg_exp, digits) = match e.as_bytes().first() {
            Some(b'-') => (true, &e[1..]),
            Some(b'+') => (false, &e[1..]),
            _ => (false, e),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return HexFloat::Invalid;
        }
        for b in digits.bytes() {
            exp = (exp * 10 + i64::from(b - b'0')).min(1 << 40);
        }
        if neg_exp {
            exp = -exp;
        }
    }
    let digits: String = [int_digits, frac_digits].concat();
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return HexFloat::Value(signed(0.0));
    }
    let Ok(mantissa) = dashu_int::UBig::from_str_radix(digits, 16) else {
        return HexFloat::Invalid;
    };
    // value = mantissa * 2**exp2
    let exp2 = exp - 4 * frac_digits.len() as i64;
    let bits = dashu_int::ops::BitTest::bit_len(&mantissa) as i64;
    let top = bits + exp2; // value < 2**top, value >= 2**(top - 1)
    if top > 1024 {
        return HexFloat::Overflow;
    }
    if top < -1074 {
        // Below half the smallest subnormal.
        return HexFloat::Value(signed(0.0));
    }
    // The weight of the result's last bit: 53 significant bits, but never below
    // the smallest subnormal's.
    let lsb = (top - 53).max(-1074);
    let mut m: u64 = if exp2 >= lsb {
        // Exact: at most 53 bits after the shift.
        let shifted = mantissa << (exp2 - lsb) as usize;
        u64::try_from(&shifted).unwrap_or(0)
    } else {
        let shift = (lsb - exp2) as usize;
        let q = &mantissa >> shift;
        let rem = &mantissa - (&q << shift);
        let half = dashu_int::UBig::ONE << (shift - 1);
        let mut q = u64::try_from(&q).unwrap_or(0);
        if rem > half || (rem == half && q & 1 == 1) {
            q += 1;
        }
        q
    };
    let mut lsb = lsb;
    if m == 1 << 53 {
        m >>= 1;
        lsb += 1;
    }
    let value = if m >= 1 << 52 {
        let biased = lsb + 1075;
        if biased >= 0x7ff {
            return HexFloat::Overflow;
        }
        f64::from_bits(((biased as u64) << 52) | (m & ((1 << 52) - 1)))
    } else {
        // Subnormal (lsb is -1074) or zero.
        f64::from_bits(m)
    };
    HexFloat::Value(signed(value))
}

/// `float.fromhex(string)`, a classmethod: `args[0]` is the class.
fn float_fromhex(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let cls = args
        .first()
        .cloned()
        .unwrap_or_else(|| vm.types.float.clone());
    if !kwnames.is_empty() {
        return Err(vm.type_error("float.fromhex() takes no keyword arguments"));
    }
    if args.len() != 2 {
        let msg = format!(
            "float.fromhex() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        );
        return Err(vm.type_error(&msg));
    }
    let Some(s) = args[1].as_pystr() else {
        return Err(vm.type_error("bad argument type for built-in operation"));
    };
    let text = String::from_utf8_lossy(s.as_bytes()).into_owned();
    let f = match parse_hex_float(&text) {
        HexFloat::Value(f) => f,
        HexFloat::Invalid => {
            return Err(vm.value_error("invalid hexadecimal floating-point string"))
        }
        HexFloat::Overflow => {
            return Err(vm.overflow_error("hexadecimal value too large to represent as a float"))
        }
    };
    if cls.is(&vm.types.float) {
        return Ok(Value::float(f));
    }
    vm.call(&cls, &[Value::float(f)])
}

fn float_conjugate(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let x = float_receiver(vm, args, "conjugate")?;
    no_args(vm, args, kwnames, "float.conjugate")?;
    Ok(Value::float(x))
}

fn float_get_real(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    float_receiver(vm, args, "real").map(Value::float)
}

fn float_get_imag(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    float_receiver(vm, args, "imag")?;
    Ok(Value::float(0.0))
}

/// Methods added to `float`'s dict.
pub const FLOAT_METHODS: &[(&str, crate::objects::NativeFn)] = &[
    ("as_integer_ratio", float_as_integer_ratio),
    ("hex", float_hex),
    ("conjugate", float_conjugate),
];

/// Read-only attributes of floats (properties over these getters).
pub const FLOAT_GETTERS: &[(&str, crate::objects::NativeFn)] =
    &[("real", float_get_real), ("imag", float_get_imag)];

/// Classmethods of `float`.
pub const FLOAT_CLASSMETHODS: &[(&str, crate::objects::NativeFn)] = &[("fromhex", float_fromhex)];
