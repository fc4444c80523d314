//! Frozenset constants without a runtime: the Python hash and equality of the
//! hashable constants, and the order CPython's set table puts a frozenset's items in.
//!
//! CPython's compiler builds a frozenset constant twice: from the folded tuple (in
//! source order), then again, when it merges constants, from the items in the first
//! frozenset's iteration order. The two tables can differ (a 6-item set has 32 slots
//! after growing item by item, and items land differently when re-added), and the
//! second is the constant code objects hold. [`frozenset_constant`] therefore stores
//! the items in the first table's order; the VM adds them in that order and gets the
//! second table. The disassembly lists the items in the second table's order.
//! [`frozenset_order`] replays insertions on a model of the table (same probe
//! sequence and resize rule as the VM's `SetTable`) to get these orders without a VM. Hashes are CPython's with
//! `PYTHONHASHSEED=0` (SipHash-1-3 with a zero key for str and bytes), except for
//! `None` and `Ellipsis`, which CPython 3.11 hashes by address.

use std::hash::Hasher;

use crate::ConstantValue;

const MODULUS: u64 = (1 << 61) - 1;

fn finish(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

fn siphash(feed: impl FnOnce(&mut siphasher::sip::SipHasher13)) -> i64 {
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    feed(&mut h);
    finish(h.finish() as i64)
}

/// `hash(str)`: SipHash-1-3 over the 1, 2 or 4 bytes per character CPython stores.
fn str_hash(s: &str) -> i64 {
    code_points_hash(s.chars().map(u32::from))
}

/// [`str_hash`] of any code points (a lone surrogate is one 2-byte unit).
fn code_points_hash(cps: impl Iterator<Item = u32> + Clone) -> i64 {
    let Some(max) = cps.clone().max() else {
        return 0;
    };
    siphash(|h| {
        for c in cps {
            if max < 0x100 {
                h.write_u8(c as u8);
            } else if max < 0x10000 {
                h.write(&(c as u16).to_le_bytes());
            } else {
                h.write(&c.to_le_bytes());
            }
        }
    })
}

fn bytes_hash(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    siphash(|h| h.write(b))
}

/// `hash(int)`: the value modulo the Mersenne prime 2**61 - 1, keeping the sign.
fn int_hash(negative: bool, magnitude_mod: u64) -> i64 {
    let h = magnitude_mod as i64;
    finish(if negative { -h } else { h })
}

fn small_int_hash(i: i64) -> i64 {
    int_hash(i < 0, i.unsigned_abs() % MODULUS)
}

fn big_int_hash(digits: &str) -> i64 {
    let (negative, body) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, digits),
    };
    let mut acc: u128 = 0;
    for d in body.bytes() {
        acc = (acc * 10 + u128::from(d.wrapping_sub(b'0'))) % u128::from(MODULUS);
    }
    int_hash(negative, acc as u64)
}

/// `hash(float)`: the exact rational value modulo 2**61 - 1. A finite float is
/// `m * 2**e` with an integer `m`, and `2**61 == 1` modulo the prime, so the power
/// reduces to `2**(e mod 61)`.
pub fn float_hash(x: f64) -> i64 {
    if x.is_nan() {
        // CPython 3.11 hashes NaN by identity; the VM uses 0, and so does this.
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mantissa, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp_bits - 1075)
    };
    let shift = exp.rem_euclid(61) as u32;
    let h = ((u128::from(mantissa) << shift) % u128::from(MODULUS)) as u64;
    int_hash(x < 0.0, h)
}

fn complex_hash(re: f64, im: f64) -> i64 {
    let h = (float_hash(re) as u64).wrapping_add(1000003u64.wrapping_mul(float_hash(im) as u64));
    finish(h as i64)
}

