//! `str`: immutable text of any code points (lone surrogates included) with a cached
//! hash; O(1) indexing for every str (directly for ASCII, through the sparse index of
//! `objects::text` otherwise); CPython's repr quoting, and the str methods.

use std::cell::Cell;
use std::ops::Range;

use crate::interp::Vm;
use crate::objects::slice::slice_positions;
use crate::objects::str_more;
use crate::objects::text::{self, CodePoints, StrBuilder};
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

/// Set in `PyStr::len_and_flag` when some code point is a lone surrogate.
const SURROGATES_BIT: usize = 1 << (usize::BITS - 1);

/// The fixed part of a str's payload; the generalized-UTF-8 bytes (see
/// `objects::text`) and, for a long non-ASCII str, its code-point index follow it
/// inline in the same allocation (see `heap::new_str_object`), so a `PyStr` exists
/// only inside a str object.
#[repr(C)]
pub struct PyStr {
    /// Cached `hash()`, `-1` until computed (a real hash is never -1).
    hash: Cell<i64>,
    char_len: usize,
    /// The byte length, with `SURROGATES_BIT` set when a surrogate is present (the
    /// flag shares the word so a str's fixed part stays 24 bytes).
    len_and_flag: usize,
}

impl PyStr {
    pub(crate) fn header_for(byte_len: usize, char_len: usize, surrogates: bool) -> PyStr {
        PyStr {
            hash: Cell::new(-1),
            char_len,
            len_and_flag: byte_len | if surrogates { SURROGATES_BIT } else { 0 },
        }
    }

    #[inline]
    pub(crate) fn byte_len(&self) -> usize {
        self.len_and_flag & !SURROGATES_BIT
    }

    /// Whether some code point is a lone surrogate (then there is no `&str` view).
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.len_and_flag & SURROGATES_BIT != 0
    }

    /// Entries of the code-point index after the bytes.
    #[inline]
    pub(crate) fn index_len(&self) -> usize {
        text::index_len(self.char_len, self.byte_len())
    }

    /// The generalized-UTF-8 bytes: `s.encode('utf-8', 'surrogatepass')`.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: a `PyStr` only exists as the payload of a str object.
        unsafe { crate::objects::heap::str_bytes(self, self.byte_len()) }
    }

    /// The text, unless it holds a lone surrogate (which no `&str` can).
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        if self.has_surrogates() {
            return None;
        }
        // SAFETY: every constructor checks that bytes without a surrogate are valid
        // UTF-8 (`Vm::new_str` copies a `&str`, `Vm::new_str_from_text` validates).
        Some(unsafe { std::str::from_utf8_unchecked(self.as_bytes()) })
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.len_and_flag
    }

    /// Python's `len`: the number of code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = if self.is_ascii() {
            hash_ascii(self.as_bytes())
        } else {
            hash_code_points(self.code_points())
        };
        self.hash.set(h);
        h
    }

    /// The code points, in order (O(n) for the whole walk).
    #[inline]
    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints::new(self.as_bytes())
    }

    /// Byte offset of code point `i` (`i <= char_len`), in O(1).
    #[inline]
    pub fn byte_offset(&self, i: usize) -> usize {
        if i >= self.char_len {
            return self.byte_len();
        }
        if self.is_ascii() {
            return i;
        }
        // SAFETY: a `PyStr` only exists as the payload of a str object.
        let index =
            unsafe { crate::objects::heap::str_index(self, self.byte_len(), self.index_len()) };
        text::byte_offset(self.as_bytes(), index, i)
    }

    /// The bytes of code points `range` (clamped to the str), in O(1).
    #[inline]
    pub fn slice_bytes(&self, range: Range<usize>) -> &[u8] {
        let (a, b) = (self.byte_offset(range.start), self.byte_offset(range.end));
        &self.as_bytes()[a..b.max(a)]
    }

    /// The `i`th code point, in O(1).
    #[inline]
    pub fn code_point_at(&self, i: usize) -> Option<u32> {
        if i >= self.char_len {
            return None;
        }
        if self.is_ascii() {
            return Some(u32::from(self.as_bytes()[i]));
        }
        Some(text::decode_at(self.as_bytes(), self.byte_offset(i)).0)
    }

    /// The `i`th character; `None` past the end or for a lone surrogate.
    pub fn char_at(&self, i: usize) -> Option<char> {
        self.code_point_at(i).and_then(char::from_u32)
    }

    /// Code-point index of byte offset `b` (a boundary), counting from byte 0.
    pub fn char_index_of(&self, b: usize) -> usize {
        if self.is_ascii() {
            b
        } else {
            text::count_code_points(&self.as_bytes()[..b])
        }
    }
}

