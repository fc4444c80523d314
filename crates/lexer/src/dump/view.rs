//! Our tokens seen the way the `tokenize` module reports them: coarse type
//! names, text, and (line, character column) positions, with the module's
//! conventions for the tokens it synthesizes at end of file.

use source::{LineIndex, TextSize};

use crate::token::{Token, TokenKind};

/// One token as `python3 -m tokenize` shows it (without the ENCODING token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleToken<'s> {
    /// `tok_name` of the token's coarse type (`NAME`, `OP`, `NEWLINE`, ...).
    pub kind: &'static str,
    pub string: &'s str,
    /// 1-based line, 0-based column in characters.
    pub start: (u32, u32),
    pub end: (u32, u32),
}

/// Converts `tokenize()`'s tokens of an accepted source to the module's view.
pub fn module_view<'s>(source: &'s str, tokens: &[Token]) -> Vec<ModuleToken<'s>> {
    let index = LineIndex::new(source);
    let position = |offset: TextSize| {
        let line = index.line_col(offset).line;
        (line, index.char_column(source, offset))
    };
    let len = TextSize::from(source.len() as u32);
    let eof = eof_position(source, &index);
    let mut out = Vec::with_capacity(tokens.len());
    let mut depth = 0usize;
    for token in tokens {
        let text = &source[token.range];
        match token.kind {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        let at_eof = token.range.is_empty() && token.range.start() == len;
        // The module adds no NEWLINE after a last line that is a comment, even
        // one continuing a statement.
        if at_eof
            && token.kind == TokenKind::Newline
            && index
                .line_text(source, index.line_col(len).line)
                .trim()
                .starts_with('#')
        {
            continue;
        }
        if token.kind == TokenKind::Name && !text.is_ascii() {
            split_name(source, token, &position, &mut out);
            continue;
        }
        if token.kind == TokenKind::ErrorToken {
            // The module's scanner fails before skipping blanks, so each blank
            // before an unmatched character is an ERRORTOKEN of its own.
            let start = usize::from(token.range.start());
            let blanks = source[..start]
                .bytes()
                .rev()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
                .count();
            for at in start - blanks..start {
                out.push(ModuleToken {
                    kind: "ERRORTOKEN",
                    string: &source[at..at + 1],
                    start: position(TextSize::from(at as u32)),
                    end: position(TextSize::from(at as u32 + 1)),
                });
            }
        }
        out.push({
            let string = text;
            let mut start = position(token.range.start());
            let mut end = position(token.range.end());
            if matches!(token.kind, TokenKind::Newline | TokenKind::Nl) && !string.is_empty() {
                // The module ends a line break on its own line, not at the next line's start.
                end = (start.0, start.1 + string.chars().count() as u32);
            } else if token.range.is_empty() && token.range.start() == len {
                match token.kind {
                    // The NEWLINE the module adds after a last line without one
                    // spans one column past the line's end.
                    TokenKind::Newline => end.1 += 1,
                    TokenKind::Nl => {}
                    _ => {
                        start = eof;
                        end = eof;
                    }
                }
            }
            // A line break reached through a backslash continuation is read by
            // the module's continued-statement branch, which calls it NEWLINE
            // outside brackets (the compiler sees a blank line).
            let kind = if token.kind == TokenKind::Nl
                && depth == 0
                && !string.is_empty()
                && follows_continuation(source, usize::from(token.range.start()))
            {
                "NEWLINE"
            } else {
                token.kind.tokenize_name()
            };
            ModuleToken {
                kind,
                string,
                start,
                end,
            }
        });
    }
    out
}

/// The module's names are `\w+`: an identifier with characters that are valid
/// XID_Continue but not alphanumeric (U+00B7, combining marks, variation
/// selectors) comes out as NAME runs with one ERRORTOKEN per such character.
fn split_name<'s>(
    source: &'s str,
    token: &Token,
    position: &dyn Fn(TextSize) -> (u32, u32),
    out: &mut Vec<ModuleToken<'s>>,
) {
    let start = usize::from(token.range.start());
    let end = usize::from(token.range.end());
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut run_start = start;
    let mut emit = |kind: &'static str, from: usize, to: usize| {
        out.push(ModuleToken {
            kind,
            string: &source[from..to],
            start: position(TextSize::from(from as u32)),
            end: position(TextSize::from(to as u32)),
        });
    };
    for (i, c) in source[start..end].char_indices() {
        let at = start + i;
        if !is_word(c) {
            if run_start < at {
                emit("NAME", run_start, at);
            }
            emit("ERRORTOKEN", at, at + c.len_utf8());
            run_start = at + c.len_utf8();
        }
    }
    if run_start < end {
        emit("NAME", run_start, end);
    }
}

/// Whether the physical line holding `offset` is only blanks before `offset` and
/// the line before it ends in a backslash continuation.
fn follows_continuation(source: &str, offset: usize) -> bool {
    let before = source[..offset].trim_end_matches([' ', '\t', '\x0c']);
    let before = before
        .strip_suffix("\r\n")
        .or_else(|| before.strip_suffix('\n'))
        .or_else(|| before.strip_suffix('\r'));
    before.is_some_and(|b| b.ends_with('\\'))
}

/// Where the module puts DEDENT and ENDMARKER: column 0 of the line after the
/// last, except that a trailing line of only blanks (no newline) that starts a
/// statement is that line.
fn eof_position(source: &str, index: &LineIndex) -> (u32, u32) {
    let at_end = index.line_col(TextSize::from(source.len() as u32));
    if at_end.col == 0 {
        return (at_end.line, 0);
    }
    let last_line = index.line_text(source, at_end.line);
    let last_start = usize::from(index.line_start(at_end.line, source));
    let blank = last_line
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\x0c'));
    if blank && !follows_continuation(source, last_start) {
        (at_end.line, 0)
    } else {
        (at_end.line + 1, 0)
    }
}