/// `hash(tuple)`: CPython 3.11's xxHash-style combination of the item hashes.
fn tuple_hash(items: &[ConstantValue]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for item in items {
        acc = acc.wrapping_add((const_hash(item) as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31).wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        1546275796
    } else {
        acc as i64
    }
}

/// `hash(frozenset)`: an order-independent XOR of the shuffled item hashes, mixed
/// with the size (CPython's `frozenset_hash`).
pub fn frozenset_hash(hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    let mut hash: u64 = 0;
    for h in hashes {
        hash ^= shuffle(h as u64);
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

/// The Python hash of a constant.
pub fn const_hash(value: &ConstantValue) -> i64 {
    match value {
        ConstantValue::Bool(b) => i64::from(*b),
        ConstantValue::Int(i) => small_int_hash(*i),
        ConstantValue::BigInt(digits) => big_int_hash(digits),
        ConstantValue::Float(f) => float_hash(*f),
        ConstantValue::Complex { real, imag } => complex_hash(*real, *imag),
        ConstantValue::Str(s) => str_hash(s),
        ConstantValue::SurrogateStr(cps) => code_points_hash(cps.iter().copied()),
        ConstantValue::Bytes(b) => bytes_hash(b),
        ConstantValue::Tuple(items) => tuple_hash(items),
        ConstantValue::FrozenSet(items) => {
            let unique = dedup(items);
            frozenset_hash(unique.iter().map(|v| const_hash(v)), unique.len())
        }
        // Hashed by address in CPython 3.11: any fixed value keeps runs reproducible.
        ConstantValue::None => 0x5f5e100,
        ConstantValue::Ellipsis => 0x5f5e101,
        ConstantValue::Code(_) => 0,
    }
}

/// A number as an exact complex value, for equality across int/float/complex.
enum Num<'a> {
    Int(i64),
    Big(&'a str),
    Float(f64, f64),
}

fn num(value: &ConstantValue) -> Option<Num<'_>> {
    Some(match value {
        ConstantValue::Bool(b) => Num::Int(i64::from(*b)),
        ConstantValue::Int(i) => Num::Int(*i),
        ConstantValue::BigInt(d) => Num::Big(d),
        ConstantValue::Float(f) => Num::Float(*f, 0.0),
        ConstantValue::Complex { real, imag } => Num::Float(*real, *imag),
        _ => return None,
    })
}

/// Whether float `f` is exactly the integer `i`.
fn float_is_int(f: f64, i: i64) -> bool {
    f.is_finite() && f.fract() == 0.0 && (-9.3e18..9.3e18).contains(&f) && f as i64 == i && {
        // `f as i64` saturates; check the round trip for values near the i64 limits.
        i as f64 == f
    }
}

/// Python `==` between two hashable constants.
pub fn const_eq(a: &ConstantValue, b: &ConstantValue) -> bool {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return match (x, y) {
            (Num::Int(p), Num::Int(q)) => p == q,
            (Num::Big(p), Num::Big(q)) => p == q,
            // Big ints are outside i64, hence never equal to an i64.
            (Num::Int(_), Num::Big(_)) | (Num::Big(_), Num::Int(_)) => false,
            (Num::Float(re, im), Num::Int(i)) | (Num::Int(i), Num::Float(re, im)) => {
                im == 0.0 && float_is_int(re, i)
            }
            (Num::Float(re, im), Num::Big(d)) | (Num::Big(d), Num::Float(re, im)) => {
                im == 0.0
                    && re.is_finite()
                    && re.fract() == 0.0
                    && format!("{re:.0}") == d.trim_start_matches('+')
            }
            (Num::Float(r1, i1), Num::Float(r2, i2)) => r1 == r2 && i1 == i2,
        };
    }
    match (a, b) {
        (ConstantValue::None, ConstantValue::None) => true,
        (ConstantValue::Ellipsis, ConstantValue::Ellipsis) => true,
        (ConstantValue::Str(x), ConstantValue::Str(y)) => x == y,
        (ConstantValue::SurrogateStr(x), ConstantValue::SurrogateStr(y)) => x == y,
        (ConstantValue::Bytes(x), ConstantValue::Bytes(y)) => x == y,
        (ConstantValue::Tuple(x), ConstantValue::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| const_eq(p, q))
        }
        (ConstantValue::FrozenSet(x), ConstantValue::FrozenSet(y)) => {
            let (x, y) = (dedup(x), dedup(y));
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| const_eq(p, q)))
        }
        _ => false,
    }
}

