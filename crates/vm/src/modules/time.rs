//! The `time` module: wall-clock and monotonic clocks, `sleep`.

use super::add_functions;
use crate::interp::Vm;
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

fn time(_vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(Value::float(now))
}

fn perf_counter(_vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    thread_local! {
        static START: std::time::Instant = std::time::Instant::now();
    }
    Ok(Value::float(START.with(|s| s.elapsed().as_secs_f64())))
}

fn sleep(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let secs = match args.first() {
        Some(v) => v
            .as_float()
            .or_else(|| v.as_int().map(|i| i as f64))
            .unwrap_or(0.0),
        None => return Err(vm.type_error("sleep() takes exactly one argument (0 given)")),
    };
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    let Ok(duration) = std::time::Duration::try_from_secs_f64(secs) else {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    };
    vm.flush_stdout();
    // A signal's handler runs during the sleep, and may end it by raising.
    vm.sleep_interruptibly(duration)?;
    Ok(Value::NONE)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("time", time),
    ("perf_counter", perf_counter),
    ("monotonic", perf_counter),
    ("sleep", sleep),
];

pub(super) fn build(vm: &mut Vm) -> Value {
    let m = vm.new_module("time");
    add_functions(vm, &m, FUNCTIONS);
    m
}
