//! The text codecs behind `bytes.decode`, `str.encode` and `bytes(str, encoding)`:
//! UTF-8, ASCII and Latin-1 with the `strict`, `ignore` and `replace` error
//! handlers, CPython's encoding-name normalisation and aliases, and its
//! `UnicodeDecodeError`/`UnicodeEncodeError`/`LookupError` messages.

use crate::interp::Vm;
use crate::value::Value;
use crate::PyResult;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name CPython's error messages use.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
}

/// The codec for `name`, after CPython's normalisation (case, `-` and spaces as `_`).
pub fn lookup(vm: &mut Vm, name: &str) -> PyResult<Codec> {
    let norm: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Ok(Codec::Utf8),
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
        | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991"
        | "iso_ir_6" => Ok(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_ir_100" | "csisolatin1" | "ibm819" | "iso_8859_1_1987" => Ok(Codec::Latin1),
        _ => {
            let ty = vm.types.lookup_error.clone();
            Err(vm.new_exception(&ty, &format!("unknown encoding: {name}")))
        }
    }
}

/// The error handler; an unknown name only fails when an error occurs, as in CPython.
fn handler(vm: &mut Vm, name: &str) -> PyResult<Handler> {
    match name {
        "strict" => Ok(Handler::Strict),
        "ignore" => Ok(Handler::Ignore),
        "replace" => Ok(Handler::Replace),
        _ => {
            let ty = vm.types.lookup_error.clone();
            let msg = format!("unknown error handler name '{name}'");
            Err(vm.new_exception(&ty, &msg))
        }
    }
}

