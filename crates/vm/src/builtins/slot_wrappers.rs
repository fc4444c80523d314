//! The dunder methods of builtin types (`int.__add__`, `list.__len__`,
//! `object.__setattr__`, `iter(x).__next__`): CPython's slot wrappers.
//!
//! Builtin types keep their behaviour in [`Slots`] function pointers; these wrappers
//! make each slot visible as a method in the type's dict, so `x.__len__()`,
//! `super().__eq__(other)` and `object.__setattr__(self, name, value)` work. A wrapper
//! runs the slot of the nearest builtin type along `type(self)`'s MRO: the type a
//! normal lookup found it on, or a builtin base of it. Each is added only where the
//! type defines the slot and its dict does not already hold the name.

use crate::interp::Vm;
use crate::objects::typeobj::{BinOp, CompareOp, Slots};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

/// The slots of the nearest builtin type along `v`'s type and its MRO.
fn native_slots(vm: &Vm, v: &Value) -> Slots {
    let ty = vm.type_of(v);
    let Some(t) = ty.as_type() else {
        return Slots::default();
    };
    if t.is_builtin() {
        return t.slots;
    }
    t.mro
        .iter()
        .filter_map(|b| b.as_type())
        .find(|b| b.is_builtin())
        .map(|b| b.slots)
        .unwrap_or_default()
}

/// `self` and the `n` arguments after it, or CPython's arity TypeError.
fn args_n<'a>(vm: &mut Vm, args: &'a [Value], name: &str, n: usize) -> PyResult<&'a [Value]> {
    if args.len() == n + 1 {
        return Ok(args);
    }
    let given = args.len().saturating_sub(1);
    let msg = if n == 0 {
        format!("expected 0 arguments, got {given}")
    } else if n == 1 {
        format!("expected 1 argument, got {given}")
    } else {
        format!("{name} expected {n} arguments, got {given}")
    };
    Err(vm.type_error(&msg))
}

fn missing(vm: &mut Vm, v: &Value, name: &str) -> Value {
    vm.no_attribute(v, name)
}

fn w_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__repr__", 0)?;
    match native_slots(vm, &a[0]).repr {
        Some(f) => f(vm, &a[0]),
        None => {
            let s = vm.default_repr(&a[0]);
            Ok(vm.new_str(&s))
        }
    }
}

fn w_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__str__", 0)?;
    match native_slots(vm, &a[0]).str {
        Some(f) => f(vm, &a[0]),
        // `object.__str__` is `repr(self)`.
        None => vm.repr_value(&a[0]),
    }
}

fn w_hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__hash__", 0)?;
    match native_slots(vm, &a[0]).hash {
        Some(f) => {
            let h = f(vm, &a[0])?;
            Ok(vm.new_int(h))
        }
        None => {
            let msg = format!("unhashable type: '{}'", vm.type_name(&a[0]));
            Err(vm.type_error(&msg))
        }
    }
}

fn w_len(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__len__", 0)?;
    match native_slots(vm, &a[0]).len {
        Some(f) => {
            let n = f(vm, &a[0])?;
            Ok(vm.new_int(n as i64))
        }
        None => Err(missing(vm, &a[0], "__len__")),
    }
}

fn w_getitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__getitem__", 1)?;
    match native_slots(vm, &a[0]).getitem {
        Some(f) => f(vm, &a[0], &a[1]),
        None => Err(missing(vm, &a[0], "__getitem__")),
    }
}

fn w_setitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__setitem__", 2)?;
    match native_slots(vm, &a[0]).setitem {
        Some(f) => f(vm, &a[0], &a[1], a[2].clone()).map(|_| Value::NONE),
        None => Err(missing(vm, &a[0], "__setitem__")),
    }
}

fn w_delitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__delitem__", 1)?;
    match native_slots(vm, &a[0]).delitem {
        Some(f) => f(vm, &a[0], &a[1]).map(|_| Value::NONE),
        None => Err(missing(vm, &a[0], "__delitem__")),
    }
}

