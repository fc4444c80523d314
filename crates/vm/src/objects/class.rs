//! User-defined classes: `type(name, bases, ns)`, calling a class (allocation by
//! layout then `__init__`), the slot wrappers that route protocols to Python dunders,
//! and `super()`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::interp::Vm;
use crate::objects::instance::new_instance;
use crate::objects::typeobj::{c3_mro, BinOp, CompareOp, Layout, Slots, TypeObject};
use crate::objects::{new_object, Dict, Trace};
use crate::objects::{Function, MethodObj};
use crate::value::Value;
use crate::PyResult;

/// Calls the dunder `name` found on `v`'s type with `v` and `args`.
fn call_dunder(vm: &mut Vm, v: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let ty = vm.type_of(v).clone();
    let Some(f) = vm.type_lookup(&ty, name) else {
        return Ok(None);
    };
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(v.clone());
    full.extend_from_slice(args);
    vm.call(&f, &full).map(Some)
}

fn slot_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match call_dunder(vm, v, "__repr__", &[])? {
        Some(r) => Ok(r),
        None => {
            let s = vm.default_repr(v);
            Ok(vm.new_str(&s))
        }
    }
}

fn slot_str(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match call_dunder(vm, v, "__str__", &[])? {
        Some(r) => Ok(r),
        None => vm.repr_value(v),
    }
}

fn slot_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match call_dunder(vm, v, "__hash__", &[])? {
        Some(r) => match vm.to_i64(&r)? {
            Some(h) => Ok(if h == -1 { -2 } else { h }),
            None => Err(vm.type_error("__hash__ method should return an integer")),
        },
        None => Ok((v.id() >> 4) as i64),
    }
}

fn identity_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok((v.id() >> 4) as i64)
}

fn slot_len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let r = call_dunder(vm, v, "__len__", &[])?.unwrap_or(Value::NONE);
    match vm.to_i64(&r)? {
        Some(n) if n >= 0 => Ok(n as usize),
        Some(_) => Err(vm.value_error("__len__() should return >= 0")),
        None => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&r)
            );
            Err(vm.type_error(&msg))
        }
    }
}

fn slot_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    Ok(call_dunder(vm, v, "__getitem__", std::slice::from_ref(key))?.unwrap_or(Value::NONE))
}

fn slot_setitem(vm: &mut Vm, v: &Value, key: &Value, value: Value) -> PyResult<()> {
    call_dunder(vm, v, "__setitem__", &[key.clone(), value]).map(|_| ())
}

fn slot_delitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<()> {
    call_dunder(vm, v, "__delitem__", std::slice::from_ref(key)).map(|_| ())
}

fn slot_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(call_dunder(vm, v, "__iter__", &[])?.unwrap_or(Value::NONE))
}

