//! The `gc` module: the cycle collector's controls (`collect`, `enable`, `disable`,
//! thresholds and counts) and `get_objects`.

use super::add_functions;
use crate::builtins::constructors::index_arg;
use crate::gc::STATE;
use crate::interp::Vm;
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

fn no_args(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<()> {
    if args.is_empty() {
        Ok(())
    } else {
        let msg = format!("gc.{name}() takes no arguments ({} given)", args.len());
        Err(vm.type_error(&msg))
    }
}

/// `collect(generation=2)`.
fn collect(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if args.len() + kw.len() > 1 {
        let msg = format!(
            "collect() takes at most 1 argument ({} given)",
            args.len() + kw.len()
        );
        return Err(vm.type_error(&msg));
    }
    let generation = match args.first() {
        Some(g) => index_arg(vm, g)?,
        None => 2,
    };
    if !(0..=2).contains(&generation) {
        return Err(vm.value_error("invalid generation"));
    }
    // Generators and objects already waiting for their finalizers go first, as
    // CPython has run those by the time it collects.
    vm.run_finalizers();
    let found = crate::gc::collect(vm, generation as usize);
    vm.run_finalizers();
    Ok(vm.new_int(found as i64))
}

fn enable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    no_args(vm, "enable", args)?;
    STATE.with(|s| s.borrow_mut().enabled = true);
    Ok(Value::NONE)
}

fn disable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    no_args(vm, "disable", args)?;
    STATE.with(|s| s.borrow_mut().enabled = false);
    Ok(Value::NONE)
}

fn isenabled(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    no_args(vm, "isenabled", args)?;
    Ok(Value::bool(STATE.with(|s| s.borrow().enabled)))
}

fn triple(vm: &mut Vm, t: [u32; 3]) -> Value {
    let items = t.iter().map(|&n| vm.new_int(n as i64)).collect();
    vm.new_tuple(items)
}

fn get_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    no_args(vm, "get_count", args)?;
    let counts = STATE.with(|s| s.borrow().counts);
    Ok(triple(vm, counts))
}

fn get_threshold(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    no_args(vm, "get_threshold", args)?;
    let t = STATE.with(|s| s.borrow().thresholds);
    Ok(triple(vm, t))
}

fn set_threshold(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() {
        return Err(vm.type_error("set_threshold() takes at least 1 argument (0 given)"));
    }
    if args.len() > 3 {
        let msg = format!(
            "set_threshold() takes at most 3 arguments ({} given)",
            args.len()
        );
        return Err(vm.type_error(&msg));
    }
    let mut values = Vec::new();
    for a in args {
        // CPython stores C ints; negative thresholds behave like 0 (never collect).
        values.push(index_arg(vm, a)?.clamp(0, u32::MAX as i64) as u32);
    }
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        for (i, v) in values.into_iter().enumerate() {
            s.thresholds[i] = v;
        }
    });
    Ok(Value::NONE)
}

/// `get_objects(generation=None)`: the containers the collector tracks.
fn get_objects(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let generation = match args.first() {
        Some(g) if !g.is_none() => Some(index_arg(vm, g)?),
        _ => None,
    };
    if let Some(g) = generation {
        if g >= 3 {
            return Err(vm.value_error(
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
        if g < 0 {
            return Err(vm.value_error("generation parameter cannot be negative"));
        }
    }
    let objects = crate::gc::tracked_objects(generation.map(|g| g as usize));
    Ok(vm.new_list(objects))
}

fn is_tracked(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [obj] = args else {
        let msg = format!(
            "gc.is_tracked() takes exactly one argument ({} given)",
            args.len()
        );
        return Err(vm.type_error(&msg));
    };
    Ok(Value::bool(crate::gc::is_tracked(obj)))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("collect", collect),
    ("enable", enable),
    ("disable", disable),
    ("isenabled", isenabled),
    ("get_count", get_count),
    ("get_threshold", get_threshold),
    ("set_threshold", set_threshold),
    ("get_objects", get_objects),
    ("is_tracked", is_tracked),
];

pub(super) fn build(vm: &mut Vm) -> Value {
    let m = vm.new_module("gc");
    add_functions(vm, &m, FUNCTIONS);
    m
}
