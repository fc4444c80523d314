//! `cargo xtask pgo`: build `coil` with profile-guided optimization, the way
//! CPython's own release builds are made (`--enable-optimizations`).
//!
//! 1. Build an instrumented release `coil` (`-Cprofile-generate`) in `target/pgo-gen`.
//! 2. Train it: run every program under tests/programs (the end-to-end suite, not the
//!    benchmark programs, so the profile is not fitted to what is measured).
//! 3. Merge the raw profiles with the toolchain's `llvm-profdata` (the rustup
//!    component `llvm-tools`, added here if it is missing).
//! 4. Build the optimized release `coil` (`-Cprofile-use`) in `target/pgo-use`.
//!
//! On Linux both builds make a position-dependent executable
//! (`-Crelocation-model=static`), as Debian builds its `/usr/bin/python3.11`: the
//! dispatch loop's jump table then holds absolute addresses and global data is
//! reached without the GOT (callgrind, all nine benchmark programs: -3% to -8%
//! instructions). They name the host target explicitly so those flags reach only
//! `coil`, not the build scripts and proc-macros cargo builds for the host.
//!
//! For a dispatch loop this large, LLVM's static guesses about which arms are hot
//! decide register allocation and block layout badly; the profile fixes both.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::workspace;

/// The longest one training program may run before it is stopped.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(30);

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("pgo takes no arguments (got {arg:?})"));
    }
    let binary = build()?;
    println!("pgo: the optimized binary is {binary}");
    Ok(())
}

/// Builds the profile-optimized `coil`; returns its path relative to the root
/// (`target/pgo-use/<host>/release/coil`).
pub fn build() -> Result<String, String> {
    let root = workspace::root();
    let host = host_triple()?;
    let profdata = llvm_profdata()?;
    let data = root.join("target/pgo-data");
    if data.exists() {
        std::fs::remove_dir_all(&data).map_err(|err| format!("{}: {err}", data.display()))?;
    }
    std::fs::create_dir_all(&data).map_err(|err| format!("{}: {err}", data.display()))?;

    let generate = format!("-Cprofile-generate={}", data.display());
    cargo_build(&root, &host, "target/pgo-gen", &generate)?;
    let trained = train(
        &root,
        &root.join(format!("target/pgo-gen/{host}/release/coil")),
    )?;
    eprintln!("pgo: trained on {trained} programs");

    let merged = data.join("merged.profdata");
    let raw: Vec<PathBuf> = std::fs::read_dir(&data)
        .map_err(|err| format!("{}: {err}", data.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "profraw"))
        .collect();
    if raw.is_empty() {
        return Err("training wrote no profiles".to_owned());
    }
    let status = Command::new(&profdata)
        .arg("merge")
        .arg("-o")
        .arg(&merged)
        .args(&raw)
        .status()
        .map_err(|err| format!("cannot run {}: {err}", profdata.display()))?;
    if !status.success() {
        return Err(format!("llvm-profdata merge exited with {status}"));
    }
    // Cargo rebuilds when RUSTFLAGS change, not when the file they name does: the
    // profile's path carries a hash of its contents, so a new profile is always used.
    let bytes = std::fs::read(&merged).map_err(|err| format!("{}: {err}", merged.display()))?;
    let named = data.join(format!(
        "{:016x}.profdata",
        bytecode::cache::source_hash(&bytes)
    ));
    std::fs::rename(&merged, &named).map_err(|err| format!("{}: {err}", named.display()))?;
    let use_profile = format!("-Cprofile-use={}", named.display());
    cargo_build(&root, &host, "target/pgo-use", &use_profile)?;
    Ok(format!("target/pgo-use/{host}/release/coil"))
}

/// `cargo build --release -p driver --target host` into `target_dir` with
/// `rustflags` (which replace any from the environment: the build must be exactly
/// this one).
fn cargo_build(root: &Path, host: &str, target_dir: &str, rustflags: &str) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let rustflags = if host.contains("-linux-") {
        format!("{rustflags} -Crelocation-model=static")
    } else {
        rustflags.to_owned()
    };
    eprintln!("pgo: cargo build --release -p driver --target {host} --target-dir {target_dir} ({rustflags})");
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "driver",
            "--target-dir",
            target_dir,
            "--target",
            host,
        ])
        .env("RUSTFLAGS", rustflags)
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .current_dir(root)
        .status()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo build into {target_dir} failed"))
    }
}

/// Runs every end-to-end program with the instrumented binary; their outcome does
/// not matter (several fail on purpose), only the profile they leave.
fn train(root: &Path, coil: &Path) -> Result<usize, String> {
    let programs = workspace::programs(root)?;
    for program in &programs {
        let mut child = Command::new(coil)
            .arg(program)
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("cannot run {}: {err}", coil.display()))?;
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if started.elapsed() > PROGRAM_TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    eprintln!("pgo: {} ran too long; stopped", program.display());
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(err) => return Err(format!("{}: {err}", program.display())),
            }
        }
    }
    Ok(programs.len())
}

/// The toolchain's `llvm-profdata` (its LLVM version must match rustc's, so a
/// system one will not do); adds the `llvm-tools` component when it is missing.
fn llvm_profdata() -> Result<PathBuf, String> {
    let find = || -> Result<PathBuf, String> {
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
        let out = Command::new(&rustc)
            .args(["--print", "sysroot"])
            .current_dir(workspace::root())
            .output()
            .map_err(|err| format!("cannot run {rustc}: {err}"))?;
        let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let host = host_triple()?;
        Ok(Path::new(&sysroot).join(format!("lib/rustlib/{host}/bin/llvm-profdata")))
    };
    let path = find()?;
    if path.is_file() {
        return Ok(path);
    }
    eprintln!("pgo: adding the llvm-tools component (for llvm-profdata)");
    let status = Command::new("rustup")
        .args(["component", "add", "llvm-tools"])
        .current_dir(workspace::root())
        .status()
        .map_err(|err| format!("cannot run rustup: {err}"))?;
    if status.success() && path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found and `rustup component add llvm-tools` did not provide it",
            path.display()
        ))
    }
}

/// The toolchain's host target triple (`rustc -vV`).
fn host_triple() -> Result<String, String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let out = Command::new(&rustc)
        .args(["-vV"])
        .current_dir(workspace::root())
        .output()
        .map_err(|err| format!("cannot run {rustc}: {err}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: ").map(str::to_owned))
        .ok_or_else(|| "rustc -vV printed no host".to_owned())
}
