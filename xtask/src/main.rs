//! Project chores, run as `cargo xtask <command>` (the alias is in .cargo/config.toml).
//! One module per command; this file only dispatches.
//!
//! - `bless [FILTER...]`: regenerate tests/programs expected outputs with python3
//! - `bench [--no-pgo] [ARGS...]`: build `coil` (profile-guided unless `--no-pgo`), run
//!   ../shared/bench/run.py against python3.11
//! - `pgo`: build the profile-guided release `coil` (target/pgo-use/<host>/release/coil)
//! - `tokenize-conformance`, `bench-lexer`, `ast-conformance`: the lexer and parser
//!   helpers' commands (their modules plug in here)

mod ast_conformance;
mod bench;
mod bless;
mod lexer_bench;
mod lexer_conformance;
mod pgo;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [args...]
commands:
  bless [FILTER...]       regenerate tests/programs/**/*.{stdout,stderr,status} with python3
  bench [--no-pgo] [RUN.PY ARGS...]
                          build coil (PGO unless --no-pgo) and compare it with python3.11
  pgo                     build the profile-guided release coil (target/pgo-use/<host>/release/coil)
  tokenize-conformance    tokens vs python3's tokenize over the stdlib
  bench-lexer             lexer throughput
  ast-conformance         ast.dump vs python3's over the stdlib";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "bless" => bless::run(rest),
        "bench" => bench::run(rest),
        "pgo" => pgo::run(rest),
        // The lexer and parser helpers own these modules (xtask/src/lexer_*.rs,
        // xtask/src/ast_*.rs).
        "tokenize-conformance" => status(command, lexer_conformance::run(rest)),
        "bench-lexer" => status(command, lexer_bench::run(rest)),
        "ast-conformance" => status(command, ast_conformance::run(rest)),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Commands that report an exit status: 0 is success.
fn status(command: &str, code: i32) -> Result<(), String> {
    match code {
        0 => Ok(()),
        code => Err(format!("{command} failed (status {code})")),
    }
}
