//! Numeric builtins: `abs`, `min`, `max`, `sum`, `round`, `divmod`, `pow`, `hex`,
//! `oct`, `bin`, and a few int/float methods.

use dashu_int::ops::{BitTest, UnsignedAbs};

use super::add_function;
use crate::interp::Vm;
use crate::objects::int::{int_ref, IntRef};
use crate::objects::typeobj::BinOp;
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

fn abs(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [x] = args else {
        let msg = format!("abs() takes exactly one argument ({} given)", args.len());
        return Err(vm.type_error(&msg));
    };
    if let Some(f) = x.as_float() {
        return Ok(Value::float(f.abs()));
    }
    if x.as_complex().is_some() {
        return crate::objects::complex::complex_abs(vm, x);
    }
    match int_ref(x) {
        Some(IntRef::Small(i)) => Ok(vm.new_int(i.abs())),
        Some(IntRef::Big(b)) => {
            let r = if *b < dashu_int::IBig::ZERO {
                -(b.clone())
            } else {
                b.clone()
            };
            Ok(vm.new_bigint(r))
        }
        None => {
            let ty = vm.type_of(x).clone();
            if let Some(f) = vm.type_lookup(&ty, "__abs__") {
                return vm.call(&f, std::slice::from_ref(x));
            }
            let msg = format!("bad operand type for abs(): '{}'", vm.type_name(x));
            Err(vm.type_error(&msg))
        }
    }
}

fn min_max(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    name: &str,
    want_max: bool,
) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut key = Value::NONE;
    let mut default = None;
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("key") => key = v.clone(),
            Some("default") => default = Some(v.clone()),
            Some(other) => {
                let msg = format!("'{other}' is an invalid keyword argument for {name}()");
                return Err(vm.type_error(&msg));
            }
            None => {}
        }
    }
    let items = match npos {
        0 => {
            let msg = format!("{name} expected at least 1 argument, got 0");
            return Err(vm.type_error(&msg));
        }
        1 => vm.collect_iterable(&args[0])?,
        _ => args[..npos].to_vec(),
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = if key.is_none() {
            item.clone()
        } else {
            vm.call(&key, std::slice::from_ref(&item))?
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                if want_max {
                    vm.lt(bk, &k)?
                } else {
                    vm.lt(&k, bk)?
                }
            }
        };
        if better {
            best = Some((k, item));
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => {
                let msg = format!("{name}() arg is an empty sequence");
                Err(vm.value_error(&msg))
            }
        },
    }
}

fn min(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    min_max(vm, args, kw, "min", false)
}

fn max(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    min_max(vm, args, kw, "max", true)
}

fn sum(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut start = if npos > 1 {
        args[1].clone()
    } else {
        vm.new_int(0)
    };
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("start") {
            start = v.clone();
        }
    }
    if start.as_pystr().is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let Some(iterable) = args.first().filter(|_| npos > 0) else {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    };
    let mut acc = start;
    // An exact list or tuple is read by position (what its iterator would do, without
    // the iterator object and a call per item); a list is re-read each step, so an
    // `__add__` that changes it is seen as its iterator would see it.
    let ty = vm.type_of(iterable).clone();
    if ty.is(&vm.types.tuple) {
        for x in iterable.as_tuple().unwrap_or(&[]) {
            acc = sum_step(vm, acc, x.clone())?;
        }
        return Ok(acc);
    }
    if let Some(l) = iterable.as_list().filter(|_| ty.is(&vm.types.list)) {
        for i in 0.. {
            // The borrow ends before the addition, which may run Python code.
            let Some(x) = l.borrow().get(i).cloned() else {
                break;
            };
            acc = sum_step(vm, acc, x)?;
        }
        return Ok(acc);
    }
    let it = vm.get_iter(iterable)?;
    while let Some(x) = vm.iter_next(&it)? {
        acc = sum_step(vm, acc, x)?;
    }
    Ok(acc)
}

/// `acc + x` for `sum()`: inline ints (48-bit, so the i64 sum is exact) and floats
/// add without the generic operator dispatch, as CPython's sum() special-cases them.
#[inline]
fn sum_step(vm: &mut Vm, acc: Value, x: Value) -> PyResult<Value> {
    if let (Some(a), Some(b)) = (acc.as_int(), x.as_int()) {
        return Ok(vm.new_int(a + b));
    }
    if let (Some(a), Some(b)) = (acc.as_float(), x.as_float()) {
        return Ok(Value::float(a + b));
    }
    vm.binary_op(&acc, &x, BinOp::Add, false)
}

/// Round half to even, as CPython's `round()`.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

