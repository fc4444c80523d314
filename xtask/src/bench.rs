//! `cargo xtask bench [--no-pgo] [ARGS...]`: build `coil` in release mode with
//! profile-guided optimization (`cargo xtask pgo`; `--no-pgo` builds the plain
//! release binary instead), then run the team's interleaved benchmark runner
//! (`../shared/bench/run.py`, beside the repository) with CPython 3.11 as the
//! baseline and `coil` as the contender. The baseline, Debian's python3.11, is itself
//! built with PGO and LTO. ARGS pass through to run.py (`--programs fib,listcomp`,
//! `-n 7`, `--markdown`, `--json FILE`); the `--markdown` tables are what
//! docs/performance.md records.

use std::process::Command;

use crate::workspace;

pub fn run(args: &[String]) -> Result<(), String> {
    let root = workspace::root();
    let runner = root.join("../shared/bench/run.py");
    if !runner.is_file() {
        return Err(format!(
            "{} not found: the benchmark runner lives in shared/ beside the repository",
            runner.display()
        ));
    }
    let no_pgo = args.iter().any(|arg| arg == "--no-pgo");
    let args: Vec<String> = args
        .iter()
        .filter(|arg| *arg != "--no-pgo")
        .cloned()
        .collect();
    let binary = if no_pgo {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let built = Command::new(cargo)
            .args(["build", "--release", "-p", "driver"])
            .current_dir(&root)
            .status()
            .map_err(|err| format!("cannot run cargo: {err}"))?;
        if !built.success() {
            return Err("cargo build --release -p driver failed".to_owned());
        }
        "target/release/coil".to_owned()
    } else {
        crate::pgo::build()?
    };
    let contender = format!("coil::{binary}");
    let baseline = "/usr/bin/python3.11";
    eprintln!(
        "bench: {} --baseline {baseline} --interp {contender} {}",
        runner.display(),
        args.join(" ")
    );
    eprintln!(
        "bench: results print to stdout{}",
        json_target(&args).map_or(String::new(), |path| format!(
            "; raw measurements go to {path}"
        ))
    );
    let status = Command::new("python3")
        .arg(&runner)
        .args(["--baseline", baseline, "--interp", &contender])
        .args(&args)
        .current_dir(&root)
        .status()
        .map_err(|err| format!("cannot run python3: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("run.py exited with {status}"))
    }
}

/// The file given with `--json FILE` or `--json=FILE`, if any.
fn json_target(args: &[String]) -> Option<&str> {
    args.iter().enumerate().find_map(|(i, arg)| {
        if arg == "--json" {
            args.get(i + 1).map(String::as_str)
        } else {
            arg.strip_prefix("--json=")
        }
    })
}
