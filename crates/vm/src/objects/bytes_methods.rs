//! The `bytes` methods other than `decode`: searching, splitting, stripping,
//! padding, ASCII case mapping and classification, `hex`/`fromhex`, with CPython's
//! argument handling and error messages (each family of CPython's argument parsers
//! words its errors differently, see `Params`).
//!
//! Every method also serves `bytearray`: the receiver is a byte slice from either
//! type (see `Recv`), and results that CPython gives in the receiver's type are made
//! by `Recv::make`; bytes-like arguments may be of either type.

use std::borrow::Cow;

use crate::builtins::constructors::index_arg;
use crate::interp::Vm;
use crate::objects::int::{int_ref, IntRef};
use crate::value::Value;
use crate::PyResult;

/// How a method takes its arguments, which decides the wording of its errors.
#[derive(Clone, Copy)]
enum Params {
    /// No arguments: "bytes.upper() takes no arguments (1 given)".
    None,
    /// Exactly one positional: "bytes.join() takes exactly one argument (0 given)".
    One,
    /// Positional only, checked by count: "strip expected at most 1 argument, got 2".
    Counted(usize, usize),
    /// Positional only, tuple-style: "find() takes at least 1 argument (0 given)".
    Tuple(usize, usize),
    /// Positional or keyword, all optional, with these names.
    Named(&'static [&'static str]),
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A method's receiver: a bytes object's data (borrowed) or a snapshot of a
/// bytearray's, and which of the two it is.
struct Recv<'a> {
    data: Cow<'a, [u8]>,
    array: bool,
}

impl Recv<'_> {
    /// The receiver's type name, for error messages.
    fn type_name(&self) -> &'static str {
        if self.array {
            "bytearray"
        } else {
            "bytes"
        }
    }

    /// A new object of the receiver's type holding `data`.
    fn make(&self, vm: &mut Vm, data: &[u8]) -> Value {
        if self.array {
            vm.new_bytearray(data.to_vec())
        } else {
            vm.new_bytes(data)
        }
    }

    fn make_list(&self, vm: &mut Vm, pieces: &[&[u8]]) -> Value {
        let items = pieces.iter().map(|p| self.make(vm, p)).collect();
        vm.new_list(items)
    }
}

/// The receiver's data, or CPython's TypeError for a missing or foreign receiver.
fn receiver<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<Recv<'a>> {
    match args.first() {
        None => {
            let msg = format!("unbound method bytes.{name}() needs an argument");
            Err(vm.type_error(&msg))
        }
        Some(v) => match v.bytes_like() {
            Some(data) => Ok(Recv {
                data,
                array: v.as_bytearray().is_some(),
            }),
            None => {
                let msg = format!(
                    "descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object",
                    vm.type_name(v)
                );
                Err(vm.type_error(&msg))
            }
        },
    }
}

/// The receiver and one slot per parameter (absent arguments are `None`).
fn parse<'a>(
    vm: &mut Vm,
    args: &'a [Value],
    kwnames: &[Value],
    name: &str,
    params: Params,
) -> PyResult<(Recv<'a>, Vec<Option<Value>>)> {
    let this = receiver(vm, args, name)?;
    let tn = this.type_name();
    let npos = args.len() - kwnames.len() - 1;
    let pos = &args[1..1 + npos];
    let kwvals = &args[1 + npos..];
    let (min, max) = match params {
        Params::None => (0, 0),
        Params::One => (1, 1),
        Params::Counted(lo, hi) | Params::Tuple(lo, hi) => (lo, hi),
        Params::Named(names) => (0, names.len()),
    };
    let mut slots: Vec<Option<Value>> = vec![None; max];
    if let Params::Named(names) = params {
        let given = npos + kwnames.len();
        if given > max {
            let msg = format!(
                "{name}() takes at most {max} argument{} ({given} given)",
                plural(max)
            );
            return Err(vm.type_error(&msg));
        }
        for (slot, v) in slots.iter_mut().zip(pos) {
            *slot = Some(v.clone());
        }
        for (k, v) in kwnames.iter().zip(kwvals) {
            let key = k.as_str().unwrap_or("");
            match names.iter().position(|n| *n == key) {
                Some(i) if i < npos => {
                    let msg = format!(
                        "argument for {name}() given by name ('{key}') and position ({})",
                        i + 1
                    );
                    return Err(vm.type_error(&msg));
                }
                Some(i) => slots[i] = Some(v.clone()),
                None => {
                    let msg = format!("'{key}' is an invalid keyword argument for {name}()");
                    return Err(vm.type_error(&msg));
                }
            }
        }
        return Ok((this, slots));
    }
    if !kwnames.is_empty() {
        let msg = format!("{tn}.{name}() takes no keyword arguments");
        return Err(vm.type_error(&msg));
    }
    if npos < min || npos > max {
        let msg = match params {
            Params::None => format!("{tn}.{name}() takes no arguments ({npos} given)"),
            Params::One => format!("{tn}.{name}() takes exactly one argument ({npos} given)"),
            Params::Counted(..) if npos < min => {
                format!(
                    "{name} expected at least {min} argument{}, got {npos}",
                    plural(min)
                )
            }
            Params::Counted(..) => {
                format!(
                    "{name} expected at most {max} argument{}, got {npos}",
                    plural(max)
                )
            }
            _ if npos < min => format!(
                "{name}() takes at least {min} argument{} ({npos} given)",
                plural(min)
            ),
            _ => format!(
                "{name}() takes at most {max} argument{} ({npos} given)",
                plural(max)
            ),
        };
        return Err(vm.type_error(&msg));
    }
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    Ok((this, slots))
}

