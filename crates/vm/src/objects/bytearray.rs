//! `bytearray`: mutable byte strings. The data live in a growable vector behind a
//! `RefCell`; a bytearray holds no references, so it is not a GC container.
//!
//! This file has the type's slots (repr, len, indexing, item and slice assignment
//! and deletion, `+`, `*`, the in-place `+=`/`*=`, membership, iteration over a
//! snapshot of the data), the constructor and
//! the mutating methods (`append`, `extend`, `insert`, `pop`, `remove`, `reverse`,
//! `clear`, `copy`) plus `decode` and `fromhex`. The non-mutating methods are the
//! bytes ones from `bytes_methods`, which accept a receiver of either type and answer
//! in the receiver's type. Comparisons go through `bytes::bytes_compare`, which
//! compares any two bytes-like operands.

use std::cell::RefCell;

use crate::builtins::constructors::index_arg;
use crate::interp::Vm;
use crate::objects::bytes::{self, byte_value};
use crate::objects::bytes_methods as m;
use crate::objects::codecs;
use crate::objects::slice::slice_positions;
use crate::objects::typeobj::BinOp;
use crate::objects::{new_object, IterState, NativeFn, Trace};
use crate::value::Value;
use crate::PyResult;

/// The payload of a bytearray.
pub struct ByteArrayObj {
    pub data: RefCell<Vec<u8>>,
}

impl Trace for ByteArrayObj {}

impl Vm {
    pub fn new_bytearray(&mut self, data: Vec<u8>) -> Value {
        let ty = self.types.bytearray.clone();
        new_object(
            &ty,
            ByteArrayObj {
                data: RefCell::new(data),
            },
        )
    }
}

/// The receiver's payload; the slots and methods are only reached with one.
fn this<'a>(vm: &mut Vm, v: &'a Value, name: &str) -> PyResult<&'a ByteArrayObj> {
    match v.as_bytearray() {
        Some(b) => Ok(b),
        None => {
            let msg = format!(
                "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{}' object",
                vm.type_name(v)
            );
            Err(vm.type_error(&msg))
        }
    }
}

/// A copy of the receiver's data (empty for a foreign value).
fn snapshot(v: &Value) -> Vec<u8> {
    v.as_bytearray()
        .map(|b| b.data.borrow().clone())
        .unwrap_or_default()
}

pub fn bytearray_new(
    vm: &mut Vm,
    _cls: &Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    let data = bytes::construct_data(vm, "bytearray", args, kwnames)?;
    Ok(vm.new_bytearray(data))
}

/// `bytearray(b'...')`. Unlike bytes' repr, a single quote is always escaped, even
/// inside double quotes (CPython's `bytearray(b"it\'s")`).
pub fn bytearray_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let data = snapshot(v);
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut s = format!("{}(b{quote}", vm.type_name(v));
    for &c in &data {
        match c {
            b'\'' | b'\\' => {
                s.push('\\');
                s.push(c as char);
            }
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(quote);
    s.push(')');
    Ok(vm.new_str(&s))
}

pub fn bytearray_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(v.as_bytearray().map_or(0, |b| b.data.borrow().len()))
}

pub fn bytearray_bool(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(bytearray_len(vm, v)? != 0)
}

pub fn bytearray_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let d = snapshot(v);
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, d.len())?;
        let out: Vec<u8> = slice_positions(start, stop, step).map(|i| d[i]).collect();
        return Ok(vm.new_bytearray(out));
    }
    match vm.seq_index(key, d.len(), "bytearray")? {
        Some(i) => Ok(vm.new_int(i64::from(d[i]))),
        None => Err(vm.index_error("bytearray index out of range")),
    }
}

/// The bytes a slice assignment stores: a bytes-like object's data or an iterable
/// of ints in `0..256` (ints and strs are refused, as in CPython).
fn assigned_bytes(vm: &mut Vm, value: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = value.bytes_like() {
        return Ok(b.into_owned());
    }
    let slots = vm.slots(value);
    let iterable = slots.iter.is_some() || slots.getitem.is_some();
    if value.as_pystr().is_some() || !iterable {
        return Err(
            vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
        );
    }
    let items = vm.collect_iterable(value)?;
    items.iter().map(|x| byte_value(vm, x, "byte")).collect()
}

