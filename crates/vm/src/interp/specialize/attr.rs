//! Attribute specializations: `LOAD_ATTR`, `LOAD_METHOD` and `STORE_ATTR`.
//!
//! Instances keep their attributes in a values array indexed by their class's shared
//! keys, or, once they have one, in a dict (see `objects::instance`). The instance
//! forms guard on the type's version tag (no property or `__setattr__` appeared on
//! the type or a base); a shared-keys slot never moves, so the values forms then
//! index the array directly (CPython 3.11's `LOAD_ATTR_INSTANCE_VALUE`). A class
//! attribute read through an instance is only valid while the instance cannot shadow
//! it: for values, the shared keys still lack the name (the table only grows, so its
//! length is its version for a given class); for a dict, a probe. The dict forms use
//! a cached entry index as a hint, checked by key identity (attribute names are
//! interned).
//! The values forms also serve instances of another "plain" class (nothing along its
//! MRO intercepts attributes) whose keys hold the same name at the cached slot, so a
//! base-class method over several subclasses stays specialized.
//! Attributes found on a type are cached as (MRO depth, entry index) into that
//! type's dict, valid while the version tag is: any change to a dict along the MRO
//! resets it. Module attributes use the module dict's keys version and entry index,
//! like `LOAD_GLOBAL_MODULE`.
//!
//! Cache slots after the instruction (counter first):
//! - `LOAD_ATTR_INSTANCE_VALUE`, `STORE_ATTR_INSTANCE_VALUE`: type version, slot;
//! - `LOAD_ATTR_SLOT`, `STORE_ATTR_SLOT`: type version, member index (`__slots__`);
//! - `LOAD_ATTR_WITH_HINT`, `STORE_ATTR_WITH_HINT`: type version, dict entry hint;
//! - `LOAD_ATTR_MODULE`, `LOAD_METHOD_MODULE`: entry index, keys version;
//! - `LOAD_ATTR_CLASS`: the class's version, MRO depth, entry index;
//! - `LOAD_ATTR_INSTANCE_CLASS`: the instance type's version, MRO depth << 24 |
//!   entry index, shared keys length;
//! - `LOAD_METHOD_WITH_VALUES`: type version, MRO depth, entry index, shared keys
//!   length;
//! - `LOAD_METHOD_WITH_DICT`, `LOAD_METHOD_NO_DICT`: type version, MRO depth, entry index.

use bytecode::Opcode;

use super::{adaptive_due, miss, settle};
use crate::interp::Vm;
use crate::objects::{Code, InstanceObj, MemberObj, ModuleObj, TypeObject};
use crate::value::Value;
use crate::PyResult;

/// Names `get_attr` answers from an object's structure rather than its dicts.
/// Name `oparg` of `code` with its hash, unless it is one the attribute forms leave
/// alone (`is_structural`) or not plain text.
fn specializable_name(code: &Code, oparg: u32) -> Option<(&Value, &str, i64)> {
    let name_val = code.names.get(oparg as usize)?;
    let key = name_val.as_pystr()?;
    let name = key.as_str()?;
    (!is_structural(name)).then_some((name_val, name, key.hash()))
}

fn is_structural(name: &str) -> bool {
    matches!(
        name,
        "__class__" | "__dict__" | "__name__" | "__qualname__" | "__mro__" | "__bases__"
    )
}

/// Where `name` is found along `t`'s MRO: (depth, entry index), depth 0 being `t`.
fn find_in_mro(t: &TypeObject, name: &str, hash: i64) -> Option<(usize, usize)> {
    if let Some(ix) = t.dict.borrow().index_of_str(name, hash) {
        return Some((0, ix));
    }
    t.mro.iter().enumerate().find_map(|(depth, base)| {
        let ix = base.as_type()?.dict.borrow().index_of_str(name, hash)?;
        Some((depth + 1, ix))
    })
}

/// The value cached as (depth, index) by [`find_in_mro`]; the caller has checked
/// the version tag, so the layout is the one seen then.
#[inline(always)]
fn value_in_mro(t: &TypeObject, depth: usize, ix: usize) -> Option<Value> {
    let v = if depth == 0 {
        t.dict.borrow().value_at_ref(ix).cloned()
    } else {
        let base = t.mro.get(depth - 1)?.as_type()?;
        let v = base.dict.borrow().value_at_ref(ix).cloned();
        v
    };
    v.filter(|v| !v.is_null())
}

