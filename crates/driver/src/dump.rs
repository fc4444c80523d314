//! `coil --dump tokens|ast|bytecode FILE`: print one pipeline stage, the way the
//! matching CPython tool does (`python3 -m tokenize`, `ast.dump(tree, indent=2)`,
//! `python3 -m dis`), so each stage can be diffed against CPython's.

use std::path::Path;

use crate::cli::Stage;
use crate::run::{self, Failure};
use crate::{syntax_error, write_stderr, write_stdout};

/// Prints `stage` of the file at `path`; returns the exit status.
pub fn dump(stage: Stage, path: &Path) -> i32 {
    let filename = run::code_filename(path);
    let bytes = match run::read_script(path, &filename) {
        Ok(bytes) => bytes,
        Err(failure) => return failure.report(),
    };
    match stage {
        Stage::Tokens => {
            // tokenize reports errors with the path as given.
            let report = lexer::dump::dump_tokens(&path.to_string_lossy(), &bytes);
            write_stdout(&report.stdout);
            write_stderr(&report.stderr);
            report.exit_code
        }
        Stage::Ast => match parse(&bytes, &filename) {
            Ok(text) => {
                write_stdout(&text);
                write_stdout("\n");
                0
            }
            Err(failure) => failure.report(),
        },
        Stage::Bytecode => match run::compile(&bytes, &filename) {
            Ok(code) => {
                write_stdout(&bytecode::disassemble(&code));
                0
            }
            Err(failure) => failure.report(),
        },
    }
}

fn parse(bytes: &[u8], filename: &str) -> Result<String, Failure> {
    let source = lexer::decode_source_file(bytes, filename)
        .map_err(|err| Failure::Syntax(syntax_error::render_decode_error(&err)))?;
    let module = parser::parse_module(&source)
        .map_err(|err| Failure::Syntax(syntax_error::render(&err, filename, &source, bytes)))?;
    Ok(ast::dump(
        &module,
        &source,
        ast::DumpOptions {
            indent: Some(2),
            include_attributes: false,
        },
    ))
}
