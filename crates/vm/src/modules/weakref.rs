//! The `_weakref`-level parts of the `weakref` module: `ref` (`ReferenceType`),
//! `proxy` (`ProxyType`, `CallableProxyType`), `getweakrefcount` and `getweakrefs`.
//! The registry and the clearing of dead references are in `crate::gc::weakref`.

use super::add_functions;
use crate::gc::weakref::{new_weakref, weakrefs_to, WeakRefObj};
use crate::interp::Vm;
use crate::objects::typeobj::CompareOp;
use crate::objects::{Kind, NativeFn};
use crate::value::Value;
use crate::PyResult;

/// Whether weak references to `v` may be made: CPython allows them to instances of
/// user classes (subclasses of list or dict included), functions, types, sets,
/// generators, methods, modules and exceptions, not to ints, strs, tuples, lists or
/// dicts themselves.
fn weakrefable(vm: &Vm, v: &Value) -> bool {
    let user_type = vm.type_of(v).as_type().is_some_and(|t| !t.is_builtin());
    if v.kind() == Some(Kind::Instance)
        && vm
            .type_of(v)
            .as_type()
            .is_some_and(|t| !t.instance_layout.weakref)
    {
        // A class whose `__slots__` leave out `'__weakref__'`.
        return false;
    }
    match v.kind() {
        Some(
            Kind::Instance
            | Kind::Function
            | Kind::Builtin
            | Kind::Method
            | Kind::Type
            | Kind::Set
            | Kind::FrozenSet
            | Kind::Generator
            | Kind::Module
            | Kind::Exception
            | Kind::Code
            | Kind::Deque
            | Kind::DefaultDict
            | Kind::WeakRef,
        ) => true,
        Some(_) => user_type,
        None => false,
    }
}

fn check_weakrefable(vm: &mut Vm, v: &Value) -> PyResult<()> {
    if weakrefable(vm, v) {
        Ok(())
    } else {
        let msg = format!(
            "cannot create weak reference to '{}' object",
            vm.type_name(v)
        );
        Err(vm.type_error(&msg))
    }
}

