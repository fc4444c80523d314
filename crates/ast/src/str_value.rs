//! [`StrValue`]: the value of a `str` constant, which (as in CPython) is any sequence
//! of code points, lone surrogates (`'\ud800'`) included.
//!
//! Rust's `String` cannot hold a surrogate, so the rare string that has one is kept as
//! its code points; every other string stays a plain `String`, so the common case costs
//! no extra allocation and [`StrValue::as_str`] is free. Code points are not paired:
//! `'\ud800' '\udc00'` is two code points in Python, not one, so a UTF-16/WTF-8
//! style encoding (which merges pairs on concatenation) would be wrong here.

use std::fmt;

/// A Python `str` value: any sequence of code points `0..=0x10FFFF`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StrValue(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// No surrogate anywhere (the normal case).
    Text(String),
    /// At least one lone surrogate; one entry per code point.
    CodePoints(Vec<u32>),
}

impl StrValue {
    /// The empty string.
    pub fn new() -> Self {
        StrValue(Repr::Text(String::new()))
    }

    /// The text when it has no lone surrogate (always, except for rare literals).
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Repr::Text(s) => Some(s),
            Repr::CodePoints(_) => None,
        }
    }

    /// The text, or `None` if it holds a lone surrogate.
    pub fn into_string(self) -> Option<String> {
        match self.0 {
            Repr::Text(s) => Some(s),
            Repr::CodePoints(_) => None,
        }
    }

    /// True when some code point is a lone surrogate (U+D800..U+DFFF).
    pub fn has_surrogates(&self) -> bool {
        matches!(self.0, Repr::CodePoints(_))
    }

    /// The code points, in order.
    pub fn code_points(&self) -> CodePoints<'_> {
        match &self.0 {
            Repr::Text(s) => CodePoints::Text(s.chars()),
            Repr::CodePoints(v) => CodePoints::Slice(v.iter()),
        }
    }

    /// Number of code points (Python's `len`).
    pub fn len_code_points(&self) -> usize {
        match &self.0 {
            Repr::Text(s) => s.chars().count(),
            Repr::CodePoints(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Text(s) => s.is_empty(),
            Repr::CodePoints(v) => v.is_empty(),
        }
    }

    /// Appends one character.
    pub fn push(&mut self, c: char) {
        match &mut self.0 {
            Repr::Text(s) => s.push(c),
            Repr::CodePoints(v) => v.push(u32::from(c)),
        }
    }

    /// Appends one code point; values above U+10FFFF are the caller's bug and are
    /// replaced by U+FFFD rather than stored.
    pub fn push_code_point(&mut self, cp: u32) {
        match char::from_u32(cp) {
            Some(c) => self.push(c),
            None if (0xd800..=0xdfff).contains(&cp) => self.with_code_points(|v| v.push(cp)),
            None => self.push('\u{fffd}'),
        }
    }

    pub fn push_str(&mut self, text: &str) {
        match &mut self.0 {
            Repr::Text(s) => s.push_str(text),
            Repr::CodePoints(v) => v.extend(text.chars().map(u32::from)),
        }
    }

    /// Appends `other` (no pairing of surrogates: Python concatenates code points).
    pub fn push_value(&mut self, other: &StrValue) {
        match &other.0 {
            Repr::Text(s) => self.push_str(s),
            Repr::CodePoints(o) => self.with_code_points(|v| v.extend_from_slice(o)),
        }
    }

    /// `self * count`.
    pub fn repeat(&self, count: usize) -> StrValue {
        match &self.0 {
            Repr::Text(s) => StrValue(Repr::Text(s.repeat(count))),
            Repr::CodePoints(v) => StrValue(Repr::CodePoints(v.repeat(count))),
        }
    }

    /// The text with each lone surrogate replaced by U+FFFD (for messages only).
    pub fn to_string_lossy(&self) -> String {
        self.code_points()
            .map(|cp| char::from_u32(cp).unwrap_or('\u{fffd}'))
            .collect()
    }

    /// Runs `f` on the code point form, switching to it first (only done when a
    /// surrogate arrives, so plain text never pays for it).
    fn with_code_points(&mut self, f: impl FnOnce(&mut Vec<u32>)) {
        let mut v = match std::mem::replace(&mut self.0, Repr::Text(String::new())) {
            Repr::Text(s) => s.chars().map(u32::from).collect(),
            Repr::CodePoints(v) => v,
        };
        f(&mut v);
        self.0 = Repr::CodePoints(v);
    }
}

impl Default for StrValue {
    fn default() -> Self {
        StrValue::new()
    }
}

impl From<String> for StrValue {
    fn from(s: String) -> Self {
        StrValue(Repr::Text(s))
    }
}

impl From<&str> for StrValue {
    fn from(s: &str) -> Self {
        StrValue(Repr::Text(s.to_owned()))
    }
}

impl FromIterator<u32> for StrValue {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Self {
        let mut out = StrValue::new();
        for cp in iter {
            out.push_code_point(cp);
        }
        out
    }
}

impl PartialEq<str> for StrValue {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for StrValue {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

/// Lossy: a lone surrogate shows as U+FFFD. Use [`crate::repr::repr_str_value`] for
/// Python's exact `repr`.
impl fmt::Display for StrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Text(s) => f.write_str(s),
            Repr::CodePoints(_) => f.write_str(&self.to_string_lossy()),
        }
    }
}

impl fmt::Debug for StrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::repr::repr_str_value(self))
    }
}

/// Iterator over a [`StrValue`]'s code points.
#[derive(Clone)]
pub enum CodePoints<'a> {
    Text(std::str::Chars<'a>),
    Slice(std::slice::Iter<'a, u32>),
}

impl Iterator for CodePoints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        match self {
            CodePoints::Text(c) => c.next().map(u32::from),
            CodePoints::Slice(s) => s.next().copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_text() {
        let mut s = StrValue::from("ab");
        s.push('c');
        assert_eq!(s.as_str(), Some("abc"));
        assert!(!s.has_surrogates());
    }

    #[test]
    fn surrogates_are_kept_unpaired() {
        let mut s = StrValue::from("a");
        s.push_code_point(0xd800);
        s.push_code_point(0xdc00);
        assert_eq!(s.as_str(), None);
        assert_eq!(
            s.code_points().collect::<Vec<_>>(),
            vec![0x61, 0xd800, 0xdc00]
        );
        assert_eq!(s.len_code_points(), 3);
        assert_eq!(s.to_string(), "a\u{fffd}\u{fffd}");
        assert_eq!(s.repeat(2).len_code_points(), 6);
    }
}