fn w_iter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__iter__", 0)?;
    match native_slots(vm, &a[0]).iter {
        Some(f) => f(vm, &a[0]),
        None => Err(missing(vm, &a[0], "__iter__")),
    }
}

fn w_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__next__", 0)?;
    match native_slots(vm, &a[0]).next {
        Some(f) => match f(vm, &a[0])? {
            Some(v) => Ok(v),
            None => {
                let stop = vm.types.stop_iteration.clone();
                Err(vm.new_exception_args(&stop, Vec::new()))
            }
        },
        None => Err(missing(vm, &a[0], "__next__")),
    }
}

fn w_contains(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__contains__", 1)?;
    match native_slots(vm, &a[0]).contains {
        Some(f) => f(vm, &a[0], &a[1]).map(Value::bool),
        None => Err(missing(vm, &a[0], "__contains__")),
    }
}

fn w_bool(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__bool__", 0)?;
    match native_slots(vm, &a[0]).bool {
        Some(f) => f(vm, &a[0]).map(Value::bool),
        None => Err(missing(vm, &a[0], "__bool__")),
    }
}

fn w_call(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let Some((this, rest)) = args.split_first() else {
        return Err(vm.type_error("descriptor '__call__' needs an argument"));
    };
    match native_slots(vm, this).call {
        Some(f) => f(vm, this, rest, kw),
        None => Err(missing(vm, this, "__call__")),
    }
}

/// `f.__call__(...)` for the kinds the VM calls directly (functions, builtins,
/// bound methods), which have no call slot.
fn w_call_direct(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let Some((this, rest)) = args.split_first() else {
        return Err(vm.type_error("descriptor '__call__' needs an argument"));
    };
    vm.call_with_kw(this, rest, kw)
}

macro_rules! unary_wrappers {
    ($($fname:ident => $slot:ident, $name:literal;)*) => {
        $(
            fn $fname(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
                let a = args_n(vm, args, $name, 0)?;
                match native_slots(vm, &a[0]).$slot {
                    Some(f) => f(vm, &a[0]),
                    None => Err(missing(vm, &a[0], $name)),
                }
            }
        )*
    };
}

unary_wrappers! {
    w_neg => neg, "__neg__";
    w_pos => pos, "__pos__";
    w_invert => invert, "__invert__";
}

/// `a.__op__(b)`: the comparison slot, or for a type without one (`object`)
/// identity for `==`/`!=` and `NotImplemented` for the orderings, as CPython's
/// `object_richcompare`.
fn compare(vm: &mut Vm, args: &[Value], name: &str, op: CompareOp) -> PyResult<Value> {
    let a = args_n(vm, args, name, 1)?;
    if let Some(f) = native_slots(vm, &a[0]).richcompare {
        return f(vm, &a[0], &a[1], op);
    }
    Ok(match op {
        CompareOp::Eq if a[0].is(&a[1]) => Value::TRUE,
        CompareOp::Ne => {
            let eq = vm.eq(&a[0], &a[1])?;
            Value::bool(!eq)
        }
        _ => Value::NOT_IMPLEMENTED,
    })
}

macro_rules! compare_wrappers {
    ($($fname:ident => $op:ident, $name:literal;)*) => {
        $(
            fn $fname(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
                compare(vm, args, $name, CompareOp::$op)
            }
        )*
        const COMPARE: &[(&str, NativeFn)] = &[$(($name, $fname),)*];
    };
}

compare_wrappers! {
    w_lt => Lt, "__lt__";
    w_le => Le, "__le__";
    w_eq => Eq, "__eq__";
    w_ne => Ne, "__ne__";
    w_gt => Gt, "__gt__";
    w_ge => Ge, "__ge__";
}

