//! `ast::dump` against strings python3.11's `ast.dump` printed for the same tree.

use ast::*;

fn r(start: u32, end: u32) -> TextRange {
    TextRange::new(start.into(), end.into())
}

fn name(id: &str, ctx: ExprContext, range: TextRange) -> Expr {
    Expr {
        range,
        kind: ExprKind::Name {
            id: id.to_owned(),
            ctx,
        },
    }
}

fn constant(value: Constant, range: TextRange) -> Expr {
    Expr {
        range,
        kind: ExprKind::Constant { value, kind: None },
    }
}

/// The tree of `x = 1 + 2.5\nif a:\n    f(b, k="s'")\n`, built by hand.
fn sample() -> (Mod, &'static str) {
    let src = "x = 1 + 2.5\nif a:\n    f(b, k=\"s'\")\n";
    let assign = Stmt {
        range: r(0, 11),
        kind: StmtKind::Assign {
            targets: vec![name("x", ExprContext::Store, r(0, 1))],
            value: Box::new(Expr {
                range: r(4, 11),
                kind: ExprKind::BinOp {
                    left: Box::new(constant(Constant::Int(Int::Small(1)), r(4, 5))),
                    op: Operator::Add,
                    right: Box::new(constant(Constant::Float(2.5), r(8, 11))),
                },
            }),
            type_comment: None,
        },
    };
    let call = Expr {
        range: r(22, 34),
        kind: ExprKind::Call {
            func: Box::new(name("f", ExprContext::Load, r(22, 23))),
            args: vec![name("b", ExprContext::Load, r(24, 25))],
            keywords: vec![Keyword {
                range: r(27, 33),
                arg: Some("k".to_owned()),
                value: constant(Constant::Str("s'".into()), r(29, 33)),
            }],
        },
    };
    let if_stmt = Stmt {
        range: r(12, 34),
        kind: StmtKind::If {
            test: Box::new(name("a", ExprContext::Load, r(15, 16))),
            body: vec![Stmt {
                range: r(22, 34),
                kind: StmtKind::Expr {
                    value: Box::new(call),
                },
            }],
            orelse: vec![],
        },
    };
    (
        Mod::Module {
            body: vec![assign, if_stmt],
            type_ignores: vec![],
        },
        src,
    )
}

#[test]
fn one_line_dump_matches_cpython() {
    let (module, src) = sample();
    let want = r#"Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2.5))), If(test=Name(id='a', ctx=Load()), body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='b', ctx=Load())], keywords=[keyword(arg='k', value=Constant(value="s'"))]))], orelse=[])], type_ignores=[])"#;
    assert_eq!(dump(&module, src, DumpOptions::default()), want);
}

#[test]
fn indented_dump_keeps_simple_nodes_on_one_line() {
    let (module, src) = sample();
    let want = r#"Module(
  body=[
    Assign(
      targets=[
        Name(id='x', ctx=Store())],
      value=BinOp(
        left=Constant(value=1),
        op=Add(),
        right=Constant(value=2.5))),
    If(
      test=Name(id='a', ctx=Load()),
      body=[
        Expr(
          value=Call(
            func=Name(id='f', ctx=Load()),
            args=[
              Name(id='b', ctx=Load())],
            keywords=[
              keyword(
                arg='k',
                value=Constant(value="s'"))]))],
      orelse=[])],
  type_ignores=[])"#;
    let options = DumpOptions {
        indent: Some(2),
        include_attributes: false,
    };
    assert_eq!(dump(&module, src, options), want);
}

#[test]
fn attributes_are_line_and_byte_columns() {
    let (module, src) = sample();
    let want = r#"Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=Add(), right=Constant(value=2.5, lineno=1, col_offset=8, end_lineno=1, end_col_offset=11), lineno=1, col_offset=4, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), If(test=Name(id='a', ctx=Load(), lineno=2, col_offset=3, end_lineno=2, end_col_offset=4), body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=3, col_offset=4, end_lineno=3, end_col_offset=5), args=[Name(id='b', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7)], keywords=[keyword(arg='k', value=Constant(value="s'", lineno=3, col_offset=11, end_lineno=3, end_col_offset=15), lineno=3, col_offset=9, end_lineno=3, end_col_offset=15)], lineno=3, col_offset=4, end_lineno=3, end_col_offset=16), lineno=3, col_offset=4, end_lineno=3, end_col_offset=16)], orelse=[], lineno=2, col_offset=0, end_lineno=3, end_col_offset=16)], type_ignores=[])"#;
    let options = DumpOptions {
        indent: None,
        include_attributes: true,
    };
    assert_eq!(dump(&module, src, options), want);
}
