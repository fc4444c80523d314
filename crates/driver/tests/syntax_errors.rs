//! The rendered SyntaxError of every file in `tests/corpus/invalid/{lexer,syntax,compile}`
//! against CPython 3.11's, byte for byte.
//!
//! Each file is run with the built `coil` binary from the workspace root by its relative
//! path, exactly as `python3 <path>` was run to capture the expected stderr in
//! `tests/syntax_errors/<dir>/<name>.stderr` (by `tests/syntax_errors/capture.py`; the
//! tests never run python3). Both must exit with status 1 and print the same text:
//! `File "...", line N` (the workspace root cut from the path), the source line, the carets and `SyntaxError: message`.
//! An insta snapshot keeps Coil's own rendering of all of them, so a change in any
//! error (matching CPython or not) shows up in review.

use std::path::{Path, PathBuf};
use std::process::Command;

const DIRS: [&str; 3] = ["lexer", "syntax", "compile"];

/// Files whose rendering is known to differ from CPython's (`dir/name.py`). The test
/// fails if one of them starts matching, so this list only ever shrinks.
const KNOWN_DIFFERENCES: &[&str] = &["lexer/tab_in_continued_indentation.py"];

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

struct Outcome {
    path: String,
    status: Option<i32>,
    stderr: String,
    expected: String,
}

fn run_all() -> Vec<Outcome> {
    let root = workspace_root();
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/syntax_errors");
    let mut outcomes = Vec::new();
    for dir in DIRS {
        let mut names: Vec<String> = std::fs::read_dir(root.join("tests/corpus/invalid").join(dir))
            .expect("corpus directory")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".py"))
            .collect();
        names.sort();
        for name in names {
            let path = format!("tests/corpus/invalid/{dir}/{name}");
            let out = Command::new(env!("CARGO_BIN_EXE_coil"))
                .arg(&path)
                .current_dir(&root)
                .output()
                .expect("run coil");
            // Both print the script's absolute path; the expected files have the root cut.
            let prefix = format!("{}/", root.display());
            let stderr = String::from_utf8_lossy(&out.stderr).replace(&prefix, "");
            let stem = name.trim_end_matches(".py");
            let expected =
                std::fs::read_to_string(expected_dir.join(dir).join(format!("{stem}.stderr")))
                    .unwrap_or_else(|e| panic!("expected stderr of {path}: {e}"));
            outcomes.push(Outcome {
                path: format!("{dir}/{name}"),
                status: out.status.code(),
                stderr,
                expected,
            });
        }
    }
    outcomes
}

#[test]
fn rendered_syntax_errors_match_cpython() {
    let outcomes = run_all();
    assert!(outcomes.len() > 150, "corpus not found");
    let mut differing = Vec::new();
    let mut report = String::new();
    for o in &outcomes {
        if o.status != Some(1) || o.stderr != o.expected {
            differing.push(o.path.clone());
            report.push_str(&format!(
                "--- {} (exit {:?})\n  coil:\n{}  python3:\n{}",
                o.path, o.status, o.stderr, o.expected
            ));
        }
    }
    let unexpected: Vec<&String> = differing
        .iter()
        .filter(|p| !KNOWN_DIFFERENCES.contains(&p.as_str()))
        .collect();
    let fixed: Vec<&&str> = KNOWN_DIFFERENCES
        .iter()
        .filter(|p| !differing.iter().any(|d| d == **p))
        .collect();
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{} of {} files differ from CPython; not in KNOWN_DIFFERENCES: {unexpected:?}; \
         now matching (remove from KNOWN_DIFFERENCES): {fixed:?}\n{report}",
        differing.len(),
        outcomes.len()
    );
}

#[test]
fn rendered_syntax_errors_snapshot() {
    let mut text = String::new();
    for o in run_all() {
        text.push_str(&format!(
            "=== {} (exit {:?})\n{}",
            o.path, o.status, o.stderr
        ));
    }
    insta::assert_snapshot!("rendered_syntax_errors", text);
}
