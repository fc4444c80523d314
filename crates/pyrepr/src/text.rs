//! `repr(str)` and `repr(bytes)`: CPython's quote choice (single quotes unless the
//! text holds `'` and no `"`) and escapes (`\\`, `\t`, `\n`, `\r`, the quote, and
//! `\xhh`/`\uhhhh`/`\Uhhhhhhhh` for what `str.isprintable()` rejects).

use std::fmt::Write;

use crate::printable::is_printable_code_point;

/// `repr(str)` of text that is valid UTF-8 (no lone surrogates).
pub fn str_repr(s: &str) -> String {
    if s.is_ascii() {
        // Printable ASCII is the common case: decide on bytes, skipping the table.
        let quote = pick_quote(s.contains('\''), s.contains('"'));
        let mut out = String::with_capacity(s.len() + 2);
        out.push(quote);
        for b in s.bytes() {
            push_escaped(&mut out, u32::from(b), quote);
        }
        out.push(quote);
        return out;
    }
    code_points_repr(s.chars().map(u32::from))
}

/// `repr(str)` of any str value as code points; a lone surrogate (which has no
/// `char`) prints as `\ud800`, as in CPython.
pub fn code_points_repr(cps: impl Iterator<Item = u32> + Clone) -> String {
    let (mut single, mut double) = (false, false);
    for c in cps.clone() {
        single |= c == u32::from('\'');
        double |= c == u32::from('"');
    }
    let quote = pick_quote(single, double);
    let mut out = String::with_capacity(cps.size_hint().0 + 2);
    out.push(quote);
    for c in cps {
        push_escaped(&mut out, c, quote);
    }
    out.push(quote);
    out
}

fn pick_quote(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double {
        '"'
    } else {
        '\''
    }
}

fn push_escaped(out: &mut String, n: u32, quote: char) {
    match char::from_u32(n) {
        Some('\\') => out.push_str("\\\\"),
        Some('\t') => out.push_str("\\t"),
        Some('\n') => out.push_str("\\n"),
        Some('\r') => out.push_str("\\r"),
        Some(c) if c == quote => {
            out.push('\\');
            out.push(c);
        }
        Some(c) if (0x20..0x7f).contains(&n) || (n > 0x7f && is_printable_code_point(n)) => {
            out.push(c)
        }
        // Non-printable characters and lone surrogates (no `char`) are escaped.
        // Writing to a String cannot fail.
        _ if n < 0x100 => {
            let _ = write!(out, "\\x{n:02x}");
        }
        _ if n < 0x10000 => {
            let _ = write!(out, "\\u{n:04x}");
        }
        _ => {
            let _ = write!(out, "\\U{n:08x}");
        }
    }
}

/// `repr(bytes)`: `b'...'` with the same quote rule as `str`, printable ASCII kept,
/// everything else `\xhh`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = pick_quote(b.contains(&b'\''), b.contains(&b'"'));
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if char::from(c) == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(byte)),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{is_printable, is_printable_code_point};

    // Expected strings are python3.11's repr() of the same values.
    #[test]
    fn str_quotes_and_escapes_like_cpython() {
        assert_eq!(str_repr(""), "''");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'b\""), "'a\\'b\"'");
        assert_eq!(str_repr("\""), "'\"'");
        assert_eq!(str_repr("\t\n\r\\"), "'\\t\\n\\r\\\\'");
        assert_eq!(str_repr("\x00\x1f\x7f"), "'\\x00\\x1f\\x7f'");
        assert_eq!(str_repr("é'\u{a0}"), "\"é'\\xa0\"");
        assert_eq!(str_repr("\u{80}\u{ad}\u{378}"), "'\\x80\\xad\\u0378'");
        assert_eq!(
            str_repr("\u{2028}\u{200b}\u{e000}😀"),
            "'\\u2028\\u200b\\ue000😀'"
        );
        assert_eq!(str_repr("\u{f0000}\u{10ffff}"), "'\\U000f0000\\U0010ffff'");
        // A variation selector is printable; the unassigned code point after them is not.
        assert_eq!(str_repr("\u{e0100}\u{e01f0}"), "'\u{e0100}\\U000e01f0'");
        assert_eq!(str_repr("x\u{e0100}é€"), "'x\u{e0100}é€'");
    }

    #[test]
    fn lone_surrogates_print_escaped_like_cpython() {
        let cps = [0x61, 0xd800, 0x27, 0xdfff];
        assert_eq!(code_points_repr(cps.into_iter()), "\"a\\ud800'\\udfff\"");
        assert_eq!(code_points_repr("ab".chars().map(u32::from)), "'ab'");
    }

    #[test]
    fn bytes_escape_like_cpython() {
        assert_eq!(bytes_repr(b""), "b''");
        assert_eq!(bytes_repr(b"a'\x00\xff"), "b\"a'\\x00\\xff\"");
        assert_eq!(bytes_repr(b"\"'"), "b'\"\\''");
        assert_eq!(bytes_repr(b"|}~\x7f\x80\x81"), "b'|}~\\x7f\\x80\\x81'");
        assert_eq!(bytes_repr(b"\t\n\r\\"), "b'\\t\\n\\r\\\\'");
    }

    #[test]
    fn printable_matches_cpython_isprintable() {
        for c in [' ', 'a', '~', 'é', '€', '😀', '\u{e0100}'] {
            assert!(is_printable(c), "{c:?}");
        }
        for c in [
            '\0', '\n', '\x7f', '\u{a0}', '\u{ad}', '\u{378}', '\u{3000}', '\u{feff}',
        ] {
            assert!(!is_printable(c), "{c:?}");
        }
        for n in [0xd800, 0xdfff, 0xe000, 0xe01f0, 0x10ffff] {
            assert!(!is_printable_code_point(n), "{n:#x}");
        }
    }

    #[test]
    fn printable_table_is_sorted_and_disjoint() {
        // The binary search relies on it.
        let table = crate::printable::NOT_PRINTABLE;
        for w in table.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
        }
    }
}
