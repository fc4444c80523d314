//! Prints `ast.dump` of a file as Coil parses it: `cargo run -p parser --example ast_dump -- FILE [--attrs] [--indent N] [--unparse]`,
//! or `ast_dump --batch < NUL-separated sources` for differential testing.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--batch") {
        batch();
        return;
    }
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

/// `--batch`: NUL-separated sources on stdin; per source one line, `OK` or
/// `ERR <type> <line> <offset> <msg>` (offset 1-based in characters, like CPython's).
fn batch() {
    use std::io::Read;
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        std::process::exit(2);
    }
    for source in input.split('\0') {
        match parser::parse_module(source) {
            Ok(_) => println!("OK"),
            Err(e) => {
                let index = source::LineIndex::new(source);
                let lc = index.line_col(e.range.start());
                let col = index.char_column(source, e.range.start()) + 1;
                println!("ERR {} {} {} {}", e.kind.name(), lc.line, col, e.msg);
            }
        }
    }
}
