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