/// The items without later duplicates (the first of equal items is the one kept).
pub fn dedup(items: &[ConstantValue]) -> Vec<&ConstantValue> {
    let mut out: Vec<&ConstantValue> = Vec::with_capacity(items.len());
    for item in items {
        let h = const_hash(item);
        if !out.iter().any(|o| const_hash(o) == h && const_eq(o, item)) {
            out.push(item);
        }
    }
    out
}

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// The slots a new entry with `hash` probes, in order: runs of up to ten adjacent
/// slots, then a perturbed jump.
fn first_free(table: &[Option<(i64, usize)>], hash: i64) -> usize {
    let mask = table.len() - 1;
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        if let Some(j) = (i..=i + probes).find(|&j| table[j].is_none()) {
            return j;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// The items of a frozenset constant in the order iterating the built frozenset
/// yields them (duplicates dropped): the insertions replayed on a model table.
pub fn frozenset_order(items: &[ConstantValue]) -> Vec<&ConstantValue> {
    let unique = dedup(items);
    let mut table: Vec<Option<(i64, usize)>> = vec![None; MIN_SIZE];
    let mut used = 0;
    for (index, item) in unique.iter().enumerate() {
        let hash = const_hash(item);
        let slot = first_free(&table, hash);
        table[slot] = Some((hash, index));
        used += 1;
        // No deletions happen while building, so `fill == used`.
        if used * 5 >= (table.len() - 1) * 3 {
            let minused = if used > 50000 { used * 2 } else { used * 4 };
            let mut size = MIN_SIZE;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for (h, idx) in old.into_iter().flatten() {
                let slot = first_free(&table, h);
                table[slot] = Some((h, idx));
            }
        }
    }
    table
        .into_iter()
        .flatten()
        .map(|(_, idx)| unique[idx])
        .collect()
}

/// The frozenset constant CPython's compiler ends up with for a set display of
/// `items` (in source order): its items in the order the VM must add them.
pub fn frozenset_constant(items: &[ConstantValue]) -> ConstantValue {
    let order: Vec<ConstantValue> = frozenset_order(items).into_iter().cloned().collect();
    ConstantValue::FrozenSet(order.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values are python3.11's (PYTHONHASHSEED=0).
    #[test]
    fn hashes_match_cpython() {
        assert_eq!(const_hash(&ConstantValue::Int(-1)), -2);
        assert_eq!(const_hash(&ConstantValue::Int(1 << 61)), 1);
        assert_eq!(
            const_hash(&ConstantValue::BigInt("-2305843009213693953".into())),
            -2
        );
        assert_eq!(const_hash(&ConstantValue::Float(0.5)), 1152921504606846976);
        assert_eq!(
            const_hash(&ConstantValue::Float(-1.5)),
            -1152921504606846977
        );
        assert_eq!(
            const_hash(&ConstantValue::Float(1e300)),
            1224995262755759164
        );
        assert_eq!(const_hash(&ConstantValue::Float(5e-324)), 16777216);
        assert_eq!(
            const_hash(&ConstantValue::BigInt("1180591620717411303424".into())),
            512
        );
        assert_eq!(
            const_hash(&ConstantValue::Complex {
                real: 1.0,
                imag: 2.0
            }),
            2000007
        );
    }

    #[test]
    fn order_follows_the_table() {
        let ints = |v: &[i64]| -> Vec<ConstantValue> {
            v.iter().map(|&i| ConstantValue::Int(i)).collect()
        };
        let shown = |items: &[ConstantValue]| -> Vec<i64> {
            frozenset_order(items)
                .into_iter()
                .filter_map(|v| match v {
                    ConstantValue::Int(i) => Some(*i),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(shown(&ints(&[3, 1, 2])), vec![1, 2, 3]);
        assert_eq!(shown(&ints(&[9, 1])), vec![9, 1]);
        assert_eq!(shown(&ints(&[1, 1, 1])), vec![1]);
        assert_eq!(shown(&ints(&[100, 5, 64, 7, 3])), vec![64, 3, 100, 5, 7]);
    }

    #[test]
    fn constants_are_rebuilt_in_iteration_order() {
        // frozenset((64, 3, 100, 5, 7)) re-added in its own order keeps it here, but
        // the stored items are the first table's order either way.
        let items: Vec<ConstantValue> = [100, 5, 64, 7, 3].map(ConstantValue::Int).into();
        let ConstantValue::FrozenSet(stored) = frozenset_constant(&items) else {
            panic!("not a frozenset");
        };
        let stored: Vec<ConstantValue> = stored.to_vec();
        assert_eq!(stored, [64, 3, 100, 5, 7].map(ConstantValue::Int).to_vec());
    }
}