/// `a.__op__(b)` (or `__rop__`, the operands swapped) through the binary slot.
fn binary(vm: &mut Vm, args: &[Value], name: &str, op: BinOp, reflected: bool) -> PyResult<Value> {
    let a = args_n(vm, args, name, 1)?;
    match native_slots(vm, &a[0]).binary {
        Some(f) if reflected => f(vm, op, &a[1], &a[0]),
        Some(f) => f(vm, op, &a[0], &a[1]),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

macro_rules! binary_wrappers {
    ($($fname:ident, $rname:ident => $op:ident, $name:literal, $rlit:literal;)*) => {
        $(
            fn $fname(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
                binary(vm, args, $name, BinOp::$op, false)
            }
            fn $rname(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
                binary(vm, args, $rlit, BinOp::$op, true)
            }
        )*
        /// Every binary dunder: (operator, name, reflected name, wrapper, reflected wrapper).
        const BINARY: &[(BinOp, &str, &str, NativeFn, NativeFn)] =
            &[$((BinOp::$op, $name, $rlit, $fname, $rname),)*];
    };
}

binary_wrappers! {
    w_add, w_radd => Add, "__add__", "__radd__";
    w_sub, w_rsub => Sub, "__sub__", "__rsub__";
    w_mul, w_rmul => Mul, "__mul__", "__rmul__";
    w_truediv, w_rtruediv => TrueDiv, "__truediv__", "__rtruediv__";
    w_floordiv, w_rfloordiv => FloorDiv, "__floordiv__", "__rfloordiv__";
    w_mod, w_rmod => Mod, "__mod__", "__rmod__";
    w_pow, w_rpow => Pow, "__pow__", "__rpow__";
    w_lshift, w_rlshift => LShift, "__lshift__", "__rlshift__";
    w_rshift, w_rrshift => RShift, "__rshift__", "__rrshift__";
    w_and, w_rand => And, "__and__", "__rand__";
    w_or, w_ror => Or, "__or__", "__ror__";
    w_xor, w_rxor => Xor, "__xor__", "__rxor__";
    w_matmul, w_rmatmul => MatMul, "__matmul__", "__rmatmul__";
}

/// Which binary operators (and whether their reflected forms) a builtin type
/// defines as dunders, by type name; a type whose binary slot serves only some
/// operators must not claim the others (`hasattr(str, '__sub__')` is False).
fn binary_ops(type_name: &str) -> &'static [(BinOp, bool)] {
    use BinOp::*;
    const INT: &[(BinOp, bool)] = &[
        (Add, true),
        (Sub, true),
        (Mul, true),
        (TrueDiv, true),
        (FloorDiv, true),
        (Mod, true),
        (Pow, true),
        (LShift, true),
        (RShift, true),
        (And, true),
        (Or, true),
        (Xor, true),
    ];
    const FLOAT: &[(BinOp, bool)] = &[
        (Add, true),
        (Sub, true),
        (Mul, true),
        (TrueDiv, true),
        (FloorDiv, true),
        (Mod, true),
        (Pow, true),
    ];
    const COMPLEX: &[(BinOp, bool)] = &[
        (Add, true),
        (Sub, true),
        (Mul, true),
        (TrueDiv, true),
        (Pow, true),
    ];
    const TEXT: &[(BinOp, bool)] = &[(Add, false), (Mul, true), (Mod, true)];
    const SEQUENCE: &[(BinOp, bool)] = &[(Add, false), (Mul, true)];
    const SET: &[(BinOp, bool)] = &[(And, true), (Or, true), (Xor, true), (Sub, true)];
    const DICT: &[(BinOp, bool)] = &[(Or, true)];
    match type_name {
        "int" => INT,
        "float" => FLOAT,
        "complex" => COMPLEX,
        "str" | "bytes" => TEXT,
        "list" | "tuple" => SEQUENCE,
        "set" | "frozenset" => SET,
        "dict" => DICT,
        _ => &[],
    }
}

/// `object.__setattr__(self, name, value)`: the generic store, which a class's own
/// `__setattr__` usually ends with.
fn object_setattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__setattr__", 2)?;
    check_name(vm, &a[1])?;
    vm.generic_set_attr(&a[0], &a[1], a[2].clone())?;
    Ok(Value::NONE)
}

/// `object.__getattribute__(self, name)`: the generic lookup.
fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__getattribute__", 1)?;
    check_name(vm, &a[1])?;
    vm.generic_get_attr(&a[0], &a[1])
}

