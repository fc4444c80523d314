//! `cargo xtask tokenize-conformance [DIR...]`: our lexer against CPython over
//! the standard library (or the given directories).
//!
//! One python3 process walks the files and, for each, reports whether CPython's
//! C tokenizer accepts it (its token iterator, and `compile` for the errors the
//! iterator stops on without a message) (the compiler's verdict, which `lexer::tokenize` must
//! match) and the `tokenize` module's tokens. Our side decodes and tokenizes the
//! same files, converts the tokens to the module's view and compares type,
//! string, start and end of every token.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The python3 side: `F path`, then `C OK` or `C ERR line offset "msg"`, then
/// `M ERR` or `M OK encoding` followed by `T TYPE sl sc el ec "string"` lines; `E` ends a file.
/// Paths come on stdin, one a line.
const PYTHON_SIDE: &str = r#"
import sys, io, json, tokenize
w = sys.stdout.write
for path in sys.stdin.read().splitlines():
    w("F %s\n" % path)
    data = open(path, "rb").read()
    try:
        enc, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(enc)
    except Exception:
        w("D ERR\nE\n")
        continue
    try:
        ctoks = list(tokenize._generate_tokens_from_c_tokenizer(text))
        # The iterator yields no ENDMARKER; a complete run ends in NEWLINE or
        # DEDENT with every INDENT closed.
        types = [t.type for t in ctoks]
        balanced = types.count(tokenize.INDENT) == types.count(tokenize.DEDENT)
        complete = not types or types[-1] in (tokenize.NEWLINE, tokenize.DEDENT)
        if balanced and complete:
            w("C OK\n")
        else:
            # The iterator stops silently on the errors the parser reports for
            # the tokenizer (unclosed brackets, indentation, continuation):
            # compile() says which.
            try:
                compile(text, path, "exec")
                w("C ERR 0 0 %s\n" % json.dumps("tokenizer stopped"))
            except SyntaxError as e:
                w("C ERR %s %s %s\n" % (e.lineno, e.offset, json.dumps(e.msg)))
    except SyntaxError as e:
        w("C ERR %s %s %s\n" % (e.lineno, e.offset, json.dumps(e.msg)))
    except Exception as e:
        w("C ERR 0 0 %s\n" % json.dumps(str(e)))
    try:
        toks = list(tokenize.tokenize(io.BytesIO(data).readline))
    except Exception:
        w("M ERR\nE\n")
        continue
    w("M OK %s\n" % toks[0].string)
    for t in toks[1:]:
        w("T %s %d %d %d %d %s\n" % (tokenize.tok_name[t.type], t.start[0], t.start[1], t.end[0], t.end[1], json.dumps(t.string)))
    w("E\n")
"#;

/// CPython's verdict and tokens for one file.
#[derive(Default)]
struct Reference {
    path: String,
    undecodable: bool,
    /// `None` when the C tokenizer accepts; else (line, offset, message).
    c_error: Option<(u32, u32, String)>,
    module_tokens: Option<Vec<RefToken>>,
    encoding: String,
}

struct RefToken {
    kind: String,
    start: (u32, u32),
    end: (u32, u32),
    string: String,
}

pub fn run(args: &[String]) -> i32 {
    match conformance(args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(message) => {
            eprintln!("tokenize-conformance: {message}");
            2
        }
    }
}

/// The stdlib directory of the `python3` on PATH.
pub(crate) fn stdlib_dir() -> Result<PathBuf, String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    Ok(PathBuf::from(
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    ))
}

/// Every `.py` file under `roots`, sorted, skipping `site-packages` and `__pycache__`.
pub(crate) fn python_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "site-packages" && name != "__pycache__" {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for root in roots {
        if root.is_file() {
            files.push(root.clone());
        } else {
            walk(root, &mut files);
        }
    }
    files.sort();
    files
}

/// The roots named on the command line, or the stdlib.
pub(crate) fn roots(args: &[String]) -> Result<Vec<PathBuf>, String> {
    let dirs: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        Ok(vec![stdlib_dir()?])
    } else {
        Ok(dirs)
    }
}

