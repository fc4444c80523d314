//! Generates the LR(1) parser tables from src/python.lalrpop into OUT_DIR.
//!
//! The root Cargo.toml builds build scripts at opt-level 3, which keeps lalrpop's
//! table construction for the full Python grammar short.
//!
//! After generation the parser's symbol enum is given a word-sized tag
//! (`#[repr(u64)]`), which puts every variant's payload at offset 8. With the default
//! layout small payloads (`Tok`, operators, the `u32` of `@L`) sit at offset 1 or 4, so
//! LLVM copied every symbol from that byte on: misaligned reloads of just-written stack
//! data, which stall store forwarding, in the hottest reductions (the unit chains such
//! as `Expression = XorExpression`). Over the stdlib this took parsing from 1.44 s to
//! 1.10 s (docs/performance.md, `## Parser`).

use std::path::Path;

const SYMBOL_ENUM: &str = "    pub(crate) enum __Symbol<>\n";

fn main() {
    if let Err(e) = lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
    {
        eprintln!("lalrpop failed: {e}");
        std::process::exit(1);
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set");
        std::process::exit(1);
    };
    let path = Path::new(&out_dir).join("python.rs");
    let code = match std::fs::read_to_string(&path) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let tagged = format!("    #[repr(u64)]\n{SYMBOL_ENUM}");
    if code.contains(&tagged) {
        // lalrpop skipped regeneration (the grammar's hash is unchanged): already done.
        return;
    }
    if code.matches(SYMBOL_ENUM).count() != 1 {
        eprintln!("python.rs: expected exactly one `__Symbol` enum to give a u64 tag");
        std::process::exit(1);
    }
    let code = code.replace(SYMBOL_ENUM, &tagged);
    if let Err(e) = std::fs::write(&path, code) {
        eprintln!("{}: {e}", path.display());
        std::process::exit(1);
    }
}
