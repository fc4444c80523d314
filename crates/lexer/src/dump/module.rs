//! A port of the `tokenize` module's `_tokenize` loop (CPython 3.11's
//! Lib/tokenize.py): line by line, the pseudo-token scanner, the continued-string
//! and continued-statement states, and its errors.
//!
//! It is a port rather than a view of [`crate::tokenize`] because the module
//! differs from the compiler on bad input: it emits ERRORTOKEN (even for the
//! whitespace before an unmatched character) and carries on where the C
//! tokenizer stops.

use super::scan;

/// One token as the module yields it, with its text owned (continued strings
/// join lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ModuleTok {
    pub kind: &'static str,
    pub string: String,
    pub start: (usize, usize),
    pub end: (usize, usize),
}

/// The module's two exceptions that `python3 -m tokenize` reports with a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ModuleError {
    pub msg: &'static str,
    pub line: usize,
    pub col: usize,
}

const TABSIZE: usize = 8;

enum ContStr {
    None,
    /// A string left open at the end of a line: its start, text so far, quote,
    /// and whether it is triple-quoted (else continued with a backslash-newline).
    Open {
        start: (usize, usize),
        text: String,
        quote: char,
        triple: bool,
    },
}

/// Tokenizes decoded `text` as `tokenize.tokenize` does (without the ENCODING token).
pub(super) fn module_tokenize(text: &str) -> Result<Vec<ModuleTok>, ModuleError> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut lnum = 0usize;
    // Goes negative on a stray closer, as in the module (which then treats every
    // following line as a continuation).
    let mut parenlev = 0isize;
    let mut continued = false;
    let mut indents = vec![0usize];
    let mut cont = ContStr::None;
    // The module's `needcont`: set by a one-line string continued with a
    // backslash, cleared only when a continued string ends -- so it stays set
    // through an ERRORTOKEN and into a later triple-quoted string.
    let mut needcont = false;
    let mut last_line: &str;
    let mut line_idx = 0;
    let mut line: &str = "";
    loop {
        last_line = if lnum == 0 { "" } else { line };
        line = lines.get(line_idx).copied().unwrap_or("");
        line_idx += 1;
        lnum += 1;
        let chars: Vec<char> = line.chars().collect();
        let max = chars.len();
        let mut pos = 0usize;
        let tok = |kind, from: usize, to: usize, out: &mut Vec<ModuleTok>| {
            out.push(ModuleTok {
                kind,
                string: chars[from..to].iter().collect(),
                start: (lnum, from),
                end: (lnum, to),
            });
        };

        match std::mem::replace(&mut cont, ContStr::None) {
            ContStr::Open {
                start,
                mut text,
                quote,
                triple,
            } => {
                if line.is_empty() {
                    return Err(ModuleError {
                        msg: "EOF in multi-line string",
                        line: start.0,
                        col: start.1,
                    });
                }
                let end = if triple {
                    scan::triple_end(&chars, 0, quote)
                } else {
                    scan::single_end(&chars, 0, quote)
                };
                match end {
                    Some(end) => {
                        text.extend(&chars[..end]);
                        out.push(ModuleTok {
                            kind: "STRING",
                            string: text,
                            start,
                            end: (lnum, end),
                        });
                        needcont = false;
                        pos = end;
                    }
                    None if needcont && !line.ends_with("\\\n") && !line.ends_with("\\\r\n") => {
                        text.push_str(line);
                        out.push(ModuleTok {
                            kind: "ERRORTOKEN",
                            string: text,
                            start,
                            end: (lnum, max),
                        });
                        continue;
                    }
                    None => {
                        text.push_str(line);
                        cont = ContStr::Open {
                            start,
                            text,
                            quote,
                            triple,
                        };
                        continue;
                    }
                }
            }
            ContStr::None if parenlev == 0 && !continued => {
                // A new statement: measure the indentation.
                if line.is_empty() {
                    break;
                }
                let mut column = 0;
                while pos < max {
                    match chars[pos] {
                        ' ' => column += 1,
                        '\t' => column = (column / TABSIZE + 1) * TABSIZE,
                        '\x0c' => column = 0,
                        _ => break,
                    }
                    pos += 1;
                }
                if pos == max {
                    break;
                }
                if matches!(chars[pos], '#' | '\r' | '\n') {
                    if chars[pos] == '#' {
                        let mut end = max;
                        while end > pos && matches!(chars[end - 1], '\r' | '\n') {
                            end -= 1;
                        }
                        tok("COMMENT", pos, end, &mut out);
                        pos = end;
                    }
                    tok("NL", pos, max, &mut out);
                    continue;
                }
                if column > *indents.last().unwrap_or(&0) {
                    indents.push(column);
                    tok("INDENT", 0, pos, &mut out);
                }
                while column < *indents.last().unwrap_or(&0) {
                    if !indents.contains(&column) {
                        return Err(ModuleError {
                            msg: "unindent does not match any outer indentation level",
                            line: lnum,
                            col: pos,
                        });
                    }
                    indents.pop();
                    tok("DEDENT", pos, pos, &mut out);
                }
            }
            ContStr::None => {
                if line.is_empty() {
                    return Err(ModuleError {
                        msg: "EOF in multi-line statement",
                        line: lnum,
                        col: 0,
                    });
                }
                continued = false;
            }
        }

        while pos < max {
            // Whitespace, then the first alternative of PseudoToken that matches.
            let mut start = pos;
            while start < max && matches!(chars[start], ' ' | '\x0c' | '\t') {
                start += 1;
            }
            let Some((end, what)) = pseudo_token(&chars, start) else {
                tok("ERRORTOKEN", pos, pos + 1, &mut out);
                pos += 1;
                continue;
            };
            pos = end;
            if start == end {
                continue;
            }
            let initial = chars[start];
            match what {
                Pseudo::Number => tok("NUMBER", start, end, &mut out),
                Pseudo::Newline => {
                    let kind = if parenlev > 0 { "NL" } else { "NEWLINE" };
                    tok(kind, start, end, &mut out);
                }
                Pseudo::Comment => tok("COMMENT", start, end, &mut out),
                Pseudo::Triple => {
                    let quote = chars[end - 1];
                    match scan::triple_end(&chars, end, quote) {
                        Some(close) => {
                            pos = close;
                            tok("STRING", start, close, &mut out);
                        }
                        None => {
                            cont = ContStr::Open {
                                start: (lnum, start),
                                text: chars[start..].iter().collect(),
                                quote,
                                triple: true,
                            };
                            break;
                        }
                    }
                }
                Pseudo::String => {
                    if chars[end - 1] == '\n' {
                        let quote_at = scan::string_prefix(&chars, start).unwrap_or(start);
                        cont = ContStr::Open {
                            start: (lnum, start),
                            text: chars[start..].iter().collect(),
                            quote: chars[quote_at],
                            triple: false,
                        };
                        needcont = true;
                        break;
                    }
                    tok("STRING", start, end, &mut out);
                }
                Pseudo::Name => {
                    if initial == '_' || unicode_ident::is_xid_start(initial) {
                        tok("NAME", start, end, &mut out);
                    } else {
                        tok("OP", start, end, &mut out);
                    }
                }
                Pseudo::Continuation => continued = true,
                Pseudo::Operator => {
                    match initial {
                        '(' | '[' | '{' => parenlev += 1,
                        ')' | ']' | '}' => parenlev -= 1,
                        _ => {}
                    }
                    tok("OP", start, end, &mut out);
                }
            }
        }
    }

    let eof_line = lnum;
    let last_chars = last_line.chars().count();
    let last_is_comment = last_line.trim().starts_with('#');
    if !last_line.is_empty() && !last_line.ends_with(['\r', '\n']) && !last_is_comment {
        out.push(ModuleTok {
            kind: "NEWLINE",
            string: String::new(),
            start: (eof_line - 1, last_chars),
            end: (eof_line - 1, last_chars + 1),
        });
    }
    for _ in 1..indents.len() {
        out.push(ModuleTok {
            kind: "DEDENT",
            string: String::new(),
            start: (eof_line, 0),
            end: (eof_line, 0),
        });
    }
    out.push(ModuleTok {
        kind: "ENDMARKER",
        string: String::new(),
        start: (eof_line, 0),
        end: (eof_line, 0),
    });
    Ok(out)
}

