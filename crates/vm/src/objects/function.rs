//! Code objects as the VM holds them, Python functions, and native (builtin) functions.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bytecode::{CodeFlags, ExceptionTableEntry, Location, Opcode};

use crate::interp::Vm;
use crate::objects::{new_object, Trace};
use crate::value::Value;
use crate::PyResult;

/// One decoded code unit. Unknown opcode bytes decode to `CACHE`, which the loop
/// refuses to execute (a `SystemError`, never a panic).
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Opcode,
    pub arg: u8,
}

/// The VM's copy of a `bytecode::CodeObject`: constants turned into values, names
/// into str objects, opcodes decoded once and quickened (PEP 659, see
/// `interp::specialize`).
pub struct Code {
    /// The code units. Specializable instructions rewrite themselves in place (hence
    /// the cells: a code object is shared by every frame running it); the
    /// compiler's `bytecode::CodeObject` is never touched, so disassembly still
    /// shows the unquickened code.
    pub instrs: Box<[Cell<Instr>]>,
    /// The inline cache data, one 32-bit slot per code unit: the `CACHE` units
    /// after an instruction at `i` are slots `i + 1 ..`, holding its counter, type or
    /// keys versions and entry indices. (32 bits, not CPython's 16, so a version
    /// fits in one slot.)
    pub caches: Box<[Cell<u32>]>,
    /// `argcount` when the function takes exactly its positional parameters (no
    /// `*args`, `**kwargs`, keyword-only parameters or coroutine flags), so
    /// `CALL_PY_EXACT_ARGS` needs one compare; `usize::MAX` otherwise.
    pub exact_argcount: usize,
    pub consts: Vec<Value>,
    pub names: Vec<Value>,
    /// `co_varnames`, then cell variables that are not parameters, then free variables
    /// (CPython 3.11's "localsplus" layout that MAKE_CELL/LOAD_DEREF index).
    pub localsplus_names: Vec<Rc<str>>,
    pub nlocals: usize,
    /// Index of the first free variable in localsplus.
    pub free_start: usize,
    pub argcount: usize,
    pub posonlyargcount: usize,
    pub kwonlyargcount: usize,
    pub flags: CodeFlags,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub firstlineno: u32,
    pub locations: Vec<Location>,
    pub exception_table: Vec<ExceptionTableEntry>,
    pub stacksize: usize,
    /// Where a new frame starts: past the leading `RESUME`, which does nothing in
    /// Coil (no tracing, and the eval breaker is polled at calls), so a call does
    /// not dispatch it.
    pub entry_ip: usize,
}

impl Code {
    pub fn nlocalsplus(&self) -> usize {
        self.localsplus_names.len()
    }

    /// The handler covering code unit `offset`, if any.
    pub fn handler_for(&self, offset: usize) -> Option<&ExceptionTableEntry> {
        let off = offset as u32;
        self.exception_table
            .iter()
            .find(|e| e.start <= off && off < e.end)
    }

    pub fn location(&self, offset: usize) -> Location {
        self.locations.get(offset).copied().unwrap_or_default()
    }

    /// Number of positional-or-keyword plus keyword-only parameters.
    pub fn total_args(&self) -> usize {
        self.argcount + self.kwonlyargcount
    }
}

/// A Python function (`def`/`lambda`).
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Value,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// Tuple of positional defaults, or NULL.
    pub defaults: Value,
    /// Dict of keyword-only defaults, or NULL.
    pub kwdefaults: Value,
    /// Tuple of cells for the free variables, or NULL.
    pub closure: Value,
    pub annotations: Value,
    /// `__module__`.
    pub module: Value,
    /// The function's `__dict__` (NULL until an attribute is set): what decorators
    /// store (`__wrapped__`, counters, ...).
    pub dict: std::cell::RefCell<Value>,
    /// Assigned `__name__`, `__qualname__`, `__doc__` and `__module__`, in that order
    /// (NULL: the value the function was made with). Kept out of `__dict__`, as CPython
    /// keeps them in fields.
    pub assigned: std::cell::RefCell<[Value; 4]>,
}

/// The function attributes kept in [`Function::assigned`], by index.
pub const ASSIGNABLE: [&str; 4] = ["__name__", "__qualname__", "__doc__", "__module__"];

impl Function {
    /// Attribute `name` stored in the function's `__dict__`, or an assigned special.
    pub fn dict_attr(&self, name: &str) -> Option<Value> {
        if let Some(ix) = ASSIGNABLE.iter().position(|n| *n == name) {
            let v = self.assigned.borrow()[ix].clone();
            return (!v.is_null()).then_some(v);
        }
        self.dict
            .borrow()
            .as_dict()
            .and_then(|d| d.borrow().get_str(name).cloned())
    }

    /// `__doc__` when not set: the docstring, which the compiler always makes the
    /// first constant (None when there is none).
    pub fn docstring(&self) -> Value {
        self.code
            .consts
            .first()
            .filter(|c| c.as_pystr().is_some())
            .cloned()
            .unwrap_or(Value::NONE)
    }
}

/// Native function: `(vm, args, kwnames)` where `args` holds the positional arguments
/// (the receiver first for methods) followed by one value per keyword name.
pub type NativeFn = fn(&mut Vm, &[Value], &[Value]) -> PyResult<Value>;

/// A builtin function or method; `this` is the bound receiver (NULL when unbound).
pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    pub this: Value,
    /// Whether it is a method of a type (binds `self` on attribute access).
    pub is_method: bool,
}

/// A Python function bound to its `self`.
pub struct MethodObj {
    pub func: Value,
    pub this: Value,
}

/// A closure cell (NULL when empty).
pub struct CellObj(pub RefCell<Value>);

/// A code object as a value (`co_consts` entries, `func.__code__`).
pub struct CodeObj(pub Rc<Code>);

impl Vm {
    /// A closure cell holding `v` (NULL for an empty cell).
    pub fn new_cell(&mut self, v: Value) -> Value {
        new_object(&self.types.cell, CellObj(RefCell::new(v)))
    }
}

/// Moves `v` into `out`, leaving None (for `Trace::clear`).
pub(crate) fn take_into(v: &mut Value, out: &mut Vec<Value>) {
    out.push(std::mem::replace(v, Value::NONE));
}

impl Trace for Function {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        for v in [
            &self.globals,
            &self.defaults,
            &self.kwdefaults,
            &self.closure,
            &self.annotations,
            &self.module,
        ] {
            visit(v);
        }
        if let Ok(d) = self.dict.try_borrow() {
            visit(&d);
        }
        if let Ok(a) = self.assigned.try_borrow() {
            a.iter().filter(|v| !v.is_null()).for_each(&mut *visit);
        }
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        for v in [
            &mut self.globals,
            &mut self.defaults,
            &mut self.kwdefaults,
            &mut self.closure,
            &mut self.annotations,
            &mut self.module,
            self.dict.get_mut(),
        ] {
            take_into(v, out);
        }
        for v in self.assigned.get_mut() {
            take_into(v, out);
        }
    }
}

impl Trace for Builtin {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.this);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        take_into(&mut self.this, out);
    }
}

impl Trace for MethodObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.this);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        take_into(&mut self.func, out);
        take_into(&mut self.this, out);
    }
}

impl Trace for CellObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(v) = self.0.try_borrow() {
            visit(&v);
        }
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        take_into(self.0.get_mut(), out);
    }
}

impl Trace for CodeObj {}
