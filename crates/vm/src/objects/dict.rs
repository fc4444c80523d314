//! `dict`'s storage: CPython's compact ordered layout (an entries vector in insertion
//! order plus an open-addressing index table), keyed by Python hash and equality.
//!
//! The table itself is pure: callers compute the hash first (which may run Python code)
//! and equality of keys is decided by [`key_eq`] without calling back into Python,
//! so no `RefCell` borrow is held across user code.

use crate::objects::int::{int_eq_value, int_ref, IntRef};
use crate::objects::Kind;
use crate::value::Value;

const EMPTY: u32 = u32::MAX;

#[derive(Clone)]
struct Entry {
    hash: i64,
    /// `Value::NULL` marks a deleted entry.
    key: Value,
    value: Value,
}

#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Entry>,
    indices: Vec<u32>,
    len: usize,
    /// The keys version (CPython's `dk_version`) that `LOAD_GLOBAL` and module
    /// attribute specializations guard on: 0 means "none assigned"; one is handed
    /// out lazily by [`Dict::keys_version`] from a global counter, and any change to
    /// the set of keys or their positions resets it to 0 (a value update does not).
    /// Versions are unique across dicts, so equal versions mean the same keys at
    /// the same entry indices (a clone shares its original's layout too).
    keys_version: u32,
}

/// Source of dict keys versions; 0 is never handed out.
static NEXT_KEYS_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// Whether `key_eq` decides equality for `v` exactly: builtin values compare
/// structurally; instances (which may define `__eq__`) need the slow path.
pub fn pure_key(v: &Value) -> bool {
    match v.kind() {
        None => true,
        Some(Kind::Tuple) => v.as_tuple().is_some_and(|items| items.iter().all(pure_key)),
        Some(Kind::FrozenSet) => crate::objects::set::snapshot(v)
            .entries()
            .iter()
            .all(|(_, k)| pure_key(k)),
        Some(Kind::Instance) | Some(Kind::Exception) => false,
        Some(Kind::GenericAlias) => v
            .downcast::<crate::objects::generic_alias::GenericAliasObj>()
            .is_some_and(|g| pure_key(&g.origin) && pure_key(&g.args)),
        Some(_) => true,
    }
}

/// Equality of two keys with equal hashes, for the builtin hashable types: identity,
/// numbers across int/bool/float/complex, strings, bytes, frozensets, and tuples
/// element-wise.
pub fn key_eq(a: &Value, b: &Value) -> bool {
    if a.is(b) {
        return true;
    }
    if let (Some(x), Some(y)) = (a.as_pystr(), b.as_pystr()) {
        return x.as_bytes() == y.as_bytes();
    }
    if let (Some(x), Some(y)) = (a.as_tuple(), b.as_tuple()) {
        return x.len() == y.len() && x.iter().zip(y).all(|(p, q)| key_eq(p, q));
    }
    if let (Some(x), Some(y)) = (a.as_bytes(), b.as_bytes()) {
        return x == y;
    }
    if let Some(eq) = crate::objects::set::set_tables_equal(a, b) {
        return eq;
    }
    {
        use crate::objects::generic_alias::GenericAliasObj;
        if let (Some(x), Some(y)) = (
            a.downcast::<GenericAliasObj>(),
            b.downcast::<GenericAliasObj>(),
        ) {
            return key_eq(&x.origin, &y.origin) && key_eq(&x.args, &y.args);
        }
    }
    numeric_eq(a, b).unwrap_or(false)
}

/// Equality of two numbers of any int/bool/float/complex mix (`None` when either is
/// not a number): equal hashes make `1`, `1.0`, `True` and `1+0j` the same key.
fn numeric_eq(a: &Value, b: &Value) -> Option<bool> {
    let as_complex = |v: &Value| v.as_float().map(|f| (f, 0.0)).or_else(|| v.as_complex());
    match (as_complex(a), as_complex(b)) {
        (Some(x), Some(y)) => Some(x == y),
        (Some(x), None) => int_ref(b).map(|i| x.1 == 0.0 && float_eq_int(x.0, &i)),
        (None, Some(y)) => int_ref(a).map(|i| y.1 == 0.0 && float_eq_int(y.0, &i)),
        (None, None) => int_eq_value(a, b),
    }
}

