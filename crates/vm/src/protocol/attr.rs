//! Attribute access: lookup along the MRO, instance dicts, method binding, and
//! `isinstance`/`issubclass`.

use crate::interp::Vm;
use crate::objects::{new_object, Builtin, MemberObj};
use crate::objects::{DictObj, Function, InstanceObj, Kind, MethodObj, ModuleObj, SuperObj};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// Finds `name` in `ty`'s dict or its MRO (`_PyType_Lookup`).
    pub fn type_lookup(&self, ty: &Value, name: &str) -> Option<Value> {
        self.type_lookup_hashed(ty, name, crate::objects::str::hash_str(name))
    }

    /// [`Vm::type_lookup`] with the name's hash known, so a walk down the MRO hashes
    /// nothing (attribute names are interned strs with a cached hash).
    pub fn type_lookup_hashed(&self, ty: &Value, name: &str, hash: i64) -> Option<Value> {
        let t = ty.as_type()?;
        if let Some(v) = t.dict.borrow().get_str_hashed(name, hash) {
            return Some(v.clone());
        }
        for base in &t.mro {
            if let Some(bt) = base.as_type() {
                if let Some(v) = bt.dict.borrow().get_str_hashed(name, hash) {
                    return Some(v.clone());
                }
            }
        }
        None
    }

    /// [`Vm::type_lookup`] through the attribute cache, for a str `name` object: a hit
    /// costs a version compare and an identity compare. Type versions are unique
    /// (see `TypeTag`), so a matching version is the same type with the same MRO dicts;
    /// entries hold their name alive, so its address is never reused while cached.
    pub(crate) fn type_lookup_cached(
        &mut self,
        ty: &Value,
        name: &Value,
        name_str: &str,
        hash: i64,
    ) -> Option<Value> {
        let t = ty.as_type()?;
        let version = t.tag.get();
        let slot = ((version as usize).wrapping_mul(0x9E37) ^ (name.id() >> 3) as usize)
            & (ATTR_CACHE_SIZE - 1);
        let e = &self.attr_cache[slot];
        if version != 0 && e.version == version && e.name.is(name) {
            return e.value.clone();
        }
        let value = self.type_lookup_hashed(ty, name_str, hash);
        let version = t.version();
        if version == 0 {
            return value;
        }
        let slot = ((version as usize).wrapping_mul(0x9E37) ^ (name.id() >> 3) as usize)
            & (ATTR_CACHE_SIZE - 1);
        let old = std::mem::replace(
            &mut self.attr_cache[slot],
            AttrCacheEntry {
                name: name.clone(),
                value: value.clone(),
                version,
            },
        );
        drop(old);
        value
    }

    /// [`Vm::type_lookup_cached`] for an interned str `name` (its hash is cached).
    pub(crate) fn type_lookup_interned(&mut self, ty: &Value, name: &Value) -> Option<Value> {
        let s = name.as_pystr()?;
        let (text, hash) = (s.as_str()?, s.hash());
        self.type_lookup_cached(ty, name, text, hash)
    }

    pub fn is_subclass(&self, sub: &Value, sup: &Value) -> bool {
        if sub.is(sup) {
            return true;
        }
        match sub.as_type() {
            Some(t) => t.mro.iter().any(|b| b.is(sup)),
            None => false,
        }
    }

    pub fn isinstance(&self, v: &Value, ty: &Value) -> bool {
        let t = self.type_of(v).clone();
        self.is_subclass(&t, ty)
    }

    /// Binds a function found on the type to `obj`.
    pub(crate) fn bind_method(&mut self, attr: Value, obj: &Value) -> Value {
        self.bind(attr, obj)
    }

    fn bind(&mut self, attr: Value, obj: &Value) -> Value {
        if attr.is_kind::<Function>() {
            return new_object(
                &self.types.method,
                MethodObj {
                    func: attr,
                    this: obj.clone(),
                },
            );
        }
        let unbound = attr
            .as_builtin()
            .filter(|b| b.is_method && b.this.is_null())
            .map(|b| (b.name, b.func));
        match unbound {
            Some((name, func)) => new_object(
                &self.types.builtin_function,
                Builtin {
                    name,
                    func,
                    this: obj.clone(),
                    is_method: true,
                },
            ),
            None => attr,
        }
    }

    /// `obj`'s own attribute `name` (`hash` its str hash): a plain instance's, or one
    /// in an exception's dict.
    #[inline(always)]
    fn own_attr(&self, obj: &Value, name: &str, hash: i64) -> Option<Value> {
        if let Some((inst, keys)) = obj.as_instance() {
            return inst.get(keys, name, hash);
        }
        exception_attr(obj, name, hash)
    }

    /// For `LOAD_METHOD`: the unbound function when `obj.name` is a method found on the
    /// type and not shadowed by the instance dict.
    pub(crate) fn lookup_method(&mut self, obj: &Value, name: &Value) -> Option<Value> {
        let key = name.as_pystr()?;
        let (name_str, hash) = (key.as_str()?, key.hash());
        if obj.as_type().is_some() || matches!(obj.kind(), Some(Kind::Module) | Some(Kind::Super)) {
            return None;
        }
        if self.python_getattribute_cached(obj).is_some() {
            return None;
        }
        let ty = self.type_of(obj).clone();
        let attr = self.type_lookup_cached(&ty, name, name_str, hash)?;
        if !Vm::is_method_descriptor(&attr) {
            return None;
        }
        if self.own_attr(obj, name_str, hash).is_some() {
            return None;
        }
        Some(attr)
    }

    pub fn get_attr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        if let Some(getattribute) = self.python_getattribute_cached(obj) {
            let bound = self.bind(getattribute, obj);
            return match self.call(&bound, std::slice::from_ref(name)) {
                Err(e) if self.isinstance(&e, &self.types.attribute_error.clone()) => {
                    // `__getattr__` answers what `__getattribute__` did not.
                    let ty = self.type_of(obj).clone();
                    match self.type_lookup(&ty, "__getattr__") {
                        Some(getattr) => {
                            let bound = self.bind(getattr, obj);
                            self.call(&bound, std::slice::from_ref(name))
                        }
                        None => Err(e),
                    }
                }
                r => r,
            };
        }
        self.generic_get_attr_with_getattr(obj, name)
    }

    /// A Python `__getattribute__` defined by the class of instance `obj`.
    pub(crate) fn python_getattribute(&self, obj: &Value) -> Option<Value> {
        if !obj.is_kind::<InstanceObj>() {
            return None;
        }
        let ty = self.type_of(obj);
        self.type_lookup_hashed(ty, "__getattribute__", getattribute_hash())
            .filter(|f| f.is_kind::<Function>())
    }

    /// [`Vm::python_getattribute`] through the attribute cache (every generic read
    /// of an instance asks).
    #[inline]
    fn python_getattribute_cached(&mut self, obj: &Value) -> Option<Value> {
        if !obj.is_kind::<InstanceObj>() {
            return None;
        }
        let t = self.type_of(obj).as_type()?;
        let (seen, hooked) = t.getattribute_hook.get();
        if seen != 0 && seen == t.tag.get() && !hooked {
            return None;
        }
        self.python_getattribute_lookup(obj)
    }

    /// [`Vm::python_getattribute_cached`] when the type's answer is not current.
    #[cold]
    #[inline(never)]
    fn python_getattribute_lookup(&mut self, obj: &Value) -> Option<Value> {
        let ty = self.type_of(obj).clone();
        let name = self.name_getattribute.clone();
        let found = self
            .type_lookup_cached(&ty, &name, "__getattribute__", getattribute_hash())
            .filter(|f| f.is_kind::<Function>());
        let t = ty.as_type()?;
        t.getattribute_hook.set((t.version(), found.is_some()));
        found
    }

    /// `object.__getattribute__`: the generic lookup, without `__getattr__`.
    pub fn generic_get_attr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        let (name_str, hash) = name
            .as_pystr()
            .and_then(|s| s.as_str().map(|t| (t, s.hash())))
            .unwrap_or_default();
        match self.get_attr_opt_hashed(obj, name_str, hash, Some(name))? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name_str)),
        }
    }

    /// The generic lookup, then the class's `__getattr__` for a missing name.
    fn generic_get_attr_with_getattr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        let (name_str, hash) = match name.as_pystr() {
            Some(s) => match s.as_str() {
                Some(t) => (t, s.hash()),
                // Attribute names are looked up as text; one with a lone surrogate
                // cannot have been stored (`set_attr` refuses it), so it is missing.
                None => {
                    let ty = self.type_of(obj).clone();
                    if let Some(getattr) = self.type_lookup(&ty, "__getattr__") {
                        let bound = self.bind(getattr, obj);
                        return self.call(&bound, std::slice::from_ref(name));
                    }
                    let shown = crate::objects::str::display_escaped(s);
                    return Err(self.no_attribute(obj, &shown));
                }
            },
            None => ("", 0),
        };
        let missing = match self.get_attr_opt_hashed(obj, name_str, hash, Some(name)) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => None,
            // A property or descriptor raising AttributeError is a miss too: the
            // class's `__getattr__` gets its turn, as in CPython.
            Err(e) if self.isinstance(&e, &self.types.attribute_error.clone()) => Some(e),
            Err(e) => return Err(e),
        };
        // Misses are common (`hasattr`, `getattr` with a default): the interned name
        // keeps this a cache probe, not a string hash.
        let ty = self.type_of(obj).clone();
        let getattr_name = self.name_getattr.clone();
        if let Some(getattr) = self.type_lookup_interned(&ty, &getattr_name) {
            let bound = self.bind(getattr, obj);
            return self.call(&bound, std::slice::from_ref(name));
        }
        Err(missing.unwrap_or_else(|| self.no_attribute(obj, name_str)))
    }

    pub fn no_attribute(&mut self, obj: &Value, name: &str) -> Value {
        let msg = if let Some(t) = obj.as_type() {
            format!("type object '{}' has no attribute '{name}'", t.name)
        } else if let Some(ModuleObj { name: m, .. }) = obj.downcast::<ModuleObj>() {
            format!("module '{m}' has no attribute '{name}'")
        } else {
            format!("'{}' object has no attribute '{name}'", self.type_name(obj))
        };
        self.attribute_error(&msg)
    }

    /// `getattr(obj, name)` returning `None` when the attribute does not exist.
    pub fn get_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        self.get_attr_opt_hashed(obj, name, crate::objects::str::hash_str(name), None)
    }

    /// [`Vm::get_attr_opt`] with `hash == hash_str(name)` already known, and the name's
    /// str object when there is one (then the type lookup goes through the cache).
    fn get_attr_opt_hashed(
        &mut self,
        obj: &Value,
        name: &str,
        hash: i64,
        name_val: Option<&Value>,
    ) -> PyResult<Option<Value>> {
        if obj.kind() == Some(Kind::WeakRef) {
            if let Some(target) = self.proxy_target(obj)? {
                return self.get_attr_opt_hashed(&target, name, hash, name_val);
            }
        }
        // Special attributes answered from the object's structure.
        match name {
            // Unless a class along the MRO defines `__class__` itself (a property, a
            // plain class attribute): then the usual lookup below answers.
            "__class__" => {
                let ty = self.type_of(obj).clone();
                let own = match name_val {
                    Some(n) => self.type_lookup_cached(&ty, n, name, hash),
                    None => self.type_lookup_hashed(&ty, name, hash),
                };
                if own.is_none() {
                    return Ok(Some(ty));
                }
            }
            "__dict__" => {
                if let Some((inst, keys)) = obj.as_instance() {
                    if !self.has_instance_dict(obj) {
                        return Ok(None);
                    }
                    return Ok(Some(inst.dict(keys, &self.types.dict)));
                }
                if let Some(e) = obj.as_exception() {
                    let snapshot = e.dict.borrow().clone();
                    return Ok(Some(new_object(
                        &self.types.dict,
                        DictObj(std::cell::RefCell::new(snapshot)),
                    )));
                }
            }
            _ => {}
        }
        if let Some(t) = obj.as_type() {
            match name {
                "__name__" | "__qualname__" => {
                    let n = t.name.clone();
                    return Ok(Some(self.new_str(&n)));
                }
                "__mro__" => {
                    let mut items = vec![obj.clone()];
                    items.extend(t.mro.iter().cloned());
                    return Ok(Some(self.new_tuple(items)));
                }
                "__bases__" => {
                    let b = t.bases.clone();
                    return Ok(Some(self.new_tuple(b)));
                }
                "__dict__" => return Ok(Some(self.new_mappingproxy(obj))),
                _ => {}
            }
            if let Some(v) = self.type_lookup_hashed(obj, name, hash) {
                // staticmethod/classmethod unwrap on class access too.
                if v.is_kind::<InstanceObj>() {
                    let vt = self.type_of(&v).clone();
                    if let Some(func) = v.instance_attr("__func__") {
                        if vt.is(&self.types.staticmethod) {
                            return Ok(Some(func));
                        }
                        if vt.is(&self.types.classmethod) {
                            return Ok(Some(new_object(
                                &self.types.method,
                                MethodObj {
                                    func,
                                    this: obj.clone(),
                                },
                            )));
                        }
                    }
                    if let Some(get) = self.user_descriptor(&v).get {
                        return self.call(&get, &[v, Value::NONE, obj.clone()]).map(Some);
                    }
                }
                return Ok(Some(v));
            }
            let meta = self.type_of(obj).clone();
            if let Some(v) = self.type_lookup_hashed(&meta, name, hash) {
                return Ok(Some(self.bind(v, obj)));
            }
            return Ok(None);
        }
        if obj.kind() == Some(Kind::GenericAlias) {
            return crate::objects::generic_alias::ga_getattr(self, obj, name);
        }
        if let Some(SuperObj { cls, obj: inner }) = obj.downcast::<SuperObj>() {
            let (cls, inner) = (cls.clone(), inner.clone());
            return Ok(self.super_getattr(&cls, &inner, name));
        } else if let Some(ModuleObj { dict, .. }) = obj.downcast::<ModuleObj>() {
            if name == "__dict__" {
                return Ok(Some(dict.clone()));
            }
            let found = dict
                .as_dict()
                .and_then(|d| d.borrow().get_str_hashed(name, hash).cloned());
            return Ok(found);
        } else if let Some(e) = obj.as_exception() {
            match name {
                "args" => return Ok(Some(e.args.borrow().clone())),
                "__cause__" => return Ok(Some(e.cause.borrow().clone())),
                "__context__" => return Ok(Some(e.context.borrow().clone())),
                "__suppress_context__" => return Ok(Some(Value::bool(e.suppress_context.get()))),
                "__traceback__" => return Ok(Some(Value::NONE)),
                "encoding" | "object" | "start" | "end" | "reason"
                    if self.unicode_error_kind(obj).is_some() =>
                {
                    let args = e.args.borrow().clone();
                    let items = args.as_tuple().unwrap_or(&[]);
                    if let Some(v) = crate::objects::codecs::unicode_error_attr(items, name) {
                        return Ok(Some(v));
                    }
                }
                "value" if self.isinstance(obj, &self.types.stop_iteration.clone()) => {
                    let args = e.args.borrow().clone();
                    return Ok(Some(
                        args.as_tuple()
                            .and_then(|t| t.first().cloned())
                            .unwrap_or(Value::NONE),
                    ));
                }
                _ => {}
            }
        } else if let Some(f) = obj.as_function() {
            if let Some(v) = f.dict_attr(name) {
                return Ok(Some(v));
            }
            match name {
                "__dict__" => {
                    if f.dict.borrow().is_null() {
                        let d = self.new_dict();
                        *f.dict.borrow_mut() = d;
                    }
                    return Ok(Some(f.dict.borrow().clone()));
                }
                "__doc__" => return Ok(Some(f.docstring())),
                "__globals__" => return Ok(Some(f.globals.clone())),
                "__kwdefaults__" => {
                    return Ok(Some(if f.kwdefaults.is_null() {
                        Value::NONE
                    } else {
                        f.kwdefaults.clone()
                    }))
                }
                "__closure__" => {
                    return Ok(Some(if f.closure.is_null() {
                        Value::NONE
                    } else {
                        f.closure.clone()
                    }))
                }
                "__name__" => {
                    let n = f.name.clone();
                    return Ok(Some(self.new_str(&n)));
                }
                "__qualname__" => {
                    let n = f.qualname.clone();
                    return Ok(Some(self.new_str(&n)));
                }
                "__module__" => return Ok(Some(f.module.clone())),
                "__defaults__" => {
                    return Ok(Some(if f.defaults.is_null() {
                        Value::NONE
                    } else {
                        f.defaults.clone()
                    }))
                }
                _ => {}
            }
        } else if let Some(v) = crate::objects::complex::complex_attr(obj, name) {
            return Ok(Some(v));
        } else if let Some(v) = crate::objects::member::member_attr(obj, name) {
            return Ok(Some(v));
        } else if let Some(v) = crate::objects::slice::slice_attr(obj, name) {
            return Ok(Some(v));
        } else if let Some(v) = crate::objects::range::range_attr(self, obj, name) {
            return Ok(Some(v));
        } else if let Some(b) = obj.as_builtin().filter(|_| name == "__name__") {
            return Ok(Some(self.new_str(b.name)));
        } else if let Some(MethodObj { func, this }) = obj.as_method() {
            match name {
                "__self__" => return Ok(Some(this.clone())),
                "__func__" => return Ok(Some(func.clone())),
                _ => {
                    let func = func.clone();
                    return self.get_attr_opt_hashed(&func, name, hash, name_val);
                }
            }
        }
        let ty = self.type_of(obj).clone();
        let type_attr = match name_val {
            Some(n) => self.type_lookup_cached(&ty, n, name, hash),
            None => self.type_lookup_hashed(&ty, name, hash),
        };
        // Data descriptors (properties, `__slots__` members) take precedence over the
        // instance dict.
        if let Some(attr) = &type_attr {
            if let Some(getter) = self.property_getter(attr) {
                return self.call(&getter, std::slice::from_ref(obj)).map(Some);
            }
            if let Some(m) = attr.downcast::<MemberObj>() {
                // An unset member is a missing attribute (`__getattr__` may answer).
                return match self.member_get(m, obj) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.isinstance(&e, &self.types.attribute_error.clone()) => Ok(None),
                    Err(e) => Err(e),
                };
            }
        }
        let descriptor = match &type_attr {
            Some(attr) if attr.is_kind::<InstanceObj>() => self.user_descriptor(attr),
            _ => UserDescriptor::default(),
        };
        if let (Some(get), true, Some(attr)) = (&descriptor.get, descriptor.is_data(), &type_attr) {
            return self.call_descriptor_get(get, attr, obj);
        }
        if let Some(v) = self.own_attr(obj, name, hash) {
            return Ok(Some(v));
        }
        if let (Some(get), Some(attr)) = (&descriptor.get, &type_attr) {
            return self.call_descriptor_get(get, attr, obj);
        }
        Ok(type_attr.map(|a| self.bind_for_instance(a, obj)))
    }

    /// `type(attr).__get__(attr, obj, type(obj))`. Its errors propagate as they are,
    /// as a property's do (CPython would still try `__getattr__` after an
    /// AttributeError; Coil does not yet).
    fn call_descriptor_get(
        &mut self,
        get: &Value,
        attr: &Value,
        obj: &Value,
    ) -> PyResult<Option<Value>> {
        let owner = self.type_of(obj).clone();
        self.call(get, &[attr.clone(), obj.clone(), owner])
            .map(Some)
    }

    /// The descriptor methods of `attr`'s class when it is a user class (builtin
    /// descriptors, properties and functions, are handled where they are found).
    pub(crate) fn user_descriptor(&self, attr: &Value) -> UserDescriptor {
        let ty = self.type_of(attr);
        if ty.as_type().is_none_or(|t| t.is_builtin()) {
            return UserDescriptor::default();
        }
        UserDescriptor {
            get: self.type_lookup(ty, "__get__"),
            set: self.type_lookup(ty, "__set__"),
            delete: self.type_lookup(ty, "__delete__"),
        }
    }

    fn bind_for_instance(&mut self, attr: Value, obj: &Value) -> Value {
        if attr.is_kind::<InstanceObj>() {
            // classmethod/staticmethod wrappers are instances of builtin marker types.
            let ty = self.type_of(&attr).clone();
            if let Some(func) = attr.instance_attr("__func__") {
                if ty.is(&self.types.staticmethod) {
                    return func;
                }
                if ty.is(&self.types.classmethod) {
                    let cls = self.type_of(obj).clone();
                    return new_object(&self.types.method, MethodObj { func, this: cls });
                }
            }
        }
        self.bind(attr, obj)
    }

    /// The getter of a `property` object.
    fn property_getter(&self, attr: &Value) -> Option<Value> {
        if !self.type_of(attr).is(&self.types.property) {
            return None;
        }
        attr.instance_attr("fget").filter(|f| !f.is_none())
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
        if obj.kind() == Some(Kind::WeakRef) {
            if let Some(target) = self.proxy_target(obj)? {
                return self.set_attr(&target, name, value);
            }
        }
        // A class's own `__setattr__` sees every store (it usually ends with
        // `object.__setattr__`, the generic store below).
        let ty = self.type_of(obj).clone();
        let setattr_name = self.name_setattr.clone();
        let found = self.type_lookup_cached(&ty, &setattr_name, "__setattr__", setattr_hash());
        if let Some(setattr) = found.filter(|f| f.is_kind::<Function>()) {
            let bound = self.bind(setattr, obj);
            return self.call(&bound, &[name.clone(), value]).map(|_| ());
        }
        self.generic_set_attr(obj, name, value)
    }

    /// `object.__setattr__`: data descriptors on the type, then the object's own
    /// storage.
    pub fn generic_set_attr(&mut self, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
        let (name_str, hash) = match name.as_pystr() {
            Some(s) => match s.as_str() {
                Some(t) => (t, s.hash()),
                None => return Err(self.surrogates_unsupported("an attribute name")),
            },
            None => ("", 0),
        };
        let ty = self.type_of(obj).clone();
        if let Some(attr) = self.type_lookup_cached(&ty, name, name_str, hash) {
            if let Some(m) = attr.downcast::<MemberObj>() {
                return self.member_set(m, obj, Some(value));
            }
            if attr.is_kind::<InstanceObj>() && obj.as_type().is_none() {
                let d = self.user_descriptor(&attr);
                if let Some(set) = d.set {
                    return self.call(&set, &[attr, obj.clone(), value]).map(|_| ());
                }
                if d.delete.is_some() {
                    return Err(self.attribute_error("__set__"));
                }
            }
            if self.type_of(&attr).is(&self.types.property) {
                let setter = attr.instance_attr("fset").filter(|f| !f.is_none());
                return match setter {
                    Some(s) => self.call(&s, &[obj.clone(), value]).map(|_| ()),
                    None => Err(self.attribute_error(&format!("can't set attribute '{name_str}'"))),
                };
            }
        } else if name_str == "__class__" {
            // `object.__class__`'s setter (nothing along the MRO overrides the name).
            return self.set_class(obj, value);
        }
        if let Some(t) = obj.as_type() {
            if t.is_builtin() {
                let msg = format!(
                    "cannot set '{name_str}' attribute of immutable type '{}'",
                    t.name
                );
                return Err(self.type_error(&msg));
            }
            let hash = self.hash(name)?;
            let old = t
                .dict
                .borrow_mut()
                .insert_replace(name.clone(), hash, value);
            t.modified();
            drop(old);
            return Ok(());
        }
        if let Some(ModuleObj { dict, .. }) = obj.downcast::<ModuleObj>() {
            let dict = dict.clone();
            return self.dict_set(&dict, name.clone(), value);
        }
        if let Some((inst, keys)) = obj.as_instance() {
            if !self.has_instance_dict(obj) {
                return Err(self.no_attribute(obj, name_str));
            }
            if name_str == "__dict__" {
                return self.set_instance_dict(inst, value);
            }
            let hash = self.hash(name)?;
            let old = inst.set(keys, &self.types.dict, name.clone(), hash, value);
            // Dropped after the store: a finalizer may touch the instance.
            drop(old);
            return Ok(());
        }
        if let Some(e) = obj.as_exception() {
            let hash = self.hash(name)?;
            let old = e
                .dict
                .borrow_mut()
                .insert_replace(name.clone(), hash, value);
            drop(old);
            return Ok(());
        }
        if let Some(f) = obj.as_function() {
            return self.set_function_attr(f, name_str, name, value);
        }
        if matches!(obj.kind(), Some(Kind::Slice | Kind::Range))
            && matches!(name_str, "start" | "stop" | "step")
        {
            return Err(self.attribute_error("readonly attribute"));
        }
        let msg = format!(
            "'{}' object has no attribute '{name_str}'",
            self.type_name(obj)
        );
        Err(self.attribute_error(&msg))
    }

    /// `obj.__class__ = value`. Only between user classes whose instances are laid out
    /// alike: both plain instances (`InstanceObj`) with the same `__slots__` members
    /// and the same dict/weakref flags. The instance's attributes move to its dict
    /// first (their slots belong to the old class's shared keys); specializations
    /// guard on the type version, so they miss on the object from now on.
    fn set_class(&mut self, obj: &Value, value: Value) -> PyResult<()> {
        if value.as_type().is_none() {
            let msg = format!(
                "__class__ must be set to a class, not '{}' object",
                self.type_name(&value)
            );
            return Err(self.type_error(&msg));
        }
        let old_ty = self.type_of(obj).clone();
        if !is_mutable_type(&old_ty) || !is_mutable_type(&value) {
            return Err(self.type_error(
                "__class__ assignment only supported for mutable types or ModuleType subclasses",
            ));
        }
        if !same_instance_layout(&old_ty, &value) || obj.as_instance().is_none() {
            let msg = format!(
                "__class__ assignment: '{}' object layout differs from '{}'",
                class_name(&value),
                class_name(&old_ty)
            );
            return Err(self.type_error(&msg));
        }
        if let Some((inst, keys)) = obj.as_instance() {
            inst.detach_from_keys(keys, &self.types.dict);
        }
        // SAFETY: both classes make plain instances with the same members and flags
        // (checked above), so the payload suits the new class; nothing borrowed from
        // the header is held across the call.
        let old = unsafe { crate::objects::heap::replace_object_type(obj, &value) };
        // Dropped last: the old class may die with it.
        drop(old);
        Ok(())
    }

    /// Whether instances of `obj`'s class have a `__dict__` (all but those whose
    /// classes all declare `__slots__` without `'__dict__'`).
    pub(crate) fn has_instance_dict(&self, obj: &Value) -> bool {
        self.type_of(obj)
            .as_type()
            .is_none_or(|t| t.instance_layout.dict)
    }

    /// A store on a function: into its `__dict__`, with CPython's checks for the
    /// special names.
    fn set_function_attr(
        &mut self,
        f: &crate::objects::Function,
        name_str: &str,
        name: &Value,
        value: Value,
    ) -> PyResult<()> {
        match name_str {
            "__name__" | "__qualname__" if value.as_pystr().is_none() => {
                let msg = format!("{name_str} must be set to a string object");
                return Err(self.type_error(&msg));
            }
            "__dict__" => {
                if !value.is_kind::<DictObj>() {
                    return Err(self.type_error("__dict__ must be set to a dictionary"));
                }
                let old = std::mem::replace(&mut *f.dict.borrow_mut(), value);
                drop(old);
                return Ok(());
            }
            "__defaults__" | "__kwdefaults__" | "__code__" | "__globals__" | "__closure__" => {
                let msg = format!("setting a function's {name_str} is not supported yet");
                return Err(self.type_error(&msg));
            }
            _ => {}
        }
        if let Some(ix) = crate::objects::function::ASSIGNABLE
            .iter()
            .position(|n| *n == name_str)
        {
            let old = std::mem::replace(&mut f.assigned.borrow_mut()[ix], value);
            drop(old);
            return Ok(());
        }
        if f.dict.borrow().is_null() {
            let d = self.new_dict();
            *f.dict.borrow_mut() = d;
        }
        let d = f.dict.borrow().clone();
        self.dict_set(&d, name.clone(), value)
    }

    /// `obj.__dict__ = value` on a plain instance: the dict becomes its storage.
    fn set_instance_dict(&mut self, inst: &InstanceObj, value: Value) -> PyResult<()> {
        if !value.is_kind::<DictObj>() {
            let msg = format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                self.type_name(&value)
            );
            return Err(self.type_error(&msg));
        }
        let old = inst.replace_dict(value);
        drop(old);
        Ok(())
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Value) -> PyResult<()> {
        let ty = self.type_of(obj).clone();
        if let Some(delattr) = self
            .type_lookup(&ty, "__delattr__")
            .filter(|f| f.is_kind::<Function>())
        {
            let bound = self.bind(delattr, obj);
            return self.call(&bound, std::slice::from_ref(name)).map(|_| ());
        }
        self.generic_del_attr(obj, name)
    }

    /// `object.__delattr__`: data descriptors on the type, then the object's storage.
    pub fn generic_del_attr(&mut self, obj: &Value, name: &Value) -> PyResult<()> {
        let name_str = name.as_str().unwrap_or("");
        let hash = self.hash(name)?;
        if name_str == "__class__" {
            let ty = self.type_of(obj).clone();
            if self.type_lookup_cached(&ty, name, name_str, hash).is_none() {
                return Err(self.type_error("can't delete __class__ attribute"));
            }
        }
        if obj.as_instance().is_some() {
            let ty = self.type_of(obj).clone();
            if let Some(attr) = self.type_lookup_cached(&ty, name, name_str, hash) {
                if let Some(m) = attr.downcast::<MemberObj>() {
                    return self.member_set(m, obj, None);
                }
                if attr.is_kind::<InstanceObj>() {
                    let d = self.user_descriptor(&attr);
                    if let Some(delete) = d.delete {
                        return self.call(&delete, &[attr, obj.clone()]).map(|_| ());
                    }
                    if d.set.is_some() {
                        return Err(self.attribute_error("__delete__"));
                    }
                }
            }
            if !self.has_instance_dict(obj) {
                return Err(self.no_attribute(obj, name_str));
            }
        }
        let removed = if let Some(t) = obj.as_type() {
            t.modified();
            t.dict.borrow_mut().remove(name, hash)
        } else if let Some((inst, keys)) = obj.as_instance() {
            if name_str == "__dict__" {
                // CPython 3.11: the instance starts over with a fresh, empty dict.
                let old = inst.replace_dict(Value::NULL);
                drop(old);
                return Ok(());
            }
            inst.remove(keys, name, hash)
        } else if let Some(e) = obj.as_exception() {
            let removed = e.dict.borrow_mut().remove(name, hash);
            removed
        } else if let Some(ModuleObj { dict, .. }) = obj.downcast::<ModuleObj>() {
            let dict = dict.clone();
            self.dict_remove(&dict, name)?
        } else if let Some(f) = obj.as_function() {
            let dict = f.dict.borrow().clone();
            if dict.is_null() {
                None
            } else {
                self.dict_remove(&dict, name)?
            }
        } else {
            None
        };
        match removed {
            Some(_) => Ok(()),
            None => Err(self.no_attribute(obj, name_str)),
        }
    }
}

