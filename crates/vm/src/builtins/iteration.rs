//! Iteration builtins: `iter`, `next`, `enumerate`, `zip`, `map`, `filter`,
//! `reversed`, `sorted`, `any`, `all`.

use super::add_function;
use crate::interp::Vm;
use crate::objects::generator::Generator;
use crate::objects::iter::IterState;
use crate::objects::range::{range_len, range_parts};
use crate::objects::RangeObj;
use crate::value::Value;
use crate::PyResult;

fn iter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args {
        [x] => vm.get_iter(x),
        [func, sentinel] => {
            if !vm.is_callable(func) {
                return Err(vm.type_error("iter(v, w): v must be callable"));
            }
            Ok(vm.new_iter(crate::objects::IterState::Callable {
                func: func.clone(),
                sentinel: sentinel.clone(),
            }))
        }
        _ => {
            let msg = format!("iter expected at most 2 arguments, got {}", args.len());
            Err(vm.type_error(&msg))
        }
    }
}

fn next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(it) = args.first() else {
        return Err(vm.type_error("next expected at least 1 argument, got 0"));
    };
    if vm.slots(it).next.is_none() {
        let msg = format!("'{}' object is not an iterator", vm.type_name(it));
        return Err(vm.type_error(&msg));
    }
    if it.is_kind::<Generator>() {
        return match vm.gen_resume(it, Value::NONE, None)? {
            crate::objects::generator::GenStep::Yield(v) => Ok(v),
            crate::objects::generator::GenStep::Return(v) => match args.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration_with(v)),
            },
        };
    }
    match vm.iter_next(it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration()),
        },
    }
}

pub fn enumerate_new(
    vm: &mut Vm,
    _cls: &Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let Some(iterable) = args.first().filter(|_| npos > 0) else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable' (pos 1)"));
    };
    let mut start = if npos > 1 {
        vm.to_i64(&args[1])?.unwrap_or(0)
    } else {
        0
    };
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("start") {
            start = vm.to_i64(v)?.unwrap_or(0);
        }
    }
    let it = vm.get_iter(iterable)?;
    Ok(vm.new_iter(IterState::Enumerate { it, count: start }))
}

pub fn zip_new(vm: &mut Vm, _cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut its = Vec::new();
    for a in &args[..npos] {
        its.push(vm.get_iter(a)?);
    }
    Ok(vm.new_iter(IterState::Zip { its }))
}

pub fn map_new(vm: &mut Vm, _cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for a in &args[1..] {
        its.push(vm.get_iter(a)?);
    }
    Ok(vm.new_iter(IterState::Map {
        func: args[0].clone(),
        its,
    }))
}

pub fn filter_new(vm: &mut Vm, _cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [func, iterable] = args else {
        let msg = format!("filter expected 2 arguments, got {}", args.len());
        return Err(vm.type_error(&msg));
    };
    let it = vm.get_iter(iterable)?;
    Ok(vm.new_iter(IterState::Filter {
        func: func.clone(),
        it,
    }))
}

pub fn reversed_new(vm: &mut Vm, _cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [seq] = args else {
        let msg = format!("reversed expected 1 argument, got {}", args.len());
        return Err(vm.type_error(&msg));
    };
    if seq.is_kind::<RangeObj>() {
        let (start, stop, step) = range_parts(seq);
        let n = range_len(start, stop, step);
        let last = start + (n - 1) * step;
        return Ok(vm.new_iter(IterState::Range {
            next: last,
            stop: start - step,
            step: -step,
        }));
    }
    let ty = vm.type_of(seq).clone();
    if let Some(f) = vm.type_lookup(&ty, "__reversed__") {
        return vm.call(&f, std::slice::from_ref(seq));
    }
    let slots = vm.slots(seq);
    if slots.getitem.is_none() || slots.len.is_none() {
        let msg = format!("'{}' object is not reversible", vm.type_name(seq));
        return Err(vm.type_error(&msg));
    }
    let n = vm.len(seq)?;
    Ok(vm.new_iter(IterState::Reversed {
        seq: seq.clone(),
        index: n,
    }))
}

fn sorted(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos != 1 {
        let msg = format!("sorted expected 1 argument, got {npos}");
        return Err(vm.type_error(&msg));
    }
    let mut key = Value::NONE;
    let mut reverse = false;
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("key") => key = v.clone(),
            Some("reverse") => reverse = vm.is_true(v)?,
            _ => {}
        }
    }
    let items = vm.collect_iterable(&args[0])?;
    match vm.sort_values(items, &key, reverse) {
        Ok(v) => Ok(vm.new_list(v)),
        Err((_, e)) => Err(e),
    }
}

fn any_all(vm: &mut Vm, args: &[Value], want: bool) -> PyResult<Value> {
    let Some(x) = args.first() else {
        return Err(vm.type_error("expected 1 argument"));
    };
    let it = vm.get_iter(x)?;
    while let Some(v) = vm.iter_next(&it)? {
        if vm.is_true(&v)? == want {
            return Ok(Value::bool(want));
        }
    }
    Ok(Value::bool(!want))
}

fn any(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    any_all(vm, args, true)
}

fn all(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    any_all(vm, args, false)
}

pub(super) fn register(vm: &mut Vm, builtins: &Value) {
    add_function(vm, builtins, "iter", iter);
    add_function(vm, builtins, "next", next);
    add_function(vm, builtins, "sorted", sorted);
    add_function(vm, builtins, "any", any);
    add_function(vm, builtins, "all", all);
}
