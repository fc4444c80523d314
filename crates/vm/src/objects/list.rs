//! `list`: a `RefCell<Vec<Value>>`; indexing, slicing (read, assign, delete),
//! concatenation/repetition, lexicographic comparison and the list methods.

use std::cell::RefCell;

use crate::interp::Vm;
use crate::objects::slice::slice_positions;
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::{new_object, NativeFn, Trace};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        new_object(&self.types.list, ListObj(RefCell::new(items)))
    }
}

fn items(v: &Value) -> Vec<Value> {
    v.as_list().map(|l| l.borrow().clone()).unwrap_or_default()
}

/// Renders `items` between `open` and `close`, guarding against self-reference.
pub fn seq_repr(
    vm: &mut Vm,
    v: &Value,
    items: &[Value],
    open: &str,
    close: &str,
) -> PyResult<String> {
    if vm.repr_guard_enter(v) {
        return Ok(format!("{open}...{close}"));
    }
    let mut out = String::from(open);
    let mut result = Ok(());
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match vm.repr(item) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    vm.repr_guard_leave(v);
    result?;
    out.push_str(close);
    Ok(out)
}

pub fn list_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = seq_repr(vm, v, &items(v), "[", "]")?;
    Ok(vm.new_str(&s))
}

pub fn list_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(v.as_list().map(|l| l.borrow().len()).unwrap_or(0))
}

pub fn list_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(v.as_list().map(|l| !l.borrow().is_empty()).unwrap_or(false))
}

pub fn list_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let Some(list) = v.as_list() else {
        return Ok(Value::NONE);
    };
    let len = list.borrow().len();
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, len)?;
        let out: Vec<Value> = {
            let l = list.borrow();
            if step == 1 {
                l.get(start as usize..stop.max(start) as usize)
                    .map_or_else(Vec::new, <[Value]>::to_vec)
            } else {
                slice_positions(start, stop, step)
                    .map(|i| l[i].clone())
                    .collect()
            }
        };
        return Ok(vm.new_list(out));
    }
    match vm.seq_index(key, len, "list")? {
        Some(i) => Ok(list.borrow()[i].clone()),
        None => Err(vm.index_error("list index out of range")),
    }
}

pub fn list_setitem(vm: &mut Vm, v: &Value, key: &Value, value: Value) -> PyResult<()> {
    let Some(list) = v.as_list() else {
        return Ok(());
    };
    let len = list.borrow().len();
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, len)?;
        if step == 1 && assign_same_size_from_sequence(list, &value, start, stop) {
            return Ok(());
        }
        let new = vm.collect_iterable(&value)?;
        if step == 1 {
            let range = start as usize..stop.max(start) as usize;
            let mut l = list.borrow_mut();
            if range.len() == new.len() {
                overwrite(&mut l[range], new);
            } else {
                // The replaced items are released last to first, as CPython's
                // `list_ass_slice` does (their finalizers run in that order).
                let removed: Vec<Value> = l.splice(range, new).collect();
                drop(l);
                removed.into_iter().rev().for_each(drop);
            }
            return Ok(());
        }
        let positions: Vec<usize> = slice_positions(start, stop, step).collect();
        if positions.len() != new.len() {
            let msg = format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new.len(),
                positions.len()
            );
            return Err(vm.value_error(&msg));
        }
        let mut l = list.borrow_mut();
        for (p, item) in positions.into_iter().zip(new) {
            l[p] = item;
        }
        return Ok(());
    }
    match vm.seq_index(key, len, "list")? {
        Some(i) => {
            list.borrow_mut()[i] = value;
            Ok(())
        }
        None => Err(vm.index_error("list assignment index out of range")),
    }
}

