//! Compound statement end positions that include a block's trailing `;`.
//!
//! CPython 3.11 ends a compound statement (and an `except` clause) at the last token
//! its rule consumed, so `def f():\n    x = 1;` ends after the `;` while the inner
//! `x = 1` does not. Actions compute ends from the last inner statement; this pass,
//! run once on the finished tree, extends them over such a semicolon.

use ast::{ExceptHandler, Stmt, StmtKind, TextRange, TextSize};

pub fn extend_over_semicolons(body: &mut [Stmt], src: &str) {
    for stmt in body {
        let compound = match &mut stmt.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                extend_over_semicolons(&mut f.body, src);
                true
            }
            StmtKind::ClassDef { body, .. } => {
                extend_over_semicolons(body, src);
                true
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                extend_over_semicolons(&mut f.body, src);
                extend_over_semicolons(&mut f.orelse, src);
                true
            }
            StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                extend_over_semicolons(body, src);
                extend_over_semicolons(orelse, src);
                true
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                extend_over_semicolons(&mut w.body, src);
                true
            }
            StmtKind::Match { cases, .. } => {
                for case in cases {
                    extend_over_semicolons(&mut case.body, src);
                }
                true
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                extend_over_semicolons(&mut t.body, src);
                for h in &mut t.handlers {
                    extend_handler(h, src);
                }
                extend_over_semicolons(&mut t.orelse, src);
                extend_over_semicolons(&mut t.finalbody, src);
                true
            }
            _ => false,
        };
        if compound {
            stmt.range = extended(stmt.range, src);
        }
    }
}

fn extend_handler(h: &mut ExceptHandler, src: &str) {
    extend_over_semicolons(&mut h.body, src);
    h.range = extended(h.range, src);
}

fn extended(range: TextRange, src: &str) -> TextRange {
    let end = usize::from(range.end());
    let rest = src.get(end..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len();
    if rest[skipped..].starts_with(';') {
        let new_end = TextSize::from((end + skipped + 1) as u32);
        return TextRange::new(range.start(), new_end);
    }
    range
}
