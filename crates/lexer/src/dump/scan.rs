//! Hand-written equivalents of the `tokenize` module's regular expressions
//! (`PseudoToken`, `Number`, `ContStr`, the triple-quote end patterns), with
//! Python `re`'s first-alternative-wins semantics.
//!
//! Every function takes the line as chars and a start index and returns the end
//! of the match, or `None` when the pattern does not match there.

/// `[0-9](?:_?[0-9])*`
fn digit_part(s: &[char], i: usize) -> Option<usize> {
    if !s.get(i)?.is_ascii_digit() {
        return None;
    }
    Some(radix_tail(s, i + 1, |c| c.is_ascii_digit()))
}

/// `(?:_?D)*` for a digit class D.
fn radix_tail(s: &[char], mut i: usize, digit: impl Fn(char) -> bool) -> usize {
    loop {
        match s.get(i) {
            Some(&c) if digit(c) => i += 1,
            Some('_') if s.get(i + 1).is_some_and(|&c| digit(c)) => i += 2,
            _ => return i,
        }
    }
}

/// `[eE][-+]?[0-9](?:_?[0-9])*`
fn exponent(s: &[char], i: usize) -> Option<usize> {
    if !matches!(s.get(i), Some('e' | 'E')) {
        return None;
    }
    let j = if matches!(s.get(i + 1), Some('-' | '+')) {
        i + 2
    } else {
        i + 1
    };
    digit_part(s, j)
}

/// `Pointfloat | Expfloat`
fn float_number(s: &[char], i: usize) -> Option<usize> {
    let point = match digit_part(s, i) {
        Some(j) if s.get(j) == Some(&'.') => Some(digit_part(s, j + 1).unwrap_or(j + 1)),
        Some(_) => None,
        None if s.get(i) == Some(&'.') => digit_part(s, i + 1),
        None => None,
    };
    if let Some(j) = point {
        return Some(exponent(s, j).unwrap_or(j));
    }
    exponent(s, digit_part(s, i)?)
}

/// `Number = Imagnumber | Floatnumber | Intnumber`
pub(super) fn number(s: &[char], i: usize) -> Option<usize> {
    let is_j = |j: usize| matches!(s.get(j), Some('j' | 'J'));
    if let Some(j) = digit_part(s, i) {
        if is_j(j) {
            return Some(j + 1);
        }
    }
    let float = float_number(s, i);
    if let Some(j) = float {
        return Some(if is_j(j) { j + 1 } else { j });
    }
    // Intnumber: hex, binary, octal, then decimal.
    if s.get(i) == Some(&'0') {
        let radix: Option<fn(char) -> bool> = match s.get(i + 1) {
            Some('x' | 'X') => Some(|c| c.is_ascii_hexdigit()),
            Some('b' | 'B') => Some(|c| matches!(c, '0' | '1')),
            Some('o' | 'O') => Some(|c| matches!(c, '0'..='7')),
            _ => None,
        };
        if let Some(digit) = radix {
            let start = i + 2;
            let first_ok = match s.get(start) {
                Some(&c) if digit(c) => true,
                Some('_') => s.get(start + 1).is_some_and(|&c| digit(c)),
                _ => false,
            };
            if first_ok {
                return Some(radix_tail(s, start, digit));
            }
        }
        return Some(radix_tail(s, i + 1, |c| c == '0'));
    }
    match s.get(i) {
        Some('1'..='9') => Some(radix_tail(s, i + 1, |c| c.is_ascii_digit())),
        _ => None,
    }
}