fn float_eq_int(f: f64, i: &IntRef) -> bool {
    f.is_finite() && f.fract() == 0.0 && crate::objects::float::float_to_ibig(f) == i.to_ibig()
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The current keys version without assigning one (0 when none is assigned);
    /// what a specialized instruction's guard compares against.
    #[inline(always)]
    pub fn current_keys_version(&self) -> u32 {
        self.keys_version
    }

    /// The keys version, assigning a fresh one if needed; 0 when the counter is
    /// exhausted (then the caller does not specialize, as in CPython).
    pub fn keys_version(&mut self) -> u32 {
        if self.keys_version == 0 {
            use std::sync::atomic::Ordering;
            let v = NEXT_KEYS_VERSION.fetch_add(1, Ordering::Relaxed);
            // After wrapping, stop handing out versions rather than reuse one.
            if v == 0 || v == u32::MAX {
                NEXT_KEYS_VERSION.store(u32::MAX, Ordering::Relaxed);
                return 0;
            }
            self.keys_version = v;
        }
        self.keys_version
    }

    /// The entry index of the str key `name` (for a specialization's cached index).
    pub fn index_of_str(&self, name: &str, hash: i64) -> Option<usize> {
        self.chain(hash).find(|&ix| {
            let e = &self.entries[ix];
            e.hash == hash && e.key.as_str() == Some(name)
        })
    }

    /// The value at entry `ix` when that entry's key is the object `key` (a cached
    /// hint checked by identity: attribute names are interned).
    #[inline(always)]
    pub fn value_if_key_at(&self, ix: usize, key: &Value) -> Option<&Value> {
        match self.entries.get(ix) {
            Some(e) if e.key.is(key) => Some(&e.value),
            _ => None,
        }
    }

    /// The value at entry `ix` (NULL for a deleted entry), for guards that already
    /// proved the layout by keys version.
    #[inline(always)]
    pub fn value_at_ref(&self, ix: usize) -> Option<&Value> {
        self.entries.get(ix).map(|e| &e.value)
    }

    /// Replaces the value at entry `ix` when its key is the object `key`; hands back
    /// the old value so the caller drops it after releasing the borrow.
    #[inline(always)]
    pub fn replace_if_key_at(
        &mut self,
        ix: usize,
        key: &Value,
        value: Value,
    ) -> Result<Value, Value> {
        match self.entries.get_mut(ix) {
            Some(e) if e.key.is(key) => Ok(std::mem::replace(&mut e.value, value)),
            _ => Err(value),
        }
    }

    /// Index into `entries` of `key`, if present.
    fn find(&self, key: &Value, hash: i64) -> Option<usize> {
        self.chain(hash).find(|&ix| {
            let e = &self.entries[ix];
            e.hash == hash && !e.key.is_null() && key_eq(&e.key, key)
        })
    }

    /// Entry indices along `hash`'s probe chain, up to the first empty slot.
    #[inline]
    fn chain(&self, hash: i64) -> impl Iterator<Item = usize> + '_ {
        let mut probe = (!self.indices.is_empty()).then(|| Probe::new(hash, self.indices.len()));
        std::iter::from_fn(move || {
            let ix = self.indices[probe.as_mut()?.advance()];
            (ix != EMPTY).then_some(ix as usize)
        })
    }

    fn insert_index(indices: &mut [u32], hash: i64, ix: u32) {
        let mut probe = Probe::new(hash, indices.len());
        let mut slot = probe.advance();
        while indices[slot] != EMPTY {
            slot = probe.advance();
        }
        indices[slot] = ix;
    }

    /// Rebuilds the index (dropping deleted entries) with room for `self.len + 1` more.
    fn grow(&mut self) {
        self.entries.retain(|e| !e.key.is_null());
        let mut size = 8;
        while size * 2 <= (self.len + 1) * 3 {
            size *= 2;
        }
        let mut indices = vec![EMPTY; size];
        for (ix, e) in self.entries.iter().enumerate() {
            Dict::insert_index(&mut indices, e.hash, ix as u32);
        }
        self.indices = indices;
    }

    pub fn get(&self, key: &Value, hash: i64) -> Option<&Value> {
        self.find(key, hash).map(|ix| &self.entries[ix].value)
    }

    /// Inserts or replaces; an existing key keeps its position (and its original key
    /// object, as in CPython).
    pub fn insert(&mut self, key: Value, hash: i64, value: Value) {
        if let Some(ix) = self.find(&key, hash) {
            self.entries[ix].value = value;
            return;
        }
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.grow();
        }
        self.keys_version = 0;
        let ix = self.entries.len() as u32;
        Dict::insert_index(&mut self.indices, hash, ix);
        self.entries.push(Entry { hash, key, value });
        self.len += 1;
    }

    /// Like `insert`, but hands back the replaced value so the caller decides when it
    /// is dropped (after releasing the borrow).
    pub fn insert_replace(&mut self, key: Value, hash: i64, value: Value) -> Option<Value> {
        if let Some(ix) = self.find(&key, hash) {
            return Some(std::mem::replace(&mut self.entries[ix].value, value));
        }
        self.insert(key, hash, value);
        None
    }

    pub fn remove(&mut self, key: &Value, hash: i64) -> Option<Value> {
        let ix = self.find(key, hash)?;
        self.keys_version = 0;
        let e = &mut self.entries[ix];
        e.key = Value::NULL;
        self.len -= 1;
        Some(std::mem::replace(&mut e.value, Value::NULL))
    }

    pub fn clear(&mut self) {
        *self = Dict::new();
    }

    /// Calls `visit` on every live key and value (the collector's traversal).
    pub fn visit(&self, visit: &mut dyn FnMut(&Value)) {
        for (k, v) in self.iter() {
            visit(k);
            visit(v);
        }
    }

    /// Empties the dict, moving its keys and values into `out`.
    pub fn drain_into(&mut self, out: &mut Vec<Value>) {
        for e in std::mem::take(&mut self.entries) {
            out.push(e.key);
            out.push(e.value);
        }
        *self = Dict::new();
    }

    /// Live entries whose hash is `hash`, as (entry index, key): the candidates a key
    /// with a Python-level `__eq__` must be compared against outside any borrow.
    pub fn candidates(&self, hash: i64) -> Vec<(usize, Value)> {
        self.chain(hash)
            .filter_map(|ix| {
                let e = &self.entries[ix];
                (e.hash == hash && !e.key.is_null()).then(|| (ix, e.key.clone()))
            })
            .collect()
    }

    pub fn value_at(&self, ix: usize) -> Option<Value> {
        self.entries
            .get(ix)
            .filter(|e| !e.key.is_null())
            .map(|e| e.value.clone())
    }

    pub fn set_value_at(&mut self, ix: usize, value: Value) {
        if let Some(e) = self.entries.get_mut(ix) {
            e.value = value;
        }
    }

    pub fn remove_at(&mut self, ix: usize) -> Option<Value> {
        let e = self.entries.get_mut(ix)?;
        if e.key.is_null() {
            return None;
        }
        e.key = Value::NULL;
        self.len -= 1;
        self.keys_version = 0;
        Some(std::mem::replace(&mut e.value, Value::NULL))
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries
            .iter()
            .filter(|e| !e.key.is_null())
            .map(|e| (&e.key, &e.value))
    }

    /// The `n`th live entry at or after raw position `pos`, for iterators that must
    /// survive the dict being borrowed elsewhere between steps. Returns the entry and
    /// the next raw position.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let mut p = pos;
        while p < self.entries.len() {
            let e = &self.entries[p];
            if !e.key.is_null() {
                return Some((p + 1, e.key.clone(), e.value.clone()));
            }
            p += 1;
        }
        None
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|(_, v)| v.clone()).collect()
    }

    /// The last entry, removed (`dict.popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        self.keys_version = 0;
        while let Some(e) = self.entries.pop() {
            if !e.key.is_null() {
                self.len -= 1;
                // Keep the index consistent: rebuild, since the popped slot is referenced.
                self.grow();
                return Some((e.key, e.value));
            }
        }
        None
    }

    /// Looks up a string key by its text (names in globals, attributes).
    pub fn get_str(&self, name: &str) -> Option<&Value> {
        self.get_str_hashed(name, crate::objects::str::hash_str(name))
    }

    /// [`Dict::get_str`] with the name's hash already known (an interned name's cached
    /// hash), so attribute and global lookups never re-hash the text.
    #[inline]
    pub fn get_str_hashed(&self, name: &str, hash: i64) -> Option<&Value> {
        self.chain(hash)
            .map(|ix| &self.entries[ix])
            .find(|e| e.hash == hash && e.key.as_str() == Some(name))
            .map(|e| &e.value)
    }
}