/// `list[start:stop] = value` where `value` is another list or a tuple of the slice's
/// length (a prefix reversed in place, say): its items are copied slot by slot, with
/// no intermediate vector. Returns false, changing nothing, for any other case.
fn assign_same_size_from_sequence(
    list: &std::cell::RefCell<Vec<Value>>,
    value: &Value,
    start: i64,
    stop: i64,
) -> bool {
    let range = start as usize..stop.max(start) as usize;
    if let Some(source) = value.as_list() {
        if std::ptr::eq(source, list) {
            return false;
        }
        let (Ok(mut l), Ok(items)) = (list.try_borrow_mut(), source.try_borrow()) else {
            return false;
        };
        if items.len() != range.len() || range.end > l.len() {
            return false;
        }
        overwrite(&mut l[range], items.iter().cloned());
    } else if let Some(items) = value.as_tuple() {
        let Ok(mut l) = list.try_borrow_mut() else {
            return false;
        };
        if items.len() != range.len() || range.end > l.len() {
            return false;
        }
        overwrite(&mut l[range], items.iter().cloned());
    } else {
        return false;
    }
    true
}

/// Same-size slice assignment: overwrites `slots` with as many `items` (a prefix
/// reversed in place, say), releasing the old items last to first as CPython's
/// `list_ass_slice` does. Their finalizers are queued, not run, so the list may stay
/// borrowed.
fn overwrite<I>(slots: &mut [Value], items: I)
where
    I: IntoIterator<Item = Value>,
    I::IntoIter: DoubleEndedIterator + ExactSizeIterator,
{
    for (slot, item) in slots.iter_mut().zip(items).rev() {
        *slot = item;
    }
}

pub fn list_delitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<()> {
    let Some(list) = v.as_list() else {
        return Ok(());
    };
    let len = list.borrow().len();
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, len)?;
        let mut positions: Vec<usize> = slice_positions(start, stop, step).collect();
        positions.sort_unstable();
        let mut l = list.borrow_mut();
        for p in positions.into_iter().rev() {
            l.remove(p);
        }
        return Ok(());
    }
    match vm.seq_index(key, len, "list")? {
        Some(i) => {
            list.borrow_mut().remove(i);
            Ok(())
        }
        None => Err(vm.index_error("list assignment index out of range")),
    }
}

pub fn list_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let Some(x) = a.as_list() else {
                return Ok(Value::NOT_IMPLEMENTED);
            };
            let Some(y) = b.as_list() else {
                let msg = format!(
                    "can only concatenate list (not \"{}\") to list",
                    vm.type_name(b)
                );
                return Err(vm.type_error(&msg));
            };
            let mut out = x.borrow().clone();
            out.extend(y.borrow().iter().cloned());
            Ok(vm.new_list(out))
        }
        BinOp::Mul => {
            let (l, n) = match (a.as_list(), b.as_list()) {
                (Some(l), None) => (l, b),
                (None, Some(l)) => (l, a),
                _ => return Ok(Value::NOT_IMPLEMENTED),
            };
            let src = l.borrow().clone();
            let n = vm.repeat_count(n, src.len() * 8)?;
            Ok(vm.new_list(repeat_items(&src, n)))
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// `n` copies of `items` one after another, as `list * n` and `tuple * n` build them.
pub fn repeat_items(items: &[Value], n: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    out
}

/// Lexicographic comparison of two sequences, as list and tuple do.
pub fn seq_compare(vm: &mut Vm, x: &[Value], y: &[Value], op: CompareOp) -> PyResult<Value> {
    for (p, q) in x.iter().zip(y) {
        if !vm.eq(p, q)? {
            return match op {
                CompareOp::Eq => Ok(Value::FALSE),
                CompareOp::Ne => Ok(Value::TRUE),
                _ => vm.rich_compare(p, q, op),
            };
        }
    }
    Ok(Value::bool(op.test(x.len().cmp(&y.len()))))
}

pub fn list_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if a.as_list().is_none() || b.as_list().is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    seq_compare(vm, &items(a), &items(b), op)
}

