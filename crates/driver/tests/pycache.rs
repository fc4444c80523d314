//! The main script's `__pycache__` entry: written on the first run, used on the
//! next, rebuilt when stale or corrupt, and never an error when it cannot be
//! written.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coil-pycache-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(dir: &Path) -> common::Output {
    common::run_coil(dir, &[OsStr::new("prog.py")], None)
}

const CACHE: &str = "__pycache__/prog.coil-011.pyc";

#[test]
fn first_run_writes_the_cache_and_second_run_uses_it() {
    let dir = scratch("reuse");
    fs::write(dir.join("prog.py"), "print(6 * 7)\n").expect("write");
    let first = run(&dir);
    assert_eq!(
        (first.stdout.as_str(), first.status),
        ("42\n", 0),
        "{}",
        first.stderr
    );
    let written = fs::read(dir.join(CACHE)).expect("the first run writes the cache");
    assert!(!written.is_empty());
    let second = run(&dir);
    assert_eq!(second.stdout, "42\n");
    assert_eq!(fs::read(dir.join(CACHE)).expect("cache"), written);
    // No temporary files are left behind.
    let leftovers = fs::read_dir(dir.join("__pycache__")).expect("dir").count();
    assert_eq!(leftovers, 1);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn edited_source_is_recompiled() {
    let dir = scratch("stale");
    fs::write(dir.join("prog.py"), "print('old')\n").expect("write");
    assert_eq!(run(&dir).stdout, "old\n");
    fs::write(dir.join("prog.py"), "print('new')\n").expect("write");
    assert_eq!(run(&dir).stdout, "new\n");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn corrupt_cache_is_rebuilt() {
    let dir = scratch("corrupt");
    fs::write(dir.join("prog.py"), "print('ok')\n").expect("write");
    fs::create_dir_all(dir.join("__pycache__")).expect("mkdir");
    fs::write(dir.join(CACHE), b"garbage, not a code object").expect("write");
    let out = run(&dir);
    assert_eq!(
        (out.stdout.as_str(), out.status),
        ("ok\n", 0),
        "{}",
        out.stderr
    );
    assert_ne!(
        fs::read(dir.join(CACHE)).expect("cache"),
        b"garbage, not a code object"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn unwritable_cache_directory_is_ignored() {
    let dir = scratch("unwritable");
    fs::write(dir.join("prog.py"), "print('still runs')\n").expect("write");
    // A file where the directory should be: creating __pycache__ fails, even as root.
    fs::write(dir.join("__pycache__"), "").expect("write");
    let out = run(&dir);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str(), out.status),
        ("still runs\n", "", 0)
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn dash_b_writes_no_cache() {
    let dir = scratch("dash-b");
    fs::write(dir.join("prog.py"), "print(1)\n").expect("write");
    let out = common::run_coil(&dir, &[OsStr::new("-B"), OsStr::new("prog.py")], None);
    assert_eq!(out.stdout, "1\n", "{}", out.stderr);
    assert!(!dir.join(CACHE).exists());
    let _ = fs::remove_dir_all(&dir);
}
