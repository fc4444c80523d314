//! `ast.unparse`: source text from a tree, following CPython 3.11's `ast._Unparser`.
//!
//! The output re-parses to the same tree (ranges aside); parentheses come from the same
//! precedence table CPython uses, so the text is close to `ast.unparse`'s.

use crate::repr::{repr_constant, repr_str_value};
use crate::*;

/// `ast.unparse(module)`.
pub fn unparse(module: &Mod) -> String {
    let mut u = Unparser {
        out: String::new(),
        indent: 0,
    };
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => u.stmts(body),
        Mod::Expression { body } => u.expr(body, Prec::Test),
        Mod::FunctionType { argtypes, returns } => {
            u.out.push('(');
            u.comma_list(argtypes, Prec::Test);
            u.out.push_str(") -> ");
            u.expr(returns, Prec::Test);
        }
    }
    u.out
}

/// `_Precedence` of CPython's unparser, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    NamedExpr,
    Tuple,
    Yield,
    Test,
    Or,
    And,
    Not,
    Cmp,
    BOr,
    BXor,
    BAnd,
    Shift,
    Arith,
    Term,
    Factor,
    Power,
    Await,
    Atom,
}

impl Prec {
    fn next(self) -> Prec {
        use Prec::*;
        match self {
            NamedExpr => Tuple,
            Tuple => Yield,
            Yield => Test,
            Test => Or,
            Or => And,
            And => Not,
            Not => Cmp,
            Cmp => BOr,
            BOr => BXor,
            BXor => BAnd,
            BAnd => Shift,
            Shift => Arith,
            Arith => Term,
            Term => Factor,
            Factor => Power,
            Power => Await,
            Await | Atom => Atom,
        }
    }
}

fn binop_prec(op: Operator) -> Prec {
    match op {
        Operator::Add | Operator::Sub => Prec::Arith,
        Operator::Mult | Operator::MatMult | Operator::Div | Operator::Mod | Operator::FloorDiv => {
            Prec::Term
        }
        Operator::LShift | Operator::RShift => Prec::Shift,
        Operator::BitOr => Prec::BOr,
        Operator::BitXor => Prec::BXor,
        Operator::BitAnd => Prec::BAnd,
        Operator::Pow => Prec::Power,
    }
}

fn binop_text(op: Operator) -> &'static str {
    match op {
        Operator::Add => "+",
        Operator::Sub => "-",
        Operator::Mult => "*",
        Operator::MatMult => "@",
        Operator::Div => "/",
        Operator::Mod => "%",
        Operator::Pow => "**",
        Operator::LShift => "<<",
        Operator::RShift => ">>",
        Operator::BitOr => "|",
        Operator::BitXor => "^",
        Operator::BitAnd => "&",
        Operator::FloorDiv => "//",
    }
}

