//! Rendering uncaught exceptions exactly like CPython 3.11's `PyErr_Display`:
//! chained exceptions, `File "...", line N, in name` entries, the source line, the
//! PEP 657 caret line (with `~`/`^` anchors for binary operators and subscripts),
//! and collapsing of repeated frames.

use std::collections::HashMap;
use std::io::Write;

use crate::interp::Vm;
use crate::objects::exception::TracebackEntry;
use crate::value::Value;

/// CPython prints at most three identical consecutive entries (`TB_RECURSIVE_CUTOFF`).
const RECURSIVE_CUTOFF: usize = 3;

/// How many members of a group are printed (`max_group_width`).
const MAX_GROUP_WIDTH: usize = 15;
/// How deeply nested groups are printed (`max_group_depth`).
const MAX_GROUP_DEPTH: usize = 10;

const CAUSE_MESSAGE: &str = "The above exception was the direct cause of the following exception:";
const CONTEXT_MESSAGE: &str = "During handling of the above exception, another exception occurred:";

/// The state of one traceback print: group nesting, whether the innermost box still
/// needs its closing line, and the exceptions already shown.
#[derive(Default)]
struct PrintCtx {
    depth: usize,
    need_close: bool,
    seen: Vec<Value>,
}

impl PrintCtx {
    fn indent(&self) -> usize {
        2 * self.depth
    }

    /// What starts each line at this depth: nothing outside groups, else `  | `.
    fn margin(&self) -> String {
        if self.depth == 0 {
            String::new()
        } else {
            format!("{}| ", " ".repeat(self.indent()))
        }
    }
}

/// Source lines by file, read once per traceback (like `linecache`).
#[derive(Default)]
struct SourceCache {
    files: HashMap<String, Option<Vec<String>>>,
}

impl SourceCache {
    fn line(&mut self, path: &str, lineno: u32) -> Option<String> {
        let lines = self.files.entry(path.to_string()).or_insert_with(|| {
            std::fs::read(path).ok().map(|bytes| {
                // Universal newlines, as linecache reads: \r\n, \r and \n all end a line.
                let text = String::from_utf8_lossy(&bytes)
                    .replace("\r\n", "\n")
                    .replace('\r', "\n");
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                text.split('\n').map(str::to_string).collect()
            })
        });
        lines
            .as_ref()?
            .get(lineno.checked_sub(1)? as usize)
            .cloned()
    }
}

/// Char index of UTF-8 byte offset `byte` in `line`.
fn char_offset(line: &str, byte: usize) -> usize {
    let b = byte.min(line.len());
    let mut end = b;
    while end > 0 && !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].chars().count()
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    Operand,
    Open,
    Close,
    Op(u8),
    /// `lambda`, `if`, `and`, `or`, `not`, comparisons, `,`, `:=`: the segment's
    /// root is then not a binary operation or subscript.
    Stop,
}

/// Binding strength of a binary operator (higher binds tighter).
fn precedence(op: &str) -> Option<u8> {
    Some(match op {
        "|" => 1,
        "^" => 2,
        "&" => 3,
        "<<" | ">>" => 4,
        "+" | "-" => 5,
        "*" | "/" | "//" | "%" | "@" => 6,
        "**" => 8,
        _ => return None,
    })
}