fn referent_and_callback(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<(Value, Value)> {
    match args {
        [obj] => Ok((obj.clone(), Value::NONE)),
        [obj, cb] => Ok((obj.clone(), cb.clone())),
        [] => Err(vm.type_error(&format!("{name} expected at least 1 argument, got 0"))),
        _ => Err(vm.type_error(&format!(
            "{name} expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

/// `weakref.ref(obj[, callback])`.
pub fn ref_new(vm: &mut Vm, cls: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (obj, callback) = referent_and_callback(vm, "__new__", args)?;
    check_weakrefable(vm, &obj)?;
    Ok(new_weakref(cls, &obj, callback))
}

/// `weakref.proxy(obj[, callback])`.
fn proxy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (obj, callback) = referent_and_callback(vm, "proxy", args)?;
    check_weakrefable(vm, &obj)?;
    let ty = if vm.is_callable(&obj) {
        vm.types.weakcallableproxy.clone()
    } else {
        vm.types.weakproxy.clone()
    };
    Ok(new_weakref(&ty, &obj, callback))
}

fn getweakrefcount(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [obj] = args else {
        return Err(vm.type_error("getweakrefcount() takes exactly one argument"));
    };
    let n = weakrefs_to(obj).len();
    Ok(vm.new_int(n as i64))
}

fn getweakrefs(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [obj] = args else {
        return Err(vm.type_error("getweakrefs() takes exactly one argument"));
    };
    let refs = weakrefs_to(obj);
    Ok(vm.new_list(refs))
}

fn payload(v: &Value) -> Option<&WeakRefObj> {
    v.downcast::<WeakRefObj>()
}

/// `ref()`: the referent, or None once it died.
pub fn ref_call(vm: &mut Vm, r: &Value, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if !args.is_empty() {
        let msg = format!("weakref() takes exactly 0 arguments ({} given)", args.len());
        return Err(vm.type_error(&msg));
    }
    Ok(payload(r).and_then(|p| p.get()).unwrap_or(Value::NONE))
}

pub fn ref_repr(vm: &mut Vm, r: &Value) -> PyResult<Value> {
    let (kind, target) = if vm.type_of(r).is(&vm.types.weakref) {
        ("weakref", payload(r).and_then(|p| p.get()))
    } else {
        ("weakproxy", payload(r).and_then(|p| p.get()))
    };
    let s = match target {
        Some(t) => format!(
            "<{kind} at {:#014x}; to '{}' at {:#014x}>",
            r.id(),
            vm.type_name(&t),
            t.id()
        ),
        None => format!("<{kind} at {:#014x}; dead>", r.id()),
    };
    Ok(vm.new_str(&s))
}

/// `hash(ref)`: the referent's, remembered once computed.
pub fn ref_hash(vm: &mut Vm, r: &Value) -> PyResult<i64> {
    let Some(p) = payload(r) else { return Ok(0) };
    if let Some(h) = p.hash.get() {
        return Ok(h);
    }
    let Some(target) = p.get() else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = vm.hash(&target)?;
    p.hash.set(Some(h));
    Ok(h)
}

/// Two live refs compare as their referents; otherwise by identity.
pub fn ref_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || payload(b).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = (
        payload(a).and_then(|p| p.get()),
        payload(b).and_then(|p| p.get()),
    );
    match (x, y) {
        (Some(x), Some(y)) => vm.rich_compare(&x, &y, op),
        _ => Ok(Value::bool(a.is(b) == (op == CompareOp::Eq))),
    }
}

impl Vm {
    /// The live referent of a proxy, `None` for anything that is not a proxy, and a
    /// ReferenceError for a dead one.
    pub(crate) fn proxy_target(&mut self, v: &Value) -> PyResult<Option<Value>> {
        let ty = self.type_of(v);
        if !(ty.is(&self.types.weakproxy) || ty.is(&self.types.weakcallableproxy)) {
            return Ok(None);
        }
        match payload(v).and_then(|p| p.get()) {
            Some(t) => Ok(Some(t)),
            None => {
                let ty = self.types.reference_error.clone();
                let msg = self.new_str("weakly-referenced object no longer exists");
                Err(self.new_exception_args(&ty, vec![msg]))
            }
        }
    }

    fn live_target(&mut self, v: &Value) -> PyResult<Value> {
        Ok(self.proxy_target(v)?.unwrap_or(Value::NONE))
    }
}

pub fn proxy_str(vm: &mut Vm, p: &Value) -> PyResult<Value> {
    let t = vm.live_target(p)?;
    let s = vm.str(&t)?;
    Ok(vm.new_str(&s))
}

pub fn proxy_call(vm: &mut Vm, p: &Value, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let t = vm.live_target(p)?;
    vm.call_with_kw(&t, args, kw)
}

pub fn proxy_len(vm: &mut Vm, p: &Value) -> PyResult<usize> {
    let t = vm.live_target(p)?;
    vm.len(&t)
}

pub fn proxy_bool(vm: &mut Vm, p: &Value) -> PyResult<bool> {
    let t = vm.live_target(p)?;
    vm.is_true(&t)
}

pub fn proxy_getitem(vm: &mut Vm, p: &Value, key: &Value) -> PyResult<Value> {
    let t = vm.live_target(p)?;
    vm.get_item(&t, key)
}

pub fn proxy_setitem(vm: &mut Vm, p: &Value, key: &Value, value: Value) -> PyResult<()> {
    let t = vm.live_target(p)?;
    vm.set_item(&t, key, value)
}

pub fn proxy_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let x = vm.live_target(a)?;
    let y = match vm.proxy_target(b)? {
        Some(y) => y,
        None => b.clone(),
    };
    vm.rich_compare(&x, &y, op)
}

pub fn proxy_hash(vm: &mut Vm, p: &Value) -> PyResult<i64> {
    let msg = format!("unhashable type: '{}'", vm.type_name(p));
    Err(vm.type_error(&msg))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("proxy", proxy),
    ("getweakrefcount", getweakrefcount),
    ("getweakrefs", getweakrefs),
];

pub(super) fn build(vm: &mut Vm) -> Value {
    let m = vm.new_module("weakref");
    add_functions(vm, &m, FUNCTIONS);
    if let Some(crate::objects::ModuleObj { dict, .. }) = m.as_module() {
        let dict = dict.clone();
        let entries = [
            ("ref", vm.types.weakref.clone()),
            ("ReferenceType", vm.types.weakref.clone()),
            ("ProxyType", vm.types.weakproxy.clone()),
            ("CallableProxyType", vm.types.weakcallableproxy.clone()),
        ];
        for (name, ty) in entries {
            let key = vm.intern(name);
            let _ = vm.dict_set(&dict, key, ty);
        }
    }
    m
}
