//! The lexer-facing layer: lexer tokens → the `(start, Tok, end)` triples lalrpop reads.
//!
//! Besides dropping trivia it does the three things an LR(1) grammar cannot:
//! - marks the soft keywords `match`/`case` when they open a statement (`Tok::SoftMatch`),
//!   using the rule that such a line ends in a top-level `:` followed by NEWLINE;
//! - marks the parentheses of a parenthesized `with` item list (`with (a as b, c):`),
//!   which CPython's PEG parser tries before an ordinary parenthesized expression;
//! - enforces CPython's limit of 200 nested brackets, and rejects statements whose
//!   operator chains could build an expression deeper than CPython's limit
//!   ([`crate::depth::MAX_EXPR_DEPTH`]), so no deep tree is ever built: everything that
//!   consumes a tree (dump, compiler, `Drop`) recurses on it.

use lexer::{Token, TokenKind as K};
use source::SyntaxError;

/// CPython's tokenizer `MAXLEVEL`: the 201st open bracket is an error.
const MAX_NESTING: usize = 200;

/// A parser token: a lexer token kind or one of the marks this layer adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    K(K),
    StartModule,
    StartExpression,
    SoftMatch,
    SoftCase,
    WithLpar,
    WithRpar,
}

pub type Triple = (u32, Tok, u32);

fn triple(t: &Token) -> Triple {
    (t.range.start().into(), Tok::K(t.kind), t.range.end().into())
}

/// Filters and marks `tokens`; `start` is the entry point token put first.
pub fn prepare(source: &str, tokens: &[Token], start: Tok) -> Result<Vec<Triple>, SyntaxError> {
    let mut out: Vec<Triple> = Vec::with_capacity(tokens.len() + 1);
    out.push((0, start, 0));
    let mut depth = 0usize;
    let mut chains = ChainEstimate::default();
    for t in tokens {
        if t.kind.is_trivia() || t.kind == K::EndMarker {
            continue;
        }
        match t.kind {
            K::Lpar | K::Lsqb | K::Lbrace => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(SyntaxError::new("too many nested parentheses", t.range));
                }
            }
            K::Rpar | K::Rsqb | K::Rbrace => depth = depth.saturating_sub(1),
            _ => {}
        }
        if chains.step(t.kind) > crate::depth::MAX_EXPR_DEPTH {
            return Err(SyntaxError::new(
                "maximum recursion depth exceeded during ast construction",
                t.range,
            ));
        }
        out.push(triple(t));
    }
    mark_soft_keywords(source, &mut out);
    mark_with_parens(&mut out);
    Ok(out)
}

/// An upper bound on the expression depth reachable at the current token: per bracket
/// level, the operators and keywords since the last separator, summed over the open
/// levels. Every level of an expression tree needs at least one such token (an operator,
/// a `.`, a bracket, `not`, `lambda`, ...), while separators start a sibling.
#[derive(Default)]
struct ChainEstimate {
    levels: Vec<usize>,
    current: usize,
    total: usize,
}

impl ChainEstimate {
    fn step(&mut self, kind: K) -> usize {
        match kind {
            K::Newline => {
                self.levels.clear();
                self.current = 0;
                self.total = 0;
            }
            K::Comma | K::Semi | K::Equal => {
                self.total -= self.current;
                self.current = 0;
            }
            K::Lpar | K::Lsqb | K::Lbrace => {
                self.current += 1;
                self.total += 1;
                self.levels.push(self.current);
                self.current = 0;
            }
            K::Rpar | K::Rsqb | K::Rbrace => {
                self.total -= self.current;
                // The bracket itself stays counted in the enclosing level.
                self.current = self.levels.pop().unwrap_or(0);
            }
            K::Name
            | K::Number
            | K::String
            | K::Indent
            | K::Dedent
            | K::True
            | K::False
            | K::None
            | K::Ellipsis => {}
            _ => {
                self.current += 1;
                self.total += 1;
            }
        }
        self.total
    }
}

