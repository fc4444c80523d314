//! Renders a front-end [`SyntaxError`] the way CPython 3.11 prints an uncaught one
//! (`print_exception` + `print_error_text` in Python/pythonrun.c):
//!
//! ```text
//!   File "x.py", line 3
//!     x = = 1
//!         ^
//! SyntaxError: invalid syntax
//! ```
//!
//! The source line is shown without its leading spaces, tabs and form feeds; the
//! caret row underlines `offset..end_offset` of CPython's `SyntaxError` attributes,
//! which we derive from the error's byte range. The quirks reproduced here are
//! CPython's, each checked against `python3`.

use source::{LineIndex, SyntaxError, SyntaxErrorKind, TextSize};

const BOM: &[u8] = b"\xef\xbb\xbf";

/// The `SyntaxError` attributes `print_error_text` works from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Located {
    lineno: u32,
    /// 1-based; 0 means "no caret".
    offset: i64,
    end_lineno: u32,
    /// 1-based, exclusive; -1 means "one caret".
    end_offset: i64,
    /// The source line with a `\n` when the source has a line ending there.
    text: String,
}

/// The full stderr text CPython prints for `err` raised while compiling `filename`.
///
/// `source` is the decoded text the error's range points into; `raw` the file's
/// bytes, which say whether a BOM or PEP 263 coding cookie was present: CPython
/// 3.11 then counts the parser's columns in characters, not bytes.
pub fn render(err: &SyntaxError, filename: &str, source: &str, raw: &[u8]) -> String {
    let located = locate(err, source, raw);
    let mut out = format!("  File \"{filename}\", line {}\n", located.lineno);
    print_error_text(&mut out, &located, err.kind);
    out.push_str(err.kind.name());
    out.push_str(": ");
    out.push_str(&err.msg);
    out.push('\n');
    out
}

/// `str()` of the SyntaxError CPython raises for `err` when it is caught:
/// `msg (basename, line N)`, the form an `import` of a broken module carries.
pub fn describe(err: &SyntaxError, filename: &str, source: &str, raw: &[u8]) -> String {
    let base = filename.rsplit('/').next().unwrap_or(filename);
    let located = locate(err, source, raw);
    format!("{} ({base}, line {})", err.msg, located.lineno)
}

/// A decoding error (bad coding cookie, invalid UTF-8) has no line to show:
/// CPython prints only the exception line.
pub fn render_decode_error(err: &SyntaxError) -> String {
    format!("{}: {}\n", err.kind.name(), err.msg)
}

fn locate(err: &SyntaxError, source: &str, raw: &[u8]) -> Located {
    let index = LineIndex::new(source);
    let len = TextSize::from(source.len() as u32);
    let mut start = err.range.start().min(len);
    // A block missing at the end of the file: compile() reports the NEWLINE of the
    // header line, but running the file CPython 3.11 locates it at ENDMARKER. So it
    // does for the errors found at a DEDENT that ends the file.
    let at_final_token = (err.kind == SyntaxErrorKind::IndentationError
        && err.msg.starts_with("expected an indented block"))
        || err.msg == "unexpected unindent"
        || err.msg == "expected 'except' or 'finally' block";
    if at_final_token && only_trivia_after(source, start) {
        start = len;
    }
    let end = err.range.end().clamp(start, len);

    // An error at the very end of a file that ends with a newline sits on no
    // line; CPython reports the last line, and for errors found at ENDMARKER
    // (the IndentationErrors "expected an indented block ...") no caret at all.
    let at_eof = start == len && !source.is_empty();
    let probe = if at_eof && source.ends_with(['\n', '\r']) {
        len - TextSize::from(1)
    } else {
        start
    };
    let start_lc = index.line_col(probe);
    let lineno = start_lc.line;
    let line = index.line_text(source, lineno);
    let line_start = usize::from(index.line_start(lineno, source));
    let has_newline = source
        .as_bytes()
        .get(line_start + line.len())
        .is_some_and(|b| matches!(b, b'\n' | b'\r'));
    let tokenizer_error = is_tokenizer_message(&err.msg);
    let char_columns = tokenizer_error || declares_encoding(raw);
    // CPython 3.11 keeps a BOM in the first line's text for parser errors, and
    // converts the BOM-less byte column to characters over that text, so the caret
    // lands left of the token. Tokenizer errors see no BOM.
    let bom_line = !tokenizer_error && lineno == 1 && raw.starts_with(BOM);
    let shown_line = if bom_line {
        format!("\u{feff}{line}")
    } else {
        line.to_owned()
    };
    let mut text = shown_line.clone();
    if has_newline {
        text.push('\n');
    }
    let column = |offset: usize| -> i64 {
        let within = offset.saturating_sub(line_start).min(line.len());
        if char_columns {
            let prefix = &shown_line.as_bytes()[..within.min(shown_line.len())];
            String::from_utf8_lossy(prefix).chars().count() as i64
        } else {
            within as i64
        }
    };

    let offset = if at_eof && (err.kind == SyntaxErrorKind::IndentationError || at_final_token) {
        0
    } else if probe != start {
        // Past the last line ending: the column is the end of that line.
        column(line_start + line.len()) + 1
    } else {
        column(usize::from(start)) + 1
    };
    let end_lc = index.line_col(end);
    let (end_lineno, end_offset) = if end_lc.line > lineno {
        (end_lc.line, 0)
    } else {
        (lineno, column(usize::from(end)) + 1)
    };
    // The tokenizer refuses a NUL before reading the line: CPython shows the line up
    // to the NUL and no caret.
    if err.msg == "source code cannot contain null bytes" {
        let shown = text.split('\0').next().unwrap_or("").to_owned();
        return Located {
            lineno,
            offset: 0,
            end_lineno,
            end_offset,
            text: shown,
        };
    }
    Located {
        lineno,
        offset,
        end_lineno,
        end_offset,
        text,
    }
}