/// A C `int` argument.
fn c_int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let too_large = match int_ref(v) {
        Some(IntRef::Big(_)) => true,
        Some(IntRef::Small(i)) => i32::try_from(i).is_err(),
        None => false,
    };
    if too_large {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let i = index_arg(vm, v)?;
    if i32::try_from(i).is_err() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    Ok(i)
}

/// A bytes-like argument, or "a bytes-like object is required, not 'str'".
fn bytes_arg<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<Cow<'a, [u8]>> {
    match v.bytes_like() {
        Some(b) => Ok(b),
        None => {
            let msg = format!("a bytes-like object is required, not '{}'", vm.type_name(v));
            Err(vm.type_error(&msg))
        }
    }
}

/// A start/end bound of a search: absent or None is `None`; huge ints saturate.
fn slice_bound(vm: &mut Vm, v: &Option<Value>) -> PyResult<Option<i64>> {
    let Some(v) = v.as_ref().filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    match int_ref(v) {
        Some(IntRef::Small(i)) => return Ok(Some(i)),
        Some(big) => {
            return Ok(Some(if big.to_f64() < 0.0 {
                i64::MIN
            } else {
                i64::MAX
            }));
        }
        None => {}
    }
    match vm.to_i64(v) {
        Ok(Some(i)) => Ok(Some(i)),
        Ok(None) => {
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
        Err(e) => Err(e),
    }
}

/// CPython's `ADJUST_INDICES`: negative bounds count from the end, then both are
/// clamped to `0..=len` (start may still exceed end or len).
fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    let mut start = start.unwrap_or(0);
    if end > len {
        end = len;
    } else if end < 0 {
        end = end.saturating_add(len).max(0);
    }
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    (start, end)
}

/// The needle of `find`/`count`/`index`: bytes, or an int naming one byte.
fn needle_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = v.bytes_like() {
        return Ok(b.into_owned());
    }
    let i = match int_ref(v) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(_)) => -1,
        None => match vm.to_i64(v)? {
            Some(i) => i,
            None => {
                let msg = format!(
                    "argument should be integer or bytes-like object, not '{}'",
                    vm.type_name(v)
                );
                return Err(vm.type_error(&msg));
            }
        },
    };
    match u8::try_from(i) {
        Ok(b) => Ok(vec![b]),
        Err(_) => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The first occurrence of a non-empty `needle` in `hay`.
fn find_first(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .find(|&i| hay[i] == first && &hay[i + 1..i + needle.len()] == rest)
}

/// The last occurrence of a non-empty `needle` in `hay`.
fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i] == first && &hay[i + 1..i + needle.len()] == rest)
}

// ---- hex / fromhex ----

