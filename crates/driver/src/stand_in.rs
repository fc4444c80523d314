//! TEMP until lexer, parser, codegen and vm land: stand-ins with the
//! signatures the other helpers are building, so the driver compiles and its own
//! parts (CLI, cache, SyntaxError rendering) can be tested today. Each stand-in
//! reports "not built yet" instead of pretending to work.

use std::borrow::Cow;

use bytecode::CodeObject;
use source::{SyntaxError, TextRange};

fn not_built(stage: &str) -> SyntaxError {
    SyntaxError::new(
        format!("coil: the {stage} stage is not built yet"),
        TextRange::default(),
    )
}

// TEMP until lexer lands
pub fn decode_source(bytes: &[u8]) -> Result<Cow<'_, str>, SyntaxError> {
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|_| not_built("decoder"))
}

// TEMP until lexer lands
pub struct TokenDump {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

// TEMP until lexer lands
pub fn dump_tokens(_filename: &str, _source: &[u8]) -> TokenDump {
    TokenDump {
        stdout: String::new(),
        stderr: "coil: the lexer is not built yet\n".to_owned(),
        exit_code: 1,
    }
}

// TEMP until parser lands
pub fn parse_module(_source: &str) -> Result<ast::Mod, SyntaxError> {
    Err(not_built("parser"))
}

// TEMP until codegen lands
pub fn compile_module(
    _module: &ast::Mod,
    _source: &str,
    _filename: &str,
) -> Result<CodeObject, SyntaxError> {
    Err(not_built("compiler"))
}

// TEMP until vm lands
pub fn run_main(_code: CodeObject, _argv: Vec<String>) -> i32 {
    eprintln!("coil: the vm is not built yet");
    1
}
