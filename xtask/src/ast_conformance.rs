//! `cargo xtask ast-conformance [FILTER...] [--quiet]`: Coil's parser against CPython's
//! over the standard library. `--bless-corpus` instead rewrites the expected dumps of
//! `tests/corpus/valid/**/*.py` in `crates/parser/tests/expected/` (read by the parser's
//! tests, which never run python3 themselves). `--bench` times `parser::parse_module`
//! over the stdlib against python3's `ast.parse` (figures in docs/performance.md).
//! `--unparse` checks that `ast::unparse` round-trips every stdlib file.
//! `--fuzz [SEED]` mutates one token in 3,000 random stdlib snippets and compares
//! accept/reject and the SyntaxError (type, line, offset, message) with python3's.
//!
//! Every stdlib `.py` file is dumped with `ast.dump(..., include_attributes=True)` by
//! ONE python3 process (its output streamed, NUL-separated, never held whole) and by
//! `parser::parse_module` + `ast::dump`; the dumps must be identical, and a file CPython
//! rejects must be rejected by Coil too. Prints the counts and, per failing file, the
//! first difference.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Reads paths from the file named by argv[1]; for each writes the dump, or
/// `ERROR <type>: <msg>` when CPython rejects the file, then a NUL byte.
const PYTHON_SIDE: &str = r#"
import ast, sys
out = sys.stdout.buffer
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read())
        text = ast.dump(tree, include_attributes=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        text = "ERROR %s: %s" % (type(e).__name__, getattr(e, "msg", e))
    out.write(text.encode("utf-8", "surrogatepass"))
    out.write(b"\0")
out.flush()
"#;

pub fn run(args: &[String]) -> i32 {
    match conform(args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(message) => {
            eprintln!("ast-conformance: {message}");
            2
        }
    }
}

fn stdlib_dir() -> Result<PathBuf, String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    Ok(PathBuf::from(
        String::from_utf8_lossy(&out.stdout).trim().to_owned(),
    ))
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            let skip = path
                .file_name()
                .is_some_and(|n| n == "site-packages" || n == "__pycache__");
            if !skip {
                collect(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "py") {
            found.push(path);
        }
    }
}

/// What Coil made of one file.
fn coil_dump(bytes: &[u8]) -> Option<Result<String, String>> {
    let text = match lexer::decode_source(bytes) {
        Ok(text) => text,
        Err(e) => return Some(Err(format!("{}: {}", e.kind.name(), e.msg))),
    };
    let text = text.as_ref();
    Some(match parser::parse_module(text) {
        Ok(module) => Ok(ast::dump(
            &module,
            text,
            ast::DumpOptions {
                indent: None,
                include_attributes: true,
            },
        )),
        Err(e) => Err(format!("{}: {}", e.kind.name(), e.msg)),
    })
}

fn first_difference(ours: &str, theirs: &str) -> String {
    let at = ours
        .bytes()
        .zip(theirs.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(theirs.len()));
    let window = |s: &str| {
        let mut start = at.saturating_sub(80);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 80).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s[start..end].to_owned()
    };
    format!(
        "at byte {at}\n      coil: ...{}...\n    python: ...{}...",
        window(ours),
        window(theirs)
    )
}

/// Runs the python side over `files`, calling `each` with every file and its record.
fn python_dumps(
    files: &[PathBuf],
    mut each: impl FnMut(&Path, &str) -> Result<(), String>,
) -> Result<(), String> {
    let list_path = std::env::temp_dir().join(format!("coil-ast-files-{}.txt", std::process::id()));
    let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    std::fs::write(&list_path, list).map_err(|e| format!("{}: {e}", list_path.display()))?;
    let mut child = Command::new("python3")
        .args(["-c", PYTHON_SIDE])
        .arg(&list_path)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let stdout = child.stdout.take().ok_or("no python3 stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut result = Ok(());
    for path in files {
        let mut record = Vec::new();
        reader
            .read_until(0, &mut record)
            .map_err(|e| format!("reading python3 output: {e}"))?;
        if record.last() == Some(&0) {
            record.pop();
        }
        result = each(path, &String::from_utf8_lossy(&record));
        if result.is_err() {
            break;
        }
    }
    drop(reader);
    let _ = child.wait();
    let _ = std::fs::remove_file(&list_path);
    result
}

/// `tests/corpus/valid/<area>/<name>.py` → `crates/parser/tests/expected/<area>__<name>.dump`.
fn bless_corpus() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no workspace root")?
        .to_path_buf();
    let corpus = root.join("tests/corpus/valid");
    let out_dir = root.join("crates/parser/tests/expected");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut files = Vec::new();
    collect(&corpus, &mut files);
    files.sort();
    let mut written = 0;
    python_dumps(&files, |path, dump| {
        let rel = path.strip_prefix(&corpus).map_err(|e| e.to_string())?;
        let name = rel.with_extension("").to_string_lossy().replace('/', "__");
        let target = out_dir.join(format!("{name}.dump"));
        std::fs::write(&target, format!("{dump}\n"))
            .map_err(|e| format!("{}: {e}", target.display()))?;
        written += 1;
        Ok(())
    })?;
    println!(
        "ast-conformance: wrote {written} expected dumps to {}",
        out_dir.display()
    );
    Ok(())
}

