//! Instances of user classes: attribute values laid out by their class's shared keys
//! (CPython 3.11's split tables, `Objects/dictobject.c`), and the instance dict, made
//! only when `__dict__` is asked for.
//!
//! A class owns one [`SharedKeys`] table: the attribute names its instances have set,
//! in the order they first appeared, each with a fixed slot. An instance keeps one
//! values array indexed by those slots (NULL for a name it does not have), so
//! `self.x = ...` in `__init__` costs no per-instance hash table, and the specialized
//! `LOAD_ATTR_INSTANCE_VALUE`/`STORE_ATTR_INSTANCE_VALUE` index the array directly.
//! Slots never move (the table only grows), so a slot cached for a type version stays
//! right while that version does.
//!
//! Per-instance insertion order is kept as CPython 3.11 keeps it in the values
//! prefix: nothing while the instance sets names in slot order (the usual case), an
//! explicit list of slots once it sets them in another order. Deleting an attribute
//! just empties its slot.
//!
//! Once `__dict__` is requested (or a name does not fit: past [`SHARED_KEYS_MAX`]
//! names, or a non-str key), the values move into a real dict object and that dict is
//! the instance's storage from then on, so `obj.__dict__` is a live view: the same
//! object each time, its updates visible as attributes and the other way round.

use std::cell::RefCell;

use crate::objects::{new_object, Dict, DictObj, Trace};
use crate::value::Value;

/// Most names a class's shared keys hold (CPython's `SHARED_KEYS_MAX_SIZE`); an
/// instance that sets a name past it moves to its own dict.
pub const SHARED_KEYS_MAX: usize = 30;

/// The attribute names of a class's instances, each at a fixed slot.
#[derive(Default)]
pub struct SharedKeys {
    table: RefCell<KeysTable>,
}

/// Names and their hashes by slot, with a small open-addressing index over them
/// (CPython's shared keys are a hash table too): a lookup is usually one probe.
struct KeysTable {
    hashes: Vec<i64>,
    names: Vec<Value>,
    /// Slot + 1 at `hash & INDEX_MASK` (linear probing); 0 is empty. At most 30 of
    /// the 64 entries are used, so chains stay short.
    index: [u8; INDEX_SIZE],
}

const INDEX_SIZE: usize = 64;
const INDEX_MASK: usize = INDEX_SIZE - 1;

impl Default for KeysTable {
    fn default() -> Self {
        KeysTable {
            hashes: Vec::new(),
            names: Vec::new(),
            index: [0; INDEX_SIZE],
        }
    }
}

impl SharedKeys {
    /// How many names the table holds; it only grows, so for a given class an
    /// unchanged length means unchanged contents.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.table.borrow().names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The slot of `name` (`hash` is its str hash).
    #[inline(always)]
    pub fn find(&self, name: &str, hash: i64) -> Option<usize> {
        let t = self.table.borrow();
        let mut at = hash as usize & INDEX_MASK;
        loop {
            let ix = usize::from(t.index[at]).checked_sub(1)?;
            if t.hashes[ix] == hash {
                // Attribute names are interned, so the text is usually the very same.
                let same = t.names[ix]
                    .as_str()
                    .is_some_and(|k| std::ptr::eq(k, name) || k == name);
                if same {
                    return Some(ix);
                }
            }
            at = (at + 1) & INDEX_MASK;
        }
    }

    /// The slot of `name`, appended when missing and there is room; `None` for a
    /// name that is not a str or a full table.
    pub(crate) fn slot_for(&self, name: &Value, hash: i64) -> Option<usize> {
        let key = name.as_pystr()?;
        if let Some(ix) = self.find(key.as_str()?, hash) {
            return Some(ix);
        }
        let mut t = self.table.borrow_mut();
        if t.names.len() >= SHARED_KEYS_MAX {
            return None;
        }
        let ix = t.names.len();
        t.hashes.push(hash);
        t.names.push(name.clone());
        let mut at = hash as usize & INDEX_MASK;
        while t.index[at] != 0 {
            at = (at + 1) & INDEX_MASK;
        }
        t.index[at] = (ix + 1) as u8;
        Some(ix)
    }

    /// Whether slot `ix` holds `name` (this very str object).
    #[inline(always)]
    pub fn name_is(&self, ix: usize, name: &Value) -> bool {
        self.table
            .borrow()
            .names
            .get(ix)
            .is_some_and(|k| k.is(name))
    }