/// CPython's open-addressing probe sequence over a power-of-two index table
/// (`i = 5*i + 1 + perturb; perturb >>= 5`, Objects/dictobject.c): the same sequence
/// means the same collisions, resizes and so the same iteration order as CPython.
struct Probe {
    slot: usize,
    perturb: u64,
    mask: usize,
}

impl Probe {
    #[inline]
    fn new(hash: i64, table_len: usize) -> Probe {
        let mask = table_len - 1;
        Probe {
            slot: (hash as u64 as usize) & mask,
            perturb: hash as u64,
            mask,
        }
    }

    /// The current slot; moves on to the next one.
    #[inline]
    fn advance(&mut self) -> usize {
        let slot = self.slot;
        self.perturb >>= 5;
        self.slot = (slot
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(self.perturb as usize))
            & self.mask;
        slot
    }
}

// ---- the `dict` type: Value-level operations, slots and methods ----

use std::cell::RefCell;

use crate::interp::Vm;
use crate::objects::iter::{DictIterKind, IterState};
use crate::objects::{new_object, NativeFn, Trace};
use crate::PyResult;

impl Vm {
    pub fn new_dict(&mut self) -> Value {
        new_object(&self.types.dict, DictObj(RefCell::new(Dict::new())))
    }

    /// The table of a dict or a defaultdict.
    fn dict_cell<'a>(&mut self, d: &'a Value) -> PyResult<&'a RefCell<Dict>> {
        match d.as_dict() {
            Some(c) => Ok(c),
            None => Err(self.system_error("expected a dict")),
        }
    }

    /// The entry index of a key whose equality is Python code (`__eq__`), found by
    /// comparing candidates with equal hashes while no borrow is held.
    fn dict_find_slow(
        &mut self,
        cell: &RefCell<Dict>,
        key: &Value,
        hash: i64,
    ) -> PyResult<Option<usize>> {
        let candidates = cell.borrow().candidates(hash);
        for (ix, k) in candidates {
            if k.is(key) || self.eq(&k, key)? {
                return Ok(Some(ix));
            }
        }
        Ok(None)
    }

    pub fn dict_get(&mut self, d: &Value, key: &Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        let cell = self.dict_cell(d)?;
        if !pure_key(key) {
            let ix = self.dict_find_slow(cell, key, hash)?;
            return Ok(ix.and_then(|ix| cell.borrow().value_at(ix)));
        }
        let found = cell.borrow().get(key, hash).cloned();
        Ok(found)
    }

    pub fn dict_set(&mut self, d: &Value, key: Value, value: Value) -> PyResult<()> {
        let hash = self.hash(&key)?;
        let cell = self.dict_cell(d)?;
        if !pure_key(&key) {
            if let Some(ix) = self.dict_find_slow(cell, &key, hash)? {
                cell.borrow_mut().set_value_at(ix, value);
                return Ok(());
            }
        }
        cell.borrow_mut().insert(key, hash, value);
        Ok(())
    }

    pub fn dict_remove(&mut self, d: &Value, key: &Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        let cell = self.dict_cell(d)?;
        if !pure_key(key) {
            let ix = self.dict_find_slow(cell, key, hash)?;
            return Ok(ix.and_then(|ix| cell.borrow_mut().remove_at(ix)));
        }
        let old = cell.borrow_mut().remove(key, hash);
        Ok(old)
    }

    /// Snapshot of the entries, so callers can run Python code while walking them.
    pub fn dict_items(&mut self, d: &Value) -> Vec<(Value, Value)> {
        match d.as_dict() {
            Some(c) => c
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            None => Vec::new(),
        }
    }
}

