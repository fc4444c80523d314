//! A str constant with a lone surrogate cannot become a bytecode constant yet
//! (`ConstantValue::Str` is a Rust `str`): compiling it is a SyntaxError on the
//! literal, never a panic and never a silent U+FFFD.

fn compile(source: &str) -> Result<bytecode::CodeObject, source::SyntaxError> {
    let module = parser::parse_module(source).expect("valid Python");
    codegen::compile_module(&module, source, "<test>")
}

#[test]
fn lone_surrogate_constants_are_refused_on_their_range() {
    let src = "x = 1\ny = 'a' '\\udc80'\n";
    let err = compile(src).expect_err("lone surrogate refused");
    assert_eq!(
        err.msg,
        "coil does not support lone surrogates in string constants yet"
    );
    assert_eq!(&src[err.range], "'a' '\\udc80'");
}

#[test]
fn surrogates_in_fstring_pieces_and_nested_code_are_refused() {
    for src in ["f'{x}\\ud800'\n", "def f():\n    return '\\udfff'\n"] {
        let err = compile(src).expect_err(src);
        assert!(err.msg.contains("lone surrogates"), "{src}: {}", err.msg);
    }
}

#[test]
fn ordinary_and_astral_strings_compile() {
    assert!(compile("x = '\\U0001f600' + 'é'\n").is_ok());
}
