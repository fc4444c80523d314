//! `tuple`: an immutable boxed slice; indexing, slicing, concatenation, comparison,
//! and CPython's xxHash-based tuple hash.

use crate::interp::Vm;
use crate::objects::list::{seq_compare, seq_repr};
use crate::objects::slice::slice_positions;
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

impl Vm {
    pub fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        crate::objects::heap::new_tuple_object(&self.types.tuple, items)
    }
}

fn items(v: &Value) -> &[Value] {
    v.as_tuple().unwrap_or(&[])
}

pub fn tuple_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = items(v).to_vec();
    let s = if t.len() == 1 {
        format!("({},)", vm.repr(&t[0])?)
    } else {
        seq_repr(vm, v, &t, "(", ")")?
    };
    Ok(vm.new_str(&s))
}

pub fn tuple_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(items(v).len())
}

pub fn tuple_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(!items(v).is_empty())
}

pub fn tuple_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let t = items(v);
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, t.len())?;
        let out: Vec<Value> = slice_positions(start, stop, step)
            .map(|i| t[i].clone())
            .collect();
        return Ok(vm.new_tuple(out));
    }
    match vm.seq_index(key, t.len(), "tuple")? {
        Some(i) => Ok(t[i].clone()),
        None => Err(vm.index_error("tuple index out of range")),
    }
}

pub fn tuple_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let Some(x) = a.as_tuple() else {
                return Ok(Value::NOT_IMPLEMENTED);
            };
            let Some(y) = b.as_tuple() else {
                let msg = format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    vm.type_name(b)
                );
                return Err(vm.type_error(&msg));
            };
            let out: Vec<Value> = x.iter().chain(y).cloned().collect();
            Ok(vm.new_tuple(out))
        }
        BinOp::Mul => {
            let (t, n) = match (a.as_tuple(), b.as_tuple()) {
                (Some(t), None) => (t, b),
                (None, Some(t)) => (t, a),
                _ => return Ok(Value::NOT_IMPLEMENTED),
            };
            let n = vm.repeat_count(n, t.len() * 8)?;
            Ok(vm.new_tuple(crate::objects::list::repeat_items(t, n)))
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

pub fn tuple_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if a.as_tuple().is_none() || b.as_tuple().is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    seq_compare(vm, items(a), items(b), op)
}

pub fn tuple_contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    for x in items(container).to_vec() {
        if vm.eq(&x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// CPython 3.11's `tuplehash` (xxHash-style lanes).
pub fn tuple_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let t = items(v).to_vec();
    let mut acc: u64 = P5;
    for item in &t {
        let lane = vm.hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((t.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn t_index(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let t = args.first().map(|v| items(v).to_vec()).unwrap_or_default();
    let Some(x) = args.get(1) else {
        return Err(vm.type_error("index expected at least 1 argument, got 0"));
    };
    for (i, item) in t.iter().enumerate() {
        if vm.eq(item, x)? {
            return Ok(vm.new_int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

fn t_count(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let t = args.first().map(|v| items(v).to_vec()).unwrap_or_default();
    let Some(x) = args.get(1) else {
        return Err(vm.type_error("tuple.count() takes exactly one argument (0 given)"));
    };
    let mut n = 0;
    for item in &t {
        if vm.eq(item, x)? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

pub const METHODS: &[(&str, NativeFn)] = &[("index", t_index), ("count", t_count)];
