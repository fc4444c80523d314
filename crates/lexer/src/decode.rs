//! Source bytes → text: the UTF-8 BOM, the PEP 263 coding cookie and CPython's
//! wording when the bytes do not decode.
//!
//! Supported encodings: UTF-8 (the default), Latin-1 (`latin-1`, `iso-8859-1` and
//! aliases), ASCII, cp1252 and koi8-r (the ones the stdlib's own files declare). Others are reported as CPython reports an encoding it does
//! not know, so nothing is silently misread.

use std::borrow::Cow;

use source::{SyntaxError, TextRange, TextSize};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a module's bytes as `compile(bytes, ...)` does, with its error wording.
pub fn decode_source(bytes: &[u8]) -> Result<Cow<'_, str>, SyntaxError> {
    decode(bytes, Option::None)
}

/// Decodes a file's bytes, with the error wording CPython uses when it runs a file
/// (`Non-UTF-8 code starting with ... in file NAME on line N ...`).
pub fn decode_source_file<'b>(
    bytes: &'b [u8],
    filename: &str,
) -> Result<Cow<'b, str>, SyntaxError> {
    decode(bytes, Some(filename))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Latin1,
    Ascii,
    Table(&'static [char; 128], &'static str),
}
/// Bytes 0x80..=0xFF in cp1252 (generated with python3's codec; undefined bytes as U+FFFD).
const CP1252: [char; 128] = [
    '\u{20ac}', '\u{fffd}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{fffd}', '\u{17d}', '\u{fffd}',
    '\u{fffd}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{fffd}', '\u{17e}', '\u{178}',
    '\u{a0}', '\u{a1}', '\u{a2}', '\u{a3}', '\u{a4}', '\u{a5}', '\u{a6}', '\u{a7}', '\u{a8}',
    '\u{a9}', '\u{aa}', '\u{ab}', '\u{ac}', '\u{ad}', '\u{ae}', '\u{af}', '\u{b0}', '\u{b1}',
    '\u{b2}', '\u{b3}', '\u{b4}', '\u{b5}', '\u{b6}', '\u{b7}', '\u{b8}', '\u{b9}', '\u{ba}',
    '\u{bb}', '\u{bc}', '\u{bd}', '\u{be}', '\u{bf}', '\u{c0}', '\u{c1}', '\u{c2}', '\u{c3}',
    '\u{c4}', '\u{c5}', '\u{c6}', '\u{c7}', '\u{c8}', '\u{c9}', '\u{ca}', '\u{cb}', '\u{cc}',
    '\u{cd}', '\u{ce}', '\u{cf}', '\u{d0}', '\u{d1}', '\u{d2}', '\u{d3}', '\u{d4}', '\u{d5}',
    '\u{d6}', '\u{d7}', '\u{d8}', '\u{d9}', '\u{da}', '\u{db}', '\u{dc}', '\u{dd}', '\u{de}',
    '\u{df}', '\u{e0}', '\u{e1}', '\u{e2}', '\u{e3}', '\u{e4}', '\u{e5}', '\u{e6}', '\u{e7}',
    '\u{e8}', '\u{e9}', '\u{ea}', '\u{eb}', '\u{ec}', '\u{ed}', '\u{ee}', '\u{ef}', '\u{f0}',
    '\u{f1}', '\u{f2}', '\u{f3}', '\u{f4}', '\u{f5}', '\u{f6}', '\u{f7}', '\u{f8}', '\u{f9}',
    '\u{fa}', '\u{fb}', '\u{fc}', '\u{fd}', '\u{fe}', '\u{ff}',
];
/// Bytes 0x80..=0xFF in koi8_r (generated with python3's codec; undefined bytes as U+FFFD).
const KOI8_R: [char; 128] = [
    '\u{2500}', '\u{2502}', '\u{250c}', '\u{2510}', '\u{2514}', '\u{2518}', '\u{251c}', '\u{2524}',
    '\u{252c}', '\u{2534}', '\u{253c}', '\u{2580}', '\u{2584}', '\u{2588}', '\u{258c}', '\u{2590}',
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2320}', '\u{25a0}', '\u{2219}', '\u{221a}', '\u{2248}',
    '\u{2264}', '\u{2265}', '\u{a0}', '\u{2321}', '\u{b0}', '\u{b2}', '\u{b7}', '\u{f7}',
    '\u{2550}', '\u{2551}', '\u{2552}', '\u{451}', '\u{2553}', '\u{2554}', '\u{2555}', '\u{2556}',
    '\u{2557}', '\u{2558}', '\u{2559}', '\u{255a}', '\u{255b}', '\u{255c}', '\u{255d}', '\u{255e}',
    '\u{255f}', '\u{2560}', '\u{2561}', '\u{401}', '\u{2562}', '\u{2563}', '\u{2564}', '\u{2565}',
    '\u{2566}', '\u{2567}', '\u{2568}', '\u{2569}', '\u{256a}', '\u{256b}', '\u{256c}', '\u{a9}',
    '\u{44e}', '\u{430}', '\u{431}', '\u{446}', '\u{434}', '\u{435}', '\u{444}', '\u{433}',
    '\u{445}', '\u{438}', '\u{439}', '\u{43a}', '\u{43b}', '\u{43c}', '\u{43d}', '\u{43e}',
    '\u{43f}', '\u{44f}', '\u{440}', '\u{441}', '\u{442}', '\u{443}', '\u{436}', '\u{432}',
    '\u{44c}', '\u{44b}', '\u{437}', '\u{448}', '\u{44d}', '\u{449}', '\u{447}', '\u{44a}',
    '\u{42e}', '\u{410}', '\u{411}', '\u{426}', '\u{414}', '\u{415}', '\u{424}', '\u{413}',
    '\u{425}', '\u{418}', '\u{419}', '\u{41a}', '\u{41b}', '\u{41c}', '\u{41d}', '\u{41e}',
    '\u{41f}', '\u{42f}', '\u{420}', '\u{421}', '\u{422}', '\u{423}', '\u{416}', '\u{412}',
    '\u{42c}', '\u{42b}', '\u{417}', '\u{428}', '\u{42d}', '\u{429}', '\u{427}', '\u{42a}',
];

