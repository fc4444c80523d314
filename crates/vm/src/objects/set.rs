//! `set` and `frozenset`: CPython 3.11's open-addressing set table (linear probes of 9, then
//! perturbation; resize at 3/5 full to 4x the used count), so iteration order and
//! therefore `repr` match CPython exactly for the same hashes. Set algebra follows
//! `setobject.c`'s algorithms (which operand is iterated, copies by table position).
//! Both types share the table and every non-mutating operation; the frozenset-only
//! parts (hash, constructor, method table) are in `frozenset.rs`.

use std::cell::RefCell;

use crate::interp::Vm;
use crate::objects::dict::key_eq;
use crate::objects::iter::IterState;
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::{new_object, NativeFn, Trace};
use crate::value::Value;
use crate::PyResult;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Active(i64, Value),
}

#[derive(Clone)]
pub struct SetTable {
    table: Vec<Slot>,
    used: usize,
    fill: usize,
    finger: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            table: vec![Slot::Empty; MIN_SIZE],
            used: 0,
            fill: 0,
            finger: 0,
        }
    }
}

impl SetTable {
    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Index of the active slot holding `key`, if any (`set_lookkey`).
    fn find(&self, key: &Value, hash: i64) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Active(h, k) if *h == hash && key_eq(k, key) => return Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn contains(&self, key: &Value, hash: i64) -> bool {
        self.find(key, hash).is_some()
    }

