//! Rejects `str` constants holding a lone surrogate (`'\ud800'`) before compiling.
//!
//! The AST keeps such strings exactly (`ast::StrValue`), but the bytecode's
//! `ConstantValue::Str` is a Rust `str`, which cannot hold a surrogate. Rather than
//! silently replace it with U+FFFD, the module is refused with a SyntaxError on the
//! literal's range until the VM's strings can carry surrogates.

use ast::visitor::{walk_expr, Visitor};
use ast::{Constant, Expr, ExprKind, Stmt};
use source::{SyntaxError, TextRange};

/// The first constant string with a lone surrogate in `body`, as an error.
pub fn check(body: &[Stmt]) -> Result<(), SyntaxError> {
    let mut finder = Finder { found: None };
    ast::visitor::walk_body(&mut finder, body);
    match finder.found {
        Some(range) => Err(SyntaxError::new(
            "coil does not support lone surrogates in string constants yet",
            range,
        )),
        None => Ok(()),
    }
}

struct Finder {
    found: Option<TextRange>,
}

impl Visitor for Finder {
    fn visit_expr(&mut self, expr: &Expr) {
        if self.found.is_some() {
            return;
        }
        if let ExprKind::Constant {
            value: Constant::Str(s),
            ..
        } = &expr.kind
        {
            if s.has_surrogates() {
                self.found = Some(expr.range);
                return;
            }
        }
        walk_expr(self, expr);
    }
}