/// `__next__`: StopIteration from Python code means exhaustion.
fn slot_next(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    match call_dunder(vm, v, "__next__", &[]) {
        Ok(r) => Ok(r),
        Err(e) => {
            let stop = vm.types.stop_iteration.clone();
            if vm.isinstance(&e, &stop) {
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

fn slot_call(vm: &mut Vm, v: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let ty = vm.type_of(v).clone();
    let Some(f) = vm.type_lookup(&ty, "__call__") else {
        let msg = format!("'{}' object is not callable", vm.type_name(v));
        return Err(vm.type_error(&msg));
    };
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(v.clone());
    full.extend_from_slice(args);
    vm.call_with_kw(&f, &full, kwnames)
}

fn slot_richcompare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let ty = vm.type_of(a).clone();
    if let Some(f) = vm.type_lookup(&ty, op.dunder()) {
        return vm.call(&f, &[a.clone(), b.clone()]);
    }
    if op == CompareOp::Ne {
        // Default __ne__ inverts __eq__.
        if let Some(f) = vm.type_lookup(&ty, "__eq__") {
            let r = vm.call(&f, &[a.clone(), b.clone()])?;
            if r.is(&Value::NOT_IMPLEMENTED) {
                return Ok(r);
            }
            return Ok(Value::bool(!vm.is_true(&r)?));
        }
    }
    Ok(Value::NOT_IMPLEMENTED)
}

fn slot_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (name, rname, _) = op.dunders();
    let ta = vm.type_of(a).clone();
    if ta.as_type().map(|t| !t.is_builtin()).unwrap_or(false) {
        if let Some(f) = vm.type_lookup(&ta, name) {
            let r = vm.call(&f, &[a.clone(), b.clone()])?;
            if !r.is(&Value::NOT_IMPLEMENTED) {
                return Ok(r);
            }
        }
    }
    let tb = vm.type_of(b).clone();
    if tb.as_type().map(|t| !t.is_builtin()).unwrap_or(false) {
        if let Some(f) = vm.type_lookup(&tb, rname) {
            return vm.call(&f, &[b.clone(), a.clone()]);
        }
    }
    Ok(Value::NOT_IMPLEMENTED)
}

fn slot_neg(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(call_dunder(vm, v, "__neg__", &[])?.unwrap_or(Value::NOT_IMPLEMENTED))
}

fn slot_pos(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(call_dunder(vm, v, "__pos__", &[])?.unwrap_or(Value::NOT_IMPLEMENTED))
}

fn slot_invert(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(call_dunder(vm, v, "__invert__", &[])?.unwrap_or(Value::NOT_IMPLEMENTED))
}

fn slot_bool(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if let Some(r) = call_dunder(vm, v, "__bool__", &[])? {
        return match r.as_bool() {
            Some(b) => Ok(b),
            None => {
                let msg = format!("__bool__ should return bool, returned {}", vm.type_name(&r));
                Err(vm.type_error(&msg))
            }
        };
    }
    Ok(slot_len(vm, v)? > 0)
}

fn slot_contains(vm: &mut Vm, v: &Value, item: &Value) -> PyResult<bool> {
    let r = call_dunder(vm, v, "__contains__", std::slice::from_ref(item))?.unwrap_or(Value::FALSE);
    vm.is_true(&r)
}

/// The slots of a new class: inherited from its first base, overridden where the
/// class (or a user base) defines the dunder.
fn user_slots(vm: &Vm, base: &Value, mro: &[Value], ns: &Dict) -> Slots {
    let mut s = base.as_type().map(|t| t.slots).unwrap_or_default();
    let has = |name: &str| -> bool {
        ns.get_str(name).is_some()
            || mro.iter().any(|b| {
                b.as_type()
                    .map(|t| !t.is_builtin() && t.dict.borrow().get_str(name).is_some())
                    .unwrap_or(false)
            })
    };
    if has("__repr__") {
        s.repr = Some(slot_repr);
    }
    if has("__str__") {
        s.str = Some(slot_str);
    }
    if has("__hash__") {
        s.hash = Some(slot_hash);
        if ns.get_str("__hash__").map(|h| h.is_none()).unwrap_or(false) {
            s.hash = None;
        }
    } else if has("__eq__") {
        // Defining __eq__ without __hash__ makes instances unhashable.
        s.hash = None;
    } else if s.hash.is_none() && base.is(&vm.types.object) {
        s.hash = Some(identity_hash);
    }
    if has("__len__") {
        s.len = Some(slot_len);
    }
    if has("__getitem__") {
        s.getitem = Some(slot_getitem);
    }
    if has("__setitem__") {
        s.setitem = Some(slot_setitem);
    }
    if has("__delitem__") {
        s.delitem = Some(slot_delitem);
    }
    if has("__iter__") {
        s.iter = Some(slot_iter);
    }
    if has("__next__") {
        s.next = Some(slot_next);
    }
    if has("__call__") {
        s.call = Some(slot_call);
    }
    if ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"]
        .iter()
        .any(|n| has(n))
    {
        s.richcompare = Some(slot_richcompare);
    }
    let binary_names = [
        "add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub",
        "truediv", "xor",
    ];
    if binary_names
        .iter()
        .any(|n| has(&format!("__{n}__")) || has(&format!("__r{n}__")))
    {
        s.binary = Some(slot_binary);
    }
    if has("__neg__") {
        s.neg = Some(slot_neg);
    }
    if has("__pos__") {
        s.pos = Some(slot_pos);
    }
    if has("__invert__") {
        s.invert = Some(slot_invert);
    }
    if has("__bool__") || (has("__len__") && s.bool.is_none()) {
        s.bool = Some(slot_bool);
    }
    if has("__contains__") {
        s.contains = Some(slot_contains);
    }
    s
}

impl Vm {
    /// `type(name, bases, ns)` for a class statement.
    pub fn new_class(&mut self, name: &str, bases: Vec<Value>, ns: &Value) -> PyResult<Value> {
        let meta = self.types.type_.clone();
        self.new_class_with_meta(name, bases, ns, &meta)
    }

    /// A class statement with keywords (`class B(A, flag=1)`): they go to
    /// `__init_subclass__`.
    pub fn new_class_with_kwargs(
        &mut self,
        name: &str,
        bases: Vec<Value>,
        ns: &Value,
        kwnames: &[Value],
        kwvalues: &[Value],
    ) -> PyResult<Value> {
        let meta = self.types.type_.clone();
        let cls = self.make_class(name, bases, ns, &meta)?;
        self.init_subclass(&cls, kwnames, kwvalues)?;
        Ok(cls)
    }

    /// `type.__new__(meta, name, bases, ns)`: a class whose type is `meta`.
    pub fn new_class_with_meta(
        &mut self,
        name: &str,
        bases: Vec<Value>,
        ns: &Value,
        meta: &Value,
    ) -> PyResult<Value> {
        let cls = self.make_class(name, bases, ns, meta)?;
        self.init_subclass(&cls, &[], &[])?;
        Ok(cls)
    }

    /// The class object itself, before `__init_subclass__`.
    pub(crate) fn make_class(
        &mut self,
        name: &str,
        bases: Vec<Value>,
        ns: &Value,
        meta: &Value,
    ) -> PyResult<Value> {
        let bases = if bases.is_empty() {
            vec![self.types.object.clone()]
        } else {
            bases
        };
        for b in &bases {
            if b.as_type().is_none() {
                let msg = format!("bases must be types, not {}", self.type_name(b));
                return Err(self.type_error(&msg));
            }
        }
        let Some(mro) = c3_mro(&bases) else {
            let names: Vec<String> = bases.iter().map(|b| self.type_name_of_type(b)).collect();
            let msg = format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            );
            return Err(self.type_error(&msg));
        };
        let layout = mro
            .iter()
            .filter_map(|b| b.as_type())
            .map(|t| t.layout)
            .find(|l| *l != Layout::Object)
            .unwrap_or(Layout::Object);
        let mut dict = ns.as_dict().map(|d| d.borrow().clone()).unwrap_or_default();
        // `__class_getitem__` is an implicit classmethod, as `__init_subclass__` is.
        if let Some(f) = dict.get_str("__class_getitem__").cloned() {
            if f.as_function().is_some() {
                let classmethod = self.types.classmethod.clone();
                let wrapped = self.call(&classmethod, &[f])?;
                let key = self.intern("__class_getitem__");
                let hash = crate::objects::str::hash_str("__class_getitem__");
                dict.insert(key, hash, wrapped);
            }
        }
        if dict.get_str("__doc__").is_none() {
            // `type.__new__` gives every class a `__doc__`, None without a docstring.
            let key = self.intern("__doc__");
            dict.insert(key, crate::objects::str::hash_str("__doc__"), Value::NONE);
        }
        let module = dict
            .get_str("__module__")
            .and_then(|m| m.as_str().map(Rc::from))
            .unwrap_or_else(|| Rc::from("__main__"));
        let slots = user_slots(self, &bases[0], &mro, &dict);
        let constructor = mro
            .iter()
            .filter_map(|b| b.as_type())
            .find_map(|t| t.constructor);
        let finalizer = dict.get_str("__del__").is_some()
            || mro
                .iter()
                .filter_map(|b| b.as_type())
                .any(|t| t.has_finalizer());
        let slots_decl = match dict.get_str("__slots__").cloned() {
            Some(v) if layout == Layout::Object => Some(self.slots_decl(name, &v)?),
            _ => None,
        };
        let instance_layout = self.instance_layout(&bases, slots_decl.as_ref(), &dict)?;
        let tag = crate::objects::typeobj::TypeTag::new(&bases);
        let ty = TypeObject {
            name: Rc::from(name),
            module: Some(module),
            bases,
            mro,
            dict: RefCell::new(dict),
            slots,
            layout,
            constructor,
            finalizer: std::cell::Cell::new(finalizer),
            tag,
            shared_keys: Default::default(),
            instance_layout,
            plain: Default::default(),
            getattribute_hook: Default::default(),
        };
        let cls = new_object(meta, ty);
        if let Some(t) = cls.as_type() {
            t.tag.set_owner(&cls);
        }
        if let (Some(decl), Some(t)) = (slots_decl, cls.as_type()) {
            // Each own slot's descriptor, indexed after the base's members.
            let first = instance_layout.members - decl.names.len();
            for (i, name) in decl.names.into_iter().enumerate() {
                let member = self.new_member(name.clone(), first + i, cls.clone());
                let hash = self.hash(&name)?;
                t.dict.borrow_mut().insert(name, hash, member);
            }
        }
        self.set_names(&cls)?;
        Ok(cls)
    }

    /// Calls `__set_name__(cls, name)` on each namespace value whose class defines
    /// it, over a snapshot of the namespace, as `type.__new__` does; a failure is a
    /// RuntimeError caused by it (CPython 3.11).
    fn set_names(&mut self, cls: &Value) -> PyResult<()> {
        let Some(t) = cls.as_type() else {
            return Ok(());
        };
        let items: Vec<(Value, Value)> = t
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, value) in items {
            if !value.is_kind::<crate::objects::InstanceObj>() {
                continue;
            }
            let ty = self.type_of(&value).clone();
            let Some(hook) = self.type_lookup(&ty, "__set_name__") else {
                continue;
            };
            if let Err(cause) = self.call(&hook, &[value.clone(), cls.clone(), name.clone()]) {
                let msg = format!(
                    "Error calling __set_name__ on '{}' instance {} in '{}'",
                    self.type_name(&value),
                    self.repr(&name)?,
                    t.name
                );
                let err = self.runtime_error(&msg);
                if let Some(d) = err.as_exception() {
                    *d.cause.borrow_mut() = cause.clone();
                    *d.context.borrow_mut() = cause;
                    d.suppress_context.set(true);
                }
                return Err(err);
            }
        }
        Ok(())
    }

    /// The instance layout of a new class with `bases`: its bases' members plus its
    /// own `__slots__`, and whether instances get a dict and weak references (CPython's
    /// `type_new` checks, lay-out conflicts included).
    fn instance_layout(
        &mut self,
        bases: &[Value],
        decl: Option<&crate::objects::member::SlotsDecl>,
        ns: &Dict,
    ) -> PyResult<crate::objects::member::InstanceLayout> {
        // The base with the most members decides the layout; any other base with
        // members must be along its MRO (its members are then a prefix).
        let mut solid: Option<&Value> = None;
        let mut base_dict = false;
        let mut base_weakref = false;
        for b in bases {
            let Some(t) = b.as_type() else { continue };
            let inherited = if t.is_builtin() {
                // `object` instances have neither; other builtin layouts keep their own.
                let plain = t.layout == Layout::Object;
                (!plain, !plain)
            } else {
                (t.instance_layout.dict, t.instance_layout.weakref)
            };
            base_dict |= inherited.0;
            base_weakref |= inherited.1;
            if t.instance_layout.members == 0 {
                continue;
            }
            match solid.and_then(|s| s.as_type()) {
                Some(st) if st.instance_layout.members >= t.instance_layout.members => {
                    if !(st.mro.iter().any(|m| m.is(b)) || solid.is_some_and(|s| s.is(b))) {
                        return Err(
                            self.type_error("multiple bases have instance lay-out conflict")
                        );
                    }
                }
                Some(st) => {
                    if !t.mro.iter().any(|m| solid.is_some_and(|s| m.is(s))) {
                        return Err(
                            self.type_error("multiple bases have instance lay-out conflict")
                        );
                    }
                    let _ = st;
                    solid = Some(b);
                }
                None => solid = Some(b),
            }
        }
        let base_members = solid
            .and_then(|s| s.as_type())
            .map_or(0, |t| t.instance_layout.members);
        let Some(decl) = decl else {
            return Ok(crate::objects::member::InstanceLayout {
                members: base_members,
                dict: true,
                weakref: true,
            });
        };
        if decl.dict && base_dict {
            return Err(self.type_error("__dict__ slot disallowed: we already got one"));
        }
        if decl.weakref && base_weakref {
            return Err(self.type_error("__weakref__ slot disallowed: we already got one"));
        }
        for name in &decl.names {
            let text = name.as_str().unwrap_or("");
            if ns.get_str(text).is_some() {
                let msg = format!("'{text}' in __slots__ conflicts with class variable");
                return Err(self.value_error(&msg));
            }
        }
        Ok(crate::objects::member::InstanceLayout {
            members: base_members + decl.names.len(),
            dict: decl.dict || base_dict,
            weakref: decl.weakref || base_weakref,
        })
    }

    /// `super(cls, cls).__init_subclass__(**kwargs)`, as `type.__new__` ends: the first
    /// definition after `cls` in its MRO, an implicit classmethod (`object`'s accepts no
    /// keywords).
    pub(crate) fn init_subclass(
        &mut self,
        cls: &Value,
        kwnames: &[Value],
        kwvalues: &[Value],
    ) -> PyResult<()> {
        let Some(t) = cls.as_type() else {
            return Ok(());
        };
        let found = t.mro.iter().find_map(|b| {
            b.as_type()
                .and_then(|bt| bt.dict.borrow().get_str("__init_subclass__").cloned())
        });
        let Some(mut hook) = found else {
            return Ok(());
        };
        if self.type_of(&hook).is(&self.types.classmethod) {
            hook = hook.instance_attr("__func__").unwrap_or(Value::NONE);
        }
        if hook.as_function().is_some() {
            let mut args = Vec::with_capacity(kwvalues.len() + 1);
            args.push(cls.clone());
            args.extend_from_slice(kwvalues);
            self.call_with_kw(&hook, &args, kwnames)?;
        } else if !kwnames.is_empty() {
            let msg = format!("{}.__init_subclass__() takes no keyword arguments", t.name);
            return Err(self.type_error(&msg));
        }
        Ok(())
    }

    fn type_name_of_type(&self, t: &Value) -> String {
        t.as_type().map(|t| t.name.to_string()).unwrap_or_default()
    }
}

