//! Lexer throughput over a corpus held in memory: reads file paths on stdin,
//! decodes them all, then tokenizes the whole corpus several times and prints
//! the best pass (`cargo xtask bench-lexer` runs this in release mode).

use std::io::Read;
use std::time::Instant;

fn main() {
    let mut list = String::new();
    if std::io::stdin().read_to_string(&mut list).is_err() {
        eprintln!("throughput: cannot read the file list on stdin");
        std::process::exit(2);
    }
    let passes: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let sources: Vec<String> = list
        .lines()
        .filter_map(|path| std::fs::read(path).ok())
        .filter_map(|bytes| lexer::decode_source(&bytes).ok().map(|s| s.into_owned()))
        .collect();
    let bytes: usize = sources.iter().map(String::len).sum();
    let mut tokens = 0;
    let mut best = f64::INFINITY;
    for _ in 0..passes {
        let start = Instant::now();
        tokens = 0;
        for source in &sources {
            tokens += std::hint::black_box(lexer::tokenize(source)).tokens.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "files={} bytes={bytes} tokens={tokens} best_secs={best:.6}",
        sources.len()
    );
}