pub fn list_contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    for x in items(container) {
        if vm.eq(&x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn this(args: &[Value]) -> &RefCell<Vec<Value>> {
    thread_local! {
        static EMPTY: &'static RefCell<Vec<Value>> = Box::leak(Box::new(RefCell::new(Vec::new())));
    }
    match args.first().and_then(|v| v.as_list()) {
        Some(l) => l,
        None => EMPTY.with(|e| *e),
    }
}

fn arg_count(vm: &mut Vm, args: &[Value], name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.len().saturating_sub(1);
    if n < min || n > max {
        let msg = if min == max {
            if min == 0 {
                format!("list.{name}() takes no arguments ({n} given)")
            } else {
                format!("list.{name}() takes exactly one argument ({n} given)")
            }
        } else {
            format!("{name} expected at most {max} arguments, got {n}")
        };
        return Err(vm.type_error(&msg));
    }
    Ok(())
}

fn l_append(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "append", 1, 1)?;
    this(args).borrow_mut().push(args[1].clone());
    Ok(Value::NONE)
}

fn l_pop(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "pop", 0, 1)?;
    let l = this(args);
    let len = l.borrow().len();
    if len == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let idx = match args.get(1) {
        Some(i) => vm.to_i64(i)?.unwrap_or(-1),
        None => -1,
    };
    let i = if idx < 0 { idx + len as i64 } else { idx };
    if i < 0 || i >= len as i64 {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(l.borrow_mut().remove(i as usize))
}

fn l_insert(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.len() != 3 {
        let msg = format!(
            "insert expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        );
        return Err(vm.type_error(&msg));
    }
    let l = this(args);
    let len = l.borrow().len() as i64;
    let i = vm.to_i64(&args[1])?.unwrap_or(0);
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
    l.borrow_mut().insert(i as usize, args[2].clone());
    Ok(Value::NONE)
}

fn l_extend(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "extend", 1, 1)?;
    let new = vm.collect_iterable(&args[1])?;
    this(args).borrow_mut().extend(new);
    Ok(Value::NONE)
}

fn l_index(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.type_error("index expected at least 1 argument, got 0"));
    }
    let all = this(args).borrow().clone();
    for (i, x) in all.iter().enumerate() {
        if vm.eq(x, &args[1])? {
            return Ok(vm.new_int(i as i64));
        }
    }
    let r = vm.repr(&args[1])?;
    Err(vm.value_error(&format!("{r} is not in list")))
}

fn l_count(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "count", 1, 1)?;
    let all = this(args).borrow().clone();
    let mut n = 0;
    for x in &all {
        if vm.eq(x, &args[1])? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

fn l_remove(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "remove", 1, 1)?;
    let all = this(args).borrow().clone();
    for (i, x) in all.iter().enumerate() {
        if vm.eq(x, &args[1])? {
            this(args).borrow_mut().remove(i);
            return Ok(Value::NONE);
        }
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn l_reverse(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "reverse", 0, 0)?;
    this(args).borrow_mut().reverse();
    Ok(Value::NONE)
}

fn l_clear(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "clear", 0, 0)?;
    // Out of the list before any item is freed.
    let mut old = std::mem::take(&mut *this(args).borrow_mut());
    drop_items_reversed(&mut old);
    Ok(Value::NONE)
}

fn l_copy(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    arg_count(vm, args, "copy", 0, 0)?;
    let c = this(args).borrow().clone();
    Ok(vm.new_list(c))
}

/// `list.sort(*, key=None, reverse=False)`: a stable merge sort using only `<`, as
/// CPython's sort does; errors from comparisons propagate.
fn l_sort(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = Value::NONE;
    let mut reverse = false;
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("key") => key = v.clone(),
            Some("reverse") => reverse = vm.is_true(v)?,
            Some(other) => {
                let msg = format!("'{other}' is an invalid keyword argument for sort()");
                return Err(vm.type_error(&msg));
            }
            None => {}
        }
    }
    let list = this(args);
    let items = std::mem::take(&mut *list.borrow_mut());
    let sorted = vm.sort_values(items, &key, reverse);
    match sorted {
        Ok(v) => {
            *list.borrow_mut() = v;
            Ok(Value::NONE)
        }
        Err((v, e)) => {
            *list.borrow_mut() = v;
            Err(e)
        }
    }
}