/// Whether only blank lines and comments follow `offset`.
fn only_trivia_after(source: &str, offset: TextSize) -> bool {
    source.get(usize::from(offset)..).is_some_and(|rest| {
        rest.lines().all(|line| {
            let line = line.trim_start_matches([' ', '\t', '\x0c', '\r']);
            line.is_empty() || line.starts_with('#')
        })
    })
}

/// Messages raised by CPython's tokenizer itself (`syntaxerror()` in
/// Parser/tokenizer.c), whose offsets count characters even when the parser's
/// count bytes.
fn is_tokenizer_message(msg: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "unterminated string literal",
        "unterminated triple-quoted string literal",
        "invalid character",
        "invalid non-printable character",
        "invalid decimal literal",
        "invalid hexadecimal literal",
        "invalid octal literal",
        "invalid binary literal",
        "invalid digit",
        "closing parenthesis",
        "unmatched '",
        "too many nested parentheses",
    ];
    PREFIXES.iter().any(|prefix| msg.starts_with(prefix))
}

/// Appends the source line and caret row, as pythonrun.c's `print_exception`
/// and `print_error_text` compute them (including their clipping rules).
fn print_error_text(out: &mut String, located: &Located, kind: SyntaxErrorKind) {
    let line_size = located.text.len() as i64;
    // Only SyntaxError itself reads end_lineno/end_offset; its subclasses
    // (IndentationError, TabError) always get a single caret.
    let mut end_offset = if kind == SyntaxErrorKind::SyntaxError {
        located.end_offset
    } else {
        -1
    };
    if kind == SyntaxErrorKind::SyntaxError && located.end_lineno > located.lineno {
        end_offset = line_size;
    }
    end_offset = end_offset.min(line_size + 1);
    let offset = located.offset;
    let carets = if end_offset > 0 && end_offset > offset {
        end_offset - offset
    } else {
        1
    };

    let mut offset = offset - 1;
    let bytes = located.text.as_bytes();
    let mut skip = 0;
    while skip < bytes.len() && matches!(bytes[skip], b' ' | b'\t' | b'\x0c') {
        skip += 1;
        offset -= 1;
    }
    let text = &located.text[skip..];
    let shown = text.strip_suffix('\n').unwrap_or(text);
    offset = offset.min(shown.len() as i64);

    out.push_str("    ");
    out.push_str(shown);
    out.push('\n');
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    out.extend(std::iter::repeat_n(' ', offset as usize));
    out.extend(std::iter::repeat_n('^', carets as usize));
    out.push('\n');
}