fn cmpop_text(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

struct Unparser {
    out: String,
    indent: usize,
}

impl Unparser {
    fn line(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    fn block(&mut self, body: &[Stmt]) {
        self.out.push(':');
        self.indent += 1;
        self.stmts(body);
        self.indent -= 1;
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn comma_list(&mut self, items: &[Expr], prec: Prec) {
        for (i, e) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(e, prec);
        }
    }

    fn decorators(&mut self, decorators: &[Expr]) {
        for d in decorators {
            self.line();
            self.out.push('@');
            self.expr(d, Prec::Test);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.decorators(&f.decorator_list);
                self.line();
                if matches!(stmt.kind, StmtKind::AsyncFunctionDef(_)) {
                    self.out.push_str("async ");
                }
                self.out.push_str("def ");
                self.out.push_str(&f.name);
                self.out.push('(');
                self.arguments(&f.args);
                self.out.push(')');
                if let Some(r) = &f.returns {
                    self.out.push_str(" -> ");
                    self.expr(r, Prec::Test);
                }
                self.block(&f.body);
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.decorators(decorator_list);
                self.line();
                self.out.push_str("class ");
                self.out.push_str(name);
                if !bases.is_empty() || !keywords.is_empty() {
                    self.out.push('(');
                    self.call_args(bases, keywords);
                    self.out.push(')');
                }
                self.block(body);
            }
            StmtKind::Return { value } => {
                self.line();
                self.out.push_str("return");
                if let Some(v) = value {
                    self.out.push(' ');
                    self.expr(v, Prec::Test);
                }
            }
            StmtKind::Delete { targets } => {
                self.line();
                self.out.push_str("del ");
                self.comma_list(targets, Prec::Test);
            }
            StmtKind::Assign { targets, value, .. } => {
                self.line();
                for t in targets {
                    self.expr(t, Prec::Tuple);
                    self.out.push_str(" = ");
                }
                self.expr(value, Prec::Test);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.line();
                self.expr(target, Prec::Test);
                self.out.push(' ');
                self.out.push_str(binop_text(*op));
                self.out.push_str("= ");
                self.expr(value, Prec::Test);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                self.line();
                let bare_name = *simple && matches!(target.kind, ExprKind::Name { .. });
                if bare_name {
                    self.expr(target, Prec::Test);
                } else {
                    self.out.push('(');
                    self.expr(target, Prec::Test);
                    self.out.push(')');
                }
                self.out.push_str(": ");
                self.expr(annotation, Prec::Test);
                if let Some(v) = value {
                    self.out.push_str(" = ");
                    self.expr(v, Prec::Test);
                }
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.line();
                if matches!(stmt.kind, StmtKind::AsyncFor(_)) {
                    self.out.push_str("async ");
                }
                self.out.push_str("for ");
                self.expr(&f.target, Prec::Tuple);
                self.out.push_str(" in ");
                self.expr(&f.iter, Prec::Test);
                self.block(&f.body);
                self.orelse(&f.orelse);
            }
            StmtKind::While { test, body, orelse } => {
                self.line();
                self.out.push_str("while ");
                self.expr(test, Prec::NamedExpr);
                self.block(body);
                self.orelse(orelse);
            }
            StmtKind::If { test, body, orelse } => {
                self.line();
                self.out.push_str("if ");
                self.expr(test, Prec::NamedExpr);
                self.block(body);
                self.if_tail(orelse);
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                self.line();
                if matches!(stmt.kind, StmtKind::AsyncWith(_)) {
                    self.out.push_str("async ");
                }
                self.out.push_str("with ");
                for (i, item) in w.items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(&item.context_expr, Prec::Test);
                    if let Some(v) = &item.optional_vars {
                        self.out.push_str(" as ");
                        self.expr(v, Prec::Test);
                    }
                }
                self.block(&w.body);
            }
            StmtKind::Match { subject, cases } => {
                self.line();
                self.out.push_str("match ");
                self.expr(subject, Prec::Test);
                self.out.push(':');
                self.indent += 1;
                for case in cases {
                    self.line();
                    self.out.push_str("case ");
                    self.pattern(&case.pattern);
                    if let Some(g) = &case.guard {
                        self.out.push_str(" if ");
                        self.expr(g, Prec::Test);
                    }
                    self.block(&case.body);
                }
                self.indent -= 1;
            }
            StmtKind::Raise { exc, cause } => {
                self.line();
                self.out.push_str("raise");
                if let Some(e) = exc {
                    self.out.push(' ');
                    self.expr(e, Prec::Test);
                }
                if let Some(c) = cause {
                    self.out.push_str(" from ");
                    self.expr(c, Prec::Test);
                }
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                let star = matches!(stmt.kind, StmtKind::TryStar(_));
                self.line();
                self.out.push_str("try");
                self.block(&t.body);
                for h in &t.handlers {
                    self.line();
                    self.out.push_str(if star { "except*" } else { "except" });
                    if let Some(ty) = &h.type_ {
                        self.out.push(' ');
                        self.expr(ty, Prec::Test);
                    }
                    if let Some(n) = &h.name {
                        self.out.push_str(" as ");
                        self.out.push_str(n);
                    }
                    self.block(&h.body);
                }
                self.orelse(&t.orelse);
                if !t.finalbody.is_empty() {
                    self.line();
                    self.out.push_str("finally");
                    self.block(&t.finalbody);
                }
            }
            StmtKind::Assert { test, msg } => {
                self.line();
                self.out.push_str("assert ");
                self.expr(test, Prec::Test);
                if let Some(m) = msg {
                    self.out.push_str(", ");
                    self.expr(m, Prec::Test);
                }
            }
            StmtKind::Import { names } => {
                self.line();
                self.out.push_str("import ");
                self.aliases(names);
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.line();
                self.out.push_str("from ");
                for _ in 0..*level {
                    self.out.push('.');
                }
                if let Some(m) = module {
                    self.out.push_str(m);
                }
                self.out.push_str(" import ");
                self.aliases(names);
            }
            StmtKind::Global { names } => {
                self.line();
                self.out.push_str("global ");
                self.out.push_str(&names.join(", "));
            }
            StmtKind::Nonlocal { names } => {
                self.line();
                self.out.push_str("nonlocal ");
                self.out.push_str(&names.join(", "));
            }
            StmtKind::Expr { value } => {
                self.line();
                self.expr(value, Prec::Yield);
            }
            StmtKind::Pass => {
                self.line();
                self.out.push_str("pass");
            }
            StmtKind::Break => {
                self.line();
                self.out.push_str("break");
            }
            StmtKind::Continue => {
                self.line();
                self.out.push_str("continue");
            }
        }
    }

    fn orelse(&mut self, orelse: &[Stmt]) {
        if !orelse.is_empty() {
            self.line();
            self.out.push_str("else");
            self.block(orelse);
        }
    }

    /// `elif` chains: an `orelse` that is exactly one `If` prints as `elif`.
    fn if_tail(&mut self, mut orelse: &[Stmt]) {
        loop {
            match orelse {
                [Stmt {
                    kind:
                        StmtKind::If {
                            test,
                            body,
                            orelse: next,
                        },
                    ..
                }] => {
                    self.line();
                    self.out.push_str("elif ");
                    self.expr(test, Prec::NamedExpr);
                    self.block(body);
                    orelse = next;
                }
                _ => {
                    self.orelse(orelse);
                    return;
                }
            }
        }
    }

    fn aliases(&mut self, names: &[Alias]) {
        for (i, a) in names.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&a.name);
            if let Some(n) = &a.asname {
                self.out.push_str(" as ");
                self.out.push_str(n);
            }
        }
    }

    fn arg(&mut self, a: &Arg) {
        self.out.push_str(&a.arg);
        if let Some(ann) = &a.annotation {
            self.out.push_str(": ");
            self.expr(ann, Prec::Test);
        }
    }

    fn arguments(&mut self, a: &Arguments) {
        let mut first = true;
        let mut sep = |out: &mut String| {
            if !first {
                out.push_str(", ");
            }
            first = false;
        };
        let positional: Vec<&Arg> = a.posonlyargs.iter().chain(&a.args).collect();
        let defaults_from = positional.len().saturating_sub(a.defaults.len());
        for (i, arg) in positional.iter().enumerate() {
            sep(&mut self.out);
            self.arg(arg);
            if i >= defaults_from {
                self.out.push('=');
                self.expr(&a.defaults[i - defaults_from], Prec::Test);
            }
            if i + 1 == a.posonlyargs.len() {
                self.out.push_str(", /");
            }
        }
        if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
            sep(&mut self.out);
            self.out.push('*');
            if let Some(v) = &a.vararg {
                self.arg(v);
            }
        }
        for (arg, default) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
            sep(&mut self.out);
            self.arg(arg);
            if let Some(d) = default {
                self.out.push('=');
                self.expr(d, Prec::Test);
            }
        }
        if let Some(k) = &a.kwarg {
            sep(&mut self.out);
            self.out.push_str("**");
            self.arg(k);
        }
    }

    fn call_args(&mut self, args: &[Expr], keywords: &[Keyword]) {
        let mut first = true;
        for a in args {
            if !first {
                self.out.push_str(", ");
            }
            first = false;
            self.expr(a, Prec::Test);
        }
        for k in keywords {
            if !first {
                self.out.push_str(", ");
            }
            first = false;
            match &k.arg {
                Some(name) => {
                    self.out.push_str(name);
                    self.out.push('=');
                }
                None => self.out.push_str("**"),
            }
            self.expr(&k.value, Prec::Test);
        }
    }

    fn comprehensions(&mut self, generators: &[Comprehension]) {
        for g in generators {
            self.out
                .push_str(if g.is_async { " async for " } else { " for " });
            self.expr(&g.target, Prec::Tuple);
            self.out.push_str(" in ");
            self.expr(&g.iter, Prec::Test.next());
            for cond in &g.ifs {
                self.out.push_str(" if ");
                self.expr(cond, Prec::Test.next());
            }
        }
    }

    /// Writes `e`, parenthesized if its precedence is below `prec`.
    fn expr(&mut self, e: &Expr, prec: Prec) {
        let own = expr_prec(e);
        let parens = own < prec;
        if parens {
            self.out.push('(');
        }
        self.expr_inner(e, own);
        if parens {
            self.out.push(')');
        }
    }

    fn expr_inner(&mut self, e: &Expr, own: Prec) {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let (word, p) = match op {
                    BoolOp::And => (" and ", Prec::And),
                    BoolOp::Or => (" or ", Prec::Or),
                };
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(word);
                    }
                    self.expr(v, p.next());
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(target, Prec::Atom);
                self.out.push_str(" := ");
                self.expr(value, Prec::Atom);
            }
            ExprKind::BinOp { left, op, right } => {
                // `**` is right-associative, everything else left-associative.
                let (lp, rp) = if *op == Operator::Pow {
                    (own.next(), own)
                } else {
                    (own, own.next())
                };
                self.expr(left, lp);
                self.out.push(' ');
                self.out.push_str(binop_text(*op));
                self.out.push(' ');
                self.expr(right, rp);
            }
            ExprKind::UnaryOp { op, operand } => {
                let text = match op {
                    UnaryOp::Invert => "~",
                    UnaryOp::Not => "not ",
                    UnaryOp::UAdd => "+",
                    UnaryOp::USub => "-",
                };
                self.out.push_str(text);
                self.expr(operand, own);
            }
            ExprKind::Lambda { args, body } => {
                self.out.push_str("lambda");
                let mut params = Unparser {
                    out: String::new(),
                    indent: 0,
                };
                params.arguments(args);
                if !params.out.is_empty() {
                    self.out.push(' ');
                    self.out.push_str(&params.out);
                }
                self.out.push_str(": ");
                self.expr(body, Prec::Test);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(body, Prec::Test.next());
                self.out.push_str(" if ");
                self.expr(test, Prec::Test.next());
                self.out.push_str(" else ");
                self.expr(orelse, Prec::Test);
            }
            ExprKind::Dict { keys, values } => {
                self.out.push('{');
                for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    match k {
                        Some(k) => {
                            self.expr(k, Prec::Test);
                            self.out.push_str(": ");
                            self.expr(v, Prec::Test);
                        }
                        None => {
                            self.out.push_str("**");
                            self.expr(v, Prec::BOr);
                        }
                    }
                }
                self.out.push('}');
            }
            ExprKind::Set { elts } => {
                if elts.is_empty() {
                    // `{}` is a dict; an empty set has no display.
                    self.out.push_str("{*()}");
                } else {
                    self.out.push('{');
                    self.comma_list(elts, Prec::Test);
                    self.out.push('}');
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.out.push('[');
                self.expr(elt, Prec::Test);
                self.comprehensions(generators);
                self.out.push(']');
            }
            ExprKind::SetComp { elt, generators } => {
                self.out.push('{');
                self.expr(elt, Prec::Test);
                self.comprehensions(generators);
                self.out.push('}');
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.out.push('{');
                self.expr(key, Prec::Test);
                self.out.push_str(": ");
                self.expr(value, Prec::Test);
                self.comprehensions(generators);
                self.out.push('}');
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.out.push('(');
                self.expr(elt, Prec::Test);
                self.comprehensions(generators);
                self.out.push(')');
            }
            ExprKind::Await { value } => {
                self.out.push_str("await ");
                self.expr(value, Prec::Atom);
            }
            ExprKind::Yield { value } => {
                self.out.push_str("yield");
                if let Some(v) = value {
                    self.out.push(' ');
                    self.expr(v, Prec::Test);
                }
            }
            ExprKind::YieldFrom { value } => {
                self.out.push_str("yield from ");
                self.expr(value, Prec::Test);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left, Prec::Cmp.next());
                for (op, c) in ops.iter().zip(comparators) {
                    self.out.push(' ');
                    self.out.push_str(cmpop_text(*op));
                    self.out.push(' ');
                    self.expr(c, Prec::Cmp.next());
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func, Prec::Atom);
                self.out.push('(');
                self.call_args(args, keywords);
                self.out.push(')');
            }
            ExprKind::FormattedValue { .. } | ExprKind::JoinedStr { .. } => self.fstring(e),
            ExprKind::Constant { value, kind } => {
                if kind.as_deref() == Some("u") {
                    self.out.push('u');
                }
                self.constant(value);
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value, Prec::Atom);
                // `1 .real`: an int literal needs a space before the dot.
                if matches!(
                    value.kind,
                    ExprKind::Constant {
                        value: Constant::Int(_),
                        ..
                    }
                ) {
                    self.out.push(' ');
                }
                self.out.push('.');
                self.out.push_str(attr);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value, Prec::Atom);
                self.out.push('[');
                match &slice.kind {
                    ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                        self.comma_list(elts, Prec::Test);
                        if elts.len() == 1 {
                            self.out.push(',');
                        }
                    }
                    _ => self.expr(slice, Prec::Test),
                }
                self.out.push(']');
            }
            ExprKind::Starred { value, .. } => {
                self.out.push('*');
                self.expr(value, Prec::BOr);
            }
            ExprKind::Name { id, .. } => self.out.push_str(id),
            ExprKind::List { elts, .. } => {
                self.out.push('[');
                self.comma_list(elts, Prec::Test);
                self.out.push(']');
            }
            ExprKind::Tuple { elts, .. } => {
                let parens = elts.is_empty() || own > Prec::Tuple;
                if parens {
                    self.out.push('(');
                }
                self.comma_list(elts, Prec::Test);
                if elts.len() == 1 {
                    self.out.push(',');
                }
                if parens {
                    self.out.push(')');
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                if let Some(l) = lower {
                    self.expr(l, Prec::Test);
                }
                self.out.push(':');
                if let Some(u) = upper {
                    self.expr(u, Prec::Test);
                }
                if let Some(s) = step {
                    self.out.push(':');
                    self.expr(s, Prec::Test);
                }
            }
        }
    }

    fn constant(&mut self, value: &Constant) {
        match value {
            Constant::Ellipsis => self.out.push_str("..."),
            // inf has no literal: CPython writes an overflowing one.
            Constant::Float(f) if f.is_infinite() => {
                self.out.push_str(if *f > 0.0 { "1e309" } else { "-1e309" })
            }
            Constant::Complex { real, imag } if imag.is_infinite() && *real == 0.0 => self
                .out
                .push_str(if *imag > 0.0 { "1e309j" } else { "-1e309j" }),
            other => self.out.push_str(&repr_constant(other)),
        }
    }

    fn pattern(&mut self, p: &Pattern) {
        match &p.kind {
            PatternKind::MatchValue { value } => self.expr(value, Prec::BOr),
            PatternKind::MatchSingleton { value } => self.constant(value),
            PatternKind::MatchSequence { patterns } => {
                self.out.push('[');
                for (i, q) in patterns.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.pattern(q);
                }
                self.out.push(']');
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.out.push('{');
                let mut first = true;
                for (k, q) in keys.iter().zip(patterns) {
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    self.expr(k, Prec::BOr);
                    self.out.push_str(": ");
                    self.pattern(q);
                }
                if let Some(r) = rest {
                    if !first {
                        self.out.push_str(", ");
                    }
                    self.out.push_str("**");
                    self.out.push_str(r);
                }
                self.out.push('}');
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                self.expr(cls, Prec::Atom);
                self.out.push('(');
                let mut first = true;
                for q in patterns {
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    self.pattern(q);
                }
                for (name, q) in kwd_attrs.iter().zip(kwd_patterns) {
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    self.out.push_str(name);
                    self.out.push('=');
                    self.pattern(q);
                }
                self.out.push(')');
            }
            PatternKind::MatchStar { name } => {
                self.out.push('*');
                self.out.push_str(name.as_deref().unwrap_or("_"));
            }
            PatternKind::MatchAs { pattern, name } => match (pattern, name) {
                (None, None) => self.out.push('_'),
                (None, Some(n)) => self.out.push_str(n),
                (Some(q), n) => {
                    self.out.push('(');
                    self.pattern(q);
                    self.out.push_str(" as ");
                    self.out.push_str(n.as_deref().unwrap_or("_"));
                    self.out.push(')');
                }
            },
            PatternKind::MatchOr { patterns } => {
                self.out.push('(');
                for (i, q) in patterns.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(" | ");
                    }
                    self.pattern(q);
                }
                self.out.push(')');
            }
        }
    }

    /// An f-string: literal parts escaped, fields unparsed, in a quote style that none
    /// of the field texts use (3.11 forbids backslashes and the outer quote inside).
    fn fstring(&mut self, e: &Expr) {
        let mut body = String::new();
        let mut fields = Vec::new();
        fstring_body(e, &mut body, &mut fields);
        let quote = ["'", "\"", "'''", "\"\"\""]
            .into_iter()
            .find(|q| fields.iter().all(|f: &String| !f.contains(q)))
            .unwrap_or("'");
        // Literal text was escaped for `'`; swap when another quote is chosen.
        let escaped = if quote.starts_with('"') {
            body.replace("\\'", "'").replace('"', "\\\"")
        } else {
            body
        };
        self.out.push('f');
        self.out.push_str(quote);
        self.out.push_str(&escaped);
        self.out.push_str(quote);
    }
}

