//! The grammar's actions: each rule of python.lalrpop calls one function here.
//!
//! Actions build ast nodes from byte offsets (`l`, `r` are the rule's start and end)
//! and check what CPython checks while parsing (targets, parameter order, argument
//! order), returning its exact messages.

use ast::*;
use lalrpop_util::ParseError;
use source::SyntaxError;

use crate::targets::{set_aug_target, set_context, TargetKind};
use crate::token_stream::Tok;

pub type PResult<T> = Result<T, ParseError<u32, Tok, SyntaxError>>;

/// What an entry point of the grammar produced.
pub enum Top {
    Module(Mod),
    Expression(Expr),
}

fn fail<T>(e: SyntaxError) -> PResult<T> {
    Err(ParseError::User { error: e })
}

fn user(e: SyntaxError) -> ParseError<u32, Tok, SyntaxError> {
    ParseError::User { error: e }
}

pub fn range(l: u32, r: u32) -> TextRange {
    TextRange::new(l.into(), r.max(l).into())
}

pub fn cons<T>(first: T, rest: Vec<T>) -> Vec<T> {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(first);
    v.extend(rest);
    v
}

pub fn push_opt<T>(mut items: Vec<T>, last: Option<T>) -> Vec<T> {
    items.extend(last);
    items
}

/// Unboxes the items of a list whose nonterminal is boxed: the grammar boxes large
/// nonterminal values so the parser's symbol stack entries stay small (every shift and
/// reduce moves one).
pub fn unbox<T>(items: Vec<Box<T>>) -> Vec<T> {
    items.into_iter().map(|b| *b).collect()
}

pub fn push(mut body: Vec<Stmt>, s: Stmt) -> Vec<Stmt> {
    body.push(s);
    body
}

/// Appends a line of simple statements (`a; b; c`) to a statement list.
pub fn push_line(mut body: Vec<Stmt>, first: Stmt, rest: Vec<Stmt>) -> Vec<Stmt> {
    body.reserve(1 + rest.len());
    body.push(first);
    body.extend(rest);
    body
}

pub fn module(body: Vec<Stmt>) -> Top {
    Top::Module(Mod::Module {
        body,
        type_ignores: vec![],
    })
}

pub fn stmt(l: u32, r: u32, kind: StmtKind) -> Stmt {
    Stmt {
        range: range(l, r),
        kind,
    }
}

pub fn expr(l: u32, r: u32, kind: ExprKind) -> Expr {
    Expr {
        range: range(l, r),
        kind,
    }
}

/// End offset of a block: the end of its last statement (CPython's end positions).
fn body_end(body: &[Stmt], fallback: u32) -> u32 {
    body.last().map_or(fallback, |s| s.range.end().into())
}

pub fn identifier(src: &str, l: u32, r: u32) -> String {
    let text = src.get(l as usize..r as usize).unwrap_or("");
    crate::identifiers::normalize(text)
}

pub fn name(l: u32, r: u32, id: String) -> Expr {
    expr(
        l,
        r,
        ExprKind::Name {
            id,
            ctx: ExprContext::Load,
        },
    )
}

pub fn constant(l: u32, r: u32, value: Constant) -> Expr {
    expr(l, r, ExprKind::Constant { value, kind: None })
}

pub fn number(src: &str, l: u32, r: u32) -> PResult<Expr> {
    let text = src.get(l as usize..r as usize).unwrap_or("");
    match crate::numbers::parse_number(text) {
        Some(value) => Ok(constant(l, r, value)),
        None => fail(SyntaxError::new("invalid syntax", range(l, r))),
    }
}

pub fn strings(src: &str, parts: Vec<(u32, u32)>) -> PResult<Expr> {
    crate::strings::strings(src, &parts).map_err(user)
}

pub fn attribute(l: u32, r: u32, value: Expr, attr: String) -> Expr {
    expr(
        l,
        r,
        ExprKind::Attribute {
            value: Box::new(value),
            attr,
            ctx: ExprContext::Load,
        },
    )
}

pub fn subscript(l: u32, r: u32, value: Expr, slice: Expr) -> Expr {
    expr(
        l,
        r,
        ExprKind::Subscript {
            value: Box::new(value),
            slice: Box::new(slice),
            ctx: ExprContext::Load,
        },
    )
}