/// A `UnicodeDecodeError` with CPython's five arguments (encoding, object, start,
/// end, reason); its message is made from them (see [`unicode_error_message`]).
fn decode_error(
    vm: &mut Vm,
    codec: Codec,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> Value {
    let args = vec![
        vm.new_str(codec.name()),
        vm.new_bytes(data),
        vm.new_int(start as i64),
        vm.new_int(end as i64),
        vm.new_str(reason),
    ];
    let ty = vm.types.unicode_decode_error.clone();
    vm.new_exception_args(&ty, args)
}

fn encode_error(
    vm: &mut Vm,
    codec: Codec,
    text: &str,
    start: usize,
    end: usize,
    reason: &str,
) -> Value {
    let args = vec![
        vm.new_str(codec.name()),
        vm.new_str(text),
        vm.new_int(start as i64),
        vm.new_int(end as i64),
        vm.new_str(reason),
    ];
    let ty = vm.types.unicode_encode_error.clone();
    vm.new_exception_args(&ty, args)
}

/// `str()` of a `UnicodeDecodeError`/`UnicodeEncodeError` made from its five
/// arguments, as CPython words it; `None` when the arguments are not that shape.
pub fn unicode_error_message(decode: bool, args: &[Value]) -> Option<String> {
    let [encoding, object, start, end, reason] = args else {
        return None;
    };
    let (encoding, reason) = (encoding.as_str()?, reason.as_str()?);
    let (start, end) = (start.as_int()?, end.as_int()?);
    let start_u = usize::try_from(start).ok()?;
    if decode {
        let data = object.as_bytes()?;
        if end == start + 1 {
            let byte = data.get(start_u)?;
            return Some(format!(
                "'{encoding}' codec can't decode byte 0x{byte:02x} in position {start}: {reason}"
            ));
        }
        return Some(format!(
            "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        ));
    }
    let text = object.as_str()?;
    if end == start + 1 {
        let c = text.chars().nth(start_u)?;
        return Some(format!(
            "'{encoding}' codec can't encode character {} in position {start}: {reason}",
            char_escape(c)
        ));
    }
    Some(format!(
        "'{encoding}' codec can't encode characters in position {start}-{}: {reason}",
        end - 1
    ))
}

/// The `encoding`, `object`, `start`, `end` and `reason` attributes of a Unicode
/// error (its arguments, in that order).
pub fn unicode_error_attr(args: &[Value], name: &str) -> Option<Value> {
    let i = ["encoding", "object", "start", "end", "reason"]
        .iter()
        .position(|n| *n == name)?;
    (args.len() == 5).then(|| args[i].clone())
}

/// Decodes `data`; `errors` names the error handler.
pub fn decode(vm: &mut Vm, data: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    match codec {
        Codec::Latin1 => Ok(data.iter().map(|&b| b as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                    continue;
                }
                match handler(vm, errors) {
                    Ok(Handler::Ignore) => {}
                    Ok(Handler::Replace) => out.push('\u{fffd}'),
                    Ok(Handler::Strict) => {
                        return Err(decode_error(
                            vm,
                            codec,
                            data,
                            i,
                            i + 1,
                            "ordinal not in range(128)",
                        ))
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(data.len());
            let mut pos = 0;
            loop {
                match std::str::from_utf8(&data[pos..]) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&data[pos..pos + good]).unwrap_or(""));
                        let start = pos + good;
                        // Rust reports the maximal invalid subpart, which is the range
                        // CPython's decoder reports too.
                        let (end, reason) = match e.error_len() {
                            None => (data.len(), "unexpected end of data"),
                            Some(n) => {
                                let first = data[start];
                                let bad_start = !(0xc2..=0xf4).contains(&first);
                                let reason = if bad_start {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                (start + n, reason)
                            }
                        };
                        match handler(vm, errors)? {
                            Handler::Strict => {
                                return Err(decode_error(vm, codec, data, start, end, reason))
                            }
                            Handler::Ignore => {}
                            Handler::Replace => out.push('\u{fffd}'),
                        }
                        pos = end;
                    }
                }
            }
        }
    }
}

/// `'\xe9'`, `'\u20ac'` or `'\U0001f600'`: how CPython names a character it cannot
/// encode.
fn char_escape(c: char) -> String {
    let u = c as u32;
    if u < 0x100 {
        format!("'\\x{u:02x}'")
    } else if u < 0x10000 {
        format!("'\\u{u:04x}'")
    } else {
        format!("'\\U{u:08x}'")
    }
}

/// Encodes `text`; `errors` names the error handler.
pub fn encode(vm: &mut Vm, text: &str, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    let limit: u32 = match codec {
        Codec::Utf8 => return Ok(text.as_bytes().to_vec()),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if u32::from(c) < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        // A strict error covers the whole run of unencodable characters.
        let mut end = i + 1;
        while end < chars.len() && (chars[end] as u32) >= limit {
            end += 1;
        }
        match handler(vm, errors)? {
            Handler::Ignore => {}
            Handler::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
            Handler::Strict => {
                let reason = format!("ordinal not in range({limit})");
                return Err(encode_error(vm, codec, text, i, end, &reason));
            }
        }
        i = end;
    }
    Ok(out)
}

/// The `encoding` and `errors` arguments of `decode`/`encode` (positional from index
/// `first`, or by keyword), checked to be strs.
pub fn codec_args(
    vm: &mut Vm,
    method: &str,
    args: &[Value],
    kwnames: &[Value],
    first: usize,
) -> PyResult<(String, String)> {
    let npos = args.len() - kwnames.len();
    let max = first + 2;
    if npos > max {
        let msg = format!(
            "{method}() takes at most 2 arguments ({} given)",
            npos - first
        );
        return Err(vm.type_error(&msg));
    }
    let mut vals: [Option<Value>; 2] = [
        args.get(first).filter(|_| npos > first).cloned(),
        args.get(first + 1).filter(|_| npos > first + 1).cloned(),
    ];
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let idx = match k.as_str() {
            Some("encoding") => 0,
            Some("errors") => 1,
            other => {
                let msg = format!(
                    "{method}() got an unexpected keyword argument '{}'",
                    other.unwrap_or("?")
                );
                return Err(vm.type_error(&msg));
            }
        };
        vals[idx] = Some(v.clone());
    }
    let mut out = [String::from("utf-8"), String::from("strict")];
    for (i, (name, v)) in ["encoding", "errors"].iter().zip(vals).enumerate() {
        if let Some(v) = v {
            match v.as_str() {
                Some(s) => out[i] = s.to_string(),
                None => {
                    let msg = format!(
                        "{method}() argument '{name}' must be str, not {}",
                        vm.type_name(&v)
                    );
                    return Err(vm.type_error(&msg));
                }
            }
        }
    }
    let [encoding, errors] = out;
    Ok((encoding, errors))
}
