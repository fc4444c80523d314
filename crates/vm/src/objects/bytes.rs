//! `bytes`: immutable byte strings stored inline after a small fixed part (like
//! str), CPython's repr, hash (the same SipHash-1-3 as a 1-byte-per-char str, so
//! `hash(b'abc') == hash('abc')`), indexing to ints, slicing, `+`, `*`, ordering,
//! membership, the `bytes(...)` constructor and `decode`; the other methods live in
//! `bytes_methods`.

use std::cell::Cell;

use crate::interp::Vm;
use crate::objects::bytes_methods as m;
use crate::objects::codecs;
use crate::objects::slice::slice_positions;
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

/// The fixed part of a bytes object's payload; the data follow it inline in the same
/// allocation (see `heap::new_bytes_object`), so a `PyBytes` exists only inside a
/// bytes object.
#[repr(C)]
pub struct PyBytes {
    /// Cached `hash()`, `-1` until computed (a real hash is never -1).
    hash: Cell<i64>,
    len: usize,
}

impl PyBytes {
    pub(crate) fn header_for(len: usize) -> PyBytes {
        PyBytes {
            hash: Cell::new(-1),
            len,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: a `PyBytes` only exists as the payload of a bytes object, followed
        // by its `len` bytes.
        unsafe { crate::objects::heap::bytes_data(self, self.len) }
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = hash_bytes(self.as_slice());
        self.hash.set(h);
        h
    }
}

/// SipHash-1-3 with the fixed key `hash_str` uses, over the raw bytes.
pub fn hash_bytes(b: &[u8]) -> i64 {
    use std::hash::Hasher;
    if b.is_empty() {
        return 0;
    }
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    h.write(b);
    let r = h.finish() as i64;
    if r == -1 {
        -2
    } else {
        r
    }
}

impl Vm {
    pub fn new_bytes(&mut self, data: &[u8]) -> Value {
        crate::objects::heap::new_bytes_object(&self.types.bytes, data)
    }
}

fn data(v: &Value) -> &[u8] {
    v.as_bytes().unwrap_or(&[])
}

pub fn bytes_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = pyrepr::bytes_repr(data(v));
    Ok(vm.new_str(&s))
}

pub fn bytes_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok(v.as_pybytes().map(|b| b.hash()).unwrap_or(0))
}

pub fn bytes_len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(data(v).len())
}

pub fn bytes_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(!data(v).is_empty())
}

pub fn bytes_compare(_vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    // Either side may be a bytearray: `b'a' == bytearray(b'a')`.
    match (a.bytes_like(), b.bytes_like()) {
        (Some(x), Some(y)) => Ok(Value::bool(op.test(x.as_ref().cmp(y.as_ref())))),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// A byte value from an int in `0..256`; `what` starts the ValueError message.
pub(crate) fn byte_value(vm: &mut Vm, v: &Value, what: &str) -> PyResult<u8> {
    let Some(i) = vm.to_i64(v).ok().flatten().or_else(|| {
        crate::objects::int::int_ref(v).map(|_| -1) // huge ints: out of range
    }) else {
        let msg = format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        );
        return Err(vm.type_error(&msg));
    };
    match u8::try_from(i) {
        Ok(b) => Ok(b),
        Err(_) => Err(vm.value_error(&format!("{what} must be in range(0, 256)"))),
    }
}

pub fn bytes_contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    let Some(hay) = container.bytes_like() else {
        return Ok(false);
    };
    if let Some(needle) = item.bytes_like() {
        return Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == &*needle));
    }
    if crate::objects::int::int_ref(item).is_some() {
        let b = byte_value(vm, item, "byte")?;
        return Ok(hay.contains(&b));
    }
    let msg = format!(
        "a bytes-like object is required, not '{}'",
        vm.type_name(item)
    );
    Err(vm.type_error(&msg))
}

