//! The `sys` module: `argv`, `path`, `modules`, `exit`, `maxsize`, version facts, recursion limit,
//! and `stdout`/`stderr` objects with `write`.

use super::{add_functions, set};
use crate::interp::Vm;
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

pub(crate) fn exit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let ty = vm.types.system_exit.clone();
    Err(vm.new_exception_args(&ty, args.to_vec()))
}

fn getrecursionlimit(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_int(vm.recursion_limit as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [limit] = args else {
        let msg = format!(
            "setrecursionlimit() takes exactly one argument ({} given)",
            args.len()
        );
        return Err(vm.type_error(&msg));
    };
    let limit = crate::builtins::constructors::index_arg(vm, limit)?;
    if limit < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    // The calling frame counts too, as in CPython.
    let depth = vm.recursion_depth() + 1;
    if (limit as u64) <= depth as u64 {
        let ty = vm.types.recursion_error.clone();
        let msg = format!(
            "cannot set the recursion limit to {limit} at the recursion depth {depth}: the limit is too low"
        );
        return Err(vm.new_exception(&ty, &msg));
    }
    vm.recursion_limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(Value::NONE)
}

fn stdout_write(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = vm.str(args.first().unwrap_or(&Value::NONE))?;
    vm.write_stdout(&s);
    Ok(vm.new_int(s.chars().count() as i64))
}

fn stderr_write(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    use std::io::Write;
    let s = vm.str(args.first().unwrap_or(&Value::NONE))?;
    vm.flush_stdout();
    let _ = std::io::stderr().write_all(s.as_bytes());
    Ok(vm.new_int(s.chars().count() as i64))
}

fn flush(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.flush_stdout();
    Ok(Value::NONE)
}

/// `sys.exc_info()`: (type, value, traceback) of the exception being handled; the
/// traceback object is not modelled (None).
fn exc_info(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let exc = vm.exc_info.clone();
    if exc.is_none() || exc.is_null() {
        return Ok(vm.new_tuple(vec![Value::NONE, Value::NONE, Value::NONE]));
    }
    let ty = vm.type_of(&exc).clone();
    Ok(vm.new_tuple(vec![ty, exc, Value::NONE]))
}

fn exception(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let exc = vm.exc_info.clone();
    Ok(if exc.is_null() { Value::NONE } else { exc })
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("exc_info", exc_info),
    ("exception", exception),
    ("exit", exit),
    ("getrecursionlimit", getrecursionlimit),
    ("setrecursionlimit", setrecursionlimit),
];

pub(super) fn build(vm: &mut Vm) -> Value {
    let m = vm.new_module("sys");
    let argv: Vec<Value> = vm.argv.clone().iter().map(|a| vm.new_str(a)).collect();
    let argv = vm.new_list(argv);
    set(vm, &m, "argv", argv);
    let maxsize = vm.new_int(i64::MAX);
    set(vm, &m, "maxsize", maxsize);
    let platform = vm.new_str("linux");
    set(vm, &m, "platform", platform);
    let version = vm.new_str("3.11.7 (coil)");
    set(vm, &m, "version", version);
    let (a, b, c) = (vm.new_int(3), vm.new_int(11), vm.new_int(7));
    let vi = vm.new_tuple(vec![a, b, c]);
    set(vm, &m, "version_info", vi);
    let modules = vm.modules.clone();
    set(vm, &m, "modules", modules);
    // sys.path: the loader's search directories (first, the script's directory).
    let entries = vm
        .module_loader
        .as_ref()
        .map(|loader| loader.initial_path())
        .unwrap_or_default();
    let entries: Vec<Value> = entries.iter().map(|e| vm.new_str(e)).collect();
    let path = vm.new_list(entries);
    set(vm, &m, "path", path);
    add_functions(vm, &m, FUNCTIONS);
    for (name, write) in [
        ("stdout", stdout_write as NativeFn),
        ("stderr", stderr_write as NativeFn),
    ] {
        let stream = vm.new_module(&format!("<{name}>"));
        add_functions(vm, &stream, &[("write", write), ("flush", flush)]);
        set(vm, &m, name, stream);
    }
    m
}
