//! TEMP until codegen and vm land: stand-ins with the
//! signatures the other helpers are building, so the driver compiles and its own
//! parts (CLI, cache, SyntaxError rendering) can be tested today. Each stand-in
//! reports "not built yet" instead of pretending to work.

use bytecode::CodeObject;
use source::{SyntaxError, TextRange};

fn not_built(stage: &str) -> SyntaxError {
    SyntaxError::new(
        format!("coil: the {stage} stage is not built yet"),
        TextRange::default(),
    )
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
