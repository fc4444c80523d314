//! `__slots__`: member descriptors and the instance layout they describe.
//!
//! A class that declares `__slots__` keeps each named attribute of its instances in a
//! fixed member slot (`InstanceObj`'s members array), reached through a member
//! descriptor in the class dict (`<member 'x' of 'P' objects>`), as CPython's
//! `PyMemberDescr`. A subclass appends its own slots after its base's, so a
//! descriptor's index is valid for every instance of its class. Instances get a dict
//! (and so arbitrary attributes) only if some class along the way did not declare
//! `__slots__` or listed `'__dict__'`.

use crate::interp::Vm;
use crate::objects::{new_object, InstanceObj, Trace};
use crate::value::Value;
use crate::PyResult;

/// A member descriptor: slot `index` of the members of `owner`'s instances.
pub struct MemberObj {
    /// The attribute name (after private-name mangling), a str.
    pub name: Value,
    pub index: usize,
    /// The class that declared the slot (`__objclass__`).
    pub owner: Value,
}

impl Trace for MemberObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.name);
        visit(&self.owner);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        out.push(std::mem::replace(&mut self.owner, Value::NONE));
    }
}

/// What a class's instances can hold besides their members, and how many members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceLayout {
    /// Member slots of each instance, the bases' included.
    pub members: usize,
    /// Whether instances have a `__dict__` (arbitrary attributes).
    pub dict: bool,
    /// Whether instances can be weakly referenced.
    pub weakref: bool,
}

impl Default for InstanceLayout {
    fn default() -> Self {
        InstanceLayout {
            members: 0,
            dict: true,
            weakref: true,
        }
    }
}

/// The `__slots__` names of a class body, as the class will store them.
pub struct SlotsDecl {
    /// The member names, mangled, in declaration order.
    pub names: Vec<Value>,
    pub dict: bool,
    pub weakref: bool,
}

impl Vm {
    /// Reads a class body's `__slots__` value (a str is one name, anything else is
    /// iterated), with CPython's checks and private-name mangling.
    pub(crate) fn slots_decl(&mut self, class_name: &str, slots: &Value) -> PyResult<SlotsDecl> {
        let items = if slots.as_pystr().is_some() {
            vec![slots.clone()]
        } else {
            self.collect_iterable(slots)?
        };
        let mut decl = SlotsDecl {
            names: Vec::new(),
            dict: false,
            weakref: false,
        };
        for item in items {
            let Some(name) = item.as_str() else {
                let msg = format!(
                    "__slots__ items must be strings, not '{}'",
                    self.type_name(&item)
                );
                return Err(self.type_error(&msg));
            };
            if !is_identifier(name) {
                return Err(self.type_error("__slots__ must be identifiers"));
            }
            match name {
                "__dict__" => {
                    if decl.dict {
                        return Err(self.type_error("__dict__ slot disallowed: we already got one"));
                    }
                    decl.dict = true;
                }
                "__weakref__" => {
                    if decl.weakref {
                        return Err(
                            self.type_error("__weakref__ slot disallowed: we already got one")
                        );
                    }
                    decl.weakref = true;
                }
                _ => {
                    let mangled = mangle(class_name, name);
                    decl.names.push(self.intern(&mangled));
                }
            }
        }
        Ok(decl)
    }

    /// `descr.__get__(obj)` for an instance: the member's value.
    pub(crate) fn member_get(&mut self, m: &MemberObj, obj: &Value) -> PyResult<Value> {
        let inst = self.member_instance(m, obj)?;
        match inst.member(m.index) {
            Some(v) => Ok(v),
            None => {
                let name = m.name.as_str().unwrap_or("").to_owned();
                Err(self.no_attribute(obj, &name))
            }
        }
    }

