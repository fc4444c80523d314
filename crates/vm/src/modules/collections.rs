//! The `collections` module's most used types, natively: `defaultdict`, `Counter`
//! and `deque` (with `maxlen`), with CPython's reprs.

use std::cell::RefCell;

use super::set;
use crate::interp::Vm;
use crate::objects::typeobj::{Layout, Slots};
use crate::objects::{dict, list, new_object, Dict, Kind, NativeFn};
use crate::objects::{DefaultDictObj, DequeObj, DictObj};
use crate::value::Value;
use crate::PyResult;

fn make_type(
    vm: &mut Vm,
    name: &str,
    base: &Value,
    slots: Slots,
    ctor: crate::objects::typeobj::CallFn,
) -> Value {
    let mut mro = vec![base.clone()];
    if let Some(t) = base.as_type() {
        mro.extend(t.mro.iter().cloned());
    }
    // Layouts come from the base; `deque` (based on object) has its own payload.
    let layout = match base.as_type().map(|t| t.layout) {
        Some(Layout::Object) | None => Layout::Internal,
        Some(l) => l,
    };
    let _ = vm;
    crate::objects::typeobj::new_builtin_type(crate::objects::typeobj::BuiltinType {
        name,
        module: Some("collections"),
        bases: vec![base.clone()],
        mro,
        slots,
        layout,
        constructor: Some(ctor),
    })
}

fn add_methods(vm: &mut Vm, ty: &Value, methods: &[(&'static str, NativeFn)]) {
    for &(name, func) in methods {
        let m = new_object(
            &vm.types.builtin_function,
            crate::objects::Builtin {
                name,
                func,
                this: Value::NULL,
                is_method: true,
            },
        );
        let key = vm.new_str(name);
        let hash = crate::objects::str::hash_str(name);
        if let Some(t) = ty.as_type() {
            t.dict.borrow_mut().insert(key, hash, m);
            t.modified();
        }
    }
}

// ---- defaultdict ----

fn defaultdict_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let factory = args
        .first()
        .filter(|_| npos > 0)
        .cloned()
        .unwrap_or(Value::NONE);
    if !factory.is_none()
        && vm.slots(&factory).call.is_none()
        && factory.as_type().is_none()
        && !matches!(
            factory.kind(),
            Some(Kind::Function) | Some(Kind::Builtin) | Some(Kind::Method)
        )
    {
        return Err(vm.type_error("first argument must be callable or None"));
    }
    let d = new_object(
        cls,
        DefaultDictObj {
            dict: RefCell::new(Dict::new()),
            factory,
        },
    );
    if npos > 1 {
        vm.dict_merge_from(&d, &args[1])?;
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        vm.dict_set(&d, k.clone(), v.clone())?;
    }
    Ok(d)
}

fn defaultdict_getitem(vm: &mut Vm, d: &Value, key: &Value) -> PyResult<Value> {
    if let Some(v) = vm.dict_get(d, key)? {
        return Ok(v);
    }
    let factory = match d.downcast::<DefaultDictObj>() {
        Some(dd) => dd.factory.clone(),
        None => Value::NONE,
    };
    if factory.is_none() {
        return Err(vm.key_error(key.clone()));
    }
    let v = vm.call(&factory, &[])?;
    vm.dict_set(d, key.clone(), v.clone())?;
    Ok(v)
}

fn defaultdict_repr(vm: &mut Vm, d: &Value) -> PyResult<Value> {
    let factory = match d.downcast::<DefaultDictObj>() {
        Some(dd) => dd.factory.clone(),
        None => Value::NONE,
    };
    let f = vm.repr(&factory)?;
    let inner = dict::dict_repr(vm, d)?;
    let s = format!("defaultdict({f}, {})", inner.as_str().unwrap_or(""));
    Ok(vm.new_str(&s))
}

// ---- Counter ----

fn counter_count(vm: &mut Vm, c: &Value, source: &Value) -> PyResult<()> {
    if source.as_dict().is_some() {
        for (k, v) in vm.dict_items(source) {
            let old = vm
                .dict_get(c, &k)?
                .unwrap_or_else(|| Value::try_int(0).unwrap_or(Value::NONE));
            let new = vm.binary_op(&old, &v, crate::objects::typeobj::BinOp::Add, false)?;
            vm.dict_set(c, k, new)?;
        }
        return Ok(());
    }
    for item in vm.collect_iterable(source)? {
        let old = vm.dict_get(c, &item)?;
        let n = old.and_then(|o| o.as_int()).unwrap_or(0);
        let v = vm.new_int(n + 1);
        vm.dict_set(c, item, v)?;
    }
    Ok(())
}

fn counter_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let c = new_object(cls, DictObj(RefCell::new(Dict::new())));
    if npos > 0 {
        counter_count(vm, &c, &args[0])?;
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        vm.dict_set(&c, k.clone(), v.clone())?;
    }
    Ok(c)
}