    /// `set_add_entry`.
    pub fn add(&mut self, key: Value, hash: i64) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        let mut freeslot = None;
        let empty = 'probe: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => break 'probe j,
                    Slot::Active(h, k) if *h == hash && key_eq(k, &key) => return,
                    Slot::Dummy if freeslot.is_none() => freeslot = Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        if let Some(f) = freeslot {
            self.table[f] = Slot::Active(hash, key);
            self.used += 1;
            return;
        }
        self.table[empty] = Slot::Active(hash, key);
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    fn insert_clean(table: &mut [Slot], hash: i64, key: Value) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            if matches!(table[i], Slot::Empty) {
                table[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                if let Some(slot) = table[i + 1..=i + LINEAR_PROBES]
                    .iter_mut()
                    .find(|s| matches!(s, Slot::Empty))
                {
                    *slot = Slot::Active(hash, key);
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_table_resize`: the smallest power of two above `minused`.
    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(h, k) = slot {
                SetTable::insert_clean(&mut self.table, h, k);
            }
        }
    }

    pub fn discard(&mut self, key: &Value, hash: i64) -> bool {
        match self.find(key, hash) {
            Some(j) => {
                self.table[j] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    pub fn clear(&mut self) {
        *self = SetTable::default();
    }

    /// Keys with hash `hash` (for keys whose equality is Python code).
    pub fn candidates(&self, hash: i64) -> Vec<Value> {
        self.table
            .iter()
            .filter_map(|s| match s {
                Slot::Active(h, k) if *h == hash => Some(k.clone()),
                _ => None,
            })
            .collect()
    }

    /// `set_pop`: scans from the finger.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while !matches!(self.table[i], Slot::Active(..)) {
            i = (i + 1) & mask;
        }
        let slot = std::mem::replace(&mut self.table[i], Slot::Dummy);
        self.used -= 1;
        self.finger = i + 1;
        match slot {
            Slot::Active(_, k) => Some(k),
            _ => None,
        }
    }

    /// Active entries in table order.
    pub fn entries(&self) -> Vec<(i64, Value)> {
        self.table
            .iter()
            .filter_map(|s| match s {
                Slot::Active(h, k) => Some((*h, k.clone())),
                _ => None,
            })
            .collect()
    }

    /// The first active entry at or after raw position `pos`, and the next position.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        let mut p = pos;
        while p < self.table.len() {
            if let Slot::Active(_, k) = &self.table[p] {
                return Some((p + 1, k.clone()));
            }
            p += 1;
        }
        None
    }

    /// `set_merge`: adds every entry of `other`, copying by position when possible.
    pub fn merge(&mut self, other: &SetTable) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.table = other.table.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for slot in &other.table {
                if let Slot::Active(h, k) = slot {
                    SetTable::insert_clean(&mut self.table, *h, k.clone());
                }
            }
            return;
        }
        for (h, k) in other.entries() {
            self.add(k, h);
        }
    }
}

/// The table of a set or a frozenset.
pub(crate) fn table(v: &Value) -> Option<&RefCell<SetTable>> {
    v.downcast::<SetObj>()
        .map(|s| &s.0)
        .or_else(|| v.downcast::<FrozenSetObj>().map(|s| &s.0))
}

/// Whether two sets/frozensets hold equal items (`None` when either is not one).
pub fn set_tables_equal(a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (table(a)?, table(b)?);
    if std::ptr::eq(x, y) {
        return Some(true);
    }
    let (x, y) = (x.borrow(), y.borrow());
    Some(x.len() == y.len() && is_subset(&x, &y))
}

pub(crate) fn snapshot(v: &Value) -> SetTable {
    table(v).map(|t| t.borrow().clone()).unwrap_or_default()
}

impl Vm {
    pub fn new_set(&mut self) -> Value {
        new_object(&self.types.set, SetObj(RefCell::new(SetTable::default())))
    }

    /// A set or, when `ty` is frozenset or derives from it, a frozenset.
    pub(crate) fn new_set_from_table(&mut self, ty: &Value, t: SetTable) -> Value {
        let frozen = ty.is(&self.types.frozenset) || {
            let fs = self.types.frozenset.clone();
            self.is_subclass(ty, &fs)
        };
        if frozen {
            new_object(ty, FrozenSetObj(RefCell::new(t)))
        } else {
            new_object(ty, SetObj(RefCell::new(t)))
        }
    }

    /// The type of the result of set algebra on `a`: the builtin base, as in CPython
    /// (`set` for set subclasses, `frozenset` for frozenset ones).
    fn result_type(&self, a: &Value) -> Value {
        if a.is_kind::<FrozenSetObj>() {
            self.types.frozenset.clone()
        } else {
            self.types.set.clone()
        }
    }

    /// The stored key equal to `item` by Python `==` (for instances with `__eq__`).
    fn set_find_slow(&mut self, set: &Value, item: &Value, hash: i64) -> PyResult<Option<Value>> {
        let candidates = table(set)
            .map(|t| t.borrow().candidates(hash))
            .unwrap_or_default();
        for k in candidates {
            if k.is(item) || self.eq(&k, item)? {
                return Ok(Some(k));
            }
        }
        Ok(None)
    }

    pub fn set_add(&mut self, set: &Value, item: Value) -> PyResult<()> {
        let hash = self.hash(&item)?;
        if !crate::objects::dict::pure_key(&item) && self.set_find_slow(set, &item, hash)?.is_some()
        {
            return Ok(());
        }
        if let Some(t) = table(set) {
            t.borrow_mut().add(item, hash);
        }
        Ok(())
    }

    fn set_has(&mut self, set: &Value, item: &Value) -> PyResult<bool> {
        let hash = self.hash(item)?;
        if !crate::objects::dict::pure_key(item) {
            return Ok(self.set_find_slow(set, item, hash)?.is_some());
        }
        Ok(table(set)
            .map(|t| t.borrow().contains(item, hash))
            .unwrap_or(false))
    }

    /// `set_update_internal`: sets merge by table, other iterables add in order.
    pub fn set_update_from(&mut self, set: &Value, other: &Value) -> PyResult<()> {
        if table(other).is_some() {
            let o = snapshot(other);
            if let Some(t) = table(set) {
                t.borrow_mut().merge(&o);
            }
            return Ok(());
        }
        for item in self.collect_iterable(other)? {
            self.set_add(set, item)?;
        }
        Ok(())
    }

    pub fn set_from_iterable(&mut self, ty: &Value, items: &Value) -> PyResult<Value> {
        let s = self.new_set_from_table(ty, SetTable::default());
        self.set_update_from(&s, items)?;
        Ok(s)
    }

    /// Items of any iterable as a set (for the set methods that accept iterables).
    fn as_set(&mut self, v: &Value) -> PyResult<Value> {
        if table(v).is_some() {
            return Ok(v.clone());
        }
        let ty = self.types.set.clone();
        self.set_from_iterable(&ty, v)
    }

    fn set_union(&mut self, a: &Value, b: &Value) -> PyResult<Value> {
        let ty = self.result_type(a);
        let r = self.set_from_iterable(&ty, a)?;
        self.set_update_from(&r, b)?;
        Ok(r)
    }

    fn set_intersection(&mut self, a: &Value, b: &Value) -> PyResult<Value> {
        let ty = self.result_type(a);
        let result = self.new_set_from_table(&ty, SetTable::default());
        let (mut so, mut other) = (a.clone(), b.clone());
        if table(&other).is_some() {
            if snapshot(&other).len() > snapshot(&so).len() {
                std::mem::swap(&mut so, &mut other);
            }
            let so_t = snapshot(&so);
            for (h, k) in snapshot(&other).entries() {
                if so_t.contains(&k, h) {
                    if let Some(t) = table(&result) {
                        t.borrow_mut().add(k, h);
                    }
                }
            }
            return Ok(result);
        }
        for k in self.collect_iterable(&other)? {
            if self.set_has(&so, &k)? {
                self.set_add(&result, k)?;
            }
        }
        Ok(result)
    }

    fn set_difference(&mut self, a: &Value, b: &Value) -> PyResult<Value> {
        let ty = self.result_type(a);
        let other = self.as_set(b)?;
        let (so_t, other_t) = (snapshot(a), snapshot(&other));
        if (so_t.len() >> 2) > other_t.len() {
            let mut copy = SetTable::default();
            copy.merge(&so_t);
            for (h, k) in other_t.entries() {
                copy.discard(&k, h);
            }
            return Ok(self.new_set_from_table(&ty, copy));
        }
        let mut out = SetTable::default();
        for (h, k) in so_t.entries() {
            if !other_t.contains(&k, h) {
                out.add(k, h);
            }
        }
        Ok(self.new_set_from_table(&ty, out))
    }

    fn set_symmetric_difference(&mut self, a: &Value, b: &Value) -> PyResult<Value> {
        let ty = self.result_type(a);
        let mut out = SetTable::default();
        let other = self.as_set(b)?;
        out.merge(&snapshot(&other));
        for (h, k) in snapshot(a).entries() {
            if !out.discard(&k, h) {
                out.add(k, h);
            }
        }
        Ok(self.new_set_from_table(&ty, out))
    }
}

/// `{1, 2}` for a set, `frozenset({1, 2})` (or the subclass's name) otherwise.
pub fn set_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let items: Vec<Value> = snapshot(v).entries().into_iter().map(|(_, k)| k).collect();
    let name = vm.type_name(v);
    if items.is_empty() {
        let s = format!("{name}()");
        return Ok(vm.new_str(&s));
    }
    let body = crate::objects::list::seq_repr(vm, v, &items, "{", "}")?;
    let s = if vm.type_of(v).is(&vm.types.set) {
        body
    } else {
        format!("{name}({body})")
    };
    Ok(vm.new_str(&s))
}

pub fn set_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(table(v).map(|t| t.borrow().len()).unwrap_or(0))
}

pub fn set_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(table(v).map(|t| !t.borrow().is_empty()).unwrap_or(false))
}

/// A set looked up in a set stands for the equal frozenset (CPython's
/// `set_contains`, `set.remove` and `set.discard` retry that way).
fn frozen_key(vm: &mut Vm, item: &Value) -> PyResult<Value> {
    if item.is_kind::<SetObj>() {
        let ty = vm.types.frozenset.clone();
        return vm.set_from_iterable(&ty, item);
    }
    Ok(item.clone())
}

pub fn set_contains(vm: &mut Vm, v: &Value, item: &Value) -> PyResult<bool> {
    if item.is_kind::<SetObj>() {
        let key = frozen_key(vm, item)?;
        return vm.set_has(v, &key);
    }
    vm.set_has(v, item)
}

pub fn set_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(vm.new_iter(IterState::Set {
        set: v.clone(),
        pos: 0,
    }))
}

/// One step of a set iterator.
pub fn set_iter_step(set: &Value, pos: usize) -> Option<(usize, Value)> {
    table(set).and_then(|t| t.borrow().entry_from(pos))
}

pub fn set_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if table(a).is_none() || table(b).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    match op {
        BinOp::Or => vm.set_union(a, b),
        BinOp::And => vm.set_intersection(a, b),
        BinOp::Sub => vm.set_difference(a, b),
        BinOp::Xor => vm.set_symmetric_difference(a, b),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

pub(crate) fn is_subset(a: &SetTable, b: &SetTable) -> bool {
    a.len() <= b.len() && a.entries().iter().all(|(h, k)| b.contains(k, *h))
}

pub fn set_compare(_vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if table(a).is_none() || table(b).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = (snapshot(a), snapshot(b));
    let r = match op {
        CompareOp::Eq => x.len() == y.len() && is_subset(&x, &y),
        CompareOp::Ne => !(x.len() == y.len() && is_subset(&x, &y)),
        CompareOp::Le => is_subset(&x, &y),
        CompareOp::Lt => x.len() < y.len() && is_subset(&x, &y),
        CompareOp::Ge => is_subset(&y, &x),
        CompareOp::Gt => x.len() > y.len() && is_subset(&y, &x),
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
    let Some(original) = args.get(1) else {
        return Err(vm.type_error("expected one argument"));
    };
    let key = frozen_key(vm, original)?;
    let item = &key;
    let hash = vm.hash(item)?;
    let s = this(args);
    let stored = if crate::objects::dict::pure_key(item) {
        Some(item.clone())
    } else {
        vm.set_find_slow(&s, item, hash)?
    };
    let removed = match stored {
        Some(k) => table(&s)
            .map(|t| t.borrow_mut().discard(&k, hash))
            .unwrap_or(false),
        None => false,
    };
    if !removed && must_exist {
        return Err(vm.key_error(original.clone()));
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
    match table(&this(args)).and_then(|t| t.borrow_mut().pop()) {
        Some(k) => Ok(k),
        None => {
            let ty = vm.types.key_error.clone();
            Err(vm.new_exception(&ty, "pop from an empty set"))
        }
    }
}

fn s_clear(_vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    if let Some(t) = table(&this(args)) {
        t.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

pub(crate) fn s_copy(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args);
    // An exact frozenset is its own copy.
    if vm.type_of(&s).is(&vm.types.frozenset) {
        return Ok(s);
    }
    let ty = vm.result_type(&s);
    vm.set_from_iterable(&ty, &s)
}

fn fold(
    vm: &mut Vm,
    args: &[Value],
    f: fn(&mut Vm, &Value, &Value) -> PyResult<Value>,
) -> PyResult<Value> {
    let s = this(args);
    let ty = vm.result_type(&s);
    let mut acc = vm.set_from_iterable(&ty, &s)?;
    for other in &args[1..] {
        let o = vm.as_set(other)?;
        acc = f(vm, &acc, &o)?;
    }
    Ok(acc)
}

pub(crate) fn s_union(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    fold(vm, args, Vm::set_union)
}

pub(crate) fn s_intersection(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    fold(vm, args, Vm::set_intersection)
}

pub(crate) fn s_difference(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    fold(vm, args, Vm::set_difference)
}

pub(crate) fn s_symmetric_difference(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    fold(vm, args, Vm::set_symmetric_difference)
}

fn s_update(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args);
    for other in &args[1..] {
        vm.set_update_from(&s, other)?;
    }
    Ok(Value::NONE)
}

pub(crate) fn s_issubset(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let other = vm.as_set(args.get(1).unwrap_or(&Value::NONE))?;
    Ok(Value::bool(is_subset(
        &snapshot(&this(args)),
        &snapshot(&other),
    )))
}

pub(crate) fn s_issuperset(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let other = vm.as_set(args.get(1).unwrap_or(&Value::NONE))?;
    Ok(Value::bool(is_subset(
        &snapshot(&other),
        &snapshot(&this(args)),
    )))
}

pub(crate) fn s_isdisjoint(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let other = vm.as_set(args.get(1).unwrap_or(&Value::NONE))?;
    let (a, b) = (snapshot(&this(args)), snapshot(&other));
    Ok(Value::bool(
        !a.entries().iter().any(|(h, k)| b.contains(k, *h)),
    ))
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
    ("symmetric_difference", s_symmetric_difference),
    ("update", s_update),
    ("issubset", s_issubset),
    ("issuperset", s_issuperset),
    ("isdisjoint", s_isdisjoint),
];

/// A set's payload.
pub struct SetObj(pub RefCell<SetTable>);

/// A frozenset's payload: the same table, never changed after construction (the
/// `RefCell` lets the shared set code read both kinds alike).
pub struct FrozenSetObj(pub RefCell<SetTable>);

impl SetTable {
    fn visit(&self, visit: &mut dyn FnMut(&Value)) {
        for slot in &self.table {
            if let Slot::Active(_, v) = slot {
                visit(v);
            }
        }
    }
}

fn traverse_table(t: &RefCell<SetTable>, visit: &mut dyn FnMut(&Value)) {
    if let Ok(t) = t.try_borrow() {
        t.visit(visit);
    }
}

fn clear_table(t: &mut RefCell<SetTable>, out: &mut Vec<Value>) {
    let t = std::mem::take(t.get_mut());
    for slot in t.table {
        if let Slot::Active(_, v) = slot {
            out.push(v);
        }
    }
}

impl Trace for SetObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        traverse_table(&self.0, visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        clear_table(&mut self.0, out);
    }
}

impl Trace for FrozenSetObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        traverse_table(&self.0, visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        clear_table(&mut self.0, out);
    }
}
