//! Snapshots of the disassembly of every corpus program, and of the compile-time
//! errors of `tests/errors/*.py`.
//!
//! Inputs: `tests/corpus/valid/**/*.py` (shared by every stage) plus this crate's
//! `tests/fixtures/*.py` (classes, closures, comprehensions, exceptions, ...).
//! Each snapshot is `python3 -m dis`'s layout, and was compared by hand with it
//! (code-object addresses aside); a file Coil cannot compile yet snapshots its
//! error. Every compiled code object is also checked for the bytecode
//! invariants: one location per code unit, jumps and handlers landing on
//! instruction starts, a stack depth that never goes negative, agrees where paths
//! meet, and never exceeds `co_stacksize`.
//!
//! Error snapshots give CPython's `SyntaxError` fields: message, then line,
//! offset, end line, end offset (1-based offsets, as `python3` reports them).

use std::path::{Path, PathBuf};

use bytecode::dis::decode_instructions;
use bytecode::{stack_effect, CodeFlags, CodeObject, ConstantValue, Opcode, Operand};
use source::LineIndex;

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            python_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

fn render_error(source: &str, err: &source::SyntaxError) -> String {
    let index = LineIndex::new(source);
    let start = index.line_col(err.range.start());
    let end = index.line_col(err.range.end());
    format!(
        "{}: {} ({}:{}-{}:{})\n",
        err.kind.name(),
        err.msg,
        start.line,
        start.col + 1,
        end.line,
        end.col + 1
    )
}

/// Compiles `source` and renders the disassembly or the error.
fn render(name: &str, source: &str, filename: &str) -> String {
    let module = match parser::parse_module(source) {
        Ok(m) => m,
        Err(err) => return format!("parse error: {}", render_error(source, &err)),
    };
    match codegen::compile_module(&module, source, filename) {
        Ok(code) => {
            check_invariants(name, &code);
            bytecode::disassemble(&code)
        }
        Err(err) => render_error(source, &err),
    }
}

/// The invariants every code object Coil emits must hold (see the module doc).
fn check_invariants(name: &str, code: &CodeObject) {
    let what = format!("{name}: {}", code.qualname);
    assert_eq!(
        code.code.len(),
        code.locations.len(),
        "{what}: one location per unit"
    );
    let instrs = decode_instructions(code);
    let starts: std::collections::HashMap<usize, usize> = instrs
        .iter()
        .enumerate()
        .map(|(i, ins)| (ins.index, i))
        .collect();
    let generator = code
        .flags
        .contains(CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR);
    let mut depth_at: Vec<Option<i32>> = vec![None; instrs.len()];
    let mut work = vec![(0usize, i32::from(generator))];
    for entry in &code.exception_table {
        assert!(
            entry.start < entry.end && entry.end as usize <= code.code.len(),
            "{what}: handler range"
        );
        let target = starts.get(&(entry.target as usize)).copied();
        assert!(
            target.is_some(),
            "{what}: handler target {} not an instruction",
            entry.target
        );
        if let Some(t) = target {
            work.push((t, entry.depth as i32 + 1 + i32::from(entry.lasti)));
        }
    }
    while let Some((i, depth)) = work.pop() {
        let Some(ins) = instrs.get(i) else {
            panic!("{what}: flow runs off the end of the code");
        };
        if let Some(seen) = depth_at[i] {
            assert_eq!(
                seen, depth,
                "{what}: stack depth disagrees at unit {}",
                ins.index
            );
            continue;
        }
        depth_at[i] = Some(depth);
        assert!(
            depth >= 0,
            "{what}: negative stack depth at unit {}",
            ins.index
        );
        assert!(
            depth <= code.stacksize as i32,
            "{what}: depth {depth} over co_stacksize at unit {}",
            ins.index
        );
        let op = Opcode::from_u8(ins.op).unwrap_or(Opcode::NOP);
        let arg = ins.arg.unwrap_or(0);
        if op == Opcode::EXTENDED_ARG {
            work.push((i + 1, depth));
            continue;
        }
        if let Some(target) = bytecode::dis::jump_target(op, ins.index, arg) {
            let t = starts.get(&((target / 2) as usize)).copied();
            assert!(
                t.is_some(),
                "{what}: jump at unit {} to {target} is not an instruction",
                ins.index
            );
            if let Some(t) = t {
                work.push((t, depth + stack_effect(op, arg, true)));
            }
        }
        let ends_flow = matches!(
            op,
            Opcode::RETURN_VALUE
                | Opcode::RAISE_VARARGS
                | Opcode::RERAISE
                | Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD
                | Opcode::JUMP_BACKWARD_NO_INTERRUPT
        );
        if !ends_flow {
            work.push((i + 1, depth + stack_effect(op, arg, false)));
        }
        if matches!(op.operand(), Operand::Const) {
            assert!((arg as usize) < code.consts.len(), "{what}: constant index");
        }
    }
    for constant in &code.consts {
        if let ConstantValue::Code(inner) = constant {
            check_invariants(name, inner);
        }
    }
}

fn snapshot_all(files: &[PathBuf], root: &Path, prefix: &str) -> Vec<String> {
    let mut failed = Vec::new();
    for path in files {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let name = format!(
            "{prefix}{}",
            relative
                .with_extension("")
                .to_string_lossy()
                .replace(['/', '\\'], "__")
        );
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let filename = relative.to_string_lossy().replace('\\', "/");
        let rendered = render(&name, &source, &filename);
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(path);
        settings.set_omit_expression(true);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name.as_str(), rendered));
        }));
        if result.is_err() {
            failed.push(name);
        }
    }
    failed
}

#[test]
fn corpus_snapshots() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = manifest.join("../../tests/corpus");
    let mut files = Vec::new();
    python_files(&corpus.join("valid"), &mut files);
    files.sort();
    assert!(
        files.len() > 20,
        "corpus not found under {}",
        corpus.display()
    );
    let mut failed = snapshot_all(&files, &corpus, "codegen@");
    let fixtures = manifest.join("tests");
    let mut own = Vec::new();
    python_files(&fixtures.join("fixtures"), &mut own);
    python_files(&fixtures.join("errors"), &mut own);
    own.sort();
    failed.extend(snapshot_all(&own, &fixtures, "codegen@"));
    assert!(failed.is_empty(), "snapshots differ: {failed:#?}");
}