pub fn bytes_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match op {
        BinOp::Add => match (a.as_bytes(), b.bytes_like()) {
            (Some(x), Some(y)) => {
                let mut out = Vec::with_capacity(x.len() + y.len());
                out.extend_from_slice(x);
                out.extend_from_slice(&y);
                Ok(vm.new_bytes(&out))
            }
            (Some(_), None) => {
                let msg = format!("can't concat {} to bytes", vm.type_name(b));
                Err(vm.type_error(&msg))
            }
            _ => Ok(Value::NOT_IMPLEMENTED),
        },
        BinOp::Mul => {
            let (unit, n) = match a.as_bytes() {
                Some(x) => (x, b),
                None => (data(b), a),
            };
            let n = vm.repeat_count(n, unit.len())?;
            let out = unit.repeat(n);
            Ok(vm.new_bytes(&out))
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

pub fn bytes_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let d = data(v);
    if key.is_slice() {
        let (start, stop, step) = vm.slice_indices(key, d.len())?;
        let out: Vec<u8> = slice_positions(start, stop, step).map(|i| d[i]).collect();
        return Ok(vm.new_bytes(&out));
    }
    match vm.seq_index(key, d.len(), "byte")? {
        Some(i) => Ok(vm.new_int(i64::from(d[i]))),
        None => Err(vm.index_error("index out of range")),
    }
}

fn b_decode(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let Some(this) = args.first().filter(|v| v.as_bytes().is_some()).cloned() else {
        return Err(vm.type_error("descriptor 'decode' requires a 'bytes' object"));
    };
    let (encoding, errors) = codecs::codec_args(vm, "decode", args, kwnames, 1)?;
    let codec = codecs::lookup(vm, &encoding)?;
    let s = codecs::decode(vm, data(&this), codec, &errors)?;
    Ok(vm.new_str_from_builder(&s))
}

/// `bytes`'s own methods; the ones it shares with `bytearray` are
/// [`bytes_methods::SHARED`](super::bytes_methods::SHARED).
pub const METHODS: &[(&str, NativeFn)] = &[("decode", b_decode), ("fromhex", m::b_fromhex)];

/// `str.encode(encoding='utf-8', errors='strict')`.
pub fn str_encode(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let Some(this) = args.first().filter(|v| v.as_pystr().is_some()).cloned() else {
        return Err(vm.type_error("descriptor 'encode' requires a 'str' object"));
    };
    let (encoding, errors) = codecs::codec_args(vm, "encode", args, kwnames, 1)?;
    let codec = codecs::lookup(vm, &encoding)?;
    let out = codecs::encode(vm, &this, codec, &errors)?;
    Ok(vm.new_bytes(&out))
}

/// `bytes()`, `bytes(n)`, `bytes(iterable_of_ints)`, `bytes(str, encoding[, errors])`.
pub fn bytes_new(vm: &mut Vm, _cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if args.len() == 1 && kwnames.is_empty() && vm.type_of(&args[0]).is(&vm.types.bytes) {
        return Ok(args[0].clone());
    }
    let out = construct_data(vm, "bytes", args, kwnames)?;
    Ok(vm.new_bytes(&out))
}

/// The data of a new bytes or bytearray (`what` names the type in the errors) from
/// the constructor's arguments: nothing, a size, a bytes-like object, an iterable of
/// ints, or a str with an encoding.
pub(crate) fn construct_data(
    vm: &mut Vm,
    what: &str,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Vec<u8>> {
    let npos = args.len() - kwnames.len();
    if npos > 3 {
        let msg = format!("{what}() takes at most 3 arguments ({npos} given)");
        return Err(vm.type_error(&msg));
    }
    let mut source = args.first().filter(|_| npos > 0).cloned();
    let mut encoding = args.get(1).filter(|_| npos > 1).cloned();
    let mut errors = args.get(2).filter(|_| npos > 2).cloned();
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("source") => source = Some(v.clone()),
            Some("encoding") => encoding = Some(v.clone()),
            Some("errors") => errors = Some(v.clone()),
            other => {
                let msg = format!(
                    "'{}' is an invalid keyword argument for {what}()",
                    other.unwrap_or("?")
                );
                return Err(vm.type_error(&msg));
            }
        }
    }
    for (name, v) in [("encoding", &encoding), ("errors", &errors)] {
        if let Some(v) = v {
            if v.as_pystr().is_none() {
                let msg = format!(
                    "{what}() argument '{name}' must be str, not {}",
                    vm.type_name(v)
                );
                return Err(vm.type_error(&msg));
            }
        }
    }
    let Some(source) = source else {
        if encoding.is_some() || errors.is_some() {
            let msg = if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            };
            return Err(vm.type_error(msg));
        }
        return Ok(Vec::new());
    };
    if source.as_pystr().is_some() {
        let Some(enc) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        // A name with a lone surrogate fails to encode, as in CPython.
        let enc = vm.utf8_text(&enc)?;
        let errs = match &errors {
            Some(e) => vm.utf8_text(e)?,
            None => "strict".to_string(),
        };
        let codec = codecs::lookup(vm, &enc)?;
        return codecs::encode(vm, &source, codec, &errs);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    if let Some(b) = source.bytes_like() {
        return Ok(b.into_owned());
    }
    if crate::objects::int::int_ref(&source).is_some() {
        let Some(n) = vm.to_i64(&source).ok().flatten() else {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
        };
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        let n = vm.check_repeat(1, n)?;
        return Ok(vec![0u8; n]);
    }
    let slots = vm.slots(&source);
    if slots.iter.is_none() && slots.getitem.is_none() {
        let msg = format!(
            "cannot convert '{}' object to {what}",
            vm.type_name(&source)
        );
        return Err(vm.type_error(&msg));
    }
    let items = vm.collect_iterable(&source)?;
    // bytes says "bytes must be in range", bytearray "byte must be in range".
    let unit = if what == "bytes" { "bytes" } else { "byte" };
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        out.push(byte_value(vm, item, unit)?);
    }
    Ok(out)
}
