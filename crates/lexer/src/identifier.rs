//! PEP 3131 identifier validation for names with non-ASCII characters.
//!
//! The lexer only validates, with XID_Start/XID_Continue as CPython's
//! `verify_identifier` does; NFKC normalization of the name (PEP 3131) is the
//! parser's job when it builds the AST's identifier strings.

use source::{SyntaxError, TextRange, TextSize};

/// Checks `source[start..end]` (a name-shaped run) and reports the first
/// character that cannot be part of an identifier, worded as CPython does.
pub(crate) fn check_identifier(source: &str, start: usize, end: usize) -> Result<(), SyntaxError> {
    let text = &source[start..end];
    for (i, ch) in text.char_indices() {
        let ok = if i == 0 {
            ch == '_' || unicode_ident::is_xid_start(ch)
        } else {
            unicode_ident::is_xid_continue(ch)
        };
        if !ok {
            let pos = TextSize::from((start + i) as u32);
            return Err(SyntaxError::new(
                invalid_character_message(ch),
                TextRange::new(pos, pos),
            ));
        }
    }
    Ok(())
}

/// CPython's "invalid character" message, or its non-printable variant for
/// characters `str.isprintable()` rejects.
pub(crate) fn invalid_character_message(ch: char) -> String {
    let code = ch as u32;
    if is_printable(ch) {
        format!("invalid character '{ch}' (U+{code:04X})")
    } else {
        format!("invalid non-printable character U+{code:04X}")
    }
}

/// An approximation of `str.isprintable()` for the characters that reach here
/// (non-identifier characters): false for controls, separators other than the
/// ASCII space, format characters and private use.
pub(crate) fn is_printable(ch: char) -> bool {
    let c = ch as u32;
    !matches!(c,
        0..=0x1F | 0x7F..=0xA0 | 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891
        | 0x8E2 | 0x1680 | 0x180E | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x2064
        | 0x2066..=0x206F | 0x3000 | 0xD800..=0xF8FF | 0xFEFF | 0xFFF9..=0xFFFB
        | 0x110BD | 0x110CD | 0x13430..=0x13438 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0001 | 0xE0020..=0xE007F | 0xF0000..)
}
