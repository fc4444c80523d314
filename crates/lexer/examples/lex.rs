//! Prints `Kind start..end "text"` for each token of a file, then the error: a
//! quick way to look at what the lexer does with one input.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lex FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(2);
        }
    };
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
        println!("{err} at {:?}", err.range);
    }
}
