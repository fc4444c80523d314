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

#[test]
fn str_index_costs_nothing_for_ascii_and_four_bytes_per_64_chars_otherwise() {
    let mut vm = Vm::new(vec![]);
    let ascii = vm.new_str(&"a".repeat(1000));
    assert!(allocation_size(&ascii) <= 40 + 1000 + 7);
    let text = "é".repeat(1000);
    let wide = vm.new_str(&text);
    let index = (1000 - 1) / 64 * 4;
    assert!(allocation_size(&wide) <= 40 + text.len() + 3 + index + 7);
}

#[test]
fn str_code_points_agree_with_chars_nth_at_every_position() {
    let mut vm = Vm::new(vec![]);
    // Mixed widths, long enough for several index strides.
    let text: String = (0..700u32)
        .map(|i| match i % 5 {
            0 => 'a',
            1 => 'é',
            2 => '€',
            3 => '😀',
            _ => char::from_u32(0x100 + i * 37).unwrap_or('?'),
        })
        .collect();
    let v = vm.new_str(&text);
    let s = v.as_pystr().expect("a str");
    assert_eq!(s.char_len(), text.chars().count());
    for (i, c) in text.chars().enumerate() {
        assert_eq!(s.char_at(i), Some(c), "position {i}");
    }
    assert_eq!(s.char_at(700), None);
    let expect: String = text.chars().skip(130).take(200).collect();
    assert_eq!(s.slice_bytes(130..330), expect.as_bytes());
}

#[test]
fn strs_with_lone_surrogates_have_no_str_view_but_keep_their_code_points() {
    let mut vm = Vm::new(vec![]);
    let mut b = crate::objects::text::StrBuilder::new();
    for cp in [0x61, 0xd83d, 0xde00, 0xe9] {
        b.push_code_point(cp);
    }
    let v = vm.new_str_from_builder(&b);
    let s = v.as_pystr().expect("a str");
    assert!(s.has_surrogates());
    assert_eq!(s.as_str(), None);
    assert_eq!(v.as_str(), None);
    assert_eq!(s.char_len(), 4);
    assert_eq!(
        s.code_points().collect::<Vec<_>>(),
        vec![0x61, 0xd83d, 0xde00, 0xe9]
    );
    assert_eq!(s.code_point_at(2), Some(0xde00));
    assert_eq!(s.char_at(1), None);
}