/// SipHash-1-3 with a fixed key over CPython's 1/2/4-byte-per-char form, so hashes
/// (and set orders) are stable from run to run like `PYTHONHASHSEED=0`.
pub fn hash_str(s: &str) -> i64 {
    if s.is_ascii() {
        hash_ascii(s.as_bytes())
    } else {
        hash_code_points(s.chars().map(u32::from))
    }
}

/// [`hash_code_points`] of ASCII text: one byte per code point, so the bytes go to
/// the hasher in one write (the same stream as one write per code point).
fn hash_ascii(bytes: &[u8]) -> i64 {
    use std::hash::Hasher;
    if bytes.is_empty() {
        return 0;
    }
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    h.write(bytes);
    match h.finish() as i64 {
        -1 => -2,
        r => r,
    }
}

/// [`hash_str`] of any code points (a lone surrogate is one UCS-2 unit, as in
/// CPython's PEP 393 form).
pub fn hash_code_points(cps: impl Iterator<Item = u32> + Clone) -> i64 {
    use std::hash::Hasher;
    let max = match cps.clone().max() {
        None => return 0,
        Some(m) => m,
    };
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    if max < 0x100 {
        for c in cps {
            h.write_u8(c as u8);
        }
    } else if max < 0x10000 {
        for c in cps {
            h.write(&(c as u16).to_le_bytes());
        }
    } else {
        for c in cps {
            h.write(&c.to_le_bytes());
        }
    }
    let r = h.finish() as i64;
    if r == -1 {
        -2
    } else {
        r
    }
}

// `str.isprintable` per character and `repr(str)` are CPython's, from the shared
// `pyrepr` crate (its Unicode 14 table, not an approximation).
pub use pyrepr::{is_printable, str_repr as str_repr_string};

/// `repr()` of any str, lone surrogates escaped as CPython does (`'\ud800'`).
pub fn pystr_repr(s: &PyStr) -> String {
    match s.as_str() {
        Some(t) => str_repr_string(t),
        None => pyrepr::code_points_repr(s.code_points()),
    }
}

/// The text with each lone surrogate written `\udxxx`, as CPython's stderr
/// (`backslashreplace`) shows it: for messages about a str that has no `&str` view.
pub fn display_escaped(s: &PyStr) -> String {
    if let Some(t) = s.as_str() {
        return t.to_string();
    }
    let mut out = String::with_capacity(s.byte_len() + 8);
    for cp in s.code_points() {
        match char::from_u32(cp) {
            Some(c) => out.push(c),
            None => out.push_str(&format!("\\u{cp:04x}")),
        }
    }
    out
}

impl Vm {
    pub fn new_str(&mut self, s: &str) -> Value {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        crate::objects::heap::new_str_object(&self.types.str, s.as_bytes(), char_len, false)
    }

    /// A str of generalized-UTF-8 `bytes` (cut from other strs at code-point
    /// boundaries, or built by a `StrBuilder`).
    pub fn new_str_from_text(&mut self, bytes: &[u8]) -> Value {
        if bytes.is_ascii() {
            return crate::objects::heap::new_str_object(
                &self.types.str,
                bytes,
                bytes.len(),
                false,
            );
        }
        // Every caller passes text cut from strs or built from code points, so invalid
        // bytes would be a bug in Coil, never a Python error. Checking keeps
        // `PyStr::as_str` sound whatever the caller did; a bug degrades to U+FFFD
        // replacements rather than ending the process.
        match text::validate(bytes) {
            Some(surrogates) => {
                let char_len = text::count_code_points(bytes);
                crate::objects::heap::new_str_object(&self.types.str, bytes, char_len, surrogates)
            }
            None => {
                debug_assert!(false, "str bytes are not generalized UTF-8: {bytes:x?}");
                self.new_str(&String::from_utf8_lossy(bytes))
            }
        }
    }

    pub fn new_str_from_builder(&mut self, b: &StrBuilder) -> Value {
        self.new_str_from_text(b.as_bytes())
    }

