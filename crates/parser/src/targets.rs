//! Assignment, deletion and augmented-assignment targets.
//!
//! The grammar parses targets as expressions; here they get their `Store`/`Del`
//! context, and anything that cannot be a target is rejected with the message
//! CPython 3.11 gives for it (e.g. "cannot assign to function call here. Maybe you
//! meant '==' instead of '='?").

use ast::{Constant, Expr, ExprContext, ExprKind};
use source::SyntaxError;

/// What kind of statement the target belongs to; it picks CPython's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// The single target of `target = value`, where CPython suggests `==`.
    AssignFirst,
    /// Later targets of a chained assignment, for/with/comprehension targets.
    Assign,
    Delete,
}

/// CPython's `_PyPegen_get_expr_name`: how error messages name an expression.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Gives `e` the context `ctx` (recursively through tuples, lists and starred items).
pub fn set_context(e: &mut Expr, ctx: ExprContext, kind: TargetKind) -> Result<(), SyntaxError> {
    set_context_inner(e, ctx, kind, true)
}

fn set_context_inner(
    e: &mut Expr,
    ctx: ExprContext,
    kind: TargetKind,
    top: bool,
) -> Result<(), SyntaxError> {
    let range = e.range;
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => {
            *c = ctx;
            Ok(())
        }
        ExprKind::Starred { value, ctx: c } => {
            if kind == TargetKind::Delete {
                return Err(SyntaxError::new("cannot delete starred", range));
            }
            // A lone `*a = 1` parses (CPython's compiler rejects it, not its parser).
            let _ = top;
            *c = ctx;
            set_context_inner(value, ctx, kind, false)
        }
        ExprKind::List { elts, ctx: c } | ExprKind::Tuple { elts, ctx: c } => {
            *c = ctx;
            for elt in elts {
                let inner_kind = if kind == TargetKind::AssignFirst {
                    TargetKind::Assign
                } else {
                    kind
                };
                set_context_inner(elt, ctx, inner_kind, false)?;
            }
            Ok(())
        }
        _ => Err(invalid_target(e, kind)),
    }
}

fn invalid_target(e: &Expr, kind: TargetKind) -> SyntaxError {
    let name = expr_name(e);
    if kind == TargetKind::Delete {
        return SyntaxError::new(format!("cannot delete {name}"), e.range);
    }
    // CPython suggests `==` only where the target could have been a comparison's
    // left operand: not for comparisons, `not`/`and`/`or`, lambdas, generators or keywords.
    let hint = kind == TargetKind::AssignFirst
        && !matches!(
            &e.kind,
            ExprKind::Compare { .. }
                | ExprKind::BoolOp { .. }
                | ExprKind::UnaryOp {
                    op: ast::UnaryOp::Not,
                    ..
                }
                | ExprKind::Lambda { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::Constant {
                    value: Constant::None | Constant::Bool(_),
                    ..
                }
        );
    if hint {
        SyntaxError::new(
            format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
            e.range,
        )
    } else {
        SyntaxError::new(format!("cannot assign to {name}"), e.range)
    }
}

/// The target of `target op= value`: a name, attribute or subscript only.
pub fn set_aug_target(e: &mut Expr) -> Result<(), SyntaxError> {
    match &mut e.kind {
        ExprKind::Name { ctx, .. }
        | ExprKind::Attribute { ctx, .. }
        | ExprKind::Subscript { ctx, .. } => {
            *ctx = ExprContext::Store;
            Ok(())
        }
        _ => Err(SyntaxError::new(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                expr_name(e)
            ),
            e.range,
        )),
    }
}
