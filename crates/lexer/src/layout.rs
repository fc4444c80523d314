//! The layout layer: raw tokens in, Python's logical-line tokens out.
//!
//! Owns what a regular lexer cannot know: whether a line break ends a logical
//! line (NEWLINE) or not (NL: blank lines, comment-only lines, inside brackets),
//! the indentation stack (INDENT/DEDENT, with CPython's tab rules and TabError),
//! bracket nesting and its errors, and the implicit NEWLINE/DEDENTs at end of file.

use logos::Logos;
use source::{SyntaxError, SyntaxErrorKind, TextRange, TextSize};

use crate::identifier::check_identifier;
use crate::raw::{Raw, ScanError};
use crate::token::{Token, TokenKind};
use crate::{Lexed, SyntaxWarning};

/// CPython's `MAXINDENT`: the indentation stack holds at most this many levels.
const MAX_INDENT: usize = 100;
/// Why tokenizing stopped early.
enum Stop {
    Error(SyntaxError),
    /// A token reached the line holding a NUL byte.
    NullLine,
}

impl From<SyntaxError> for Stop {
    fn from(err: SyntaxError) -> Self {
        Stop::Error(err)
    }
}
/// CPython's `MAXLEVEL`: brackets nest at most this deep.
const MAX_LEVEL: usize = 200;

/// One indentation level: the column with tabs to multiples of 8, and the
/// "alternate" column with tabs as 1, which CPython compares to detect a
/// meaning that depends on the tab size (TabError).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Indent {
    col: u32,
    alt: u32,
}

struct Layout<'s> {
    source: &'s str,
    tokens: Vec<Token>,
    indents: Vec<Indent>,
    /// Open brackets: the kind and the byte offset of each.
    brackets: Vec<(TokenKind, u32)>,
    /// Offset where the current physical line starts.
    line_start: usize,
    /// No token seen yet on the current logical line's first physical line
    /// (backslash continuations inside the indentation keep it set).
    at_line_start: bool,
    /// Where CPython's `tok->buf` starts: the line read last outside a token (a
    /// string or mid-line continuation spanning lines keeps the line it started
    /// on). Only the "unexpected character after line continuation" column
    /// counts from here; when that column passes the end of the current line,
    /// CPython's offset cannot be expressed as a position and is clamped.
    buf_start: usize,
    /// The current logical line has a token the parser sees (not only trivia).
    has_content: bool,
    warnings: Vec<SyntaxWarning>,
}

pub(crate) fn tokenize(source: &str) -> Lexed {
    let mut layout = Layout {
        source,
        // Measured on the stdlib: about one token per 5 bytes.
        tokens: Vec::with_capacity(source.len() / 5 + 4),
        indents: vec![Indent { col: 0, alt: 0 }],
        brackets: Vec::new(),
        line_start: 0,
        at_line_start: true,
        buf_start: 0,
        has_content: false,
        warnings: Vec::new(),
    };
    // `contains` on bytes is a memchr; the position is only needed when it hits.
    let nul = if source.as_bytes().contains(&0) {
        source.bytes().position(|b| b == 0)
    } else {
        Option::None
    };
    let error = match nul {
        Option::None => layout.run().err(),
        Some(nul) => layout.run_until_null(nul).err(),
    };
    Lexed {
        tokens: layout.tokens,
        error,
        warnings: layout.warnings,
    }
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}

fn at(offset: usize) -> TextRange {
    range(offset, offset)
}

/// The 1-based line of `offset`, counting `\n`, `\r\n` and lone `\r` endings.
/// Only error paths call this, so a linear scan is fine.
pub(crate) fn line_number(source: &str, offset: usize) -> usize {
    let bytes = &source.as_bytes()[..offset.min(source.len())];
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}

