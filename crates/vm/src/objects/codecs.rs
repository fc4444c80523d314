//! The text codecs behind `bytes.decode`, `str.encode` and `bytes(str, encoding)`:
//! UTF-8, ASCII and Latin-1 with the `strict`, `ignore`, `replace`,
//! `surrogateescape` and `surrogatepass` error handlers, CPython's encoding-name
//! normalisation and aliases, and its
//! `UnicodeDecodeError`/`UnicodeEncodeError`/`LookupError` messages.

use crate::interp::Vm;
use crate::objects::text::{is_surrogate, StrBuilder};
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
    /// Undecodable bytes `0x80..=0xff` become U+DC80..U+DCFF, and back (PEP 383).
    SurrogateEscape,
    /// UTF-8 only: surrogates are encoded and decoded like other code points.
    SurrogatePass,
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
        "surrogateescape" => Ok(Handler::SurrogateEscape),
        "surrogatepass" => Ok(Handler::SurrogatePass),
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
    text: &Value,
    start: usize,
    end: usize,
    reason: &str,
) -> Value {
    let args = vec![
        vm.new_str(codec.name()),
        text.clone(),
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
    let text = object.as_pystr()?;
    if end == start + 1 {
        let c = text.code_point_at(start_u)?;
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
pub fn decode(vm: &mut Vm, data: &[u8], codec: Codec, errors: &str) -> PyResult<StrBuilder> {
    let mut out = StrBuilder::with_capacity(data.len());
    match codec {
        Codec::Latin1 => {
            for &b in data {
                out.push_code_point(u32::from(b));
            }
        }
        Codec::Ascii => {
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push_code_point(u32::from(b));
                    continue;
                }
                match handler(vm, errors)? {
                    Handler::Ignore => {}
                    Handler::Replace => out.push_code_point(0xfffd),
                    Handler::SurrogateEscape => out.push_code_point(0xdc00 + u32::from(b)),
                    Handler::Strict | Handler::SurrogatePass => {
                        let reason = "ordinal not in range(128)";
                        return Err(decode_error(vm, codec, data, i, i + 1, reason));
                    }
                }
            }
        }
        Codec::Utf8 => {
            let mut pos = 0;
            loop {
                let e = match std::str::from_utf8(&data[pos..]) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => e,
                };
                let good = e.valid_up_to();
                out.push_text(&data[pos..pos + good]);
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
                let surrogate = match data.get(start..start + 3) {
                    Some(&[0xed, b1, b2]) if (0xa0..=0xbf).contains(&b1) && b2 & 0xc0 == 0x80 => {
                        Some(crate::objects::text::decode_at(data, start).0)
                    }
                    _ => None,
                };
                match (handler(vm, errors)?, surrogate) {
                    (Handler::SurrogatePass, Some(cp)) => {
                        out.push_code_point(cp);
                        pos = start + 3;
                        continue;
                    }
                    (Handler::Strict | Handler::SurrogatePass, _) => {
                        return Err(decode_error(vm, codec, data, start, end, reason))
                    }
                    (Handler::Ignore, _) => {}
                    (Handler::Replace, _) => out.push_code_point(0xfffd),
                    (Handler::SurrogateEscape, _) => {
                        // An invalid subpart never holds an ASCII byte.
                        for &b in &data[start..end] {
                            out.push_code_point(0xdc00 + u32::from(b));
                        }
                    }
                }
                pos = end;
            }
        }
    }
    Ok(out)
}

/// `'\xe9'`, `'\u20ac'`, `'\ud800'` or `'\U0001f600'`: how CPython names a
/// character it cannot encode.
fn char_escape(u: u32) -> String {
    if u < 0x100 {
        format!("'\\x{u:02x}'")
    } else if u < 0x10000 {
        format!("'\\u{u:04x}'")
    } else {
        format!("'\\U{u:08x}'")
    }
}

/// Encodes the str `text`; `errors` names the error handler.
pub fn encode(vm: &mut Vm, text: &Value, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    let Some(s) = text.as_pystr() else {
        return Ok(Vec::new());
    };
    if codec == Codec::Utf8 && !s.has_surrogates() {
        return Ok(s.as_bytes().to_vec());
    }
    let (limit, reason) = match codec {
        // UTF-8 encodes every code point but the surrogates.
        Codec::Utf8 => (0x110000, "surrogates not allowed".to_string()),
        Codec::Ascii => (0x80, "ordinal not in range(128)".to_string()),
        Codec::Latin1 => (0x100, "ordinal not in range(256)".to_string()),
    };
    let bad = |cp: u32| cp >= limit || (codec == Codec::Utf8 && is_surrogate(cp));
    let cps: Vec<u32> = s.code_points().collect();
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if !bad(c) {
            match codec {
                Codec::Utf8 => crate::objects::text::push_code_point(&mut out, c),
                _ => out.push(c as u8),
            }
            i += 1;
            continue;
        }
        // An error covers the whole run of unencodable characters, as in CPython.
        let mut end = i + 1;
        while end < cps.len() && bad(cps[end]) {
            end += 1;
        }
        let run = &cps[i..end];
        match handler(vm, errors)? {
            Handler::Ignore => {}
            Handler::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
            Handler::SurrogatePass
                if codec == Codec::Utf8 && run.iter().all(|&c| is_surrogate(c)) =>
            {
                for &c in run {
                    crate::objects::text::push_code_point(&mut out, c);
                }
            }
            Handler::SurrogateEscape if run.iter().all(|c| (0xdc80..=0xdcff).contains(c)) => {
                out.extend(run.iter().map(|&c| (c - 0xdc00) as u8));
            }
            _ => return Err(encode_error(vm, codec, text, i, end, &reason)),
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
            // A name with a lone surrogate fails to encode, as in CPython.
            match v.as_pystr() {
                Some(_) => out[i] = vm.utf8_text(&v)?,
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