    /// A one-code-point str (`chr`, indexing, iteration).
    pub fn new_str_from_code_point(&mut self, cp: u32) -> Value {
        if let Some(c) = char::from_u32(cp) {
            let mut buf = [0u8; 4];
            return self.new_str(c.encode_utf8(&mut buf));
        }
        let mut b = StrBuilder::with_capacity(3);
        b.push_code_point(cp);
        self.new_str_from_builder(&b)
    }

    /// The error for a str method that cannot handle lone surrogates yet: raised,
    /// never a silently altered result.
    pub(crate) fn surrogates_unsupported(&mut self, what: &str) -> Value {
        let ty = self.types.not_implemented_error.clone();
        let msg = format!("{what} does not support strings with lone surrogates in coil yet");
        self.new_exception(&ty, &msg)
    }
}

pub fn str_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = v.as_pystr().map(pystr_repr).unwrap_or_default();
    Ok(vm.new_str(&s))
}

pub fn str_str(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

pub fn str_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok(v.as_pystr().map(|s| s.hash()).unwrap_or(0))
}

pub fn str_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(v.as_pystr().map(|s| s.char_len()).unwrap_or(0))
}

pub fn str_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(v.as_pystr().map(|s| s.char_len() > 0).unwrap_or(false))
}

/// Python `==` of two strs: byte equality, the encoding being canonical.
#[inline]
pub fn pystr_eq(a: &PyStr, b: &PyStr) -> bool {
    a.as_bytes() == b.as_bytes()
}

pub fn str_compare(_vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    match (a.as_pystr(), b.as_pystr()) {
        // Byte order is code-point order (see `objects::text`).
        (Some(x), Some(y)) => Ok(Value::bool(op.test(x.as_bytes().cmp(y.as_bytes())))),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// Byte position of the first (or last) `needle` in `hay`, both str bytes; the
/// standard library's searcher when both are UTF-8, a plain scan otherwise (only
/// strs with lone surrogates take it).
fn find_bytes(hay: &[u8], needle: &[u8], last: bool) -> Option<usize> {
    if let [b] = needle {
        // One byte: a byte scan (memchr) rather than a substring search. In str
        // bytes an ASCII byte is always a whole character.
        if b.is_ascii() {
            let at = |&c: &u8| c == *b;
            return if last {
                hay.iter().rposition(at)
            } else {
                hay.iter().position(at)
            };
        }
    }
    if let (Ok(h), Ok(n)) = (std::str::from_utf8(hay), std::str::from_utf8(needle)) {
        return if last { h.rfind(n) } else { h.find(n) };
    }
    if needle.len() > hay.len() {
        return None;
    }
    let mut starts = 0..=hay.len() - needle.len();
    let hit = |&i: &usize| &hay[i..i + needle.len()] == needle;
    if last {
        starts.rev().find(hit)
    } else {
        starts.find(hit)
    }
}

pub fn str_contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    let Some(needle) = item.as_pystr() else {
        let msg = format!(
            "'in <string>' requires string as left operand, not {}",
            vm.type_name(item)
        );
        return Err(vm.type_error(&msg));
    };
    let Some(hay) = container.as_pystr() else {
        return Ok(false);
    };
    Ok(match (hay.as_str(), needle.as_str()) {
        (Some(h), Some(n)) => h.contains(n),
        _ => find_bytes(hay.as_bytes(), needle.as_bytes(), false).is_some(),
    })
}

/// `a + b` of two strs.
pub fn str_concat(vm: &mut Vm, a: &PyStr, b: &PyStr) -> Value {
    if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
        let mut s = String::with_capacity(x.len() + y.len());
        s.push_str(x);
        s.push_str(y);
        return vm.new_str(&s);
    }
    // Adjacent surrogates stay two code points: `'\ud83d' + '\ude00'` has length 2.
    let mut out = StrBuilder::with_capacity(a.byte_len() + b.byte_len());
    out.push_text(a.as_bytes());
    out.push_text(b.as_bytes());
    vm.new_str_from_builder(&out)
}

