//! `mappingproxy`: the read-only view `cls.__dict__` and `vars(cls)` return.
//!
//! A class's namespace is changed only through attribute stores (which keep the type
//! version tags right), so its dict is handed out behind this view: reads see the
//! live namespace, item assignment is a TypeError, as in CPython.

use crate::interp::Vm;
use crate::objects::{new_object, Dict, DictObj, Trace};
use crate::value::Value;
use crate::PyResult;

/// The payload: the class whose namespace is shown.
pub struct MappingProxyObj {
    pub owner: Value,
}

impl Trace for MappingProxyObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.owner);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        out.push(std::mem::replace(&mut self.owner, Value::NONE));
    }
}

impl Vm {
    /// A `mappingproxy` over `cls`'s namespace.
    pub fn new_mappingproxy(&self, cls: &Value) -> Value {
        new_object(
            &self.types.mappingproxy,
            MappingProxyObj { owner: cls.clone() },
        )
    }
}

/// A copy of the namespace behind proxy `v`.
fn snapshot(v: &Value) -> Dict {
    v.downcast::<MappingProxyObj>()
        .and_then(|p| p.owner.as_type())
        .map(|t| t.dict.borrow().clone())
        .unwrap_or_default()
}

/// The namespace as a new dict object (`copy()`, and the base of the views).
fn as_dict(vm: &mut Vm, v: &Value) -> Value {
    new_object(
        &vm.types.dict,
        DictObj(std::cell::RefCell::new(snapshot(v))),
    )
}

pub fn proxy_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let d = as_dict(vm, v);
    match vm.dict_get(&d, key)? {
        Some(found) => Ok(found),
        None => {
            let ty = vm.types.key_error.clone();
            Err(vm.new_exception_args(&ty, vec![key.clone()]))
        }
    }
}

pub fn proxy_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(snapshot(v).len())
}

pub fn proxy_contains(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<bool> {
    let d = as_dict(vm, v);
    Ok(vm.dict_get(&d, key)?.is_some())
}

pub fn proxy_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let d = as_dict(vm, v);
    vm.get_iter(&d)
}

pub fn proxy_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let d = as_dict(vm, v);
    let inner = vm.repr(&d)?;
    Ok(vm.new_str(&format!("mappingproxy({inner})")))
}

/// The receiver of a method call, or CPython's descriptor TypeError.
fn receiver<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    match args.first() {
        Some(v) if v.is_kind::<MappingProxyObj>() => Ok(v),
        _ => {
            let msg = format!("descriptor '{name}' requires a 'mappingproxy' object");
            Err(vm.type_error(&msg))
        }
    }
}

/// `keys()`, `values()`, `items()`, `get()` and `copy()` answer as the dict's do.
fn delegate(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> PyResult<Value> {
    let this = receiver(vm, args, name)?.clone();
    let d = as_dict(vm, &this);
    let method = vm.get_attr_opt(&d, name)?.unwrap_or(Value::NONE);
    vm.call_with_kw(&method, &args[1..], kwnames)
}

fn proxy_keys(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    delegate(vm, args, kw, "keys")
}

fn proxy_values(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    delegate(vm, args, kw, "values")
}

fn proxy_items(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    delegate(vm, args, kw, "items")
}

fn proxy_get(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    delegate(vm, args, kw, "get")
}

fn proxy_copy(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    delegate(vm, args, kw, "copy")
}

pub const METHODS: &[(&str, crate::objects::NativeFn)] = &[
    ("keys", proxy_keys),
    ("values", proxy_values),
    ("items", proxy_items),
    ("get", proxy_get),
    ("copy", proxy_copy),
];
