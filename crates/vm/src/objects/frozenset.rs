//! `frozenset`: the hashable, immutable set. Its table and all shared algebra live in
//! `set.rs`; this file owns what only frozensets have: the order-independent hash of
//! CPython's `frozenset_hash`, the constructor (an exact frozenset argument is
//! returned as is) and the method table without the mutating methods.

use crate::interp::Vm;
use crate::objects::set::{self, snapshot};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

pub fn frozenset_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let t = snapshot(v);
    let entries = t.entries();
    // The compiler orders frozenset constants with this same function (CPython's
    // `frozenset_hash`), so it lives in the bytecode crate.
    Ok(bytecode::const_set::frozenset_hash(
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