/// For an instance of another class than the one a values form specialized for
/// (a base-class method called on instances of several subclasses): whether the
/// cached slot means `name` in this class's keys too and nothing on the class can
/// intercept the attribute (see [`Vm::is_plain_class`], computed on a miss).
#[inline(always)]
fn same_slot_in_plain_class(t: &TypeObject, ix: usize, name: &Value) -> bool {
    let (seen, plain) = t.plain.get();
    plain && seen != 0 && seen == t.tag.get() && t.shared_keys.name_is(ix, name)
}

/// Packs an index into a cache slot.
fn slot(ix: usize) -> Option<u32> {
    u32::try_from(ix).ok()
}

impl Vm {
    pub(crate) fn load_attr_generic(&mut self, code: &Code, oparg: u32) -> PyResult<()> {
        let obj = self.pop();
        let v = self.get_attr(&obj, &code.names[oparg as usize])?;
        self.push(v);
        Ok(())
    }

    pub(crate) fn load_method_generic(&mut self, code: &Code, oparg: u32) -> PyResult<()> {
        self.op_load_method(&code.names[oparg as usize])
    }

    pub(crate) fn store_attr_generic(&mut self, code: &Code, oparg: u32) -> PyResult<()> {
        let obj = self.pop();
        let v = self.pop();
        self.set_attr(&obj, &code.names[oparg as usize], v)
    }

    /// The version of `obj`'s type when `obj` is a plain instance.
    fn instance_type_version(&self, obj: &Value) -> Option<u32> {
        obj.as_instance()?;
        // A Python `__getattribute__` sees every lookup: nothing to specialize.
        if self.python_getattribute(obj).is_some() {
            return None;
        }
        let v = self.type_of(obj).as_type()?.version();
        (v != 0).then_some(v)
    }

    /// Whether nothing along `t`'s MRO intercepts instance attributes: no property
    /// and no Python `__setattr__`, so any name is read from and written to the
    /// instance directly. Cached in `t.plain` for the current version.
    fn is_plain_class(&self, t: &TypeObject) -> bool {
        let version = t.version();
        if version == 0 {
            return false;
        }
        let (seen, plain) = t.plain.get();
        if seen == version {
            return plain;
        }
        let intercepts = |ty: &TypeObject| {
            ty.dict.borrow().iter().any(|(k, v)| {
                self.is_data_descriptor(v)
                    || (matches!(k.as_str(), Some("__setattr__" | "__getattribute__"))
                        && v.as_function().is_some())
            })
        };
        // Without a dict, names outside `__slots__` cannot be stored at all.
        let plain = t.instance_layout.dict
            && !intercepts(t)
            && t.mro
                .iter()
                .filter_map(|b| b.as_type())
                .all(|b| !intercepts(b));
        t.plain.set((version, plain));
        plain
    }

    /// A values form missed on `obj`: when it is an instance of another class, work
    /// out whether that class is plain, so the next instance of it can hit.
    #[cold]
    fn note_instance_class(&self) {
        if let Some(obj) = self.stack.last().filter(|o| o.is_kind::<InstanceObj>()) {
            if let Some(t) = self.type_of(obj).as_type() {
                self.is_plain_class(t);
            }
        }
    }

    /// Whether `name` found on a type is a data descriptor, which the instance forms
    /// cannot bypass.
    fn type_attr_blocks_instance(&self, ty: &TypeObject, name: &str, hash: i64) -> bool {
        match find_in_mro(ty, name, hash).and_then(|(d, ix)| value_in_mro(ty, d, ix)) {
            Some(attr) => self.is_data_descriptor(&attr),
            None => false,
        }
    }

    /// Whether a class attribute intercepts reads and writes of the instance
    /// attribute of the same name: a property, a `__slots__` member, or an instance of
    /// a user class defining `__set__` or `__delete__`.
    fn is_data_descriptor(&self, attr: &Value) -> bool {
        self.type_of(attr).is(&self.types.property)
            || attr.is_kind::<MemberObj>()
            || (attr.is_kind::<InstanceObj>() && self.user_descriptor(attr).is_data())
    }

