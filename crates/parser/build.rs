//! Generates the LR(1) parser tables from src/python.lalrpop into OUT_DIR.
//!
//! The root Cargo.toml builds build scripts at opt-level 3, which keeps lalrpop's
//! table construction for the full Python grammar short.

fn main() {
    if let Err(e) = lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
    {
        eprintln!("lalrpop failed: {e}");
        std::process::exit(1);
    }
}
