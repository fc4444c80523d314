//! `from __future__ import ...` checks, as CPython 3.11's Python/future.c and
//! `compiler_from_import` make them before and while compiling.
//!
//! The leading future imports (after an optional docstring) may only name known
//! features (`braces` gets CPython's joke); a future import anywhere else is an error.
//! The one feature that changes code generation, `annotations`, is read by the compiler.

use ast::visitor::{walk_stmt, Visitor};
use ast::{ExprKind, Stmt, StmtKind};
use source::{SyntaxError, TextRange};

const FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

fn is_future_import(stmt: &Stmt) -> bool {
    matches!(&stmt.kind, StmtKind::ImportFrom { module: Some(m), .. } if m == "__future__")
}

/// CPython points at the statement's first column only (`PyErr_SyntaxLocationObject`).
fn at_start(stmt: &Stmt) -> TextRange {
    TextRange::empty(stmt.range.start())
}

/// Checks the module's future imports; the first error, as CPython reports it.
pub fn check(body: &[Stmt]) -> Result<(), SyntaxError> {
    let is_docstring = |s: &Stmt| {
        matches!(&s.kind, StmtKind::Expr { value } if matches!(
            &value.kind,
            ExprKind::Constant { value: ast::Constant::Str(_), .. }
        ))
    };
    let mut leading = 0;
    for (i, stmt) in body.iter().enumerate() {
        if i == 0 && is_docstring(stmt) {
            leading = 1;
            continue;
        }
        if !is_future_import(stmt) {
            break;
        }
        if let StmtKind::ImportFrom { names, .. } = &stmt.kind {
            for alias in names {
                if alias.name == "braces" {
                    return Err(SyntaxError::new("not a chance", at_start(stmt)));
                }
                if !FEATURES.contains(&alias.name.as_str()) {
                    return Err(SyntaxError::new(
                        format!("future feature {} is not defined", alias.name),
                        at_start(stmt),
                    ));
                }
            }
        }
        leading = i + 1;
    }
    let mut finder = Misplaced { found: None };
    for stmt in &body[leading.min(body.len())..] {
        finder.visit_stmt(stmt);
    }
    match finder.found {
        Some(range) => Err(SyntaxError::new(
            "from __future__ imports must occur at the beginning of the file",
            range,
        )),
        None => Ok(()),
    }
}

/// Finds the first future import outside the leading block, at any depth.
struct Misplaced {
    found: Option<TextRange>,
}

impl Visitor for Misplaced {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        if self.found.is_some() {
            return;
        }
        if is_future_import(stmt) {
            self.found = Some(stmt.range);
            return;
        }
        walk_stmt(self, stmt);
    }
}
