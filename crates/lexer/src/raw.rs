//! The raw token layer: a logos DFA over the source, with hand-written scanners
//! for the two forms a regular expression cannot report errors for the way
//! CPython does (numbers and strings).
//!
//! Raw tokens know nothing about lines or brackets; the layout layer
//! ([`crate::layout`]) turns them into NEWLINE/NL/INDENT/DEDENT and checks nesting.

use logos::Logos;

use crate::token::TokenKind;

/// A problem a scanner callback found inside one raw token. The layout layer
/// turns it into a `SyntaxError` with CPython's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// CPython's number errors: the message and the byte offset of its `tok->cur`.
    Number(NumberError, usize),
    /// "leading zeros in decimal integer literals ...": the end of the zeros run.
    LeadingZeros(usize),
    /// A string missing its closing quote(s).
    Unterminated { triple: bool },
}

/// Which number message CPython gives; the payload byte is the offending digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberError {
    Decimal,
    Hex,
    Octal,
    Binary,
    Imaginary,
    OctalDigit(u8),
    BinaryDigit(u8),
}

impl NumberError {
    pub(crate) fn message(self) -> String {
        match self {
            NumberError::Decimal => "invalid decimal literal".into(),
            NumberError::Hex => "invalid hexadecimal literal".into(),
            NumberError::Octal => "invalid octal literal".into(),
            NumberError::Binary => "invalid binary literal".into(),
            NumberError::Imaginary => "invalid imaginary literal".into(),
            NumberError::OctalDigit(d) => {
                format!("invalid digit '{}' in octal literal", d as char)
            }
            NumberError::BinaryDigit(d) => {
                format!("invalid digit '{}' in binary literal", d as char)
            }
        }
    }
}

