//! String literals: prefixes, escape decoding, implicit concatenation and f-strings.
//!
//! A run of adjacent STRING tokens becomes one node, as in CPython 3.11: a `Constant`
//! (`str` or `bytes`, `kind='u'` when the first part has a `u` prefix) or, if any part
//! is an f-string, a `JoinedStr` whose literal pieces are merged. CPython 3.11 gives
//! every piece of a `JoinedStr` (constants, `FormattedValue`s, nested format specs)
//! the range of the whole run; only the replacement-field expressions have their own.

use ast::{Constant, Expr, ExprKind, StrValue};
use source::{SyntaxError, TextRange};

/// One STRING token's prefix flags.
#[derive(Clone, Copy, Debug, Default)]
struct Prefix {
    raw: bool,
    bytes: bool,
    fstring: bool,
    unicode: bool,
}

/// A piece of a (possibly formatted) string: literal text or a replacement field.
enum Piece {
    Literal(StrValue),
    Field(Expr),
}

/// Builds the node for the STRING tokens at `parts` (byte ranges into `src`).
pub fn strings(src: &str, parts: &[(u32, u32)]) -> Result<Expr, SyntaxError> {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return Err(SyntaxError::new("invalid syntax", TextRange::default()));
    };
    let whole = TextRange::new(first.0.into(), last.1.into());
    let mut pieces: Vec<Piece> = Vec::new();
    let mut bytes_value: Vec<u8> = Vec::new();
    let mut any_bytes = false;
    let mut any_text = false;
    let mut any_fstring = false;
    let mut kind_u = false;
    for (i, &(l, r)) in parts.iter().enumerate() {
        let range = TextRange::new(l.into(), r.into());
        let token = src.get(l as usize..r as usize).unwrap_or("");
        let (prefix, body_offset, body) =
            split_token(token).ok_or_else(|| SyntaxError::new("invalid string literal", range))?;
        if i == 0 {
            kind_u = prefix.unicode;
        }
        if prefix.bytes {
            any_bytes = true;
        } else {
            any_text = true;
        }
        if any_bytes && any_text {
            return Err(SyntaxError::new(
                "cannot mix bytes and nonbytes literals",
                TextRange::empty(whole.end()),
            ));
        }
        let body_start = l as usize + body_offset;
        if prefix.bytes {
            bytes_value.extend(decode_bytes(body, prefix.raw, range)?);
        } else if prefix.fstring {
            any_fstring = true;
            let mut parser = FStringParser {
                src,
                whole,
                token: range,
                raw: prefix.raw,
            };
            let mut pos = 0;
            parser.parse(body, body_start, &mut pos, 0, &mut pieces)?;
        } else {
            pieces.push(Piece::Literal(decode_str(body, prefix.raw, range)?));
        }
    }
    let kind = kind_u.then(|| "u".to_owned());
    if any_bytes {
        return Ok(Expr {
            range: whole,
            kind: ExprKind::Constant {
                value: Constant::Bytes(bytes_value),
                kind: None,
            },
        });
    }
    if !any_fstring {
        let mut text = StrValue::new();
        for p in pieces {
            if let Piece::Literal(s) = p {
                if text.is_empty() {
                    text = s;
                } else {
                    text.push_value(&s);
                }
            }
        }
        return Ok(Expr {
            range: whole,
            kind: ExprKind::Constant {
                value: Constant::Str(text),
                kind,
            },
        });
    }
    Ok(joined(pieces, whole, whole, kind))
}