fn conform(args: &[String]) -> Result<bool, String> {
    if args.iter().any(|a| a == "--bless-corpus") {
        return bless_corpus().map(|()| true);
    }
    if args.iter().any(|a| a == "--bench") {
        return bench().map(|()| true);
    }
    if args.iter().any(|a| a == "--unparse") {
        return unparse_round_trips();
    }
    if let Some(i) = args.iter().position(|a| a == "--fuzz") {
        let seed = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(1u64);
        return fuzz(seed);
    }
    let quiet = args.iter().any(|a| a == "--quiet");
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let mut files = Vec::new();
    collect(&stdlib_dir()?, &mut files);
    files.sort();
    files.retain(|p| {
        filters.is_empty()
            || filters
                .iter()
                .any(|f| p.to_string_lossy().contains(f.as_str()))
    });
    let (mut identical, mut both_reject, mut skipped) = (0usize, 0usize, 0usize);
    let mut failing = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    python_dumps(&files, |path, theirs| {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let Some(ours) = coil_dump(&bytes) else {
            skipped += 1;
            return Ok(());
        };
        let python_rejects = theirs.starts_with("ERROR ");
        let verdict = match (&ours, python_rejects) {
            (Ok(d), false) if d == theirs => {
                identical += 1;
                None
            }
            (Err(_), true) => {
                both_reject += 1;
                None
            }
            (Ok(d), false) => Some(first_difference(d, theirs)),
            (Ok(_), true) => Some(format!("python rejects ({theirs}), coil accepts")),
            (Err(e), false) => Some(format!("coil rejects: {e}")),
        };
        if let Some(v) = verdict {
            failing += 1;
            if !quiet {
                let _ = writeln!(out, "DIFF {}: {v}", path.display());
            }
        }
        Ok(())
    })?;
    let compared = files.len() - skipped;
    let _ = writeln!(
        out,
        "ast-conformance: {} files, {compared} compared, {identical} identical, \
         {both_reject} rejected by both, {failing} differing, {skipped} skipped (not UTF-8)",
        files.len()
    );
    Ok(failing == 0)
}

/// Best of 5 passes of `parse_module` over every decodable stdlib file, and python3's
/// `ast.parse` over the same files (best of 3) for comparison.
fn bench() -> Result<(), String> {
    let mut files = Vec::new();
    collect(&stdlib_dir()?, &mut files);
    files.sort();
    let mut sources = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Ok(text) = lexer::decode_source(&bytes) {
            sources.push(text.into_owned());
        }
    }
    let total: usize = sources.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    let mut parsed = 0;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        parsed = sources
            .iter()
            .filter(|s| parser::parse_module(s).is_ok())
            .count();
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mb = total as f64 / 1e6;
    println!(
        "coil parse_module: {} files ({parsed} parsed), {mb:.1} MB, best {best:.3} s = {:.1} MB/s",
        sources.len(),
        mb / best
    );
    print_tree_costs(&sources, best);
    let list_path = std::env::temp_dir().join(format!("coil-ast-bench-{}.txt", std::process::id()));
    let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    std::fs::write(&list_path, list).map_err(|e| format!("{}: {e}", list_path.display()))?;
    let script = r#"
import ast, sys, time
srcs = []
for p in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(p, "rb") as f:
        srcs.append(f.read())
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    for s in srcs:
        try:
            ast.parse(s)
        except (SyntaxError, ValueError):
            pass
    best = min(best, time.perf_counter() - t)
print("python3 ast.parse: best %.3f s" % best)
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&list_path)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let _ = std::fs::remove_file(&list_path);
    print!("{}", String::from_utf8_lossy(&out.stdout));
    Ok(())
}

/// Splits the parse time into lexing, building the owned tree and dropping it: the figures
/// behind the owned-tree-versus-arena decision recorded in docs/architecture.md. An arena
/// could at best remove the allocation share of building and almost all of the drop.
fn print_tree_costs(sources: &[String], parse_best: f64) {
    let best_of = |f: &mut dyn FnMut() -> f64| (0..5).map(|_| f()).fold(f64::INFINITY, f64::min);
    let lex = best_of(&mut || {
        let start = std::time::Instant::now();
        let tokens: usize = sources
            .iter()
            .map(|s| lexer::tokenize(s).tokens.len())
            .sum();
        std::hint::black_box(tokens);
        start.elapsed().as_secs_f64()
    });
    let drop = best_of(&mut || {
        let trees: Vec<_> = sources.iter().map(|s| parser::parse_module(s)).collect();
        let start = std::time::Instant::now();
        drop(trees);
        start.elapsed().as_secs_f64()
    });
    let pct = |t: f64| 100.0 * t / parse_best;
    println!(
        "  of which: lexing {lex:.3} s ({:.0}%), dropping the trees {drop:.3} s ({:.0}%), \
         grammar actions and tree building the rest",
        pct(lex),
        pct(drop)
    );
}

