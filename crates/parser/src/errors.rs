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

/// Picks between the lexer's error (if any) and the parser's, as CPython 3.11 does: after
/// a parse error it tokenizes the rest of the file, and a tokenizer error found there
/// replaces the parser's. Unclosed brackets are the exception (the tokenizer only sees
/// them at the end): they win only over a parse error on a later line, or at the end.
pub fn choose(source: &str, lexed: &Lexed, failure: Failure) -> SyntaxError {
    let Some(lex_error) = &lexed.error else {
        return parse_failure(source, failure);
    };
    // CPython reports a parse failure at an INDENT as "unexpected indent" without
    // looking further for tokenizer errors.
    if let ParseError::UnrecognizedToken {
        token: (_, Tok::K(K::Indent), _),
        ..
    } = failure
    {
        return parse_failure(source, failure);
    }
    // Indentation errors are not raised by CPython's tokenizer itself (its parser turns
    // them into exceptions when it reaches them), so an earlier parse error stands.
    if lex_error.kind != SyntaxErrorKind::SyntaxError {
        let parse_error = parse_failure(source, failure);
        // The tokenizer meets a bad dedent before the first token of its line.
        let index = LineIndex::new(source);
        let line = index.line_col(lex_error.range.start()).line;
        if parse_error.range.start() < index.line_start(line, source) {
            return parse_error;
        }
        return lex_error.clone();
    }
    if !lex_error.msg.ends_with("was never closed") {
        return lex_error.clone();
    }
    // CPython compares the line of the last token its parser read (here: the token
    // it failed on) with the line of the unclosed bracket.
    let last_read = match &failure {
        ParseError::UnrecognizedEof { .. } => return lex_error.clone(),
        ParseError::UnrecognizedToken { token, .. } | ParseError::ExtraToken { token } => {
            token.0.into()
        }
        ParseError::InvalidToken { location } => (*location).into(),
        ParseError::User { error } => error.range.end(),
    };
    let index = LineIndex::new(source);
    let parse_error = parse_failure(source, failure);
    // CPython's rules for `=` read the token after the right-hand side: with the
    // bracket unclosed, that is the end of the input.
    let reads_on = parse_error.msg.contains("Maybe you meant '=='")
        || parse_error
            .msg
            .starts_with("expression cannot contain assignment");
    let last_read = if reads_on {
        TextSize::from(source.len() as u32)
    } else {
        last_read
    };
    if index.line_col(last_read).line > index.line_col(lex_error.range.start()).line {
        return lex_error.clone();
    }
    parse_error
}

fn at(offset: u32) -> TextRange {
    TextRange::empty(offset.into())
}

/// A failure as "invalid syntax" at the offending token, without looking at context.
pub fn plain_failure(failure: Failure) -> SyntaxError {
    match failure {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } | ParseError::UnrecognizedEof { location, .. } => {
            SyntaxError::new("invalid syntax", at(location))
        }
        ParseError::UnrecognizedToken { token, .. } | ParseError::ExtraToken { token } => {
            SyntaxError::new(
                "invalid syntax",
                TextRange::new(token.0.into(), token.2.into()),
            )
        }
    }
}