/// Merges adjacent literal pieces and drops empty ones, as CPython 3.11 does.
///
/// Literal text flushed before a replacement field gets the range of the whole string
/// run; the trailing literal gets `trailing` (CPython's `FstringParser_Finish` tokens,
/// which for a format spec are the current token only).
fn joined(pieces: Vec<Piece>, whole: TextRange, trailing: TextRange, kind: Option<String>) -> Expr {
    let mut values = Vec::new();
    let mut pending = StrValue::new();
    let flush = |pending: &mut StrValue, values: &mut Vec<Expr>, range: TextRange| {
        if !pending.is_empty() {
            values.push(Expr {
                range,
                kind: ExprKind::Constant {
                    value: Constant::Str(std::mem::take(pending)),
                    kind: kind.clone(),
                },
            });
        }
    };
    for p in pieces {
        match p {
            Piece::Literal(s) => pending.push_value(&s),
            Piece::Field(e) => {
                flush(&mut pending, &mut values, whole);
                values.push(e);
            }
        }
    }
    flush(&mut pending, &mut values, trailing);
    Expr {
        range: whole,
        kind: ExprKind::JoinedStr { values },
    }
}

/// Splits a STRING token into its prefix, the byte offset of its body and the body.
fn split_token(token: &str) -> Option<(Prefix, usize, &str)> {
    let mut prefix = Prefix::default();
    let quote_at = token.find(['\'', '"'])?;
    for c in token[..quote_at].chars() {
        match c.to_ascii_lowercase() {
            'r' => prefix.raw = true,
            'b' => prefix.bytes = true,
            'f' => prefix.fstring = true,
            'u' => prefix.unicode = true,
            _ => return None,
        }
    }
    let rest = &token[quote_at..];
    let quote_len = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    if rest.len() < 2 * quote_len {
        return None;
    }
    let body = &rest[quote_len..rest.len() - quote_len];
    Some((prefix, quote_at + quote_len, body))
}

/// CPython 3.11 reports literal decoding errors after the string (at the next token).
fn unicode_error(msg: &str, range: TextRange) -> SyntaxError {
    SyntaxError::new(
        format!("(unicode error) {msg}"),
        TextRange::empty(range.end()),
    )
}

