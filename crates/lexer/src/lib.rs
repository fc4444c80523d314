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
//! f-strings are one `String` token, as in 3.11. A stray `$`, `?`, `!` or
//! backquote is an [`TokenKind::ErrorToken`] the parser rejects ("invalid syntax").
//!
//! Layers: `raw` (a logos DFA, plus hand scanners for strings and numbers that
//! give CPython's error messages), then `layout` (NEWLINE/NL, INDENT/DEDENT with
//! CPython's tab and continuation rules, bracket nesting, end of file).
//! Non-ASCII names are validated here (XID_Start/XID_Continue, `identifier`);
//! their NFKC normalization (PEP 3131) is the parser's job when it makes the
//! AST's identifier strings.
//!
//! Errors: `SyntaxError`/`IndentationError`/`TabError` with CPython's message;
//! `range.start` is where CPython's caret goes, as a byte offset (the driver
//! turns it into CPython's column, which counts characters for some tokenizer
//! messages and bytes for others).
//!
//! [`dump::dump_tokens`] reproduces `python3 -m tokenize FILE`, which follows
//! the `tokenize` module rather than the compiler.

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
    /// The SyntaxWarnings CPython's tokenizer emits, in source order (a number
    /// directly followed by a keyword, as in `1if x else 2`: "invalid decimal
    /// literal"). The driver prints them as the `warnings` module does.
    pub warnings: Vec<SyntaxWarning>,
}

/// A `SyntaxWarning` from the tokenizer: CPython's message and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxWarning {
    pub msg: String,
    pub range: TextRange,
}

/// Tokenizes a whole module.
///
/// Errors are CPython's C tokenizer's (message, exception kind and caret
/// position); tokens before the error are kept.
pub fn tokenize(source: &str) -> Lexed {
    layout::tokenize(source)
}
