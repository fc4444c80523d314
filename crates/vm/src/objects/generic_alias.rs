//! `types.GenericAlias`: what subscripting a generic builtin class gives (`list[int]`,
//! `dict[str, list[int]]`, `tuple[int, ...]`).
//!
//! An alias remembers the class it was made from (`__origin__`) and the subscript
//! (`__args__`, always a tuple). It prints like the subscript expression, compares
//! and hashes by origin and arguments, calls its origin, and answers any other
//! attribute from the origin. Builtin generic classes get a `__class_getitem__`
//! classmethod that makes one; subscripting `type` itself is special-cased, as in
//! CPython.

use crate::interp::Vm;
use crate::objects::typeobj::{CompareOp, Layout, Slots};
use crate::objects::{new_object, Builtin, Trace};
use crate::value::Value;
use crate::PyResult;

/// The payload: origin class, argument tuple and the type variables among them.
pub struct GenericAliasObj {
    pub origin: Value,
    pub args: Value,
    pub parameters: Value,
}

impl Trace for GenericAliasObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.origin);
        visit(&self.args);
        visit(&self.parameters);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        out.push(std::mem::replace(&mut self.origin, Value::NONE));
        out.push(std::mem::replace(&mut self.args, Value::NONE));
        out.push(std::mem::replace(&mut self.parameters, Value::NONE));
    }
}

/// The `types.GenericAlias` type, based on `object`.
pub fn new_type(object: &Value) -> Value {
    let slots = Slots {
        repr: Some(ga_repr),
        hash: Some(ga_hash),
        richcompare: Some(ga_compare),
        call: Some(ga_call),
        ..Slots::default()
    };
    crate::objects::typeobj::new_builtin_type(crate::objects::typeobj::BuiltinType {
        name: "GenericAlias",
        module: Some("types"),
        bases: vec![object.clone()],
        mro: vec![object.clone()],
        slots,
        layout: Layout::Internal,
        constructor: None,
    })
}

/// Whether `v`'s type is named like one of `typing`'s type-variable classes.
fn is_type_var(vm: &Vm, v: &Value) -> bool {
    matches!(
        vm.type_of(v).as_type().map(|t| &*t.name),
        Some("TypeVar" | "ParamSpec" | "TypeVarTuple")
    )
}

impl Vm {
    /// `origin[key]` as a generic alias: a tuple key gives the arguments as is.
    pub fn new_generic_alias(&mut self, origin: &Value, key: &Value) -> Value {
        let args = match key.as_tuple() {
            Some(_) => key.clone(),
            None => self.new_tuple(vec![key.clone()]),
        };
        let mut params: Vec<Value> = Vec::new();
        for a in args.as_tuple().unwrap_or(&[]) {
            let found: Vec<Value> = if is_type_var(self, a) {
                vec![a.clone()]
            } else if let Some(inner) = a.downcast::<GenericAliasObj>() {
                inner.parameters.as_tuple().unwrap_or(&[]).to_vec()
            } else {
                Vec::new()
            };
            for p in found {
                if !params.iter().any(|q| q.is(&p)) {
                    params.push(p);
                }
            }
        }
        let parameters = self.new_tuple(params);
        new_object(
            &self.types.generic_alias,
            GenericAliasObj {
                origin: origin.clone(),
                args,
                parameters,
            },
        )
    }

    /// `cls[key]` for a class object `cls` without a `__getitem__` on its metaclass:
    /// `type[...]` is an alias, any other class answers through `__class_getitem__`.
    pub fn class_subscript(&mut self, cls: &Value, key: &Value) -> PyResult<Value> {
        if cls.is(&self.types.type_) {
            return Ok(self.new_generic_alias(cls, key));
        }
        match self.get_attr_opt(cls, "__class_getitem__")? {
            Some(f) => self.call(&f, std::slice::from_ref(key)),
            None => {
                let name = cls
                    .as_type()
                    .map(|t| t.name.to_string())
                    .unwrap_or_default();
                let msg = format!("type '{name}' is not subscriptable");
                Err(self.type_error(&msg))
            }
        }
    }
}

/// `__class_getitem__` of the builtin generic classes, reached as a classmethod: the
/// class then the subscript.
pub fn class_getitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args {
        [cls, key] => Ok(vm.new_generic_alias(cls, key)),
        _ => {
            let name = args
                .first()
                .and_then(|c| c.as_type())
                .map(|t| t.name.to_string())
                .unwrap_or_default();
            let msg = format!(
                "{name}.__class_getitem__() takes exactly one argument ({} given)",
                args.len().saturating_sub(1)
            );
            Err(vm.type_error(&msg))
        }
    }
}

/// Puts `__class_getitem__` (a classmethod making aliases) in builtin class `ty`.
pub fn add_class_getitem(vm: &mut Vm, ty: &Value) -> PyResult<()> {
    let f = new_object(
        &vm.types.builtin_function,
        Builtin {
            name: "__class_getitem__",
            func: class_getitem,
            this: Value::NULL,
            is_method: false,
        },
    );
    let classmethod = vm.types.classmethod.clone();
    let cm = vm.call(&classmethod, &[f])?;
    let key = vm.new_str("__class_getitem__");
    if let Some(t) = ty.as_type() {
        t.dict
            .borrow_mut()
            .insert(key, crate::objects::str::hash_str("__class_getitem__"), cm);
        t.modified();
    }
    Ok(())
}