/// Which alternative of `PseudoToken` matched.
enum Pseudo {
    Continuation,
    Comment,
    Triple,
    Number,
    Newline,
    Operator,
    String,
    Name,
}

/// `PseudoToken` after its leading whitespace, at `i`: `PseudoExtras | Number |
/// Funny | ContStr | Name`, the first that matches. `\Z` is an empty match.
fn pseudo_token(s: &[char], i: usize) -> Option<(usize, Pseudo)> {
    match s.get(i) {
        None => return Some((i, Pseudo::Newline)),
        Some('\\') => match (s.get(i + 1), s.get(i + 2)) {
            (Some('\n'), _) => return Some((i + 2, Pseudo::Continuation)),
            (Some('\r'), Some('\n')) => return Some((i + 3, Pseudo::Continuation)),
            _ => {}
        },
        Some('#') => {
            let end = (i..s.len())
                .find(|&k| matches!(s[k], '\r' | '\n'))
                .unwrap_or(s.len());
            return Some((end, Pseudo::Comment));
        }
        _ => {}
    }
    if let Some(end) = scan::triple_opening(s, i) {
        return Some((end, Pseudo::Triple));
    }
    if let Some(end) = scan::number(s, i) {
        return Some((end, Pseudo::Number));
    }
    if let Some(end) = scan::funny(s, i) {
        let kind = if matches!(s[i], '\r' | '\n') {
            Pseudo::Newline
        } else {
            Pseudo::Operator
        };
        return Some((end, kind));
    }
    if let Some(end) = scan::cont_str(s, i) {
        return Some((end, Pseudo::String));
    }
    let mut end = i;
    while end < s.len() && scan::is_word(s[end]) {
        end += 1;
    }
    (end > i).then_some((end, Pseudo::Name))
}