/// Calling a type object: `type(x)`, `type(name, bases, ns)`, builtin constructors,
/// and user classes (allocate by layout, then run `__init__`).
pub fn type_call(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if cls.is(&vm.types.type_) {
        if args.len() == 1 && kwnames.is_empty() {
            return Ok(vm.type_of(&args[0]).clone());
        }
        if args.len() == 3 {
            let name = args[0].as_str().unwrap_or("?").to_string();
            let bases = args[1].as_tuple().map(|t| t.to_vec()).unwrap_or_default();
            return vm.new_class(&name, bases, &args[2]);
        }
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let Some(t) = cls.as_type() else {
        return Err(vm.type_error("not a type"));
    };
    if t.is_builtin() {
        return match t.constructor {
            Some(f) => f(vm, cls, args, kwnames),
            None => {
                let msg = format!("cannot create '{}' instances", t.name);
                Err(vm.type_error(&msg))
            }
        };
    }
    let (name_init, name_new) = (vm.name_init.clone(), vm.name_new.clone());
    let user_init = vm
        .type_lookup_interned(cls, &name_init)
        .filter(|f| f.is_kind::<Function>());
    let user_new = vm
        .type_lookup_interned(cls, &name_new)
        .filter(|f| f.is_kind::<Function>());
    let instance = match (t.layout, user_new) {
        // A metaclass without a Python `__new__`: `type.__new__` makes the class.
        (Layout::Type, None) => type_new(vm, cls, args, kwnames)?,
        (_, Some(new_fn)) => {
            // A Python `__new__` (an implicit staticmethod) makes the instance; when it
            // returns something else than an instance of `cls`, `__init__` is skipped.
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(cls.clone());
            full.extend_from_slice(args);
            let inst = vm.call_with_kw(&new_fn, &full, kwnames)?;
            if !vm.isinstance(&inst, cls) {
                return Ok(inst);
            }
            inst
        }
        (Layout::Object, None) => {
            if user_init.is_none() && !args.is_empty() {
                let msg = format!("{}() takes no arguments", t.name);
                return Err(vm.type_error(&msg));
            }
            new_instance(cls)
        }
        (_, None) => match t.constructor {
            Some(f) => {
                if user_init.is_some() {
                    f(vm, cls, &[], &[])?
                } else {
                    f(vm, cls, args, kwnames)?
                }
            }
            None => new_instance(cls),
        },
    };
    if let Some(init) = user_init {
        if let Some(e) = instance.as_exception() {
            *e.args.borrow_mut() = vm.new_tuple(args[..args.len() - kwnames.len()].to_vec());
        }
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(instance.clone());
        full.extend_from_slice(args);
        let r = vm.call_with_kw(&init, &full, kwnames)?;
        if !r.is_none() {
            let msg = format!("__init__() should return None, not '{}'", vm.type_name(&r));
            return Err(vm.type_error(&msg));
        }
    }
    Ok(instance)
}

/// `super()` with no arguments: the class from the caller's `__class__` cell and its
/// first argument; `super(cls, obj)` explicitly.
pub fn builtin_super(vm: &mut Vm, args: &[Value], _kwnames: &[Value]) -> PyResult<Value> {
    let (cls, obj) = if args.len() == 2 {
        (args[0].clone(), args[1].clone())
    } else {
        let Some(frame) = vm.frames.last() else {
            return Err(vm.runtime_error("super(): no current frame"));
        };
        let code = frame.code.clone();
        let base = frame.base;
        if code.argcount == 0 {
            return Err(vm.runtime_error("super(): no arguments"));
        }
        let mut obj = vm.stack[base].clone();
        if let Some(c) = obj.as_cell() {
            let inner = c.borrow().clone();
            obj = inner;
        }
        let idx = code
            .localsplus_names
            .iter()
            .position(|n| &**n == "__class__");
        let cls = match idx.map(|i| vm.stack[base + i].clone()) {
            Some(cell) => match cell.as_cell() {
                Some(c) => c.borrow().clone(),
                None => Value::NULL,
            },
            None => Value::NULL,
        };
        if cls.is_null() {
            return Err(vm.runtime_error("super(): __class__ cell not found"));
        }
        (cls, obj)
    };
    Ok(new_object(&vm.types.super_, SuperObj { cls, obj }))
}

impl Vm {
    /// Attribute lookup on a `super` object: the MRO of `type(obj)` after `cls`.
    pub fn super_getattr(&mut self, cls: &Value, obj: &Value, name: &str) -> Option<Value> {
        let start_ty = if obj.as_type().is_some() && self.is_subclass(obj, cls) {
            obj.clone()
        } else {
            self.type_of(obj).clone()
        };
        let t = start_ty.as_type()?;
        let mut chain = vec![start_ty.clone()];
        chain.extend(t.mro.iter().cloned());
        let pos = chain.iter().position(|c| c.is(cls))?;
        for c in &chain[pos + 1..] {
            let found = c
                .as_type()
                .and_then(|ct| ct.dict.borrow().get_str(name).cloned());
            if let Some(v) = found {
                let method = v.as_builtin().filter(|b| b.is_method);
                return Some(match (v.is_kind::<Function>(), method) {
                    (true, _) => new_object(
                        &self.types.method,
                        MethodObj {
                            func: v.clone(),
                            this: obj.clone(),
                        },
                    ),
                    (false, Some(b)) => new_object(
                        &self.types.builtin_function,
                        crate::objects::Builtin {
                            name: b.name,
                            func: b.func,
                            this: obj.clone(),
                            is_method: true,
                        },
                    ),
                    _ => v,
                });
            }
        }
        None
    }
}

/// `object.__new__(cls, ...)`: a bare instance of `cls` (by its layout).
/// `type.__new__(meta, name, bases, ns)` for metaclass `meta` (a subclass of `type`).
/// `args` ends with one value per name in `kwnames` (the class statement's keywords,
/// which go to `__init_subclass__`).
fn type_new(vm: &mut Vm, meta: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (args, kwvalues) = args.split_at(args.len().saturating_sub(kwnames.len()));
    let [name, bases, ns] = args else {
        return Err(vm.type_error("type.__new__() takes exactly 3 arguments"));
    };
    let Some(name) = name.as_str().map(str::to_string) else {
        return Err(vm.type_error("type.__new__() argument 1 must be str"));
    };
    let Some(bases) = bases.as_tuple().map(<[Value]>::to_vec) else {
        return Err(vm.type_error("type.__new__() argument 2 must be tuple"));
    };
    if ns.as_dict().is_none() {
        return Err(vm.type_error("type.__new__() argument 3 must be dict"));
    }
    let cls = vm.make_class(&name, bases, ns, meta)?;
    vm.init_subclass(&cls, kwnames, kwvalues)?;
    Ok(cls)
}

/// `type.__new__`, a static method: `super().__new__(mcls, name, bases, ns)` in a
/// metaclass's `__new__`.
pub fn type_dunder_new(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let type_ = vm.types.type_.clone();
    match args.split_first() {
        Some((meta, rest)) if meta.as_type().is_some() && vm.is_subclass(meta, &type_) => {
            type_new(vm, meta, rest, kwnames)
        }
        _ => Err(vm.type_error("type.__new__(X): X is not a subtype of type")),
    }
}

/// `type.__call__`: `super().__call__(*args)` in a metaclass's `__call__`.
pub fn type_dunder_call(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    match args.split_first() {
        Some((cls, rest)) => type_call(vm, cls, rest, kwnames),
        None => Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument")),
    }
}

/// `object.__init_subclass__`: nothing to do (`super().__init_subclass__()` in a class's
/// own hook reaches it).
pub fn object_init_subclass(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        let name = args
            .first()
            .map(|c| vm.type_name_of_type(c))
            .unwrap_or_default();
        let msg = format!("{name}.__init_subclass__() takes no keyword arguments");
        return Err(vm.type_error(&msg));
    }
    Ok(Value::NONE)
}

