//! Every `tests/corpus/invalid/syntax/*.py` is rejected with the exception type, line,
//! column and message python3.11's `compile()` gave (recorded in `expected_errors.tsv`).

use std::path::{Path, PathBuf};

use source::LineIndex;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/invalid/syntax")
}

#[test]
fn invalid_syntax_corpus_gives_cpython_errors() {
    let dir = corpus_dir();
    let table =
        std::fs::read_to_string(dir.join("expected_errors.tsv")).expect("expected_errors.tsv");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.splitn(5, '\t').collect();
        let [file, kind, lineno, offset, msg] = fields[..] else {
            panic!("bad line {line:?}");
        };
        let source = std::fs::read_to_string(dir.join(file)).expect(file);
        checked += 1;
        let got = match parser::parse_module(&source) {
            Ok(_) => "accepted".to_owned(),
            Err(e) => {
                let index = LineIndex::new(&source);
                let at = index.line_col(e.range.start());
                let col = index.char_column(&source, e.range.start()) + 1;
                format!("{}\t{}\t{}\t{}", e.kind.name(), at.line, col, e.msg)
            }
        };
        let want = format!("{kind}\t{lineno}\t{offset}\t{msg}");
        if got != want {
            failures.push(format!("{file}:\n    want {want}\n    got  {got}"));
        }
    }
    assert!(checked > 50, "only {checked} cases found");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