pub fn str_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match op {
        BinOp::Add => match (a.as_pystr(), b.as_pystr()) {
            (Some(x), Some(y)) => Ok(str_concat(vm, x, y)),
            (Some(_), None) => {
                let msg = format!(
                    "can only concatenate str (not \"{}\") to str",
                    vm.type_name(b)
                );
                Err(vm.type_error(&msg))
            }
            _ => Ok(Value::NOT_IMPLEMENTED),
        },
        BinOp::Mul => {
            let (s, n) = match a.as_pystr() {
                Some(s) => (s, b),
                None => match b.as_pystr() {
                    Some(s) => (s, a),
                    None => return Ok(Value::NOT_IMPLEMENTED),
                },
            };
            let n = vm.repeat_count(n, s.byte_len())?;
            Ok(match s.as_str() {
                Some(text) => {
                    let text = text.repeat(n);
                    vm.new_str(&text)
                }
                None => {
                    let bytes = s.as_bytes().repeat(n);
                    vm.new_str_from_text(&bytes)
                }
            })
        }
        BinOp::Mod if a.as_pystr().is_some() => {
            let Some(fmt) = a.as_str().map(str::to_string) else {
                return Err(vm.surrogates_unsupported("'%' formatting"));
            };
            crate::objects::format::percent_format(vm, &fmt, b)
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

pub fn str_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let Some(s) = v.as_pystr() else {
        return Ok(Value::NONE);
    };
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, s.char_len())?;
        if s.is_ascii() {
            let bytes = s.as_bytes();
            let out: Vec<u8> = if step == 1 {
                bytes[start as usize..(stop.max(start)) as usize].to_vec()
            } else {
                slice_positions(start, stop, step)
                    .map(|i| bytes[i])
                    .collect()
            };
            return Ok(vm.new_str_from_text(&out));
        }
        if step == 1 {
            let range = start as usize..stop.max(start) as usize;
            let out = s.slice_bytes(range).to_vec();
            return Ok(vm.new_str_from_text(&out));
        }
        let mut out = StrBuilder::new();
        if step == -1 {
            // `s[::-1]` and friends: one backward walk over the covered bytes.
            let range = (stop + 1) as usize..(start + 1).max(stop + 1) as usize;
            for cp in CodePoints::new(s.slice_bytes(range)).rev() {
                out.push_code_point(cp);
            }
        } else {
            for i in slice_positions(start, stop, step) {
                out.push_code_point(s.code_point_at(i).unwrap_or(0));
            }
        }
        return Ok(vm.new_str_from_builder(&out));
    }
    match vm.seq_index(key, s.char_len(), "string")? {
        Some(i) => {
            let cp = s.code_point_at(i).unwrap_or(0);
            Ok(vm.new_str_from_code_point(cp))
        }
        None => Err(vm.index_error("string index out of range")),
    }
}

fn this<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a str> {
    match args.first().and_then(|v| v.as_pystr()) {
        Some(s) => match s.as_str() {
            Some(t) => Ok(t),
            None => Err(vm.surrogates_unsupported(&format!("str.{name}()"))),
        },
        None => {
            let msg = format!("descriptor '{name}' requires a 'str' object");
            Err(vm.type_error(&msg))
        }
    }
}

/// The str receiver of a method that handles any code points.
fn this_pystr<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a PyStr> {
    match args.first().and_then(|v| v.as_pystr()) {
        Some(s) => Ok(s),
        None => {
            let msg = format!("descriptor '{name}' requires a 'str' object");
            Err(vm.type_error(&msg))
        }
    }
}

fn arg_str<'a>(
    vm: &mut Vm,
    args: &'a [Value],
    i: usize,
    method: &str,
) -> PyResult<Option<&'a str>> {
    match args.get(i) {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.as_pystr() {
            Some(s) => match s.as_str() {
                Some(t) => Ok(Some(t)),
                None => Err(vm.surrogates_unsupported(&format!("str.{method}()"))),
            },
            None => {
                let msg = format!("{method} arg must be None or str");
                Err(vm.type_error(&msg))
            }
        },
    }
}

fn s_upper(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "upper")?.to_uppercase();
    Ok(vm.new_str(&s))
}

fn s_lower(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "lower")?.to_lowercase();
    Ok(vm.new_str(&s))
}