    fn name_at(&self, ix: usize) -> Option<(Value, i64)> {
        let t = self.table.borrow();
        Some((t.names.get(ix)?.clone(), t.hashes[ix]))
    }
}

/// A plain instance of a user class (or of a builtin wrapper type such as
/// `property`): its attributes, as values by shared-key slot or as a dict.
pub struct InstanceObj {
    storage: RefCell<Storage>,
}

struct Storage {
    /// Attribute values by slot of the class's shared keys; NULL where absent.
    /// Empty once the instance has a dict.
    values: Vec<Value>,
    /// The slots in insertion order, when that is not ascending slot order; empty
    /// otherwise.
    /// Boxed so the field is one word: most instances never need it.
    #[allow(clippy::box_collection)]
    order: Option<Box<Vec<u8>>>,
    /// The instance dict (a `dict` object) once there is one, else NULL.
    dict: Value,
    /// The `__slots__` members (see `objects::member`); NULL where unset.
    members: Box<[Value]>,
}

/// A new instance of class `cls`, with no attributes.
pub fn new_instance(cls: &Value) -> Value {
    let payload = match cls.as_type() {
        Some(t) => InstanceObj::with_members(&t.shared_keys, t.instance_layout.members),
        None => InstanceObj::new(&SharedKeys::default()),
    };
    new_object(cls, payload)
}

impl InstanceObj {
    /// An instance with no attributes, its values array sized for the names the
    /// class's instances have had so far (so a steady-state instance allocates once).
    pub fn new(keys: &SharedKeys) -> InstanceObj {
        InstanceObj::with_members(keys, 0)
    }

    /// An instance with `members` unset `__slots__` members and no attributes.
    pub fn with_members(keys: &SharedKeys, members: usize) -> InstanceObj {
        InstanceObj {
            storage: RefCell::new(Storage {
                values: vec![Value::NULL; keys.len()],
                order: None,
                dict: Value::NULL,
                members: vec![Value::NULL; members].into_boxed_slice(),
            }),
        }
    }

    /// The value in member slot `ix` (`__slots__`), if set.
    #[inline(always)]
    pub fn member(&self, ix: usize) -> Option<Value> {
        let s = self.storage.borrow();
        s.members.get(ix).filter(|v| !v.is_null()).cloned()
    }

    /// Stores `value` (NULL to unset) in member slot `ix`; returns the old value
    /// (NULL if unset) for the caller to drop once nothing is borrowed.
    #[inline(always)]
    pub fn set_member(&self, ix: usize, value: Value) -> Value {
        let mut s = self.storage.borrow_mut();
        match s.members.get_mut(ix) {
            Some(slot) => std::mem::replace(slot, value),
            None => value,
        }
    }

    /// The value in shared-key slot `ix`, when the instance keeps values and has it.
    #[inline(always)]
    pub fn value_at(&self, ix: usize) -> Option<Value> {
        let s = self.storage.borrow();
        s.values.get(ix).filter(|v| !v.is_null()).cloned()
    }

    /// Whether the instance keeps its attributes in the values array (no dict yet).
    #[inline(always)]
    pub fn has_values(&self) -> bool {
        self.storage.borrow().dict.is_null()
    }

    /// The instance dict, if there is one.
    pub fn dict_object(&self) -> Option<Value> {
        let s = self.storage.borrow();
        (!s.dict.is_null()).then(|| s.dict.clone())
    }

    /// Runs `f` on the instance dict's table, if the instance has a dict. `f` must not
    /// run Python code or drop values (the instance is borrowed meanwhile).
    #[inline(always)]
    pub fn with_dict<R>(&self, f: impl FnOnce(&RefCell<Dict>) -> R) -> Option<R> {
        let s = self.storage.borrow();
        s.dict.as_dict().map(f)
    }

    /// Stores `value` in shared-key slot `ix` (a slot of the class's keys). Returns
    /// the old value (for the caller to drop once nothing is borrowed: a finalizer may
    /// touch the instance), or gives `value` back when the instance has a dict.
    #[inline(always)]
    pub fn store_at(&self, ix: usize, value: Value) -> Result<Option<Value>, Value> {
        let mut s = self.storage.borrow_mut();
        if !s.dict.is_null() {
            return Err(value);
        }
        if let Some(v) = s.values.get_mut(ix) {
            if !v.is_null() {
                return Ok(Some(std::mem::replace(v, value)));
            }
        }
        s.insert_new(ix, value);
        Ok(None)
    }