/// The state a scanner callback leaves for the layout layer: the first error, if any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Extras {
    pub(crate) error: Option<ScanError>,
    /// The SyntaxWarning of the last number token, if any.
    pub(crate) warning: Option<(NumberError, usize)>,
}

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
#[logos(extras = Extras)]
#[logos(skip r"[ \t\x0c]+")]
pub(crate) enum Raw {
    #[regex(r"\r\n|\r|\n")]
    Newline,
    #[regex(r"#[^\r\n]*")]
    Comment,
    /// A backslash followed by a line ending: the lines are joined.
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    /// A backslash followed by anything else (or nothing).
    #[token("\\")]
    Backslash,
    /// Any identifier-shaped run; non-ASCII characters are validated later (PEP 3131).
    #[regex(r"[A-Za-z_\u{80}-\u{10FFFF}][A-Za-z0-9_\u{80}-\u{10FFFF}]*")]
    Name,
    /// The opening of a string: prefix and quote; the callback scans to the closing quote.
    #[regex(
        r#"([rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?["']"#,
        scan_string
    )]
    String,
    /// A digit (or `.digit`); the callback scans the rest as CPython's tokenizer does.
    #[regex(r"[0-9]", scan_number)]
    #[regex(r"\.[0-9]", scan_fraction)]
    Number,

    #[token("False", |_| TokenKind::False)]
    #[token("None", |_| TokenKind::None)]
    #[token("True", |_| TokenKind::True)]
    #[token("and", |_| TokenKind::And)]
    #[token("as", |_| TokenKind::As)]
    #[token("assert", |_| TokenKind::Assert)]
    #[token("async", |_| TokenKind::Async)]
    #[token("await", |_| TokenKind::Await)]
    #[token("break", |_| TokenKind::Break)]
    #[token("class", |_| TokenKind::Class)]
    #[token("continue", |_| TokenKind::Continue)]
    #[token("def", |_| TokenKind::Def)]
    #[token("del", |_| TokenKind::Del)]
    #[token("elif", |_| TokenKind::Elif)]
    #[token("else", |_| TokenKind::Else)]
    #[token("except", |_| TokenKind::Except)]
    #[token("finally", |_| TokenKind::Finally)]
    #[token("for", |_| TokenKind::For)]
    #[token("from", |_| TokenKind::From)]
    #[token("global", |_| TokenKind::Global)]
    #[token("if", |_| TokenKind::If)]
    #[token("import", |_| TokenKind::Import)]
    #[token("in", |_| TokenKind::In)]
    #[token("is", |_| TokenKind::Is)]
    #[token("lambda", |_| TokenKind::Lambda)]
    #[token("nonlocal", |_| TokenKind::Nonlocal)]
    #[token("not", |_| TokenKind::Not)]
    #[token("or", |_| TokenKind::Or)]
    #[token("pass", |_| TokenKind::Pass)]
    #[token("raise", |_| TokenKind::Raise)]
    #[token("return", |_| TokenKind::Return)]
    #[token("try", |_| TokenKind::Try)]
    #[token("while", |_| TokenKind::While)]
    #[token("with", |_| TokenKind::With)]
    #[token("yield", |_| TokenKind::Yield)]
    Keyword(TokenKind),

    #[token("(", |_| TokenKind::Lpar)]
    #[token("[", |_| TokenKind::Lsqb)]
    #[token("{", |_| TokenKind::Lbrace)]
    Open(TokenKind),
    #[token(")", |_| TokenKind::Rpar)]
    #[token("]", |_| TokenKind::Rsqb)]
    #[token("}", |_| TokenKind::Rbrace)]
    Close(TokenKind),

    #[token(":", |_| TokenKind::Colon)]
    #[token(",", |_| TokenKind::Comma)]
    #[token(";", |_| TokenKind::Semi)]
    #[token(".", |_| TokenKind::Dot)]
    #[token("...", |_| TokenKind::Ellipsis)]
    #[token("->", |_| TokenKind::Rarrow)]
    #[token("@", |_| TokenKind::At)]
    #[token("=", |_| TokenKind::Equal)]
    #[token(":=", |_| TokenKind::ColonEqual)]
    #[token("+", |_| TokenKind::Plus)]
    #[token("-", |_| TokenKind::Minus)]
    #[token("*", |_| TokenKind::Star)]
    #[token("/", |_| TokenKind::Slash)]
    #[token("|", |_| TokenKind::Vbar)]
    #[token("&", |_| TokenKind::Amper)]
    #[token("<", |_| TokenKind::Less)]
    #[token(">", |_| TokenKind::Greater)]
    #[token("%", |_| TokenKind::Percent)]
    #[token("==", |_| TokenKind::EqEqual)]
    #[token("!=", |_| TokenKind::NotEqual)]
    #[token("<=", |_| TokenKind::LessEqual)]
    #[token(">=", |_| TokenKind::GreaterEqual)]
    #[token("~", |_| TokenKind::Tilde)]
    #[token("^", |_| TokenKind::Circumflex)]
    #[token("<<", |_| TokenKind::LeftShift)]
    #[token(">>", |_| TokenKind::RightShift)]
    #[token("**", |_| TokenKind::DoubleStar)]
    #[token("//", |_| TokenKind::DoubleSlash)]
    #[token("+=", |_| TokenKind::PlusEqual)]
    #[token("-=", |_| TokenKind::MinEqual)]
    #[token("*=", |_| TokenKind::StarEqual)]
    #[token("/=", |_| TokenKind::SlashEqual)]
    #[token("%=", |_| TokenKind::PercentEqual)]
    #[token("&=", |_| TokenKind::AmperEqual)]
    #[token("|=", |_| TokenKind::VbarEqual)]
    #[token("^=", |_| TokenKind::CircumflexEqual)]
    #[token("<<=", |_| TokenKind::LeftShiftEqual)]
    #[token(">>=", |_| TokenKind::RightShiftEqual)]
    #[token("**=", |_| TokenKind::DoubleStarEqual)]
    #[token("//=", |_| TokenKind::DoubleSlashEqual)]
    #[token("@=", |_| TokenKind::AtEqual)]
    Op(TokenKind),
}

/// Scans a string body after its prefix and opening quote, as CPython's tokenizer
/// does: a backslash always skips the next character (raw strings included, so
/// `r"\""` is one string), a single-quoted string ends at an unescaped line ending.
fn scan_string(lex: &mut logos::Lexer<'_, Raw>) {
    let slice = lex.slice().as_bytes();
    let quote = slice[slice.len() - 1];
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    // `''` is an empty string; only three quotes open a triple-quoted one.
    let mut i = if triple { 2 } else { 0 };
    let mut closing_run = 0;
    while i < rest.len() {
        let c = rest[i];
        i += 1;
        if c == quote {
            if !triple {
                lex.bump(i);
                return;
            }
            closing_run += 1;
            if closing_run == 3 {
                lex.bump(i);
                return;
            }
            continue;
        }
        closing_run = 0;
        match c {
            b'\\' => {
                // Skip the escaped character; `\` + CRLF skips both bytes.
                match rest.get(i) {
                    Some(b'\r') if rest.get(i + 1) == Some(&b'\n') => i += 2,
                    Some(_) => i += 1,
                    Option::None => {}
                }
                // Never stop inside a multi-byte character.
                while i < rest.len() && (rest[i] & 0xC0) == 0x80 {
                    i += 1;
                }
            }
            b'\n' | b'\r' if !triple => {
                lex.extras.error = Some(ScanError::Unterminated { triple: false });
                lex.bump(i - 1);
                return;
            }
            _ => {}
        }
    }
    lex.extras.error = Some(ScanError::Unterminated { triple });
    lex.bump(rest.len());
}

