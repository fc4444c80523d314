//! Calling the builtin types: `int(...)`, `float(...)`, `str(...)`, `list(...)`, ...,
//! plus `property`/`staticmethod`/`classmethod` wrappers.

use std::cell::RefCell;

use crate::interp::Vm;
use crate::objects::float::parse_float;
use crate::objects::instance::new_instance;
use crate::objects::int::{int_ref, parse_int};
use crate::objects::{new_object, Dict, NativeFn};
use crate::objects::{DictObj, ListObj, SetObj};
use crate::value::Value;
use crate::PyResult;

fn no_kwargs(vm: &mut Vm, name: &str, kwnames: &[Value]) -> PyResult<()> {
    if kwnames.is_empty() {
        Ok(())
    } else {
        let msg = format!("{name}() takes no keyword arguments");
        Err(vm.type_error(&msg))
    }
}

fn at_most(vm: &mut Vm, name: &str, args: &[Value], n: usize) -> PyResult<()> {
    if args.len() > n {
        let msg = format!(
            "{name} expected at most {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len()
        );
        return Err(vm.type_error(&msg));
    }
    Ok(())
}

/// The text `int()`/`float()` parse: a str, or a bytes object's bytes as Latin-1
/// (only ASCII digits and signs can parse, so any other byte fails as in CPython).
fn numeric_text(x: &Value) -> Option<String> {
    if let Some(s) = x.as_str() {
        return Some(s.to_string());
    }
    x.as_bytes()
        .map(|b| b.iter().map(|&c| char::from(c)).collect())
}

pub fn object_new(vm: &mut Vm, cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if !args.is_empty() {
        return Err(vm.type_error("object() takes no arguments"));
    }
    Ok(new_instance(cls))
}

pub fn int_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let v = int_value(vm, args, kwnames)?;
    if cls.is(&vm.types.int) || cls.as_type().is_none() {
        return Ok(v);
    }
    // An instance of a subclass is a heap int carrying its class (never an inline
    // int, which is always exactly `int`).
    let big = int_ref(&v).map(|i| i.to_ibig()).unwrap_or_default();
    Ok(new_object(cls, crate::objects::BigInt(big)))
}

/// The value `int(*args)` computes.
fn int_value(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut base: Option<Value> = args.get(1).filter(|_| npos > 1).cloned();
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("base") {
            base = Some(v.clone());
        }
    }
    let Some(x) = args.first().filter(|_| npos > 0) else {
        return Ok(vm.new_int(0));
    };
    if let Some(b) = base {
        let Some(text) = numeric_text(x) else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        let text = text.as_str();
        let b = vm.to_i64(&b)?.unwrap_or(10);
        if !(b == 0 || (2..=36).contains(&b)) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return match parse_int(text, b as u32) {
            Some(i) => Ok(vm.new_bigint(i)),
            None => {
                let msg = format!("invalid literal for int() with base {b}: {}", vm.repr(x)?);
                Err(vm.value_error(&msg))
            }
        };
    }
    if let Some(i) = int_ref(x) {
        let big = i.to_ibig();
        return Ok(vm.new_bigint(big));
    }
    if let Some(f) = x.as_float() {
        if f.is_nan() {
            return Err(vm.value_error("cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(vm.overflow_error("cannot convert float infinity to integer"));
        }
        let t = f.trunc();
        if t.abs() < 9.0e15 {
            return Ok(vm.new_int(t as i64));
        }
        let digits = format!("{t:.0}");
        return match digits.parse::<dashu_int::IBig>() {
            Ok(i) => Ok(vm.new_bigint(i)),
            Err(_) => Err(vm.overflow_error("cannot convert float to integer")),
        };
    }
    if let Some(text) = numeric_text(x) {
        let text = text.as_str();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        if digits > crate::objects::int::MAX_STR_DIGITS {
            let msg = format!(
                "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            );
            return Err(vm.value_error(&msg));
        }
        return match parse_int(text, 10) {
            Some(i) => Ok(vm.new_bigint(i)),
            None => {
                let msg = format!("invalid literal for int() with base 10: {}", vm.repr(x)?);
                Err(vm.value_error(&msg))
            }
        };
    }
    for dunder in ["__int__", "__index__"] {
        let ty = vm.type_of(x).clone();
        if let Some(f) = vm.type_lookup(&ty, dunder) {
            return vm.call(&f, std::slice::from_ref(x));
        }
    }
    let msg = format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    );
    Err(vm.type_error(&msg))
}

pub fn bool_new(vm: &mut Vm, _cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs(vm, "bool", kwnames)?;
    at_most(vm, "bool", args, 1)?;
    match args.first() {
        Some(v) => Ok(Value::bool(vm.is_true(v)?)),
        None => Ok(Value::FALSE),
    }
}

pub fn float_new(vm: &mut Vm, _cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs(vm, "float", kwnames)?;
    at_most(vm, "float", args, 1)?;
    let Some(x) = args.first() else {
        return Ok(Value::float(0.0));
    };
    if x.is_float() {
        return Ok(x.clone());
    }
    if let Some(i) = int_ref(x) {
        let f = i.to_f64();
        if f.is_infinite() {
            return Err(vm.overflow_error("int too large to convert to float"));
        }
        return Ok(Value::float(f));
    }
    if let Some(text) = numeric_text(x) {
        return match parse_float(&text) {
            Some(f) => Ok(Value::float(f)),
            None => {
                let msg = format!("could not convert string to float: {}", vm.repr(x)?);
                Err(vm.value_error(&msg))
            }
        };
    }
    if let Some(f) = vm.float_dunder(x)? {
        return Ok(Value::float(f));
    }
    let msg = format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(x)
    );
    Err(vm.type_error(&msg))
}

