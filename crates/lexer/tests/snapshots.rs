//! Snapshot of the tokens of every corpus file: `tests/corpus/valid/**/*.py`
//! (every area: other stages' fixtures must lex too) and
//! `tests/corpus/invalid/lexer/**/*.py` (each ends with CPython's error).
//!
//! Each line is `Kind start..end "text"`; then any `warning: SyntaxWarning: msg
//! at line:col`; an error adds `error: Kind: msg at line:col (start..end)`. Every fixture is also checked for the token
//! invariants: in bounds, in order, not overlapping, gaps only blanks.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use lexer::{decode_source, tokenize, LineIndex, TokenKind};

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            python_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// The snapshot text of one source.
fn render(source: &str) -> String {
    let lexed = tokenize(source);
    let mut out = String::new();
    for token in &lexed.tokens {
        let text = &source[token.range];
        let _ = writeln!(
            out,
            "{:?} {}..{} {:?}",
            token.kind,
            u32::from(token.range.start()),
            u32::from(token.range.end()),
            text
        );
    }
    for warning in &lexed.warnings {
        let at = LineIndex::new(source).line_col(warning.range.start());
        let _ = writeln!(
            out,
            "warning: SyntaxWarning: {} at {}:{}",
            warning.msg, at.line, at.col
        );
    }
    if let Some(err) = &lexed.error {
        let at = LineIndex::new(source).line_col(err.range.start());
        let _ = writeln!(
            out,
            "error: {}: {} at {}:{} ({}..{})",
            err.kind.name(),
            err.msg,
            at.line,
            at.col,
            u32::from(err.range.start()),
            u32::from(err.range.end())
        );
    }
    out
}

/// Tokens are in bounds, ordered and disjoint, and what lies between them is
/// only blanks, backslash-newlines and form feeds.
fn check_invariants(name: &str, source: &str) {
    let lexed = tokenize(source);
    let mut prev_end = 0usize;
    for token in &lexed.tokens {
        let (start, end) = (
            usize::from(token.range.start()),
            usize::from(token.range.end()),
        );
        assert!(
            prev_end <= start && end <= source.len(),
            "{name}: {token:?} out of order"
        );
        let gap = &source[prev_end..start];
        let rest = gap
            .replace("\\\r\n", "")
            .replace("\\\n", "")
            .replace("\\\r", "");
        assert!(
            rest.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c')),
            "{name}: gap {gap:?} before {token:?}"
        );
        prev_end = end;
    }
    if lexed.error.is_none() {
        assert_eq!(
            lexed.tokens.last().map(|t| t.kind),
            Some(TokenKind::EndMarker)
        );
    }
}

#[test]
fn corpus_snapshots() {
    let root = corpus_root();
    let mut files = Vec::new();
    python_files(&root.join("valid"), &mut files);
    python_files(&root.join("invalid/lexer"), &mut files);
    files.sort();
    assert!(
        files.len() > 30,
        "corpus not found under {}",
        root.display()
    );
    let mut failed = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&root).unwrap_or(path);
        let name = format!(
            "lexer@{}",
            relative
                .with_extension("")
                .to_string_lossy()
                .replace(['/', '\\'], "__")
        );
        let bytes = std::fs::read(path).unwrap_or_default();
        let rendered = match decode_source(&bytes) {
            Ok(source) => {
                check_invariants(&name, &source);
                render(&source)
            }
            Err(err) => format!("decode error: {}\n", err.msg),
        };
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(path);
        settings.set_omit_expression(true);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name.as_str(), rendered));
        }));
        if result.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "snapshots differ: {failed:#?}");
}
