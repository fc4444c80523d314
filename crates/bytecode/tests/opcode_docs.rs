//! `docs/opcodes.md` is generated from the opcode table; this test fails when it is
//! stale, and rewrites it when `UPDATE_OPCODE_DOCS=1` is set.

use std::path::Path;

#[test]
fn opcode_docs_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/opcodes.md");
    let want = bytecode::opcode_docs_markdown();
    if std::env::var_os("UPDATE_OPCODE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/opcodes.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/opcodes.md is stale: run `{}`",
        bytecode::OPCODE_DOCS_COMMAND
    );
}

#[test]
fn every_opcode_has_a_doc_line() {
    for &op in bytecode::Opcode::ALL {
        assert!(
            !op.doc().is_empty() && !op.doc().contains('\n'),
            "{}",
            op.name()
        );
    }
}