pub fn slice(
    l: u32,
    r: u32,
    lower: Option<Expr>,
    upper: Option<Expr>,
    step: Option<Option<Expr>>,
) -> Expr {
    expr(
        l,
        r,
        ExprKind::Slice {
            lower: lower.map(Box::new),
            upper: upper.map(Box::new),
            step: step.flatten().map(Box::new),
        },
    )
}

pub fn unary(l: u32, r: u32, op: UnaryOp, operand: Expr) -> Expr {
    expr(
        l,
        r,
        ExprKind::UnaryOp {
            op,
            operand: Box::new(operand),
        },
    )
}

pub fn bin_op(l: u32, r: u32, left: Expr, op: Operator, right: Expr) -> Expr {
    expr(
        l,
        r,
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        },
    )
}

pub fn bool_op(l: u32, r: u32, op: BoolOp, first: Expr, rest: Vec<Expr>) -> Expr {
    expr(
        l,
        r,
        ExprKind::BoolOp {
            op,
            values: cons(first, rest),
        },
    )
}

pub fn compare(l: u32, r: u32, left: Expr, rest: Vec<(CmpOp, Expr)>) -> Expr {
    let (ops, comparators) = rest.into_iter().unzip();
    expr(
        l,
        r,
        ExprKind::Compare {
            left: Box::new(left),
            ops,
            comparators,
        },
    )
}

pub fn if_exp(l: u32, r: u32, test: Expr, body: Expr, orelse: Expr) -> Expr {
    expr(
        l,
        r,
        ExprKind::IfExp {
            test: Box::new(test),
            body: Box::new(body),
            orelse: Box::new(orelse),
        },
    )
}

pub fn named_expr(l: u32, r: u32, mut target: Expr, value: Expr) -> PResult<Expr> {
    match &mut target.kind {
        ExprKind::Name { ctx, .. } => *ctx = ExprContext::Store,
        _ => {
            return fail(SyntaxError::new(
                format!(
                    "cannot use assignment expressions with {}",
                    crate::targets::expr_name(&target)
                ),
                target.range,
            ))
        }
    }
    Ok(expr(
        l,
        r,
        ExprKind::NamedExpr {
            target: Box::new(target),
            value: Box::new(value),
        },
    ))
}

pub fn tuple_from(l: u32, r: u32, first: Expr, rest: Vec<Expr>) -> Expr {
    expr(
        l,
        r,
        ExprKind::Tuple {
            elts: cons(first, rest),
            ctx: ExprContext::Load,
        },
    )
}

/// One expression, or a tuple when there were several or a trailing comma.
pub fn maybe_tuple(l: u32, r: u32, mut elts: Vec<Expr>, trailing_comma: bool) -> Expr {
    if elts.len() == 1 && !trailing_comma {
        if let Some(e) = elts.pop() {
            return e;
        }
    }
    expr(
        l,
        r,
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        },
    )
}

/// `( ... )`: a tuple gets the parens in its range; a group keeps the inner range.
pub fn parenthesized(l: u32, r: u32, mut elts: Vec<Expr>, trailing_comma: bool) -> PResult<Expr> {
    if elts.len() == 1 && !trailing_comma {
        if let Some(e) = elts.pop() {
            if matches!(e.kind, ExprKind::Starred { .. }) {
                return fail(SyntaxError::new(
                    "cannot use starred expression here",
                    e.range,
                ));
            }
            return Ok(e);
        }
    }
    Ok(expr(
        l,
        r,
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        },
    ))
}

/// The slice of `a[...]`: a tuple for several items, a trailing comma or a lone `*x`.
pub fn subscript_slice(l: u32, r: u32, elts: Vec<Expr>, trailing_comma: bool) -> Expr {
    let lone_star = elts.len() == 1 && matches!(elts[0].kind, ExprKind::Starred { .. });
    maybe_tuple(l, r, elts, trailing_comma || lone_star)
}

pub fn list(l: u32, r: u32, elts: Vec<Expr>) -> Expr {
    expr(
        l,
        r,
        ExprKind::List {
            elts,
            ctx: ExprContext::Load,
        },
    )
}

pub fn dict(l: u32, r: u32, items: Vec<(Option<Expr>, Expr)>) -> Expr {
    let (keys, values) = items.into_iter().unzip();
    expr(l, r, ExprKind::Dict { keys, values })
}