fn is_kind(t: Option<&Triple>, kind: K) -> bool {
    matches!(t, Some((_, Tok::K(k), _)) if *k == kind)
}

fn text<'s>(source: &'s str, t: &Triple) -> &'s str {
    source.get(t.0 as usize..t.2 as usize).unwrap_or("")
}

/// `match`/`case` at the start of a logical line whose last top-level token before
/// NEWLINE is `:` are keywords; everywhere else they are names.
fn mark_soft_keywords(source: &str, toks: &mut [Triple]) {
    // Which open blocks are the bodies of `match` statements: only there does a
    // line-leading `case` open a case clause (whose body may follow on the same line).
    let mut match_blocks: Vec<bool> = Vec::new();
    let mut match_header_pending = false;
    for i in 1..toks.len() {
        match toks[i].1 {
            Tok::K(K::Indent) => {
                match_blocks.push(match_header_pending);
                match_header_pending = false;
                continue;
            }
            Tok::K(K::Dedent) => {
                match_blocks.pop();
                continue;
            }
            Tok::K(K::Name) => {}
            _ => continue,
        }
        let word = text(source, &toks[i]);
        if word != "match" && word != "case" {
            continue;
        }
        let at_line_start = matches!(
            toks[i - 1].1,
            Tok::K(K::Newline | K::Indent | K::Dedent) | Tok::StartModule
        );
        if !at_line_start || is_kind(toks.get(i + 1), K::Colon) {
            continue;
        }
        if word == "match" && line_is_block_header(toks, i + 1, true) {
            toks[i].1 = Tok::SoftMatch;
            match_header_pending = true;
        } else if word == "case"
            && match_blocks.last() == Some(&true)
            && line_is_block_header(toks, i + 1, false)
        {
            toks[i].1 = Tok::SoftCase;
        }
    }
}

/// Whether the logical line from `from` has a top-level `:` (directly before its
/// NEWLINE when `block_follows`, as a `match` header needs).
fn line_is_block_header(toks: &[Triple], from: usize, block_follows: bool) -> bool {
    let mut depth = 0i32;
    let mut j = from;
    while j < toks.len() {
        match toks[j].1 {
            Tok::K(K::Lpar | K::Lsqb | K::Lbrace) => depth += 1,
            Tok::K(K::Rpar | K::Rsqb | K::Rbrace) => depth -= 1,
            Tok::K(K::Newline) => return false,
            Tok::K(K::Colon)
                if depth == 0 && (!block_follows || is_kind(toks.get(j + 1), K::Newline)) =>
            {
                return true;
            }
            _ => {}
        }
        j += 1;
    }
    false
}

/// `with (` ... `) :` where the inside is a list of with-items: mark both parens.
fn mark_with_parens(toks: &mut [Triple]) {
    for i in 0..toks.len() {
        if !is_kind(toks.get(i), K::With) || !is_kind(toks.get(i + 1), K::Lpar) {
            continue;
        }
        let open = i + 1;
        let mut depth = 0i32;
        let mut close = None;
        let mut plain_items = true;
        for (j, t) in toks.iter().enumerate().skip(open) {
            match t.1 {
                Tok::K(K::Lpar | K::Lsqb | K::Lbrace) => depth += 1,
                Tok::K(K::Rpar | K::Rsqb | K::Rbrace) => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                // A generator, walrus, yield or star makes `( ... )` an ordinary expression.
                Tok::K(K::For | K::ColonEqual | K::Yield) if depth == 1 => plain_items = false,
                // A starred element (`*b` after `(` or `,`), not a multiplication.
                Tok::K(K::Star)
                    if depth == 1 && matches!(toks[j - 1].1, Tok::K(K::Lpar | K::Comma)) =>
                {
                    plain_items = false
                }
                Tok::K(K::Newline) => break,
                _ => {}
            }
        }
        let Some(close) = close else { continue };
        if plain_items && close > open + 1 && is_kind(toks.get(close + 1), K::Colon) {
            toks[open].1 = Tok::WithLpar;
            toks[close].1 = Tok::WithRpar;
        }
    }
}