impl Layout<'_> {
    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            range: range(start, end),
        });
    }

    /// CPython checks each line for NUL as it reads it: everything before the
    /// line holding the first NUL tokenizes normally (and may fail first); any
    /// token reaching that line gets the null-byte error instead.
    fn run_until_null(&mut self, nul: usize) -> Result<(), SyntaxError> {
        let null_line = self.physical_line_start(nul);
        match self.run_limited(null_line) {
            Ok(()) => Ok(()),
            Err(Stop::Error(err)) => Err(err),
            Err(Stop::NullLine) => {
                let keep = self
                    .tokens
                    .iter()
                    .take_while(|t| usize::from(t.range.end()) <= null_line)
                    .count();
                self.tokens.truncate(keep);
                Err(SyntaxError::new(
                    "source code cannot contain null bytes",
                    at(nul),
                ))
            }
        }
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        match self.run_limited(usize::MAX) {
            Ok(()) => Ok(()),
            Err(Stop::Error(err)) => Err(err),
            // Unreachable without a limit; an empty error keeps it panic-free.
            Err(Stop::NullLine) => Err(SyntaxError::new("", at(0))),
        }
    }

    /// Tokenizes until a raw token ends past `limit` (then stops with
    /// [`Stop::NullLine`]), or to the end of the source.
    fn run_limited(&mut self, limit: usize) -> Result<(), Stop> {
        let source = self.source;
        let mut raw = Raw::lexer(source);
        let mut last_continuation = None;
        while let Some(item) = raw.next() {
            let span = raw.span();
            let (start, end) = (span.start, span.end);
            if end > limit {
                return Err(Stop::NullLine);
            }
            if self.at_line_start {
                match item {
                    // CPython reads backslash continuations as part of the
                    // indentation: the next physical line still starts this one.
                    Ok(Raw::Continuation) => {
                        last_continuation = Some(start);
                        self.buf_start = end;
                        continue;
                    }
                    // Blank and comment-only lines do not take part in
                    // indentation; neither does a line whose indentation ends in
                    // a stray backslash (its error comes first).
                    Ok(Raw::Newline | Raw::Comment | Raw::Backslash) => {}
                    _ if self.brackets.is_empty() => self.indentation(start)?,
                    _ => {}
                }
                self.at_line_start = false;
            }
            last_continuation = None;
            let Ok(token) = item else {
                self.unknown_character(start, end)?;
                continue;
            };
            match token {
                Raw::Newline => {
                    let kind = if self.has_content && self.brackets.is_empty() {
                        TokenKind::Newline
                    } else {
                        TokenKind::Nl
                    };
                    self.push(kind, start, end);
                    if self.brackets.is_empty() {
                        self.has_content = false;
                    }
                    self.at_line_start = true;
                    self.line_start = end;
                    self.buf_start = end;
                }
                Raw::Comment => self.push(TokenKind::Comment, start, end),
                // Mid-line, CPython reads the next line while still inside the
                // continuation token, so `tok->buf` keeps its start.
                Raw::Continuation => last_continuation = Some(start),
                Raw::Backslash => {
                    if end == source.len() {
                        return Err(
                            SyntaxError::new("unexpected EOF while parsing", at(end)).into()
                        );
                    }
                    // CPython's column is `cur - buf - 1`, counted from the line a
                    // preceding multi-line string started on; it is reported on
                    // the current line, so place it there.
                    let line_start = self.physical_line_start(start);
                    let column = end - self.buf_start;
                    let line_end = source[line_start..]
                        .find(['\n', '\r'])
                        .map_or(source.len(), |n| line_start + n);
                    let pos = (line_start + column).min(line_end);
                    return Err(SyntaxError::new(
                        "unexpected character after line continuation character",
                        at(pos),
                    )
                    .into());
                }
                Raw::Name => {
                    if !source.as_bytes()[start..end].is_ascii() {
                        check_identifier(source, start, end)?;
                    }
                    self.push(TokenKind::Name, start, end);
                    self.has_content = true;
                }
                Raw::String | Raw::Number => {
                    if let Some(err) = raw.extras.error.take() {
                        return Err(self.scan_error(err, start, end).into());
                    }
                    if let Some((kind, pos)) = raw.extras.warning.take() {
                        self.warnings.push(SyntaxWarning {
                            msg: kind.message(),
                            range: at(pos),
                        });
                    }
                    let kind = if token == Raw::String {
                        TokenKind::String
                    } else {
                        TokenKind::Number
                    };
                    self.push(kind, start, end);
                    self.has_content = true;
                }
                Raw::Keyword(kind) | Raw::Op(kind) => {
                    self.push(kind, start, end);
                    self.has_content = true;
                }
                Raw::Open(kind) => {
                    if self.brackets.len() >= MAX_LEVEL {
                        return Err(
                            SyntaxError::new("too many nested parentheses", at(start)).into()
                        );
                    }
                    self.brackets.push((kind, start as u32));
                    self.push(kind, start, end);
                    self.has_content = true;
                }
                Raw::Close(kind) => {
                    self.close_bracket(kind, start)?;
                    self.push(kind, start, end);
                    self.has_content = true;
                }
            }
        }
        if limit != usize::MAX {
            return Err(Stop::NullLine);
        }
        Ok(self.end_of_file(last_continuation)?)
    }

    /// The start of the physical line holding `offset`.
    fn physical_line_start(&self, offset: usize) -> usize {
        self.source.as_bytes()[..offset]
            .iter()
            .rposition(|&b| matches!(b, b'\n' | b'\r'))
            .map_or(0, |i| i + 1)
    }

    /// Compares the new line's indentation with the stack (CPython's rules, including
    /// the alternate tab size 1 that turns ambiguous tab use into TabError).
    fn indentation(&mut self, first: usize) -> Result<(), SyntaxError> {
        let mut col = 0u32;
        let mut alt = 0u32;
        // The column at the first backslash continuation, if any: CPython's
        // `cont_line_col`, which then fixes both columns -- unless it is 0 (C's
        // falsy zero), in which case the following lines' blanks keep counting.
        let mut cont_col: Option<u32> = Option::None;
        let mut indent_end = first;
        for (i, &b) in self.source.as_bytes()[self.line_start..first]
            .iter()
            .enumerate()
        {
            match b {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                // A form feed resets the column, as in CPython.
                b'\x0c' => {
                    col = 0;
                    alt = 0;
                }
                b'\\' => {
                    if cont_col.is_none() {
                        indent_end = self.line_start + i;
                    }
                    if cont_col.is_none_or(|c| c == 0) {
                        cont_col = Some(col);
                    }
                }
                // The line ending of a continuation.
                _ => {}
            }
        }
        if let Some(c) = cont_col.filter(|&c| c != 0) {
            col = c;
            alt = c;
        }
        let line_start = self.physical_line_start(first);
        let top = *self.indents.last().unwrap_or(&Indent { col: 0, alt: 0 });
        let tab_error = || {
            SyntaxError::with_kind(
                SyntaxErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                at(line_start),
            )
        };
        if col == top.col {
            if alt != top.alt {
                return Err(tab_error());
            }
        } else if col > top.col {
            if self.indents.len() >= MAX_INDENT {
                return Err(SyntaxError::with_kind(
                    SyntaxErrorKind::IndentationError,
                    "too many levels of indentation",
                    at(line_start),
                ));
            }
            if alt <= top.alt {
                return Err(tab_error());
            }
            self.indents.push(Indent { col, alt });
            // CPython reports an INDENT on the line where its indentation ends:
            // after backslash continuations, that is the first token's line.
            let indent_range = if cont_col.is_some() {
                (line_start, first)
            } else {
                (self.line_start, indent_end)
            };
            self.push(TokenKind::Indent, indent_range.0, indent_range.1);
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|i| col < i.col) {
                self.indents.pop();
                // At the first token, or at a backslash continuing the
                // indentation (where the `tokenize` module puts it).
                self.push(TokenKind::Dedent, indent_end, indent_end);
            }
            let top = *self.indents.last().unwrap_or(&Indent { col: 0, alt: 0 });
            if col != top.col {
                // CPython points just past the end of the offending line.
                let line_end = self.source[first..]
                    .find(['\n', '\r'])
                    .map_or(self.source.len(), |n| first + n);
                return Err(SyntaxError::with_kind(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    at(line_end),
                ));
            }
            if alt != top.alt {
                return Err(tab_error());
            }
        }
        Ok(())
    }

    fn close_bracket(&mut self, kind: TokenKind, start: usize) -> Result<(), SyntaxError> {
        let close = bracket_char(kind);
        let Some((open_kind, open_at)) = self.brackets.pop() else {
            return Err(SyntaxError::new(format!("unmatched '{close}'"), at(start)));
        };
        let open = bracket_char(open_kind);
        let matches = matches!((open, close), ('(', ')') | ('[', ']') | ('{', '}'));
        if !matches {
            let open_line = line_number(self.source, open_at as usize);
            let msg = if open_line != line_number(self.source, start) {
                format!(
                    "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {open_line}"
                )
            } else {
                format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'")
            };
            return Err(SyntaxError::new(msg, at(start)));
        }
        Ok(())
    }

    /// A byte no token starts with: CPython passes `$`, `?`, `!` and backquote to
    /// the parser (which says "invalid syntax"); control characters and NUL are
    /// the tokenizer's own errors.
    fn unknown_character(&mut self, start: usize, end: usize) -> Result<(), SyntaxError> {
        let bytes = self.source.as_bytes();
        match bytes[start] {
            b if b < 0x20 || b == 0x7f => Err(SyntaxError::new(
                format!("invalid non-printable character U+{b:04X}"),
                at(start),
            )),
            _ => {
                self.push(TokenKind::ErrorToken, start, end);
                self.has_content = true;
                Ok(())
            }
        }
    }

    fn scan_error(&self, err: ScanError, start: usize, end: usize) -> SyntaxError {
        match err {
            ScanError::Number(kind, cur) => {
                // CPython's caret is the character before its read position.
                let pos = self.char_before(cur.min(self.source.len()));
                SyntaxError::new(kind.message(), at(pos))
            }
            ScanError::LeadingZeros(zeros_end) => SyntaxError::new(
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers",
                range(start, self.char_before(zeros_end.min(self.source.len()))),
            ),
            ScanError::Unterminated { triple } => {
                let detected = if triple || end == self.source.len() {
                    line_number(self.source, self.source.len().saturating_sub(1).max(start))
                } else {
                    line_number(self.source, end)
                };
                let what = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                SyntaxError::new(format!("{what} (detected at line {detected})"), at(start))
            }
        }
    }

    fn char_before(&self, offset: usize) -> usize {
        let mut pos = offset.saturating_sub(1);
        while pos > 0 && !self.source.is_char_boundary(pos) {
            pos -= 1;
        }
        pos
    }

    fn end_of_file(&mut self, last_continuation: Option<usize>) -> Result<(), SyntaxError> {
        let len = self.source.len();
        // A backslash-newline with nothing after it: CPython finds EOF where
        // the joined line should continue.
        if let Some(backslash) = last_continuation {
            let after = self.source[backslash + 1..].trim_start_matches(['\r', '\n']);
            if after.is_empty() {
                return Err(SyntaxError::new(
                    "unexpected EOF while parsing",
                    at(backslash + 1),
                ));
            }
        }
        if let Some(&(kind, open_at)) = self.brackets.last() {
            return Err(SyntaxError::new(
                format!("'{}' was never closed", bracket_char(kind)),
                at(open_at as usize),
            ));
        }
        // CPython reads a missing final newline as if it were there.
        if self.has_content {
            self.push(TokenKind::Newline, len, len);
        } else if !self.at_line_start {
            self.push(TokenKind::Nl, len, len);
        }
        for _ in 1..self.indents.len() {
            self.push(TokenKind::Dedent, len, len);
        }
        self.indents.truncate(1);
        self.push(TokenKind::EndMarker, len, len);
        Ok(())
    }
}

fn bracket_char(kind: TokenKind) -> char {
    match kind {
        TokenKind::Lpar => '(',
        TokenKind::Rpar => ')',
        TokenKind::Lsqb => '[',
        TokenKind::Rsqb => ']',
        TokenKind::Lbrace => '{',
        _ => '}',
    }
}