impl Vm {
    /// Stable sort by `key` (None: the items themselves). On error, returns the items
    /// (in some order) with the exception.
    pub fn sort_values(
        &mut self,
        items: Vec<Value>,
        key: &Value,
        reverse: bool,
    ) -> Result<Vec<Value>, (Vec<Value>, Value)> {
        let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
        for item in &items {
            let k = if key.is_none() {
                item.clone()
            } else {
                match self.call(key, std::slice::from_ref(item)) {
                    Ok(k) => k,
                    Err(e) => return Err((items, e)),
                }
            };
            keyed.push((k, item.clone()));
        }
        if reverse {
            keyed.reverse();
        }
        if let Err(e) = self.merge_sort(&mut keyed) {
            return Err((items, e));
        }
        if reverse {
            keyed.reverse();
        }
        Ok(keyed.into_iter().map(|(_, v)| v).collect())
    }

    pub(crate) fn merge_sort(&mut self, v: &mut Vec<(Value, Value)>) -> PyResult<()> {
        if v.len() <= 1 {
            return Ok(());
        }
        let mut right = v.split_off(v.len() / 2);
        self.merge_sort(v)?;
        self.merge_sort(&mut right)?;
        let left = std::mem::take(v);
        let mut out = Vec::with_capacity(left.len() + right.len());
        let mut l = left.into_iter().peekable();
        let mut r = right.into_iter().peekable();
        loop {
            match (l.peek(), r.peek()) {
                (Some(a), Some(b)) => {
                    // Take from the right only when strictly less: keeps the sort stable.
                    let take_right = self.lt(&b.0, &a.0)?;
                    let next = if take_right { r.next() } else { l.next() };
                    out.extend(next);
                }
                (Some(_), None) => out.extend(l.by_ref()),
                (None, Some(_)) => out.extend(r.by_ref()),
                (None, None) => break,
            }
        }
        *v = out;
        Ok(())
    }
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("append", l_append),
    ("pop", l_pop),
    ("insert", l_insert),
    ("extend", l_extend),
    ("index", l_index),
    ("count", l_count),
    ("remove", l_remove),
    ("reverse", l_reverse),
    ("clear", l_clear),
    ("copy", l_copy),
    ("sort", l_sort),
];

/// A list's payload.
pub struct ListObj(pub RefCell<Vec<Value>>);

/// `collections.deque`: list storage plus the optional `maxlen`.
pub struct DequeObj {
    pub items: RefCell<Vec<Value>>,
    pub maxlen: Option<usize>,
}

/// Visits the items of a vector behind a `RefCell` (skipped while mutably borrowed:
/// the collector then sees the items as referenced from outside, which keeps them).
pub(crate) fn traverse_vec(items: &RefCell<Vec<Value>>, visit: &mut dyn FnMut(&Value)) {
    if let Ok(items) = items.try_borrow() {
        items.iter().for_each(visit);
    }
}

/// Drops items last-first, as CPython's `list_dealloc` and `list.clear` do (the order
/// is visible through `__del__`).
pub(crate) fn drop_items_reversed(items: &mut Vec<Value>) {
    while let Some(v) = items.pop() {
        drop(v);
    }
}

impl Drop for ListObj {
    fn drop(&mut self) {
        drop_items_reversed(self.0.get_mut());
    }
}

impl Trace for ListObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        traverse_vec(&self.0, visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        out.append(self.0.get_mut());
    }
}

impl Trace for DequeObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        traverse_vec(&self.items, visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        out.append(self.items.get_mut());
    }
}
