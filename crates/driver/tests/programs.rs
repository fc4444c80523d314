//! End-to-end: every `tests/programs/<area>/<name>.py` runs through the built
//! `coil` binary from the workspace root, and its stdout, stderr and exit status
//! must equal CPython 3.11's, stored beside it by `cargo xtask bless`.
//! A `.py` file whose name starts with `_` is not a program but a helper module
//! the programs beside it import (tests/programs/imports); both this harness and
//! `cargo xtask bless` skip those.
//!
//! Each program runs twice: once with its `__pycache__` entry removed (lex, parse,
//! compile, write the cache) and once more (run from the cache), so both paths
//! are checked on every program. All programs run even when some fail; the test
//! then reports each failure with a diff.

mod common;

use std::path::Path;

/// One test per area (a directory under tests/programs), so a failure points at
/// the part of the language that broke; `every_area_is_tested` keeps the list whole.
macro_rules! areas {
    ($($area:ident),* $(,)?) => {
        const AREAS: &[&str] = &[$(stringify!($area)),*];
        $(
            #[test]
            fn $area() {
                check_area(stringify!($area));
            }
        )*
    };
}

areas!(
    classes,
    algorithms,
    arith,
    bool_none,
    bytes,
    compare,
    complex,
    control,
    errors,
    float,
    frozenset,
    functions,
    generators,
    imports,
    int,
    lists,
    logic,
    loops,
    print,
    signal,
    str,
    str_unicode,
    strings,
    syntax,
    vars,
    gc,
    weakref,
    recursion,
    quickening,
);

#[test]
fn every_area_is_tested() {
    let root = common::root();
    let mut dirs: Vec<String> = common::programs(&root)
        .iter()
        .filter_map(|program| {
            let area = program.strip_prefix("tests/programs").ok()?.parent()?;
            Some(area.to_string_lossy().into_owned())
        })
        .collect();
    dirs.dedup();
    assert!(
        dirs.iter().all(|dir| AREAS.contains(&dir.as_str())),
        "tests/programs has areas {dirs:?}; add the new ones to areas!() in {}",
        file!()
    );
    let total = common::programs(&root).len();
    assert!(total >= 45, "expected at least 45 programs, found {total}");
}

fn check_area(area: &str) {
    let root = common::root();
    let programs: Vec<_> = common::programs(&root)
        .into_iter()
        .filter(|program| program.parent() == Some(&Path::new("tests/programs").join(area)))
        .collect();
    assert!(!programs.is_empty(), "no programs in tests/programs/{area}");
    let mut failures = Vec::new();
    for program in &programs {
        let _ = std::fs::remove_file(cache_path(&root.join(program)));
        for pass in ["compiled", "from __pycache__"] {
            if let Some(report) = check(&root, program) {
                failures.push(format!("{} ({pass}):\n{report}", program.display()));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs in {area} differ from CPython 3.11:\n\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}

fn cache_path(script: &Path) -> std::path::PathBuf {
    let stem = script.file_stem().unwrap_or_default().to_string_lossy();
    script
        .parent()
        .unwrap_or(Path::new(""))
        .join("__pycache__")
        .join(format!("{stem}.coil-011.pyc"))
}

/// Runs one program; `None` when it matches, else what differs.
fn check(root: &Path, program: &Path) -> Option<String> {
    let expected = |ext: &str| {
        std::fs::read_to_string(root.join(program).with_extension(ext))
            .unwrap_or_else(|err| format!("<missing .{ext}: {err}; run cargo xtask bless>"))
    };
    // CPython 3.11 prints the script's path joined to the current directory;
    // `cargo xtask bless` stored it relative so the files do not depend on where
    // the repository lives. Put the root back, so coil must print it too.
    let absolute = |text: String| {
        text.replace(
            "File \"tests/",
            &format!("File \"{}/tests/", root.display()),
        )
    };
    let expected = |ext: &str| absolute(expected(ext));
    let actual = common::run_coil(root, &[program.as_os_str()], None);
    let mut report = String::new();
    let status = expected("status");
    if status.trim() != actual.status.to_string() {
        report += &format!(
            "  exit status: expected {}, got {}\n",
            status.trim(),
            actual.status
        );
    }
    for (name, want, got) in [
        ("stdout", expected("stdout"), actual.stdout),
        ("stderr", expected("stderr"), actual.stderr),
    ] {
        if want != got {
            report += &format!(
                "  {name} differs (- CPython, + coil):\n{}",
                common::diff(&want, &got)
            );
        }
    }
    (!report.is_empty()).then_some(report)
}
