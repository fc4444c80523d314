//! Sizes and lifetimes of the object layer.

use super::*;
use crate::interp::Vm;

#[test]
fn header_is_at_most_16_bytes() {
    assert!(std::mem::size_of::<Header>() <= 16);
    assert_eq!(std::mem::size_of::<GcLink>(), 8);
}

#[test]
fn two_tuple_is_one_allocation_of_at_most_48_bytes() {
    let mut vm = Vm::new(vec![]);
    let before = live_objects();
    let t = vm.new_tuple(vec![Value::try_int(1).unwrap(), Value::float(2.0)]);
    assert_eq!(live_objects() - before, 1, "one allocation for the tuple");
    assert!(allocation_size(&t) <= 48, "{} bytes", allocation_size(&t));
    drop(t);
    assert_eq!(live_objects(), before);
}

#[test]
fn str_keeps_its_bytes_inline() {
    let mut vm = Vm::new(vec![]);
    let before = live_objects();
    let s = vm.new_str("héllo wörld");
    assert_eq!(live_objects() - before, 1);
    assert_eq!(s.as_str(), Some("héllo wörld"));
    assert_eq!(s.as_pystr().map(|p| p.char_len()), Some(11));
    assert!(allocation_size(&s) <= 40 + "héllo wörld".len() + 7);
}

#[test]
fn floats_and_small_ints_are_never_allocated() {
    let before = live_objects();
    let values: Vec<Value> = (0..1000)
        .map(|i| Value::float(i as f64 * 0.5))
        .chain((0..1000).filter_map(|i| Value::try_int(i * 1_000_003)))
        .collect();
    assert_eq!(live_objects(), before);
    assert!(values.iter().all(|v| v.header().is_none()));
}

#[test]
fn dropping_a_deep_chain_does_not_recurse() {
    // A 1,000,000-deep nested list: each list holds the previous one. Freeing it
    // recursively would overflow the test thread's 2 MiB stack.
    let mut vm = Vm::new(vec![]);
    let before = live_objects();
    let mut v = vm.new_list(Vec::new());
    for _ in 0..1_000_000 {
        v = vm.new_list(vec![v]);
    }
    drop(v);
    assert_eq!(live_objects(), before);
}

#[test]
fn builtin_types_are_immortal() {
    let vm = Vm::new(vec![]);
    let t = vm.types.int.clone();
    assert_eq!(t.header().map(|h| h.is_immortal()), Some(true));
    // Clones and drops move an immortal's count but never free it.
    let before = t.header().map(|h| h.ref_count());
    drop(t.clone());
    assert_eq!(t.header().map(|h| h.ref_count()), before);
    assert!(before >= Some(IMMORTAL_MIN));
}