/// The descriptor methods a user class defines (`__get__`, `__set__`, `__delete__`).
#[derive(Default)]
pub(crate) struct UserDescriptor {
    pub get: Option<Value>,
    pub set: Option<Value>,
    pub delete: Option<Value>,
}

impl UserDescriptor {
    /// A data descriptor (CPython's `PyDescr_IsData`): it defines `__set__` or
    /// `__delete__`, and so takes precedence over the instance dict.
    pub fn is_data(&self) -> bool {
        self.set.is_some() || self.delete.is_some()
    }
}

/// An attribute in an exception's dict (kept apart so the instance path stays small).
#[inline(never)]
fn exception_attr(obj: &Value, name: &str, hash: i64) -> Option<Value> {
    let e = obj.as_exception()?;
    let found = e.dict.borrow().get_str_hashed(name, hash).cloned();
    found
}

/// `hash("__getattribute__")`, computed once.
fn getattribute_hash() -> i64 {
    static HASH: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| crate::objects::str::hash_str("__getattribute__"))
}

/// `hash("__setattr__")`, computed once: every attribute store looks it up.
fn setattr_hash() -> i64 {
    static HASH: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| crate::objects::str::hash_str("__setattr__"))
}

const ATTR_CACHE_SIZE: usize = 1024;

