//! Shared by the driver's integration tests: locating the workspace, running the
//! built `coil`, and a small line diff for readable failures.

#![allow(dead_code)] // each test file uses its own subset

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root, canonical so it matches what `coil` sees as its cwd.
pub fn root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Every `tests/programs/**/*.py`, relative to `root`, sorted, except helper
/// modules: a file whose name starts with `_` is imported by the programs beside
/// it, not run on its own (xtask's `workspace::programs` skips the same files).
pub fn programs(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "py")
                && !path
                    .file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with('_'))
            {
                out.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&root.join("tests/programs"), &mut found);
    let mut programs: Vec<PathBuf> = found
        .iter()
        .filter_map(|path| path.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    programs.sort();
    programs
}

/// What one run of `coil` produced.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

/// Runs `coil ARGS` in `cwd`, feeding `stdin` if given.
pub fn run_coil(cwd: &Path, args: &[&OsStr], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_coil"))
        .args(args)
        .current_dir(cwd)
        .env_remove("PYTHONDONTWRITEBYTECODE")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the coil binary runs");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).expect("coil reads stdin");
    }
    let output = child.wait_with_output().expect("coil finishes");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    Output {
        stdout: text(&output.stdout),
        stderr: text(&output.stderr),
        // A signal (a crash) has no code: report it as an impossible status.
        status: output.status.code().unwrap_or(-1),
    }
}

/// A line diff of `want` against `got` (longest common subsequence), with
/// `-`/`+` markers and two-space context lines.
pub fn diff(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.lines().collect();
    let b: Vec<&str> = got.lines().collect();
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out += &format!("      {}\n", a[i]);
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out += &format!("    - {}\n", a[i]);
            i += 1;
        } else {
            out += &format!("    + {}\n", b[j]);
            j += 1;
        }
    }
    if want.ends_with('\n') != got.ends_with('\n') {
        out += "    (the final newline differs)\n";
    }
    out
}