/// Writes the inside of an f-string for `e` (a `JoinedStr` or `FormattedValue`).
fn fstring_body(e: &Expr, body: &mut String, fields: &mut Vec<String>) {
    match &e.kind {
        ExprKind::JoinedStr { values } => {
            for v in values {
                fstring_body(v, body, fields);
            }
        }
        ExprKind::Constant {
            value: Constant::Str(s),
            ..
        } => {
            // repr gives the escapes; strip its quotes and double the braces.
            let r = repr_str_value(s);
            let inner = &r[1..r.len() - 1];
            let inner = if r.starts_with('"') {
                inner.replace('\'', "\\'").replace("\\\"", "\"")
            } else {
                inner.to_owned()
            };
            body.push_str(&inner.replace('{', "{{").replace('}', "}}"));
        }
        ExprKind::FormattedValue {
            value,
            conversion,
            format_spec,
        } => {
            let mut u = Unparser {
                out: String::new(),
                indent: 0,
            };
            u.expr(value, Prec::Test.next());
            let mut text = u.out;
            // `{ {...} }`: a leading brace would read as an escaped `{{`.
            if text.starts_with('{') {
                text.insert(0, ' ');
            }
            body.push('{');
            body.push_str(&text);
            fields.push(text);
            if *conversion >= 0 {
                body.push('!');
                body.push(char::from_u32(*conversion as u32).unwrap_or('r'));
            }
            if let Some(spec) = format_spec {
                body.push(':');
                fstring_body(spec, body, fields);
            }
            body.push('}');
        }
        // The parser puts nothing else in a `JoinedStr`.
        _ => {}
    }
}

