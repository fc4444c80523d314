//! No input makes the parser panic or overflow the stack: pathological nesting is a
//! SyntaxError, as in CPython 3.11 (which gives up at the same depths).

use proptest::prelude::*;

fn parse_error(source: &str) -> String {
    match parser::parse_module(source) {
        Ok(_) => "accepted".to_owned(),
        Err(e) => e.msg,
    }
}

#[test]
fn hundred_thousand_parentheses_are_too_many() {
    let source = format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(parse_error(&source), "too many nested parentheses");
    let ok = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
    assert_eq!(parse_error(&ok), "accepted");
}

#[test]
fn deep_operator_chains_are_rejected_without_overflow() {
    let msg = "maximum recursion depth exceeded during ast construction";
    for source in [
        format!("{}1\n", "1+".repeat(100_000)),
        format!("{}x\n", "not ".repeat(100_000)),
        format!("{}x\n", "-".repeat(100_000)),
        format!("a{}\n", ".b".repeat(100_000)),
        format!("f{}\n", "()".repeat(100_000)),
        format!("x = {}0\n", "lambda: ".repeat(100_000)),
        // A syntax error after the chain must not drop a deep tree either.
        format!("{}1 +\n", "1+".repeat(100_000)),
    ] {
        assert_eq!(parse_error(&source), msg, "{}", &source[..20]);
    }
}

#[test]
fn long_but_shallow_inputs_parse_and_dump() {
    // CPython accepts 2,988 chained additions; a long flat list is shallow.
    let chain = format!("x = {}1\n", "1+".repeat(2000));
    let module = parser::parse_module(&chain).expect("2000 additions parse");
    let dump = ast::dump(&module, &chain, ast::DumpOptions::default());
    assert!(dump.starts_with("Module(body=[Assign("));
    let list = format!("x = [{}]\n", "1, ".repeat(50_000));
    assert!(parser::parse_module(&list).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parser_never_panics(source in "\\PC{0,200}") {
        let _ = parser::parse_module(&source);
    }

    #[test]
    fn parser_never_panics_on_string_literals(
        prefix in "(|r|b|f|rb|fr|u|F|Rb)",
        quote in "('|\"|'''|\"\"\")",
        body in "[{}!:=a-z0-9\\\\N'\" \n()\\[\\]é#]{0,24}",
    ) {
        let source = format!("x = {prefix}{quote}{body}{quote}\n");
        let _ = parser::parse_module(&source);
    }

    #[test]
    fn parser_never_panics_on_python_like_text(
        parts in proptest::collection::vec(prop_oneof![
            Just("x"), Just("1"), Just("2.5"), Just("'s'"), Just("f'{x}'"), Just("b'b'"),
            Just(" "), Just("\n"), Just("    "), Just("("), Just(")"), Just("["), Just("]"),
            Just("{"), Just("}"), Just(":"), Just(","), Just("."), Just("="), Just("+"),
            Just("*"), Just("**"), Just("-"), Just("not "), Just(" and "), Just(" if "),
            Just(" else "), Just("lambda "), Just("def "), Just("class "), Just("for "),
            Just(" in "), Just("while "), Just("return "), Just("yield "), Just("match "),
            Just("case "), Just("with "), Just(" as "), Just("try:"), Just("except "),
            Just("import "), Just("from "), Just("@"), Just(":="), Just("async "),
            Just("await "), Just("del "), Just(";"), Just("#c"), Just("\\\n"), Just("_"),
        ], 0..60)
    ) {
        let source: String = parts.concat();
        let _ = parser::parse_module(&source);
    }
}
