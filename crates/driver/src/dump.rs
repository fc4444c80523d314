//! `coil --dump tokens|ast|bytecode FILE`: print one pipeline stage, the way the
//! matching CPython tool does (`python3 -m tokenize`, `ast.dump(tree, indent=2)`,
//! `python3 -m dis`), so each stage can be diffed against CPython's.

use std::path::Path;

use crate::cli::Stage;
use crate::run;
use crate::{write_stderr, write_stdout};

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
        Stage::Ast => match run::parse(&bytes, &filename) {
            Ok((module, source)) => {
                let options = ast::DumpOptions {
                    indent: Some(2),
                    include_attributes: false,
                };
                write_stdout(&ast::dump(&module, &source, options));
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
