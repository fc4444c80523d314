//! A read-only visitor over the tree, in the style of Python's `ast.NodeVisitor`.
//!
//! Override the `visit_*` methods you care about and call the matching `walk_*`
//! function to descend into the children; the defaults just walk. Children are
//! visited in field order, the order `ast.walk`/`NodeVisitor.generic_visit` use.

use crate::*;

pub trait Visitor {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        walk_stmt(self, stmt);
    }
    fn visit_expr(&mut self, expr: &Expr) {
        walk_expr(self, expr);
    }
    fn visit_pattern(&mut self, pattern: &Pattern) {
        walk_pattern(self, pattern);
    }
    fn visit_arguments(&mut self, arguments: &Arguments) {
        walk_arguments(self, arguments);
    }
    fn visit_arg(&mut self, arg: &Arg) {
        if let Some(a) = &arg.annotation {
            self.visit_expr(a);
        }
    }
    fn visit_keyword(&mut self, keyword: &Keyword) {
        self.visit_expr(&keyword.value);
    }
    fn visit_comprehension(&mut self, comp: &Comprehension) {
        self.visit_expr(&comp.target);
        self.visit_expr(&comp.iter);
        for e in &comp.ifs {
            self.visit_expr(e);
        }
    }
    fn visit_except_handler(&mut self, handler: &ExceptHandler) {
        if let Some(t) = &handler.type_ {
            self.visit_expr(t);
        }
        walk_body(self, &handler.body);
    }
    fn visit_match_case(&mut self, case: &MatchCase) {
        self.visit_pattern(&case.pattern);
        if let Some(g) = &case.guard {
            self.visit_expr(g);
        }
        walk_body(self, &case.body);
    }
}

/// Visits every statement of a module.
pub fn walk_mod<V: Visitor + ?Sized>(v: &mut V, module: &Mod) {
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => walk_body(v, body),
        Mod::Expression { body } => v.visit_expr(body),
        Mod::FunctionType { argtypes, returns } => {
            walk_exprs(v, argtypes);
            v.visit_expr(returns);
        }
    }
}

pub fn walk_body<V: Visitor + ?Sized>(v: &mut V, body: &[Stmt]) {
    for s in body {
        v.visit_stmt(s);
    }
}

fn walk_exprs<V: Visitor + ?Sized>(v: &mut V, exprs: &[Expr]) {
    for e in exprs {
        v.visit_expr(e);
    }
}

fn walk_opt<V: Visitor + ?Sized>(v: &mut V, expr: &Option<Box<Expr>>) {
    if let Some(e) = expr {
        v.visit_expr(e);
    }
}

pub fn walk_arguments<V: Visitor + ?Sized>(v: &mut V, a: &Arguments) {
    for arg in a.posonlyargs.iter().chain(&a.args) {
        v.visit_arg(arg);
    }
    if let Some(arg) = &a.vararg {
        v.visit_arg(arg);
    }
    for arg in &a.kwonlyargs {
        v.visit_arg(arg);
    }
    for d in a.kw_defaults.iter().flatten() {
        v.visit_expr(d);
    }
    if let Some(arg) = &a.kwarg {
        v.visit_arg(arg);
    }
    walk_exprs(v, &a.defaults);
}