/// One slot of the type-attribute cache: `type_lookup(ty, name)` was `value` for the
/// type whose version tag is `version`.
pub(crate) struct AttrCacheEntry {
    name: Value,
    value: Option<Value>,
    version: u32,
}

/// An empty cache (version 0 is never assigned, so no slot matches).
pub(crate) fn new_attr_cache() -> Vec<AttrCacheEntry> {
    (0..ATTR_CACHE_SIZE)
        .map(|_| AttrCacheEntry {
            name: Value::NULL,
            value: None,
            version: 0,
        })
        .collect()
}

/// The `__name__` of class `ty`.
fn class_name(ty: &Value) -> String {
    ty.as_type().map(|t| t.name.to_string()).unwrap_or_default()
}

/// Whether `ty` is a class made by a class statement or `type(...)` (CPython's heap
/// types): not a builtin type, and with a metaclass in its header (natively made
/// types have none).
fn is_mutable_type(ty: &Value) -> bool {
    ty.as_type().is_some_and(|t| !t.is_builtin()) && ty.header().is_some_and(|h| !h.ty.is_null())
}

/// Whether instances of the classes `a` and `b` are both plain instances with the
/// same `__slots__` members (by name, in order) and the same dict/weakref flags.
fn same_instance_layout(a: &Value, b: &Value) -> bool {
    use crate::objects::typeobj::Layout;
    let (Some(ta), Some(tb)) = (a.as_type(), b.as_type()) else {
        return false;
    };
    ta.layout == Layout::Object
        && tb.layout == Layout::Object
        && ta.instance_layout == tb.instance_layout
        && member_names(a) == member_names(b)
}

/// The names of the `__slots__` members of `ty`'s instances, by member index.
fn member_names(ty: &Value) -> Vec<String> {
    let Some(t) = ty.as_type() else {
        return Vec::new();
    };
    let mut names = vec![String::new(); t.instance_layout.members];
    let mut visit = |d: &crate::objects::Dict| {
        for (_, v) in d.iter() {
            if let Some(m) = v.downcast::<MemberObj>() {
                if let Some(slot) = names.get_mut(m.index) {
                    if slot.is_empty() {
                        *slot = m.name.as_str().unwrap_or("").to_string();
                    }
                }
            }
        }
    };
    visit(&t.dict.borrow());
    for base in &t.mro {
        if let Some(bt) = base.as_type() {
            visit(&bt.dict.borrow());
        }
    }
    names
}
