//! `cargo xtask bench-lexer [DIR...]`: lexer throughput over the stdlib (or the
//! given directories) held in memory, in a release build, next to CPython's
//! `tokenize` module and C tokenizer over the same files in the same run.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::lexer_conformance::{python_files, roots};

/// Times the `tokenize` module and the C tokenizer (`_tokenize.TokenizerIter`,
/// what the compiler uses) over the files listed on stdin, best of two passes.
const PYTHON_SIDE: &str = r#"
import sys, io, time, tokenize
datas = [open(p, "rb").read() for p in sys.stdin.read().splitlines()]
texts = []
for d in datas:
    try:
        enc, _ = tokenize.detect_encoding(io.BytesIO(d).readline)
        texts.append(d.decode(enc))
    except Exception:
        pass
def module():
    for d in datas:
        try:
            for _ in tokenize.tokenize(io.BytesIO(d).readline):
                pass
        except Exception:
            pass
def c_tokenizer():
    for t in texts:
        try:
            for _ in tokenize._generate_tokens_from_c_tokenizer(t):
                pass
        except Exception:
            pass
for name, fn in (("module", module), ("c", c_tokenizer)):
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t0)
    print("%s %f" % (name, best))
"#;

pub fn run(args: &[String]) -> i32 {
    match bench(args) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("bench-lexer: {message}");
            2
        }
    }
}

fn run_with_stdin(command: &mut Command, input: &str) -> Result<String, String> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{command:?} failed ({})", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn field(text: &str, key: &str) -> Option<f64> {
    text.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
}

fn bench(args: &[String]) -> Result<(), String> {
    let files = python_files(&roots(args)?);
    let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    eprintln!(
        "bench-lexer: {} files; building the lexer in release mode...",
        files.len()
    );
    let ours = run_with_stdin(
        Command::new("cargo").args([
            "run",
            "--release",
            "-q",
            "-p",
            "lexer",
            "--example",
            "throughput",
            "--",
            "5",
        ]),
        &list,
    )?;
    let bytes = field(&ours, "bytes").ok_or("no byte count from the lexer")?;
    let tokens = field(&ours, "tokens").unwrap_or(0.0);
    let secs = field(&ours, "best_secs").ok_or("no time from the lexer")?;
    eprintln!("bench-lexer: timing CPython's tokenizers...");
    let theirs = run_with_stdin(Command::new("python3").args(["-c", PYTHON_SIDE]), &list)?;
    let python_secs = |name: &str| {
        theirs.lines().find_map(|line| {
            let (n, s) = line.split_once(' ')?;
            (n == name).then(|| s.parse::<f64>().ok()).flatten()
        })
    };
    let mb = bytes / 1e6;
    println!(
        "corpus: {} files, {mb:.1} MB, {tokens:.0} tokens (in memory)",
        files.len()
    );
    println!(
        "coil lexer:            {:8.1} MB/s  ({secs:.3} s, best of 5)",
        mb / secs
    );
    for (label, name) in [
        ("python3 tokenize:    ", "module"),
        ("python3 C tokenizer: ", "c"),
    ] {
        if let Some(t) = python_secs(name) {
            println!(
                "{label}  {:8.1} MB/s  ({t:.3} s, best of 2)  coil is {:.1}x faster",
                mb / t,
                t / secs
            );
        }
    }
    Ok(())
}