pub fn b_hex(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (recv, a) = parse(
        vm,
        args,
        kwnames,
        "hex",
        Params::Named(&["sep", "bytes_per_sep"]),
    )?;
    let this: &[u8] = &recv.data;
    let per = match &a[1] {
        Some(v) => c_int_arg(vm, v)?,
        None => 1,
    };
    let sep = match &a[0] {
        None => None,
        Some(v) => {
            let (len, first) = if let Some(s) = v.as_pystr() {
                (s.char_len(), s.code_points().next())
            } else if let Some(b) = v.as_bytes() {
                (b.len(), b.first().map(|&c| u32::from(c)))
            } else {
                (vm.len(v)?, None)
            };
            if len != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            let Some(c) = first else {
                return Err(vm.type_error("sep must be str or bytes."));
            };
            if c > 127 {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(c as u8 as char)
        }
    };
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(this.len() * 3);
    let group = per.unsigned_abs() as usize;
    let n = this.len();
    for (i, &b) in this.iter().enumerate() {
        if let Some(sep) = sep {
            // Positive counts group from the right, negative from the left.
            let boundary = if per > 0 {
                (n - i).is_multiple_of(group)
            } else {
                group != 0 && i % group == 0
            };
            if i > 0 && group != 0 && boundary {
                out.push(sep);
            }
        }
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    Ok(vm.new_str(&out))
}

/// `bytes.fromhex(string)`: reached unbound through the class (`args` holds just the
/// string) or bound through an instance (the receiver comes first).
pub fn b_fromhex(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(vm.type_error("bytes.fromhex() takes no keyword arguments"));
    }
    let args = if args.len() >= 2 && args[0].bytes_like().is_some() {
        &args[1..]
    } else {
        args
    };
    if args.len() != 1 {
        let msg = format!(
            "bytes.fromhex() takes exactly one argument ({} given)",
            args.len()
        );
        return Err(vm.type_error(&msg));
    }
    let Some(s) = args[0].as_pystr() else {
        let msg = format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(&args[0])
        );
        return Err(vm.type_error(&msg));
    };
    let bad = |vm: &mut Vm, at: usize| -> Value {
        let msg = format!("non-hexadecimal number found in fromhex() arg at position {at}");
        vm.value_error(&msg)
    };
    if !s.is_ascii() {
        // Any non-ASCII text is reported at its first non-ASCII character.
        let at = s.code_points().position(|c| c > 127).unwrap_or(0);
        return Err(bad(vm, at));
    }
    let text = s.as_bytes();
    let digit = |c: Option<&u8>| c.and_then(|&c| (c as char).to_digit(16));
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut i = 0;
    while i < text.len() {
        if is_space(text[i]) {
            i += 1;
            continue;
        }
        let Some(hi) = digit(text.get(i)) else {
            return Err(bad(vm, i));
        };
        let Some(lo) = digit(text.get(i + 1)) else {
            return Err(bad(vm, i + 1));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(vm.new_bytes(&out))
}

// ---- split / rsplit / splitlines / partition ----

fn split_impl(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, name, Params::Named(&["sep", "maxsplit"]))?;
    let this: &[u8] = &recv.data;
    let maxsplit = match &a[1] {
        Some(v) => index_arg(vm, v)?,
        None => -1,
    };
    let limit = usize::try_from(maxsplit).unwrap_or(usize::MAX);
    let right = name == "rsplit";
    let mut pieces: Vec<&[u8]> = Vec::new();
    match a[0].as_ref().filter(|v| !v.is_none()) {
        Some(v) => {
            let sep = bytes_arg(vm, v)?;
            let sep: &[u8] = &sep;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut rest = this;
            while pieces.len() < limit {
                let hit = if right {
                    find_last(rest, sep)
                } else {
                    find_first(rest, sep)
                };
                let Some(at) = hit else { break };
                if right {
                    pieces.push(&rest[at + sep.len()..]);
                    rest = &rest[..at];
                } else {
                    pieces.push(&rest[..at]);
                    rest = &rest[at + sep.len()..];
                }
            }
            pieces.push(rest);
            if right {
                pieces.reverse();
            }
            let out = recv.make_list(vm, &pieces);
            return Ok(out);
        }
        None if right => {
            let mut rest = this;
            loop {
                let end = rest
                    .iter()
                    .rposition(|&c| !is_space(c))
                    .map_or(0, |i| i + 1);
                rest = &rest[..end];
                if rest.is_empty() {
                    break;
                }
                if pieces.len() == limit {
                    pieces.push(rest);
                    break;
                }
                let start = rest.iter().rposition(|&c| is_space(c)).map_or(0, |i| i + 1);
                pieces.push(&rest[start..]);
                rest = &rest[..start];
            }
            pieces.reverse();
        }
        None => {
            let mut rest = this;
            loop {
                let start = rest
                    .iter()
                    .position(|&c| !is_space(c))
                    .unwrap_or(rest.len());
                rest = &rest[start..];
                if rest.is_empty() {
                    break;
                }
                if pieces.len() == limit {
                    pieces.push(rest);
                    break;
                }
                let end = rest.iter().position(|&c| is_space(c)).unwrap_or(rest.len());
                pieces.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    Ok(recv.make_list(vm, &pieces))
}

pub fn b_split(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    split_impl(vm, args, kwnames, "split")
}

pub fn b_rsplit(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    split_impl(vm, args, kwnames, "rsplit")
}

pub fn b_splitlines(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (recv, a) = parse(
        vm,
        args,
        kwnames,
        "splitlines",
        Params::Named(&["keepends"]),
    )?;
    let this: &[u8] = &recv.data;
    let keepends = match &a[0] {
        Some(v) => c_int_arg(vm, v)? != 0,
        None => false,
    };
    let mut pieces: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < this.len() {
        let eol = match this[i] {
            b'\r' if this.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = if keepends { i + eol } else { i };
        pieces.push(&this[start..end]);
        i += eol;
        start = i;
    }
    if start < this.len() {
        pieces.push(&this[start..]);
    }
    Ok(recv.make_list(vm, &pieces))
}

fn partition_impl(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, name, Params::One)?;
    let this: &[u8] = &recv.data;
    let sep_v = a[0].clone().unwrap_or(Value::NONE);
    let sep = bytes_arg(vm, &sep_v)?;
    let sep: &[u8] = &sep;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let right = name == "rpartition";
    let hit = if right {
        find_last(this, sep)
    } else {
        find_first(this, sep)
    };
    let parts: [&[u8]; 3] = match hit {
        Some(at) => [&this[..at], sep, &this[at + sep.len()..]],
        None if right => [b"", b"", this],
        None => [this, b"", b""],
    };
    let items = parts.iter().map(|p| recv.make(vm, p)).collect();
    Ok(vm.new_tuple(items))
}

pub fn b_partition(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    partition_impl(vm, args, kwnames, "partition")
}

pub fn b_rpartition(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    partition_impl(vm, args, kwnames, "rpartition")
}

// ---- strip / join / replace / removeprefix / removesuffix ----

fn strip_impl(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, name, Params::Counted(0, 1))?;
    let this: &[u8] = &recv.data;
    let chars = match a[0].as_ref().filter(|v| !v.is_none()) {
        Some(v) => Some(bytes_arg(vm, v)?),
        None => None,
    };
    let strip = |c: &u8| match &chars {
        Some(set) => set.contains(c),
        None => is_space(*c),
    };
    let mut r = this;
    if name != "rstrip" {
        let start = r.iter().position(|c| !strip(c)).unwrap_or(r.len());
        r = &r[start..];
    }
    if name != "lstrip" {
        let end = r.iter().rposition(|c| !strip(c)).map_or(0, |i| i + 1);
        r = &r[..end];
    }
    Ok(recv.make(vm, r))
}

pub fn b_strip(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, kwnames, "strip")
}

pub fn b_lstrip(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, kwnames, "lstrip")
}

pub fn b_rstrip(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, kwnames, "rstrip")
}