pub fn comprehension(
    l: u32,
    r: u32,
    is_async: bool,
    mut target: Expr,
    iter: Expr,
    ifs: Vec<Expr>,
) -> PResult<Comprehension> {
    set_context(&mut target, ExprContext::Store, TargetKind::Assign).map_err(user)?;
    Ok(Comprehension {
        range: range(l, r),
        target,
        iter,
        ifs,
        is_async,
    })
}

/// One item of a call's argument list, before ordering checks.
pub enum ArgItem {
    Positional(Expr),
    /// A bare generator expression, with the range of its text alone.
    Generator(Expr),
    /// `name=value`, or `**value` when the name is `None`; boxed to keep the item small.
    Keyword(Box<Keyword>),
}

pub fn keyword_item(l: u32, r: u32, arg: Option<String>, value: Expr) -> ArgItem {
    ArgItem::Keyword(Box::new(Keyword {
        range: range(l, r),
        arg,
        value,
    }))
}

/// A call's (or class header's) arguments.
#[derive(Default)]
pub struct CallArgs {
    pub args: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    /// `f(x for x in y)`: the lone generator borrows the call's parentheses.
    pub bare_generator: bool,
    /// An ordering error CPython reports at the closing parenthesis.
    pub error: Option<&'static str>,
}

pub fn arguments(items: Vec<ArgItem>) -> PResult<CallArgs> {
    let count = items.len();
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut seen_kwargs = false;
    let mut bare_generator = false;
    let mut error = None;
    for item in items {
        match item {
            ArgItem::Positional(e) => {
                let starred = matches!(e.kind, ExprKind::Starred { .. });
                if starred && seen_kwargs {
                    return fail(SyntaxError::new(
                        "iterable argument unpacking follows keyword argument unpacking",
                        // CPython points at the `*` only.
                        TextRange::at(e.range.start(), 1.into()),
                    ));
                }
                if !starred && !keywords.is_empty() && error.is_none() {
                    error = Some(if seen_kwargs {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    });
                }
                args.push(e);
            }
            ArgItem::Generator(e) => {
                if count > 1 {
                    return fail(SyntaxError::new(
                        "Generator expression must be parenthesized",
                        e.range,
                    ));
                }
                bare_generator = true;
                args.push(e);
            }
            ArgItem::Keyword(k) => {
                if k.arg.is_none() {
                    seen_kwargs = true;
                }
                keywords.push(*k);
            }
        }
    }
    Ok(CallArgs {
        args,
        keywords,
        bare_generator,
        error,
    })
}

/// `func(args)`; `rp` is where the closing parenthesis starts.
pub fn call(l: u32, rp: u32, r: u32, func: Expr, call_args: CallArgs) -> PResult<Expr> {
    let CallArgs {
        mut args,
        keywords,
        bare_generator,
        error,
    } = call_args;
    if let Some(msg) = error {
        return fail(SyntaxError::new(msg, range(rp, r)));
    }
    // A lone generator argument takes the call's parentheses into its range.
    if let ([arg], true) = (args.as_mut_slice(), bare_generator) {
        arg.range = range(func.range.end().into(), r);
    }
    Ok(expr(
        l,
        r,
        ExprKind::Call {
            func: Box::new(func),
            args,
            keywords,
        },
    ))
}

// ---------------------------------------------------------------- parameters

/// One item of a parameter list, before ordering checks.
pub enum ParamItem {
    Plain(Arg, Option<Expr>),
    Slash(TextRange),
    Star(TextRange, Option<Arg>),
    DoubleStar(TextRange, Arg),
}

pub fn arg(l: u32, r: u32, name: String, annotation: Option<Expr>) -> Arg {
    Arg {
        range: range(l, r),
        arg: name,
        annotation: annotation.map(Box::new),
        type_comment: None,
    }
}

fn empty_arguments() -> Arguments {
    Arguments {
        posonlyargs: vec![],
        args: vec![],
        vararg: None,
        kwonlyargs: vec![],
        kw_defaults: vec![],
        kwarg: None,
        defaults: vec![],
    }
}

