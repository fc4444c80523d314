//! `cargo xtask bless [FILTER...]`: run every tests/programs/**/*.py under python3
//! (CPython 3.11, the reference) from the workspace root and store its stdout,
//! stderr and exit status beside the program as `<name>.stdout`, `<name>.stderr`,
//! `<name>.status`. A FILTER keeps only programs whose path contains it.
//!
//! CPython 3.11 prints the script's absolute path in tracebacks; the root prefix
//! (`/path/to/repo/`) is removed so the files hold `tests/programs/...` and do not
//! depend on where the repository is checked out. The test harness
//! (crates/driver/tests/programs.rs) puts the root back into the `File "..."`
//! lines before comparing, so coil must print absolute paths too.

use std::path::Path;
use std::process::Command;

use crate::workspace;

pub fn run(filters: &[String]) -> Result<(), String> {
    let root = workspace::root();
    check_python()?;
    let programs = workspace::programs(&root)?;
    let mut blessed = 0;
    for program in &programs {
        let shown = program.to_string_lossy();
        if !filters.is_empty() && !filters.iter().any(|f| shown.contains(f.as_str())) {
            continue;
        }
        bless_one(&root, program)?;
        blessed += 1;
    }
    println!("blessed {blessed} program(s) under tests/programs with python3");
    Ok(())
}

fn check_python() -> Result<(), String> {
    let output = Command::new("python3")
        .arg("--version")
        .output()
        .map_err(|err| format!("cannot run python3: {err}"))?;
    let version = String::from_utf8_lossy(&output.stdout);
    if !version.starts_with("Python 3.11.") {
        return Err(format!(
            "python3 is {:?}; expected outputs must come from CPython 3.11",
            version.trim()
        ));
    }
    Ok(())
}

fn bless_one(root: &Path, program: &Path) -> Result<(), String> {
    let output = Command::new("python3")
        .arg(program)
        .current_dir(root)
        // Deterministic runs: no bytecode files next to the programs, fixed hashing.
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONHASHSEED", "0")
        .env_remove("PYTHONSTARTUP")
        .output()
        .map_err(|err| format!("cannot run python3 {}: {err}", program.display()))?;
    let prefix = format!("{}/", root.display());
    let strip = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&prefix, "");
    let status = output.status.code().unwrap_or(-1);
    let base = root.join(program).with_extension("");
    let write = |ext: &str, text: &str| {
        let path = base.with_extension(ext);
        std::fs::write(&path, text).map_err(|err| format!("{}: {err}", path.display()))
    };
    write("stdout", &strip(&output.stdout))?;
    write("stderr", &strip(&output.stderr))?;
    write("status", &format!("{status}\n"))?;
    Ok(())
}