/// Whether `bytes` declare their encoding (a UTF-8 BOM, or a PEP 263 cookie
/// `coding[:=]` in a comment on one of the first two lines).
fn declares_encoding(bytes: &[u8]) -> bool {
    if bytes.starts_with(BOM) {
        return true;
    }
    let is_cookie = |line: &[u8]| {
        let trimmed = line.trim_ascii_start();
        trimmed.starts_with(b"#")
            && trimmed
                .windows(7)
                .any(|w| w.starts_with(b"coding") && matches!(w[6], b':' | b'='))
    };
    let mut lines = bytes.split(|&b| b == b'\n');
    let first = lines.next().unwrap_or_default();
    if is_cookie(first) {
        return true;
    }
    // CPython looks at the second line only when the first holds no code.
    let first = first.trim_ascii();
    (first.is_empty() || first.starts_with(b"#")) && lines.next().is_some_and(is_cookie)
}

#[cfg(test)]
mod tests {
    use super::*;
    use source::TextRange;

    fn error(kind: SyntaxErrorKind, msg: &str, start: u32, end: u32) -> SyntaxError {
        SyntaxError::with_kind(
            kind,
            msg,
            TextRange::new(TextSize::from(start), TextSize::from(end)),
        )
    }

    /// Renders for a file whose bytes are `source` (no BOM).
    fn show(err: &SyntaxError, filename: &str, source: &str) -> String {
        render(err, filename, source, source.as_bytes())
    }

    fn syntax(msg: &str, start: u32, end: u32) -> SyntaxError {
        error(SyntaxErrorKind::SyntaxError, msg, start, end)
    }

    // Each expected text below is what python3.11 printed for the same file.

    #[test]
    fn single_caret_under_the_token() {
        let out = show(&syntax("invalid syntax", 4, 5), "a.py", "x = = 1\n");
        assert_eq!(
            out,
            "  File \"a.py\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"
        );
    }

    #[test]
    fn leading_whitespace_is_stripped_and_caret_follows() {
        let src = "if x:\n      y = 1 +\n";
        let out = show(&syntax("invalid syntax", 19, 19), "b.py", src);
        assert_eq!(
            out,
            "  File \"b.py\", line 2\n    y = 1 +\n           ^\nSyntaxError: invalid syntax\n"
        );
    }

    #[test]
    fn spans_get_one_caret_per_column() {
        let src = "f(a for a in b, c)\n";
        let out = show(
            &syntax("Generator expression must be parenthesized", 2, 14),
            "g.py",
            src,
        );
        assert_eq!(
            out,
            "  File \"g.py\", line 1\n    f(a for a in b, c)\n      ^^^^^^^^^^^^\n\
             SyntaxError: Generator expression must be parenthesized\n"
        );
    }

    #[test]
    fn multi_line_spans_stop_at_the_end_of_the_first_line() {
        let src = "foo(x\n  y)\n";
        let out = show(
            &syntax("invalid syntax. Perhaps you forgot a comma?", 4, 9),
            "d.py",
            src,
        );
        assert_eq!(
            out,
            "  File \"d.py\", line 1\n    foo(x\n        ^\n\
             SyntaxError: invalid syntax. Perhaps you forgot a comma?\n"
        );
    }

    #[test]
    fn indentation_errors_get_one_caret_or_none() {
        let src = "if 1:\nx=1\n";
        let err = error(
            SyntaxErrorKind::IndentationError,
            "expected an indented block after 'if' statement on line 1",
            6,
            9,
        );
        assert_eq!(
            show(&err, "f.py", src),
            "  File \"f.py\", line 2\n    x=1\n    ^\n\
             IndentationError: expected an indented block after 'if' statement on line 1\n"
        );
        // The caret would point into the stripped indentation: CPython omits it.
        let err = error(SyntaxErrorKind::IndentationError, "unexpected indent", 1, 7);
        assert_eq!(
            show(&err, "e.py", "  x = 1\n"),
            "  File \"e.py\", line 1\n    x = 1\nIndentationError: unexpected indent\n"
        );
    }

    #[test]
    fn indentation_error_at_end_of_file_has_no_caret() {
        let err = error(
            SyntaxErrorKind::IndentationError,
            "expected an indented block after 'if' statement on line 1",
            10,
            10,
        );
        assert_eq!(
            show(&err, "q.py", "if x:\n# c\n"),
            "  File \"q.py\", line 2\n    # c\n\
             IndentationError: expected an indented block after 'if' statement on line 1\n"
        );
    }