    /// `descr.__set__(obj, value)`, or `__delete__` when `value` is `None`.
    pub(crate) fn member_set(
        &mut self,
        m: &MemberObj,
        obj: &Value,
        value: Option<Value>,
    ) -> PyResult<()> {
        let inst = self.member_instance(m, obj)?;
        let deleting = value.is_none();
        let old = inst.set_member(m.index, value.unwrap_or(Value::NULL));
        if deleting && old.is_null() {
            let name = m.name.as_str().unwrap_or("").to_owned();
            return Err(self.attribute_error(&name));
        }
        // Dropped after the store: a finalizer may touch the instance.
        drop(old);
        Ok(())
    }

    /// `obj` as an instance the member applies to (its class is `owner` or a subclass).
    fn member_instance<'a>(&mut self, m: &MemberObj, obj: &'a Value) -> PyResult<&'a InstanceObj> {
        if self.isinstance(obj, &m.owner) {
            if let Some((inst, _)) = obj.as_instance() {
                return Ok(inst);
            }
        }
        let msg = format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            m.name.as_str().unwrap_or(""),
            m.owner
                .as_type()
                .map(|t| t.name.to_string())
                .unwrap_or_default(),
            self.type_name(obj)
        );
        Err(self.type_error(&msg))
    }

    /// A new member descriptor for slot `index` of `owner`'s instances.
    pub(crate) fn new_member(&self, name: Value, index: usize, owner: Value) -> Value {
        new_object(
            &self.types.member_descriptor,
            MemberObj { name, index, owner },
        )
    }
}

/// `_Class__name` for a private name, as the compiler mangles attribute names in the
/// class body (leading underscores of the class name dropped; dunder names and
/// classes named only with underscores are left alone).
fn mangle(class_name: &str, name: &str) -> String {
    let stripped = class_name.trim_start_matches('_');
    if !name.starts_with("__") || name.ends_with("__") || stripped.is_empty() {
        return name.to_owned();
    }
    format!("_{stripped}{name}")
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// `repr(descr)`: `<member 'x' of 'P' objects>`.
pub fn member_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(m) = v.downcast::<MemberObj>() else {
        let s = vm.default_repr(v);
        return Ok(vm.new_str(&s));
    };
    let s = format!(
        "<member '{}' of '{}' objects>",
        m.name.as_str().unwrap_or(""),
        m.owner
            .as_type()
            .map(|t| t.name.to_string())
            .unwrap_or_default()
    );
    Ok(vm.new_str(&s))
}

fn descr_of<'a>(vm: &mut Vm, args: &'a [Value], method: &str) -> PyResult<&'a MemberObj> {
    match args.first().and_then(|v| v.downcast::<MemberObj>()) {
        Some(m) => Ok(m),
        None => {
            let msg = format!("descriptor '{method}' requires a 'member_descriptor' object");
            Err(vm.type_error(&msg))
        }
    }
}

fn member_dunder_get(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let m = descr_of(vm, args, "__get__")?;
    match args.get(1) {
        Some(obj) if !obj.is_none() => vm.member_get(m, obj),
        _ => Ok(args[0].clone()),
    }
}

fn member_dunder_set(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let m = descr_of(vm, args, "__set__")?;
    let (Some(obj), Some(value)) = (args.get(1), args.get(2)) else {
        return Err(vm.type_error("expected 2 arguments, got fewer"));
    };
    vm.member_set(m, obj, Some(value.clone()))?;
    Ok(Value::NONE)
}

fn member_dunder_delete(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let m = descr_of(vm, args, "__delete__")?;
    let Some(obj) = args.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    vm.member_set(m, obj, None)?;
    Ok(Value::NONE)
}

pub const METHODS: &[(&str, crate::objects::NativeFn)] = &[
    ("__get__", member_dunder_get),
    ("__set__", member_dunder_set),
    ("__delete__", member_dunder_delete),
];

/// `__name__` and `__objclass__` of a member descriptor.
pub fn member_attr(v: &Value, name: &str) -> Option<Value> {
    let m = v.downcast::<MemberObj>()?;
    match name {
        "__name__" => Some(m.name.clone()),
        "__objclass__" => Some(m.owner.clone()),
        _ => None,
    }
}