pub fn b_join(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, "join", Params::One)?;
    let sep: &[u8] = &recv.data;
    let iterable = a[0].clone().unwrap_or(Value::NONE);
    let slots = vm.slots(&iterable);
    if slots.iter.is_none() && slots.getitem.is_none() {
        return Err(vm.type_error("can only join an iterable"));
    }
    let items = vm.collect_iterable(&iterable)?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(b) = item.bytes_like() else {
            let msg = format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(item)
            );
            return Err(vm.type_error(&msg));
        };
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(recv.make(vm, &out))
}

pub fn b_replace(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, "replace", Params::Counted(2, 3))?;
    let this: &[u8] = &recv.data;
    let (old_v, new_v) = (
        a[0].clone().unwrap_or(Value::NONE),
        a[1].clone().unwrap_or(Value::NONE),
    );
    let old = bytes_arg(vm, &old_v)?;
    let new = bytes_arg(vm, &new_v)?;
    let (old, new): (&[u8], &[u8]) = (&old, &new);
    let count = match &a[2] {
        Some(v) => index_arg(vm, v)?,
        None => -1,
    };
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(this.len());
    let mut done = 0;
    if old.is_empty() {
        // `new` before every byte and at the end, `count` times at most.
        for &b in this {
            if done < limit {
                out.extend_from_slice(new);
                done += 1;
            }
            out.push(b);
        }
        if done < limit {
            out.extend_from_slice(new);
        }
        return Ok(recv.make(vm, &out));
    }
    let mut rest = this;
    while done < limit {
        let Some(at) = find_first(rest, old) else {
            break;
        };
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(new);
        rest = &rest[at + old.len()..];
        done += 1;
    }
    out.extend_from_slice(rest);
    Ok(recv.make(vm, &out))
}