/// Sorts a flat parameter list into `arguments`, with CPython's ordering errors.
pub fn parameters(items: Option<Vec<ParamItem>>) -> PResult<Arguments> {
    let mut a = empty_arguments();
    let Some(items) = items else { return Ok(a) };
    let mut seen_star = false;
    let mut bare_star: Option<TextRange> = None;
    let mut seen_default = false;
    for item in items {
        if let Some(kw) = &a.kwarg {
            let r = match &item {
                ParamItem::Plain(p, _) => p.range,
                ParamItem::Slash(r) | ParamItem::Star(r, _) | ParamItem::DoubleStar(r, _) => *r,
            };
            let _ = kw;
            return fail(SyntaxError::new(
                "arguments cannot follow var-keyword argument",
                r,
            ));
        }
        match item {
            ParamItem::Plain(p, default) => {
                if seen_star {
                    bare_star = None;
                    a.kw_defaults.push(default);
                    a.kwonlyargs.push(p);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            return fail(SyntaxError::new(
                                "non-default argument follows default argument",
                                p.range,
                            ))
                        }
                        None => {}
                    }
                    a.args.push(p);
                }
            }
            ParamItem::Slash(r) => {
                if seen_star {
                    return fail(SyntaxError::new("/ must be ahead of *", r));
                }
                if !a.posonlyargs.is_empty() {
                    return fail(SyntaxError::new("/ may appear only once", r));
                }
                if a.args.is_empty() {
                    return fail(SyntaxError::new("at least one argument must precede /", r));
                }
                a.posonlyargs = std::mem::take(&mut a.args);
            }
            ParamItem::Star(r, p) => {
                if seen_star {
                    return fail(SyntaxError::new("* argument may appear only once", r));
                }
                seen_star = true;
                match p {
                    Some(p) => a.vararg = Some(Box::new(p)),
                    None => bare_star = Some(r),
                }
            }
            ParamItem::DoubleStar(r, p) => {
                if let Some(star) = bare_star {
                    let _ = r;
                    return fail(SyntaxError::new("named arguments must follow bare *", star));
                }
                a.kwarg = Some(Box::new(p));
            }
        }
    }
    if let Some(star) = bare_star {
        return fail(SyntaxError::new("named arguments must follow bare *", star));
    }
    Ok(a)
}

pub fn lambda(l: u32, r: u32, params: Option<Vec<ParamItem>>, body: Expr) -> PResult<Expr> {
    let args = parameters(params)?;
    Ok(expr(
        l,
        r,
        ExprKind::Lambda {
            args: Box::new(args),
            body: Box::new(body),
        },
    ))
}

// ---------------------------------------------------------------- simple statements

pub fn return_stmt(l: u32, r: u32, value: Option<Expr>) -> Stmt {
    stmt(
        l,
        r,
        StmtKind::Return {
            value: value.map(Box::new),
        },
    )
}

pub fn raise_stmt(l: u32, r: u32, exc: Option<Expr>, cause: Option<Expr>) -> Stmt {
    stmt(
        l,
        r,
        StmtKind::Raise {
            exc: exc.map(Box::new),
            cause: cause.map(Box::new),
        },
    )
}

pub fn assert_stmt(l: u32, r: u32, test: Expr, msg: Option<Expr>) -> Stmt {
    stmt(
        l,
        r,
        StmtKind::Assert {
            test: Box::new(test),
            msg: msg.map(Box::new),
        },
    )
}

pub fn delete(l: u32, r: u32, mut targets: Vec<Expr>) -> PResult<Stmt> {
    for t in &mut targets {
        set_context(t, ExprContext::Del, TargetKind::Delete).map_err(user)?;
    }
    Ok(stmt(l, r, StmtKind::Delete { targets }))
}

pub fn expr_or_assign(l: u32, r: u32, first: Expr, rest: Vec<Expr>) -> PResult<Stmt> {
    // A bare `*a` statement or value parses: CPython's compiler rejects it, not its parser.
    if rest.is_empty() {
        return Ok(stmt(
            l,
            r,
            StmtKind::Expr {
                value: Box::new(first),
            },
        ));
    }
    let mut targets = cons(first, rest);
    let value = targets
        .pop()
        .ok_or_else(|| user(SyntaxError::new("invalid syntax", range(l, r))))?;
    let single = targets.len() == 1;
    for t in &mut targets {
        if matches!(t.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) && !single {
            return fail(SyntaxError::new(
                "assignment to yield expression not possible",
                t.range,
            ));
        }
        let kind = if single {
            TargetKind::AssignFirst
        } else {
            TargetKind::Assign
        };
        set_context(t, ExprContext::Store, kind).map_err(user)?;
    }
    Ok(stmt(
        l,
        r,
        StmtKind::Assign {
            targets,
            value: Box::new(value),
            type_comment: None,
        },
    ))
}

