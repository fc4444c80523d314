//! `slice` objects and CPython's index normalisation (`PySlice_GetIndicesEx`,
//! negative indices, clamping).

use crate::interp::Vm;
use crate::objects::Trace;
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// An int index for a sequence: `msg_kind` names it in the TypeError
    /// ("list indices must be integers or slices, not str").
    pub fn seq_index(
        &mut self,
        key: &Value,
        len: usize,
        type_name: &str,
    ) -> PyResult<Option<usize>> {
        let Some(i) = self.to_i64(key)? else {
            let msg = format!(
                "{type_name} indices must be integers or slices, not {}",
                self.type_name(key)
            );
            return Err(self.type_error(&msg));
        };
        let i = if i < 0 { i + len as i64 } else { i };
        if i < 0 || i >= len as i64 {
            Ok(None)
        } else {
            Ok(Some(i as usize))
        }
    }

    /// `(start, stop, step)` of a slice over a sequence of length `len`, clamped as
    /// CPython does; `step` is never 0 (ValueError).
    pub fn slice_indices(&mut self, slice: &Value, len: usize) -> PyResult<(i64, i64, i64)> {
        let Some(SliceObj([start, stop, step])) = slice.downcast::<SliceObj>() else {
            return Err(self.type_error("expected a slice"));
        };
        let len = len as i64;
        let get = |vm: &mut Vm, v: &Value| -> PyResult<Option<i64>> {
            if v.is_none() {
                return Ok(None);
            }
            if let Some(i) = v.as_int() {
                return Ok(Some(i));
            }
            match vm.to_i64(v) {
                Ok(Some(i)) => Ok(Some(i)),
                Ok(None) => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
                // Huge bounds clamp like CPython's saturating conversion.
                Err(_) => Ok(Some(
                    if crate::objects::int::int_ref(v)
                        .map(|r| r.to_f64() < 0.0)
                        .unwrap_or(false)
                    {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    },
                )),
            }
        };
        let step = get(self, step)?.unwrap_or(1);
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(i) => {
                    let i = if i < 0 { i + len } else { i };
                    i.clamp(lower, upper)
                }
            }
        };
        let start = clamp(get(self, start)?, if step < 0 { upper } else { lower });
        let stop = clamp(get(self, stop)?, if step < 0 { lower } else { upper });
        Ok((start, stop, step))
    }

    pub fn new_slice(&mut self, start: Value, stop: Value, step: Value) -> Value {
        crate::objects::heap::new_slice_object(&self.types.slice, SliceObj([start, stop, step]))
    }
}

/// The indices a normalised slice selects.
pub fn slice_positions(
    start: i64,
    stop: i64,
    step: i64,
) -> impl ExactSizeIterator<Item = usize> + DoubleEndedIterator {
    // The count first (CPython's PySlice_AdjustIndices length), so collecting a
    // slice allocates once.
    let count = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    (0..count as usize).map(move |k| (start + k as i64 * step) as usize)
}

pub fn slice_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(SliceObj(parts)) = v.downcast::<SliceObj>() else {
        return Ok(vm.new_str("slice(?)"));
    };
    let parts = parts.clone();
    let mut out = Vec::new();
    for p in &parts {
        out.push(vm.repr(p)?.to_string());
    }
    let s = format!("slice({})", out.join(", "));
    Ok(vm.new_str(&s))
}

/// A slice's payload: start, stop, step (None when omitted).
pub struct SliceObj(pub [Value; 3]);

impl Trace for SliceObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.0.iter().for_each(visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        for v in &mut self.0 {
            out.push(std::mem::replace(v, Value::NONE));
        }
    }
}

/// `.start`, `.stop` and `.step` (read-only).
pub fn slice_attr(v: &Value, name: &str) -> Option<Value> {
    let SliceObj([start, stop, step]) = v.downcast::<SliceObj>()?;
    match name {
        "start" => Some(start.clone()),
        "stop" => Some(stop.clone()),
        "step" => Some(step.clone()),
        _ => None,
    }
}

/// `slice.indices(length)`: the normalised `(start, stop, step)` for a sequence of
/// that length.
fn slice_indices_method(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (Some(this), Some(len)) = (args.first(), args.get(1)) else {
        return Err(vm.type_error("slice.indices() takes exactly one argument (0 given)"));
    };
    let len = crate::builtins::constructors::index_arg(vm, len)?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, stop, step) = vm.slice_indices(this, len as usize)?;
    let items = vec![vm.new_int(start), vm.new_int(stop), vm.new_int(step)];
    Ok(vm.new_tuple(items))
}

pub const METHODS: &[(&str, crate::objects::NativeFn)] = &[("indices", slice_indices_method)];

/// Slices compare as their `(start, stop, step)` tuples.
pub fn slice_compare(
    vm: &mut Vm,
    a: &Value,
    b: &Value,
    op: crate::objects::typeobj::CompareOp,
) -> PyResult<Value> {
    let (Some(SliceObj(x)), Some(SliceObj(y))) =
        (a.downcast::<SliceObj>(), b.downcast::<SliceObj>())
    else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (x, y) = (vm.new_tuple(x.to_vec()), vm.new_tuple(y.to_vec()));
    crate::objects::tuple::tuple_compare(vm, &x, &y, op)
}
