//! Behaviour of `compile_module` beyond the snapshots: code-object metadata
//! (flags, argument counts, names, cells), constant folding, recursion limits.

use bytecode::{CodeFlags, CodeObject, ConstantValue};

fn compile(source: &str) -> Result<CodeObject, source::SyntaxError> {
    let module = parser::parse_module(source).expect("test source parses");
    codegen::compile_module(&module, source, "t.py")
}

fn nested_code(code: &CodeObject, name: &str) -> CodeObject {
    code.consts
        .iter()
        .find_map(|c| match c {
            ConstantValue::Code(inner) if &*inner.name == name => Some((**inner).clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no code object {name}"))
}

fn names(list: &[std::rc::Rc<str>]) -> Vec<&str> {
    list.iter().map(|s| &**s).collect()
}

#[test]
fn function_metadata_matches_cpython() {
    // Checked against python3: co_argcount 2, posonly 1, kwonly 1, varnames order,
    // flags 0x0f (OPTIMIZED | NEWLOCALS | VARARGS | VARKEYWORDS), stacksize 2.
    let code = compile("def f(a, /, b, *args, c, **kw):\n    d = a + b\n    return d\n").unwrap();
    let f = nested_code(&code, "f");
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 1, 1));
    assert_eq!(names(&f.varnames), ["a", "b", "c", "args", "kw", "d"]);
    assert_eq!(f.flags.0, 0x0f);
    assert_eq!(f.stacksize, 2);
    assert_eq!(f.consts, vec![ConstantValue::None]);
}

#[test]
fn closures_number_cells_in_fast_locals_plus_slots() {
    // python3: outer.co_cellvars == ('a', 'b'), a is a parameter (slot 0), b gets slot 2
    // after the locals ('a', 'inner'); inner.co_freevars == ('a', 'b').
    let code = compile(
        "def outer(a):\n    b = 1\n    def inner():\n        return a + b\n    return inner\n",
    )
    .unwrap();
    let outer = nested_code(&code, "outer");
    assert_eq!(names(&outer.cellvars), ["a", "b"]);
    assert_eq!(names(&outer.localsplus_names()), ["a", "inner", "b"]);
    let inner = nested_code(&outer, "inner");
    assert_eq!(names(&inner.freevars), ["a", "b"]);
    assert_eq!(&*inner.qualname, "outer.<locals>.inner");
    assert!(inner.flags.contains(CodeFlags::NESTED));
    let text = bytecode::disassemble(&code);
    assert!(text.contains("MAKE_CELL                0 (a)"), "{text}");
    assert!(text.contains("MAKE_CELL                2 (b)"), "{text}");
    assert!(text.contains("LOAD_DEREF               1 (b)"), "{text}");
}

#[test]
fn generators_and_classes_get_their_flags() {
    let code =
        compile("def g():\n    yield 1\nclass C:\n    def m(self):\n        return super().m()\n")
            .unwrap();
    let g = nested_code(&code, "g");
    assert!(g.flags.contains(CodeFlags::GENERATOR));
    let c = nested_code(&code, "C");
    assert_eq!(names(&c.cellvars), ["__class__"]);
    let m = nested_code(&c, "m");
    assert_eq!(names(&m.freevars), ["__class__"]);
    assert_eq!(&*m.qualname, "C.m");
}

#[test]
fn literal_arithmetic_is_folded_like_the_ast_optimizer() {
    let code = compile("x = 2 ** 10 - 1\ny = -5 // 2\nz = 'ab' * 3\nw = 2 ** -1\nbig = 2 ** 63\n")
        .unwrap();
    assert!(code.consts.contains(&ConstantValue::Int(1023)));
    assert!(code.consts.contains(&ConstantValue::Int(-3)));
    assert!(code.consts.contains(&ConstantValue::Str("ababab".into())));
    assert!(code.consts.contains(&ConstantValue::Float(0.5)));
    assert!(code
        .consts
        .contains(&ConstantValue::BigInt("9223372036854775808".into())));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // CPython 3.11's compiler gives up at about 3,000 levels of statements and
    // expressions together; the parser already stops expressions alone at 2,988.
    let sum = vec!["y"; 2980].join(" + ");
    let ok = format!("x = {sum}\n");
    assert!(compile(&ok).is_ok());
    let ifs: String = (0..60)
        .map(|i| format!("{}if y:\n", " ".repeat(i)))
        .collect();
    let deep = format!("{ifs}{}x = {sum}\n", " ".repeat(60));
    let err = compile(&deep).unwrap_err();
    assert_eq!(
        err.msg,
        "maximum recursion depth exceeded during compilation"
    );
}

#[test]
fn compile_errors_carry_cpython_messages() {
    let err = compile("def f():\n    x = 1\n    global x\n").unwrap_err();
    assert_eq!(err.msg, "name 'x' is assigned to before global declaration");
    let err = compile("class C:\n    return 1\n").unwrap_err();
    assert_eq!(err.msg, "'return' outside function");
    let err =
        compile("match y:\n    case x:\n        pass\n    case 1:\n        pass\n").unwrap_err();
    assert_eq!(
        err.msg,
        "name capture 'x' makes remaining patterns unreachable"
    );
}

fn compile_as(source: &str, mode: &str) -> String {
    let ast::Mod::Module { body, .. } = parser::parse_module(source).expect("parses") else {
        panic!("not a module");
    };
    let module = match mode {
        "single" => ast::Mod::Interactive { body },
        _ => match body.into_iter().next().map(|s| s.kind) {
            Some(ast::StmtKind::Expr { value }) => ast::Mod::Expression { body: value },
            _ => panic!("not an expression"),
        },
    };
    bytecode::disassemble(&codegen::compile_module(&module, source, "s").expect("compiles"))
}

#[test]
fn single_mode_prints_expression_statements_and_eval_returns_the_value() {
    // Both texts are python3's `dis.dis(compile(source, 's', mode))`.
    let single = compile_as("if a:\n    b\n", "single");
    assert_eq!(
        single,
        "  0           0 RESUME                   0\n\n  1           2 LOAD_NAME                0 (a)\n              4 POP_JUMP_FORWARD_IF_FALSE     4 (to 14)\n\n  2           6 LOAD_NAME                1 (b)\n              8 PRINT_EXPR\n             10 LOAD_CONST               0 (None)\n             12 RETURN_VALUE\n\n  1     >>   14 LOAD_CONST               0 (None)\n             16 RETURN_VALUE\n"
    );
    let eval = compile_as("a + 1", "eval");
    assert_eq!(
        eval,
        "  0           0 RESUME                   0\n\n  1           2 LOAD_NAME                0 (a)\n              4 LOAD_CONST               0 (1)\n              6 BINARY_OP                0 (+)\n             10 RETURN_VALUE\n"
    );
}

#[test]
fn compiled_fixtures_round_trip_through_the_cache_format() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures dir").flatten() {
        let source = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let Ok(code) = compile(&source) else { continue };
        let bytes = bytecode::cache::encode(&code, source.as_bytes());
        assert_eq!(
            bytecode::cache::decode(&bytes, source.as_bytes()),
            Some(code)
        );
        assert_eq!(bytecode::cache::decode(&bytes, b"changed"), None);
        checked += 1;
    }
    assert!(checked >= 5);
}
