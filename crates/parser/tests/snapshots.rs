//! Every `tests/corpus/valid/**/*.py` parses, and its tree is checked two ways:
//! - an insta snapshot of `ast.dump(indent=2)` (`snapshots/parser@<area>__<name>.snap`),
//!   readable next to the source;
//! - the one-line `ast.dump(include_attributes=True)` equals python3.11's, committed in
//!   `tests/expected/<area>__<name>.dump` (rewrite with `cargo xtask ast-conformance
//!   --bless-corpus`; these tests never run python3).
//!
//! Also checked on every fixture: each node's range lies inside its parent's.

use std::path::{Path, PathBuf};

use ast::visitor::{walk_expr, walk_stmt, Visitor};
use ast::{DumpOptions, Expr, Stmt, TextRange};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
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

/// `(snapshot name, source)` of every valid corpus file, sorted.
fn corpus() -> Vec<(String, String)> {
    let root = workspace().join("tests/corpus/valid");
    let mut files = Vec::new();
    python_files(&root, &mut files);
    files.sort();
    files
        .iter()
        .map(|path| {
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let name = rel.with_extension("").to_string_lossy().replace('/', "__");
            let bytes = std::fs::read(path).unwrap_or_default();
            let source = lexer::decode_source(&bytes)
                .map(|s| s.into_owned())
                .unwrap_or_default();
            (name, source)
        })
        .collect()
}

/// Checks that children's ranges nest inside their parent's.
struct Nesting {
    parents: Vec<TextRange>,
    errors: Vec<String>,
}

impl Nesting {
    fn check(&mut self, what: &str, range: TextRange) {
        if let Some(parent) = self.parents.last() {
            if !parent.contains_range(range) {
                self.errors
                    .push(format!("{what} {range:?} outside its parent {parent:?}"));
            }
        }
    }
}

impl Visitor for Nesting {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        self.check("statement", stmt.range);
        // Decorators sit before the `def`/`class` line where CPython starts the node.
        let decorators = match &stmt.kind {
            ast::StmtKind::FunctionDef(f) | ast::StmtKind::AsyncFunctionDef(f) => {
                &f.decorator_list[..]
            }
            ast::StmtKind::ClassDef { decorator_list, .. } => &decorator_list[..],
            _ => &[],
        };
        let start = decorators
            .first()
            .map_or(stmt.range.start(), |d| d.range.start());
        self.parents.push(TextRange::new(start, stmt.range.end()));
        walk_stmt(self, stmt);
        self.parents.pop();
    }
    fn visit_expr(&mut self, expr: &Expr) {
        // CPython gives f-string pieces the whole string's range, and a lone generator
        // argument the call's parentheses: both may reach past their parent.
        let loose = matches!(
            expr.kind,
            ast::ExprKind::JoinedStr { .. }
                | ast::ExprKind::FormattedValue { .. }
                | ast::ExprKind::Constant { .. }
        );
        if !loose {
            self.check("expression", expr.range);
        }
        self.parents.push(expr.range);
        walk_expr(self, expr);
        self.parents.pop();
    }
}

#[test]
fn corpus_dumps_match_snapshots() {
    let corpus = corpus();
    assert!(corpus.len() > 20, "corpus not found");
    for (name, source) in corpus {
        let module = match parser::parse_module(&source) {
            Ok(m) => m,
            Err(e) => panic!("{name}: {e} at {:?}", e.range),
        };
        let options = DumpOptions {
            indent: Some(2),
            include_attributes: false,
        };
        let text = ast::dump(&module, &source, options);
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("parser@{name}"), text);
        });
    }
}

#[test]
fn corpus_dumps_equal_python() {
    let expected_dir = workspace().join("crates/parser/tests/expected");
    let mut failures = Vec::new();
    let mut compared = 0;
    for (name, source) in corpus() {
        let Ok(expected) = std::fs::read_to_string(expected_dir.join(format!("{name}.dump")))
        else {
            failures.push(format!(
                "{name}: no expected dump (run cargo xtask ast-conformance --bless-corpus)"
            ));
            continue;
        };
        compared += 1;
        let got = match parser::parse_module(&source) {
            Ok(module) => {
                let options = DumpOptions {
                    indent: None,
                    include_attributes: true,
                };
                ast::dump(&module, &source, options)
            }
            Err(e) => format!("ERROR {}: {}", e.kind.name(), e.msg),
        };
        if got != expected.trim_end_matches('\n') {
            failures.push(format!("{name}:\n  coil:   {got}\n  python: {expected}"));
        }
    }
    assert!(compared > 20);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn child_ranges_nest_in_parent_ranges() {
    for (name, source) in corpus() {
        let Ok(module) = parser::parse_module(&source) else {
            continue;
        };
        let mut nesting = Nesting {
            parents: Vec::new(),
            errors: Vec::new(),
        };
        ast::visitor::walk_mod(&mut nesting, &module);
        assert!(nesting.errors.is_empty(), "{name}: {:?}", nesting.errors);
    }
}
