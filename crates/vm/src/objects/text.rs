//! The bytes inside a str: UTF-8 generalized to lone surrogates, and the sparse
//! code-point index that makes indexing a non-ASCII str constant-time.
//!
//! Every code point, surrogates U+D800..U+DFFF included, is encoded on its own in
//! the usual 1-4 byte form, so a str's bytes are exactly what CPython's
//! `s.encode('utf-8', 'surrogatepass')` returns. Two adjacent surrogates stay two
//! 3-byte sequences (never joined into one 4-byte one, unlike WTF-8): in Python
//! `'\ud83d' + '\ude00'` is two code points, not `'\U0001f600'`. The encoding is
//! canonical and order-preserving, so `==`, `<` and hashing-by-equality work on the
//! bytes, and it is self-synchronizing, so a byte search never matches mid-character.
//! Text with no surrogate is plain UTF-8 and may be viewed as `&str`.

use std::ops::Range;

/// One index entry per this many code points (see [`index_len`]).
pub const INDEX_STRIDE: usize = 64;

/// Whether `cp` is a surrogate code point (which has no Rust `char`).
#[inline]
pub fn is_surrogate(cp: u32) -> bool {
    (0xd800..=0xdfff).contains(&cp)
}

/// Whether `b` starts a code point (is not a continuation byte).
#[inline]
fn is_lead(b: u8) -> bool {
    b & 0xc0 != 0x80
}

/// Length of the sequence a lead byte starts.
#[inline]
fn seq_len(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The code point starting at byte `i` and its encoded length.
///
/// `bytes` must be generalized UTF-8 and `i` a code-point boundary; the caller's
/// invariant, checked when the str was made (see [`validate`]).
#[inline]
pub fn decode_at(bytes: &[u8], i: usize) -> (u32, usize) {
    let b0 = bytes[i];
    let n = seq_len(b0);
    let cp = match n {
        1 => u32::from(b0),
        2 => (u32::from(b0 & 0x1f) << 6) | u32::from(bytes[i + 1] & 0x3f),
        3 => {
            (u32::from(b0 & 0x0f) << 12)
                | (u32::from(bytes[i + 1] & 0x3f) << 6)
                | u32::from(bytes[i + 2] & 0x3f)
        }
        _ => {
            (u32::from(b0 & 0x07) << 18)
                | (u32::from(bytes[i + 1] & 0x3f) << 12)
                | (u32::from(bytes[i + 2] & 0x3f) << 6)
                | u32::from(bytes[i + 3] & 0x3f)
        }
    };
    (cp, n)
}

/// Appends `cp` (any code point up to U+10FFFF, surrogates included) encoded on its own.
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    debug_assert!(cp <= 0x10ffff);
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xc0 | (cp >> 6) as u8, 0x80 | (cp & 0x3f) as u8]);
    } else if cp < 0x10000 {
        out.extend_from_slice(&[
            0xe0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    } else {
        out.extend_from_slice(&[
            0xf0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3f) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    }
}

/// Whether generalized-UTF-8 `bytes` hold a surrogate, or `None` if they are not
/// generalized UTF-8 at all. Valid UTF-8 is checked by the standard library's fast
/// validator; each error it stops at must be an encoded surrogate (`ED A0..BF xx`).
pub fn validate(bytes: &[u8]) -> Option<bool> {
    let mut pos = 0;
    let mut surrogates = false;
    loop {
        match std::str::from_utf8(&bytes[pos..]) {
            Ok(_) => return Some(surrogates),
            Err(e) => {
                let p = pos + e.valid_up_to();
                match bytes.get(p..p + 3) {
                    Some(&[0xed, b1, b2]) if (0xa0..=0xbf).contains(&b1) && !is_lead(b2) => {
                        surrogates = true;
                        pos = p + 3;
                    }
                    _ => return None,
                }
            }
        }
    }
}

/// Number of code points in generalized-UTF-8 `bytes`.
#[inline]
pub fn count_code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_lead(b)).count()
}

/// Entries in the index of a str of `char_len` code points and `byte_len` bytes:
/// entry `k` is the byte offset of code point `(k + 1) * INDEX_STRIDE`. ASCII strs
/// (offset = position) and strs of at most one stride need none; strs past 4 GiB,
/// whose offsets a `u32` cannot hold, have none and scan from the start instead.
#[inline]
pub fn index_len(char_len: usize, byte_len: usize) -> usize {
    if char_len == byte_len || char_len <= INDEX_STRIDE || byte_len > u32::MAX as usize {
        0
    } else {
        (char_len - 1) / INDEX_STRIDE
    }
}

/// Fills `index` (of [`index_len`] entries) for `bytes`.
pub fn fill_index(bytes: &[u8], index: &mut [u32]) {
    let mut n = 0usize;
    let mut k = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if is_lead(b) {
            if n > 0 && n.is_multiple_of(INDEX_STRIDE) {
                if k == index.len() {
                    return;
                }
                index[k] = i as u32;
                k += 1;
            }
            n += 1;
        }
    }
}

/// Byte offset of code point `i` (`i <= char_len`) using `index`: one lookup and a
/// scan of fewer than [`INDEX_STRIDE`] code points.
#[inline]
pub fn byte_offset(bytes: &[u8], index: &[u32], i: usize) -> usize {
    let block = i / INDEX_STRIDE;
    let (mut pos, mut left) = match block.checked_sub(1).and_then(|k| index.get(k)) {
        Some(&off) => (off as usize, i % INDEX_STRIDE),
        // The first stride, or no index at all (a str past 4 GiB): scan from the start.
        None => (0, i),
    };
    while left > 0 {
        pos += seq_len(bytes[pos]);
        left -= 1;
    }
    pos
}

