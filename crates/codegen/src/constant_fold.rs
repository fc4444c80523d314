//! Constant folding on the AST, as CPython 3.11's `Python/ast_opt.c` does it before
//! compiling: literal arithmetic (`2 * 3`, `-1`, `'a' + 'b'`), tuples of constants,
//! constant subscripts, `not` folded into `is`/`in` comparisons, list/set displays
//! in `for` and `in` position turned into tuples, and `__debug__`.
//!
//! CPython's size limits are kept (128-bit ints, 4096-character strings, 256-item
//! tuples), so the constants match `dis`. Results Coil cannot hold as an AST
//! constant (ints past `i64`) are left unfolded; the operation then happens at run
//! time with the same result.

use ast::{CmpOp, Constant, Expr, ExprContext, ExprKind, Int, Operator, Stmt, StmtKind, UnaryOp};
use ast::{TextRange, TextSize};

/// The range of nodes the optimizer makes that have no source position (CPython
/// gives them line -1; their instructions take their neighbours' locations).
pub const NO_RANGE: TextRange = TextRange::new(TextSize::new(u32::MAX), TextSize::new(u32::MAX));

const MAX_INT_BITS: u32 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;

/// How deeply expressions and statements may nest before compilation gives up, as
/// CPython 3.11 does with "maximum recursion depth exceeded during compilation" (a script
/// compiles a 2,999-term sum and not a 3,000-term one). Each level costs well under 1 KB
/// of Rust stack (the test suite reaches it on a 2 MiB test thread); the `coil` binary
/// runs on a larger stack anyway.
pub const MAX_NESTING: u32 = 2999;