pub fn dict_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if vm.repr_guard_enter(v) {
        return Ok(vm.new_str("{...}"));
    }
    let mut out = String::from("{");
    let mut result = Ok(());
    for (i, (k, val)) in vm.dict_items(v).iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match (vm.repr(k), vm.repr(val)) {
            (Ok(ks), Ok(vs)) => {
                out.push_str(&ks);
                out.push_str(": ");
                out.push_str(&vs);
            }
            (Err(e), _) | (_, Err(e)) => {
                result = Err(e);
                break;
            }
        }
    }
    vm.repr_guard_leave(v);
    result?;
    out.push('}');
    Ok(vm.new_str(&out))
}

pub fn dict_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(v.as_dict().map(|d| d.borrow().len()).unwrap_or(0))
}

pub fn dict_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(v.as_dict().map(|d| !d.borrow().is_empty()).unwrap_or(false))
}

pub fn dict_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    match vm.dict_get(v, key)? {
        Some(x) => Ok(x),
        None => dict_missing(vm, v, key),
    }
}

/// A key `d[key]` did not find: a subclass of dict that defines `__missing__` answers
/// with `type(d).__missing__(d, key)`; anything else raises KeyError. Only the
/// subscript does this (`get`, `in`, `setdefault` never call `__missing__`).
#[cold]
fn dict_missing(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let ty = vm.type_of(v).clone();
    if !ty.is(&vm.types.dict) {
        if let Some(missing) = vm.type_lookup(&ty, "__missing__") {
            let bound = vm.bind_method(missing, v);
            return vm.call(&bound, std::slice::from_ref(key));
        }
    }
    Err(vm.key_error(key.clone()))
}