pub fn walk_stmt<V: Visitor + ?Sized>(v: &mut V, stmt: &Stmt) {
    match &stmt.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
            v.visit_arguments(&f.args);
            walk_body(v, &f.body);
            walk_exprs(v, &f.decorator_list);
            walk_opt(v, &f.returns);
        }
        StmtKind::ClassDef {
            bases,
            keywords,
            body,
            decorator_list,
            ..
        } => {
            walk_exprs(v, bases);
            for k in keywords {
                v.visit_keyword(k);
            }
            walk_body(v, body);
            walk_exprs(v, decorator_list);
        }
        StmtKind::Return { value } => walk_opt(v, value),
        StmtKind::Delete { targets } => walk_exprs(v, targets),
        StmtKind::Assign { targets, value, .. } => {
            walk_exprs(v, targets);
            v.visit_expr(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            v.visit_expr(target);
            v.visit_expr(value);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            v.visit_expr(target);
            v.visit_expr(annotation);
            walk_opt(v, value);
        }
        StmtKind::For(f) | StmtKind::AsyncFor(f) => {
            v.visit_expr(&f.target);
            v.visit_expr(&f.iter);
            walk_body(v, &f.body);
            walk_body(v, &f.orelse);
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            v.visit_expr(test);
            walk_body(v, body);
            walk_body(v, orelse);
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => {
            for item in &w.items {
                v.visit_expr(&item.context_expr);
                walk_opt(v, &item.optional_vars);
            }
            walk_body(v, &w.body);
        }
        StmtKind::Match { subject, cases } => {
            v.visit_expr(subject);
            for c in cases {
                v.visit_match_case(c);
            }
        }
        StmtKind::Raise { exc, cause } => {
            walk_opt(v, exc);
            walk_opt(v, cause);
        }
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            walk_body(v, &t.body);
            for h in &t.handlers {
                v.visit_except_handler(h);
            }
            walk_body(v, &t.orelse);
            walk_body(v, &t.finalbody);
        }
        StmtKind::Assert { test, msg } => {
            v.visit_expr(test);
            walk_opt(v, msg);
        }
        StmtKind::Expr { value } => v.visit_expr(value),
        StmtKind::Import { .. }
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global { .. }
        | StmtKind::Nonlocal { .. }
        | StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue => {}
    }
}

pub fn walk_expr<V: Visitor + ?Sized>(v: &mut V, expr: &Expr) {
    match &expr.kind {
        ExprKind::BoolOp { values, .. } => walk_exprs(v, values),
        ExprKind::NamedExpr { target, value } => {
            v.visit_expr(target);
            v.visit_expr(value);
        }
        ExprKind::BinOp { left, right, .. } => {
            v.visit_expr(left);
            v.visit_expr(right);
        }
        ExprKind::UnaryOp { operand, .. } => v.visit_expr(operand),
        ExprKind::Lambda { args, body } => {
            v.visit_arguments(args);
            v.visit_expr(body);
        }
        ExprKind::IfExp { test, body, orelse } => {
            v.visit_expr(test);
            v.visit_expr(body);
            v.visit_expr(orelse);
        }
        ExprKind::Dict { keys, values } => {
            for k in keys.iter().flatten() {
                v.visit_expr(k);
            }
            walk_exprs(v, values);
        }
        ExprKind::Set { elts } => walk_exprs(v, elts),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            v.visit_expr(elt);
            for c in generators {
                v.visit_comprehension(c);
            }
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            v.visit_expr(key);
            v.visit_expr(value);
            for c in generators {
                v.visit_comprehension(c);
            }
        }
        ExprKind::Await { value } | ExprKind::YieldFrom { value } => v.visit_expr(value),
        ExprKind::Yield { value } => walk_opt(v, value),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            v.visit_expr(left);
            walk_exprs(v, comparators);
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            v.visit_expr(func);
            walk_exprs(v, args);
            for k in keywords {
                v.visit_keyword(k);
            }
        }
        ExprKind::FormattedValue {
            value, format_spec, ..
        } => {
            v.visit_expr(value);
            walk_opt(v, format_spec);
        }
        ExprKind::JoinedStr { values } => walk_exprs(v, values),
        ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => v.visit_expr(value),
        ExprKind::Subscript { value, slice, .. } => {
            v.visit_expr(value);
            v.visit_expr(slice);
        }
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => walk_exprs(v, elts),
        ExprKind::Slice { lower, upper, step } => {
            walk_opt(v, lower);
            walk_opt(v, upper);
            walk_opt(v, step);
        }
        ExprKind::Constant { .. } | ExprKind::Name { .. } => {}
    }
}

pub fn walk_pattern<V: Visitor + ?Sized>(v: &mut V, pattern: &Pattern) {
    match &pattern.kind {
        PatternKind::MatchValue { value } => v.visit_expr(value),
        PatternKind::MatchSingleton { .. } | PatternKind::MatchStar { .. } => {}
        PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
            for p in patterns {
                v.visit_pattern(p);
            }
        }
        PatternKind::MatchMapping { keys, patterns, .. } => {
            walk_exprs(v, keys);
            for p in patterns {
                v.visit_pattern(p);
            }
        }
        PatternKind::MatchClass {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            v.visit_expr(cls);
            for p in patterns.iter().chain(kwd_patterns) {
                v.visit_pattern(p);
            }
        }
        PatternKind::MatchAs { pattern, .. } => {
            if let Some(p) = pattern {
                v.visit_pattern(p);
            }
        }
    }
}