/// Decodes a `str` literal body (not an f-string). Newlines are normalized to `\n`.
pub fn decode_str(body: &str, raw: bool, range: TextRange) -> Result<StrValue, SyntaxError> {
    let mut out = StrValue::from(String::with_capacity(body.len()));
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' {
            if matches!(chars.peek(), Some((_, '\n'))) {
                chars.next();
            }
            out.push('\n');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&(_, next)) = chars.peek() else {
            out.push('\\');
            break;
        };
        if raw {
            // Raw strings keep the backslash; it only stops the next quote ending the string.
            out.push('\\');
            continue;
        }
        chars.next();
        match next {
            '\n' => {}
            '\r' => {
                if matches!(chars.peek(), Some((_, '\n'))) {
                    chars.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = next.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            value = value * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (len, name) = match next {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut value = 0u32;
                for k in 0..len {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            value = value * 16 + d.to_digit(16).unwrap_or(0);
                            chars.next();
                        }
                        _ => {
                            let _ = k;
                            return Err(unicode_error(
                                &format!(
                                    "'unicodeescape' codec can't decode bytes in position {}-{}: truncated {name} escape",
                                    i,
                                    i + 1 + k
                                ),
                                range,
                            ));
                        }
                    }
                }
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None if value > 0x10ffff => {
                        return Err(unicode_error(
                            &format!(
                                "'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                                i,
                                i + 1 + len
                            ),
                            range,
                        ))
                    }
                    // A lone surrogate: kept exactly, as CPython does.
                    None => out.push_code_point(value),
                }
            }
            'N' => {
                // `\N{NAME}`: a character by its Unicode name or alias, case-insensitive.
                let mut last = i + 1;
                let mut name = String::new();
                let mut closed = false;
                if matches!(chars.peek(), Some((_, '{'))) {
                    if let Some((j, _)) = chars.next() {
                        last = j;
                    }
                    for (j, c) in chars.by_ref() {
                        last = j;
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                }
                if !closed || name.is_empty() {
                    return Err(unicode_error(
                        &format!(
                            "'unicodeescape' codec can't decode bytes in position {i}-{last}: malformed \\N character escape"
                        ),
                        range,
                    ));
                }
                match unicode_names2::character(&name) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(unicode_error(
                            &format!(
                                "'unicodeescape' codec can't decode bytes in position {i}-{last}: unknown Unicode character name"
                            ),
                            range,
                        ))
                    }
                }
            }
            other => {
                // Unknown escapes keep the backslash (CPython warns, then does the same).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Decodes a `bytes` literal body; only ASCII characters may appear in the source.
fn decode_bytes(body: &str, raw: bool, range: TextRange) -> Result<Vec<u8>, SyntaxError> {
    if !body.is_ascii() {
        return Err(SyntaxError::new(
            "bytes can only contain ASCII literal characters",
            range,
        ));
    }
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push(b'\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != b'\\' || raw || i + 1 >= b.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let next = b[i + 1];
        i += 2;
        match next {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut value = u32::from(next - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            b'x' => {
                let hex = b
                    .get(i..i + 2)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = hex else {
                    return Err(SyntaxError::new(
                        format!("(value error) invalid \\x escape at position {}", i - 2),
                        range,
                    ));
                };
                let text = std::str::from_utf8(hex).unwrap_or("0");
                out.push(u8::from_str_radix(text, 16).unwrap_or(0));
                i += 2;
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Parses the body of one f-string token into pieces.
struct FStringParser<'s> {
    src: &'s str,
    whole: TextRange,
    /// The STRING token being parsed (format specs get its range).
    token: TextRange,
    raw: bool,
}

/// CPython 3.11 reports f-string errors at the token after the string run.
fn fstring_error(msg: &str, whole: TextRange) -> SyntaxError {
    SyntaxError::new(format!("f-string: {msg}"), TextRange::empty(whole.end()))
}

impl FStringParser<'_> {
    /// Parses `body[*pos..]` (which starts at source offset `base`) until its end or,
    /// inside a format spec (`depth > 0`), until the closing `}` (left unconsumed).
    fn parse(
        &mut self,
        body: &str,
        base: usize,
        pos: &mut usize,
        depth: u32,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), SyntaxError> {
        let bytes = body.as_bytes();
        let mut literal_start = *pos;
        let mut literal = String::new();
        while *pos < bytes.len() {
            let c = bytes[*pos];
            if c == b'\\' && !self.raw {
                // An escape: `\N{...}` braces are part of it, not a replacement field.
                if bytes.get(*pos + 1) == Some(&b'N') && bytes.get(*pos + 2) == Some(&b'{') {
                    match body[*pos..].find('}') {
                        Some(end) => *pos += end + 1,
                        None => *pos = bytes.len(),
                    }
                } else {
                    *pos += 2;
                }
                continue;
            }
            if c == b'{' {
                if depth == 0 && bytes.get(*pos + 1) == Some(&b'{') {
                    literal.push_str(&body[literal_start..*pos + 1]);
                    *pos += 2;
                    literal_start = *pos;
                    continue;
                }
                literal.push_str(&body[literal_start..*pos]);
                if !literal.is_empty() {
                    let text = decode_str(&literal, self.raw, self.whole)?;
                    pieces.push(Piece::Literal(text));
                    literal.clear();
                }
                if depth >= 2 {
                    return Err(fstring_error("expressions nested too deeply", self.whole));
                }
                *pos += 1;
                self.field(body, base, pos, depth, pieces)?;
                literal_start = *pos;
                continue;
            }
            if c == b'}' {
                if depth > 0 {
                    break;
                }
                if bytes.get(*pos + 1) == Some(&b'}') {
                    literal.push_str(&body[literal_start..*pos + 1]);
                    *pos += 2;
                    literal_start = *pos;
                    continue;
                }
                return Err(fstring_error("single '}' is not allowed", self.whole));
            }
            *pos += 1;
        }
        literal.push_str(&body[literal_start..(*pos).min(body.len())]);
        if !literal.is_empty() {
            pieces.push(Piece::Literal(decode_str(&literal, self.raw, self.whole)?));
        }
        Ok(())
    }

    /// One replacement field; `*pos` is just past its `{`.
    fn field(
        &mut self,
        body: &str,
        base: usize,
        pos: &mut usize,
        depth: u32,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), SyntaxError> {
        let bytes = body.as_bytes();
        let expr_start = *pos;
        let mut nesting: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, usize)> = None;
        let mut end = None;
        while *pos < bytes.len() {
            let c = bytes[*pos];
            if c == b'\\' {
                return Err(SyntaxError::new(
                    "f-string expression part cannot include a backslash",
                    TextRange::empty(self.whole.end()),
                ));
            }
            if let Some((q, n)) = quote {
                let closes = if n == 3 {
                    bytes.get(*pos..*pos + 3) == Some(&[q, q, q][..])
                } else {
                    c == q
                };
                if closes {
                    *pos += n;
                    quote = None;
                } else {
                    *pos += 1;
                }
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    let n = if bytes.get(*pos..*pos + 3) == Some(&[c, c, c][..]) {
                        3
                    } else {
                        1
                    };
                    quote = Some((c, n));
                    *pos += n;
                    continue;
                }
                b'(' | b'[' | b'{' => nesting.push(c),
                b')' | b']' => {
                    nesting.pop();
                }
                b'}' if !nesting.is_empty() => {
                    nesting.pop();
                }
                b'#' => {
                    return Err(SyntaxError::new(
                        "f-string expression part cannot include '#'",
                        TextRange::empty(self.whole.end()),
                    ))
                }
                _ if nesting.is_empty() => {
                    let next = bytes.get(*pos + 1).copied();
                    let is_end = match c {
                        b'}' | b':' => true,
                        b'!' => next != Some(b'='),
                        b'=' => {
                            next != Some(b'=')
                                && !matches!(
                                    bytes.get(pos.wrapping_sub(1)),
                                    Some(b'=' | b'!' | b'<' | b'>')
                                )
                        }
                        _ => false,
                    };
                    if is_end {
                        end = Some(*pos);
                        break;
                    }
                }
                _ => {}
            }
            *pos += 1;
        }
        let Some(expr_end) = end else {
            return Err(fstring_error("expecting '}'", self.whole));
        };
        let expr_text = &body[expr_start..expr_end];
        if expr_text.trim().is_empty() {
            return Err(fstring_error("empty expression not allowed", self.whole));
        }
        let value = crate::parse_fstring_expression(self.src, base + expr_start, expr_text)?;
        // `{x=}`: the expression text (with its spaces) and `=` become literal text.
        let mut debug = false;
        if bytes.get(*pos) == Some(&b'=') {
            debug = true;
            *pos += 1;
            while bytes.get(*pos).is_some_and(u8::is_ascii_whitespace) {
                *pos += 1;
            }
            pieces.push(Piece::Literal(body[expr_start..*pos].into()));
        }
        let mut conversion = -1i32;
        if bytes.get(*pos) == Some(&b'!') {
            *pos += 1;
            match bytes.get(*pos) {
                Some(&c @ (b's' | b'r' | b'a')) => {
                    conversion = i32::from(c);
                    *pos += 1;
                }
                // CPython 3.11 checks only that some character follows the `!`.
                None => return Err(fstring_error("expecting '}'", self.whole)),
                Some(_) => {
                    return Err(fstring_error(
                        "invalid conversion character: expected 's', 'r', or 'a'",
                        self.whole,
                    ))
                }
            }
        }
        let mut format_spec = None;
        if bytes.get(*pos) == Some(&b':') {
            *pos += 1;
            let mut spec_pieces = Vec::new();
            self.parse(body, base, pos, depth + 1, &mut spec_pieces)?;
            let mut spec = joined(spec_pieces, self.whole, self.token, None);
            spec.range = self.token;
            format_spec = Some(Box::new(spec));
        }
        if bytes.get(*pos) != Some(&b'}') {
            return Err(fstring_error("expecting '}'", self.whole));
        }
        *pos += 1;
        if debug && conversion == -1 && format_spec.is_none() {
            conversion = i32::from(b'r');
        }
        pieces.push(Piece::Field(Expr {
            range: self.whole,
            kind: ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
        }));
        Ok(())
    }
}