fn counter_getitem(vm: &mut Vm, c: &Value, key: &Value) -> PyResult<Value> {
    Ok(vm
        .dict_get(c, key)?
        .unwrap_or_else(|| Value::try_int(0).unwrap_or(Value::NONE)))
}

/// Items by descending count, ties in insertion order (CPython sorts the items with
/// `reverse=True`, which is stable).
fn most_common_items(vm: &mut Vm, c: &Value) -> PyResult<Vec<(Value, Value)>> {
    let items = vm.dict_items(c);
    let mut keyed: Vec<(Value, Value)> = items
        .iter()
        .map(|(k, v)| (v.clone(), vm.new_tuple(vec![k.clone(), v.clone()])))
        .collect();
    keyed.reverse();
    vm.merge_sort(&mut keyed)?;
    keyed.reverse();
    Ok(keyed
        .into_iter()
        .map(|(_, p)| {
            let t = p.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
            (
                t.first().cloned().unwrap_or(Value::NONE),
                t.get(1).cloned().unwrap_or(Value::NONE),
            )
        })
        .collect())
}

fn counter_repr(vm: &mut Vm, c: &Value) -> PyResult<Value> {
    let items = most_common_items(vm, c)?;
    if items.is_empty() {
        return Ok(vm.new_str("Counter()"));
    }
    let mut parts = Vec::new();
    for (k, v) in &items {
        parts.push(format!("{}: {}", vm.repr(k)?, vm.repr(v)?));
    }
    let s = format!("Counter({{{}}})", parts.join(", "));
    Ok(vm.new_str(&s))
}

fn c_most_common(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = args.first().cloned().unwrap_or(Value::NONE);
    let mut items = most_common_items(vm, &c)?;
    if let Some(n) = args.get(1).filter(|n| !n.is_none()) {
        let n = vm.to_i64(n)?.unwrap_or(0).max(0) as usize;
        items.truncate(n);
    }
    let out = items
        .into_iter()
        .map(|(k, v)| vm.new_tuple(vec![k, v]))
        .collect();
    Ok(vm.new_list(out))
}

fn c_update(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = args.first().cloned().unwrap_or(Value::NONE);
    if let Some(src) = args.get(1) {
        counter_count(vm, &c, src)?;
    }
    Ok(Value::NONE)
}

fn c_total(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = args.first().cloned().unwrap_or(Value::NONE);
    let mut acc = vm.new_int(0);
    for (_, v) in vm.dict_items(&c) {
        acc = vm.binary_op(&acc, &v, crate::objects::typeobj::BinOp::Add, false)?;
    }
    Ok(acc)
}

fn c_elements(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = args.first().cloned().unwrap_or(Value::NONE);
    let mut out = Vec::new();
    for (k, v) in vm.dict_items(&c) {
        for _ in 0..v.as_int().unwrap_or(0).max(0) {
            out.push(k.clone());
        }
    }
    let l = vm.new_list(out);
    vm.get_iter(&l)
}

// ---- deque ----

fn this(args: &[Value]) -> Value {
    args.first().cloned().unwrap_or(Value::NONE)
}

fn deque_items(v: &Value) -> Option<(&RefCell<Vec<Value>>, Option<usize>)> {
    v.downcast::<DequeObj>().map(|d| (&d.items, d.maxlen))
}

fn deque_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut maxlen = None;
    if npos > 1 && !args[1].is_none() {
        maxlen = vm.to_i64(&args[1])?;
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("maxlen") && !v.is_none() {
            maxlen = vm.to_i64(v)?;
        }
    }
    if maxlen.map(|m| m < 0).unwrap_or(false) {
        return Err(vm.value_error("maxlen must be non-negative"));
    }
    let maxlen = maxlen.map(|m| m as usize);
    let mut items = if npos > 0 {
        vm.collect_iterable(&args[0])?
    } else {
        Vec::new()
    };
    if let Some(m) = maxlen {
        if items.len() > m {
            items.drain(..items.len() - m);
        }
    }
    Ok(new_object(
        cls,
        DequeObj {
            items: RefCell::new(items),
            maxlen,
        },
    ))
}

