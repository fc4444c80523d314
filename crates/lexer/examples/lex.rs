//! Prints `Kind start..end "text"` for each token of a file, then the error: a
//! quick way to look at what the lexer does with one input.

fn main() {
    if std::env::args().nth(1).is_some_and(|a| a == "--view") {
        view_mode();
        return;
    }
    if std::env::args().nth(1).is_some_and(|a| a == "--errors") {
        errors_mode();
        return;
    }
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lex FILE [--dump] | lex --errors FILE...");
        std::process::exit(2);
    };
    let dump = std::env::args().nth(2).is_some_and(|a| a == "--dump");
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(2);
        }
    };
    if dump {
        let out = lexer::dump::dump_tokens(&path, &bytes);
        print!("{}", out.stdout);
        eprint!("{}", out.stderr);
        std::process::exit(out.exit_code);
    }
    let source = String::from_utf8_lossy(&bytes);
    let lexed = lexer::tokenize(&source);
    for token in &lexed.tokens {
        let (start, end) = (
            usize::from(token.range.start()),
            usize::from(token.range.end()),
        );
        println!("{:?} {start}..{end} {:?}", token.kind, &source[start..end]);
    }
    if let Some(err) = lexed.error {
        // CPython's view: line, 1-based character offset of the caret, end offset.
        let index = lexer::LineIndex::new(&source);
        let start = index.line_col(err.range.start());
        let offset = index.char_column(&source, err.range.start()) + 1;
        let end_offset = index.char_column(&source, err.range.end()) + 1;
        println!(
            "ERROR {} {:?} {} {offset} {end_offset}",
            err.kind.name(),
            err.msg,
            start.line
        );
    }
}

/// `lex --errors FILE...`: one line per file, `OK` or CPython's view of the error
/// (`Kind<TAB>msg<TAB>line<TAB>offset`), for differential testing against `compile`.
fn errors_mode() {
    for path in std::env::args().skip(2) {
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{path}\tUNREADABLE");
            continue;
        };
        let source = match lexer::decode_source(&bytes) {
            Ok(source) => source,
            Err(err) => {
                println!("{path}\t{}\t{}\t0\t0", err.kind.name(), err.msg);
                continue;
            }
        };
        let lexed = lexer::tokenize(&source);
        match lexed.error {
            None => println!("{path}\tOK"),
            Some(err) => {
                let index = lexer::LineIndex::new(&source);
                let line = index.line_col(err.range.start()).line;
                let offset = index.char_column(&source, err.range.start()) + 1;
                let byte_offset = index.line_col(err.range.start()).col + 1;
                println!(
                    "{path}\t{}\t{}\t{line}\t{offset}\t{byte_offset}",
                    err.kind.name(),
                    err.msg
                );
            }
        }
    }
}

/// `lex --view FILE...`: the module view of each accepted file, one token a line
/// (`TYPE sl sc el ec HEX`, the string's UTF-8 in hex), after a `FILE path` line.
fn view_mode() {
    for path in std::env::args().skip(2) {
        println!("FILE {path}");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(source) = lexer::decode_source(&bytes) else {
            println!("REJECTED");
            continue;
        };
        let lexed = lexer::tokenize(&source);
        if lexed.error.is_some() {
            println!("REJECTED");
            continue;
        }
        for t in lexer::dump::module_view(&source, &lexed.tokens) {
            let hex: String = t.string.bytes().map(|b| format!("{b:02x}")).collect();
            println!(
                "{} {} {} {} {} {hex}",
                t.kind, t.start.0, t.start.1, t.end.0, t.end.1
            );
        }
    }
}