pub fn aug_assign(l: u32, r: u32, mut target: Expr, op: Operator, value: Expr) -> PResult<Stmt> {
    set_aug_target(&mut target).map_err(user)?;
    Ok(stmt(
        l,
        r,
        StmtKind::AugAssign {
            target: Box::new(target),
            op,
            value: Box::new(value),
        },
    ))
}

pub fn ann_assign(
    l: u32,
    r: u32,
    mut target: Expr,
    annotation: Expr,
    value: Option<Expr>,
) -> PResult<Stmt> {
    // `simple` is 1 for a bare name, 0 for `(x)`, attributes and subscripts.
    let simple =
        matches!(target.kind, ExprKind::Name { .. }) && u32::from(target.range.start()) == l;
    match &target.kind {
        ExprKind::Tuple { .. } => {
            return fail(SyntaxError::new(
                "only single target (not tuple) can be annotated",
                target.range,
            ))
        }
        ExprKind::List { .. } => {
            return fail(SyntaxError::new(
                "only single target (not list) can be annotated",
                target.range,
            ))
        }
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
        _ => {
            return fail(SyntaxError::new(
                "illegal target for annotation",
                target.range,
            ))
        }
    }
    set_context(&mut target, ExprContext::Store, TargetKind::Assign).map_err(user)?;
    Ok(stmt(
        l,
        r,
        StmtKind::AnnAssign {
            target: Box::new(target),
            annotation: Box::new(annotation),
            value: value.map(Box::new),
            simple,
        },
    ))
}

pub fn dotted(first: String, rest: Vec<String>) -> String {
    let mut s = first;
    for part in rest {
        s.push('.');
        s.push_str(&part);
    }
    s
}

pub fn alias(l: u32, r: u32, name: String, asname: Option<String>) -> Alias {
    Alias {
        range: range(l, r),
        name,
        asname,
    }
}

pub fn import_from(
    l: u32,
    r: u32,
    dots: Vec<u32>,
    module: Option<String>,
    names: Vec<Alias>,
) -> Stmt {
    stmt(
        l,
        r,
        StmtKind::ImportFrom {
            module,
            names,
            level: dots.iter().sum(),
        },
    )
}

// ---------------------------------------------------------------- compound statements

pub fn decorate(decorators: Vec<Expr>, mut s: Stmt) -> Stmt {
    match &mut s.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => f.decorator_list = decorators,
        StmtKind::ClassDef { decorator_list, .. } => *decorator_list = decorators,
        _ => {}
    }
    s
}

