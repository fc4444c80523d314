//! The `__pycache__` file format: a header that says whether the file still
//! matches its source, then the serialized code object.
//!
//! Layout: the 8-byte magic (`b"Coil"`, a little-endian `u16` format version,
//! `b"\r\n"` as CPython's magic has, so a text-mode copy is detected), a `u32` of
//! flags (0: checked by source hash), the 64-bit FNV-1a hash of the source bytes,
//! then the code object in a marshal-like encoding: LEB128 integers, length-prefixed
//! strings and byte strings, tagged constants, nested code objects recursively.
//! [`decode`] checks every length against the bytes left and returns `None` on any
//! mismatch, truncation, unknown tag or opcode, or trailing bytes: a stale or
//! corrupt cache means "recompile", never a crash.

use std::rc::Rc;

use crate::{
    CodeFlags, CodeObject, CodeUnit, ConstantValue, ExceptionTableEntry, Location, Opcode,
};

/// Bumped whenever the serialized form or the meaning of the bytecode changes.
pub const FORMAT_VERSION: u16 = 3;

/// The file's first 8 bytes.
pub const MAGIC: [u8; 8] = [
    b'C',
    b'o',
    b'i',
    b'l',
    FORMAT_VERSION.to_le_bytes()[0],
    FORMAT_VERSION.to_le_bytes()[1],
    b'\r',
    b'\n',
];

/// Nested code objects and tuples deeper than this are rejected (a guard against
/// stack exhaustion on hostile input; real code nests far less).
const MAX_DEPTH: u32 = 200;

/// 64-bit FNV-1a: simple, fast, and enough to tell a changed source from the cached one.
pub fn source_hash(source: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in source {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The cache file's bytes for `code`, compiled from `source`.
pub fn encode(code: &CodeObject, source: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + code.code.len() * 4);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&source_hash(source).to_le_bytes());
    write_code(&mut out, code);
    out
}

/// The code object in `bytes` if they are a well-formed cache of exactly `source`.
pub fn decode(bytes: &[u8], source: &[u8]) -> Option<CodeObject> {
    let mut reader = Reader { bytes, pos: 0 };
    if reader.take(8)? != MAGIC {
        return None;
    }
    let flags = u32::from_le_bytes(reader.take(4)?.try_into().ok()?);
    if flags != 0 {
        return None;
    }
    let hash = u64::from_le_bytes(reader.take(8)?.try_into().ok()?);
    if hash != source_hash(source) {
        return None;
    }
    let code = reader.code(0)?;
    (reader.pos == bytes.len()).then_some(code)
}

fn write_uint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn write_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    write_uint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn write_names(out: &mut Vec<u8>, names: &[Rc<str>]) {
    write_uint(out, names.len() as u64);
    for name in names {
        write_bytes(out, name.as_bytes());
    }
}

const TAG_NONE: u8 = 0;
const TAG_FALSE: u8 = 1;
const TAG_TRUE: u8 = 2;
const TAG_INT: u8 = 3;
const TAG_BIGINT: u8 = 4;
const TAG_FLOAT: u8 = 5;
const TAG_COMPLEX: u8 = 6;
const TAG_STR: u8 = 7;
const TAG_BYTES: u8 = 8;
const TAG_TUPLE: u8 = 9;
const TAG_CODE: u8 = 10;
const TAG_ELLIPSIS: u8 = 11;
const TAG_FROZENSET: u8 = 12;
const TAG_SURROGATE_STR: u8 = 13;

