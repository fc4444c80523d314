//! `range`: start/stop/step over i64, with length, indexing, membership and repr.

use crate::interp::Vm;
use crate::objects::{new_object, Trace};
use crate::value::Value;
use crate::PyResult;

pub fn range_parts(v: &Value) -> (i64, i64, i64) {
    match v.downcast::<RangeObj>() {
        Some(r) => (r.start, r.stop, r.step),
        None => (0, 0, 1),
    }
}

/// Number of values in `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    let (lo, hi, st) = if step > 0 {
        (start, stop, step)
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        0
    } else {
        ((hi as i128 - lo as i128 - 1) / st as i128 + 1) as i64
    }
}

impl Vm {
    pub fn new_range(&mut self, start: i64, stop: i64, step: i64) -> Value {
        new_object(&self.types.range, RangeObj { start, stop, step })
    }
}

pub fn range_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (start, stop, step) = range_parts(v);
    let s = if step == 1 {
        format!("range({start}, {stop})")
    } else {
        format!("range({start}, {stop}, {step})")
    };
    Ok(vm.new_str(&s))
}

pub fn range_length(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let (start, stop, step) = range_parts(v);
    Ok(range_len(start, stop, step) as usize)
}

pub fn range_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let (start, stop, step) = range_parts(v);
    let len = range_len(start, stop, step) as usize;
    if key.is_slice() {
        let (s, e, st) = vm.slice_indices(key, len)?;
        let (ns, ne) = (start + s * step, start + e * step);
        return Ok(vm.new_range(ns, ne, step * st));
    }
    match vm.seq_index(key, len, "range")? {
        Some(i) => Ok(vm.new_int(start + i as i64 * step)),
        None => Err(vm.index_error("range object index out of range")),
    }
}

pub fn range_contains(vm: &mut Vm, v: &Value, item: &Value) -> PyResult<bool> {
    let (start, stop, step) = range_parts(v);
    let Some(i) = item.as_int() else {
        // Non-int members fall back to equality over the values, like CPython.
        let len = range_len(start, stop, step);
        for k in 0..len {
            let x = vm.new_int(start + k * step);
            if vm.eq(&x, item)? {
                return Ok(true);
            }
        }
        return Ok(false);
    };
    let in_bounds = if step > 0 {
        start <= i && i < stop
    } else {
        stop < i && i <= start
    };
    Ok(in_bounds && (i - start) % step == 0)
}

pub fn range_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let (start, stop, step) = range_parts(v);
    Ok(range_len(start, stop, step) > 0)
}

/// A range's payload (bounds that fit an i64).
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Trace for RangeObj {}