/// A string prefix (any case of `b r u f br rb fr rf`, or none) ending at a
/// quote: returns the index of the quote.
pub(super) fn string_prefix(s: &[char], i: usize) -> Option<usize> {
    let lower = |k: usize| s.get(i + k).map(|c| c.to_ascii_lowercase());
    let is_quote = |k: usize| matches!(s.get(i + k), Some('\'' | '"'));
    if is_quote(0) {
        return Some(i);
    }
    let one = matches!(lower(0), Some('b' | 'r' | 'u' | 'f'));
    let two = matches!(
        (lower(0), lower(1)),
        (Some('b'), Some('r'))
            | (Some('r'), Some('b'))
            | (Some('f'), Some('r'))
            | (Some('r'), Some('f'))
    );
    if two && is_quote(2) {
        Some(i + 2)
    } else if one && is_quote(1) {
        Some(i + 1)
    } else {
        None
    }
}

/// `Triple = StringPrefix + ''' | StringPrefix + """`: the end of the opening.
pub(super) fn triple_opening(s: &[char], i: usize) -> Option<usize> {
    let q = string_prefix(s, i)?;
    let quote = s[q];
    (s.get(q + 1) == Some(&quote) && s.get(q + 2) == Some(&quote)).then_some(q + 3)
}

/// `ContStr`: a one-line string closed on this line, or one whose line ends in
/// a backslash-newline (continued on the next line).
pub(super) fn cont_str(s: &[char], i: usize) -> Option<usize> {
    let q = string_prefix(s, i)?;
    let quote = s[q];
    let mut j = q + 1;
    loop {
        match s.get(j) {
            None | Some('\n') => return None,
            Some('\\') => match s.get(j + 1) {
                Some('\n') => return Some(j + 2),
                Some('\r') if s.get(j + 2) == Some(&'\n') => return Some(j + 3),
                Some(_) => j += 2,
                None => return None,
            },
            Some(&c) if c == quote => return Some(j + 1),
            Some(_) => j += 1,
        }
    }
}

/// `Single3`/`Double3`: from `i`, the end of the closing triple quote on this line.
pub(super) fn triple_end(s: &[char], mut i: usize, quote: char) -> Option<usize> {
    loop {
        match s.get(i) {
            None => return None,
            // `\\.`: `.` does not match a newline.
            Some('\\') => match s.get(i + 1) {
                None | Some('\n') => return None,
                Some(_) => i += 2,
            },
            Some(&c) if c == quote => {
                if s.get(i + 1) == Some(&quote) && s.get(i + 2) == Some(&quote) {
                    return Some(i + 3);
                }
                i += 1;
            }
            Some(_) => i += 1,
        }
    }
}

/// `Single`/`Double` (the end pattern of a continued one-line string): unlike
/// `ContStr`, its character class admits newlines.
pub(super) fn single_end(s: &[char], mut i: usize, quote: char) -> Option<usize> {
    loop {
        match s.get(i) {
            None => return None,
            Some('\\') => match s.get(i + 1) {
                None | Some('\n') => return None,
                Some(_) => i += 2,
            },
            Some(&c) if c == quote => return Some(i + 1),
            Some(_) => i += 1,
        }
    }
}

/// The operators of `EXACT_TOKEN_TYPES`, longest first (the module sorts them in
/// reverse, which puts every operator before its prefixes).
const OPERATORS: [&str; 47] = [
    "**=", "...", "//=", "<<=", ">>=", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=",
    ":=", "<<", "<=", "==", ">=", ">>", "@=", "^=", "|=", "%", "&", "(", ")", "*", "+", ",", "-",
    ".", "/", ":", ";", "<", "=", ">", "@", "[", "]", "^", "{", "|", "}", "~",
];

/// `Funny = \r?\n | Special`
pub(super) fn funny(s: &[char], i: usize) -> Option<usize> {
    match s.get(i) {
        Some('\n') => return Some(i + 1),
        Some('\r') if s.get(i + 1) == Some(&'\n') => return Some(i + 2),
        _ => {}
    }
    OPERATORS.iter().find_map(|op| {
        let n = op.len();
        let matches = op
            .chars()
            .enumerate()
            .all(|(k, c)| s.get(i + k) == Some(&c));
        matches.then_some(i + n)
    })
}

/// Python's `\w` for str patterns: alphanumeric or underscore.
pub(super) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