fn write_constant(out: &mut Vec<u8>, value: &ConstantValue) {
    match value {
        ConstantValue::None => out.push(TAG_NONE),
        ConstantValue::Bool(false) => out.push(TAG_FALSE),
        ConstantValue::Bool(true) => out.push(TAG_TRUE),
        ConstantValue::Int(i) => {
            out.push(TAG_INT);
            out.extend_from_slice(&i.to_le_bytes());
        }
        ConstantValue::BigInt(digits) => {
            out.push(TAG_BIGINT);
            write_bytes(out, digits.as_bytes());
        }
        ConstantValue::Float(f) => {
            out.push(TAG_FLOAT);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        ConstantValue::Complex { real, imag } => {
            out.push(TAG_COMPLEX);
            out.extend_from_slice(&real.to_bits().to_le_bytes());
            out.extend_from_slice(&imag.to_bits().to_le_bytes());
        }
        ConstantValue::Str(s) => {
            out.push(TAG_STR);
            write_bytes(out, s.as_bytes());
        }
        ConstantValue::SurrogateStr(cps) => {
            out.push(TAG_SURROGATE_STR);
            write_uint(out, cps.len() as u64);
            for &cp in cps.iter() {
                write_uint(out, u64::from(cp));
            }
        }
        ConstantValue::Bytes(b) => {
            out.push(TAG_BYTES);
            write_bytes(out, b);
        }
        ConstantValue::Tuple(items) | ConstantValue::FrozenSet(items) => {
            out.push(if matches!(value, ConstantValue::Tuple(_)) {
                TAG_TUPLE
            } else {
                TAG_FROZENSET
            });
            write_uint(out, items.len() as u64);
            for item in items.iter() {
                write_constant(out, item);
            }
        }
        ConstantValue::Code(code) => {
            out.push(TAG_CODE);
            write_code(out, code);
        }
        ConstantValue::Ellipsis => out.push(TAG_ELLIPSIS),
    }
}

fn write_code(out: &mut Vec<u8>, code: &CodeObject) {
    write_uint(out, code.argcount.into());
    write_uint(out, code.posonlyargcount.into());
    write_uint(out, code.kwonlyargcount.into());
    write_uint(out, code.stacksize.into());
    write_uint(out, code.flags.0.into());
    write_uint(out, code.firstlineno.into());
    write_bytes(out, code.filename.as_bytes());
    write_bytes(out, code.name.as_bytes());
    write_bytes(out, code.qualname.as_bytes());
    write_uint(out, code.code.len() as u64);
    for unit in &code.code {
        out.push(unit.op);
        out.push(unit.arg);
    }
    // One location per unit, so no count is written for them.
    for loc in &code.locations {
        write_uint(out, loc.line.into());
        write_uint(out, loc.end_line.into());
        write_uint(out, loc.col.into());
        write_uint(out, loc.end_col.into());
    }
    write_uint(out, code.consts.len() as u64);
    for constant in &code.consts {
        write_constant(out, constant);
    }
    write_names(out, &code.names);
    write_names(out, &code.varnames);
    write_names(out, &code.cellvars);
    write_names(out, &code.freevars);
    write_uint(out, code.exception_table.len() as u64);
    for entry in &code.exception_table {
        write_uint(out, entry.start.into());
        write_uint(out, entry.end.into());
        write_uint(out, entry.target.into());
        write_uint(out, entry.depth.into());
        out.push(u8::from(entry.lasti));
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn uint(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    /// A count of items each at least one byte long: never more than the bytes left,
    /// so corrupt counts cannot make us allocate much.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.bytes.len() - self.pos).then_some(n)
    }

    fn blob(&mut self) -> Option<&'a [u8]> {
        let n = self.count()?;
        self.take(n)
    }

    fn text(&mut self) -> Option<Rc<str>> {
        std::str::from_utf8(self.blob()?).ok().map(Rc::from)
    }

    fn names(&mut self) -> Option<Vec<Rc<str>>> {
        let n = self.count()?;
        (0..n).map(|_| self.text()).collect()
    }

    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_bits(u64::from_le_bytes(
            self.take(8)?.try_into().ok()?,
        )))
    }

    fn constant(&mut self, depth: u32) -> Option<ConstantValue> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self.byte()? {
            TAG_NONE => ConstantValue::None,
            TAG_FALSE => ConstantValue::Bool(false),
            TAG_TRUE => ConstantValue::Bool(true),
            TAG_INT => ConstantValue::Int(i64::from_le_bytes(self.take(8)?.try_into().ok()?)),
            TAG_BIGINT => {
                let digits = std::str::from_utf8(self.blob()?).ok()?;
                let body = digits.strip_prefix('-').unwrap_or(digits);
                if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                ConstantValue::BigInt(digits.into())
            }
            TAG_FLOAT => ConstantValue::Float(self.f64()?),
            TAG_COMPLEX => ConstantValue::Complex {
                real: self.f64()?,
                imag: self.f64()?,
            },
            TAG_STR => ConstantValue::Str(self.text()?),
            TAG_SURROGATE_STR => {
                let n = self.count()?;
                let cps: Option<Vec<u32>> = (0..n)
                    .map(|_| {
                        u32::try_from(self.uint()?)
                            .ok()
                            .filter(|&cp| cp <= 0x10ffff)
                    })
                    .collect();
                let cps = cps?;
                if !cps.iter().any(|cp| (0xd800..=0xdfff).contains(cp)) {
                    return None;
                }
                ConstantValue::SurrogateStr(Rc::from(cps))
            }
            TAG_BYTES => ConstantValue::Bytes(Rc::from(self.blob()?)),
            TAG_TUPLE => {
                let n = self.count()?;
                let items: Option<Vec<_>> = (0..n).map(|_| self.constant(depth + 1)).collect();
                ConstantValue::Tuple(Rc::from(items?))
            }
            TAG_FROZENSET => {
                let n = self.count()?;
                let items: Option<Vec<_>> = (0..n).map(|_| self.constant(depth + 1)).collect();
                ConstantValue::FrozenSet(Rc::from(items?))
            }
            TAG_CODE => ConstantValue::Code(Rc::new(self.code(depth + 1)?)),
            TAG_ELLIPSIS => ConstantValue::Ellipsis,
            _ => return None,
        })
    }

    fn code(&mut self, depth: u32) -> Option<CodeObject> {
        if depth > MAX_DEPTH {
            return None;
        }
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let stacksize = self.u32()?;
        let flags = CodeFlags(self.u32()?);
        let firstlineno = self.u32()?;
        let filename = self.text()?;
        let name = self.text()?;
        let qualname = self.text()?;
        let n_units = self.count()?;
        let raw = self.take(n_units.checked_mul(2)?)?;
        let code: Vec<CodeUnit> = raw
            .chunks_exact(2)
            .map(|pair| CodeUnit {
                op: pair[0],
                arg: pair[1],
            })
            .collect();
        if code.iter().any(|unit| Opcode::from_u8(unit.op).is_none()) {
            return None;
        }
        let mut locations = Vec::with_capacity(n_units);
        for _ in 0..n_units {
            locations.push(Location {
                line: self.u32()?,
                end_line: self.u32()?,
                col: self.u32()?,
                end_col: self.u32()?,
            });
        }
        let n_consts = self.count()?;
        let consts: Option<Vec<_>> = (0..n_consts).map(|_| self.constant(depth)).collect();
        let consts = consts?;
        let names = self.names()?;
        let varnames = self.names()?;
        let cellvars = self.names()?;
        let freevars = self.names()?;
        let n_entries = self.count()?;
        let mut exception_table = Vec::with_capacity(n_entries);
        for _ in 0..n_entries {
            exception_table.push(ExceptionTableEntry {
                start: self.u32()?,
                end: self.u32()?,
                target: self.u32()?,
                depth: self.u32()?,
                lasti: match self.byte()? {
                    0 => false,
                    1 => true,
                    _ => return None,
                },
            });
        }
        Some(CodeObject {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            stacksize,
            flags,
            code,
            consts,
            names,
            varnames,
            cellvars,
            freevars,
            filename,
            name,
            qualname,
            firstlineno,
            locations,
            exception_table,
        })
    }
}
