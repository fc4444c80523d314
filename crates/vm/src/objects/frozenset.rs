//! `frozenset`: the hashable, immutable set. Its table and all shared algebra live in
//! `set.rs`; this file owns what only frozensets have: the order-independent hash of
//! CPython's `frozenset_hash`, the constructor (an exact frozenset argument is
//! returned as is) and the method table without the mutating methods.

use crate::interp::Vm;
use crate::objects::set::{self, snapshot};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

/// Spreads an entry's hash over the word so that XOR-ing entries together does not
/// cancel out for small, similar hashes (nested frozensets, small ints).
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// The hash of a frozenset whose entries have the hashes `hashes`: an XOR of the
/// shuffled entry hashes (independent of table order), mixed with the size.
pub fn frozenset_hash_of(hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    let mut hash: u64 = 0;
    for h in hashes {
        hash ^= shuffle_bits(h as u64);
    }
    hash ^= (len as u64).wrapping_add(1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        590923713
    } else {
        hash as i64
    }
}

pub fn frozenset_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let t = snapshot(v);
    let entries = t.entries();
    Ok(frozenset_hash_of(
        entries.iter().map(|(h, _)| *h),
        entries.len(),
    ))
}

/// `frozenset()` / `frozenset(iterable)`.
pub fn frozenset_new(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(vm.type_error("frozenset() takes no keyword arguments"));
    }
    if args.len() > 1 {
        let msg = format!("frozenset expected at most 1 argument, got {}", args.len());
        return Err(vm.type_error(&msg));
    }
    let exact = cls.is(&vm.types.frozenset);
    match args.first() {
        Some(v) if exact && vm.type_of(v).is(&vm.types.frozenset) => Ok(v.clone()),
        Some(v) => vm.set_from_iterable(cls, v),
        None => Ok(vm.new_set_from_table(cls, Default::default())),
    }
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("copy", set::s_copy),
    ("union", set::s_union),
    ("intersection", set::s_intersection),
    ("difference", set::s_difference),
    ("symmetric_difference", set::s_symmetric_difference),
    ("issubset", set::s_issubset),
    ("issuperset", set::s_issuperset),
    ("isdisjoint", set::s_isdisjoint),
];