fn round(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(x) = args.first() else {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    };
    let ndigits = match args.get(1) {
        Some(n) if !n.is_none() => Some(vm.to_i64(n)?.unwrap_or(0)),
        _ => None,
    };
    if let Some(f) = x.as_float() {
        return match ndigits {
            None => {
                if f.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(vm.overflow_error("cannot convert float infinity to integer"));
                }
                let r = round_half_even(f);
                let v = vm.new_float_as_int(r)?;
                Ok(v)
            }
            Some(n) => {
                if !f.is_finite() {
                    return Ok(x.clone());
                }
                if n >= 0 {
                    let s = format!("{:.*}", n.min(330) as usize, f);
                    Ok(Value::float(s.parse().unwrap_or(f)))
                } else {
                    let p = 10f64.powi((-n).min(330) as i32);
                    Ok(Value::float(round_half_even(f / p) * p))
                }
            }
        };
    }
    if let Some(i) = int_ref(x) {
        return match ndigits {
            Some(n) if n < 0 => {
                let i = match i {
                    IntRef::Small(i) => i,
                    IntRef::Big(_) => return Ok(x.clone()),
                };
                let p = 10i64.checked_pow((-n) as u32).unwrap_or(i64::MAX);
                let q = i.div_euclid(p);
                let r = i.rem_euclid(p);
                let q = if r * 2 > p || (r * 2 == p && q % 2 != 0) {
                    q + 1
                } else {
                    q
                };
                Ok(vm.new_int(q.saturating_mul(p)))
            }
            _ => Ok(vm.new_bigint(i.to_ibig())),
        };
    }
    let ty = vm.type_of(x).clone();
    if let Some(f) = vm.type_lookup(&ty, "__round__") {
        let mut full = vec![x.clone()];
        full.extend(args[1..].iter().cloned());
        return vm.call(&f, &full);
    }
    let msg = format!("type {} doesn't define __round__ method", vm.type_name(x));
    Err(vm.type_error(&msg))
}

impl Vm {
    /// An integral float as an int value (exact for large magnitudes).
    pub fn new_float_as_int(&mut self, f: f64) -> PyResult<Value> {
        if f.abs() < 9.0e15 {
            return Ok(self.new_int(f as i64));
        }
        match format!("{f:.0}").parse::<dashu_int::IBig>() {
            Ok(i) => Ok(self.new_bigint(i)),
            Err(_) => Err(self.overflow_error("cannot convert float infinity to integer")),
        }
    }
}

fn divmod(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [a, b] = args else {
        let msg = format!("divmod expected 2 arguments, got {}", args.len());
        return Err(vm.type_error(&msg));
    };
    let q = vm.try_binary(a, b, BinOp::FloorDiv)?;
    let r = match q {
        Some(_) => vm.try_binary(a, b, BinOp::Mod)?,
        None => None,
    };
    match (q, r) {
        (Some(q), Some(r)) => Ok(vm.new_tuple(vec![q, r])),
        _ => {
            let msg = format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                vm.type_name(a),
                vm.type_name(b)
            );
            Err(vm.type_error(&msg))
        }
    }
}

fn pow(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args {
        [a, b] => vm.binary_op(a, b, BinOp::Pow, false),
        [a, b, m] if [a, b, m].iter().any(|v| v.as_complex().is_some()) => {
            Err(vm.value_error("complex modulo"))
        }
        [a, b, m] => {
            let (Some(base), Some(exp), Some(modulus)) = (int_ref(a), int_ref(b), int_ref(m))
            else {
                return Err(vm.type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            let (base, exp, modulus) = (base.to_ibig(), exp.to_ibig(), modulus.to_ibig());
            if modulus == dashu_int::IBig::ZERO {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            if exp < dashu_int::IBig::ZERO {
                return Err(vm.value_error("base is not invertible for the given modulus"));
            }
            // Square-and-multiply with a floor modulo (the result takes the modulus' sign).
            let floor_mod = |x: dashu_int::IBig| -> dashu_int::IBig {
                let r = &x % &modulus;
                if r != dashu_int::IBig::ZERO
                    && ((r < dashu_int::IBig::ZERO) != (modulus < dashu_int::IBig::ZERO))
                {
                    r + &modulus
                } else {
                    r
                }
            };
            let mut result = floor_mod(dashu_int::IBig::ONE);
            let mut b = floor_mod(base);
            let mut e = exp;
            let two = dashu_int::IBig::from(2);
            while e > dashu_int::IBig::ZERO {
                if &e % &two == dashu_int::IBig::ONE {
                    result = floor_mod(&result * &b);
                }
                b = floor_mod(&b * &b);
                e /= &two;
            }
            Ok(vm.new_bigint(result))
        }
        _ => Err(vm.type_error("pow expected 2 or 3 arguments")),
    }
}

fn radix(vm: &mut Vm, args: &[Value], prefix: &str, radix: u32) -> PyResult<Value> {
    // An object with `__index__` converts first (`hex(obj)` is `hex(obj.__index__())`).
    if let Some(index) = match args.first() {
        Some(v) if int_ref(v).is_none() => vm.index_dunder(v)?,
        _ => None,
    } {
        return radix_of_int(vm, &index, prefix, radix);
    }
    radix_of_int(vm, args.first().unwrap_or(&Value::NONE), prefix, radix)
}

fn radix_of_int(vm: &mut Vm, v: &Value, prefix: &str, radix: u32) -> PyResult<Value> {
    let args = std::slice::from_ref(v);
    let Some(i) = args.first().and_then(int_ref) else {
        let msg = format!(
            "'{}' object cannot be interpreted as an integer",
            args.first()
                .map(|a| vm.type_name(a))
                .unwrap_or_else(|| "NoneType".into())
        );
        return Err(vm.type_error(&msg));
    };
    let big = i.to_ibig();
    let neg = big < dashu_int::IBig::ZERO;
    let mag = if neg { -big } else { big };
    let digits = match radix {
        2 => format!("{:b}", mag),
        8 => format!("{:o}", mag),
        _ => format!("{:x}", mag),
    };
    let s = format!("{}{prefix}{digits}", if neg { "-" } else { "" });
    Ok(vm.new_str(&s))
}

fn hex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "0x", 16)
}

fn oct(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "0o", 8)
}

