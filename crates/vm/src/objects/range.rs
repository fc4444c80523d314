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

/// `.start`, `.stop` and `.step`.
pub fn range_attr(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let r = v.downcast::<RangeObj>()?;
    let n = match name {
        "start" => r.start,
        "stop" => r.stop,
        "step" => r.step,
        _ => return None,
    };
    Some(vm.new_int(n))
}

/// The position of int `x` in the range, if it is one of its items.
fn position(v: &Value, x: &Value) -> Option<i64> {
    let i = x.as_int()?;
    let (start, stop, step) = range_parts(v);
    let n = range_len(start, stop, step);
    let offset = i.checked_sub(start)?;
    (offset % step == 0 && (0..n).contains(&(offset / step))).then_some(offset / step)
}

/// `range.index(x)`.
fn range_index(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (Some(this), Some(x)) = (args.first(), args.get(1)) else {
        return Err(vm.type_error("index() takes exactly one argument (0 given)"));
    };
    if let Some(p) = position(this, x) {
        return Ok(vm.new_int(p));
    }
    // Other values equal to an item (a float, a user object) are searched for.
    let items = vm.collect_iterable(this)?;
    for (k, item) in items.iter().enumerate() {
        if vm.eq(item, x)? {
            return Ok(vm.new_int(k as i64));
        }
    }
    let msg = format!("{} is not in range", vm.repr(x)?);
    Err(vm.value_error(&msg))
}

/// `range.count(x)`.
fn range_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (Some(this), Some(x)) = (args.first(), args.get(1)) else {
        return Err(vm.type_error("count() takes exactly one argument (0 given)"));
    };
    if x.as_int().is_some() {
        return Ok(vm.new_int(position(this, x).is_some() as i64));
    }
    let items = vm.collect_iterable(this)?;
    let mut n = 0;
    for item in &items {
        if vm.eq(item, x)? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

pub const METHODS: &[(&str, crate::objects::NativeFn)] =
    &[("index", range_index), ("count", range_count)];

/// Ranges are equal when they hold the same items (`range(0) == range(5, 5)`).
pub fn range_compare(
    _vm: &mut Vm,
    a: &Value,
    b: &Value,
    op: crate::objects::typeobj::CompareOp,
) -> PyResult<Value> {
    use crate::objects::typeobj::CompareOp;
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || !b.is_kind::<RangeObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let same = same_items(range_parts(a), range_parts(b));
    Ok(Value::bool(same == (op == CompareOp::Eq)))
}

fn same_items(a: (i64, i64, i64), b: (i64, i64, i64)) -> bool {
    let (len_a, len_b) = (range_len(a.0, a.1, a.2), range_len(b.0, b.1, b.2));
    len_a == len_b && (len_a == 0 || (a.0 == b.0 && (len_a == 1 || a.2 == b.2)))
}

/// CPython's `range_hash`: the hash of `(len, start, step)`, with `None` for what
/// does not decide the items (so equal ranges hash alike).
pub fn range_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let (start, stop, step) = range_parts(v);
    let len = range_len(start, stop, step);
    let items = match len {
        0 => vec![vm.new_int(0), Value::NONE, Value::NONE],
        1 => vec![vm.new_int(1), vm.new_int(start), Value::NONE],
        _ => vec![vm.new_int(len), vm.new_int(start), vm.new_int(step)],
    };
    let t = vm.new_tuple(items);
    vm.hash(&t)
}