/// parse → unparse → parse gives the same tree (without positions) for every stdlib file.
fn unparse_round_trips() -> Result<bool, String> {
    let mut files = Vec::new();
    collect(&stdlib_dir()?, &mut files);
    files.sort();
    let (mut same, mut failing) = (0usize, 0usize);
    let shape = |m: &ast::Mod, src: &str| ast::dump(m, src, ast::DumpOptions::default());
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let Ok(text) = lexer::decode_source(&bytes) else {
            continue;
        };
        let Ok(tree) = parser::parse_module(&text) else {
            continue;
        };
        let unparsed = ast::unparse(&tree);
        match parser::parse_module(&unparsed) {
            Ok(again) if shape(&again, &unparsed) == shape(&tree, &text) => same += 1,
            Ok(again) => {
                failing += 1;
                let diff = first_difference(&shape(&again, &unparsed), &shape(&tree, &text));
                println!("UNPARSE {}: tree changed {diff}", path.display());
            }
            Err(e) => {
                failing += 1;
                let at = source::LineIndex::new(&unparsed).line_col(e.range.start());
                let line = source::LineIndex::new(&unparsed)
                    .line_text(&unparsed, at.line)
                    .to_owned();
                println!(
                    "UNPARSE {}: {} at line {}: {line}",
                    path.display(),
                    e.msg,
                    at.line
                );
            }
        }
    }
    println!("ast-conformance --unparse: {same} round-trip, {failing} failing");
    Ok(failing == 0)
}

/// Writes `case \0 verdict \0` records: mutated snippets of stdlib files and
/// python3's verdict on each (`OK` or `ERR type line offset msg`).
const FUZZ_SIDE: &str = r#"
import ast, glob, io, random, sys, textwrap, tokenize, warnings
warnings.filterwarnings("ignore")
random.seed(int(sys.argv[1]))
files = sorted(glob.glob(sys.argv[2] + "/*.py"))
out = sys.stdout.buffer
made = 0
while made < 3000:
    lines = open(random.choice(files), encoding="utf-8", errors="replace").read().splitlines(True)
    if len(lines) < 10:
        continue
    i = random.randrange(len(lines) - 8)
    chunk = "".join(lines[i:i + random.randint(1, 8)])
    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO(chunk).readline)
                if t.type != tokenize.ENDMARKER]
    except Exception:
        continue
    if len(toks) < 3:
        continue
    t = random.choice(toks)
    rows = chunk.splitlines(True)
    if t.start[0] != t.end[0] or t.start[0] > len(rows):
        continue
    row = rows[t.start[0] - 1]
    seg = row[t.start[1]:t.end[1]]
    new = random.choice(["", seg + " " + seg, random.choice(
        ["(", ")", ":", ",", "=", "if", "not", "*", "lambda", "[", "else", "x", "1",
         '"s"', ".", "for", "yield", "->", "@"])])
    rows[t.start[0] - 1] = row[:t.start[1]] + new + row[t.end[1]:]
    case = textwrap.dedent("".join(rows))
    if "\0" in case:
        continue
    try:
        ast.parse(case)
        verdict = "OK"
    except SyntaxError as e:
        verdict = "ERR %s %s %s %s" % (type(e).__name__, e.lineno, e.offset, e.msg)
    except (ValueError, MemoryError, RecursionError):
        continue
    out.write(case.encode("utf-8", "surrogatepass") + b"\0" + verdict.encode() + b"\0")
    made += 1
"#;

fn coil_verdict(source: &str) -> String {
    match parser::parse_module(source) {
        Ok(_) => "OK".to_owned(),
        Err(e) => {
            let index = source::LineIndex::new(source);
            let line = index.line_col(e.range.start()).line;
            let offset = index.char_column(source, e.range.start()) + 1;
            format!("ERR {} {line} {offset} {}", e.kind.name(), e.msg)
        }
    }
}

fn fuzz(seed: u64) -> Result<bool, String> {
    let stdlib = stdlib_dir()?;
    let out = Command::new("python3")
        .args(["-c", FUZZ_SIDE, &seed.to_string()])
        .arg(&stdlib)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let fields: Vec<String> = out
        .stdout
        .split(|&b| b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let (mut cases, mut agree, mut same_msg, mut identical) = (0, 0, 0, 0);
    for pair in fields.chunks_exact(2) {
        let (case, theirs) = (&pair[0], &pair[1]);
        cases += 1;
        let ours = coil_verdict(case);
        let message = |v: &str| v.splitn(5, ' ').nth(4).unwrap_or("").to_owned();
        if (ours == "OK") != (theirs == "OK") {
            println!("ACCEPT-DIFF python: {theirs}\n  coil: {ours}\n{case}");
            continue;
        }
        agree += 1;
        if message(&ours) == message(theirs) {
            same_msg += 1;
        }
        if ours == *theirs {
            identical += 1;
        }
    }
    println!(
        "ast-conformance --fuzz {seed}: {cases} mutated snippets, {agree} same accept/reject, \
         {same_msg} same message, {identical} same message and position"
    );
    Ok(agree == cases)
}