thread_local! {
    static DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static TOO_DEEP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Folds a module body; `false` when it nests too deeply to compile.
pub fn fold_module(body: &mut [Stmt]) -> bool {
    DEPTH.with(|d| d.set(0));
    TOO_DEEP.with(|t| t.set(false));
    fold_body(body);
    !TOO_DEEP.with(|t| t.get())
}

/// Runs `f` one nesting level deeper, unless the limit is reached.
fn nested(f: impl FnOnce()) {
    let depth = DEPTH.with(|d| d.get());
    if depth >= MAX_NESTING {
        TOO_DEEP.with(|t| t.set(true));
        return;
    }
    DEPTH.with(|d| d.set(depth + 1));
    f();
    DEPTH.with(|d| d.set(depth));
}

pub fn fold_body(body: &mut [Stmt]) {
    for stmt in body {
        nested(|| fold_stmt(stmt));
    }
}

fn fold_stmt(stmt: &mut Stmt) {
    match &mut stmt.kind {
        StmtKind::FunctionDef(def) | StmtKind::AsyncFunctionDef(def) => {
            fold_args(&mut def.args);
            fold_body(&mut def.body);
            def.decorator_list.iter_mut().for_each(fold_expr);
            if let Some(r) = &mut def.returns {
                fold_expr(r);
            }
        }
        StmtKind::ClassDef {
            bases,
            keywords,
            body,
            decorator_list,
            ..
        } => {
            bases.iter_mut().for_each(fold_expr);
            keywords.iter_mut().for_each(|k| fold_expr(&mut k.value));
            fold_body(body);
            decorator_list.iter_mut().for_each(fold_expr);
        }
        StmtKind::Return { value } => {
            if let Some(v) = value {
                fold_expr(v);
            }
        }
        StmtKind::Delete { targets } => targets.iter_mut().for_each(fold_expr),
        StmtKind::Assign { targets, value, .. } => {
            targets.iter_mut().for_each(fold_expr);
            fold_expr(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            fold_expr(target);
            fold_expr(value);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            fold_expr(target);
            fold_expr(annotation);
            if let Some(v) = value {
                fold_expr(v);
            }
        }
        StmtKind::For(f) | StmtKind::AsyncFor(f) => {
            fold_expr(&mut f.target);
            fold_expr(&mut f.iter);
            fold_iter(&mut f.iter);
            fold_body(&mut f.body);
            fold_body(&mut f.orelse);
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            fold_expr(test);
            fold_body(body);
            fold_body(orelse);
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => {
            for item in &mut w.items {
                fold_expr(&mut item.context_expr);
                if let Some(v) = &mut item.optional_vars {
                    fold_expr(v);
                }
            }
            fold_body(&mut w.body);
        }
        StmtKind::Match { subject, cases } => {
            fold_expr(subject);
            for case in cases {
                fold_pattern(&mut case.pattern);
                if let Some(g) = &mut case.guard {
                    fold_expr(g);
                }
                fold_body(&mut case.body);
            }
        }
        StmtKind::Raise { exc, cause } => {
            if let Some(e) = exc {
                fold_expr(e);
            }
            if let Some(c) = cause {
                fold_expr(c);
            }
        }
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            fold_body(&mut t.body);
            for h in &mut t.handlers {
                if let Some(ty) = &mut h.type_ {
                    fold_expr(ty);
                }
                fold_body(&mut h.body);
            }
            fold_body(&mut t.orelse);
            fold_body(&mut t.finalbody);
        }
        StmtKind::Assert { test, msg } => {
            fold_expr(test);
            if let Some(m) = msg {
                fold_expr(m);
            }
        }
        StmtKind::Expr { value } => fold_expr(value),
        StmtKind::Import { .. }
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global { .. }
        | StmtKind::Nonlocal { .. }
        | StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue => {}
    }
}

fn fold_pattern(pattern: &mut ast::Pattern) {
    use ast::PatternKind::*;
    match &mut pattern.kind {
        MatchValue { value } => fold_expr(value),
        MatchSingleton { .. } | MatchStar { .. } => {}
        MatchSequence { patterns } | MatchOr { patterns } => {
            patterns.iter_mut().for_each(fold_pattern)
        }
        MatchMapping { keys, patterns, .. } => {
            keys.iter_mut().for_each(fold_expr);
            patterns.iter_mut().for_each(fold_pattern);
        }
        MatchClass {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            fold_expr(cls);
            patterns.iter_mut().for_each(fold_pattern);
            kwd_patterns.iter_mut().for_each(fold_pattern);
        }
        MatchAs { pattern, .. } => {
            if let Some(p) = pattern {
                fold_pattern(p);
            }
        }
    }
}

fn fold_args(args: &mut ast::Arguments) {
    args.defaults.iter_mut().for_each(fold_expr);
    args.kw_defaults.iter_mut().flatten().for_each(fold_expr);
    let all = args
        .posonlyargs
        .iter_mut()
        .chain(args.args.iter_mut())
        .chain(args.vararg.as_deref_mut())
        .chain(args.kwonlyargs.iter_mut())
        .chain(args.kwarg.as_deref_mut());
    for arg in all {
        if let Some(a) = &mut arg.annotation {
            fold_expr(a);
        }
    }
}

/// `for x in [1, 2]` iterates a tuple instead (CPython's `fold_iter`).
fn fold_iter(expr: &mut Expr) {
    match &mut expr.kind {
        ExprKind::List { elts, .. } => {
            let elts = std::mem::take(elts);
            expr.kind = ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            };
            fold_tuple(expr);
        }
        ExprKind::Set { elts } => {
            let values: Option<Vec<Constant>> = elts.iter().map(constant_of).collect();
            if let Some(values) = values {
                set_const(expr, Constant::FrozenSet(values));
            }
        }
        _ => {}
    }
}

fn fold_tuple(expr: &mut Expr) {
    if let ExprKind::Tuple {
        elts,
        ctx: ExprContext::Load,
    } = &expr.kind
    {
        let values: Option<Vec<Constant>> = elts.iter().map(constant_of).collect();
        if let Some(values) = values {
            set_const(expr, Constant::Tuple(values));
        }
    }
}

fn constant_of(expr: &Expr) -> Option<Constant> {
    match &expr.kind {
        ExprKind::Constant { value, .. } => Some(value.clone()),
        _ => None,
    }
}

fn set_const(expr: &mut Expr, value: Constant) {
    expr.kind = ExprKind::Constant { value, kind: None };
}

fn fold_comprehensions(generators: &mut [ast::Comprehension]) {
    for gen in generators {
        fold_expr(&mut gen.target);
        fold_expr(&mut gen.iter);
        fold_iter(&mut gen.iter);
        gen.ifs.iter_mut().for_each(fold_expr);
    }
}

pub fn fold_expr(expr: &mut Expr) {
    nested(|| fold_expr_inner(expr));
}

fn fold_expr_inner(expr: &mut Expr) {
    match &mut expr.kind {
        ExprKind::BoolOp { values, .. } => values.iter_mut().for_each(fold_expr),
        ExprKind::NamedExpr { target, value } => {
            fold_expr(target);
            fold_expr(value);
        }
        ExprKind::BinOp { left, right, op } => {
            fold_expr(left);
            fold_expr(right);
            let op = *op;
            // `'%s: %r' % (a, b)` becomes an f-string (CPython 3.11's `optimize_format`).
            if let (
                ExprKind::Constant {
                    value: Constant::Str(fmt),
                    ..
                },
                Operator::Mod,
                ExprKind::Tuple { elts, .. },
            ) = (&left.kind, op, &right.kind)
            {
                if !elts
                    .iter()
                    .any(|e| matches!(e.kind, ExprKind::Starred { .. }))
                {
                    if let Some(values) = fmt.as_str().and_then(|f| optimize_format(f, elts)) {
                        expr.kind = ExprKind::JoinedStr { values };
                    }
                }
                return;
            }
            if let (Some(l), Some(r)) = (constant_of(left), constant_of(right)) {
                if let Some(value) = fold_binop(&l, op, &r) {
                    set_const(expr, value);
                }
            }
        }
        ExprKind::UnaryOp { op, operand } => {
            fold_expr(operand);
            let op = *op;
            if let Some(value) = constant_of(operand) {
                if let Some(folded) = fold_unaryop(op, &value) {
                    set_const(expr, folded);
                }
            } else if op == UnaryOp::Not {
                // `not a is b` becomes `a is not b`; CPython leaves the other
                // comparisons alone because `==`/`<` need not be each other's inverse.
                if let ExprKind::Compare { ops, .. } = &mut operand.kind {
                    if ops.len() == 1 {
                        let inverted = match ops[0] {
                            CmpOp::Is => Some(CmpOp::IsNot),
                            CmpOp::IsNot => Some(CmpOp::Is),
                            CmpOp::In => Some(CmpOp::NotIn),
                            CmpOp::NotIn => Some(CmpOp::In),
                            _ => None,
                        };
                        if let Some(inv) = inverted {
                            ops[0] = inv;
                            let inner = std::mem::replace(
                                operand.as_mut(),
                                Expr {
                                    range: expr.range,
                                    kind: ExprKind::Constant {
                                        value: Constant::None,
                                        kind: None,
                                    },
                                },
                            );
                            *expr = inner;
                        }
                    }
                }
            }
        }
        ExprKind::Lambda { args, body } => {
            fold_args(args);
            fold_expr(body);
        }
        ExprKind::IfExp { test, body, orelse } => {
            fold_expr(test);
            fold_expr(body);
            fold_expr(orelse);
        }
        ExprKind::Dict { keys, values } => {
            keys.iter_mut().flatten().for_each(fold_expr);
            values.iter_mut().for_each(fold_expr);
        }
        ExprKind::Set { elts } => elts.iter_mut().for_each(fold_expr),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            fold_expr(elt);
            fold_comprehensions(generators);
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            fold_expr(key);
            fold_expr(value);
            fold_comprehensions(generators);
        }
        ExprKind::Await { value } | ExprKind::YieldFrom { value } => fold_expr(value),
        ExprKind::Yield { value } => {
            if let Some(v) = value {
                fold_expr(v);
            }
        }
        ExprKind::Compare {
            left,
            comparators,
            ops,
        } => {
            fold_expr(left);
            comparators.iter_mut().for_each(fold_expr);
            // `x in [1, 2]` tests against a tuple and `x in {1, 2}` against a
            // frozenset (CPython's `fold_compare`).
            if matches!(ops.last(), Some(CmpOp::In | CmpOp::NotIn)) {
                if let Some(last) = comparators.last_mut() {
                    fold_iter(last);
                }
            }
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            fold_expr(func);
            args.iter_mut().for_each(fold_expr);
            keywords.iter_mut().for_each(|k| fold_expr(&mut k.value));
        }
        ExprKind::FormattedValue {
            value, format_spec, ..
        } => {
            fold_expr(value);
            if let Some(s) = format_spec {
                fold_expr(s);
            }
        }
        ExprKind::JoinedStr { values } => values.iter_mut().for_each(fold_expr),
        ExprKind::Constant { .. } => {}
        ExprKind::Attribute { value, .. } => fold_expr(value),
        ExprKind::Subscript { value, slice, ctx } => {
            fold_expr(value);
            fold_expr(slice);
            if *ctx == ExprContext::Load {
                if let (Some(v), Some(i)) = (constant_of(value), constant_of(slice)) {
                    if let Some(item) = fold_subscript(&v, &i) {
                        set_const(expr, item);
                    }
                }
            }
        }
        ExprKind::Starred { value, .. } => fold_expr(value),
        ExprKind::Name { id, ctx } => {
            if *ctx == ExprContext::Load && id == "__debug__" {
                set_const(expr, Constant::Bool(true));
            }
        }
        ExprKind::List { elts, .. } => elts.iter_mut().for_each(fold_expr),
        ExprKind::Tuple { elts, .. } => {
            elts.iter_mut().for_each(fold_expr);
            fold_tuple(expr);
        }
        ExprKind::Slice { lower, upper, step } => {
            for part in [lower, upper, step].into_iter().flatten() {
                fold_expr(part);
            }
        }
    }
}