fn strip_impl(vm: &mut Vm, args: &[Value], name: &str, left: bool, right: bool) -> PyResult<Value> {
    let s = this(vm, args, name)?;
    let chars = arg_str(vm, args, 1, name)?;
    let pred = |c: char| match chars {
        Some(set) => set.contains(c),
        None => c.is_whitespace(),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    let r = r.to_string();
    Ok(vm.new_str(&r))
}

fn s_strip(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}

fn s_lstrip(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}

fn s_rstrip(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn s_split(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "split")?;
    let npos = args.len() - kwnames.len();
    let mut sep: Option<&str> = None;
    let mut maxsplit: i64 = -1;
    if npos > 1 && !args[1].is_none() {
        sep = Some(arg_str(vm, args, 1, "split")?.unwrap_or(""));
    }
    if npos > 2 {
        maxsplit = vm.to_i64(&args[2])?.unwrap_or(-1);
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("sep") if !v.is_none() => sep = v.as_str(),
            Some("maxsplit") => maxsplit = vm.to_i64(v)?.unwrap_or(-1),
            _ => {}
        }
    }
    // Each piece becomes a str object straight from the receiver's bytes.
    let mut items = Vec::new();
    match sep {
        Some("") => return Err(vm.value_error("empty separator")),
        Some(sep) => {
            let pieces = usize::try_from(maxsplit).map_or(usize::MAX, |m| m.saturating_add(1));
            match sep.as_bytes() {
                // A one-byte separator searches as a char (memchr), not a substring.
                &[b] if b.is_ascii() => {
                    for piece in s.splitn(pieces, b as char) {
                        items.push(vm.new_str(piece));
                    }
                }
                _ => {
                    for piece in s.splitn(pieces, sep) {
                        items.push(vm.new_str(piece));
                    }
                }
            }
        }
        None => {
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if maxsplit >= 0 && items.len() as i64 == maxsplit {
                    items.push(vm.new_str(rest));
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                items.push(vm.new_str(&rest[..end]));
                rest = rest[end..].trim_start();
            }
        }
    }
    Ok(vm.new_list(items))
}

fn s_join(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let sep = this_pystr(vm, args, "join")?;
    let Some(iterable) = args.get(1) else {
        return Err(vm.type_error("str.join() takes exactly one argument (0 given)"));
    };
    let items = vm.collect_iterable(iterable)?;
    let mut out = StrBuilder::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_text(sep.as_bytes());
        }
        match item.as_pystr() {
            Some(s) => out.push_text(s.as_bytes()),
            None => {
                let msg = format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(item)
                );
                return Err(vm.type_error(&msg));
            }
        }
    }
    Ok(vm.new_str_from_builder(&out))
}

fn s_replace(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this_pystr(vm, args, "replace")?;
    let (Some(old), Some(new)) = (
        args.get(1).and_then(|v| v.as_pystr()),
        args.get(2).and_then(|v| v.as_pystr()),
    ) else {
        return Err(vm.type_error("replace() argument must be str"));
    };
    let count = match args.get(3) {
        Some(c) => vm.to_i64(c)?.unwrap_or(-1),
        None => -1,
    };
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    if let (Some(s), Some(old), Some(new)) = (s.as_str(), old.as_str(), new.as_str()) {
        let r = if count < 0 {
            s.replace(old, new)
        } else {
            s.replacen(old, new, count as usize)
        };
        return Ok(vm.new_str(&r));
    }
    // Some operand holds a lone surrogate: the same on code points and bytes.
    let (bytes, old, new) = (s.as_bytes(), old.as_bytes(), new.as_bytes());
    let mut out = StrBuilder::with_capacity(bytes.len());
    let mut done = 0;
    if old.is_empty() {
        // `new` before every code point and at the end, `count` times at most.
        for (n, cp) in s.code_points().enumerate() {
            if n < limit {
                out.push_text(new);
                done += 1;
            }
            out.push_code_point(cp);
        }
        if done < limit {
            out.push_text(new);
        }
        return Ok(vm.new_str_from_builder(&out));
    }
    let mut pos = 0;
    while done < limit {
        let Some(at) = find_bytes(&bytes[pos..], old, false) else {
            break;
        };
        out.push_text(&bytes[pos..pos + at]);
        out.push_text(new);
        pos += at + old.len();
        done += 1;
    }
    out.push_text(&bytes[pos..]);
    Ok(vm.new_str_from_builder(&out))
}