pub fn dict_setitem(vm: &mut Vm, v: &Value, key: &Value, value: Value) -> PyResult<()> {
    vm.dict_set(v, key.clone(), value)
}

pub fn dict_delitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<()> {
    match vm.dict_remove(v, key)? {
        Some(_) => Ok(()),
        None => Err(vm.key_error(key.clone())),
    }
}

pub fn dict_contains(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<bool> {
    Ok(vm.dict_get(v, key)?.is_some())
}

pub fn dict_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(vm.new_iter(IterState::Dict {
        dict: v.clone(),
        pos: 0,
        kind: DictIterKind::Keys,
    }))
}

/// `dict | dict` and `dict |= mapping` (PEP 584).
pub fn dict_binary(
    vm: &mut Vm,
    op: crate::objects::typeobj::BinOp,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    if op != crate::objects::typeobj::BinOp::Or || a.as_dict().is_none() || b.as_dict().is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let copy = a.as_dict().map(|d| d.borrow().clone()).unwrap_or_default();
    let ty = vm.type_of(a).clone();
    let out = new_object(&ty, DictObj(RefCell::new(copy)));
    vm.dict_merge_from(&out, b)?;
    Ok(out)
}

/// `dict.fromkeys(keys, value=None)`: a classmethod in CPython; reached both unbound
/// through the class and bound through an instance.
fn d_fromkeys(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let bound = args.len() >= 2 && (args[0].as_dict().is_some() || args[0].as_type().is_some());
    let mut full = Vec::with_capacity(args.len() + 1);
    if !bound {
        full.push(Value::NONE);
    }
    full.extend_from_slice(args);
    let args = full;
    let Some(keys) = args.get(1) else {
        return Err(vm.type_error("fromkeys expected at least 1 argument, got 0"));
    };
    let value = args.get(2).cloned().unwrap_or(Value::NONE);
    let d = vm.new_dict();
    for k in vm.collect_iterable(keys)? {
        vm.dict_set(&d, k, value.clone())?;
    }
    Ok(d)
}