pub fn str_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs(vm, "str", kwnames)?;
    let text = match args.first() {
        Some(v) => vm.str_value(v)?,
        None => vm.new_str(""),
    };
    // `str(x)` is an exact str and `S(x)` an instance of the subclass `S`: the same
    // text, under the type asked for (a str subclass's `__str__` may return itself).
    if vm.type_of(&text).is(cls) {
        return Ok(text);
    }
    match text.as_pystr() {
        Some(p) => Ok(crate::objects::heap::new_str_object(
            cls,
            p.as_bytes(),
            p.char_len(),
            p.has_surrogates(),
        )),
        None => Ok(text),
    }
}

pub fn list_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs(vm, "list", kwnames)?;
    at_most(vm, "list", args, 1)?;
    let items = match args.first() {
        Some(v) => vm.collect_iterable(v)?,
        None => Vec::new(),
    };
    Ok(new_object(cls, ListObj(RefCell::new(items))))
}

pub fn tuple_new(vm: &mut Vm, _cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs(vm, "tuple", kwnames)?;
    at_most(vm, "tuple", args, 1)?;
    match args.first() {
        Some(v) if v.as_tuple().is_some() => Ok(v.clone()),
        Some(v) => {
            let items = vm.collect_iterable(v)?;
            Ok(vm.new_tuple(items))
        }
        None => Ok(vm.new_tuple(Vec::new())),
    }
}

pub fn dict_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    at_most(vm, "dict", &args[..npos], 1)?;
    let d = new_object(cls, DictObj(RefCell::new(Dict::new())));
    if npos == 1 {
        vm.dict_merge_from(&d, &args[0])?;
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        vm.dict_set(&d, k.clone(), v.clone())?;
    }
    Ok(d)
}

pub fn set_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs(vm, "set", kwnames)?;
    at_most(vm, "set", args, 1)?;
    match args.first() {
        Some(v) => vm.set_from_iterable(cls, v),
        None => Ok(new_object(cls, SetObj(RefCell::new(Default::default())))),
    }
}

/// An integer argument (`__index__`-like), with CPython's message for anything else.
pub(crate) fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match vm.to_i64(v)? {
        Some(i) => Ok(i),
        None => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            );
            Err(vm.type_error(&msg))
        }
    }
}

pub fn range_new(vm: &mut Vm, _cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs(vm, "range", kwnames)?;
    let nums: Vec<i64> = args
        .iter()
        .map(|a| index_arg(vm, a))
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match nums.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        _ => {
            let msg = format!("range expected at most 3 arguments, got {}", nums.len());
            return Err(vm.type_error(&msg));
        }
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(vm.new_range(start, stop, step))
}

pub fn slice_new(vm: &mut Vm, _cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (a, b, c) = match args {
        [stop] => (Value::NONE, stop.clone(), Value::NONE),
        [start, stop] => (start.clone(), stop.clone(), Value::NONE),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        _ => return Err(vm.type_error("slice expected 1 to 3 arguments")),
    };
    Ok(vm.new_slice(a, b, c))
}

fn wrapper(vm: &mut Vm, cls: &Value, fields: &[(&str, Value)]) -> PyResult<Value> {
    let inst = new_instance(cls);
    for (name, v) in fields {
        let key = vm.intern(name);
        let hash = vm.hash(&key)?;
        if let Some((i, keys)) = inst.as_instance() {
            let old = i.set(keys, &vm.types.dict, key, hash, v.clone());
            drop(old);
        }
    }
    Ok(inst)
}

pub fn property_new(vm: &mut Vm, cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let get = |i: usize| args.get(i).cloned().unwrap_or(Value::NONE);
    wrapper(vm, cls, &[("fget", get(0)), ("fset", get(1))])
}

pub fn staticmethod_new(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    _kw: &[Value],
) -> PyResult<Value> {
    let f = args.first().cloned().unwrap_or(Value::NONE);
    wrapper(vm, cls, &[("__func__", f)])
}

pub fn classmethod_new(vm: &mut Vm, cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = args.first().cloned().unwrap_or(Value::NONE);
    wrapper(vm, cls, &[("__func__", f)])
}

fn field(v: &Value, name: &str) -> Value {
    v.instance_attr(name).unwrap_or(Value::NONE)
}

/// `@prop.setter`: a new property with the same getter and this setter.
fn property_setter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let prop = args.first().cloned().unwrap_or(Value::NONE);
    let fset = args.get(1).cloned().unwrap_or(Value::NONE);
    let cls = vm.types.property.clone();
    wrapper(vm, &cls, &[("fget", field(&prop, "fget")), ("fset", fset)])
}

fn property_getter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let prop = args.first().cloned().unwrap_or(Value::NONE);
    let fget = args.get(1).cloned().unwrap_or(Value::NONE);
    let cls = vm.types.property.clone();
    wrapper(vm, &cls, &[("fget", fget), ("fset", field(&prop, "fset"))])
}

pub const PROPERTY_METHODS: &[(&str, NativeFn)] =
    &[("setter", property_setter), ("getter", property_getter)];
