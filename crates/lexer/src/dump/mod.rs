//! `python3 -m tokenize FILE`, reproduced: its printed report ([`dump_tokens`])
//! and the module's view of our own tokens ([`module_view`], which the
//! conformance run compares with CPython).
//!
//! The `tokenize` module is not the compiler's tokenizer: it accepts inputs the
//! C tokenizer rejects (emitting ERRORTOKEN) and rejects others its own way.
//! [`crate::tokenize`] follows the compiler; [`dump_tokens`] follows the module,
//! through a port of its algorithm in `module`.

mod module;
mod scan;
mod view;

pub use view::{module_view, ModuleToken};

use crate::decode::{coding_cookie, decode_body, encoding_named, normal_encoding_name};

/// What `python3 -m tokenize FILE` prints and exits with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenDump {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// Reproduces `python3 -m tokenize FILENAME` for a file whose bytes are `source`.
pub fn dump_tokens(filename: &str, source: &[u8]) -> TokenDump {
    let fail = |message: String| TokenDump {
        stdout: String::new(),
        stderr: message + "\n",
        exit_code: 1,
    };
    let quoted = pyrepr::str_repr(filename);
    let (bom, body) = match source.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, source),
    };
    // `detect_encoding` decodes the cookie lines as UTF-8 before looking at them.
    let head_len = body
        .split_inclusive(|&b| b == b'\n')
        .take(2)
        .map(<[u8]>::len)
        .sum::<usize>();
    let first_len = body
        .split_inclusive(|&b| b == b'\n')
        .next()
        .map_or(0, <[u8]>::len);
    let cookie = coding_cookie(body);
    let checked = if cookie.is_some() || !is_blank_or_comment(&body[..first_len]) {
        first_len
    } else {
        head_len
    };
    let cookie_line_end = match &cookie {
        Some(_) => cookie_line_len(body),
        None => checked,
    };
    if std::str::from_utf8(&body[..cookie_line_end]).is_err() {
        return fail(format!(
            "{filename}: error: invalid or missing encoding declaration for {quoted}"
        ));
    }
    let name = match cookie {
        None => "utf-8".to_string(),
        Some(raw) => {
            let normal = normal_encoding_name(&raw);
            if encoding_named(&normal).is_none() {
                return fail(format!(
                    "{filename}: error: unknown encoding for {quoted}: {normal}"
                ));
            }
            if bom && normal != "utf-8" {
                return fail(format!(
                    "{filename}: error: encoding problem for {quoted}: utf-8"
                ));
            }
            normal
        }
    };
    let encoding = encoding_named(&name).unwrap_or(crate::decode::Encoding::Utf8);
    let text = match decode_body(body, encoding, None) {
        Ok(text) => text,
        Err(err) => {
            let msg = err.msg.trim_start_matches("(unicode error) ");
            return fail(format!("unexpected error: {msg}"));
        }
    };
    match module::module_tokenize(&text) {
        Ok(tokens) => {
            let mut stdout = String::with_capacity(tokens.len() * 52);
            push_line(&mut stdout, (0, 0), (0, 0), "ENCODING", &name);
            for token in &tokens {
                push_line(
                    &mut stdout,
                    token.start,
                    token.end,
                    token.kind,
                    &token.string,
                );
            }
            TokenDump {
                stdout,
                stderr: String::new(),
                exit_code: 0,
            }
        }
        Err(err) => fail(format!(
            "{filename}:{}:{}: error: {}",
            err.line, err.col, err.msg
        )),
    }
}

/// The length of the line holding the cookie (the first, or the second).
fn cookie_line_len(body: &[u8]) -> usize {
    let mut lines = body.split_inclusive(|&b| b == b'\n');
    let first = lines.next().unwrap_or(&[]);
    if coding_cookie(first).is_some() {
        first.len()
    } else {
        first.len() + lines.next().map_or(0, <[u8]>::len)
    }
}

/// `blank_re`: `^[ \t\f]*(?:[#\r\n]|$)`.
fn is_blank_or_comment(line: &[u8]) -> bool {
    match line.iter().find(|&&b| !matches!(b, b' ' | b'\t' | b'\x0c')) {
        None => true,
        Some(&b) => matches!(b, b'#' | b'\r' | b'\n'),
    }
}

/// One report line: `"%-20s%-15s%-15r" % (range, type, string)` and a newline.
pub fn push_line(
    out: &mut String,
    start: (usize, usize),
    end: (usize, usize),
    kind: &str,
    string: &str,
) {
    use std::fmt::Write;
    let range = format!("{},{}-{},{}:", start.0, start.1, end.0, end.1);
    let repr = pyrepr::str_repr(string);
    let pad = 15usize.saturating_sub(repr.chars().count());
    let _ = writeln!(out, "{range:<20}{kind:<15}{repr}{:pad$}", "");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_has_the_module_layout() {
        let dump = dump_tokens("f.py", b"x = 1");
        assert_eq!(dump.exit_code, 0);
        assert_eq!(
            dump.stdout,
            "0,0-0,0:            ENCODING       'utf-8'        \n\
             1,0-1,1:            NAME           'x'            \n\
             1,2-1,3:            OP             '='            \n\
             1,4-1,5:            NUMBER         '1'            \n\
             1,5-1,6:            NEWLINE        ''             \n\
             2,0-2,0:            ENDMARKER      ''             \n"
        );
    }

    #[test]
    fn a_continued_string_error_leaves_needcont_set_for_a_later_triple_string() {
        // The module never resets `needcont` after an ERRORTOKEN, so the
        // unclosed triple quote on line 3 ends as an ERRORTOKEN too, not as
        // "EOF in multi-line string".
        let dump = dump_tokens("f.py", b"f\"a \\\nelse:\n'''#c\n!(!1e");
        assert_eq!(dump.exit_code, 0, "{}", dump.stderr);
        assert!(
            dump.stdout
                .contains("3,0-4,5:            ERRORTOKEN     \"'''#c\\n!(!1e\""),
            "{}",
            dump.stdout
        );
    }

    #[test]
    fn module_errors_are_reported_with_position() {
        let dump = dump_tokens("e.py", b"x = (\n");
        assert_eq!(dump.exit_code, 1);
        assert_eq!(dump.stdout, "");
        assert_eq!(
            dump.stderr,
            "e.py:2:0: error: EOF in multi-line statement\n"
        );
        let dump = dump_tokens("e.py", b"if x:\n    a\n  b\n");
        assert_eq!(
            dump.stderr,
            "e.py:3:2: error: unindent does not match any outer indentation level\n"
        );
    }
}