/// Splits a one-line expression into coarse tokens: (kind, start, end) char indices.
fn tokenize(chars: &[char]) -> Option<Vec<(Tok, usize, usize)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c == '"' || c == '\'' {
            let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
            let q = if triple { 3 } else { 1 };
            i += q;
            loop {
                if i >= chars.len() {
                    return None;
                }
                if chars[i] == '\\' {
                    i += 2;
                    continue;
                }
                if chars[i] == c
                    && (!triple || (chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c)))
                {
                    i += q;
                    break;
                }
                i += 1;
            }
            out.push((Tok::Operand, start, i));
            continue;
        }
        if c.is_alphanumeric()
            || c == '_'
            || c == '.'
                && chars
                    .get(i + 1)
                    .map(|d| d.is_ascii_digit())
                    .unwrap_or(false)
        {
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                // Exponent signs inside numbers (1e-5).
                if (chars[i] == 'e' || chars[i] == 'E')
                    && chars[start].is_ascii_digit()
                    && matches!(chars.get(i + 1), Some('+') | Some('-'))
                {
                    i += 2;
                    continue;
                }
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let word = word.trim_end_matches('.');
            // A string prefix directly followed by a quote (f"..", b'..').
            if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') && word.len() <= 2 {
                continue;
            }
            let kind = match word {
                "lambda" | "if" | "else" | "and" | "or" | "not" | "in" | "is" | "await"
                | "yield" | "for" => Tok::Stop,
                _ => Tok::Operand,
            };
            out.push((kind, start, i));
            continue;
        }
        // Attribute access after an operand: `.name` is part of the operand.
        if c == '.' {
            i += 1;
            out.push((Tok::Operand, start, i));
            continue;
        }
        match c {
            '(' | '[' | '{' => {
                out.push((Tok::Open, i, i + 1));
                i += 1;
            }
            ')' | ']' | '}' => {
                out.push((Tok::Close, i, i + 1));
                i += 1;
            }
            _ => {
                let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                let three: String = chars[i..(i + 3).min(chars.len())].iter().collect();
                let (text, len) = if ["**=", "//=", ">>=", "<<="].contains(&three.as_str()) {
                    (three, 3)
                } else if [
                    "**", "//", "<<", ">>", "==", "!=", "<=", ">=", ":=", "->", "+=", "-=", "*=",
                    "/=", "%=", "&=", "|=", "^=", "@=",
                ]
                .contains(&two.as_str())
                {
                    (two, 2)
                } else {
                    (c.to_string(), 1)
                };
                let kind = match precedence(&text) {
                    Some(p) => Tok::Op(p),
                    None => Tok::Stop,
                };
                out.push((kind, i, i + len));
                i += len;
            }
        }
    }
    Some(out)
}