    #[test]
    fn missing_block_at_end_of_file_is_reported_on_the_last_line() {
        // compile() puts this error at the header's NEWLINE (offset 5); running the
        // file, python3.11 shows the last line and no caret.
        let msg = "expected an indented block after 'if' statement on line 1";
        let err = error(SyntaxErrorKind::IndentationError, msg, 5, 6);
        assert_eq!(
            show(&err, "q1.py", "if x:\n\n\n"),
            format!("  File \"q1.py\", line 3\n    \nIndentationError: {msg}\n")
        );
        assert_eq!(
            show(&err, "q6.py", "if x:"),
            format!("  File \"q6.py\", line 1\n    if x:\nIndentationError: {msg}\n")
        );
        // With code after it, the error stays where the parser put it.
        let err = error(SyntaxErrorKind::IndentationError, msg, 6, 7);
        assert!(show(&err, "f.py", "if 1:\nx=1\n").contains("    x=1\n    ^\n"));
    }

    #[test]
    fn parser_columns_are_bytes_and_tokenizer_columns_are_characters() {
        // CPython 3.11: "é = 1 2" puts the caret one column right of `2`.
        let out = show(&syntax("invalid syntax", 7, 8), "i.py", "é = 1 2\n");
        assert!(out.contains("\n           ^\n"), "{out}");
        let out = show(
            &syntax("unterminated string literal (detected at line 1)", 5, 5),
            "r.py",
            "é = \"abc\n",
        );
        assert!(out.contains("\n        ^\n"), "{out}");
        // With a coding cookie the parser counts characters too.
        let src = "# -*- coding: utf-8 -*-\né = 3 = 4\n";
        let out = show(&syntax("cannot assign to literal", 29, 30), "e4.py", src);
        assert!(out.contains("\n        ^\n"), "{out}");
    }

    #[test]
    fn bom_stays_in_the_first_line_of_parser_errors() {
        // python3.11 on b"\xef\xbb\xbfx = = 4\n": the BOM is printed, the caret is
        // two columns left of the second `=`.
        let raw = b"\xef\xbb\xbfx = = 4\n";
        let out = render(&syntax("invalid syntax", 4, 5), "b.py", "x = = 4\n", raw);
        assert_eq!(
            out,
            "  File \"b.py\", line 1\n    \u{feff}x = = 4\n      ^\nSyntaxError: invalid syntax\n"
        );
        // Tokenizer errors never see the BOM.
        let raw = "\u{feff}é = \"abc\n".as_bytes();
        let msg = "unterminated string literal (detected at line 1)";
        let out = render(&syntax(msg, 5, 5), "b.py", "é = \"abc\n", raw);
        assert_eq!(
            out,
            format!("  File \"b.py\", line 1\n    é = \"abc\n        ^\nSyntaxError: {msg}\n")
        );
    }

    #[test]
    fn missing_final_newline_and_crlf() {
        let out = show(&syntax("invalid syntax", 7, 7), "j.py", "x = 1 +");
        assert_eq!(
            out,
            "  File \"j.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n"
        );
        let out = show(
            &syntax("invalid syntax", 11, 12),
            "w.py",
            "x = 1\r\ny = = 2\r\n",
        );
        assert_eq!(
            out,
            "  File \"w.py\", line 2\n    y = = 2\n        ^\nSyntaxError: invalid syntax\n"
        );
    }

    #[test]
    fn out_of_range_errors_do_not_panic() {
        let out = show(&syntax("invalid syntax", 50, 60), "z.py", "x\n");
        assert!(out.ends_with("SyntaxError: invalid syntax\n"));
        let out = show(&syntax("invalid syntax", 0, 0), "z.py", "");
        assert!(out.starts_with("  File \"z.py\", line 1\n"));
    }

    #[test]
    fn encoding_declarations() {
        assert!(declares_encoding(b"# -*- coding: latin-1 -*-\n"));
        assert!(declares_encoding(
            b"#!/usr/bin/env python\n# vim: set fileencoding=utf-8 :\n"
        ));
        assert!(declares_encoding(b"\xef\xbb\xbfx = 1\n"));
        assert!(!declares_encoding(b"x = 1\n# coding: utf-8\n\n"));
        assert!(!declares_encoding(b"x = 'coding: no'\n"));
    }
}
