//! `ast.dump` of CPython 3.11, byte for byte.
//!
//! The tree is first described as a generic [`Value`] (node name + named fields, lists,
//! reprs), then laid out by [`Printer`], a transcription of `ast.dump`'s `_format`:
//! optional fields that are `None` are left out, attributes (`lineno`, ...) follow the
//! fields when asked for, and a node whose fields are all "simple" and at most three
//! stays on one line even with an indent.

use source::{LineIndex, TextRange};

use crate::repr::repr_constant;
use crate::*;

/// The options of `ast.dump` that Coil supports (`annotate_fields` is always true).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DumpOptions {
    /// `indent=`: `None` for one line, else spaces per level.
    pub indent: Option<usize>,
    /// `include_attributes=`: append `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub include_attributes: bool,
}

/// `ast.dump(module, indent=..., include_attributes=...)` as CPython 3.11 prints it.
pub fn dump(module: &Mod, source: &str, options: DumpOptions) -> String {
    let index = LineIndex::new(source);
    let builder = Builder {
        index: &index,
        attributes: options.include_attributes,
    };
    let value = builder.module(module);
    let printer = Printer {
        indent: options.indent.map(|n| " ".repeat(n)),
    };
    printer.format(&value, 0).0
}

/// A dumpable value: a node with its fields in order, a list, or a leaf's repr.
enum Value {
    Node {
        name: &'static str,
        fields: Vec<(&'static str, Value)>,
    },
    List(Vec<Value>),
    Repr(String),
}

struct Printer {
    indent: Option<String>,
}

impl Printer {
    /// Mirrors `_format(node, level)`: returns the text and whether it is "simple".
    fn format(&self, value: &Value, level: usize) -> (String, bool) {
        let (prefix, sep, level) = match &self.indent {
            Some(unit) => {
                let level = level + 1;
                let pad = unit.repeat(level);
                (format!("\n{pad}"), format!(",\n{pad}"), level)
            }
            None => (String::new(), ", ".to_owned(), level),
        };
        match value {
            Value::Node { name, fields } => {
                let mut args = Vec::with_capacity(fields.len());
                let mut all_simple = true;
                for (field, v) in fields {
                    let (text, simple) = self.format(v, level);
                    all_simple &= simple;
                    args.push(format!("{field}={text}"));
                }
                if all_simple && args.len() <= 3 {
                    let simple = args.is_empty();
                    return (format!("{name}({})", args.join(", ")), simple);
                }
                (format!("{name}({prefix}{})", args.join(&sep)), false)
            }
            Value::List(items) => {
                if items.is_empty() {
                    return ("[]".to_owned(), true);
                }
                let parts: Vec<String> = items.iter().map(|v| self.format(v, level).0).collect();
                (format!("[{prefix}{}]", parts.join(&sep)), false)
            }
            Value::Repr(text) => (text.clone(), true),
        }
    }
}

/// Field list under construction for one node.
struct Fields(Vec<(&'static str, Value)>);

impl Fields {
    fn new() -> Self {
        Fields(Vec::new())
    }
    fn add(mut self, name: &'static str, value: Value) -> Self {
        self.0.push((name, value));
        self
    }
    /// An optional (`?`) field: left out when absent, as `ast.dump` does.
    fn opt(mut self, name: &'static str, value: Option<Value>) -> Self {
        if let Some(v) = value {
            self.0.push((name, v));
        }
        self
    }
}

fn node(name: &'static str, fields: Fields) -> Value {
    Value::Node {
        name,
        fields: fields.0,
    }
}

fn unit(name: &'static str) -> Value {
    node(name, Fields::new())
}

fn repr_identifier(s: &str) -> Value {
    Value::Repr(crate::repr::repr_str(s))
}

fn int(n: impl ToString) -> Value {
    Value::Repr(n.to_string())
}

struct Builder<'a> {
    index: &'a LineIndex,
    attributes: bool,
}

impl Builder<'_> {
    /// A node with position attributes (`stmt`, `expr`, `arg`, `keyword`, ...).
    fn located(&self, name: &'static str, mut fields: Fields, range: TextRange) -> Value {
        if self.attributes {
            let start = self.index.line_col(range.start());
            let end = self.index.line_col(range.end());
            fields = fields
                .add("lineno", int(start.line))
                .add("col_offset", int(start.col))
                .add("end_lineno", int(end.line))
                .add("end_col_offset", int(end.col));
        }
        node(name, fields)
    }

    fn module(&self, module: &Mod) -> Value {
        match module {
            Mod::Module { body, type_ignores } => node(
                "Module",
                Fields::new().add("body", self.stmts(body)).add(
                    "type_ignores",
                    Value::List(
                        type_ignores
                            .iter()
                            .map(|t| {
                                node(
                                    "TypeIgnore",
                                    Fields::new()
                                        .add("lineno", int(t.lineno))
                                        .add("tag", repr_identifier(&t.tag)),
                                )
                            })
                            .collect(),
                    ),
                ),
            ),
            Mod::Interactive { body } => {
                node("Interactive", Fields::new().add("body", self.stmts(body)))
            }
            Mod::Expression { body } => {
                node("Expression", Fields::new().add("body", self.expr(body)))
            }
            Mod::FunctionType { argtypes, returns } => node(
                "FunctionType",
                Fields::new()
                    .add("argtypes", self.exprs(argtypes))
                    .add("returns", self.expr(returns)),
            ),
        }
    }

    fn stmts(&self, stmts: &[Stmt]) -> Value {
        Value::List(stmts.iter().map(|s| self.stmt(s)).collect())
    }

    fn exprs(&self, exprs: &[Expr]) -> Value {
        Value::List(exprs.iter().map(|e| self.expr(e)).collect())
    }

    fn opt_expr(&self, expr: &Option<Box<Expr>>) -> Option<Value> {
        expr.as_deref().map(|e| self.expr(e))
    }

    fn identifiers(names: &[Identifier]) -> Value {
        Value::List(names.iter().map(|n| repr_identifier(n)).collect())
    }

    fn stmt(&self, stmt: &Stmt) -> Value {
        let (name, fields) = match &stmt.kind {
            StmtKind::FunctionDef(f) => ("FunctionDef", self.function_def(f)),
            StmtKind::AsyncFunctionDef(f) => ("AsyncFunctionDef", self.function_def(f)),
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => (
                "ClassDef",
                Fields::new()
                    .add("name", repr_identifier(name))
                    .add("bases", self.exprs(bases))
                    .add("keywords", self.keywords(keywords))
                    .add("body", self.stmts(body))
                    .add("decorator_list", self.exprs(decorator_list)),
            ),
            StmtKind::Return { value } => {
                ("Return", Fields::new().opt("value", self.opt_expr(value)))
            }
            StmtKind::Delete { targets } => {
                ("Delete", Fields::new().add("targets", self.exprs(targets)))
            }
            StmtKind::Assign {
                targets,
                value,
                type_comment,
            } => (
                "Assign",
                Fields::new()
                    .add("targets", self.exprs(targets))
                    .add("value", self.expr(value))
                    .opt("type_comment", type_comment.as_deref().map(repr_identifier)),
            ),
            StmtKind::AugAssign { target, op, value } => (
                "AugAssign",
                Fields::new()
                    .add("target", self.expr(target))
                    .add("op", unit(operator_name(*op)))
                    .add("value", self.expr(value)),
            ),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => (
                "AnnAssign",
                Fields::new()
                    .add("target", self.expr(target))
                    .add("annotation", self.expr(annotation))
                    .opt("value", self.opt_expr(value))
                    .add("simple", int(u8::from(*simple))),
            ),
            StmtKind::For(f) => ("For", self.for_fields(f)),
            StmtKind::AsyncFor(f) => ("AsyncFor", self.for_fields(f)),
            StmtKind::While { test, body, orelse } => (
                "While",
                Fields::new()
                    .add("test", self.expr(test))
                    .add("body", self.stmts(body))
                    .add("orelse", self.stmts(orelse)),
            ),
            StmtKind::If { test, body, orelse } => (
                "If",
                Fields::new()
                    .add("test", self.expr(test))
                    .add("body", self.stmts(body))
                    .add("orelse", self.stmts(orelse)),
            ),
            StmtKind::With(w) => ("With", self.with_fields(w)),
            StmtKind::AsyncWith(w) => ("AsyncWith", self.with_fields(w)),
            StmtKind::Match { subject, cases } => (
                "Match",
                Fields::new().add("subject", self.expr(subject)).add(
                    "cases",
                    Value::List(cases.iter().map(|c| self.match_case(c)).collect()),
                ),
            ),
            StmtKind::Raise { exc, cause } => (
                "Raise",
                Fields::new()
                    .opt("exc", self.opt_expr(exc))
                    .opt("cause", self.opt_expr(cause)),
            ),
            StmtKind::Try(t) => ("Try", self.try_fields(t)),
            StmtKind::TryStar(t) => ("TryStar", self.try_fields(t)),
            StmtKind::Assert { test, msg } => (
                "Assert",
                Fields::new()
                    .add("test", self.expr(test))
                    .opt("msg", self.opt_expr(msg)),
            ),
            StmtKind::Import { names } => {
                ("Import", Fields::new().add("names", self.aliases(names)))
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => (
                "ImportFrom",
                Fields::new()
                    .opt("module", module.as_deref().map(repr_identifier))
                    .add("names", self.aliases(names))
                    .add("level", int(level)),
            ),
            StmtKind::Global { names } => (
                "Global",
                Fields::new().add("names", Self::identifiers(names)),
            ),
            StmtKind::Nonlocal { names } => (
                "Nonlocal",
                Fields::new().add("names", Self::identifiers(names)),
            ),
            StmtKind::Expr { value } => ("Expr", Fields::new().add("value", self.expr(value))),
            StmtKind::Pass => ("Pass", Fields::new()),
            StmtKind::Break => ("Break", Fields::new()),
            StmtKind::Continue => ("Continue", Fields::new()),
        };
        self.located(name, fields, stmt.range)
    }

    fn function_def(&self, f: &FunctionDef) -> Fields {
        Fields::new()
            .add("name", repr_identifier(&f.name))
            .add("args", self.arguments(&f.args))
            .add("body", self.stmts(&f.body))
            .add("decorator_list", self.exprs(&f.decorator_list))
            .opt("returns", self.opt_expr(&f.returns))
            .opt(
                "type_comment",
                f.type_comment.as_deref().map(repr_identifier),
            )
    }

    fn for_fields(&self, f: &For) -> Fields {
        Fields::new()
            .add("target", self.expr(&f.target))
            .add("iter", self.expr(&f.iter))
            .add("body", self.stmts(&f.body))
            .add("orelse", self.stmts(&f.orelse))
            .opt(
                "type_comment",
                f.type_comment.as_deref().map(repr_identifier),
            )
    }

    fn with_fields(&self, w: &With) -> Fields {
        let items = w
            .items
            .iter()
            .map(|item| {
                node(
                    "withitem",
                    Fields::new()
                        .add("context_expr", self.expr(&item.context_expr))
                        .opt("optional_vars", self.opt_expr(&item.optional_vars)),
                )
            })
            .collect();
        Fields::new()
            .add("items", Value::List(items))
            .add("body", self.stmts(&w.body))
            .opt(
                "type_comment",
                w.type_comment.as_deref().map(repr_identifier),
            )
    }

    fn try_fields(&self, t: &Try) -> Fields {
        let handlers = t
            .handlers
            .iter()
            .map(|h| {
                self.located(
                    "ExceptHandler",
                    Fields::new()
                        .opt("type", self.opt_expr(&h.type_))
                        .opt("name", h.name.as_deref().map(repr_identifier))
                        .add("body", self.stmts(&h.body)),
                    h.range,
                )
            })
            .collect();
        Fields::new()
            .add("body", self.stmts(&t.body))
            .add("handlers", Value::List(handlers))
            .add("orelse", self.stmts(&t.orelse))
            .add("finalbody", self.stmts(&t.finalbody))
    }

    fn aliases(&self, names: &[Alias]) -> Value {
        Value::List(
            names
                .iter()
                .map(|a| {
                    self.located(
                        "alias",
                        Fields::new()
                            .add("name", repr_identifier(&a.name))
                            .opt("asname", a.asname.as_deref().map(repr_identifier)),
                        a.range,
                    )
                })
                .collect(),
        )
    }

    fn keywords(&self, keywords: &[Keyword]) -> Value {
        Value::List(
            keywords
                .iter()
                .map(|k| {
                    self.located(
                        "keyword",
                        Fields::new()
                            .opt("arg", k.arg.as_deref().map(repr_identifier))
                            .add("value", self.expr(&k.value)),
                        k.range,
                    )
                })
                .collect(),
        )
    }

    fn arg(&self, a: &Arg) -> Value {
        self.located(
            "arg",
            Fields::new()
                .add("arg", repr_identifier(&a.arg))
                .opt("annotation", self.opt_expr(&a.annotation))
                .opt(
                    "type_comment",
                    a.type_comment.as_deref().map(repr_identifier),
                ),
            a.range,
        )
    }

    fn arguments(&self, a: &Arguments) -> Value {
        let args = |list: &[Arg]| Value::List(list.iter().map(|x| self.arg(x)).collect());
        let kw_defaults = a
            .kw_defaults
            .iter()
            .map(|d| match d {
                Some(e) => self.expr(e),
                None => Value::Repr("None".to_owned()),
            })
            .collect();
        node(
            "arguments",
            Fields::new()
                .add("posonlyargs", args(&a.posonlyargs))
                .add("args", args(&a.args))
                .opt("vararg", a.vararg.as_deref().map(|x| self.arg(x)))
                .add("kwonlyargs", args(&a.kwonlyargs))
                .add("kw_defaults", Value::List(kw_defaults))
                .opt("kwarg", a.kwarg.as_deref().map(|x| self.arg(x)))
                .add("defaults", self.exprs(&a.defaults)),
        )
    }

    fn comprehensions(&self, generators: &[Comprehension]) -> Value {
        Value::List(
            generators
                .iter()
                .map(|c| {
                    node(
                        "comprehension",
                        Fields::new()
                            .add("target", self.expr(&c.target))
                            .add("iter", self.expr(&c.iter))
                            .add("ifs", self.exprs(&c.ifs))
                            .add("is_async", int(u8::from(c.is_async))),
                    )
                })
                .collect(),
        )
    }

    fn expr(&self, expr: &Expr) -> Value {
        let (name, fields) = match &expr.kind {
            ExprKind::BoolOp { op, values } => (
                "BoolOp",
                Fields::new()
                    .add(
                        "op",
                        unit(match op {
                            BoolOp::And => "And",
                            BoolOp::Or => "Or",
                        }),
                    )
                    .add("values", self.exprs(values)),
            ),
            ExprKind::NamedExpr { target, value } => (
                "NamedExpr",
                Fields::new()
                    .add("target", self.expr(target))
                    .add("value", self.expr(value)),
            ),
            ExprKind::BinOp { left, op, right } => (
                "BinOp",
                Fields::new()
                    .add("left", self.expr(left))
                    .add("op", unit(operator_name(*op)))
                    .add("right", self.expr(right)),
            ),
            ExprKind::UnaryOp { op, operand } => (
                "UnaryOp",
                Fields::new()
                    .add(
                        "op",
                        unit(match op {
                            UnaryOp::Invert => "Invert",
                            UnaryOp::Not => "Not",
                            UnaryOp::UAdd => "UAdd",
                            UnaryOp::USub => "USub",
                        }),
                    )
                    .add("operand", self.expr(operand)),
            ),
            ExprKind::Lambda { args, body } => (
                "Lambda",
                Fields::new()
                    .add("args", self.arguments(args))
                    .add("body", self.expr(body)),
            ),
            ExprKind::IfExp { test, body, orelse } => (
                "IfExp",
                Fields::new()
                    .add("test", self.expr(test))
                    .add("body", self.expr(body))
                    .add("orelse", self.expr(orelse)),
            ),
            ExprKind::Dict { keys, values } => (
                "Dict",
                Fields::new()
                    .add(
                        "keys",
                        Value::List(
                            keys.iter()
                                .map(|k| match k {
                                    Some(e) => self.expr(e),
                                    None => Value::Repr("None".to_owned()),
                                })
                                .collect(),
                        ),
                    )
                    .add("values", self.exprs(values)),
            ),
            ExprKind::Set { elts } => ("Set", Fields::new().add("elts", self.exprs(elts))),
            ExprKind::ListComp { elt, generators } => (
                "ListComp",
                Fields::new()
                    .add("elt", self.expr(elt))
                    .add("generators", self.comprehensions(generators)),
            ),
            ExprKind::SetComp { elt, generators } => (
                "SetComp",
                Fields::new()
                    .add("elt", self.expr(elt))
                    .add("generators", self.comprehensions(generators)),
            ),
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => (
                "DictComp",
                Fields::new()
                    .add("key", self.expr(key))
                    .add("value", self.expr(value))
                    .add("generators", self.comprehensions(generators)),
            ),
            ExprKind::GeneratorExp { elt, generators } => (
                "GeneratorExp",
                Fields::new()
                    .add("elt", self.expr(elt))
                    .add("generators", self.comprehensions(generators)),
            ),
            ExprKind::Await { value } => ("Await", Fields::new().add("value", self.expr(value))),
            ExprKind::Yield { value } => {
                ("Yield", Fields::new().opt("value", self.opt_expr(value)))
            }
            ExprKind::YieldFrom { value } => {
                ("YieldFrom", Fields::new().add("value", self.expr(value)))
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => (
                "Compare",
                Fields::new()
                    .add("left", self.expr(left))
                    .add(
                        "ops",
                        Value::List(ops.iter().map(|op| unit(cmpop_name(*op))).collect()),
                    )
                    .add("comparators", self.exprs(comparators)),
            ),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => (
                "Call",
                Fields::new()
                    .add("func", self.expr(func))
                    .add("args", self.exprs(args))
                    .add("keywords", self.keywords(keywords)),
            ),
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => (
                "FormattedValue",
                Fields::new()
                    .add("value", self.expr(value))
                    .add("conversion", int(conversion))
                    .opt("format_spec", self.opt_expr(format_spec)),
            ),
            ExprKind::JoinedStr { values } => {
                ("JoinedStr", Fields::new().add("values", self.exprs(values)))
            }
            ExprKind::Constant { value, kind } => (
                "Constant",
                Fields::new()
                    .add("value", Value::Repr(repr_constant(value)))
                    .opt("kind", kind.as_deref().map(repr_identifier)),
            ),
            ExprKind::Attribute { value, attr, ctx } => (
                "Attribute",
                Fields::new()
                    .add("value", self.expr(value))
                    .add("attr", repr_identifier(attr))
                    .add("ctx", ctx_value(*ctx)),
            ),
            ExprKind::Subscript { value, slice, ctx } => (
                "Subscript",
                Fields::new()
                    .add("value", self.expr(value))
                    .add("slice", self.expr(slice))
                    .add("ctx", ctx_value(*ctx)),
            ),
            ExprKind::Starred { value, ctx } => (
                "Starred",
                Fields::new()
                    .add("value", self.expr(value))
                    .add("ctx", ctx_value(*ctx)),
            ),
            ExprKind::Name { id, ctx } => (
                "Name",
                Fields::new()
                    .add("id", repr_identifier(id))
                    .add("ctx", ctx_value(*ctx)),
            ),
            ExprKind::List { elts, ctx } => (
                "List",
                Fields::new()
                    .add("elts", self.exprs(elts))
                    .add("ctx", ctx_value(*ctx)),
            ),
            ExprKind::Tuple { elts, ctx } => (
                "Tuple",
                Fields::new()
                    .add("elts", self.exprs(elts))
                    .add("ctx", ctx_value(*ctx)),
            ),
            ExprKind::Slice { lower, upper, step } => (
                "Slice",
                Fields::new()
                    .opt("lower", self.opt_expr(lower))
                    .opt("upper", self.opt_expr(upper))
                    .opt("step", self.opt_expr(step)),
            ),
        };
        self.located(name, fields, expr.range)
    }

    fn match_case(&self, case: &MatchCase) -> Value {
        node(
            "match_case",
            Fields::new()
                .add("pattern", self.pattern(&case.pattern))
                .opt("guard", self.opt_expr(&case.guard))
                .add("body", self.stmts(&case.body)),
        )
    }

    fn patterns(&self, patterns: &[Pattern]) -> Value {
        Value::List(patterns.iter().map(|p| self.pattern(p)).collect())
    }

    fn pattern(&self, pattern: &Pattern) -> Value {
        let (name, fields) = match &pattern.kind {
            PatternKind::MatchValue { value } => {
                ("MatchValue", Fields::new().add("value", self.expr(value)))
            }
            PatternKind::MatchSingleton { value } => (
                "MatchSingleton",
                Fields::new().add("value", Value::Repr(repr_constant(value))),
            ),
            PatternKind::MatchSequence { patterns } => (
                "MatchSequence",
                Fields::new().add("patterns", self.patterns(patterns)),
            ),
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => (
                "MatchMapping",
                Fields::new()
                    .add("keys", self.exprs(keys))
                    .add("patterns", self.patterns(patterns))
                    .opt("rest", rest.as_deref().map(repr_identifier)),
            ),
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => (
                "MatchClass",
                Fields::new()
                    .add("cls", self.expr(cls))
                    .add("patterns", self.patterns(patterns))
                    .add("kwd_attrs", Self::identifiers(kwd_attrs))
                    .add("kwd_patterns", self.patterns(kwd_patterns)),
            ),
            PatternKind::MatchStar { name } => (
                "MatchStar",
                Fields::new().opt("name", name.as_deref().map(repr_identifier)),
            ),
            PatternKind::MatchAs { pattern, name } => (
                "MatchAs",
                Fields::new()
                    .opt("pattern", pattern.as_deref().map(|p| self.pattern(p)))
                    .opt("name", name.as_deref().map(repr_identifier)),
            ),
            PatternKind::MatchOr { patterns } => (
                "MatchOr",
                Fields::new().add("patterns", self.patterns(patterns)),
            ),
        };
        self.located(name, fields, pattern.range)
    }
}

fn ctx_value(ctx: ExprContext) -> Value {
    unit(match ctx {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    })
}

/// CPython's class name of a binary operator.
pub fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

/// CPython's class name of a comparison operator.
pub fn cmpop_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}