pub fn if_stmt(
    l: u32,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(u32, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    // Build the `elif` chain from the innermost clause outwards.
    let mut tail = orelse.unwrap_or_default();
    for (el, etest, ebody) in elifs.into_iter().rev() {
        let end = body_end(&tail, body_end(&ebody, el));
        tail = vec![stmt(
            el,
            end,
            StmtKind::If {
                test: Box::new(etest),
                body: ebody,
                orelse: tail,
            },
        )];
    }
    let end = body_end(&tail, body_end(&body, l));
    stmt(
        l,
        end,
        StmtKind::If {
            test: Box::new(test),
            body,
            orelse: tail,
        },
    )
}

pub fn while_stmt(l: u32, test: Expr, body: Vec<Stmt>, orelse: Option<Vec<Stmt>>) -> Stmt {
    let orelse = orelse.unwrap_or_default();
    let end = body_end(&orelse, body_end(&body, l));
    stmt(
        l,
        end,
        StmtKind::While {
            test: Box::new(test),
            body,
            orelse,
        },
    )
}

pub fn for_stmt(
    l: u32,
    is_async: bool,
    mut target: Expr,
    iter: Expr,
    body: Vec<Stmt>,
    orelse: Option<Vec<Stmt>>,
) -> PResult<Stmt> {
    set_context(&mut target, ExprContext::Store, TargetKind::Assign).map_err(user)?;
    let orelse = orelse.unwrap_or_default();
    let end = body_end(&orelse, body_end(&body, l));
    let f = For {
        target: Box::new(target),
        iter: Box::new(iter),
        body,
        orelse,
        type_comment: None,
    };
    let kind = if is_async {
        StmtKind::AsyncFor(f)
    } else {
        StmtKind::For(f)
    };
    Ok(stmt(l, end, kind))
}

pub fn except_clause(
    l: u32,
    star: bool,
    types: Option<(Vec<Expr>, bool)>,
    name: Option<String>,
    body: Vec<Stmt>,
) -> PResult<(bool, ExceptHandler)> {
    let type_ = match types {
        None => None,
        Some((mut list, false)) if list.len() == 1 => list.pop(),
        Some((list, _)) => {
            let start = list.first().map_or(l, |e| e.range.start().into());
            let end = list.last().map_or(l, |e| e.range.end().into());
            return fail(SyntaxError::new(
                "multiple exception types must be parenthesized",
                range(start, end),
            ));
        }
    };
    let end = body_end(&body, l);
    Ok((
        star,
        ExceptHandler {
            range: range(l, end),
            type_: type_.map(Box::new),
            name,
            body,
        },
    ))
}

pub fn try_stmt(
    l: u32,
    body: Vec<Stmt>,
    handlers: Vec<(bool, ExceptHandler)>,
    orelse: Option<Vec<Stmt>>,
    finalbody: Option<Vec<Stmt>>,
) -> PResult<Stmt> {
    let star = handlers.first().is_some_and(|h| h.0);
    let mut list = Vec::with_capacity(handlers.len());
    for (is_star, h) in handlers {
        if is_star != star {
            return fail(SyntaxError::new(
                "cannot have both 'except' and 'except*' on the same 'try'",
                TextRange::new(h.range.start(), h.range.start() + TextSize::from(6)),
            ));
        }
        if is_star && h.type_.is_none() {
            return fail(SyntaxError::new(
                "expected one or more exception types",
                h.range,
            ));
        }
        list.push(h);
    }
    let orelse = orelse.unwrap_or_default();
    let finalbody = finalbody.unwrap_or_default();
    let mut end = body_end(&body, l);
    if let Some(h) = list.last() {
        end = h.range.end().into();
    }
    end = body_end(&finalbody, body_end(&orelse, end));
    let t = Try {
        body,
        handlers: list,
        orelse,
        finalbody,
    };
    let kind = if star {
        StmtKind::TryStar(t)
    } else {
        StmtKind::Try(t)
    };
    Ok(stmt(l, end, kind))
}

pub fn with_stmt(
    l: u32,
    is_async: bool,
    items: Vec<(Expr, Option<Expr>)>,
    body: Vec<Stmt>,
) -> PResult<Stmt> {
    let mut with_items = Vec::with_capacity(items.len());
    for (context_expr, vars) in items {
        let optional_vars = match vars {
            Some(mut t) => {
                set_context(&mut t, ExprContext::Store, TargetKind::Assign).map_err(user)?;
                Some(Box::new(t))
            }
            None => None,
        };
        with_items.push(WithItem {
            context_expr,
            optional_vars,
        });
    }
    let end = body_end(&body, l);
    let w = With {
        items: with_items,
        body,
        type_comment: None,
    };
    let kind = if is_async {
        StmtKind::AsyncWith(w)
    } else {
        StmtKind::With(w)
    };
    Ok(stmt(l, end, kind))
}

pub fn function_def(
    l: u32,
    is_async: bool,
    name: String,
    params: Option<Vec<ParamItem>>,
    returns: Option<Expr>,
    body: Vec<Stmt>,
) -> PResult<Stmt> {
    let args = parameters(params)?;
    let end = body_end(&body, l);
    let f = FunctionDef {
        name,
        args: Box::new(args),
        body,
        decorator_list: vec![],
        returns: returns.map(Box::new),
        type_comment: None,
    };
    let kind = if is_async {
        StmtKind::AsyncFunctionDef(f)
    } else {
        StmtKind::FunctionDef(f)
    };
    Ok(stmt(l, end, kind))
}

pub fn class_def(l: u32, name: String, args: Option<CallArgs>, body: Vec<Stmt>) -> PResult<Stmt> {
    let CallArgs {
        args: bases,
        keywords,
        error,
        ..
    } = args.unwrap_or_default();
    if let Some(msg) = error {
        let at = keywords.last().map_or(l, |k| k.range.end().into());
        return fail(SyntaxError::new(msg, range(at, at)));
    }
    for b in &bases {
        if let ExprKind::GeneratorExp { generators, .. } = &b.kind {
            // CPython points at the `for` (or `async`) keyword only.
            let at = generators.first().map_or(b.range, |g| {
                let keyword = if g.is_async { 5 } else { 3 };
                TextRange::at(g.range.start(), keyword.into())
            });
            return fail(SyntaxError::new("invalid syntax", at));
        }
    }
    let end = body_end(&body, l);
    Ok(stmt(
        l,
        end,
        StmtKind::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list: vec![],
        },
    ))
}