    /// The attribute `name` (`hash` its str hash).
    #[inline]
    pub fn get(&self, keys: &SharedKeys, name: &str, hash: i64) -> Option<Value> {
        let dict = {
            let s = self.storage.borrow();
            if s.dict.is_null() {
                let ix = keys.find(name, hash)?;
                return s.values.get(ix).filter(|v| !v.is_null()).cloned();
            }
            s.dict.clone()
        };
        let d = dict.as_dict()?.borrow();
        d.get_str_hashed(name, hash).cloned()
    }

    /// Sets attribute `name`; returns the value it replaces, for the caller to drop
    /// once nothing is borrowed. `dict_type` is `dict`, for when the instance has to
    /// move to a dict (a full keys table, a non-str name).
    pub fn set(
        &self,
        keys: &SharedKeys,
        dict_type: &Value,
        name: Value,
        hash: i64,
        value: Value,
    ) -> Option<Value> {
        if self.has_values() {
            match keys.slot_for(&name, hash) {
                Some(ix) => match self.store_at(ix, value) {
                    Ok(old) => return old,
                    Err(value) => return self.set_in_dict(name, hash, value),
                },
                None => {
                    self.dict(keys, dict_type);
                }
            }
        }
        self.set_in_dict(name, hash, value)
    }

    fn set_in_dict(&self, name: Value, hash: i64, value: Value) -> Option<Value> {
        let dict = self.dict_object()?;
        let old = dict
            .as_dict()?
            .borrow_mut()
            .insert_replace(name, hash, value);
        old
    }

    /// Removes attribute `name`; returns its value (`None` if it had none).
    pub fn remove(&self, keys: &SharedKeys, name: &Value, hash: i64) -> Option<Value> {
        let key = name.as_pystr()?;
        let dict = {
            let mut s = self.storage.borrow_mut();
            if s.dict.is_null() {
                let ix = keys.find(key.as_str()?, hash)?;
                let old = std::mem::replace(s.values.get_mut(ix)?, Value::NULL);
                if old.is_null() {
                    return None;
                }
                if let Some(order) = s.order.as_mut() {
                    if let Some(pos) = order.iter().position(|&o| usize::from(o) == ix) {
                        order.remove(pos);
                    }
                }
                return Some(old);
            }
            s.dict.clone()
        };
        let old = dict.as_dict()?.borrow_mut().remove(name, hash);
        old
    }

    /// The instance dict, made from the values on first request; from then on it is
    /// the instance's storage (CPython 3.11 does the same once `__dict__` is read).
    pub fn dict(&self, keys: &SharedKeys, dict_type: &Value) -> Value {
        if let Some(d) = self.dict_object() {
            return d;
        }
        let mut s = self.storage.borrow_mut();
        let values = std::mem::take(&mut s.values);
        let order = s.order.take().map(|o| *o).unwrap_or_default();
        let mut table = Dict::new();
        let mut put = |ix: usize, v: Value| {
            if let Some((name, hash)) = keys.name_at(ix) {
                table.insert(name, hash, v);
            }
        };
        if order.is_empty() {
            for (ix, v) in values.into_iter().enumerate() {
                if !v.is_null() {
                    put(ix, v);
                }
            }
        } else {
            let mut values = values;
            for ix in order {
                let v = std::mem::replace(&mut values[usize::from(ix)], Value::NULL);
                put(usize::from(ix), v);
            }
        }
        let d = new_object(dict_type, DictObj(RefCell::new(table)));
        s.dict = d.clone();
        d
    }

    /// Readies the instance for a change of class (`obj.__class__ = C`): values kept
    /// by slot of the old class's `keys` would be misread through the new class's
    /// keys, so any it has move into the instance dict (made as for `__dict__`), which
    /// then is its storage. An instance without values needs nothing.
    pub fn detach_from_keys(&self, keys: &SharedKeys, dict_type: &Value) {
        let has_any = {
            let s = self.storage.borrow();
            s.dict.is_null() && s.values.iter().any(|v| !v.is_null())
        };
        if has_any {
            self.dict(keys, dict_type);
        }
    }

    /// `obj.__dict__ = d`: `d` (a dict) becomes the storage. Returns what the
    /// instance held, for the caller to drop once nothing is borrowed.
    pub fn replace_dict(&self, d: Value) -> (Vec<Value>, Value) {
        let mut s = self.storage.borrow_mut();
        s.order = None;
        let values = std::mem::take(&mut s.values);
        (values, std::mem::replace(&mut s.dict, d))
    }

