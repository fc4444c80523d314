//! The `math` module: constants and the common functions, with CPython's
//! "math domain error" / "math range error" reporting.

use dashu_int::IBig;

use super::{add_functions, set};
use crate::interp::Vm;
use crate::objects::int::{int_ref, IntRef};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

fn arg_f64(vm: &mut Vm, args: &[Value], i: usize, fname: &str) -> PyResult<f64> {
    let Some(v) = args.get(i) else {
        let msg = format!("math.{fname}() missing required argument");
        return Err(vm.type_error(&msg));
    };
    if let Some(f) = v.as_float() {
        return Ok(f);
    }
    if let Some(r) = int_ref(v) {
        let f = r.to_f64();
        if f.is_infinite() {
            return Err(vm.overflow_error("int too large to convert to float"));
        }
        return Ok(f);
    }
    if let Some(f) = vm.float_dunder(v)? {
        return Ok(f);
    }
    let msg = format!("must be real number, not {}", vm.type_name(v));
    Err(vm.type_error(&msg))
}

fn domain(vm: &mut Vm) -> Value {
    vm.value_error("math domain error")
}

/// Applies `f` to one float argument, raising on domain/range errors like CPython.
fn unary(vm: &mut Vm, args: &[Value], name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = arg_f64(vm, args, 0, name)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::float(r))
}

macro_rules! unary_fns {
    ($($name:ident => $f:expr;)*) => {
        $(fn $name(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
            unary(vm, args, stringify!($name), $f)
        })*
    };
}

unary_fns! {
    sqrt => f64::sqrt;
    exp => f64::exp;
    sin => f64::sin;
    cos => f64::cos;
    tan => f64::tan;
    asin => f64::asin;
    acos => f64::acos;
    atan => f64::atan;
    sinh => f64::sinh;
    cosh => f64::cosh;
    tanh => f64::tanh;
    log2 => f64::log2;
    log10 => f64::log10;
    fabs => f64::abs;
    degrees => f64::to_degrees;
    radians => f64::to_radians;
}

fn log(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg_f64(vm, args, 0, "log")?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    let r = match args.get(1) {
        Some(_) => {
            let b = arg_f64(vm, args, 1, "log")?;
            if b <= 0.0 {
                return Err(domain(vm));
            }
            if b == 1.0 {
                return Err(vm.zero_division_error("float division by zero"));
            }
            x.ln() / b.ln()
        }
        None => x.ln(),
    };
    Ok(Value::float(r))
}

fn pow(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg_f64(vm, args, 0, "pow")?;
    let y = arg_f64(vm, args, 1, "pow")?;
    let r = x.powf(y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::float(r))
}

fn atan2(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let y = arg_f64(vm, args, 0, "atan2")?;
    let x = arg_f64(vm, args, 1, "atan2")?;
    Ok(Value::float(y.atan2(x)))
}

fn hypot(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut acc = 0.0f64;
    for i in 0..args.len() {
        let v = arg_f64(vm, args, i, "hypot")?;
        acc = acc.hypot(v);
    }
    Ok(Value::float(acc))
}

/// floor/ceil/trunc return ints; ints pass through unchanged.
fn rounding(vm: &mut Vm, args: &[Value], name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    if let Some(v) = args.first() {
        if let Some(r) = int_ref(v) {
            return Ok(vm.new_bigint(r.to_ibig()));
        }
    }
    let x = arg_f64(vm, args, 0, name)?;
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    vm.new_float_as_int(f(x))
}

fn floor(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    rounding(vm, args, "floor", f64::floor)
}

fn ceil(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    rounding(vm, args, "ceil", f64::ceil)
}

fn trunc(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    rounding(vm, args, "trunc", f64::trunc)
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<IBig> {
    match int_ref(v) {
        Some(r) => Ok(r.to_ibig()),
        None => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            );
            Err(vm.type_error(&msg))
        }
    }
}

fn gcd(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut acc = IBig::ZERO;
    for a in args {
        let mut x = int_arg(vm, a)?;
        if x < IBig::ZERO {
            x = -x;
        }
        let mut y = acc;
        let mut x2 = x;
        while x2 != IBig::ZERO {
            let r = &y % &x2;
            y = x2;
            x2 = r;
        }
        acc = y;
    }
    Ok(vm.new_bigint(acc))
}