// ---------------------------------------------------------------- match statements

pub fn match_stmt(l: u32, subject: Expr, cases: Vec<MatchCase>) -> Stmt {
    let end = cases
        .last()
        .map_or(l, |c| body_end(&c.body, c.pattern.range.end().into()));
    stmt(
        l,
        end,
        StmtKind::Match {
            subject: Box::new(subject),
            cases,
        },
    )
}

pub fn match_case(pattern: Pattern, guard: Option<Expr>, body: Vec<Stmt>) -> MatchCase {
    MatchCase {
        pattern,
        guard: guard.map(Box::new),
        body,
    }
}

pub fn pattern(l: u32, r: u32, kind: PatternKind) -> Pattern {
    Pattern {
        range: range(l, r),
        kind,
    }
}

pub fn capture_pattern(l: u32, r: u32, name: String) -> Pattern {
    let name = (name != "_").then_some(name);
    pattern(
        l,
        r,
        PatternKind::MatchAs {
            pattern: None,
            name,
        },
    )
}

pub fn star_pattern(l: u32, r: u32, name: String) -> Pattern {
    let name = (name != "_").then_some(name);
    pattern(l, r, PatternKind::MatchStar { name })
}

pub fn as_pattern(l: u32, r: u32, p: Pattern, nl: u32, name: String) -> PResult<Pattern> {
    if name == "_" {
        return fail(SyntaxError::new("cannot use '_' as a target", range(nl, r)));
    }
    Ok(pattern(
        l,
        r,
        PatternKind::MatchAs {
            pattern: Some(Box::new(p)),
            name: Some(name),
        },
    ))
}

pub fn literal_pattern(l: u32, r: u32, value: Expr) -> Pattern {
    match &value.kind {
        ExprKind::Constant {
            value: c @ (Constant::None | Constant::Bool(_)),
            ..
        } => pattern(l, r, PatternKind::MatchSingleton { value: c.clone() }),
        _ => pattern(
            l,
            r,
            PatternKind::MatchValue {
                value: Box::new(value),
            },
        ),
    }
}

pub fn complex_pattern(l: u32, r: u32, left: Expr, op: Operator, right: Expr) -> PResult<Expr> {
    if !matches!(
        right.kind,
        ExprKind::Constant {
            value: Constant::Complex { .. },
            ..
        }
    ) {
        return fail(SyntaxError::new(
            "imaginary number required in complex literal",
            right.range,
        ));
    }
    Ok(bin_op(l, r, left, op, right))
}

pub fn mapping_pattern(
    l: u32,
    r: u32,
    items: Vec<(Option<Expr>, Option<Pattern>, Option<String>)>,
) -> PResult<Pattern> {
    let mut keys = Vec::new();
    let mut patterns = Vec::new();
    let mut rest = None;
    for (k, p, name) in items {
        if rest.is_some() {
            return fail(SyntaxError::new("invalid syntax", range(l, r)));
        }
        match (k, p, name) {
            (Some(k), Some(p), _) => {
                keys.push(k);
                patterns.push(p);
            }
            (_, _, Some(name)) => rest = Some(name),
            _ => {}
        }
    }
    Ok(pattern(
        l,
        r,
        PatternKind::MatchMapping {
            keys,
            patterns,
            rest,
        },
    ))
}

pub fn class_pattern(
    l: u32,
    r: u32,
    cls: Expr,
    items: Vec<(Option<String>, Pattern)>,
) -> PResult<Pattern> {
    let mut patterns = Vec::new();
    let mut kwd_attrs = Vec::new();
    let mut kwd_patterns = Vec::new();
    for (name, p) in items {
        match name {
            Some(n) => {
                kwd_attrs.push(n);
                kwd_patterns.push(p);
            }
            None => {
                if !kwd_attrs.is_empty() {
                    return fail(SyntaxError::new(
                        "positional patterns follow keyword patterns",
                        p.range,
                    ));
                }
                patterns.push(p);
            }
        }
    }
    Ok(pattern(
        l,
        r,
        PatternKind::MatchClass {
            cls: Box::new(cls),
            patterns,
            kwd_attrs,
            kwd_patterns,
        },
    ))
}
