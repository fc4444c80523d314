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
    // CPython 3.11's own `str.isprintable()` table (Unicode 14.0), shared via `pyrepr`.
    if pyrepr::is_printable(ch) {
        format!("invalid character '{ch}' (U+{code:04X})")
    } else {
        format!("invalid non-printable character U+{code:04X}")
    }
}
