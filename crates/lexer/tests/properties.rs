//! Properties of `tokenize` on generated inputs: it never panics, its tokens
//! are ordered, in bounds and disjoint, and tokens plus the gaps between them
//! (only blanks, backslash-newlines and form feeds) give back the source.

use lexer::{tokenize, TokenKind};
use proptest::prelude::*;

/// Python-ish text: fragments of every token form, glued at random.
fn pythonish() -> impl Strategy<Value = String> {
    let fragment = prop::sample::select(vec![
        "x", "_a1", "café", "if", "def", "class", "match", " ", "  ", "\t", "\x0c", "\n", "\r\n",
        "\r", "\\\n", "\\", "#c", "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "...", "->",
        ":=", "+=", "**", "//=", "!=", "!", "$", "?", "0", "1", "0x1F", "0o7", "0b1", "1_0", "1.5",
        ".5", "1e5", "1j", "0123", "1_", "1e", "0x", "'a'", "\"b\"", "'''t'''", "'''", "\"\"\"",
        "'", "\"", "r'\\''", "rb\"x\"", "f'{y}'", "€", "\u{a0}", "\u{0}", "é", "\u{1}",
    ]);
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

fn check(source: &str) -> Result<(), TestCaseError> {
    let lexed = tokenize(source);
    let mut prev_end = 0usize;
    let mut rebuilt = String::with_capacity(source.len());
    for token in &lexed.tokens {
        let start = usize::from(token.range.start());
        let end = usize::from(token.range.end());
        prop_assert!(prev_end <= start, "{token:?} starts before {prev_end}");
        prop_assert!(
            start <= end && end <= source.len(),
            "{token:?} out of bounds"
        );
        let gap = &source[prev_end..start];
        let blank = gap
            .replace("\\\r\n", "")
            .replace("\\\n", "")
            .replace("\\\r", "");
        prop_assert!(
            blank.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c')),
            "gap {gap:?} before {token:?}"
        );
        rebuilt.push_str(gap);
        rebuilt.push_str(&source[start..end]);
        prev_end = end;
    }
    match &lexed.error {
        None => {
            prop_assert_eq!(
                lexed.tokens.last().map(|t| t.kind),
                Some(TokenKind::EndMarker)
            );
            // Without an error the tokens cover the source up to trailing blanks.
            let tail = &source[prev_end..];
            prop_assert!(tail.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c')));
            rebuilt.push_str(tail);
            prop_assert_eq!(rebuilt.as_str(), source);
        }
        Some(err) => {
            prop_assert!(usize::from(err.range.end()) <= source.len());
            prop_assert!(err.range.start() <= err.range.end());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn lexer_never_panics(source in any::<String>()) {
        let _ = tokenize(&source);
    }

    #[test]
    fn lexer_never_panics_on_pythonish(source in pythonish()) {
        let _ = tokenize(&source);
    }

    #[test]
    fn tokens_are_ordered_in_bounds_and_disjoint(source in pythonish()) {
        check(&source)?;
    }

    #[test]
    fn tokens_and_gaps_reproduce_source(source in pythonish()) {
        check(&source)?;
    }

    #[test]
    fn dump_never_panics(source in pythonish()) {
        let _ = lexer::dump::dump_tokens("f.py", source.as_bytes());
    }

    #[test]
    fn decoding_and_dumping_arbitrary_bytes_never_panics(
        head in prop::sample::select(vec!["", "# coding: latin-1\n", "\u{feff}", "#!x\n# -*- coding: cp1252 -*-\n", "# coding=koi8-r\n"]),
        bytes in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut all = head.as_bytes().to_vec();
        all.extend(bytes);
        if let Ok(text) = lexer::decode_source(&all) {
            check(&text)?;
        }
        let _ = lexer::dump::dump_tokens("f.py", &all);
    }
}
