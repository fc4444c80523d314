//! `cargo run -p codegen --example coil_dis FILE`: prints the disassembly of FILE
//! the way `python3 -m dis FILE` does, for comparing the two by hand.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: coil_dis FILE");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).unwrap_or_default();
    let module = match parser::parse_module(&source) {
        Ok(m) => m,
        Err(e) => {
            println!("{e}");
            return;
        }
    };
    match codegen::compile_module(&module, &source, &path) {
        Ok(code) => print!("{}", bytecode::disassemble(&code)),
        Err(e) => println!("{e}"),
    }
}