fn no_position() -> TextRange {
    TextRange::empty(TextSize::from(0))
}

fn decode<'b>(bytes: &'b [u8], filename: Option<&str>) -> Result<Cow<'b, str>, SyntaxError> {
    let (has_bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        Option::None => (false, bytes),
    };
    let encoding = match coding_cookie(body) {
        Option::None => Encoding::Utf8,
        Some(name) => {
            let normal = normal_encoding_name(&name);
            if has_bom && normal != "utf-8" {
                return Err(SyntaxError::new(
                    format!("encoding problem: {normal} with BOM"),
                    no_position(),
                ));
            }
            match encoding_named(&normal) {
                Some(encoding) => encoding,
                Option::None => {
                    return Err(SyntaxError::new(
                        format!("unknown encoding: {name}"),
                        no_position(),
                    ))
                }
            }
        }
    };
    decode_body(body, encoding, filename)
}

/// The codec for a normalized encoding name, if we have it.
pub(crate) fn encoding_named(normal: &str) -> Option<Encoding> {
    Some(
        match normal.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "iso-8859-1" | "latin1" | "iso8859-1" | "l1" => Encoding::Latin1,
            "cp1252" | "windows-1252" => Encoding::Table(&CP1252, "charmap"),
            "koi8-r" => Encoding::Table(&KOI8_R, "koi8_r"),
            "ascii" | "us-ascii" => Encoding::Ascii,
            _ => return Option::None,
        },
    )
}

/// Decodes `body` (BOM already removed) with `encoding`.
pub(crate) fn decode_body<'b>(
    body: &'b [u8],
    encoding: Encoding,
    filename: Option<&str>,
) -> Result<Cow<'b, str>, SyntaxError> {
    match encoding {
        Encoding::Latin1 => Ok(Cow::Owned(body.iter().map(|&b| b as char).collect())),
        Encoding::Table(table, codec) => {
            let mut text = String::with_capacity(body.len());
            for (at, &b) in body.iter().enumerate() {
                let ch = if b < 0x80 {
                    b as char
                } else {
                    table[usize::from(b - 0x80)]
                };
                if ch == '\u{FFFD}' {
                    let reason = "character maps to <undefined>";
                    return Err(unicode_error(body, at, 1, codec, reason, filename));
                }
                text.push(ch);
            }
            Ok(Cow::Owned(text))
        }
        Encoding::Utf8 | Encoding::Ascii => match std::str::from_utf8(body) {
            Ok(text) if encoding == Encoding::Ascii && !text.is_ascii() => {
                let at = text.bytes().position(|b| b >= 0x80).unwrap_or(0);
                Err(unicode_error(
                    body,
                    at,
                    1,
                    "ascii",
                    "ordinal not in range(128)",
                    filename,
                ))
            }
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(err) => {
                let at = err.valid_up_to();
                let (len, reason) = match err.error_len() {
                    Option::None => (body.len() - at, "unexpected end of data"),
                    Some(n) if (0x80..0xC2).contains(&body[at]) || body[at] >= 0xF5 => {
                        (n, "invalid start byte")
                    }
                    Some(n) => (n, "invalid continuation byte"),
                };
                Err(unicode_error(body, at, len, "utf-8", reason, filename))
            }
        },
    }
}