/// `object.__delattr__(self, name)`.
fn object_delattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args_n(vm, args, "__delattr__", 1)?;
    check_name(vm, &a[1])?;
    vm.generic_del_attr(&a[0], &a[1])?;
    Ok(Value::NONE)
}

fn check_name(vm: &mut Vm, name: &Value) -> PyResult<()> {
    if name.as_pystr().is_some() {
        return Ok(());
    }
    let msg = format!(
        "attribute name must be string, not '{}'",
        vm.type_name(name)
    );
    Err(vm.type_error(&msg))
}

/// Adds the wrappers of `ty`'s slots to its dict (see the module doc).
fn add_wrappers(vm: &mut Vm, ty: &Value) {
    let Some(t) = ty.as_type() else { return };
    let (slots, name) = (t.slots, t.name.to_string());
    let base_slots = t
        .mro
        .first()
        .and_then(|b| b.as_type())
        .map(|b| b.slots)
        .unwrap_or_default();
    let is_object = ty.is(&vm.types.object);
    let mut methods: Vec<(&'static str, NativeFn)> = Vec::new();
    // A slot the type inherits unchanged is found on its base, as in CPython.
    macro_rules! own {
        ($slot:ident) => {
            slots.$slot.is_some()
                && (base_slots.$slot.map(|f| f as usize) != slots.$slot.map(|f| f as usize))
        };
    }
    // (whether the type gets it, name, wrapper)
    let plain: [(bool, &'static str, NativeFn); 14] = [
        (own!(repr) || is_object, "__repr__", w_repr),
        (own!(str) || is_object, "__str__", w_str),
        (own!(hash) || is_object, "__hash__", w_hash),
        (own!(len), "__len__", w_len),
        (own!(getitem), "__getitem__", w_getitem),
        (own!(setitem), "__setitem__", w_setitem),
        (own!(delitem), "__delitem__", w_delitem),
        (own!(iter), "__iter__", w_iter),
        (own!(next), "__next__", w_next),
        (own!(contains), "__contains__", w_contains),
        (own!(bool), "__bool__", w_bool),
        (own!(neg), "__neg__", w_neg),
        (own!(pos), "__pos__", w_pos),
        (own!(invert), "__invert__", w_invert),
    ];
    for (wanted, name, f) in plain {
        if wanted {
            methods.push((name, f));
        }
    }
    if own!(call) {
        methods.push(("__call__", w_call));
    } else if [
        &vm.types.function,
        &vm.types.builtin_function,
        &vm.types.method,
    ]
    .iter()
    .any(|k| ty.is(k))
    {
        methods.push(("__call__", w_call_direct));
    }
    if own!(richcompare) || is_object {
        methods.extend_from_slice(COMPARE);
    }
    if slots.binary.is_some() {
        for &(op, reflected) in binary_ops(&name) {
            if let Some(&(_, n, rn, f, rf)) = BINARY.iter().find(|b| b.0 == op) {
                methods.push((n, f));
                if reflected {
                    methods.push((rn, rf));
                }
            }
        }
    }
    if is_object {
        methods.push(("__setattr__", object_setattr));
        methods.push(("__getattribute__", object_getattribute));
        methods.push(("__delattr__", object_delattr));
    }
    let absent: Vec<(&'static str, NativeFn)> = methods
        .into_iter()
        .filter(|(n, _)| t.dict.borrow().get_str(n).is_none())
        .collect();
    super::add_methods(vm, ty, &absent);
    // An unhashable builtin (list, dict, set) says so in its dict, as CPython does.
    if slots.hash.is_none() && !is_object && t.dict.borrow().get_str("__hash__").is_none() {
        let key = vm.intern("__hash__");
        let hash = crate::objects::str::hash_str("__hash__");
        t.dict.borrow_mut().insert(key, hash, Value::NONE);
    }
}

/// Adds the slot wrappers of every builtin type.
pub(crate) fn install(vm: &mut Vm) {
    for ty in vm.types.all() {
        add_wrappers(vm, &ty);
    }
}