/// The precedence a node has on its own (CPython's `get_precedence` defaults).
fn expr_prec(e: &Expr) -> Prec {
    match &e.kind {
        ExprKind::NamedExpr { .. } => Prec::NamedExpr,
        ExprKind::Tuple { .. } => Prec::Tuple,
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => Prec::Yield,
        ExprKind::Lambda { .. } | ExprKind::IfExp { .. } => Prec::Test,
        ExprKind::BoolOp { op: BoolOp::Or, .. } => Prec::Or,
        ExprKind::BoolOp {
            op: BoolOp::And, ..
        } => Prec::And,
        ExprKind::UnaryOp {
            op: UnaryOp::Not, ..
        } => Prec::Not,
        ExprKind::UnaryOp { .. } => Prec::Factor,
        ExprKind::Compare { .. } => Prec::Cmp,
        ExprKind::BinOp { op, .. } => binop_prec(*op),
        ExprKind::Await { .. } => Prec::Await,
        ExprKind::Starred { .. } => Prec::Test,
        // Negative numbers print with their sign: treat them like a unary minus.
        ExprKind::Constant {
            value: Constant::Int(Int::Small(i)),
            ..
        } if *i < 0 => Prec::Factor,
        ExprKind::Constant {
            value: Constant::Float(f),
            ..
        } if f.is_sign_negative() => Prec::Factor,
        _ => Prec::Atom,
    }
}
