//! `set`: a `Dict` whose values are unused; membership, algebra (`| & - ^`),
//! comparisons by inclusion, and the common methods. Iteration order is insertion
//! order (CPython's order follows its hash table and can differ).

use std::cell::RefCell;

use crate::interp::Vm;
use crate::objects::iter::{DictIterKind, IterState};
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::{new_object, Dict, NativeFn, ObjKind};
use crate::value::Value;
use crate::PyResult;

fn set_cell(v: &Value) -> Option<&RefCell<Dict>> {
    match v.kind() {
        Some(ObjKind::Set(d)) => Some(d),
        _ => None,
    }
}

impl Vm {
    pub fn new_set(&mut self) -> Value {
        new_object(&self.types.set, ObjKind::Set(RefCell::new(Dict::new())))
    }

    pub fn set_add(&mut self, set: &Value, item: Value) -> PyResult<()> {
        let hash = self.hash(&item)?;
        if let Some(d) = set_cell(set) {
            d.borrow_mut().insert(item, hash, Value::NONE);
        }
        Ok(())
    }

    fn set_items(&self, v: &Value) -> Vec<Value> {
        set_cell(v).map(|d| d.borrow().keys()).unwrap_or_default()
    }

    fn set_has(&mut self, set: &Value, item: &Value) -> PyResult<bool> {
        let hash = self.hash(item)?;
        Ok(set_cell(set)
            .map(|d| d.borrow().get(item, hash).is_some())
            .unwrap_or(false))
    }

    pub fn set_from_iterable(&mut self, ty: &Value, items: &Value) -> PyResult<Value> {
        let s = new_object(ty, ObjKind::Set(RefCell::new(Dict::new())));
        for item in self.collect_iterable(items)? {
            self.set_add(&s, item)?;
        }
        Ok(s)
    }
}

pub fn set_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let items = vm.set_items(v);
    if items.is_empty() {
        let s = format!("{}()", vm.type_name(v));
        return Ok(vm.new_str(&s));
    }
    let s = crate::objects::list::seq_repr(vm, v, &items, "{", "}")?;
    Ok(vm.new_str(&s))
}

pub fn set_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(set_cell(v).map(|d| d.borrow().len()).unwrap_or(0))
}

pub fn set_contains(vm: &mut Vm, v: &Value, item: &Value) -> PyResult<bool> {
    vm.set_has(v, item)
}

pub fn set_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(vm.new_iter(IterState::Dict {
        dict: v.clone(),
        pos: 0,
        kind: DictIterKind::Keys,
    }))
}

pub fn set_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if set_cell(a).is_none() || set_cell(b).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = (vm.set_items(a), vm.set_items(b));
    let out = vm.new_set();
    match op {
        BinOp::Or => {
            for i in x.into_iter().chain(y) {
                vm.set_add(&out, i)?;
            }
        }
        BinOp::And => {
            for i in x {
                if vm.set_has(b, &i)? {
                    vm.set_add(&out, i)?;
                }
            }
        }
        BinOp::Sub => {
            for i in x {
                if !vm.set_has(b, &i)? {
                    vm.set_add(&out, i)?;
                }
            }
        }
        BinOp::Xor => {
            for i in x {
                if !vm.set_has(b, &i)? {
                    vm.set_add(&out, i)?;
                }
            }
            for i in y {
                if !vm.set_has(a, &i)? {
                    vm.set_add(&out, i)?;
                }
            }
        }
        _ => return Ok(Value::NOT_IMPLEMENTED),
    }
    Ok(out)
}

fn is_subset(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    for i in vm.set_items(a) {
        if !vm.set_has(b, &i)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn set_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if set_cell(a).is_none() || set_cell(b).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (la, lb) = (vm.set_items(a).len(), vm.set_items(b).len());
    let r = match op {
        CompareOp::Eq => la == lb && is_subset(vm, a, b)?,
        CompareOp::Ne => !(la == lb && is_subset(vm, a, b)?),
        CompareOp::Le => is_subset(vm, a, b)?,
        CompareOp::Lt => la < lb && is_subset(vm, a, b)?,
        CompareOp::Ge => is_subset(vm, b, a)?,
        CompareOp::Gt => la > lb && is_subset(vm, b, a)?,
    };
    Ok(Value::bool(r))
}

fn this(args: &[Value]) -> Value {
    args.first().cloned().unwrap_or(Value::NONE)
}

fn s_add(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(item) = args.get(1) else {
        return Err(vm.type_error("set.add() takes exactly one argument (0 given)"));
    };
    vm.set_add(&this(args), item.clone())?;
    Ok(Value::NONE)
}

fn remove_impl(vm: &mut Vm, args: &[Value], must_exist: bool) -> PyResult<Value> {
    let Some(item) = args.get(1) else {
        return Err(vm.type_error("expected one argument"));
    };
    let hash = vm.hash(item)?;
    let removed = set_cell(&this(args)).and_then(|d| d.borrow_mut().remove(item, hash));
    if removed.is_none() && must_exist {
        return Err(vm.key_error(item.clone()));
    }
    Ok(Value::NONE)
}

fn s_remove(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    remove_impl(vm, args, true)
}

fn s_discard(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    remove_impl(vm, args, false)
}

fn s_pop(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let first = set_cell(&this(args)).and_then(|d| d.borrow().keys().into_iter().next());
    match first {
        Some(k) => {
            let hash = vm.hash(&k)?;
            if let Some(d) = set_cell(&this(args)) {
                d.borrow_mut().remove(&k, hash);
            }
            Ok(k)
        }
        None => {
            let ty = vm.types.key_error.clone();
            Err(vm.new_exception(&ty, "pop from an empty set"))
        }
    }
}

fn s_clear(_vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    if let Some(d) = set_cell(&this(args)) {
        d.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

fn s_copy(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let ty = vm.types.set.clone();
    vm.set_from_iterable(&ty, &this(args))
}

fn algebra(vm: &mut Vm, args: &[Value], op: BinOp) -> PyResult<Value> {
    let mut acc = this(args);
    for other in &args[1..] {
        let ty = vm.types.set.clone();
        let o = vm.set_from_iterable(&ty, other)?;
        acc = set_binary(vm, op, &acc, &o)?;
    }
    if args.len() == 1 {
        return s_copy(vm, args, &[]);
    }
    Ok(acc)
}

fn s_union(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    algebra(vm, args, BinOp::Or)
}

fn s_intersection(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    algebra(vm, args, BinOp::And)
}

fn s_difference(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    algebra(vm, args, BinOp::Sub)
}

fn s_update(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args);
    for other in &args[1..] {
        for item in vm.collect_iterable(other)? {
            vm.set_add(&s, item)?;
        }
    }
    Ok(Value::NONE)
}

fn s_issubset(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let ty = vm.types.set.clone();
    let other = vm.set_from_iterable(&ty, args.get(1).unwrap_or(&Value::NONE))?;
    Ok(Value::bool(is_subset(vm, &this(args), &other)?))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("add", s_add),
    ("remove", s_remove),
    ("discard", s_discard),
    ("pop", s_pop),
    ("clear", s_clear),
    ("copy", s_copy),
    ("union", s_union),
    ("intersection", s_intersection),
    ("difference", s_difference),
    ("update", s_update),
    ("issubset", s_issubset),
];