pub fn dict_compare(
    vm: &mut Vm,
    a: &Value,
    b: &Value,
    op: crate::objects::typeobj::CompareOp,
) -> PyResult<Value> {
    use crate::objects::typeobj::CompareOp;
    if a.as_dict().is_none()
        || b.as_dict().is_none()
        || !matches!(op, CompareOp::Eq | CompareOp::Ne)
    {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = (vm.dict_items(a), vm.dict_items(b));
    let mut equal = x.len() == y.len();
    if equal {
        for (k, v) in &x {
            match vm.dict_get(b, k)? {
                Some(w) if vm.eq(v, &w)? => {}
                _ => {
                    equal = false;
                    break;
                }
            }
        }
    }
    Ok(Value::bool(equal == (op == CompareOp::Eq)))
}

fn this(args: &[Value]) -> Value {
    args.first().cloned().unwrap_or(Value::NONE)
}

fn d_get(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(key) = args.get(1) else {
        return Err(vm.type_error("get expected at least 1 argument, got 0"));
    };
    let found = vm.dict_get(&this(args), key)?;
    Ok(found.unwrap_or_else(|| args.get(2).cloned().unwrap_or(Value::NONE)))
}

fn view(vm: &mut Vm, args: &[Value], kind: DictIterKind) -> Value {
    let ty = match kind {
        DictIterKind::Keys => vm.types.dict_keys.clone(),
        DictIterKind::Values => vm.types.dict_values.clone(),
        DictIterKind::Items => vm.types.dict_items.clone(),
    };
    new_object(
        &ty,
        DictViewObj {
            dict: this(args),
            kind,
        },
    )
}

fn d_keys(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(view(vm, args, DictIterKind::Keys))
}

fn d_values(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(view(vm, args, DictIterKind::Values))
}

fn d_items(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(view(vm, args, DictIterKind::Items))
}

fn d_pop(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(key) = args.get(1) else {
        return Err(vm.type_error("pop expected at least 1 argument, got 0"));
    };
    match vm.dict_remove(&this(args), key)? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.key_error(key.clone())),
        },
    }
}

fn d_setdefault(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(key) = args.get(1) else {
        return Err(vm.type_error("setdefault expected at least 1 argument, got 0"));
    };
    let d = this(args);
    if let Some(v) = vm.dict_get(&d, key)? {
        return Ok(v);
    }
    let dflt = args.get(2).cloned().unwrap_or(Value::NONE);
    vm.dict_set(&d, key.clone(), dflt.clone())?;
    Ok(dflt)
}

fn d_update(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = this(args);
    let npos = args.len() - kwnames.len();
    if npos > 1 {
        vm.dict_merge_from(&d, &args[1])?;
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        vm.dict_set(&d, k.clone(), v.clone())?;
    }
    Ok(Value::NONE)
}