/// The anchors (`left_end`, `right_start`) of a one-line segment, in char indices
/// into the segment, when its root is a binary operation or a subscript.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = segment.chars().collect();
    let toks = tokenize(&chars)?;
    let mut depth = 0i32;
    let mut best: Option<(u8, usize)> = None;
    let mut prev_operand = false;
    let mut last_top_open: Option<usize> = None;
    for (idx, &(kind, _, _)) in toks.iter().enumerate() {
        match kind {
            Tok::Open => {
                if depth == 0 {
                    last_top_open = Some(idx);
                }
                depth += 1;
                prev_operand = false;
            }
            Tok::Close => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
                prev_operand = true;
            }
            Tok::Operand => prev_operand = true,
            Tok::Stop => {
                if depth == 0 {
                    return None;
                }
                prev_operand = false;
            }
            Tok::Op(p) => {
                // Binary only after an operand; otherwise unary (+x, -x, ~x, *args).
                if depth == 0 && prev_operand {
                    let better = match best {
                        None => true,
                        // Left-associative: the rightmost of equal precedence is the
                        // root; `**` is right-associative: the leftmost.
                        Some((bp, _)) => p < bp || (p == bp && p != 8),
                    };
                    if better {
                        best = Some((p, idx));
                    }
                }
                if depth == 0 && !prev_operand && p != 5 && p != 6 && p != 8 {
                    return None;
                }
                prev_operand = false;
            }
        }
    }
    if depth != 0 {
        return None;
    }
    if let Some((_, idx)) = best {
        let (_, op_start, _) = toks[idx];
        // The right operand's start, inside any parentheses wrapping all of it.
        let mut right_start = toks.get(idx + 1).map(|t| t.1).unwrap_or(chars.len());
        let mut r = idx + 1;
        while r < toks.len() && toks[r].0 == Tok::Open && chars[toks[r].1] == '(' {
            let mut d = 0;
            let mut close = None;
            for (k, t) in toks.iter().enumerate().skip(r) {
                match t.0 {
                    Tok::Open => d += 1,
                    Tok::Close => {
                        d -= 1;
                        if d == 0 {
                            close = Some(k);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if close == Some(toks.len() - 1) {
                r += 1;
                right_start = toks.get(r).map(|t| t.1).unwrap_or(chars.len());
            } else {
                break;
            }
        }
        let mut right = op_start + 1;
        if op_start + 1 < right_start
            && chars
                .get(op_start + 1)
                .map(|c| !c.is_whitespace())
                .unwrap_or(false)
        {
            right += 1;
        }
        return Some((op_start, right));
    }
    // Subscript: the last top-level bracket pair closes the segment and follows an operand.
    let last = toks.last()?;
    let open_idx = last_top_open?;
    if last.0 == Tok::Close
        && chars[last.1] == ']'
        && chars[toks[open_idx].1] == '['
        && open_idx > 0
    {
        let mut d = 0;
        for t in &toks[open_idx..] {
            match t.0 {
                Tok::Open => d += 1,
                Tok::Close => d -= 1,
                _ => {}
            }
        }
        if d == 0 {
            return Some((toks[open_idx].1, last.1 + 1));
        }
    }
    None
}

/// The caret line for one entry, or `None` when CPython elides it.
fn caret_line(line: &str, loc: bytecode::Location) -> Option<String> {
    if loc.line == 0 || loc.end_line == 0 {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let indent = chars
        .iter()
        .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
        .count();
    let start = char_offset(line, loc.col as usize);
    let mut end = char_offset(line, loc.end_col as usize);
    let mut anchor = None;
    if loc.line == loc.end_line {
        if end > start {
            let segment: String = chars[start..end.min(chars.len())].iter().collect();
            anchor = anchors(&segment).map(|(l, r)| (l + start, r + start));
        }
    } else {
        end = chars
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map(|i| i + 1)
            .unwrap_or(0);
    }
    let stripped_len = chars.len() - indent;
    if end.saturating_sub(start) == stripped_len && anchor.is_none() {
        return None;
    }
    if end <= start {
        return None;
    }
    let mut out = String::from("    ");
    for p in indent..end {
        let c = if p < start {
            ' '
        } else if let Some((l, r)) = anchor {
            if l <= p && p < r {
                '^'
            } else {
                '~'
            }
        } else {
            '^'
        };
        out.push(c);
    }
    Some(out)
}

impl Vm {
    fn format_entry(&self, entry: &TracebackEntry, cache: &mut SourceCache, out: &mut String) {
        let loc = entry.code.location(entry.lasti);
        let lineno = if loc.line == 0 {
            entry.code.firstlineno
        } else {
            loc.line
        };
        out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            entry.code.filename, lineno, entry.code.name
        ));
        if let Some(line) = cache.line(&entry.code.filename, lineno) {
            let indent = line
                .chars()
                .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
                .count();
            let stripped: String = line.chars().skip(indent).collect();
            if stripped.is_empty() {
                return;
            }
            out.push_str("    ");
            out.push_str(&stripped);
            out.push('\n');
            if let Some(carets) = caret_line(&line, loc) {
                out.push_str(&carets);
                out.push('\n');
            }
        }
    }

    /// `Type: message` (module-qualified unless builtins or `__main__`).
    fn exception_only(&mut self, exc: &Value) -> String {
        let ty = self.type_of(exc).clone();
        let (name, module) = match ty.as_type() {
            Some(t) => (t.name.to_string(), t.module.clone()),
            None => ("?".into(), None),
        };
        let qual = match module.as_deref() {
            Some(m) if m != "__main__" && m != "builtins" => format!("{m}.{name}"),
            _ => name,
        };
        // stderr shows a lone surrogate as `\udxxx` (CPython's `backslashreplace`).
        let msg = match self.str_value(exc) {
            Ok(s) => s
                .as_pystr()
                .map(crate::objects::str::display_escaped)
                .unwrap_or_default(),
            Err(_) => "<exception str() failed>".into(),
        };
        if msg.is_empty() {
            format!("{qual}\n")
        } else {
            format!("{qual}: {msg}\n")
        }
    }

    /// Prints `exc` after its cause or context chain (CPython's
    /// `print_exception_recursive`), groups in the nested box format.
    fn format_exception_chain(&mut self, exc: &Value, ctx: &mut PrintCtx, out: &mut String) {
        ctx.seen.push(exc.clone());
        if let Some(data) = exc.as_exception() {
            let cause = data.cause.borrow().clone();
            let context = data.context.borrow().clone();
            let suppress = data.suppress_context.get();
            if !cause.is_none()
                && cause.as_exception().is_some()
                && !ctx.seen.iter().any(|s| s.is(&cause))
            {
                self.format_chained(&cause, CAUSE_MESSAGE, ctx, out);
            } else if !suppress
                && !context.is_none()
                && context.as_exception().is_some()
                && !ctx.seen.iter().any(|s| s.is(&context))
            {
                self.format_chained(&context, CONTEXT_MESSAGE, ctx, out);
            }
        }
        if crate::objects::exception_group::is_group(self, exc) {
            self.format_group(exc, ctx, out);
        } else {
            self.format_one(exc, ctx, out);
        }
    }

    /// A link of the chain, then the sentence joining it to what follows.
    fn format_chained(&mut self, exc: &Value, message: &str, ctx: &mut PrintCtx, out: &mut String) {
        let need_close = ctx.need_close;
        self.format_exception_chain(exc, ctx, out);
        ctx.need_close = need_close;
        let margin = ctx.margin();
        for line in ["", message, ""] {
            out.push_str(&margin);
            out.push_str(line);
            out.push('\n');
        }
    }

    /// One exception: its traceback, `Type: message` and notes, each line behind the
    /// group margin.
    fn format_one(&mut self, exc: &Value, ctx: &mut PrintCtx, out: &mut String) {
        let entries: Vec<TracebackEntry> = exc
            .as_exception()
            .map(|d| d.traceback.borrow().iter().rev().cloned().collect())
            .unwrap_or_default();
        let margin = ctx.margin();
        if !entries.is_empty() {
            let is_group = crate::objects::exception_group::is_group(self, exc);
            let header = if is_group {
                "Exception Group Traceback (most recent call last):"
            } else {
                "Traceback (most recent call last):"
            };
            if is_group && ctx.depth == 1 {
                out.push_str(&format!("{}+ ", " ".repeat(ctx.indent())));
            } else {
                out.push_str(&margin);
            }
            out.push_str(header);
            out.push('\n');
            let mut body = String::new();
            let mut cache = SourceCache::default();
            let mut last: Option<(std::rc::Rc<str>, u32, std::rc::Rc<str>)> = None;
            let mut count = 0;
            for e in &entries {
                let loc = e.code.location(e.lasti);
                let key = (e.code.filename.clone(), loc.line, e.code.name.clone());
                if last.as_ref() != Some(&key) {
                    if count > RECURSIVE_CUTOFF {
                        repeated(&mut body, count - RECURSIVE_CUTOFF);
                    }
                    last = Some(key);
                    count = 0;
                }
                count += 1;
                if count <= RECURSIVE_CUTOFF {
                    self.format_entry(e, &mut cache, &mut body);
                }
            }
            if count > RECURSIVE_CUTOFF {
                repeated(&mut body, count - RECURSIVE_CUTOFF);
            }
            for line in body.lines() {
                out.push_str(&margin);
                out.push_str(line);
                out.push('\n');
            }
        }
        let only = self.exception_only(exc);
        out.push_str(&margin);
        out.push_str(&only);
        for note in crate::objects::exception_group::notes_lines(self, exc) {
            out.push_str(&margin);
            out.push_str(&note);
            out.push('\n');
        }
    }

    /// An exception group: itself, then each member in a numbered box one level in.
    fn format_group(&mut self, exc: &Value, ctx: &mut PrintCtx, out: &mut String) {
        if ctx.depth > MAX_GROUP_DEPTH {
            out.push_str(&ctx.margin());
            out.push_str(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        let top = ctx.depth == 0;
        if top {
            ctx.depth = 1;
        }
        self.format_one(exc, ctx, out);
        let excs = crate::objects::exception_group::group_parts(self, exc)
            .map(|p| p.1)
            .unwrap_or_default();
        let n = if excs.len() <= MAX_GROUP_WIDTH {
            excs.len()
        } else {
            MAX_GROUP_WIDTH + 1
        };
        ctx.need_close = false;
        for i in 0..n {
            let last = i == n - 1;
            if last {
                ctx.need_close = true;
            }
            let lead = if i == 0 { "+-" } else { "  " };
            let truncated = i >= MAX_GROUP_WIDTH;
            let label = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            out.push_str(&format!(
                "{}{lead}+---------------- {label} ----------------\n",
                " ".repeat(ctx.indent())
            ));
            ctx.depth += 1;
            if truncated {
                let more = excs.len() - MAX_GROUP_WIDTH;
                out.push_str(&ctx.margin());
                out.push_str(&format!(
                    "and {more} more exception{}\n",
                    if more > 1 { "s" } else { "" }
                ));
            } else {
                self.format_exception_chain(&excs[i], ctx, out);
            }
            if last && ctx.need_close {
                out.push_str(&" ".repeat(ctx.indent()));
                out.push_str("+------------------------------------\n");
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if ctx.depth == 1 && top {
            ctx.depth = 0;
        }
    }

    /// Formats an exception and its chain as CPython prints it.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut ctx = PrintCtx::default();
        self.format_exception_chain(exc, &mut ctx, &mut out);
        out
    }

    /// Prints an uncaught exception (or honours SystemExit); returns the exit status.
    pub fn handle_uncaught(&mut self, exc: Value) -> i32 {
        self.flush_stdout();
        let system_exit = self.types.system_exit.clone();
        if self.isinstance(&exc, &system_exit) {
            let args = exc
                .as_exception()
                .map(|d| d.args.borrow().clone())
                .unwrap_or(Value::NONE);
            let code = args
                .as_tuple()
                .and_then(|t| t.first().cloned())
                .unwrap_or(Value::NONE);
            if code.is_none() {
                return 0;
            }
            if let Ok(Some(i)) = self.to_i64(&code) {
                return i as i32;
            }
            let msg = self.str(&code).unwrap_or_default();
            let _ = writeln!(std::io::stderr(), "{msg}");
            return 1;
        }
        let text = self.format_exception(&exc);
        let _ = std::io::stderr().write_all(text.as_bytes());
        1
    }
}

fn repeated(out: &mut String, n: usize) {
    let s = if n > 1 { "s" } else { "" };
    out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(col: u32, end_col: u32) -> bytecode::Location {
        bytecode::Location {
            line: 1,
            end_line: 1,
            col,
            end_col,
        }
    }

    #[test]
    fn binary_operator_gets_tilde_and_caret() {
        assert_eq!(
            caret_line("    return a + b   ", loc(11, 16)).as_deref(),
            Some("           ~~^~~")
        );
        assert_eq!(
            caret_line("y = 1/(0)", loc(4, 9)).as_deref(),
            Some("        ~^^~~")
        );
        assert_eq!(
            caret_line("y = 1 //  0", loc(4, 11)).as_deref(),
            Some("        ~~^^~~~")
        );
        assert_eq!(
            caret_line("y = (1) / 0", loc(4, 11)).as_deref(),
            Some("        ~~~~^~~")
        );
    }

    #[test]
    fn subscript_gets_anchors() {
        assert_eq!(
            caret_line("d[\"k\"]", loc(0, 6)).as_deref(),
            Some("    ~^^^^^")
        );
        assert_eq!(
            caret_line("b = a[0][3]", loc(4, 11)).as_deref(),
            Some("        ~~~~^^^")
        );
    }

    #[test]
    fn whole_line_span_is_elided_and_calls_use_carets() {
        assert_eq!(caret_line("f()", loc(0, 3)), None);
        assert_eq!(
            caret_line("print(g(1))", loc(6, 10)).as_deref(),
            Some("          ^^^^")
        );
        assert_eq!(caret_line("x   ", loc(0, 1)).as_deref(), Some("    ^"));
    }
}