fn deque_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some((items, maxlen)) = deque_items(v) else {
        return Ok(vm.new_str("deque()"));
    };
    let snapshot = items.borrow().clone();
    let inner = list::seq_repr(vm, v, &snapshot, "[", "]")?;
    let s = match maxlen {
        Some(m) => format!("deque({inner}, maxlen={m})"),
        None => format!("deque({inner})"),
    };
    Ok(vm.new_str(&s))
}

fn push(v: &Value, item: Value, left: bool) {
    if let Some((items, maxlen)) = deque_items(v) {
        let mut l = items.borrow_mut();
        if maxlen == Some(0) {
            return;
        }
        if left {
            l.insert(0, item);
            if maxlen.map(|m| l.len() > m).unwrap_or(false) {
                l.pop();
            }
        } else {
            l.push(item);
            if maxlen.map(|m| l.len() > m).unwrap_or(false) {
                l.remove(0);
            }
        }
    }
}

fn q_append(_vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    push(
        &this(args),
        args.get(1).cloned().unwrap_or(Value::NONE),
        false,
    );
    Ok(Value::NONE)
}

fn q_appendleft(_vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    push(
        &this(args),
        args.get(1).cloned().unwrap_or(Value::NONE),
        true,
    );
    Ok(Value::NONE)
}

fn q_extend(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    for item in vm.collect_iterable(args.get(1).unwrap_or(&Value::NONE))? {
        push(&this(args), item, false);
    }
    Ok(Value::NONE)
}

fn q_extendleft(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    for item in vm.collect_iterable(args.get(1).unwrap_or(&Value::NONE))? {
        push(&this(args), item, true);
    }
    Ok(Value::NONE)
}

fn pop_impl(vm: &mut Vm, args: &[Value], left: bool) -> PyResult<Value> {
    let popped = deque_items(&this(args)).and_then(|(items, _)| {
        let mut l = items.borrow_mut();
        if l.is_empty() {
            None
        } else if left {
            Some(l.remove(0))
        } else {
            l.pop()
        }
    });
    popped.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn q_pop(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pop_impl(vm, args, false)
}

fn q_popleft(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pop_impl(vm, args, true)
}

fn q_rotate(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let n = match args.get(1) {
        Some(n) => vm.to_i64(n)?.unwrap_or(1),
        None => 1,
    };
    if let Some((items, _)) = deque_items(&this(args)) {
        let mut l = items.borrow_mut();
        let len = l.len() as i64;
        if len > 0 {
            let k = n.rem_euclid(len) as usize;
            l.rotate_right(k);
        }
    }
    Ok(Value::NONE)
}

fn q_clear(_vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    if let Some((items, _)) = deque_items(&this(args)) {
        items.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

pub(super) fn build(vm: &mut Vm) -> Value {
    let m = vm.new_module("collections");
    let dict_t = vm.types.dict.clone();
    let dict_slots = dict_t.as_type().map(|t| t.slots).unwrap_or_default();
    let dd = make_type(
        vm,
        "defaultdict",
        &dict_t,
        Slots {
            getitem: Some(defaultdict_getitem),
            repr: Some(defaultdict_repr),
            ..dict_slots
        },
        defaultdict_new,
    );
    let counter = make_type(
        vm,
        "Counter",
        &dict_t,
        Slots {
            getitem: Some(counter_getitem),
            repr: Some(counter_repr),
            ..dict_slots
        },
        counter_new,
    );
    add_methods(
        vm,
        &counter,
        &[
            ("most_common", c_most_common),
            ("update", c_update),
            ("total", c_total),
            ("elements", c_elements),
        ],
    );
    let list_t = vm.types.list.clone();
    let list_slots = list_t.as_type().map(|t| t.slots).unwrap_or_default();
    let object_t = vm.types.object.clone();
    let deque = make_type(
        vm,
        "deque",
        &object_t,
        Slots {
            repr: Some(deque_repr),
            binary: None,
            richcompare: Some(list::list_compare),
            ..list_slots
        },
        deque_new,
    );
    add_methods(
        vm,
        &deque,
        &[
            ("append", q_append),
            ("appendleft", q_appendleft),
            ("extend", q_extend),
            ("extendleft", q_extendleft),
            ("pop", q_pop),
            ("popleft", q_popleft),
            ("rotate", q_rotate),
            ("clear", q_clear),
        ],
    );
    // `defaultdict` and `Counter` inherit `dict.__class_getitem__`.
    let _ = crate::objects::generic_alias::add_class_getitem(vm, &deque);
    set(vm, &m, "defaultdict", dd);
    set(vm, &m, "Counter", counter);
    set(vm, &m, "deque", deque);
    let od = vm.types.dict.clone();
    set(vm, &m, "OrderedDict", od);
    m
}