fn factorial(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = match args.first().map(int_ref) {
        Some(Some(IntRef::Small(n))) => n,
        Some(Some(IntRef::Big(_))) => {
            return Err(
                vm.overflow_error("factorial() argument should not exceed 9223372036854775807")
            )
        }
        _ => return Err(vm.type_error("factorial() only accepts integral values")),
    };
    if n < 0 {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let mut acc = IBig::ONE;
    for i in 2..=n {
        acc *= IBig::from(i);
    }
    Ok(vm.new_bigint(acc))
}

fn isqrt(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = int_arg(vm, args.first().unwrap_or(&Value::NONE))?;
    if n < IBig::ZERO {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    // Newton's method on big ints.
    if n == IBig::ZERO {
        return Ok(vm.new_int(0));
    }
    let mut x = n.clone();
    let mut y: IBig = (&x + IBig::ONE) >> 1;
    while y < x {
        x = y;
        y = (&x + &n / &x) >> 1;
    }
    Ok(vm.new_bigint(x))
}

fn predicate(vm: &mut Vm, args: &[Value], name: &str, f: fn(f64) -> bool) -> PyResult<Value> {
    let x = arg_f64(vm, args, 0, name)?;
    Ok(Value::bool(f(x)))
}

fn isnan(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    predicate(vm, args, "isnan", f64::is_nan)
}

fn isinf(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    predicate(vm, args, "isinf", f64::is_infinite)
}

fn isfinite(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    predicate(vm, args, "isfinite", f64::is_finite)
}

fn isclose(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let a = arg_f64(vm, args, 0, "isclose")?;
    let b = arg_f64(vm, args, 1, "isclose")?;
    let (mut rel, mut abs) = (1e-9, 0.0);
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let x = arg_f64(vm, std::slice::from_ref(v), 0, "isclose")?;
        match k.as_str() {
            Some("rel_tol") => rel = x,
            Some("abs_tol") => abs = x,
            _ => {}
        }
    }
    if a == b {
        return Ok(Value::TRUE);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::FALSE);
    }
    let diff = (b - a).abs();
    Ok(Value::bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    ))
}

fn copysign(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg_f64(vm, args, 0, "copysign")?;
    let y = arg_f64(vm, args, 1, "copysign")?;
    Ok(Value::float(x.copysign(y)))
}

fn fsum(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let items = vm.collect_iterable(args.first().unwrap_or(&Value::NONE))?;
    // Neumaier compensated summation (close to CPython's exact fsum for typical inputs).
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for i in 0..items.len() {
        let x = arg_f64(vm, &items, i, "fsum")?;
        let t = sum + x;
        if sum.abs() >= x.abs() {
            c += (sum - t) + x;
        } else {
            c += (x - t) + sum;
        }
        sum = t;
    }
    Ok(Value::float(sum + c))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("sqrt", sqrt),
    ("exp", exp),
    ("sin", sin),
    ("cos", cos),
    ("tan", tan),
    ("asin", asin),
    ("acos", acos),
    ("atan", atan),
    ("sinh", sinh),
    ("cosh", cosh),
    ("tanh", tanh),
    ("log2", log2),
    ("log10", log10),
    ("fabs", fabs),
    ("degrees", degrees),
    ("radians", radians),
    ("log", log),
    ("pow", pow),
    ("atan2", atan2),
    ("hypot", hypot),
    ("floor", floor),
    ("ceil", ceil),
    ("trunc", trunc),
    ("gcd", gcd),
    ("factorial", factorial),
    ("isqrt", isqrt),
    ("isnan", isnan),
    ("isinf", isinf),
    ("isfinite", isfinite),
    ("isclose", isclose),
    ("copysign", copysign),
    ("fsum", fsum),
];

pub(super) fn build(vm: &mut Vm) -> Value {
    let m = vm.new_module("math");
    set(vm, &m, "pi", Value::float(std::f64::consts::PI));
    set(vm, &m, "e", Value::float(std::f64::consts::E));
    set(vm, &m, "tau", Value::float(std::f64::consts::TAU));
    set(vm, &m, "inf", Value::float(f64::INFINITY));
    set(vm, &m, "nan", Value::float(f64::NAN));
    add_functions(vm, &m, FUNCTIONS);
    m
}