fn bin(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "0b", 2)
}

fn float_is_integer(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = args.first().and_then(|v| v.as_float()).unwrap_or(0.5);
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn int_bit_length(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = match args.first().and_then(int_ref) {
        Some(IntRef::Small(i)) => 64 - i.unsigned_abs().leading_zeros() as i64,
        Some(IntRef::Big(b)) => b.unsigned_abs().bit_len() as i64,
        None => 0,
    };
    Ok(vm.new_int(n))
}

const FLOAT_METHODS: &[(&str, NativeFn)] = &[("is_integer", float_is_integer)];
const INT_METHODS: &[(&str, NativeFn)] = &[("bit_length", int_bit_length)];

/// Puts `value` in type `ty`'s dict under `name`.
fn set_type_attr(vm: &mut Vm, ty: &Value, name: &'static str, value: Value) {
    let key = vm.new_str(name);
    if let Some(t) = ty.as_type() {
        t.dict
            .borrow_mut()
            .insert(key, crate::objects::str::hash_str(name), value);
        t.modified();
    }
}

/// Read-only attributes: `property` objects over native getters.
fn add_getters(vm: &mut Vm, ty: &Value, getters: &[(&'static str, NativeFn)]) {
    for &(name, func) in getters {
        let getter = super::new_builtin(vm, name, func, false);
        let prop_t = vm.types.property.clone();
        if let Ok(prop) = super::constructors::property_new(vm, &prop_t, &[getter], &[]) {
            set_type_attr(vm, ty, name, prop);
        }
    }
}

/// Classmethods: `classmethod` objects over native functions taking the class first.
fn add_classmethods(vm: &mut Vm, ty: &Value, methods: &[(&'static str, NativeFn)]) {
    for &(name, func) in methods {
        let f = super::new_builtin(vm, name, func, false);
        let cm_t = vm.types.classmethod.clone();
        if let Ok(cm) = super::constructors::classmethod_new(vm, &cm_t, &[f], &[]) {
            set_type_attr(vm, ty, name, cm);
        }
    }
}

/// The int and float methods, attributes and classmethods, and `str.maketrans`
/// (a static method, which `add_methods` cannot express).
pub(super) fn add_int_methods(vm: &mut Vm) {
    use crate::objects::{float, int};
    let (f, i) = (vm.types.float.clone(), vm.types.int.clone());
    super::add_methods(vm, &f, FLOAT_METHODS);
    super::add_methods(vm, &i, INT_METHODS);
    super::add_methods(vm, &f, float::FLOAT_METHODS);
    super::add_methods(vm, &i, int::INT_METHODS);
    add_getters(vm, &f, float::FLOAT_GETTERS);
    add_getters(vm, &i, int::INT_GETTERS);
    add_classmethods(vm, &f, float::FLOAT_CLASSMETHODS);
    add_classmethods(vm, &i, int::INT_CLASSMETHODS);
    let s = vm.types.str.clone();
    super::add_static_function(vm, &s, "maketrans", crate::objects::str_more::str_maketrans);
}

pub(super) fn register(vm: &mut Vm, builtins: &Value) {
    add_function(vm, builtins, "abs", abs);
    add_function(vm, builtins, "min", min);
    add_function(vm, builtins, "max", max);
    add_function(vm, builtins, "sum", sum);
    add_function(vm, builtins, "round", round);
    add_function(vm, builtins, "divmod", divmod);
    add_function(vm, builtins, "pow", pow);
    add_function(vm, builtins, "hex", hex);
    add_function(vm, builtins, "oct", oct);
    add_function(vm, builtins, "bin", bin);
}