fn remove_affix(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, name, Params::One)?;
    let this: &[u8] = &recv.data;
    let v = a[0].clone().unwrap_or(Value::NONE);
    let affix = bytes_arg(vm, &v)?;
    let affix: &[u8] = &affix;
    let r = if name == "removeprefix" {
        this.strip_prefix(affix)
    } else {
        this.strip_suffix(affix)
    };
    Ok(recv.make(vm, r.unwrap_or(this)))
}

pub fn b_removeprefix(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    remove_affix(vm, args, kwnames, "removeprefix")
}

pub fn b_removesuffix(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    remove_affix(vm, args, kwnames, "removesuffix")
}

// ---- find / rfind / index / rindex / count / startswith / endswith ----

/// The needle and the adjusted `(start, end)` window of a search method.
fn search_args(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    name: &str,
) -> PyResult<(Vec<u8>, i64, i64, Vec<u8>)> {
    let (recv, a) = parse(vm, args, kwnames, name, Params::Tuple(1, 3))?;
    let len = recv.data.len();
    let needle_v = a[0].clone().unwrap_or(Value::NONE);
    let needle = needle_arg(vm, &needle_v)?;
    let start = slice_bound(vm, &a[1])?;
    let end = slice_bound(vm, &a[2])?;
    let (start, end) = adjust(start, end, len);
    Ok((needle, start, end, recv.data.into_owned()))
}

/// The index of the first (or last) occurrence within the window.
fn find_impl(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    name: &str,
    last: bool,
) -> PyResult<Option<i64>> {
    let (needle, start, end, this) = search_args(vm, args, kwnames, name)?;
    if end - start < needle.len() as i64 {
        return Ok(None);
    }
    if needle.is_empty() {
        return Ok(Some(if last { end } else { start }));
    }
    let hay = &this[start as usize..end as usize];
    let hit = if last {
        find_last(hay, &needle)
    } else {
        find_first(hay, &needle)
    };
    Ok(hit.map(|i| start + i as i64))
}

pub fn b_find(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let r = find_impl(vm, args, kwnames, "find", false)?;
    Ok(vm.new_int(r.unwrap_or(-1)))
}

pub fn b_rfind(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let r = find_impl(vm, args, kwnames, "rfind", true)?;
    Ok(vm.new_int(r.unwrap_or(-1)))
}