/// A byte cursor mirroring CPython's `tok_nextc`/`tok_backup`: reading past the
/// end yields 0 (never a digit or identifier byte) and still advances, so a later
/// backup lands back on the end.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// A SyntaxWarning CPython emits for this number: its kind and the offset
    /// of the number's last character.
    warning: Option<(NumberError, usize)>,
}

impl Cursor<'_> {
    fn next(&mut self) -> u8 {
        let c = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        c
    }

    fn backup(&mut self) {
        self.pos -= 1;
    }

    /// Whether the next bytes are `s` (without consuming them).
    fn lookahead(&self, s: &[u8]) -> bool {
        self.bytes
            .get(self.pos..self.pos + s.len())
            .is_some_and(|b| b == s)
    }
}

/// CPython 3.11.7 only rejects ASCII identifier characters after a number; a
/// non-ASCII one starts the next token (`1é` is NUMBER NAME, a parser error).
fn is_identifier_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

type NumResult = Result<(), ScanError>;

fn number_error<T>(cur: &Cursor<'_>, kind: NumberError) -> Result<T, ScanError> {
    Err(ScanError::Number(kind, cur.pos))
}

/// Digits and single underscores after the first digit (`tok_decimal_tail`);
/// returns the first byte after them, consumed.
fn decimal_tail(cur: &mut Cursor<'_>) -> Result<u8, ScanError> {
    loop {
        let mut c = cur.next();
        while c.is_ascii_digit() {
            c = cur.next();
        }
        if c != b'_' {
            return Ok(c);
        }
        let c = cur.next();
        if !c.is_ascii_digit() {
            cur.backup();
            return Err(ScanError::Number(NumberError::Decimal, cur.pos));
        }
    }
}

/// CPython's `verify_end_of_number`: a number directly followed by an identifier
/// is an error, except before the keywords that may follow a number in valid code
/// (`1if x else 2`), which CPython only warns about.
fn verify_end(cur: &mut Cursor<'_>, c: u8, kind: NumberError) -> NumResult {
    let keyword_follows = match c {
        b'a' => cur.lookahead(b"nd"),
        b'e' => cur.lookahead(b"lse"),
        b'f' => cur.lookahead(b"or"),
        b'i' => matches!(cur.bytes.get(cur.pos), Some(b'f' | b'n' | b's')),
        b'o' => cur.lookahead(b"r"),
        b'n' => cur.lookahead(b"ot"),
        _ => false,
    };
    if keyword_follows {
        // CPython 3.11 only warns here ("invalid decimal literal"), so code
        // like `1if x else 2` keeps working.
        cur.warning = Some((kind, cur.pos.saturating_sub(2)));
    } else if is_identifier_byte(c) {
        cur.backup();
        return number_error(cur, kind);
    }
    Ok(())
}

/// Hex, octal and binary bodies share one shape: groups of digits separated by
/// single underscores, at least one digit.
fn radix_body(cur: &mut Cursor<'_>, radix: u32, kind: NumberError) -> Result<u8, ScanError> {
    let is_digit = |c: u8| (c as char).is_digit(radix);
    let mut c = cur.next();
    loop {
        if c == b'_' {
            c = cur.next();
        }
        if !is_digit(c) {
            if radix != 16 && c.is_ascii_digit() {
                return number_error(cur, digit_error(kind, c));
            }
            cur.backup();
            return number_error(cur, kind);
        }
        loop {
            c = cur.next();
            if !is_digit(c) {
                break;
            }
        }
        if c != b'_' {
            break;
        }
    }
    if radix != 16 && c.is_ascii_digit() {
        return number_error(cur, digit_error(kind, c));
    }
    Ok(c)
}

fn digit_error(kind: NumberError, c: u8) -> NumberError {
    match kind {
        NumberError::Octal => NumberError::OctalDigit(c),
        NumberError::Binary => NumberError::BinaryDigit(c),
        other => other,
    }
}