pub fn bytearray_setitem(vm: &mut Vm, v: &Value, key: &Value, value: Value) -> PyResult<()> {
    let ba = this(vm, v, "__setitem__")?;
    let len = ba.data.borrow().len();
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, len)?;
        let new = assigned_bytes(vm, &value)?;
        if step == 1 {
            let range = start as usize..stop.max(start) as usize;
            ba.data.borrow_mut().splice(range, new);
            return Ok(());
        }
        let positions: Vec<usize> = slice_positions(start, stop, step).collect();
        if positions.len() != new.len() {
            let msg = format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                new.len(),
                positions.len()
            );
            return Err(vm.value_error(&msg));
        }
        let mut d = ba.data.borrow_mut();
        for (p, b) in positions.into_iter().zip(new) {
            d[p] = b;
        }
        return Ok(());
    }
    let index = vm.seq_index(key, len, "bytearray")?;
    let b = byte_value(vm, &value, "byte")?;
    match index {
        Some(i) => {
            ba.data.borrow_mut()[i] = b;
            Ok(())
        }
        None => Err(vm.index_error("bytearray index out of range")),
    }
}

pub fn bytearray_delitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<()> {
    let ba = this(vm, v, "__delitem__")?;
    let len = ba.data.borrow().len();
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, len)?;
        let mut gone = vec![false; len];
        for p in slice_positions(start, stop, step) {
            gone[p] = true;
        }
        let mut i = 0;
        ba.data.borrow_mut().retain(|_| {
            i += 1;
            !gone[i - 1]
        });
        return Ok(());
    }
    match vm.seq_index(key, len, "bytearray")? {
        Some(i) => {
            ba.data.borrow_mut().remove(i);
            Ok(())
        }
        None => Err(vm.index_error("bytearray index out of range")),
    }
}

pub fn bytearray_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            if a.as_bytearray().is_none() {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            let Some(y) = b.bytes_like() else {
                let msg = format!("can't concat {} to bytearray", vm.type_name(b));
                return Err(vm.type_error(&msg));
            };
            let mut out = snapshot(a);
            out.extend_from_slice(&y);
            Ok(vm.new_bytearray(out))
        }
        BinOp::Mul => {
            let (unit, n) = if a.as_bytearray().is_some() {
                (snapshot(a), b)
            } else {
                (snapshot(b), a)
            };
            let n = vm.repeat_count(n, unit.len())?;
            Ok(vm.new_bytearray(unit.repeat(n)))
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// `a += b` and `a *= n` on a bytearray: the same object, changed in place. `None`
/// leaves the operator to the binary slots (and their TypeError).
pub fn bytearray_inplace(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    let Some(ba) = a.as_bytearray() else {
        return Ok(None);
    };
    match op {
        BinOp::Add => {
            let Some(y) = b.bytes_like() else {
                let msg = format!("can't concat {} to bytearray", vm.type_name(b));
                return Err(vm.type_error(&msg));
            };
            let y = y.into_owned();
            ba.data.borrow_mut().extend_from_slice(&y);
            Ok(Some(a.clone()))
        }
        BinOp::Mul if crate::objects::int::int_ref(b).is_some() => {
            let len = ba.data.borrow().len();
            let n = vm.repeat_count(b, len)?;
            let out = ba.data.borrow().repeat(n);
            *ba.data.borrow_mut() = out;
            Ok(Some(a.clone()))
        }
        _ => Ok(None),
    }
}

/// `iter(ba)`: reads the bytearray at each step, as CPython's iterator does.
pub fn bytearray_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(vm.new_iter(IterState::Seq {
        seq: v.clone(),
        index: 0,
    }))
}

pub fn bytearray_contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    bytes::bytes_contains(vm, container, item)
}

// ---- methods ----

/// The receiver and exactly `n` positional arguments (no keywords), with CPython's
/// "bytearray.append() takes exactly one argument (0 given)" wording.
fn fixed_args<'a>(
    vm: &mut Vm,
    args: &'a [Value],
    kwnames: &[Value],
    name: &str,
    n: usize,
) -> PyResult<(&'a ByteArrayObj, &'a [Value])> {
    let Some(first) = args.first() else {
        let msg = format!("unbound method bytearray.{name}() needs an argument");
        return Err(vm.type_error(&msg));
    };
    let ba = this(vm, first, name)?;
    if !kwnames.is_empty() {
        let msg = format!("bytearray.{name}() takes no keyword arguments");
        return Err(vm.type_error(&msg));
    }
    let given = args.len() - 1;
    if given != n {
        let msg = match n {
            0 => format!("bytearray.{name}() takes no arguments ({given} given)"),
            1 => format!("bytearray.{name}() takes exactly one argument ({given} given)"),
            _ => format!("{name} expected {n} arguments, got {given}"),
        };
        return Err(vm.type_error(&msg));
    }
    Ok((ba, &args[1..]))
}