/// CPython's two wordings of an undecodable byte: the file runner's PEP 263 hint,
/// or `compile`'s "(unicode error)" with the codec's message (positions per line).
fn unicode_error(
    body: &[u8],
    at: usize,
    len: usize,
    codec: &str,
    reason: &str,
    filename: Option<&str>,
) -> SyntaxError {
    let line_start = body[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = body[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let pos = TextRange::empty(TextSize::from(line_start as u32));
    if let Some(filename) = filename {
        return SyntaxError::new(
            format!(
                "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {line}, \
                 but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                body[at]
            ),
            pos,
        );
    }
    let column = at - line_start;
    let what = if len > 1 {
        format!("bytes in position {column}-{}", column + len - 1)
    } else {
        format!("byte 0x{:02x} in position {column}", body[at])
    };
    SyntaxError::new(
        format!("(unicode error) '{codec}' codec can't decode {what}: {reason}"),
        pos,
    )
}

/// The PEP 263 cookie from the first line, or from the second if the first is
/// blank or a comment (`tokenize.detect_encoding`'s rule).
pub(crate) fn coding_cookie(body: &[u8]) -> Option<String> {
    let mut lines = body.split_inclusive(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in_line(first) {
        return Some(name);
    }
    let trimmed = first
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'));
    let blank_or_comment = match trimmed {
        Option::None => true,
        Some(i) => matches!(first[i], b'#' | b'\r' | b'\n'),
    };
    if !blank_or_comment {
        return Option::None;
    }
    cookie_in_line(lines.next()?)
}

/// Matches `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
fn cookie_in_line(line: &[u8]) -> Option<String> {
    let start = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[start] != b'#' {
        return Option::None;
    }
    let comment = &line[start..];
    let mut from = 0;
    while let Some(i) = find(&comment[from..], b"coding") {
        let after = from + i + 6;
        if matches!(comment.get(after), Some(b':' | b'=')) {
            let mut j = after + 1;
            while matches!(comment.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            let name: String = comment[j..]
                .iter()
                .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                .map(|&b| b as char)
                .collect();
            if !name.is_empty() {
                return Some(name);
            }
        }
        from = from + i + 1;
    }
    Option::None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `tokenize._get_normal_name`: only the UTF-8 and Latin-1 spellings are normalized.
pub(crate) fn normal_encoding_name(name: &str) -> String {
    let enc: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if enc == "utf-8" || enc.starts_with("utf-8-") {
        return "utf-8".into();
    }
    if ["latin-1", "iso-8859-1", "iso-latin-1"]
        .iter()
        .any(|p| enc == *p || enc.starts_with(&format!("{p}-")))
    {
        return "iso-8859-1".into();
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_latin1_cookie_decodes() {
        assert_eq!(decode_source(b"\xEF\xBB\xBFx\n").unwrap(), "x\n");
        let text = decode_source(b"#!/x\n# vim: set fileencoding=latin-1 :\nx='\xff'\n").unwrap();
        assert!(text.ends_with("x='\u{ff}'\n"));
    }

    #[test]
    fn undecodable_bytes_are_worded_as_cpython_does() {
        let err = decode_source_file(b"x = 1\n\xff\n", "/tmp/f.py").unwrap_err();
        assert_eq!(
            err.msg,
            "Non-UTF-8 code starting with '\\xff' in file /tmp/f.py on line 2, but no encoding \
             declared; see https://peps.python.org/pep-0263/ for details"
        );
        let err = decode_source(b"\xff = 1\n").unwrap_err();
        assert_eq!(
            err.msg,
            "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        let err = decode_source(b"\xEF\xBB\xBF# coding: latin-1\n").unwrap_err();
        assert_eq!(err.msg, "encoding problem: iso-8859-1 with BOM");
        let err = decode_source(b"# coding: foo\n").unwrap_err();
        assert_eq!(err.msg, "unknown encoding: foo");
    }
}
