//! The lexer: Python 3.11 source text → a flat vector of payload-free tokens.
//!
//! In: the source as `&str`; [`decode_source`] turns a file's bytes into it
//! (BOM, PEP 263 coding cookie).
//! Out: [`Lexed`], every token as a small `Copy` [`Token`] (`kind` + byte `range`)
//! in source order, trivia included (comments, NL), so tokens plus the whitespace
//! between them reproduce the source. Nothing is allocated per token; callers
//! slice the source with `token.range` when they need the text.
//!
//! Keywords get their own kinds so the parser's grammar can name them; the soft
//! keywords `match`, `case` and `_` stay [`TokenKind::Name`], as in CPython.

mod decode;
pub mod dump;
mod identifier;
mod layout;
mod raw;
mod token;

pub use decode::{decode_source, decode_source_file};
pub use source::{LineIndex, SyntaxError, SyntaxErrorKind, TextRange, TextSize};
pub use token::{Token, TokenKind};

/// The result of tokenizing one source text.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    /// Every token up to the first error, or up to and including `EndMarker`.
    pub tokens: Vec<Token>,
    /// The first error, as CPython's C tokenizer reports it; tokenizing stops there.
    pub error: Option<SyntaxError>,
}

/// Tokenizes a whole module.
///
/// Errors are CPython's C tokenizer's (message, exception kind and caret
/// position); tokens before the error are kept.
pub fn tokenize(source: &str) -> Lexed {
    layout::tokenize(source)
}
