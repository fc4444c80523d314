//! `ast::unparse` round trips: parsing the unparsed text gives the same tree (ranges
//! aside), for every corpus file and for generated expressions.

use std::path::{Path, PathBuf};

use ast::DumpOptions;
use proptest::prelude::*;

fn shape(module: &ast::Mod, source: &str) -> String {
    ast::dump(module, source, DumpOptions::default())
}

/// `Err` with both texts when `source` does not round-trip.
fn round_trip(source: &str) -> Result<(), String> {
    let Ok(tree) = parser::parse_module(source) else {
        return Ok(());
    };
    let text = ast::unparse(&tree);
    let again = parser::parse_module(&text)
        .map_err(|e| format!("unparsed text does not parse ({e}):\n{text}"))?;
    let (a, b) = (shape(&tree, source), shape(&again, &text));
    if a != b {
        return Err(format!("tree changed:\n{text}\n{a}\n{b}"));
    }
    Ok(())
}

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            python_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

#[test]
fn corpus_unparse_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/valid");
    let mut files = Vec::new();
    python_files(&root, &mut files);
    assert!(files.len() > 20);
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let Ok(source) = lexer::decode_source(&bytes) else {
            continue;
        };
        if let Err(e) = round_trip(&source) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn unparse_matches_cpython_text() {
    // Expected texts are python3.11's ast.unparse of the same sources.
    let cases = [
        ("x = a, b", "x = (a, b)"),
        ("(a, b)", "(a, b)"),
        ("-x ** 2", "-x ** 2"),
        ("(-x) ** 2", "(-x) ** 2"),
        ("a if b else c", "a if b else c"),
        ("f(x for x in y)", "f((x for x in y))"),
        ("for x in *a, *b:\n    pass", "for x in (*a, *b):\n    pass"),
        ("x = yield 1, 2", "x = (yield (1, 2))"),
        ("del (a, b), c", "del (a, b), c"),
        ("a[x:=1]", "a[(x := 1)]"),
        ("f'{x!r:>{y}} {{a}} \\n'", "f'{x!r:>{y}} {{a}} \\n'"),
        ("f\"{d['k']}\"", "f\"{d['k']}\""),
        ("lambda x, *a, k=1, **kw: x", "lambda x, *a, k=1, **kw: x"),
        (
            "def f(a, /, b=2, *, c):\n    return a",
            "def f(a, /, b=2, *, c):\n    return a",
        ),
        ("not a and b or c", "not a and b or c"),
        ("a[1:2, ::3]", "a[1:2, ::3]"),
        ("print(*a, sep='', **k)", "print(*a, sep='', **k)"),
    ];
    for (source, want) in cases {
        let tree = parser::parse_module(source).expect(source);
        assert_eq!(ast::unparse(&tree), want, "{source}");
    }
}

/// Python expressions from a small grammar: names, literals, operators, calls,
/// subscripts, displays, lambdas, conditionals, comprehensions and f-strings.
fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_owned()),
        Just("y".to_owned()),
        Just("1".to_owned()),
        Just("2.5".to_owned()),
        Just("3j".to_owned()),
        Just("'s'".to_owned()),
        Just("b'b'".to_owned()),
        Just("None".to_owned()),
        Just("True".to_owned()),
        Just("...".to_owned()),
        Just("f'a{x!r:>{y}}b'".to_owned()),
    ];
    leaf.prop_recursive(5, 64, 3, |inner| {
        let op = prop_oneof![
            Just("+"),
            Just("-"),
            Just("*"),
            Just("/"),
            Just("//"),
            Just("%"),
            Just("**"),
            Just("@"),
            Just("<<"),
            Just(">>"),
            Just("&"),
            Just("|"),
            Just("^"),
            Just("<"),
            Just("=="),
            Just("is not"),
            Just("not in"),
            Just("and"),
            Just("or"),
        ];
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, o, b)| format!("{a} {o} {b}")),
            (
                prop_oneof![Just("-"), Just("+"), Just("~"), Just("not ")],
                inner.clone()
            )
                .prop_map(|(o, a)| format!("{o}{a}")),
            inner.clone().prop_map(|a| format!("({a})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}({b}, k={a})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})[{b}:{a}]")),
            inner.clone().prop_map(|a| format!("({a}).attr")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("[{a}, *{b}]")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{{{a}: {b}, **{b}}}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}, {b})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("{a} if {b} else {c}")),
            inner.clone().prop_map(|a| format!("lambda x, *y: {a}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("[{a} for x in {b} if x]")),
            inner.clone().prop_map(|a| format!("(x := {a})")),
            inner.clone().prop_map(|a| format!("f'{{{a}}}'")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn unparse_round_trips(e in expression()) {
        let source = format!("z = {e}\n");
        prop_assert!(round_trip(&source).is_ok(), "{}", round_trip(&source).unwrap_err());
    }
}