fn conformance(args: &[String]) -> Result<bool, String> {
    let files = python_files(&roots(args)?);
    let verbose = args.iter().any(|a| a == "-v" || a == "--verbose");
    let mut child = Command::new("python3")
        .args(["-c", PYTHON_SIDE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
    let stdout = child.stdout.take().ok_or("no stdout")?;

    let mut stats = Stats::default();
    let mut current: Option<Reference> = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let (tag, rest) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        match tag {
            "F" => {
                current = Some(Reference {
                    path: rest.to_string(),
                    ..Reference::default()
                })
            }
            "D" => {
                if let Some(r) = current.as_mut() {
                    r.undecodable = true;
                }
            }
            "C" if rest != "OK" => {
                if let Some(r) = current.as_mut() {
                    let mut parts = rest.splitn(4, ' ');
                    let _ = parts.next();
                    let line = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
                    let offset = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
                    let msg = parts.next().map(json_string).unwrap_or_default();
                    r.c_error = Some((line, offset, msg));
                }
            }
            "M" if rest.starts_with("OK") => {
                if let Some(r) = current.as_mut() {
                    r.module_tokens = Some(Vec::new());
                    r.encoding = rest.trim_start_matches("OK ").to_string();
                }
            }
            "T" => {
                if let Some(tokens) = current.as_mut().and_then(|r| r.module_tokens.as_mut()) {
                    tokens.push(parse_token(rest));
                }
            }
            "E" => {
                if let Some(reference) = current.take() {
                    stats.compare(&reference, verbose);
                }
            }
            _ => {}
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    stats.print();
    Ok(stats.mismatched == 0 && stats.dump_mismatched == 0)
}

fn parse_token(rest: &str) -> RefToken {
    let mut parts = rest.splitn(6, ' ');
    let kind = parts.next().unwrap_or("").to_string();
    let mut num = || parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let start = (num(), num());
    let end = (num(), num());
    let string = parts.next().map(json_string).unwrap_or_default();
    RefToken {
        kind,
        start,
        end,
        string,
    }
}

/// Decodes a `json.dumps` string literal (ASCII-only, with `\uXXXX` escapes and surrogate pairs).
fn json_string(text: &str) -> String {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let esc = chars.next().unwrap_or('\\');
        let ch = match esc {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                let unit = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                if (0xD800..0xDC00).contains(&unit) {
                    pending_high = Some(unit);
                    continue;
                }
                let code = match pending_high.take() {
                    Some(high) if (0xDC00..0xE000).contains(&unit) => {
                        0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                    }
                    _ => unit,
                };
                char::from_u32(code).unwrap_or('\u{FFFD}')
            }
            other => other,
        };
        out.push(ch);
    }
    out
}

#[derive(Default)]
struct Stats {
    compared: usize,
    identical: usize,
    rejected_by_both: usize,
    same_error_message: usize,
    undecodable: usize,
    module_only_rejects: usize,
    mismatched: usize,
    tokens: usize,
    dump_identical: usize,
    dump_mismatched: usize,
}

impl Stats {
    fn compare(&mut self, reference: &Reference, verbose: bool) {
        if reference.undecodable {
            self.undecodable += 1;
            return;
        }
        self.compared += 1;
        let path = &reference.path;
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => return self.fail(path, &format!("cannot read: {e}")),
        };
        let source = match lexer::decode_source(&bytes) {
            Ok(source) => source,
            Err(e) => return self.fail(path, &format!("we cannot decode it: {}", e.msg)),
        };
        self.compare_dump(reference, &bytes);
        let lexed = lexer::tokenize(&source);
        match (&reference.c_error, &lexed.error) {
            (Some((_, _, msg)), Some(ours)) => {
                self.rejected_by_both += 1;
                if *msg == ours.msg {
                    self.same_error_message += 1;
                } else if verbose {
                    println!("{path}: both reject; CPython: {msg:?}; we: {:?}", ours.msg);
                }
                return;
            }
            (Some((line, offset, msg)), None) => {
                return self.fail(
                    path,
                    &format!("CPython rejects ({msg:?} at {line}:{offset}), we accept"),
                );
            }
            (None, Some(ours)) => {
                let at = lexer::LineIndex::new(&source).line_col(ours.range.start());
                return self.fail(
                    path,
                    &format!(
                        "we reject ({:?} at {}:{}), CPython accepts",
                        ours.msg, at.line, at.col
                    ),
                );
            }
            (None, None) => {}
        }
        let Some(expected) = &reference.module_tokens else {
            self.module_only_rejects += 1;
            return;
        };
        let ours = lexer::dump::module_view(&source, &lexed.tokens);
        self.tokens += expected.len();
        for (i, want) in expected.iter().enumerate() {
            let Some(got) = ours.get(i) else {
                return self.fail(
                    path,
                    &format!(
                        "token {i}: expected {} {:?} at {:?}, we ended",
                        want.kind, want.string, want.start
                    ),
                );
            };
            if got.kind != want.kind
                || got.string != want.string
                || got.start != want.start
                || got.end != want.end
            {
                return self.fail(
                    path,
                    &format!(
                        "token {i}: expected {} {:?} {:?}-{:?}, got {} {:?} {:?}-{:?}",
                        want.kind,
                        want.string,
                        want.start,
                        want.end,
                        got.kind,
                        got.string,
                        got.start,
                        got.end
                    ),
                );
            }
        }
        if ours.len() > expected.len() {
            let extra = &ours[expected.len()];
            return self.fail(
                path,
                &format!(
                    "extra token {} {:?} at {:?}",
                    extra.kind, extra.string, extra.start
                ),
            );
        }
        self.identical += 1;
    }

    /// `dump_tokens` (the port of the `tokenize` module) must print exactly what
    /// the module's tokens print as.
    fn compare_dump(&mut self, reference: &Reference, bytes: &[u8]) {
        let dump = lexer::dump::dump_tokens(&reference.path, bytes);
        let Some(tokens) = &reference.module_tokens else {
            if dump.exit_code == 1 {
                self.dump_identical += 1;
            } else {
                self.dump_mismatched += 1;
                println!(
                    "DUMP MISMATCH {}: the module rejects it, we do not",
                    reference.path
                );
            }
            return;
        };
        let mut expected = String::new();
        lexer::dump::push_line(
            &mut expected,
            (0, 0),
            (0, 0),
            "ENCODING",
            &reference.encoding,
        );
        for t in tokens {
            let start = (t.start.0 as usize, t.start.1 as usize);
            let end = (t.end.0 as usize, t.end.1 as usize);
            lexer::dump::push_line(&mut expected, start, end, &t.kind, &t.string);
        }
        if dump.stdout == expected && dump.exit_code == 0 {
            self.dump_identical += 1;
            return;
        }
        self.dump_mismatched += 1;
        let first = expected
            .lines()
            .zip(dump.stdout.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("expected {a:?}, got {b:?}"))
            .unwrap_or_else(|| format!("exit {}; {}", dump.exit_code, dump.stderr.trim()));
        println!("DUMP MISMATCH {}: {first}", reference.path);
    }

    fn fail(&mut self, path: &str, what: &str) {
        self.mismatched += 1;
        println!("MISMATCH {path}: {what}");
    }

    fn print(&self) {
        println!("files compared:        {}", self.compared);
        println!(
            "identical tokens:      {} ({} tokens)",
            self.identical, self.tokens
        );
        println!(
            "rejected by both:      {} (same message: {})",
            self.rejected_by_both, self.same_error_message
        );
        println!("module-only rejects:   {}", self.module_only_rejects);
        println!("undecodable (skipped): {}", self.undecodable);
        println!("mismatched:            {}", self.mismatched);
        println!(
            "dump_tokens identical: {} (mismatched: {})",
            self.dump_identical, self.dump_mismatched
        );
    }
}