    /// The member index of `name` when it is a `__slots__` member of `ty`'s instances.
    fn member_index(ty: &TypeObject, name: &str, hash: i64) -> Option<u32> {
        let (depth, ix) = find_in_mro(ty, name, hash)?;
        let v = value_in_mro(ty, depth, ix)?;
        slot(v.downcast::<MemberObj>()?.index)
    }

    /// `LOAD_ATTR_SLOT`: a set member of an instance whose type has the cached
    /// version; anything else (unset, another type) goes the generic way.
    pub(crate) fn load_attr_slot(&mut self, code: &Code, at: usize, oparg: u32) -> PyResult<()> {
        let found = self.stack.last().and_then(|obj| {
            let t = self.type_of(obj).as_type()?;
            if t.tag.get() != code.cache(at + 2) {
                return None;
            }
            obj.downcast::<InstanceObj>()?
                .member(code.cache(at + 3) as usize)
        });
        match found {
            Some(v) => {
                if let Some(top) = self.stack.last_mut() {
                    *top = v;
                }
                Ok(())
            }
            None => {
                miss(code, at);
                self.load_attr_generic(code, oparg)
            }
        }
    }

    /// `STORE_ATTR_SLOT`: stores into the cached member of an instance whose type has
    /// the cached version.
    pub(crate) fn store_attr_slot(&mut self, code: &Code, at: usize, oparg: u32) -> PyResult<()> {
        if self.store_guard(code, at) {
            let obj = self.pop();
            let value = self.pop();
            if let Some(inst) = obj.downcast::<InstanceObj>() {
                let old = inst.set_member(code.cache(at + 3) as usize, value);
                // Released after the store (a finalizer may read the instance).
                drop(old);
            }
            drop(obj);
            return Ok(());
        }
        miss(code, at);
        self.store_attr_generic(code, oparg)
    }