fn ba_append(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (ba, a) = fixed_args(vm, args, kwnames, "append", 1)?;
    let b = byte_value(vm, &a[0], "byte")?;
    ba.data.borrow_mut().push(b);
    Ok(Value::NONE)
}

fn ba_extend(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (ba, a) = fixed_args(vm, args, kwnames, "extend", 1)?;
    let src = &a[0];
    let new = if let Some(b) = src.bytes_like() {
        b.into_owned()
    } else {
        let slots = vm.slots(src);
        if slots.iter.is_none() && slots.getitem.is_none() {
            let msg = format!("can't extend bytearray with {}", vm.type_name(src));
            return Err(vm.type_error(&msg));
        }
        let items = vm.collect_iterable(src)?;
        let mut out = Vec::with_capacity(items.len());
        for x in &items {
            out.push(byte_value(vm, x, "byte")?);
        }
        out
    };
    ba.data.borrow_mut().extend_from_slice(&new);
    Ok(Value::NONE)
}

fn ba_insert(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (ba, a) = fixed_args(vm, args, kwnames, "insert", 2)?;
    let i = index_arg(vm, &a[0])?;
    let b = byte_value(vm, &a[1], "byte")?;
    let mut d = ba.data.borrow_mut();
    let len = d.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    d.insert(at as usize, b);
    Ok(Value::NONE)
}

fn ba_pop(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if args.len() > 2 && kwnames.is_empty() {
        let msg = format!("pop expected at most 1 argument, got {}", args.len() - 1);
        return Err(vm.type_error(&msg));
    }
    let n = args.len().saturating_sub(1).min(1);
    let (ba, a) = fixed_args(vm, args, kwnames, "pop", n)?;
    let i = match a.first() {
        Some(v) => index_arg(vm, v)?,
        None => -1,
    };
    let len = ba.data.borrow().len() as i64;
    if len == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let at = if i < 0 { i + len } else { i };
    if at < 0 || at >= len {
        return Err(vm.index_error("pop index out of range"));
    }
    let b = ba.data.borrow_mut().remove(at as usize);
    Ok(vm.new_int(i64::from(b)))
}

fn ba_remove(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (ba, a) = fixed_args(vm, args, kwnames, "remove", 1)?;
    let b = byte_value(vm, &a[0], "byte")?;
    let pos = ba.data.borrow().iter().position(|&c| c == b);
    match pos {
        Some(i) => {
            ba.data.borrow_mut().remove(i);
            Ok(Value::NONE)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn ba_reverse(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (ba, _) = fixed_args(vm, args, kwnames, "reverse", 0)?;
    ba.data.borrow_mut().reverse();
    Ok(Value::NONE)
}

fn ba_clear(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (ba, _) = fixed_args(vm, args, kwnames, "clear", 0)?;
    ba.data.borrow_mut().clear();
    Ok(Value::NONE)
}

fn ba_copy(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (ba, _) = fixed_args(vm, args, kwnames, "copy", 0)?;
    let d = ba.data.borrow().clone();
    Ok(vm.new_bytearray(d))
}

fn ba_decode(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let Some(first) = args.first() else {
        return Err(vm.type_error("descriptor 'decode' of 'bytearray' object needs an argument"));
    };
    let data = this(vm, first, "decode")?.data.borrow().clone();
    let (encoding, errors) = codecs::codec_args(vm, "decode", args, kwnames, 1)?;
    let codec = codecs::lookup(vm, &encoding)?;
    let s = codecs::decode(vm, &data, codec, &errors)?;
    Ok(vm.new_str_from_builder(&s))
}

/// `bytearray.fromhex(string)`: the bytes parser, answering a bytearray.
fn ba_fromhex(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let r = m::b_fromhex(vm, args, kwnames)?;
    let data = r.as_bytes().map(<[u8]>::to_vec).unwrap_or_default();
    Ok(vm.new_bytearray(data))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("append", ba_append),
    ("extend", ba_extend),
    ("insert", ba_insert),
    ("pop", ba_pop),
    ("remove", ba_remove),
    ("reverse", ba_reverse),
    ("clear", ba_clear),
    ("copy", ba_copy),
    ("decode", ba_decode),
    ("fromhex", ba_fromhex),
];
