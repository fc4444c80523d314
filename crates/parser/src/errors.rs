//! Turning a parse failure into the SyntaxError CPython 3.11 reports for the same input.
//!
//! CPython's PEG parser has dedicated `invalid_*` rules; an LR parser only knows the
//! token it could not accept and what it expected instead. From those we recover the
//! common messages: "expected ':'", "expected an indented block after ...",
//! "unexpected indent", "invalid syntax"; anything else is "invalid syntax" at the token.

use lalrpop_util::ParseError;
use lexer::{Lexed, TokenKind as K};
use source::{LineIndex, SyntaxError, SyntaxErrorKind, TextRange, TextSize};

use crate::token_stream::Tok;
use crate::Failure;

/// Picks between the lexer's error (if any) and the parser's, as CPython would: the
/// parser consumes tokens as they come, so a parse error before the lexer's stops first.
pub fn choose(source: &str, lexed: &Lexed, failure: Failure) -> SyntaxError {
    if let Some(lex_error) = &lexed.error {
        let at_real_token = match &failure {
            ParseError::UnrecognizedToken { token, .. } | ParseError::ExtraToken { token } => {
                TextSize::from(token.0) < lex_error.range.start()
            }
            ParseError::User { error } => error.range.end() <= lex_error.range.start(),
            _ => false,
        };
        if !at_real_token {
            return lex_error.clone();
        }
    }
    parse_failure(source, failure)
}

fn at(offset: u32) -> TextRange {
    TextRange::empty(offset.into())
}

pub fn parse_failure(source: &str, failure: Failure) -> SyntaxError {
    match failure {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => SyntaxError::new("invalid syntax", at(location)),
        ParseError::UnrecognizedEof { location, .. } => {
            SyntaxError::new("invalid syntax", at(location))
        }
        ParseError::ExtraToken { token } => SyntaxError::new(
            "invalid syntax",
            TextRange::new(token.0.into(), token.2.into()),
        ),
        ParseError::UnrecognizedToken { token, expected } => unrecognized(source, token, &expected),
    }
}

fn unrecognized(source: &str, (l, tok, r): (u32, Tok, u32), expected: &[String]) -> SyntaxError {
    let expects = |name: &str| expected.iter().any(|e| e == name);
    match tok {
        Tok::K(K::Indent) => {
            return SyntaxError::with_kind(
                SyntaxErrorKind::IndentationError,
                "unexpected indent",
                at(r.saturating_sub(1).max(l)),
            )
        }
        Tok::K(K::Dedent) if !expects("Indent") => {
            return SyntaxError::with_kind(
                SyntaxErrorKind::IndentationError,
                "unindent does not match any outer indentation level",
                at(l),
            )
        }
        _ => {}
    }
    if expects("Indent") {
        if let Some(msg) = expected_block(source, l) {
            let next = next_token_range(source, l, r);
            return SyntaxError::with_kind(SyntaxErrorKind::IndentationError, msg, next);
        }
    }
    let zero_width = matches!(tok, Tok::K(K::Newline | K::Dedent));
    let range = if zero_width {
        at(l)
    } else {
        TextRange::new(l.into(), r.max(l).into())
    };
    if expects("\":\"") && matches!(tok, Tok::K(K::Newline)) && header_keyword(source, l).is_some()
    {
        return SyntaxError::new("expected ':'", range);
    }
    SyntaxError::new("invalid syntax", range)
}

/// The first token of the logical line holding byte `offset`, if it opens a block.
fn header_keyword(source: &str, offset: u32) -> Option<&'static str> {
    let index = LineIndex::new(source);
    let line = index.line_col(offset.into()).line;
    let text = index.line_text(source, line).trim_start();
    let word: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let word = if word == "async" {
        text["async".len()..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect()
    } else {
        word
    };
    Some(match word.as_str() {
        "if" => "'if' statement",
        "elif" => "'elif' statement",
        "else" => "'else' statement",
        "while" => "'while' statement",
        "for" => "'for' statement",
        "with" => "'with' statement",
        "try" => "'try' statement",
        "except" => "'except' statement",
        "finally" => "'finally' statement",
        "def" => "function definition",
        "class" => "class definition",
        "match" => "'match' statement",
        "case" => "'case' statement",
        _ => return None,
    })
}

/// "expected an indented block after 'if' statement on line 1", for a block that
/// is missing at byte `offset` (the token found where the INDENT should be).
fn expected_block(source: &str, offset: u32) -> Option<String> {
    // The header is the last non-blank line before the offending token.
    let index = LineIndex::new(source);
    let mut line = index.line_col(offset.into()).line;
    let header_line = loop {
        if line <= 1 {
            return None;
        }
        line -= 1;
        let text = index.line_text(source, line).trim();
        if !text.is_empty() && !text.starts_with('#') {
            break line;
        }
    };
    let start = index.line_start(header_line, source);
    let what = header_keyword(source, start.into())?;
    Some(format!(
        "expected an indented block after {what} on line {header_line}"
    ))
}

/// Where CPython points for a missing block: the first token of the next line.
fn next_token_range(source: &str, l: u32, r: u32) -> TextRange {
    let rest = source.get(l as usize..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start().len();
    let start = l as usize + skipped;
    let word_len = source
        .get(start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum::<usize>();
    if start >= source.len() {
        return at(r);
    }
    TextRange::new((start as u32).into(), ((start + word_len) as u32).into())
}
