//! Prints `ast.dump` of a file as Coil parses it: `cargo run -p parser --example ast_dump -- FILE [--attrs] [--indent N] [--unparse]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: ast_dump FILE [--attrs] [--indent N]");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let include_attributes = args.iter().any(|a| a == "--attrs");
    if args.iter().any(|a| a == "--unparse") {
        match parser::parse_module(&source) {
            Ok(module) => println!("{}", ast::unparse(&module)),
            Err(e) => println!("{}: {}", e.kind.name(), e.msg),
        }
        return;
    }
    let indent = args
        .iter()
        .position(|a| a == "--indent")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());
    match parser::parse_module(&source) {
        Ok(module) => {
            let options = ast::DumpOptions {
                indent,
                include_attributes,
            };
            println!("{}", ast::dump(&module, &source, options));
        }
        Err(e) => {
            let index = source::LineIndex::new(&source);
            let lc = index.line_col(e.range.start());
            println!(
                "{}: {} (line {}, col {})",
                e.kind.name(),
                e.msg,
                lc.line,
                lc.col
            );
            std::process::exit(1);
        }
    }
}