fn prefix_impl(vm: &mut Vm, args: &[Value], name: &str, start: bool) -> PyResult<Value> {
    let this = this_pystr(vm, args, name)?;
    let Some(arg) = args.get(1) else {
        let msg = format!("{name}() takes at least 1 argument (0 given)");
        return Err(vm.type_error(&msg));
    };
    // Optional start/end, code-point indices clamped like a slice's; a start past
    // the end matches nothing, not even ''.
    let len = this.char_len() as i64;
    let mut bounds = [0, len];
    for (k, b) in bounds.iter_mut().enumerate() {
        if let Some(v) = args.get(2 + k).filter(|v| !v.is_none()) {
            let Some(n) = vm.to_i64(v)? else {
                let msg = "slice indices must be integers or None or have an __index__ method";
                return Err(vm.type_error(msg));
            };
            *b = if n < 0 { (n + len).max(0) } else { n };
        }
    }
    let [from, to] = bounds;
    if from > len || from > to.min(len) {
        return Ok(Value::FALSE);
    }
    let s = this.slice_bytes(from as usize..to.min(len) as usize);
    let candidates: Vec<Value> = match arg.as_tuple() {
        Some(t) => t.to_vec(),
        None => vec![arg.clone()],
    };
    for c in &candidates {
        let Some(p) = c.as_pystr() else {
            let msg = format!(
                "{name} first arg must be str or a tuple of str, not {}",
                vm.type_name(c)
            );
            return Err(vm.type_error(&msg));
        };
        // Byte prefixes of str bytes are code-point prefixes (self-synchronizing).
        if (start && s.starts_with(p.as_bytes())) || (!start && s.ends_with(p.as_bytes())) {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn s_startswith(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    prefix_impl(vm, args, "startswith", true)
}

fn s_endswith(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    prefix_impl(vm, args, "endswith", false)
}

/// Code-point index of the first (or last) occurrence of the argument.
fn find_impl(vm: &mut Vm, args: &[Value], name: &str, last: bool) -> PyResult<Option<usize>> {
    let s = this_pystr(vm, args, name)?;
    let Some(needle) = args.get(1).and_then(|v| v.as_pystr()) else {
        let msg = format!(
            "must be str, not {}",
            args.get(1)
                .map(|v| vm.type_name(v))
                .unwrap_or_else(|| "nothing".into())
        );
        return Err(vm.type_error(&msg));
    };
    // Optional start/end (code-point indices, clamped like a slice).
    let len = s.char_len() as i64;
    let mut bound = |i: usize, default: i64| -> PyResult<i64> {
        match args.get(i) {
            Some(v) if !v.is_none() => {
                let n = vm.to_i64(v)?.unwrap_or(default);
                Ok(if n < 0 { (n + len).max(0) } else { n.min(len) })
            }
            _ => Ok(default),
        }
    };
    let start = bound(2, 0)? as usize;
    let end = bound(3, len)? as usize;
    if let Some(v) = args.get(2).filter(|v| !v.is_none()) {
        if vm.to_i64(v)?.unwrap_or(0) > len {
            return Ok(None);
        }
    }
    if start > end {
        return Ok(None);
    }
    let hay = s.slice_bytes(start..end);
    let byte = find_bytes(hay, needle.as_bytes(), last);
    Ok(byte.map(|b| start + text::count_code_points(&hay[..b])))
}

fn s_find(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = find_impl(vm, args, "find", false)?;
    Ok(vm.new_int(r.map(|i| i as i64).unwrap_or(-1)))
}

fn s_rfind(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = find_impl(vm, args, "rfind", true)?;
    Ok(vm.new_int(r.map(|i| i as i64).unwrap_or(-1)))
}

fn s_index(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    match find_impl(vm, args, "index", false)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn s_count(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this_pystr(vm, args, "count")?;
    let Some(needle) = args.get(1).and_then(|v| v.as_pystr()) else {
        return Err(vm.type_error("count() argument must be str"));
    };
    let n = if needle.char_len() == 0 {
        s.char_len() + 1
    } else if let (Some(s), Some(needle)) = (s.as_str(), needle.as_str()) {
        match needle.as_bytes() {
            &[b] if b.is_ascii() => s.bytes().filter(|&c| c == b).count(),
            _ => s.matches(needle).count(),
        }
    } else {
        let (mut rest, needle) = (s.as_bytes(), needle.as_bytes());
        let mut n = 0;
        while let Some(at) = find_bytes(rest, needle, false) {
            n += 1;
            rest = &rest[at + needle.len()..];
        }
        n
    };
    Ok(vm.new_int(n as i64))
}

fn s_format(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "format")?.to_string();
    let npos = args.len() - kwnames.len();
    let pos = args[1..npos].to_vec();
    let kw: Vec<(Value, Value)> = kwnames
        .iter()
        .cloned()
        .zip(args[npos..].iter().cloned())
        .collect();
    let r = crate::objects::format::str_format(vm, &s, &pos, &kw)?;
    Ok(vm.new_str(&r))
}

fn pred_impl(vm: &mut Vm, args: &[Value], name: &str, f: fn(char) -> bool) -> PyResult<Value> {
    let s = this(vm, args, name)?;
    Ok(Value::bool(!s.is_empty() && s.chars().all(f)))
}

fn s_isdigit(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pred_impl(vm, args, "isdigit", |c| str_more::is_digit(u32::from(c)))
}

fn s_isalpha(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pred_impl(vm, args, "isalpha", char::is_alphabetic)
}

fn s_isalnum(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pred_impl(vm, args, "isalnum", char::is_alphanumeric)
}

fn s_isspace(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pred_impl(vm, args, "isspace", char::is_whitespace)
}

fn s_isupper(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "isupper")?;
    Ok(Value::bool(
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
    ))
}

fn s_islower(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "islower")?;
    Ok(Value::bool(
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase),
    ))
}