/// A numeric constant, with bools as the ints they are.
#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
    Complex(f64, f64),
}

fn num_of(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(i128::from(*b))),
        Constant::Int(Int::Small(i)) => Some(Num::Int(i128::from(*i))),
        Constant::Int(Int::Big(digits)) => digits.parse::<i128>().ok().map(Num::Int),
        Constant::Float(f) => Some(Num::Float(*f)),
        Constant::Complex { real, imag } => Some(Num::Complex(*real, *imag)),
        _ => None,
    }
}

/// An int constant; past `i64` it is kept as decimal digits. Folded negative big
/// ints carry a leading `-` (only folding makes them; the compiler turns them into
/// `ConstantValue::BigInt`, which allows the sign).
fn int_const(v: i128) -> Option<Constant> {
    Some(Constant::Int(match i64::try_from(v) {
        Ok(i) => Int::Small(i),
        Err(_) => Int::Big(v.to_string().into()),
    }))
}

fn bits(v: i128) -> u32 {
    128 - v.unsigned_abs().leading_zeros()
}

/// Python's `float // float` (CPython's `float_floor_div`).
fn float_divmod(vx: f64, wx: f64) -> Option<(f64, f64)> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    Some((floordiv, m))
}

fn fold_int(a: i128, op: Operator, b: i128) -> Option<Constant> {
    let v = match op {
        Operator::Add => a.checked_add(b)?,
        Operator::Sub => a.checked_sub(b)?,
        Operator::Mult => {
            if a != 0 && b != 0 && bits(a) + bits(b) > MAX_INT_BITS {
                return None;
            }
            a.checked_mul(b)?
        }
        Operator::FloorDiv => {
            if b == 0 {
                return None;
            }
            let q = a.checked_div(b)?;
            if (a % b != 0) && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            }
        }
        Operator::Mod => {
            if b == 0 {
                return None;
            }
            let r = a % b;
            if r != 0 && ((r < 0) != (b < 0)) {
                r + b
            } else {
                r
            }
        }
        Operator::Div => {
            // Correctly rounded, as CPython's int true division: exact when both
            // operands convert to f64 exactly, or when the division is exact.
            const EXACT: i128 = 1 << 53;
            if b == 0 {
                return None;
            }
            if a.abs() <= EXACT && b.abs() <= EXACT {
                return Some(Constant::Float(a as f64 / b as f64));
            }
            if a % b == 0 {
                return Some(Constant::Float((a / b) as f64));
            }
            return None;
        }
        Operator::Pow => {
            // A negative exponent makes the result a float (int.__pow__ defers to float).
            if b < 0 {
                return fold_float(a as f64, op, b as f64);
            }
            if a != 0 && b > 0 && u128::from(bits(a)) * (b as u128) > u128::from(MAX_INT_BITS) {
                return None;
            }
            a.checked_pow(u32::try_from(b).ok()?)?
        }
        Operator::LShift => {
            if b < 0 {
                return None;
            }
            if a != 0
                && b != 0
                && (b > i128::from(MAX_INT_BITS) || bits(a) > MAX_INT_BITS - b as u32)
            {
                return None;
            }
            if a == 0 {
                0
            } else {
                a.checked_shl(u32::try_from(b).ok()?)?
            }
        }
        Operator::RShift => {
            if b < 0 {
                return None;
            }
            a >> b.min(127)
        }
        Operator::BitAnd => a & b,
        Operator::BitOr => a | b,
        Operator::BitXor => a ^ b,
        Operator::MatMult => return None,
    };
    int_const(v)
}