    /// How many values slots the instance has allocated (for tests of the layout).
    #[cfg(test)]
    pub(crate) fn values_len(&self) -> usize {
        self.storage.borrow().values.len()
    }

    #[cfg(test)]
    pub(crate) fn values_capacity(&self) -> usize {
        self.storage.borrow().values.capacity()
    }
}

impl Storage {
    /// Puts `value` in the empty slot `ix`, keeping the insertion order.
    fn insert_new(&mut self, ix: usize, value: Value) {
        if ix >= self.values.len() {
            self.values.resize(ix + 1, Value::NULL);
        }
        match self.order.as_mut().filter(|o| !o.is_empty()) {
            Some(order) => order.push(ix as u8),
            None => {
                // Slot order is insertion order until a name lands before a present one.
                let later = self.values[ix + 1..].iter().any(|v| !v.is_null());
                if later {
                    let mut order: Vec<u8> = self
                        .values
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(i, _)| i as u8)
                        .collect();
                    order.push(ix as u8);
                    self.order = Some(Box::new(order));
                }
            }
        }
        self.values[ix] = value;
    }
}

impl Trace for InstanceObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(s) = self.storage.try_borrow() {
            s.values
                .iter()
                .filter(|v| !v.is_null())
                .for_each(&mut *visit);
            if !s.dict.is_null() {
                visit(&s.dict);
            }
            s.members
                .iter()
                .filter(|v| !v.is_null())
                .for_each(&mut *visit);
        }
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        let s = self.storage.get_mut();
        out.extend(s.values.drain(..).filter(|v| !v.is_null()));
        s.order = None;
        if !s.dict.is_null() {
            out.push(std::mem::replace(&mut s.dict, Value::NULL));
        }
        out.extend(
            s.members
                .iter_mut()
                .map(|v| std::mem::replace(v, Value::NULL))
                .filter(|v| !v.is_null()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{global, run_source as run};

    #[test]
    fn instances_share_their_class_keys_and_keep_one_values_array() {
        let (_vm, g) = run("
class P:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.c = 3
first = P()
second = P()
");
        // The payload: a borrow flag, the values vector, the boxed order, the dict slot
        // and the `__slots__` members.
        assert_eq!(std::mem::size_of::<super::InstanceObj>(), 64);
        let cls = global(&g, "P");
        let keys = &cls.as_type().expect("a class").shared_keys;
        assert_eq!(keys.len(), 3);
        assert_eq!(keys.find("b", crate::objects::str::hash_str("b")), Some(1));
        // The second instance was sized from the keys the first one built: one
        // allocation of exactly three values, and no dict.
        let second = global(&g, "second");
        let (inst, _) = second.as_instance().expect("an instance");
        assert!(inst.has_values());
        assert_eq!(inst.values_len(), 3);
        assert_eq!(inst.values_capacity(), 3);
        assert!(inst.dict_object().is_none());
    }

    #[test]
    fn attributes_set_out_of_slot_order_keep_insertion_order() {
        let (mut vm, g) = run("
class A:
    pass
x = A()
x.p = 1
x.q = 2
y = A()
y.q = 3
y.p = 4
");
        let y = global(&g, "y");
        let cls = global(&g, "A");
        assert_eq!(cls.as_type().map(|t| t.shared_keys.len()), Some(2));
        let (inst, keys) = y.as_instance().expect("an instance");
        assert!(inst.has_values());
        let d = inst.dict(keys, &vm.types.dict.clone());
        let shown = vm.repr(&d).expect("repr");
        assert_eq!(shown, "{'q': 3, 'p': 4}");
        // From now on the dict is the storage.
        assert!(!inst.has_values());
        assert!(inst.dict_object().is_some_and(|o| o.is(&d)));
    }

    #[test]
    fn a_full_keys_table_moves_the_instance_to_a_dict() {
        let (_vm, g) = run("
class A:
    pass
a = A()
for i in range(40):
    setattr(a, 'n' + str(i), i)
b = A()
b.n0 = 0
");
        let cls = global(&g, "A");
        assert_eq!(
            cls.as_type().map(|t| t.shared_keys.len()),
            Some(super::SHARED_KEYS_MAX)
        );
        let a = global(&g, "a");
        assert!(a.as_instance().is_some_and(|(i, _)| !i.has_values()));
        let b = global(&g, "b");
        assert!(b.as_instance().is_some_and(|(i, _)| i.has_values()));
    }
}
