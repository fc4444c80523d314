//! The parser: Python 3.11 source → the `ast` crate's tree, or CPython's SyntaxError.
//!
//! In: source text, tokenized by the `lexer` crate. Out: [`ast::Mod`] from
//! [`parse_module`], the only entry point, so the LR(1) backend (an lalrpop grammar,
//! `python.lalrpop`, generated in build.rs) stays swappable. Layers, in order:
//! `token_stream` (trivia, soft keywords, nesting limit) → the generated tables →
//! `actions` (node construction, CPython's target/argument checks) with helpers for
//! `strings` (escapes, f-strings), `numbers` and `targets`; `errors` turns the
//! parser's failures into CPython's messages.

mod actions;
mod depth;
mod errors;
mod extents;
mod identifiers;
mod numbers;
mod strings;
mod targets;
mod token_stream;

#[allow(
    clippy::all,
    clippy::pedantic,
    unused_parens,
    unused_imports,
    dead_code
)]
mod python {
    include!(concat!(env!("OUT_DIR"), "/python.rs"));
}

use actions::Top;
use lexer::Token;
use source::{SyntaxError, TextRange, TextSize};
use token_stream::{Tok, Triple};

/// Parses a whole module, as `ast.parse(source)` does.
pub fn parse_module(source: &str) -> Result<ast::Mod, SyntaxError> {
    let lexed = lexer::tokenize(source);
    let triples = token_stream::prepare(source, &lexed.tokens, Tok::StartModule)?;
    match run(source, triples) {
        Ok(Top::Module(mut m)) => {
            if let Some(e) = lexed.error {
                return Err(e);
            }
            if let Err(e) = depth::check(&m) {
                // Dropping a tree this deep would recurse past the stack: leak it
                // instead. Only pathological input (rejected by CPython too) gets here.
                std::mem::forget(m);
                return Err(e);
            }
            if let ast::Mod::Module { body, .. } = &mut m {
                extents::extend_over_semicolons(body, source);
            }
            Ok(m)
        }
        Ok(Top::Expression(_)) => Err(SyntaxError::new("invalid syntax", TextRange::default())),
        Err(failure) => Err(errors::choose(source, &lexed, failure)),
    }
}

/// Parses the input of `eval()`: one expression (a tuple without parentheses
/// included), as `ast.parse(source, mode="eval")` does.
pub fn parse_expression(source: &str) -> Result<ast::Mod, SyntaxError> {
    let lexed = lexer::tokenize(source);
    if let Some(e) = lexed.error {
        return Err(e);
    }
    let triples = token_stream::prepare(source, &lexed.tokens, Tok::StartExpression)?;
    match run(source, triples) {
        Ok(Top::Expression(e)) => Ok(ast::Mod::Expression { body: Box::new(e) }),
        Ok(Top::Module(_)) => Err(SyntaxError::new("invalid syntax", TextRange::default())),
        Err(failure) => {
            let mut e = errors::choose(source, &lexed, failure);
            // CPython's eval-mode grammar reaches `invalid_named_expression` (the
            // "Maybe you meant '=='" hint) only inside brackets, never for a
            // top-level `=`.
            let before = &source[..usize::from(e.range.start()).min(source.len())];
            let depth = before.chars().filter(|c| "([{".contains(*c)).count() as i64
                - before.chars().filter(|c| ")]}".contains(*c)).count() as i64;
            if depth <= 0 && e.msg.starts_with("invalid syntax. Maybe you meant '=='") {
                e.msg = "invalid syntax".to_owned();
            }
            Err(e)
        }
    }
}

/// Parses an f-string replacement field `text` found at byte `offset` of `source`.
///
/// Like CPython 3.11 it is parsed as `(text)`, with the parentheses placed on the
/// characters just before and after the text (the `{` and the `}`, `!`, `:` or `=`).
pub(crate) fn parse_fstring_expression(
    source: &str,
    offset: usize,
    text: &str,
) -> Result<ast::Expr, SyntaxError> {
    let wrapped = format!("({text})");
    let lexed = lexer::tokenize(&wrapped);
    // Position p of `(text)` is byte offset + p - 1 of the source; the opening paren
    // would land before offset 0 when the text starts the file, so it is clamped.
    let shift = |r: TextRange| {
        let map = |p: TextSize| TextSize::from((u32::from(p) + offset as u32).saturating_sub(1));
        TextRange::new(map(r.start()), map(r.end()))
    };
    if let Some(e) = lexed.error {
        return Err(SyntaxError::with_kind(
            e.kind,
            format!("f-string: {}", e.msg),
            shift(e.range),
        ));
    }
    let tokens: Vec<Token> = lexed
        .tokens
        .iter()
        .map(|t| Token {
            kind: t.kind,
            range: shift(t.range),
        })
        .collect();
    let triples = token_stream::prepare(source, &tokens, Tok::StartExpression)?;
    match run(source, triples) {
        Ok(Top::Expression(e)) => Ok(e),
        Ok(Top::Module(_)) => Err(SyntaxError::new(
            "f-string: invalid syntax",
            shift(TextRange::default()),
        )),
        Err(failure) => {
            // No context heuristics here: they re-parse pieces through this function.
            let mut e = errors::plain_failure(failure);
            if !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            Err(e)
        }
    }
}

type Failure = lalrpop_util::ParseError<u32, Tok, SyntaxError>;

fn run(source: &str, triples: Vec<Triple>) -> Result<Top, Failure> {
    python::TopParser::new().parse(source, triples.into_iter().map(Ok::<Triple, SyntaxError>))
}