/// Scans a number starting at `start` (its first byte already known to be a digit
/// or a `.` before a digit); returns its end and the SyntaxWarning CPython gives
/// for it, if any, or CPython's error.
pub(crate) fn number_end(
    bytes: &[u8],
    start: usize,
) -> Result<(usize, Option<(NumberError, usize)>), ScanError> {
    let mut cur = Cursor {
        bytes,
        pos: start,
        warning: None,
    };
    let first = cur.next();
    let c = if first == b'.' {
        fraction(&mut cur)?
    } else if first == b'0' {
        let c = cur.next();
        match c {
            b'x' | b'X' => {
                let c = radix_body(&mut cur, 16, NumberError::Hex)?;
                verify_end(&mut cur, c, NumberError::Hex)?;
                c
            }
            b'o' | b'O' => {
                let c = radix_body(&mut cur, 8, NumberError::Octal)?;
                verify_end(&mut cur, c, NumberError::Octal)?;
                c
            }
            b'b' | b'B' => {
                let c = radix_body(&mut cur, 2, NumberError::Binary)?;
                verify_end(&mut cur, c, NumberError::Binary)?;
                c
            }
            _ => {
                // `0`, `00`, `0_0`, or the start of a float such as `09.5`.
                let mut c = c;
                loop {
                    if c == b'_' {
                        c = cur.next();
                        if !c.is_ascii_digit() {
                            cur.backup();
                            return number_error(&cur, NumberError::Decimal);
                        }
                    }
                    if c != b'0' {
                        break;
                    }
                    c = cur.next();
                }
                let zeros_end = cur.pos;
                let nonzero = c.is_ascii_digit();
                if nonzero {
                    c = decimal_tail(&mut cur)?;
                }
                match c {
                    b'.' => float_rest(&mut cur, b'.')?,
                    b'e' | b'E' => float_rest(&mut cur, c)?,
                    b'j' | b'J' => imaginary(&mut cur)?,
                    _ if nonzero => return Err(ScanError::LeadingZeros(zeros_end)),
                    _ => {
                        verify_end(&mut cur, c, NumberError::Decimal)?;
                        c
                    }
                }
            }
        }
    } else {
        let c = decimal_tail(&mut cur)?;
        float_rest(&mut cur, c)?
    };
    let _ = c;
    cur.backup();
    Ok((cur.pos.min(bytes.len()), cur.warning))
}

/// After `.`: optional fraction digits, then the exponent/imaginary tail.
fn fraction(cur: &mut Cursor<'_>) -> Result<u8, ScanError> {
    let mut c = cur.next();
    if c.is_ascii_digit() {
        c = decimal_tail(cur)?;
    }
    exponent_and_imaginary(cur, c)
}

/// The rest of a decimal number once its integer digits are read and `c` is the next byte.
fn float_rest(cur: &mut Cursor<'_>, c: u8) -> Result<u8, ScanError> {
    if c == b'.' {
        return fraction(cur);
    }
    exponent_and_imaginary(cur, c)
}

fn exponent_and_imaginary(cur: &mut Cursor<'_>, mut c: u8) -> Result<u8, ScanError> {
    if c == b'e' || c == b'E' {
        let e = c;
        c = cur.next();
        if c == b'+' || c == b'-' {
            c = cur.next();
            if !c.is_ascii_digit() {
                cur.backup();
                return Err(ScanError::Number(NumberError::Decimal, cur.pos));
            }
        } else if !c.is_ascii_digit() {
            // `1e` then a name: the number is `1`, and `e...` must not be a name.
            cur.backup();
            verify_end(cur, e, NumberError::Decimal)?;
            // Not followed by an identifier: the number ends before the `e`.
            cur.backup();
            return Ok(cur.next());
        }
        c = decimal_tail(cur)?;
    }
    if c == b'j' || c == b'J' {
        return imaginary(cur);
    }
    verify_end(cur, c, NumberError::Decimal)?;
    Ok(c)
}

fn imaginary(cur: &mut Cursor<'_>) -> Result<u8, ScanError> {
    let c = cur.next();
    verify_end(cur, c, NumberError::Imaginary)?;
    Ok(c)
}

fn finish_number(lex: &mut logos::Lexer<'_, Raw>) {
    let start = lex.span().start;
    let bytes = lex.source().as_bytes();
    let end = match number_end(bytes, start) {
        Ok((end, warning)) => {
            lex.extras.warning = warning;
            end
        }
        Err(err) => {
            lex.extras.error = Some(err);
            // The token ends at the error so the layout layer can report it.
            match err {
                ScanError::Number(_, at) => at.min(bytes.len()).max(lex.span().end),
                _ => lex.span().end,
            }
        }
    };
    // Stay on a character boundary: numbers only consume ASCII bytes.
    let mut end = end;
    while end < bytes.len() && !lex.source().is_char_boundary(end) {
        end += 1;
    }
    lex.bump(end - lex.span().end);
}

fn scan_number(lex: &mut logos::Lexer<'_, Raw>) {
    finish_number(lex);
}

fn scan_fraction(lex: &mut logos::Lexer<'_, Raw>) {
    finish_number(lex);
}
