//! The `coil` command line as a user meets it: python3's argument rules,
//! messages and exit statuses.

mod common;

use std::ffi::OsStr;

fn coil(args: &[&str], stdin: Option<&str>) -> common::Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    common::run_coil(&common::root(), &args, stdin)
}

#[test]
fn version_and_help() {
    let out = coil(&["--version"], None);
    assert_eq!(out.status, 0);
    assert!(out.stdout.starts_with("Coil "), "{}", out.stdout);
    let out = coil(&["-h"], None);
    assert_eq!(out.status, 0);
    assert!(out.stdout.starts_with("usage: coil"), "{}", out.stdout);
}

#[test]
fn unknown_option_is_a_usage_error() {
    let out = coil(&["-z"], None);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "Unknown option: -z\nusage: coil [option] ... [-c cmd | file | -] [arg] ...\n\
         Try `coil -h' for more information.\n"
    );
}

#[test]
fn missing_script_reports_errno_with_the_absolute_path() {
    let out = coil(&["no/such/script.py"], None);
    assert_eq!(out.status, 2);
    // CPython 3.11 joins the script's path to the current directory.
    assert_eq!(
        out.stderr,
        format!(
            "coil: can't open file '{}/no/such/script.py': [Errno 2] No such file or directory\n",
            common::root().display()
        )
    );
}

#[test]
fn dash_c_runs_code_with_its_own_argv() {
    let out = coil(&["-c", "print(1 + 1)", "-x", "y"], None);
    assert_eq!(
        (out.stdout.as_str(), out.status),
        ("2\n", 0),
        "{}",
        out.stderr
    );
}

#[test]
fn dash_c_syntax_error_names_string() {
    let out = coil(&["-c", "x = = 1"], None);
    assert_eq!(out.status, 1);
    assert_eq!(
        out.stderr,
        "  File \"<string>\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"
    );
}

#[test]
fn program_from_stdin() {
    let out = coil(&[], Some("print('from stdin')\n"));
    assert_eq!(
        (out.stdout.as_str(), out.status),
        ("from stdin\n", 0),
        "{}",
        out.stderr
    );
}

#[test]
fn dump_ast_prints_ast_dump_with_indent_2() {
    let out = coil(&["--dump", "ast", "examples/hello.py"], None);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Module(\n  body=["),
        "{}",
        out.stdout
    );
}

#[test]
fn dump_bytecode_disassembles() {
    let out = coil(&["--dump", "bytecode", "examples/hello.py"], None);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("RETURN_VALUE"), "{}", out.stdout);
}

#[test]
fn dump_tokens_prints_tokenize_report() {
    let out = coil(&["--dump", "tokens", "examples/hello.py"], None);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("ENDMARKER"), "{}", out.stdout);
}

#[test]
fn readme_example_says_hello() {
    let out = coil(&["examples/hello.py"], None);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str(), out.status),
        ("Hello from Coil!\n", "", 0)
    );
}

#[test]
fn dash_m_is_reported_not_run() {
    let out = coil(&["-m", "json.tool"], None);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("-m is not supported yet"),
        "{}",
        out.stderr
    );
}

#[test]
fn tracebacks_from_stdin_and_dash_c_have_no_source_lines() {
    // CPython cannot reread "<stdin>" or "<string>", so it shows only the frame line.
    let out = coil(&["-"], Some("x = 1\n1/0\n"));
    assert_eq!(out.status, 1);
    assert_eq!(
        out.stderr,
        "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\n\
         ZeroDivisionError: division by zero\n"
    );
    let out = coil(&["-c", "\n1/0"], None);
    assert_eq!(
        out.stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\n\
         ZeroDivisionError: division by zero\n"
    );
}

#[test]
fn dumps_report_syntax_errors_like_running_does() {
    let script = "tests/programs/syntax/invalid_syntax.py";
    let expected = std::fs::read_to_string(common::root().join(script).with_extension("stderr"))
        .expect("blessed stderr")
        .replace(
            "File \"tests/",
            &format!("File \"{}/tests/", common::root().display()),
        );
    for stage in ["ast", "bytecode"] {
        let out = coil(&["--dump", stage, script], None);
        assert_eq!((out.stderr.as_str(), out.status), (expected.as_str(), 1));
        assert_eq!(out.stdout, "");
    }
}
