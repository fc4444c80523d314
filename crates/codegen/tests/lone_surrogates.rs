//! str constants holding lone surrogates compile to `ConstantValue::SurrogateStr`
//! (code points kept exactly, never replaced by U+FFFD); surrogate-free strs stay
//! `ConstantValue::Str`, so each str has one constant form.

use bytecode::ConstantValue;

fn consts(source: &str) -> Vec<ConstantValue> {
    let module = parser::parse_module(source).expect("valid Python");
    codegen::compile_module(&module, source, "<test>")
        .expect("compiles")
        .consts
}

#[test]
fn lone_surrogate_constants_keep_their_code_points() {
    let consts = consts("x = 1\ny = 'a' '\\udc80'\nz = '\\ud83d\\ude00'\n");
    assert!(consts.contains(&ConstantValue::SurrogateStr(vec![0x61, 0xdc80].into())));
    // Two surrogates side by side stay two code points, as in CPython.
    assert!(consts.contains(&ConstantValue::SurrogateStr(vec![0xd83d, 0xde00].into())));
}

#[test]
fn surrogates_in_fstring_pieces_and_nested_code_compile() {
    let consts = consts("f'{x}\\ud800'\n");
    assert!(consts.contains(&ConstantValue::SurrogateStr(vec![0xd800].into())));
    let outer = consts_of_function("def f():\n    return '\\udfff'\n");
    assert!(outer.contains(&ConstantValue::SurrogateStr(vec![0xdfff].into())));
}

fn consts_of_function(source: &str) -> Vec<ConstantValue> {
    consts(source)
        .into_iter()
        .find_map(|c| match c {
            ConstantValue::Code(code) => Some(code.consts.clone()),
            _ => None,
        })
        .expect("a function body")
}

#[test]
fn ordinary_and_astral_strings_stay_plain_str() {
    let consts = consts("x = '\\U0001f600' + 'é'\n");
    assert!(consts.contains(&ConstantValue::Str("\u{1f600}é".into())));
}
