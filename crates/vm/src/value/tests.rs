//! Property tests of the value encoding: every float round-trips bit-exactly (NaNs
//! canonicalised, sign kept), every inline int round-trips, and kinds never collide.

use proptest::prelude::*;

use super::*;

proptest! {
    #[test]
    fn floats_round_trip_exactly(bits in any::<u64>()) {
        let f = f64::from_bits(bits);
        let v = Value::float(f);
        let back = v.as_float().expect("a float stays a float");
        if f.is_nan() {
            prop_assert!(back.is_nan());
            prop_assert_eq!(back.is_sign_negative(), f.is_sign_negative());
        } else {
            prop_assert_eq!(back.to_bits(), f.to_bits());
        }
        prop_assert!(v.as_int().is_none());
        prop_assert!(!v.is_ptr());
        prop_assert!(v.as_bool().is_none());
    }

    #[test]
    fn inline_ints_round_trip(i in INLINE_INT_MIN..=INLINE_INT_MAX) {
        let v = Value::try_int(i).expect("in range");
        prop_assert_eq!(v.as_int(), Some(i));
        prop_assert!(!v.is_float());
        prop_assert!(!v.is_ptr());
    }

    #[test]
    fn out_of_range_ints_are_not_inline(i in any::<i64>()) {
        let inline = Value::try_int(i);
        prop_assert_eq!(inline.is_some(), (INLINE_INT_MIN..=INLINE_INT_MAX).contains(&i));
    }
}

#[test]
fn special_floats_keep_their_identity() {
    for f in [
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        f64::MAX,
        5e-324,
    ] {
        let v = Value::float(f);
        assert_eq!(v.as_float().map(f64::to_bits), Some(f.to_bits()));
    }
    let nan_with_payload = f64::from_bits(0xFFFF_0000_0000_1234);
    let v = Value::float(nan_with_payload);
    assert!(v.as_float().is_some_and(f64::is_nan));
}

#[test]
fn int_boundaries_are_exact() {
    for i in [
        INLINE_INT_MIN,
        INLINE_INT_MIN + 1,
        -1,
        0,
        1,
        INLINE_INT_MAX - 1,
        INLINE_INT_MAX,
    ] {
        assert_eq!(Value::try_int(i).and_then(|v| v.as_int()), Some(i));
    }
    assert!(Value::try_int(INLINE_INT_MAX + 1).is_none());
    assert!(Value::try_int(INLINE_INT_MIN - 1).is_none());
}

#[test]
fn singletons_are_distinct() {
    let all = [
        Value::NONE,
        Value::TRUE,
        Value::FALSE,
        Value::NOT_IMPLEMENTED,
        Value::ELLIPSIS,
        Value::NULL,
    ];
    for (i, a) in all.iter().enumerate() {
        for (j, b) in all.iter().enumerate() {
            assert_eq!(a.is(b), i == j);
        }
        assert!(a.as_float().is_none() && a.as_int().is_none() && !a.is_ptr());
    }
    assert_eq!(Value::TRUE.as_bool(), Some(true));
    assert_eq!(Value::FALSE.as_bool(), Some(false));
}
