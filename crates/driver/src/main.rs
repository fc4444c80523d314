//! `coil`: runs Python 3.11 programs like `python3` does, and prints each stage
//! of the pipeline (`--dump tokens|ast|bytecode`). This file only dispatches;
//! argument rules live in `cli`, running in `run`, the script cache in
//! `pycache`, error rendering in `syntax_error`, stage dumps in `dump`, the
//! process's signal plumbing in `signals`, the global allocator in `alloc`.

mod alloc;
mod cli;
mod dump;
mod pycache;
mod run;
mod signals;
mod syntax_error;

use std::io::Write;

/// mimalloc, through the fast entry points (see `alloc`).
#[global_allocator]
static GLOBAL: alloc::Mimalloc = alloc::Mimalloc;

/// Writes to stdout, ignoring errors: `print!` would panic on a closed pipe
/// (`coil --dump ast x.py | head`), and a panic is never how Coil reports anything.
pub(crate) fn write_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes to stderr, ignoring errors (see [`write_stdout`]).
pub(crate) fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Stack for the thread that does all the work. The compiler, like CPython's, recurses
/// once per nesting level of an expression and accepts about 3,000 levels; the main
/// thread's 8 MiB (less on some platforms) is not always enough for that in a debug
/// build. Only the pages actually touched are committed.
const WORK_STACK_BYTES: usize = 256 << 20;

fn main() {
    let worker = std::thread::Builder::new()
        .name("coil".into())
        .stack_size(WORK_STACK_BYTES)
        .spawn(run_command);
    if worker.is_ok() {
        signals::route_to_vm_thread();
    }
    let status = worker.map_or(1, |worker| worker.join().unwrap_or(1));
    // process::exit skips destructors; make sure everything printed is out.
    let _ = std::io::stdout().flush();
    std::process::exit(status);
}

fn run_command() -> i32 {
    let status = match cli::parse(std::env::args_os().skip(1)) {
        Ok(cli::Command::Run(options)) => run::run(options),
        Ok(cli::Command::Dump { stage, path }) => dump::dump(stage, &path),
        Ok(cli::Command::Version) => {
            write_stdout(&format!(
                "Coil {} (Python 3.11)\n",
                env!("CARGO_PKG_VERSION")
            ));
            0
        }
        Ok(cli::Command::Help) => {
            write_stdout(cli::HELP);
            0
        }
        Err(err) => {
            write_stderr(&err.message());
            2
        }
    };
    let _ = std::io::stdout().flush();
    status
}