pub fn parse_failure(source: &str, failure: Failure) -> SyntaxError {
    match failure {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => SyntaxError::new("invalid syntax", at(location)),
        ParseError::UnrecognizedEof { location, expected } => {
            let expects = |name: &str| expected.iter().any(|e| e == name);
            // CPython points at the last line break it read (NEWLINE or a blank
            // line's NL), or at the end when the text has no final newline.
            let newline_at = last_line_break(source).unwrap_or(source.len() as u32);
            if expects("\"except\"") && expects("\"finally\"") {
                return SyntaxError::new("expected 'except' or 'finally' block", at(newline_at));
            }
            if expects("Indent") {
                if let Some(msg) = expected_block(source, location) {
                    return SyntaxError::with_kind(
                        SyntaxErrorKind::IndentationError,
                        msg,
                        at(newline_at),
                    );
                }
            }
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
    if tok == Tok::K(K::Indent) {
        return SyntaxError::with_kind(
            SyntaxErrorKind::IndentationError,
            "unexpected indent",
            at(r.saturating_sub(1).max(l)),
        );
    }
    if expects("Indent") {
        if let Some(msg) = expected_block(source, l) {
            // Nothing but DEDENTs left: CPython points at the last line break.
            let next = if tok == Tok::K(K::Dedent) && source[l as usize..].trim().is_empty() {
                at(last_line_break(source).unwrap_or(source.len() as u32))
            } else {
                next_token_range(source, l, r)
            };
            return SyntaxError::with_kind(SyntaxErrorKind::IndentationError, msg, next);
        }
    }
    let range = if tok == Tok::K(K::Newline) {
        // CPython's NEWLINE token spans a comment ending the line, up to the line break.
        TextRange::new(newline_position(source, l).into(), l.into())
    } else if tok == Tok::K(K::Dedent) {
        // A DEDENT directly follows the NEWLINE that ends the previous line's text.
        let text = source.get(..l as usize).unwrap_or("");
        at(newline_position(source, text.trim_end().len() as u32))
    } else {
        TextRange::new(l.into(), r.max(l).into())
    };
    if expects("\":\"")
        && matches!(tok, Tok::K(K::Newline))
        && header_keyword(source, l).is_some()
        && !lambda_in_line(source, l)
    {
        return SyntaxError::new("expected ':'", range);
    }
    // CPython's forced tokens (`&&':'`, `&&'('`): where nothing else could follow.
    let only = |names: &[&str]| expected.iter().all(|e| names.contains(&e.as_str()));
    let bracketed = innermost_open(&tokens_before(source, l)).is_some();
    if expects("\":\"") && only(&["\":\"", "\"->\""]) && !bracketed && !lambda_in_line(source, l) {
        return SyntaxError::new("expected ':'", range);
    }
    if expects("\"(\"") && only(&["\"(\""]) {
        return SyntaxError::new("expected '('", range);
    }
    if expects("\"except\"") && expects("\"finally\"") {
        return SyntaxError::new("expected 'except' or 'finally' block", range);
    }
    if let Some(e) = from_context(source, l, tok, expected) {
        return e;
    }
    if tok == Tok::K(K::Dedent) {
        return SyntaxError::with_kind(
            SyntaxErrorKind::IndentationError,
            "unexpected unindent",
            range,
        );
    }
    SyntaxError::new("invalid syntax", range)
}

/// Whether the logical line before `l` has a `lambda` (whose `:` is not forced).
fn lambda_in_line(source: &str, l: u32) -> bool {
    tokens_before(source, l)
        .iter()
        .rev()
        .take_while(|t| !matches!(t.1, K::Newline | K::Indent | K::Dedent))
        .any(|t| t.1 == K::Lambda)
}

/// Start of the source's final line break, if it ends with one.
fn last_line_break(source: &str) -> Option<u32> {
    let bytes = source.as_bytes();
    match bytes.last()? {
        b'\n' if bytes.len() >= 2 && bytes[bytes.len() - 2] == b'\r' => {
            Some(bytes.len() as u32 - 2)
        }
        b'\n' | b'\r' => Some(bytes.len() as u32 - 1),
        _ => None,
    }
}

/// Where CPython's NEWLINE token at `l` starts: at a comment ending the line, if any.
fn newline_position(source: &str, l: u32) -> u32 {
    let line_start = source
        .get(..l as usize)
        .and_then(|t| t.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1);
    lexer::tokenize(source)
        .tokens
        .iter()
        .rev()
        .find(|t| {
            t.kind == K::Comment
                && usize::from(t.range.start()) >= line_start
                && u32::from(t.range.end()) <= l
        })
        .map_or(l, |t| t.range.start().into())
}

/// The non-trivia tokens before byte `offset` (re-lexed: this is the error path only).
fn tokens_before(source: &str, offset: u32) -> Vec<(u32, K, u32)> {
    lexer::tokenize(source)
        .tokens
        .iter()
        .filter(|t| !t.kind.is_trivia() && u32::from(t.range.end()) <= offset)
        .map(|t| (t.range.start().into(), t.kind, t.range.end().into()))
        .collect()
}

fn ends_expression(kind: K) -> bool {
    matches!(
        kind,
        K::Name
            | K::Number
            | K::String
            | K::Rpar
            | K::Rsqb
            | K::Rbrace
            | K::True
            | K::False
            | K::None
            | K::Ellipsis
    )
}

fn starts_expression(kind: K) -> bool {
    matches!(
        kind,
        K::Name
            | K::Number
            | K::String
            | K::Lpar
            | K::Lsqb
            | K::Lbrace
            | K::True
            | K::False
            | K::None
            | K::Ellipsis
            | K::Minus
            | K::Plus
            | K::Tilde
            | K::Not
            | K::Lambda
            | K::Await
    )
}

/// Keywords that may appear inside an expression (everything else separates).
fn inside_expression(kind: K) -> bool {
    matches!(
        kind,
        K::True | K::False | K::None | K::Not | K::And | K::Or | K::Is | K::In | K::Await
    )
}

/// Start of the expression that ends with `before[..end]`: back to the nearest separator
/// at the same bracket depth (an open bracket, `,`, `=`, `:`, a statement keyword).
fn expression_start(before: &[(u32, K, u32)], end: usize) -> Option<u32> {
    let mut depth = 0i32;
    let mut start = None;
    for &(s, kind, _) in before[..end].iter().rev() {
        match kind {
            K::Rpar | K::Rsqb | K::Rbrace => depth += 1,
            K::Lpar | K::Lsqb | K::Lbrace => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            K::Comma
            | K::Equal
            | K::Colon
            | K::ColonEqual
            | K::Newline
            | K::Indent
            | K::Dedent
            | K::Semi
                if depth == 0 =>
            {
                break
            }
            k if depth == 0 && k.is_keyword() && !inside_expression(k) => break,
            _ => {}
        }
        start = Some(s);
    }
    start
}

/// CPython's `invalid_*` rules that are recognizable from the tokens around the error.
fn from_context(source: &str, l: u32, tok: Tok, expected: &[String]) -> Option<SyntaxError> {
    let expects = |name: &str| expected.iter().any(|e| e == name);
    let Tok::K(kind) = tok else { return None };
    let before = tokens_before(source, l);
    let &(prev_start, prev_kind, prev_end) = before.last()?;
    // `print x`: Python 2's print statement.
    if prev_kind == K::Name && starts_expression(kind) && kind != K::Lpar {
        let word = source
            .get(prev_start as usize..prev_end as usize)
            .unwrap_or("");
        let at_statement_start = before.len() < 2
            || matches!(
                before[before.len() - 2].1,
                K::Newline | K::Indent | K::Dedent | K::Semi
            );
        if (word == "print" || word == "exec") && at_statement_start {
            let end = statement_end(source, l);
            return Some(SyntaxError::new(
                format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?"),
                TextRange::new(prev_start.into(), end.into()),
            ));
        }
    }
    // `[*a for a in b]`, `f(*a for a in b)`: CPython's `invalid_comprehension`.
    if kind == K::For && ends_expression(prev_kind) {
        let start = expression_start(&before, before.len());
        let i = before.iter().rposition(|t| Some(t.0) == start);
        if let Some(i) = i.filter(|&i| i > 0) {
            if before[i].1 == K::Star && matches!(before[i - 1].1, K::Lpar | K::Lsqb | K::Lbrace) {
                return Some(SyntaxError::new(
                    "iterable unpacking cannot be used in comprehension",
                    TextRange::new(before[i].0.into(), prev_end.into()),
                ));
            }
        }
    }
    // `=` where no assignment can be: `if x = 1:`, `(a = 1)`, `f(a.b=1)`.
    if kind == K::Equal && !expects("\"=\"") && ends_expression(prev_kind) {
        let start = expression_start(&before, before.len()).unwrap_or(prev_start);
        let text = source.get(start as usize..prev_end as usize).unwrap_or("");
        let target = crate::parse_fstring_expression(source, start as usize, text).ok();
        let name = target.as_ref().map(crate::targets::expr_name);
        // CPython's rule skips lists, tuples, generators and keyword constants.
        let skipped = matches!(
            target.as_ref().map(|e| &e.kind),
            Some(
                ast::ExprKind::List { .. }
                    | ast::ExprKind::Tuple { .. }
                    | ast::ExprKind::GeneratorExp { .. }
            )
        ) || matches!(name, Some("True" | "False" | "None"));
        if skipped && !in_call(&before) {
            return Some(SyntaxError::new(
                "invalid syntax",
                TextRange::new(l.into(), (l + 1).into()),
            ));
        }
        if in_call(&before) {
            let msg = match name {
                Some(n @ ("True" | "False" | "None")) => format!("cannot assign to {n}"),
                _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_owned(),
            };
            // CPython's range runs through the `=`.
            return Some(SyntaxError::new(
                msg,
                TextRange::new(start.into(), (l + 1).into()),
            ));
        }
        return Some(match target {
            Some(e) if !matches!(e.kind, ast::ExprKind::Name { .. }) => SyntaxError::new(
                format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    crate::targets::expr_name(&e)
                ),
                e.range,
            ),
            // CPython's range runs through the expression after the `=`.
            _ => SyntaxError::new(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                TextRange::new(start.into(), expression_end(source, l + 1).into()),
            ),
        });
    }
    // `def f((a)):` and `lambda (a): 0`.
    if kind == K::Lpar
        && matches!(prev_kind, K::Lpar | K::Comma)
        && in_parameter_list(&before)
        && plain_names_in_parens(source, l)
    {
        return Some(SyntaxError::new(
            "Function parameters cannot be parenthesized",
            TextRange::new(l.into(), expression_end(source, l).into()),
        ));
    }
    if kind == K::Lpar && lambda_parameters(&before) && plain_names_in_parens(source, l) {
        return Some(SyntaxError::new(
            "Lambda expression parameters cannot be parenthesized",
            TextRange::new(l.into(), expression_end(source, l).into()),
        ));
    }
    // (CPython's rule needs the `if` in this statement and no `:` after the condition.)
    let line_start = before
        .iter()
        .rposition(|t| matches!(t.1, K::Newline | K::Indent | K::Dedent))
        .map_or(0, |i| i + 1);
    if let Some(e) = annotation_target(source, &before[line_start..]) {
        return Some(e);
    }
    if let Some(e) = for_target(source, &before[line_start..]) {
        return Some(e);
    }
    // `a if b` without `else`.
    if expects("\"else\"") && !matches!(kind, K::Else | K::Colon) {
        let if_at = before[line_start..]
            .iter()
            .rposition(|t| t.1 == K::If)
            .map(|i| i + line_start);
        if let Some(if_at) = if_at {
            let start = expression_start(&before, if_at).unwrap_or(before[if_at].0);
            return Some(SyntaxError::new(
                "expected 'else' after 'if' expression",
                TextRange::new(start.into(), prev_end.into()),
            ));
        }
    }
    // A `try:` block with no handler.
    if expects("\"except\"") && expects("\"finally\"") {
        return Some(SyntaxError::new(
            "expected 'except' or 'finally' block",
            TextRange::empty(l.into()),
        ));
    }
    // Inside a dict display: `{k: }` and `{k: v, k2}`.
    if innermost_open(&before) == Some(K::Lbrace) && matches!(kind, K::Rbrace | K::Comma) {
        if prev_kind == K::Colon {
            return Some(SyntaxError::new(
                "expression expected after dictionary key and ':'",
                TextRange::new(prev_start.into(), prev_end.into()),
            ));
        }
        let open = before.iter().rposition(|t| t.1 == K::Lbrace).unwrap_or(0);
        let has_pair = before[open..].iter().any(|t| t.1 == K::Colon);
        if has_pair && ends_expression(prev_kind) {
            let start = expression_start(&before, before.len()).unwrap_or(prev_start);
            return Some(SyntaxError::new(
                "':' expected after dictionary key",
                TextRange::new(start.into(), prev_end.into()),
            ));
        }
    }
    if let Some(e) = chained_targets(source, &before[line_start..]) {
        return Some(e);
    }
    // `[a b]`: two expressions side by side inside brackets.
    let depth = before.iter().fold(0i32, |d, t| match t.1 {
        K::Lpar | K::Lsqb | K::Lbrace => d + 1,
        K::Rpar | K::Rsqb | K::Rbrace => d - 1,
        _ => d,
    });
    let unary = matches!(kind, K::Not | K::Minus | K::Plus);
    let prev_text = source
        .get(prev_start as usize..prev_end as usize)
        .unwrap_or("");
    // CPython's rule excludes `NAME STRING` (a legacy print-like form) and soft keywords.
    let excluded =
        prev_kind == K::Name && (kind == K::String || matches!(prev_text, "match" | "case" | "_"));
    if depth > 0
        && ends_expression(prev_kind)
        && starts_expression(kind)
        && !unary
        && !excluded
        && !in_parameter_list(&before)
    {
        let start = expression_start(&before, before.len()).unwrap_or(prev_start);
        return Some(SyntaxError::new(
            "invalid syntax. Perhaps you forgot a comma?",
            TextRange::new(start.into(), expression_end(source, l).into()),
        ));
    }
    None
}

/// `target: annotation` with an invalid target, where the statement failed later on:
/// CPython checks the target as soon as `expr ':' expr` has been read.
fn annotation_target(source: &str, line: &[(u32, K, u32)]) -> Option<SyntaxError> {
    let first = line.first()?;
    if first.1.is_keyword() && !matches!(first.1, K::True | K::False | K::None | K::Not | K::Await)
    {
        return None;
    }
    let word = source.get(first.0 as usize..first.2 as usize).unwrap_or("");
    if matches!(word, "match" | "case") {
        return None;
    }
    let mut depth = 0i32;
    let mut colon = None;
    for (i, t) in line.iter().enumerate() {
        match t.1 {
            K::Lpar | K::Lsqb | K::Lbrace => depth += 1,
            K::Rpar | K::Rsqb | K::Rbrace => depth -= 1,
            K::Lambda | K::Equal | K::ColonEqual if depth == 0 => return None,
            K::Colon if depth == 0 => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    if colon == 0 {
        return None;
    }
    let (start, end) = (line[0].0, line[colon - 1].2);
    let text = source.get(start as usize..end as usize)?;
    let target = crate::parse_fstring_expression(source, start as usize, text).ok()?;
    let msg = match &target.kind {
        ast::ExprKind::Name { .. }
        | ast::ExprKind::Attribute { .. }
        | ast::ExprKind::Subscript { .. } => return None,
        ast::ExprKind::Tuple { .. } => "only single target (not tuple) can be annotated",
        ast::ExprKind::List { .. } => "only single target (not list) can be annotated",
        _ => "illegal target for annotation",
    };
    // The rule needs a whole expression after the `:`; without one, CPython's first
    // pass had already stopped at the `:` (no annotation takes such a target).
    let after = line.get(colon + 1..).unwrap_or(&[]);
    let annotation = match (after.first(), after.last()) {
        (Some(first), Some(last)) => source
            .get(first.0 as usize..last.2 as usize)
            .and_then(|t| crate::parse_fstring_expression(source, first.0 as usize, t).ok()),
        _ => None,
    };
    if annotation.is_none() {
        let (c, _, ce) = line[colon];
        return Some(SyntaxError::new(
            "invalid syntax",
            TextRange::new(c.into(), ce.into()),
        ));
    }
    Some(SyntaxError::new(msg, target.range))
}

/// `for <target>` with a target that cannot be assigned: CPython checks it as soon as
/// it has read the target, whatever follows.
fn for_target(source: &str, line: &[(u32, K, u32)]) -> Option<SyntaxError> {
    let at = line.iter().position(|t| t.1 == K::For)?;
    if at > 1 || (at == 1 && line[0].1 != K::Async) {
        return None;
    }
    let rest = &line[at + 1..];
    let mut depth = 0i32;
    let mut end = rest.len();
    for (i, t) in rest.iter().enumerate() {
        match t.1 {
            K::Lpar | K::Lsqb | K::Lbrace => depth += 1,
            K::Rpar | K::Rsqb | K::Rbrace => depth -= 1,
            K::In if depth == 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let (first, last) = (rest.first()?, rest.get(end.checked_sub(1)?)?);
    let text = source.get(first.0 as usize..last.2 as usize)?;
    let mut target = crate::parse_fstring_expression(source, first.0 as usize, text).ok()?;
    crate::targets::set_context(
        &mut target,
        ast::ExprContext::Store,
        crate::targets::TargetKind::Assign,
    )
    .err()
}

/// End of the expression that starts at byte `from`: up to the next separator at the
/// same bracket depth (a closing bracket, `,`, `=`, `:`, a statement keyword, the end
/// of the line) or to a second expression juxtaposed with it. CPython's error ranges
/// that end "at the next expression" (`[a b]`, `if x = 1:`) end there.
fn expression_end(source: &str, from: u32) -> u32 {
    let lexed = lexer::tokenize(source);
    let mut depth = 0i32;
    let mut end = from;
    let mut prev: Option<K> = None;
    for t in lexed.tokens.iter().filter(|t| !t.kind.is_trivia()) {
        let (start, kind) = (u32::from(t.range.start()), t.kind);
        if start < from {
            continue;
        }
        match kind {
            K::Lpar | K::Lsqb | K::Lbrace => depth += 1,
            K::Rpar | K::Rsqb | K::Rbrace => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            K::Comma | K::Equal | K::Colon | K::ColonEqual | K::Newline | K::EndMarker
                if depth == 0 =>
            {
                break
            }
            k if depth == 0
                && k.is_keyword()
                && !inside_expression(k)
                && !matches!(k, K::If | K::Else | K::Lambda) =>
            {
                break
            }
            k if depth == 0
                && prev.is_some_and(ends_expression)
                && starts_expression(k)
                && !matches!(k, K::Minus | K::Plus | K::Tilde | K::Not) =>
            {
                break
            }
            _ => {}
        }
        end = t.range.end().into();
        prev = Some(kind);
    }
    end
}

/// Whether the `(` at `l` holds only `name, name, ...` (CPython's rule for the
/// "parameters cannot be parenthesized" messages).
fn plain_names_in_parens(source: &str, l: u32) -> bool {
    let lexed = lexer::tokenize(source);
    let mut after = lexed
        .tokens
        .iter()
        .filter(|t| !t.kind.is_trivia() && u32::from(t.range.start()) > l)
        .map(|t| t.kind);
    let mut names = 0;
    loop {
        match after.next() {
            Some(K::Name) => names += 1,
            _ => return false,
        }
        match after.next() {
            Some(K::Comma) => {}
            Some(K::Rpar) => return names > 0,
            _ => return false,
        }
        if let Some(K::Rpar) = after.clone().next() {
            return names > 0;
        }
    }
}

/// The kind of the innermost unclosed bracket.
fn innermost_open(before: &[(u32, K, u32)]) -> Option<K> {
    let mut depth = 0i32;
    for t in before.iter().rev() {
        match t.1 {
            K::Rpar | K::Rsqb | K::Rbrace => depth += 1,
            K::Lpar | K::Lsqb | K::Lbrace if depth > 0 => depth -= 1,
            k @ (K::Lpar | K::Lsqb | K::Lbrace) => return Some(k),
            _ => {}
        }
    }
    None
}

/// `a = b = <invalid> = ...`: CPython checks each target followed by `=` once read.
fn chained_targets(source: &str, line: &[(u32, K, u32)]) -> Option<SyntaxError> {
    let mut depth = 0i32;
    let mut segment_start = 0;
    let mut segments = Vec::new();
    for (i, t) in line.iter().enumerate() {
        match t.1 {
            K::Lpar | K::Lsqb | K::Lbrace => depth += 1,
            K::Rpar | K::Rsqb | K::Rbrace => depth -= 1,
            K::Equal if depth == 0 => {
                segments.push((segment_start, i));
                segment_start = i + 1;
            }
            K::Colon | K::Lambda if depth == 0 => return None,
            _ => {}
        }
    }
    // The first target gets CPython's other rule (with the '==' hint); check the rest.
    for &(from, to) in segments.iter().skip(1) {
        let (first, last) = (line.get(from)?, line.get(to.checked_sub(1)?)?);
        if to <= from {
            return None;
        }
        let text = source.get(first.0 as usize..last.2 as usize)?;
        let mut target = crate::parse_fstring_expression(source, first.0 as usize, text).ok()?;
        if let Err(e) = crate::targets::set_context(
            &mut target,
            ast::ExprContext::Store,
            crate::targets::TargetKind::Assign,
        ) {
            return Some(e);
        }
    }
    None
}

/// Whether the innermost open bracket is a call's `(`.
fn in_call(before: &[(u32, K, u32)]) -> bool {
    let mut depth = 0i32;
    for (i, t) in before.iter().enumerate().rev() {
        match t.1 {
            K::Rpar | K::Rsqb | K::Rbrace => depth += 1,
            K::Lpar | K::Lsqb | K::Lbrace if depth > 0 => depth -= 1,
            K::Lpar => return i >= 1 && matches!(before[i - 1].1, K::Name | K::Rpar | K::Rsqb),
            K::Lsqb | K::Lbrace => return false,
            _ => {}
        }
    }
    false
}

/// Whether the tokens end inside a `lambda`'s parameters (after `lambda` or a `,` there).
fn lambda_parameters(before: &[(u32, K, u32)]) -> bool {
    for t in before.iter().rev() {
        match t.1 {
            K::Lambda => return true,
            K::Name | K::Comma | K::Star | K::DoubleStar | K::Slash | K::Equal => {}
            _ => return false,
        }
    }
    false
}

/// Whether the innermost open bracket is a `def NAME(` parameter list (not expressions).
fn in_parameter_list(before: &[(u32, K, u32)]) -> bool {
    let mut depth = 0i32;
    for (i, t) in before.iter().enumerate().rev() {
        match t.1 {
            K::Rpar | K::Rsqb | K::Rbrace => depth += 1,
            K::Lpar | K::Lsqb | K::Lbrace if depth > 0 => depth -= 1,
            K::Lpar => {
                return i >= 2 && before[i - 1].1 == K::Name && before[i - 2].1 == K::Def;
            }
            K::Lsqb | K::Lbrace => return false,
            _ => {}
        }
    }
    false
}

/// End of the line's text from `offset` (before its newline and trailing blanks).
fn statement_end(source: &str, offset: u32) -> u32 {
    let rest = source.get(offset as usize..).unwrap_or("");
    let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
    offset + rest[..len].trim_end().len() as u32
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
    // The header is the logical line ended by the last NEWLINE before `offset`
    // (it may span several physical lines); CPython names its first line.
    let before = tokens_before(source, offset);
    let newline = before.iter().rposition(|t| t.1 == K::Newline)?;
    let first = before[..newline]
        .iter()
        .rposition(|t| matches!(t.1, K::Newline | K::Indent | K::Dedent))
        .map_or(0, |p| p + 1);
    let index = LineIndex::new(source);
    let header_line = index.line_col(before.get(first)?.0.into()).line;
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