/// The code points of generalized-UTF-8 bytes, front to back or back to front.
#[derive(Clone)]
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    range: Range<usize>,
}

impl<'a> CodePoints<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        CodePoints {
            bytes,
            range: 0..bytes.len(),
        }
    }
}

impl Iterator for CodePoints<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.range.is_empty() {
            return None;
        }
        let (cp, n) = decode_at(self.bytes, self.range.start);
        self.range.start += n;
        Some(cp)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.range.len();
        (n.div_ceil(4), Some(n))
    }
}

impl DoubleEndedIterator for CodePoints<'_> {
    fn next_back(&mut self) -> Option<u32> {
        if self.range.is_empty() {
            return None;
        }
        let mut start = self.range.end - 1;
        while !is_lead(self.bytes[start]) {
            start -= 1;
        }
        self.range.end = start;
        Some(decode_at(self.bytes, start).0)
    }
}

/// A str under construction: generalized-UTF-8 bytes, appended code point by code
/// point or from other text. `Vm::new_str_from_builder` checks and stores them.
#[derive(Default, Clone)]
pub struct StrBuilder {
    bytes: Vec<u8>,
}

impl StrBuilder {
    pub fn new() -> Self {
        StrBuilder::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        StrBuilder {
            bytes: Vec::with_capacity(n),
        }
    }

    pub fn push_code_point(&mut self, cp: u32) {
        push_code_point(&mut self.bytes, cp);
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Appends bytes cut from a str at code-point boundaries.
    pub fn push_text(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode(cps: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        for &cp in cps {
            push_code_point(&mut out, cp);
        }
        out
    }

    fn code_point() -> impl Strategy<Value = u32> {
        prop_oneof![
            0u32..0x80,
            0x80u32..0x800,
            0x800u32..0x10000,
            0x10000u32..0x110000
        ]
    }

    #[test]
    fn surrogates_encode_like_surrogatepass() {
        // b'\xed\xa0\x80' is '\ud800'.encode('utf-8', 'surrogatepass') in CPython.
        assert_eq!(encode(&[0xd800]), b"\xed\xa0\x80");
        assert_eq!(encode(&[0xd83d, 0xde00]), b"\xed\xa0\xbd\xed\xb8\x80");
        assert_eq!(validate(b"\xed\xa0\x80"), Some(true));
        assert_eq!(validate("é".as_bytes()), Some(false));
        assert_eq!(validate(b"\xed\xa0"), None);
        assert_eq!(validate(b"\xff"), None);
    }

    proptest! {
        #[test]
        fn code_points_round_trip_and_order_is_preserved(
            a in proptest::collection::vec(code_point(), 0..80),
            b in proptest::collection::vec(code_point(), 0..80),
        ) {
            let (ea, eb) = (encode(&a), encode(&b));
            prop_assert!(validate(&ea).is_some());
            prop_assert_eq!(CodePoints::new(&ea).collect::<Vec<_>>(), a.clone());
            prop_assert_eq!(CodePoints::new(&ea).rev().collect::<Vec<_>>(),
                a.iter().rev().copied().collect::<Vec<_>>());
            prop_assert_eq!(count_code_points(&ea), a.len());
            prop_assert_eq!(ea.cmp(&eb), a.cmp(&b));
        }

        #[test]
        fn index_finds_every_code_point(cps in proptest::collection::vec(code_point(), 0..700)) {
            let bytes = encode(&cps);
            let mut index = vec![0u32; index_len(cps.len(), bytes.len())];
            fill_index(&bytes, &mut index);
            let mut expect = 0;
            for (i, &cp) in cps.iter().enumerate() {
                let off = byte_offset(&bytes, &index, i);
                prop_assert_eq!(off, expect);
                prop_assert_eq!(decode_at(&bytes, off).0, cp);
                expect += decode_at(&bytes, off).1;
            }
            prop_assert_eq!(byte_offset(&bytes, &index, cps.len()), bytes.len());
        }
    }

    #[test]
    fn index_agrees_with_chars_nth_on_random_text() {
        // A small xorshift generator: reproducible strings mixing ASCII, Latin-1,
        // BMP and astral characters, checked against `chars().nth`.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50 {
            let len = (next() % 2000) as usize;
            let s: String = (0..len)
                .map(|_| {
                    let r = next();
                    let cp = match r % 4 {
                        0 => r as u32 % 0x80,
                        1 => 0x80 + (r >> 8) as u32 % 0x780,
                        2 => 0x800 + (r >> 8) as u32 % 0xd000,
                        _ => 0x10000 + (r >> 8) as u32 % 0x10000,
                    };
                    char::from_u32(cp).unwrap_or('?')
                })
                .collect();
            let bytes = s.as_bytes();
            let n = s.chars().count();
            let mut index = vec![0u32; index_len(n, bytes.len())];
            fill_index(bytes, &mut index);
            for i in (0..n).step_by(7) {
                let c = s.chars().nth(i).map(u32::from);
                assert_eq!(Some(decode_at(bytes, byte_offset(bytes, &index, i)).0), c);
            }
        }
    }
}