fn s_capitalize(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "capitalize")?;
    let mut chars = s.chars();
    let r: String = match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.as_str().to_lowercase().chars())
            .collect(),
        None => String::new(),
    };
    Ok(vm.new_str(&r))
}

fn s_title(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "title")?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    Ok(vm.new_str(&out))
}

fn pad_impl(vm: &mut Vm, args: &[Value], name: &str, align: char) -> PyResult<Value> {
    let s = this(vm, args, name)?.to_string();
    let width = match args.get(1) {
        Some(w) => vm.to_i64(w)?.unwrap_or(0),
        None => 0,
    };
    let fill = args
        .get(2)
        .and_then(|f| f.as_str())
        .and_then(|f| f.chars().next())
        .unwrap_or(' ');
    let len = s.chars().count() as i64;
    if width <= len {
        return Ok(vm.new_str(&s));
    }
    let pad = (width - len) as usize;
    let (l, r) = match align {
        '<' => (0, pad),
        '>' => (pad, 0),
        // CPython's centre puts the odd extra column on the left when the width is odd.
        _ => {
            let left = pad / 2 + (pad & width as usize & 1);
            (left, pad - left)
        }
    };
    let f = fill.to_string();
    let out = format!("{}{s}{}", f.repeat(l), f.repeat(r));
    Ok(vm.new_str(&out))
}

fn s_ljust(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pad_impl(vm, args, "ljust", '<')
}

fn s_rjust(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pad_impl(vm, args, "rjust", '>')
}

fn s_center(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pad_impl(vm, args, "center", '^')
}

fn s_zfill(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "zfill")?.to_string();
    let width = match args.get(1) {
        Some(w) => vm.to_i64(w)?.unwrap_or(0),
        None => 0,
    };
    let len = s.chars().count() as i64;
    if width <= len {
        return Ok(vm.new_str(&s));
    }
    let zeros = "0".repeat((width - len) as usize);
    let out = match s.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &s[..1]),
        None => format!("{zeros}{s}"),
    };
    Ok(vm.new_str(&out))
}

fn s_splitlines(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "splitlines")?.to_string();
    let items = s.lines().map(|l| vm.new_str(l)).collect();
    Ok(vm.new_list(items))
}

fn s_partition(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "partition")?.to_string();
    let Some(sep) = args.get(1).and_then(|v| v.as_str()).map(str::to_string) else {
        return Err(vm.type_error("must be str"));
    };
    let parts = match s.find(&sep) {
        Some(i) => [
            s[..i].to_string(),
            sep.clone(),
            s[i + sep.len()..].to_string(),
        ],
        None => [s.clone(), String::new(), String::new()],
    };
    let items = parts.iter().map(|p| vm.new_str(p)).collect();
    Ok(vm.new_tuple(items))
}