/// One item of an alias's repr: `...`, a nested alias, a class by its qualified name
/// (`int`, `__main__.C`), anything else by its repr.
fn repr_item(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if v.is(&Value::ELLIPSIS) {
        return Ok("...".into());
    }
    if v.is_kind::<GenericAliasObj>() {
        return vm.repr(v);
    }
    if let Some(t) = v.as_type() {
        let module = t.module.clone();
        let qualname = match vm.get_attr_opt(v, "__qualname__")? {
            Some(q) => vm.str(&q)?,
            None => t.name.to_string(),
        };
        return Ok(match module.as_deref() {
            None | Some("builtins") => qualname,
            Some(m) => format!("{m}.{qualname}"),
        });
    }
    let qualname = vm.get_attr_opt(v, "__qualname__")?;
    let module = vm.get_attr_opt(v, "__module__")?;
    if let (Some(q), Some(m)) = (qualname, module) {
        let (q, m) = (vm.str(&q)?, vm.str(&m)?);
        return Ok(if m == "builtins" {
            q
        } else {
            format!("{m}.{q}")
        });
    }
    vm.repr(v)
}

fn parts(v: &Value) -> (Value, Value, Value) {
    match v.downcast::<GenericAliasObj>() {
        Some(g) => (g.origin.clone(), g.args.clone(), g.parameters.clone()),
        None => (Value::NONE, Value::NONE, Value::NONE),
    }
}

pub fn ga_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (origin, args, _) = parts(v);
    let mut s = repr_item(vm, &origin)?;
    s.push('[');
    let items = args.as_tuple().unwrap_or(&[]).to_vec();
    if items.is_empty() {
        s.push_str("()");
    }
    for (i, a) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr_item(vm, a)?);
    }
    s.push(']');
    Ok(vm.new_str(&s))
}

fn ga_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let (origin, args, _) = parts(v);
    let h0 = vm.hash(&origin)?;
    let h1 = vm.hash(&args)?;
    let h = h0 ^ h1;
    Ok(if h == -1 { -2 } else { h })
}

fn ga_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !b.is_kind::<GenericAliasObj>() || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (o1, a1, _) = parts(a);
    let (o2, a2, _) = parts(b);
    let same = vm.eq(&o1, &o2)? && vm.eq(&a1, &a2)?;
    Ok(Value::bool(same == (op == CompareOp::Eq)))
}

/// Calling an alias calls its origin, then records the alias on the new object as
/// `__orig_class__` where the object accepts attributes.
fn ga_call(vm: &mut Vm, v: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (origin, _, _) = parts(v);
    let obj = vm.call_with_kw(&origin, args, kwnames)?;
    let name = vm.new_str("__orig_class__");
    if let Err(e) = vm.set_attr(&obj, &name, v.clone()) {
        let (attr_err, type_err) = (
            vm.types.attribute_error.clone(),
            vm.types.type_error.clone(),
        );
        if !vm.isinstance(&e, &attr_err) && !vm.isinstance(&e, &type_err) {
            return Err(e);
        }
    }
    Ok(obj)
}

/// Attribute `name` of alias `v`: its own few, any other from the origin.
pub fn ga_getattr(vm: &mut Vm, v: &Value, name: &str) -> PyResult<Option<Value>> {
    let (origin, args, parameters) = parts(v);
    match name {
        "__origin__" => Ok(Some(origin)),
        "__args__" => Ok(Some(args)),
        "__parameters__" => Ok(Some(parameters)),
        "__unpacked__" => Ok(Some(Value::FALSE)),
        "__class__" => Ok(Some(vm.types.generic_alias.clone())),
        "__mro_entries__" | "__reduce__" | "__copy__" | "__deepcopy__" | "__reduce_ex__" => {
            let ty = vm.types.generic_alias.clone();
            match vm.type_lookup(&ty, name) {
                Some(f) => Ok(Some(vm.bind_method(f, v))),
                None => Ok(None),
            }
        }
        _ => vm.get_attr_opt(&origin, name),
    }
}

/// `alias.__mro_entries__(bases)`: the origin stands in for the alias as a base.
fn ga_mro_entries(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (origin, _, _) = parts(args.first().unwrap_or(&Value::NONE));
    Ok(vm.new_tuple(vec![origin]))
}

fn ga_instancecheck(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn ga_subclasscheck(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

pub const METHODS: &[(&str, crate::objects::NativeFn)] = &[
    ("__mro_entries__", ga_mro_entries),
    ("__instancecheck__", ga_instancecheck),
    ("__subclasscheck__", ga_subclasscheck),
];

/// `type.__subclasses__()`: the live direct subclasses, oldest first.
pub fn type_subclasses(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let subs = match args.first().and_then(|c| c.as_type()) {
        Some(t) => t.tag.subclasses(),
        None => return Err(vm.type_error("unbound method type.__subclasses__() needs an argument")),
    };
    if args.len() > 1 {
        let msg = format!(
            "type.__subclasses__() takes no arguments ({} given)",
            args.len() - 1
        );
        return Err(vm.type_error(&msg));
    }
    Ok(vm.new_list(subs))
}