/// `type.__init__`: accepts what `type.__new__` did (`super().__init__(name, bases, ns)`
/// in a metaclass).
pub fn type_dunder_init(_vm: &mut Vm, _args: &[Value], _kwnames: &[Value]) -> PyResult<Value> {
    Ok(Value::NONE)
}

pub fn object_dunder_new(vm: &mut Vm, args: &[Value], _kwnames: &[Value]) -> PyResult<Value> {
    let Some(cls) = args.first().filter(|c| c.as_type().is_some()) else {
        return Err(vm.type_error("object.__new__(X): X is not a type object"));
    };
    let (layout, ctor) = match cls.as_type() {
        Some(t) => (t.layout, t.constructor),
        None => (Layout::Object, None),
    };
    match (layout, ctor) {
        (Layout::Object, _) | (_, None) => Ok(new_instance(cls)),
        // BaseException.__new__ keeps the arguments as `args`.
        (Layout::Exception, Some(f)) => f(vm, cls, &args[1..], &[]),
        (_, Some(f)) => f(vm, cls, &[], &[]),
    }
}

/// Calling `super` (the type): see [`builtin_super`].
pub fn super_new(vm: &mut Vm, _cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    builtin_super(vm, args, kwnames)
}

/// `super(cls, obj)`.
pub struct SuperObj {
    pub cls: Value,
    pub obj: Value,
}

impl Trace for SuperObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.cls);
        visit(&self.obj);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        crate::objects::function::take_into(&mut self.cls, out);
        crate::objects::function::take_into(&mut self.obj, out);
    }
}