fn fold_float(a: f64, op: Operator, b: f64) -> Option<Constant> {
    let v = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        Operator::FloorDiv => float_divmod(a, b)?.0,
        Operator::Mod => float_divmod(a, b)?.1,
        Operator::Pow => {
            if a == 0.0 && b < 0.0 {
                return None;
            }
            if a < 0.0 && b.fract() != 0.0 {
                return None;
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return None;
            }
            r
        }
        _ => return None,
    };
    Some(Constant::Float(v))
}

fn fold_complex(a: (f64, f64), op: Operator, b: (f64, f64)) -> Option<Constant> {
    let (real, imag) = match op {
        Operator::Add => (a.0 + b.0, a.1 + b.1),
        Operator::Sub => (a.0 - b.0, a.1 - b.1),
        Operator::Mult => (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0),
        _ => return None,
    };
    Some(Constant::Complex { real, imag })
}

fn fold_binop(l: &Constant, op: Operator, r: &Constant) -> Option<Constant> {
    // bool's &, | and ^ return bools.
    if let (Constant::Bool(a), Constant::Bool(b)) = (l, r) {
        match op {
            Operator::BitAnd => return Some(Constant::Bool(a & b)),
            Operator::BitOr => return Some(Constant::Bool(a | b)),
            Operator::BitXor => return Some(Constant::Bool(a ^ b)),
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (num_of(l), num_of(r)) {
        return match (a, b) {
            (Num::Int(x), Num::Int(y)) => fold_int(x, op, y),
            (Num::Complex(..), _) | (_, Num::Complex(..)) => {
                let as_complex = |n: Num| match n {
                    Num::Int(i) => (i as f64, 0.0),
                    Num::Float(f) => (f, 0.0),
                    Num::Complex(re, im) => (re, im),
                };
                fold_complex(as_complex(a), op, as_complex(b))
            }
            (x, y) => {
                let as_float = |n: Num| match n {
                    Num::Int(i) => i as f64,
                    Num::Float(f) => f,
                    Num::Complex(re, _) => re,
                };
                fold_float(as_float(x), op, as_float(y))
            }
        };
    }
    match (l, op, r) {
        (Constant::Str(a), Operator::Add, Constant::Str(b)) => {
            let mut joined = a.clone();
            joined.push_value(b);
            Some(Constant::Str(joined))
        }
        (Constant::Bytes(a), Operator::Add, Constant::Bytes(b)) => {
            Some(Constant::Bytes([a.as_slice(), b.as_slice()].concat()))
        }
        (Constant::Tuple(a), Operator::Add, Constant::Tuple(b)) => {
            Some(Constant::Tuple(a.iter().chain(b).cloned().collect()))
        }
        (a, Operator::Mult, b) => match (num_of(a), num_of(b)) {
            (Some(Num::Int(n)), None) => repeat(b, n),
            (None, Some(Num::Int(n))) => repeat(a, n),
            _ => None,
        },
        _ => None,
    }
}

fn repeat(seq: &Constant, n: i128) -> Option<Constant> {
    let (size, limit) = match seq {
        Constant::Str(s) => (s.len_code_points(), MAX_STR_SIZE),
        Constant::Bytes(b) => (b.len(), MAX_STR_SIZE),
        Constant::Tuple(t) => (t.len(), MAX_COLLECTION_SIZE),
        _ => return None,
    };
    // An empty sequence stays empty whatever the count; else CPython's size limit.
    let count = match limit.checked_div(size) {
        None => 0,
        Some(max) => {
            if n < 0 || n > max as i128 {
                return None;
            }
            n as usize
        }
    };
    Some(match seq {
        Constant::Str(s) => Constant::Str(s.repeat(count)),
        Constant::Bytes(b) => Constant::Bytes(b.repeat(count)),
        Constant::Tuple(t) => {
            Constant::Tuple(t.iter().cloned().cycle().take(t.len() * count).collect())
        }
        _ => return None,
    })
}

fn fold_unaryop(op: UnaryOp, value: &Constant) -> Option<Constant> {
    if op == UnaryOp::Not {
        return truthiness(value).map(|t| Constant::Bool(!t));
    }
    match (op, num_of(value)?) {
        (UnaryOp::USub, Num::Int(i)) => int_const(-i),
        (UnaryOp::USub, Num::Float(f)) => Some(Constant::Float(-f)),
        (UnaryOp::USub, Num::Complex(re, im)) => Some(Constant::Complex {
            real: -re,
            imag: -im,
        }),
        (UnaryOp::UAdd, Num::Int(i)) => int_const(i),
        (UnaryOp::UAdd, Num::Float(f)) => Some(Constant::Float(f)),
        (UnaryOp::UAdd, Num::Complex(re, im)) => Some(Constant::Complex { real: re, imag: im }),
        (UnaryOp::Invert, Num::Int(i)) => int_const(!i),
        _ => None,
    }
}

/// Python truthiness of a constant (`None` for values whose truth is not known here).
pub fn truthiness(value: &Constant) -> Option<bool> {
    Some(match value {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Int(Int::Small(i)) => *i != 0,
        Constant::Int(Int::Big(_)) => true,
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Ellipsis => true,
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
    })
}

fn fold_subscript(value: &Constant, index: &Constant) -> Option<Constant> {
    let Some(Num::Int(i)) = num_of(index) else {
        return None;
    };
    if matches!(index, Constant::Complex { .. } | Constant::Float(_)) {
        return None;
    }
    let pick = |len: usize| -> Option<usize> {
        let len = len as i128;
        let idx = if i < 0 { i + len } else { i };
        (0..len).contains(&idx).then_some(idx as usize)
    };
    match value {
        Constant::Tuple(items) => items.get(pick(items.len())?).cloned(),
        Constant::Str(s) => {
            let cps: Vec<u32> = s.code_points().collect();
            Some(Constant::Str(
                std::iter::once(cps[pick(cps.len())?]).collect(),
            ))
        }
        Constant::Bytes(b) => int_const(i128::from(b[pick(b.len())?])),
        _ => None,
    }
}

fn no_pos_str(text: String) -> Expr {
    Expr {
        range: NO_RANGE,
        kind: ExprKind::Constant {
            value: Constant::Str(text.into()),
            kind: None,
        },
    }
}

/// The literal text up to the next lone `%`, with `%%` turned into `%`.
fn parse_literal(fmt: &[char], pos: &mut usize) -> Option<Expr> {
    let start = *pos;
    let mut text = String::new();
    while *pos < fmt.len() {
        if fmt[*pos] != '%' {
            text.push(fmt[*pos]);
            *pos += 1;
        } else if *pos + 1 < fmt.len() && fmt[*pos + 1] == '%' {
            text.push('%');
            *pos += 2;
        } else {
            break;
        }
    }
    (*pos != start).then(|| no_pos_str(text))
}

/// One `%[flags][width][.prec]spec` unit for `arg`, if it is `%s`, `%r` or `%a`.
fn parse_format(fmt: &[char], pos: &mut usize, arg: &Expr) -> Option<Expr> {
    const MAXDIGITS: u32 = 3;
    let next = |pos: &mut usize| -> Option<char> {
        let c = fmt.get(*pos).copied();
        *pos += 1;
        c
    };
    let mut ljust = false;
    let mut ch;
    loop {
        ch = next(pos)?;
        match ch {
            '-' => ljust = true,
            '+' | ' ' | '#' | '0' => {}
            _ => break,
        }
    }
    let mut width: i32 = -1;
    if ch.is_ascii_digit() {
        width = 0;
        let mut digits = 0;
        while let Some(d) = ch.to_digit(10) {
            width = width * 10 + d as i32;
            ch = next(pos)?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    let mut prec: i32 = -1;
    if ch == '.' {
        ch = next(pos)?;
        prec = 0;
        let mut digits = 0;
        while let Some(d) = ch.to_digit(10) {
            prec = prec * 10 + d as i32;
            ch = next(pos)?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    if !matches!(ch, 's' | 'r' | 'a') {
        return None;
    }
    let mut spec = String::new();
    if !ljust && width > 0 {
        spec.push('>');
    }
    if width >= 0 {
        spec.push_str(&width.to_string());
    }
    if prec >= 0 {
        spec.push_str(&format!(".{prec}"));
    }
    let format_spec = (!spec.is_empty()).then(|| Box::new(no_pos_str(spec)));
    Some(Expr {
        range: arg.range,
        kind: ExprKind::FormattedValue {
            value: Box::new(arg.clone()),
            conversion: ch as i32,
            format_spec,
        },
    })
}

fn optimize_format(fmt: &str, elts: &[Expr]) -> Option<Vec<Expr>> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut pos = 0;
    let mut count = 0;
    let mut values = Vec::new();
    loop {
        if let Some(lit) = parse_literal(&chars, &mut pos) {
            values.push(lit);
        }
        if pos >= chars.len() {
            break;
        }
        // More format units than items: left alone.
        let arg = elts.get(count)?;
        pos += 1;
        values.push(parse_format(&chars, &mut pos, arg)?);
        count += 1;
    }
    (count == elts.len()).then_some(values)
}