    pub(crate) fn load_attr_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        if adaptive_due(code, Opcode::LOAD_ATTR_ADAPTIVE, at) {
            settle(
                code,
                at,
                Opcode::LOAD_ATTR_ADAPTIVE,
                self.choose_load_attr(code, at, oparg),
            );
        }
        self.load_attr_generic(code, oparg)
    }

    fn choose_load_attr(&self, code: &Code, at: usize, oparg: u32) -> Option<Opcode> {
        let (_, name, hash) = specializable_name(code, oparg)?;
        let obj = self.stack.last()?;
        if let Some(ModuleObj { dict, .. }) = obj.downcast::<ModuleObj>() {
            let mut d = dict.as_dict()?.try_borrow_mut().ok()?;
            let ix = d.index_of_str(name, hash)?;
            let version = d.keys_version();
            if version == 0 {
                return None;
            }
            code.set_cache(at + 2, slot(ix)?);
            code.set_cache(at + 3, version);
            return Some(Opcode::LOAD_ATTR_MODULE);
        }
        if let Some(t) = obj.as_type() {
            // Plain attributes of a class whose metaclass is `type`; staticmethod
            // and classmethod wrappers (instances) are left to the generic path.
            if !self.type_of(obj).is(&self.types.type_) {
                return None;
            }
            let (depth, ix) = find_in_mro(t, name, hash)?;
            let v = value_in_mro(t, depth, ix)?;
            if v.is_kind::<InstanceObj>() {
                return None;
            }
            let version = t.version();
            if version == 0 {
                return None;
            }
            code.set_cache(at + 2, version);
            code.set_cache(at + 3, slot(depth)?);
            code.set_cache(at + 4, slot(ix)?);
            return Some(Opcode::LOAD_ATTR_CLASS);
        }
        let version = self.instance_type_version(obj)?;
        let (inst, keys) = obj.as_instance()?;
        let ty = self.type_of(obj).as_type()?;
        if let Some(ix) = Self::member_index(ty, name, hash) {
            code.set_cache(at + 2, version);
            code.set_cache(at + 3, ix);
            return Some(Opcode::LOAD_ATTR_SLOT);
        }
        if self.type_attr_blocks_instance(ty, name, hash) {
            return None;
        }
        let keys_len = if inst.has_values() {
            if let Some(ix) = keys.find(name, hash) {
                // In the keys but not set on this instance: another instance's
                // attribute, shadowing nothing here; left generic.
                inst.value_at(ix)?;
                code.set_cache(at + 2, version);
                code.set_cache(at + 3, slot(ix)?);
                return Some(Opcode::LOAD_ATTR_INSTANCE_VALUE);
            }
            slot(keys.len())?
        } else {
            if let Some(ix) = inst.with_dict(|d| d.borrow().index_of_str(name, hash))? {
                code.set_cache(at + 2, version);
                code.set_cache(at + 3, slot(ix)?);
                return Some(Opcode::LOAD_ATTR_WITH_HINT);
            }
            u32::MAX
        };
        // A class attribute read through the instance: only values that
        // `get_attr` hands back unchanged (no binding, no wrapper to unwrap).
        let (depth, ix) = find_in_mro(ty, name, hash)?;
        let v = value_in_mro(ty, depth, ix)?;
        let plain = v.as_function().is_none()
            && v.as_builtin().is_none()
            && !v.is_kind::<InstanceObj>()
            && !self.type_of(&v).is(&self.types.property);
        if !plain || depth > 0xff || ix > 0xff_ffff {
            return None;
        }
        code.set_cache(at + 2, version);
        code.set_cache(at + 3, slot(depth << 24 | ix)?);
        code.set_cache(at + 4, keys_len);
        Some(Opcode::LOAD_ATTR_INSTANCE_CLASS)
    }

    /// `LOAD_ATTR_INSTANCE_VALUE`, `LOAD_ATTR_WITH_HINT`, `LOAD_ATTR_MODULE`,
    /// `LOAD_ATTR_CLASS` and `LOAD_ATTR_INSTANCE_CLASS`.
    #[inline(always)]
    pub(crate) fn load_attr_specialized(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
        op: Opcode,
    ) -> PyResult<()> {
        let found = match self.stack.last() {
            Some(obj) => self.attr_hit(code, at, obj, oparg, op),
            None => None,
        };
        match found {
            Some(v) => {
                if let Some(top) = self.stack.last_mut() {
                    *top = v;
                }
                Ok(())
            }
            None => {
                if op == Opcode::LOAD_ATTR_INSTANCE_VALUE {
                    self.note_instance_class();
                }
                miss(code, at);
                self.load_attr_generic(code, oparg)
            }
        }
    }

    /// The attribute a specialized `LOAD_ATTR` form at `at` finds on `obj` when its
    /// guards hold; `None` is a miss.
    #[inline(always)]
    pub(crate) fn attr_hit(
        &self,
        code: &Code,
        at: usize,
        obj: &Value,
        oparg: u32,
        op: Opcode,
    ) -> Option<Value> {
        match op {
            Opcode::LOAD_ATTR_INSTANCE_VALUE => {
                self.instance_value(code, at, obj, &code.names[oparg as usize])
            }
            Opcode::LOAD_ATTR_WITH_HINT => {
                self.instance_dict_attr(code, at, obj, &code.names[oparg as usize])
            }
            Opcode::LOAD_ATTR_MODULE => module_attr(code, at, obj),
            Opcode::LOAD_ATTR_INSTANCE_CLASS => {
                self.class_attr_via_instance(code, at, obj, &code.names[oparg as usize])
            }
            _ => obj
                .as_type()
                .filter(|t| t.tag.get() == code.cache(at + 2))
                .and_then(|t| {
                    value_in_mro(t, code.cache(at + 3) as usize, code.cache(at + 4) as usize)
                }),
        }
    }

    /// What a specialized `LOAD_METHOD` form at `at` pushes for `obj` when its guards
    /// hold: `(method, NULL)` (the object stays, as `self`) or `(NULL, attribute)`
    /// (a module's); `None` is a miss.
    #[inline(always)]
    pub(crate) fn method_hit(
        &self,
        code: &Code,
        at: usize,
        obj: &Value,
        oparg: u32,
        op: Opcode,
    ) -> Option<(Value, Value)> {
        if op == Opcode::LOAD_METHOD_MODULE {
            module_attr(code, at, obj).map(|v| (Value::NULL, v))
        } else {
            self.method_on_type(code, at, obj, op, &code.names[oparg as usize])
        }
    }

    /// An instance attribute at the shared-keys slot in `at + 3`: of the class the
    /// site specialized for, or of another plain class with the name at that slot.
    #[inline(always)]
    fn instance_value(&self, code: &Code, at: usize, obj: &Value, name: &Value) -> Option<Value> {
        let inst = obj.downcast::<InstanceObj>()?;
        let t = self.type_of(obj).as_type()?;
        let ix = code.cache(at + 3) as usize;
        if t.tag.get() != code.cache(at + 2) && !same_slot_in_plain_class(t, ix, name) {
            return None;
        }
        inst.value_at(ix)
    }

    /// An attribute of an instance with a dict, through the hint in slot `at + 3`
    /// (refreshed when the attribute sits elsewhere in this instance's dict).
    #[inline(always)]
    fn instance_dict_attr(
        &self,
        code: &Code,
        at: usize,
        obj: &Value,
        name: &Value,
    ) -> Option<Value> {
        let inst = obj.downcast::<InstanceObj>()?;
        if self.type_of(obj).as_type()?.tag.get() != code.cache(at + 2) {
            return None;
        }
        inst.with_dict(|d| {
            let d = d.borrow();
            if let Some(v) = d.value_if_key_at(code.cache(at + 3) as usize, name) {
                return Some(v.clone());
            }
            let key = name.as_pystr()?;
            let ix = d.index_of_str(key.as_str()?, key.hash())?;
            code.set_cache(at + 3, slot(ix)?);
            d.value_at_ref(ix).cloned()
        })?
    }

    /// A plain class attribute through an instance that cannot shadow it.
    #[inline(always)]
    fn class_attr_via_instance(
        &self,
        code: &Code,
        at: usize,
        obj: &Value,
        name: &Value,
    ) -> Option<Value> {
        let (inst, keys) = obj.as_instance()?;
        let t = self.type_of(obj).as_type()?;
        if t.tag.get() != code.cache(at + 2) {
            return None;
        }
        if inst.has_values() {
            if keys.len() as u32 != code.cache(at + 4) {
                return None;
            }
        } else {
            let key = name.as_pystr()?;
            if inst.get(keys, key.as_str()?, key.hash()).is_some() {
                return None;
            }
        }
        let packed = code.cache(at + 3) as usize;
        value_in_mro(t, packed >> 24, packed & 0xff_ffff)
    }

    pub(crate) fn load_method_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        if adaptive_due(code, Opcode::LOAD_METHOD_ADAPTIVE, at) {
            settle(
                code,
                at,
                Opcode::LOAD_METHOD_ADAPTIVE,
                self.choose_load_method(code, at, oparg),
            );
        }
        self.load_method_generic(code, oparg)
    }

    fn choose_load_method(&self, code: &Code, at: usize, oparg: u32) -> Option<Opcode> {
        let key = code.names.get(oparg as usize)?.as_pystr()?;
        let (name, hash) = (key.as_str()?, key.hash());
        let obj = self.stack.last()?;
        if let Some(ModuleObj { dict, .. }) = obj.downcast::<ModuleObj>() {
            if is_structural(name) {
                return None;
            }
            let mut d = dict.as_dict()?.try_borrow_mut().ok()?;
            let ix = d.index_of_str(name, hash)?;
            let version = d.keys_version();
            if version == 0 {
                return None;
            }
            code.set_cache(at + 2, slot(ix)?);
            code.set_cache(at + 3, version);
            return Some(Opcode::LOAD_METHOD_MODULE);
        }
        if obj.as_type().is_some()
            || obj.as_exception().is_some()
            || obj.is_kind::<crate::objects::SuperObj>()
        {
            return None;
        }
        if self.python_getattribute(obj).is_some() {
            return None;
        }
        let ty = self.type_of(obj).as_type()?;
        let (depth, ix) = find_in_mro(ty, name, hash)?;
        let method = value_in_mro(ty, depth, ix)?;
        if !Vm::is_method_descriptor(&method) {
            return None;
        }
        let op = match obj.as_instance() {
            Some((inst, keys)) if inst.has_values() => {
                // CPython 3.11's LOAD_METHOD_WITH_VALUES: the shared keys must not
                // know the name, so no instance of the class can shadow the method.
                if keys.find(name, hash).is_some() {
                    return None;
                }
                code.set_cache(at + 5, slot(keys.len())?);
                Opcode::LOAD_METHOD_WITH_VALUES
            }
            Some((inst, keys)) => {
                if inst.get(keys, name, hash).is_some() {
                    return None;
                }
                Opcode::LOAD_METHOD_WITH_DICT
            }
            None => Opcode::LOAD_METHOD_NO_DICT,
        };
        let version = ty.version();
        if version == 0 {
            return None;
        }
        code.set_cache(at + 2, version);
        code.set_cache(at + 3, slot(depth)?);
        code.set_cache(at + 4, slot(ix)?);
        Some(op)
    }

    /// `LOAD_METHOD_WITH_VALUES`, `LOAD_METHOD_WITH_DICT`, `LOAD_METHOD_NO_DICT` and
    /// `LOAD_METHOD_MODULE`.
    #[inline(always)]
    pub(crate) fn load_method_specialized(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
        op: Opcode,
    ) -> PyResult<()> {
        let found = match self.stack.last() {
            Some(obj) => self.method_hit(code, at, obj, oparg, op),
            None => None,
        };
        match found {
            Some((first, second)) => {
                // `method, self` (the object stays on top) or `NULL, attribute`.
                let len = self.stack.len();
                if first.is_null() {
                    self.stack[len - 1] = first;
                    self.stack.push(second);
                } else {
                    let obj = std::mem::replace(&mut self.stack[len - 1], first);
                    self.stack.push(obj);
                }
                Ok(())
            }
            None => {
                miss(code, at);
                self.load_method_generic(code, oparg)
            }
        }
    }

    /// The method cached for `obj`'s type, with an unused NULL placeholder.
    #[inline(always)]
    fn method_on_type(
        &self,
        code: &Code,
        at: usize,
        obj: &Value,
        op: Opcode,
        name: &Value,
    ) -> Option<(Value, Value)> {
        let t = self.type_of(obj).as_type()?;
        if t.tag.get() != code.cache(at + 2) {
            return None;
        }
        match (op, obj.as_instance()) {
            (Opcode::LOAD_METHOD_WITH_VALUES, Some((inst, keys))) => {
                if !inst.has_values() || keys.len() as u32 != code.cache(at + 5) {
                    return None;
                }
            }
            (Opcode::LOAD_METHOD_WITH_DICT, Some((inst, keys))) => {
                let key = name.as_pystr()?;
                if inst.has_values() || inst.get(keys, key.as_str()?, key.hash()).is_some() {
                    return None;
                }
            }
            (Opcode::LOAD_METHOD_NO_DICT, None) if obj.as_exception().is_none() => {}
            _ => return None,
        }
        let m = value_in_mro(t, code.cache(at + 3) as usize, code.cache(at + 4) as usize)?;
        Some((m, Value::NULL))
    }

    pub(crate) fn store_attr_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        if adaptive_due(code, Opcode::STORE_ATTR_ADAPTIVE, at) {
            settle(
                code,
                at,
                Opcode::STORE_ATTR_ADAPTIVE,
                self.choose_store_attr(code, at, oparg),
            );
        }
        self.store_attr_generic(code, oparg)
    }

    fn choose_store_attr(&self, code: &Code, at: usize, oparg: u32) -> Option<Opcode> {
        let (name_val, name, hash) = specializable_name(code, oparg)?;
        let obj = self.stack.last()?;
        let version = self.instance_type_version(obj)?;
        let (inst, keys) = obj.as_instance()?;
        let ty = self.type_of(obj).as_type()?;
        if self.type_attr_blocks_instance(ty, name, hash)
            && Self::member_index(ty, name, hash).is_none()
        {
            return None;
        }
        let setattr_hash = crate::objects::str::hash_str("__setattr__");
        let custom_setattr = find_in_mro(ty, "__setattr__", setattr_hash)
            .and_then(|(d, ix)| value_in_mro(ty, d, ix))
            .is_some_and(|f| f.as_function().is_some());
        if custom_setattr {
            return None;
        }
        code.set_cache(at + 2, version);
        if let Some(ix) = Self::member_index(ty, name, hash) {
            code.set_cache(at + 3, ix);
            return Some(Opcode::STORE_ATTR_SLOT);
        }
        if !ty.instance_layout.dict {
            // Only members can be stored: the generic path raises.
            return None;
        }
        if inst.has_values() {
            // The generic store that follows would add the name anyway.
            let ix = keys.slot_for(name_val, hash)?;
            code.set_cache(at + 3, slot(ix)?);
            return Some(Opcode::STORE_ATTR_INSTANCE_VALUE);
        }
        let hint = inst
            .with_dict(|d| d.borrow().index_of_str(name, hash))?
            .unwrap_or(0);
        code.set_cache(at + 3, slot(hint)?);
        Some(Opcode::STORE_ATTR_WITH_HINT)
    }

    /// Whether `obj` is a plain instance of the type whose version is in `at + 2`.
    #[inline(always)]
    fn store_guard(&self, code: &Code, at: usize) -> bool {
        match self.stack.last() {
            Some(obj) => {
                obj.is_kind::<InstanceObj>()
                    && self
                        .type_of(obj)
                        .as_type()
                        .is_some_and(|t| t.tag.get() == code.cache(at + 2))
            }
            None => false,
        }
    }

    /// [`Vm::store_guard`] for `STORE_ATTR_INSTANCE_VALUE`, which also accepts an
    /// instance of another plain class with `name` at the cached slot.
    #[inline(always)]
    pub(crate) fn store_values_guard(
        &self,
        code: &Code,
        at: usize,
        obj: &Value,
        name: &Value,
    ) -> bool {
        if !obj.is_kind::<InstanceObj>() {
            return false;
        }
        self.type_of(obj).as_type().is_some_and(|t| {
            t.tag.get() == code.cache(at + 2)
                || same_slot_in_plain_class(t, code.cache(at + 3) as usize, name)
        })
    }

    /// `STORE_ATTR_INSTANCE_VALUE`: stores into the shared-keys slot in `at + 3`
    /// (a new attribute, as in `__init__`, or a replaced one).
    #[inline(always)]
    pub(crate) fn store_attr_instance(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        let hit = self
            .stack
            .last()
            .is_some_and(|obj| self.store_values_guard(code, at, obj, &code.names[oparg as usize]));
        if !hit {
            self.note_instance_class();
            miss(code, at);
            return self.store_attr_generic(code, oparg);
        }
        let obj = self.pop();
        let value = self.pop();
        let Some(inst) = obj.downcast::<InstanceObj>() else {
            return Ok(());
        };
        match inst.store_at(code.cache(at + 3) as usize, value) {
            // Dropped after the store: a finalizer may touch the instance.
            Ok(old) => drop(old),
            Err(value) => {
                // The instance has a dict by now.
                miss(code, at);
                return self.set_attr(&obj, &code.names[oparg as usize], value);
            }
        }
        Ok(())
    }

    /// `STORE_ATTR_WITH_HINT`: replaces the value at the hinted entry of the
    /// instance dict, or inserts into it.
    #[inline(always)]
    pub(crate) fn store_attr_with_hint(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        let dict = match self.stack.last() {
            Some(obj) if self.store_guard(code, at) => {
                obj.downcast::<InstanceObj>().and_then(|i| i.dict_object())
            }
            _ => None,
        };
        let Some(dict) = dict else {
            miss(code, at);
            return self.store_attr_generic(code, oparg);
        };
        let _obj = self.pop();
        let value = self.pop();
        let name = &code.names[oparg as usize];
        let Some(d) = dict.as_dict() else {
            return Ok(());
        };
        let old = {
            let mut d = d.borrow_mut();
            match d.replace_if_key_at(code.cache(at + 3) as usize, name, value) {
                Ok(old) => Some(old),
                Err(value) => {
                    let hash = name.as_pystr().map_or(0, |s| s.hash());
                    let old = d.insert_replace(name.clone(), hash, value);
                    if let Some(ix) = name
                        .as_pystr()
                        .and_then(|k| d.index_of_str(k.as_str()?, hash))
                    {
                        code.set_cache(at + 3, slot(ix).unwrap_or(0));
                    }
                    old
                }
            }
        };
        // Dropped after the borrow: a finalizer may touch the instance.
        drop(old);
        Ok(())
    }
}

/// A module attribute through the cached entry index, when the module dict's keys
/// version still matches.
#[inline(always)]
fn module_attr(code: &Code, at: usize, obj: &Value) -> Option<Value> {
    let ModuleObj { dict, .. } = obj.downcast::<ModuleObj>()?;
    let d = dict.as_dict()?.borrow();
    if d.current_keys_version() != code.cache(at + 3) {
        return None;
    }
    d.value_at_ref(code.cache(at + 2) as usize)
        .filter(|v| !v.is_null())
        .cloned()
}