fn s_rsplit(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "rsplit")?.to_string();
    let npos = args.len() - kwnames.len();
    let mut sep: Option<String> = None;
    let mut maxsplit: i64 = -1;
    if npos > 1 && !args[1].is_none() {
        sep = args[1].as_str().map(str::to_string);
    }
    if npos > 2 {
        maxsplit = vm.to_i64(&args[2])?.unwrap_or(-1);
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("sep") if !v.is_none() => sep = v.as_str().map(str::to_string),
            Some("maxsplit") => maxsplit = vm.to_i64(v)?.unwrap_or(-1),
            _ => {}
        }
    }
    let mut parts: Vec<String> = match &sep {
        Some(sep) if sep.is_empty() => return Err(vm.value_error("empty separator")),
        Some(sep) if maxsplit < 0 => s.split(sep.as_str()).map(str::to_string).collect(),
        Some(sep) => s
            .rsplitn(maxsplit as usize + 1, sep.as_str())
            .map(str::to_string)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect(),
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end();
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest
                    .rfind(char::is_whitespace)
                    .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end();
            }
            out.reverse();
            out
        }
    };
    if sep.is_none() && parts.is_empty() {
        parts.clear();
    }
    let items = parts.iter().map(|p| vm.new_str(p)).collect();
    Ok(vm.new_list(items))
}

fn s_rindex(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    match find_impl(vm, args, "rindex", true)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn s_rpartition(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "rpartition")?.to_string();
    let Some(sep) = args.get(1).and_then(|v| v.as_str()).map(str::to_string) else {
        return Err(vm.type_error("must be str"));
    };
    let parts = match s.rfind(&sep) {
        Some(i) => [
            s[..i].to_string(),
            sep.clone(),
            s[i + sep.len()..].to_string(),
        ],
        None => [String::new(), String::new(), s.clone()],
    };
    let items = parts.iter().map(|p| vm.new_str(p)).collect();
    Ok(vm.new_tuple(items))
}

fn s_swapcase(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "swapcase")?;
    let r: String = s
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                c.to_uppercase().collect::<Vec<_>>()
            }
        })
        .collect();
    Ok(vm.new_str(&r))
}

fn s_casefold(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "casefold")?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        str_more::push_casefold(&mut out, c);
    }
    Ok(vm.new_str(&out))
}

fn s_isnumeric(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pred_impl(vm, args, "isnumeric", |c| {
        str_more::is_numeric(u32::from(c))
    })
}

fn s_isdecimal(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    pred_impl(vm, args, "isdecimal", |c| {
        str_more::is_decimal(u32::from(c))
    })
}

fn s_isidentifier(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "isidentifier")?;
    let mut chars = s.chars();
    let ok = match chars.next() {
        Some(c) => {
            (c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
        }
        None => false,
    };
    Ok(Value::bool(ok))
}

fn s_removeprefix(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "removeprefix")?;
    let p = args.get(1).and_then(|v| v.as_str()).unwrap_or("");
    let r = s.strip_prefix(p).unwrap_or(s).to_string();
    Ok(vm.new_str(&r))
}

fn s_removesuffix(vm: &mut Vm, args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(vm, args, "removesuffix")?;
    let p = args.get(1).and_then(|v| v.as_str()).unwrap_or("");
    let r = if p.is_empty() {
        s.to_string()
    } else {
        s.strip_suffix(p).unwrap_or(s).to_string()
    };
    Ok(vm.new_str(&r))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("rsplit", s_rsplit),
    ("rindex", s_rindex),
    ("rpartition", s_rpartition),
    ("swapcase", s_swapcase),
    ("casefold", s_casefold),
    ("isnumeric", s_isnumeric),
    ("isdecimal", s_isdecimal),
    ("isidentifier", s_isidentifier),
    ("removeprefix", s_removeprefix),
    ("removesuffix", s_removesuffix),
    ("upper", s_upper),
    ("lower", s_lower),
    ("strip", s_strip),
    ("lstrip", s_lstrip),
    ("rstrip", s_rstrip),
    ("split", s_split),
    ("join", s_join),
    ("replace", s_replace),
    ("startswith", s_startswith),
    ("endswith", s_endswith),
    ("find", s_find),
    ("rfind", s_rfind),
    ("index", s_index),
    ("count", s_count),
    ("format", s_format),
    ("isdigit", s_isdigit),
    ("isalpha", s_isalpha),
    ("isalnum", s_isalnum),
    ("isspace", s_isspace),
    ("isupper", s_isupper),
    ("islower", s_islower),
    ("capitalize", s_capitalize),
    ("title", s_title),
    ("ljust", s_ljust),
    ("rjust", s_rjust),
    ("center", s_center),
    ("zfill", s_zfill),
    ("splitlines", s_splitlines),
    ("partition", s_partition),
    ("expandtabs", str_more::s_expandtabs),
    ("translate", str_more::s_translate),
    ("isprintable", str_more::s_isprintable),
    ("isascii", str_more::s_isascii),
    ("format_map", str_more::s_format_map),
];