fn d_clear(_vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    if let Some(d) = this(args).as_dict() {
        d.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

fn d_copy(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let src = this(args)
        .as_dict()
        .map(|d| d.borrow().clone())
        .unwrap_or_default();
    Ok(new_object(&vm.types.dict, DictObj(RefCell::new(src))))
}

fn d_popitem(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let popped = this(args).as_dict().and_then(|d| d.borrow_mut().pop_last());
    match popped {
        Some((k, v)) => Ok(vm.new_tuple(vec![k, v])),
        None => Err({
            let ty = vm.types.key_error.clone();
            vm.new_exception(&ty, "popitem(): dictionary is empty")
        }),
    }
}

impl Vm {
    /// `dict.update(other)`: from a dict or an iterable of pairs.
    pub fn dict_merge_from(&mut self, d: &Value, other: &Value) -> PyResult<()> {
        if other.as_dict().is_some() {
            for (k, v) in self.dict_items(other) {
                self.dict_set(d, k, v)?;
            }
            return Ok(());
        }
        for (i, pair) in self.collect_iterable(other)?.into_iter().enumerate() {
            let kv = self.collect_iterable(&pair)?;
            if kv.len() != 2 {
                let msg = format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    kv.len()
                );
                return Err(self.value_error(&msg));
            }
            self.dict_set(d, kv[0].clone(), kv[1].clone())?;
        }
        Ok(())
    }
}

/// `dict.__reversed__()`: the keys, last inserted first (what `reversed(d)` finds).
fn d_reversed(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(d) = args.first().and_then(|v| v.as_dict()) else {
        return Err(vm.type_error("descriptor '__reversed__' requires a 'dict' object"));
    };
    let keys = vm.new_list(d.borrow().keys());
    let n = keys.as_list().map_or(0, |l| l.borrow().len());
    Ok(vm.new_iter(IterState::Reversed {
        seq: keys,
        index: n,
    }))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__reversed__", d_reversed),
    ("get", d_get),
    ("keys", d_keys),
    ("values", d_values),
    ("items", d_items),
    ("pop", d_pop),
    ("setdefault", d_setdefault),
    ("update", d_update),
    ("clear", d_clear),
    ("copy", d_copy),
    ("popitem", d_popitem),
    ("fromkeys", d_fromkeys),
];

// ---- dict views ----

pub fn view_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(DictViewObj { dict, kind }) = v.downcast::<DictViewObj>() else {
        return Ok(vm.new_str("dict_view()"));
    };
    let (dict, kind) = (dict.clone(), *kind);
    let items: Vec<Value> = vm
        .dict_items(&dict)
        .into_iter()
        .map(|(k, val)| match kind {
            DictIterKind::Keys => k,
            DictIterKind::Values => val,
            DictIterKind::Items => vm.new_tuple(vec![k, val]),
        })
        .collect();
    let name = vm.type_name(v);
    let inner = crate::objects::list::seq_repr(vm, v, &items, "[", "]")?;
    let s = format!("{name}({inner})");
    Ok(vm.new_str(&s))
}

pub fn view_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(DictViewObj { dict, kind }) = v.downcast::<DictViewObj>() else {
        return Err(vm.type_error("not a dict view"));
    };
    let state = IterState::Dict {
        dict: dict.clone(),
        pos: 0,
        kind: *kind,
    };
    Ok(vm.new_iter(state))
}

pub fn view_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    match v.downcast::<DictViewObj>() {
        Some(view) => Ok(view.dict.as_dict().map(|d| d.borrow().len()).unwrap_or(0)),
        None => Ok(0),
    }
}

pub fn view_contains(vm: &mut Vm, v: &Value, item: &Value) -> PyResult<bool> {
    let Some(DictViewObj { dict, kind }) = v.downcast::<DictViewObj>() else {
        return Ok(false);
    };
    let (dict, kind) = (dict.clone(), *kind);
    match kind {
        DictIterKind::Keys => Ok(vm.dict_get(&dict, item)?.is_some()),
        _ => {
            let it = view_iter(vm, v)?;
            while let Some(x) = vm.iter_next(&it)? {
                if vm.eq(&x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// A dict's payload.
pub struct DictObj(pub RefCell<Dict>);

/// `collections.defaultdict`: a dict plus its default factory.
pub struct DefaultDictObj {
    pub dict: RefCell<Dict>,
    pub factory: Value,
}

/// `dict.keys()`, `.values()`, `.items()`: a live view of `dict`.
pub struct DictViewObj {
    pub dict: Value,
    pub kind: DictIterKind,
}

/// Visits a dict table behind a `RefCell` (see `list::traverse_vec` on borrows).
pub(crate) fn traverse_dict(table: &RefCell<Dict>, visit: &mut dyn FnMut(&Value)) {
    if let Ok(t) = table.try_borrow() {
        t.visit(visit);
    }
}

impl Trace for DictObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        traverse_dict(&self.0, visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        self.0.get_mut().drain_into(out);
    }
}

impl Trace for DefaultDictObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        traverse_dict(&self.dict, visit);
        visit(&self.factory);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        self.dict.get_mut().drain_into(out);
        out.push(std::mem::replace(&mut self.factory, Value::NONE));
    }
}

impl Trace for DictViewObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.dict);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        out.push(std::mem::replace(&mut self.dict, Value::NONE));
    }
}