pub fn b_index(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    match find_impl(vm, args, kwnames, "index", false)? {
        Some(i) => Ok(vm.new_int(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}

pub fn b_rindex(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    match find_impl(vm, args, kwnames, "rindex", true)? {
        Some(i) => Ok(vm.new_int(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}

pub fn b_count(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (needle, start, end, this) = search_args(vm, args, kwnames, "count")?;
    if end < start {
        return Ok(vm.new_int(0));
    }
    if needle.is_empty() {
        return Ok(vm.new_int(end - start + 1));
    }
    let mut rest = &this[start as usize..end as usize];
    let mut n = 0;
    while let Some(at) = find_first(rest, &needle) {
        n += 1;
        rest = &rest[at + needle.len()..];
    }
    Ok(vm.new_int(n))
}

fn affix_impl(vm: &mut Vm, args: &[Value], kwnames: &[Value], name: &str) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, name, Params::Tuple(1, 3))?;
    let this: &[u8] = &recv.data;
    let arg = a[0].clone().unwrap_or(Value::NONE);
    let start = slice_bound(vm, &a[1])?;
    let end = slice_bound(vm, &a[2])?;
    let (start, end) = adjust(start, end, this.len());
    let candidates: Vec<Value> = match arg.as_tuple() {
        Some(t) => t.to_vec(),
        None if arg.bytes_like().is_some() => vec![arg.clone()],
        None => {
            let msg = format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                vm.type_name(&arg)
            );
            return Err(vm.type_error(&msg));
        }
    };
    let len = this.len() as i64;
    for c in &candidates {
        let affix = bytes_arg(vm, c)?;
        let affix: &[u8] = &affix;
        let n = affix.len() as i64;
        let hit = if start > len || end - start < n {
            false
        } else {
            let window = &this[start as usize..end as usize];
            if name == "startswith" {
                window.starts_with(affix)
            } else {
                window.ends_with(affix)
            }
        };
        if hit {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

pub fn b_startswith(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    affix_impl(vm, args, kwnames, "startswith")
}

pub fn b_endswith(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    affix_impl(vm, args, kwnames, "endswith")
}

// ---- ASCII case mapping and classification ----

fn map_impl(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    name: &str,
    f: fn(&[u8]) -> Vec<u8>,
) -> PyResult<Value> {
    let (recv, _) = parse(vm, args, kwnames, name, Params::None)?;
    let out = f(&recv.data);
    Ok(recv.make(vm, &out))
}

pub fn b_upper(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    map_impl(vm, args, kwnames, "upper", <[u8]>::to_ascii_uppercase)
}

pub fn b_lower(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    map_impl(vm, args, kwnames, "lower", <[u8]>::to_ascii_lowercase)
}

pub fn b_swapcase(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    map_impl(vm, args, kwnames, "swapcase", |s| {
        s.iter()
            .map(|&c| if c.is_ascii_alphabetic() { c ^ 0x20 } else { c })
            .collect()
    })
}

pub fn b_capitalize(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    map_impl(vm, args, kwnames, "capitalize", |s| {
        let mut out = s.to_ascii_lowercase();
        if let Some(c) = out.first_mut() {
            c.make_ascii_uppercase();
        }
        out
    })
}

pub fn b_title(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    map_impl(vm, args, kwnames, "title", |s| {
        let mut prev_cased = false;
        s.iter()
            .map(|&c| {
                let r = if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
                prev_cased = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

fn test_impl(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    name: &str,
    f: fn(&[u8]) -> bool,
) -> PyResult<Value> {
    let (recv, _) = parse(vm, args, kwnames, name, Params::None)?;
    Ok(Value::bool(f(&recv.data)))
}

fn all_nonempty(s: &[u8], f: fn(&u8) -> bool) -> bool {
    !s.is_empty() && s.iter().all(f)
}

pub fn b_isdigit(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "isdigit", |s| {
        all_nonempty(s, u8::is_ascii_digit)
    })
}

pub fn b_isalpha(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "isalpha", |s| {
        all_nonempty(s, u8::is_ascii_alphabetic)
    })
}

pub fn b_isalnum(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "isalnum", |s| {
        all_nonempty(s, u8::is_ascii_alphanumeric)
    })
}

pub fn b_isspace(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "isspace", |s| {
        all_nonempty(s, |c| is_space(*c))
    })
}

pub fn b_isascii(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "isascii", <[u8]>::is_ascii)
}

pub fn b_isupper(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "isupper", |s| {
        s.iter().any(u8::is_ascii_uppercase) && !s.iter().any(u8::is_ascii_lowercase)
    })
}

pub fn b_islower(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "islower", |s| {
        s.iter().any(u8::is_ascii_lowercase) && !s.iter().any(u8::is_ascii_uppercase)
    })
}

pub fn b_istitle(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    test_impl(vm, args, kwnames, "istitle", |s| {
        // Uppercase only after uncased bytes, lowercase only after cased ones, and
        // at least one cased byte.
        let (mut cased, mut prev_cased) = (false, false);
        for &c in s {
            if c.is_ascii_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else if c.is_ascii_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        cased
    })
}

// ---- padding: zfill / center / ljust / rjust / expandtabs ----

/// `this` padded to `width` with `left` and the rest of the fill on the right.
fn padded(vm: &mut Vm, recv: &Recv, width: i64, fill: u8, align: u8) -> PyResult<Value> {
    let this: &[u8] = &recv.data;
    let len = this.len() as i64;
    if width <= len {
        return Ok(recv.make(vm, this));
    }
    let pad = vm.check_repeat(1, width - len)?;
    let left = match align {
        b'<' => 0,
        b'>' => pad,
        // The odd extra byte goes left when the width is odd too.
        _ => pad / 2 + (pad & width as usize & 1),
    };
    let mut out = Vec::with_capacity(this.len() + pad);
    out.resize(left, fill);
    out.extend_from_slice(this);
    out.resize(this.len() + pad, fill);
    Ok(recv.make(vm, &out))
}

fn just_impl(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    name: &str,
    align: u8,
) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, name, Params::Counted(1, 2))?;
    let width_v = a[0].clone().unwrap_or(Value::NONE);
    let width = index_arg(vm, &width_v)?;
    let fill = match &a[1] {
        None => b' ',
        Some(v) => match v.bytes_like().as_deref() {
            Some(&[b]) => b,
            _ => {
                let msg = format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    vm.type_name(v)
                );
                return Err(vm.type_error(&msg));
            }
        },
    };
    padded(vm, &recv, width, fill, align)
}

pub fn b_center(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    just_impl(vm, args, kwnames, "center", b'^')
}

pub fn b_ljust(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    just_impl(vm, args, kwnames, "ljust", b'<')
}

pub fn b_rjust(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    just_impl(vm, args, kwnames, "rjust", b'>')
}

pub fn b_zfill(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, "zfill", Params::One)?;
    let this: &[u8] = &recv.data;
    let width_v = a[0].clone().unwrap_or(Value::NONE);
    let width = index_arg(vm, &width_v)?;
    let len = this.len() as i64;
    if width <= len {
        return Ok(recv.make(vm, this));
    }
    let pad = vm.check_repeat(1, width - len)?;
    let mut out = vec![b'0'; pad];
    out.extend_from_slice(this);
    // A leading sign moves in front of the zeros.
    if let Some(&sign @ (b'+' | b'-')) = this.first() {
        out[0] = sign;
        out[pad] = b'0';
    }
    Ok(recv.make(vm, &out))
}

pub fn b_expandtabs(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (recv, a) = parse(vm, args, kwnames, "expandtabs", Params::Named(&["tabsize"]))?;
    let this: &[u8] = &recv.data;
    let tabsize = match &a[0] {
        Some(v) => c_int_arg(vm, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(this.len());
    let mut col: i64 = 0;
    for &c in this {
        match c {
            b'\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    let total = vm.check_repeat(1, (out.len() as i64).saturating_add(n))?;
                    out.resize(total, b' ');
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(recv.make(vm, &out))
}

/// The methods `bytes` and `bytearray` share: each reads its receiver as either type
/// and builds its result in the receiver's type.
pub const SHARED: &[(&str, crate::objects::NativeFn)] = &[
    ("hex", b_hex),
    ("split", b_split),
    ("rsplit", b_rsplit),
    ("splitlines", b_splitlines),
    ("partition", b_partition),
    ("rpartition", b_rpartition),
    ("strip", b_strip),
    ("lstrip", b_lstrip),
    ("rstrip", b_rstrip),
    ("join", b_join),
    ("replace", b_replace),
    ("removeprefix", b_removeprefix),
    ("removesuffix", b_removesuffix),
    ("find", b_find),
    ("rfind", b_rfind),
    ("index", b_index),
    ("rindex", b_rindex),
    ("count", b_count),
    ("startswith", b_startswith),
    ("endswith", b_endswith),
    ("upper", b_upper),
    ("lower", b_lower),
    ("swapcase", b_swapcase),
    ("capitalize", b_capitalize),
    ("title", b_title),
    ("isdigit", b_isdigit),
    ("isalpha", b_isalpha),
    ("isalnum", b_isalnum),
    ("isspace", b_isspace),
    ("isascii", b_isascii),
    ("isupper", b_isupper),
    ("islower", b_islower),
    ("istitle", b_istitle),
    ("center", b_center),
    ("ljust", b_ljust),
    ("rjust", b_rjust),
    ("zfill", b_zfill),
    ("expandtabs", b_expandtabs),
];
