//! The code object: one compiled function body, module or class body.

use std::rc::Rc;

/// One 16-bit code unit: an opcode byte and its arg byte (`EXTENDED_ARG` widens the arg).
/// Inline cache units (`CACHE`, arg 0 when written) follow specializable instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeUnit {
    pub op: u8,
    pub arg: u8,
}

impl Location {
    /// The "no location" value (`co_positions()` gives `None`s).
    pub const NONE: Location = Location {
        line: 0,
        end_line: 0,
        col: 0,
        end_col: 0,
    };

    pub fn is_none(&self) -> bool {
        self.line == 0 && self.end_line == 0
    }
}

impl CodeUnit {
    pub const fn new(op: crate::Opcode, arg: u8) -> Self {
        CodeUnit { op: op as u8, arg }
    }
}

/// The source span of one code unit, as CPython 3.11's `co_positions()` gives it:
/// 1-based lines, 0-based UTF-8 byte columns. All zeros means "no location"
/// (`(None, None, None, None)` in CPython). A module's `RESUME` has line 0 with
/// end line 1, as CPython 3.11 gives it, which `dis` shows as line 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One row of `co_exceptiontable` (PEP 654's zero-cost exceptions, CPython 3.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExceptionTableEntry {
    /// Code-unit range `[start, end)` that the handler covers.
    pub start: u32,
    pub end: u32,
    /// Code-unit index of the handler.
    pub target: u32,
    /// Value-stack depth to unwind to before pushing the exception.
    pub depth: u32,
    /// Whether the offset of the raising instruction is pushed too (`lasti`).
    pub lasti: bool,
}

/// `co_flags` bits, with CPython's values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    pub const OPTIMIZED: u32 = 0x1;
    pub const NEWLOCALS: u32 = 0x2;
    pub const VARARGS: u32 = 0x4;
    pub const VARKEYWORDS: u32 = 0x8;
    pub const NESTED: u32 = 0x10;
    pub const GENERATOR: u32 = 0x20;
    pub const NOFREE: u32 = 0x40;
    pub const COROUTINE: u32 = 0x80;
    pub const ITERABLE_COROUTINE: u32 = 0x100;
    pub const ASYNC_GENERATOR: u32 = 0x200;

    pub fn contains(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// A constant in `co_consts`.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstantValue {
    None,
    Bool(bool),
    Int(i64),
    /// Decimal digits, with a leading `-` when negative, of an int past `i64`.
    BigInt(Box<str>),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(Rc<str>),
    /// A str holding at least one lone surrogate (`'\ud800'`), which a Rust `str`
    /// cannot: its code points. Never made for a str without one, so each str
    /// constant has exactly one form.
    SurrogateStr(Rc<[u32]>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[ConstantValue]>),
    /// A frozenset's items in the order the VM adds them to build it (see
    /// `const_set::frozenset_constant`, which makes one, and `const_set` for the
    /// table order its repr shows).
    FrozenSet(Rc<[ConstantValue]>),
    Code(Rc<CodeObject>),
    Ellipsis,
}

/// An immutable compiled body, with CPython 3.11's `co_*` fields.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    pub flags: CodeFlags,
    /// The instructions, cache units included (`co_code`).
    pub code: Vec<CodeUnit>,
    pub consts: Vec<ConstantValue>,
    pub names: Vec<Rc<str>>,
    /// Parameters first, then other fast locals (`co_varnames`).
    pub varnames: Vec<Rc<str>>,
    pub cellvars: Vec<Rc<str>>,
    pub freevars: Vec<Rc<str>>,
    pub filename: Rc<str>,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub firstlineno: u32,
    /// One location per code unit (`co_positions()`), caches included.
    pub locations: Vec<Location>,
    pub exception_table: Vec<ExceptionTableEntry>,
}

impl CodeObject {
    /// `co_nlocals`.
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }

    /// The names of the "fast locals plus" slots, in slot order, as CPython 3.11 lays
    /// them out: `co_varnames`, then the cell variables that are not also parameters
    /// or locals (a cell parameter keeps its parameter slot), then `co_freevars`.
    /// The operand of `LOAD_FAST`, `MAKE_CELL`, `LOAD_DEREF`, `LOAD_CLOSURE`, ... is an
    /// index into these slots.
    pub fn localsplus_names(&self) -> Vec<Rc<str>> {
        let mut names = self.varnames.clone();
        for cell in &self.cellvars {
            if !self.varnames.contains(cell) {
                names.push(cell.clone());
            }
        }
        names.extend(self.freevars.iter().cloned());
        names
    }
}
