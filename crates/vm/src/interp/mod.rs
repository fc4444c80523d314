//! The virtual machine: its state (value stack, frames, builtin types, stdout) and the
//! interpreter loop that runs CPython 3.11 bytecode.
//!
//! One contiguous value stack holds every frame's locals ("localsplus") followed by its
//! evaluation stack. A Python-to-Python call pushes a small `Frame` record and the loop
//! continues in place; only native code calling back into Python re-enters the loop.

mod binary;
pub(crate) mod breaker;
mod build;
mod call;
mod compare;
mod eval;
mod except_star;
mod exceptions;
mod gen_frames;
mod iter;
mod load_store;
mod pattern;
pub(crate) mod specialize;
mod value_stack;
mod verify;

use std::io::Write;
use std::rc::Rc;

use bytecode::{CodeObject, ConstantValue, Opcode};

use crate::builtins::Types;
use crate::objects::function::Instr;
use crate::objects::CodeObj;
use crate::objects::{new_object, Code};
use crate::value::Value;
use crate::PyResult;

/// CPython's default `sys.getrecursionlimit()`.
pub const RECURSION_LIMIT: usize = 1000;

/// An activation record. Its locals live in `vm.stack[base..base + nlocalsplus]`.
pub struct Frame {
    pub code: Rc<Code>,
    /// Index of the next instruction to run.
    pub ip: usize,
    /// Start of the instruction being run (for tracebacks and the exception table).
    pub lasti: usize,
    pub base: usize,
    /// Where the stack is cut back to when this frame returns (its callable's slot).
    pub call_base: usize,
    pub globals: Value,
    /// The locals dict of module and class bodies (`LOAD_NAME`), or NULL.
    pub locals: Value,
    /// The function being run, or NULL for module code.
    pub func: Value,
    /// Returning from this frame returns from the `run` call that pushed it.
    pub is_entry: bool,
    /// A generator's frame resumed by the loop itself (`FOR_ITER`, `SEND`): its
    /// yield, return or exception goes back to the caller frame through the top of
    /// `Vm::resumed_generators` (see `gen_frames.rs`).
    pub resumed_in_loop: bool,
    /// An `__init__` run for `C(...)` by the loop itself: it must return None, and the
    /// instance, left on the caller's stack below the arguments, is the call's result.
    pub is_init: bool,
}

pub struct Vm {
    pub types: Types,
    pub builtins: Value,
    pub(crate) stack: value_stack::ValueStack,
    pub(crate) frames: Vec<Frame>,
    pub(crate) out: std::io::BufWriter<std::io::Stdout>,
    /// The exception being handled (`sys.exc_info()[1]`), or None.
    pub(crate) exc_info: Value,
    /// The keyword names `KW_NAMES` set for the `CALL` right after it (NULL
    /// otherwise); kept here rather than in a local of the loop, which then has one
    /// value fewer to keep across every instruction.
    pub(crate) kwnames: Value,
    /// Nesting of native-to-Python re-entries, bounded like the frame depth.
    pub(crate) native_depth: usize,
    /// Containers being repr'd, to print `[...]` for self-references.
    pub(crate) repr_stack: Vec<Value>,
    /// The frame `YIELD_VALUE` just suspended, collected by `gen_resume`.
    pub(crate) yielded: Option<(Frame, Vec<Value>)>,
    /// One record per generator frame the loop resumed in place, innermost last.
    pub(crate) resumed_generators: Vec<gen_frames::ResumedGenerator>,
    /// Imported modules by name (`sys.modules`).
    pub modules: Value,
    pub(crate) module_loader: Option<crate::modules::ModuleLoader>,
    /// The embedder's compiler for `compile()`, `exec()` and `eval()`.
    pub(crate) source_compiler: Option<crate::modules::SourceCompiler>,
    /// Interned strings (names, identifier-like constants): one object per text.
    interned: std::collections::HashMap<Rc<str>, Value>,
    /// Type-attribute lookup cache (see `protocol::attr`), indexed by (type, name).
    pub(crate) attr_cache: Vec<crate::protocol::attr::AttrCacheEntry>,
    /// The interned `"__setattr__"`, looked up through the cache on every store.
    pub(crate) name_setattr: Value,
    /// The interned `"__init__"` and `"__new__"`, looked up on every instantiation, and
    /// `"__getattr__"`, looked up on every attribute miss.
    pub(crate) name_init: Value,
    pub(crate) name_new: Value,
    pub(crate) name_getattr: Value,
    /// The interned `"__getattribute__"`, looked up on every generic attribute read.
    pub(crate) name_getattribute: Value,
    /// `object.__init__`, which a class inheriting it needs no call to.
    pub(crate) object_init: Value,
    /// Python-level signal handlers (`modules::signal`).
    pub(crate) signals: crate::modules::signal::SignalState,
    pub argv: Vec<String>,
    /// `sys.getrecursionlimit()`: the bound on Python frames plus native re-entries.
    pub(crate) recursion_limit: usize,
}

impl Vm {
    pub fn new(argv: Vec<String>) -> Vm {
        let types = Types::new();
        let mut vm = Vm {
            builtins: Value::NONE,
            types,
            stack: value_stack::ValueStack::new(),
            frames: Vec::with_capacity(64),
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            exc_info: Value::NONE,
            kwnames: Value::NULL,
            native_depth: 0,
            repr_stack: Vec::new(),
            yielded: None,
            resumed_generators: Vec::new(),
            modules: Value::NONE,
            module_loader: None,
            source_compiler: None,
            interned: std::collections::HashMap::new(),
            attr_cache: crate::protocol::attr::new_attr_cache(),
            name_setattr: Value::NONE,
            name_init: Value::NONE,
            name_new: Value::NONE,
            name_getattr: Value::NONE,
            name_getattribute: Value::NONE,
            object_init: Value::NONE,
            signals: crate::modules::signal::SignalState::new(),
            argv,
            recursion_limit: RECURSION_LIMIT,
        };
        crate::builtins::init(&mut vm);
        vm.modules = vm.new_dict();
        vm.name_setattr = vm.intern("__setattr__");
        vm.name_init = vm.intern("__init__");
        vm.name_new = vm.intern("__new__");
        vm.name_getattr = vm.intern("__getattr__");
        vm.name_getattribute = vm.intern("__getattribute__");
        let object = vm.types.object.clone();
        vm.object_init = vm.type_lookup(&object, "__init__").unwrap_or(Value::NONE);
        vm
    }

    /// The type object of any value.
    #[inline]
    pub fn type_of<'a>(&'a self, v: &'a Value) -> &'a Value {
        use crate::value::Inline;
        match v.classify() {
            Inline::Ptr => match v.header() {
                Some(h) if !h.ty.is_null() => &h.ty,
                _ => &self.types.type_,
            },
            Inline::Float(_) => &self.types.float,
            Inline::Int(_) => &self.types.int,
            Inline::Bool(_) => &self.types.bool,
            Inline::None => &self.types.none_type,
            Inline::NotImplemented => &self.types.not_implemented_type,
            Inline::Ellipsis => &self.types.ellipsis_type,
            Inline::Null => &self.types.none_type,
        }
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: &Value) -> Rc<str> {
        match self.type_of(v).as_type() {
            Some(t) => t.name.clone(),
            None => Rc::from("object"),
        }
    }

    /// Converts the compiler's code object into the VM's form.
    pub fn load_code(&mut self, co: &CodeObject) -> Rc<Code> {
        let instrs: Box<[std::cell::Cell<Instr>]> = co
            .code
            .iter()
            .map(|u| {
                std::cell::Cell::new(Instr {
                    op: Opcode::from_u8(u.op).unwrap_or(Opcode::CACHE),
                    arg: u.arg,
                })
            })
            .collect();
        let caches: Box<[std::cell::Cell<u32>]> =
            (0..instrs.len()).map(|_| std::cell::Cell::new(0)).collect();
        let simple = co.kwonlyargcount == 0
            && !co.flags.contains(
                bytecode::CodeFlags::VARARGS
                    | bytecode::CodeFlags::VARKEYWORDS
                    | bytecode::CodeFlags::COROUTINE
                    | bytecode::CodeFlags::ASYNC_GENERATOR,
            );
        let exact_argcount = if simple {
            co.argcount as usize
        } else {
            usize::MAX
        };
        let consts = co.consts.iter().map(|c| self.load_const(c)).collect();
        let names = co.names.iter().map(|n| self.intern(n)).collect();
        let mut localsplus_names: Vec<Rc<str>> = co.varnames.clone();
        for cell in &co.cellvars {
            if !co.varnames.contains(cell) {
                localsplus_names.push(cell.clone());
            }
        }
        let free_start = localsplus_names.len();
        localsplus_names.extend(co.freevars.iter().cloned());
        verify::check_operands(&instrs, localsplus_names.len(), co.consts.len());
        specialize::quicken(&instrs, &caches);
        Rc::new(Code {
            instrs,
            caches,
            exact_argcount,
            consts,
            names,
            localsplus_names,
            nlocals: co.varnames.len(),
            free_start,
            argcount: co.argcount as usize,
            posonlyargcount: co.posonlyargcount as usize,
            kwonlyargcount: co.kwonlyargcount as usize,
            flags: co.flags,
            name: co.name.clone(),
            qualname: co.qualname.clone(),
            filename: co.filename.clone(),
            firstlineno: co.firstlineno,
            locations: co.locations.clone(),
            exception_table: co.exception_table.clone(),
            stacksize: co.stacksize as usize,
            entry_ip: usize::from(co.code.first().is_some_and(|u| {
                matches!(
                    Opcode::from_u8(u.op),
                    Some(Opcode::RESUME | Opcode::RESUME_QUICK)
                )
            })),
        })
    }

    fn load_const(&mut self, c: &ConstantValue) -> Value {
        match c {
            ConstantValue::None => Value::NONE,
            ConstantValue::Bool(b) => Value::bool(*b),
            ConstantValue::Int(i) => self.new_int(*i),
            ConstantValue::BigInt(digits) => match digits.parse::<dashu_int::IBig>() {
                Ok(i) => self.new_bigint(i),
                Err(_) => Value::NONE,
            },
            ConstantValue::Float(f) => Value::float(*f),
            ConstantValue::Complex { real, imag } => self.new_complex(*real, *imag),
            // CPython interns identifier-like constants; sharing them makes name
            // lookups compare by pointer.
            ConstantValue::Str(s)
                if s.len() <= 64 && s.chars().all(|c| c.is_alphanumeric() || c == '_') =>
            {
                self.intern(s)
            }
            ConstantValue::Str(s) => self.new_str(s),
            ConstantValue::SurrogateStr(cps) => {
                let mut b = crate::objects::text::StrBuilder::with_capacity(cps.len() * 3);
                for &cp in cps.iter() {
                    b.push_code_point(cp);
                }
                self.new_str_from_builder(&b)
            }
            ConstantValue::Bytes(b) => self.new_bytes(b),
            ConstantValue::Tuple(items) => {
                let items: Vec<Value> = items.iter().map(|c| self.load_const(c)).collect();
                self.new_tuple(items)
            }
            ConstantValue::FrozenSet(items) => {
                // Added in the stored order, as CPython's compiler re-adds them when
                // it merges constants: the table (and so iteration order) is CPython's.
                let items: Vec<Value> = items.iter().map(|c| self.load_const(c)).collect();
                let list = self.new_list(items);
                let ty = self.types.frozenset.clone();
                match self.set_from_iterable(&ty, &list) {
                    Ok(v) => v,
                    // Constants are hashable by construction.
                    Err(_) => Value::NONE,
                }
            }
            ConstantValue::Code(co) => {
                let code = self.load_code(co);
                new_object(&self.types.code, CodeObj(code))
            }
            ConstantValue::Ellipsis => Value::ELLIPSIS,
        }
    }

    /// Runs module code with `globals` as both globals and locals.
    pub fn run_module_code(&mut self, code: Rc<Code>, globals: Value) -> PyResult<Value> {
        self.push_frame_for_code(code, globals.clone(), globals, Value::NULL)?;
        self.run()
    }

    /// Pushes a fresh frame (all locals unbound) for code with no arguments, marked as
    /// an entry frame, so the next `run` executes it to completion.
    pub(crate) fn push_frame_for_code(
        &mut self,
        code: Rc<Code>,
        globals: Value,
        locals: Value,
        func: Value,
    ) -> PyResult<()> {
        self.check_depth(&code)?;
        let base = self.stack.len();
        for _ in 0..code.nlocalsplus() {
            self.stack.push(Value::NULL);
        }
        self.push_frame_record(code, base, base, globals, locals, func, true);
        Ok(())
    }

    /// Pushes the record of a frame about to start (`ip` 0), writing each field
    /// straight into the frame stack's storage. Built as a temporary and copied, the
    /// copy's 16-byte loads stall on the 8-byte stores that built it (store
    /// forwarding fails): 9% of a call-heavy run went there.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(crate) fn push_frame_record(
        &mut self,
        code: Rc<Code>,
        base: usize,
        call_base: usize,
        globals: Value,
        locals: Value,
        func: Value,
        is_entry: bool,
    ) {
        self.frames.reserve(1);
        let len = self.frames.len();
        // SAFETY: `reserve` made room for one more record at `len`; every field is
        // written once before `set_len` makes the record part of the vector.
        unsafe {
            let p = self.frames.as_mut_ptr().add(len);
            std::ptr::addr_of_mut!((*p).ip).write(code.entry_ip);
            std::ptr::addr_of_mut!((*p).code).write(code);
            std::ptr::addr_of_mut!((*p).lasti).write(0);
            std::ptr::addr_of_mut!((*p).base).write(base);
            std::ptr::addr_of_mut!((*p).call_base).write(call_base);
            std::ptr::addr_of_mut!((*p).globals).write(globals);
            std::ptr::addr_of_mut!((*p).locals).write(locals);
            std::ptr::addr_of_mut!((*p).func).write(func);
            std::ptr::addr_of_mut!((*p).is_entry).write(is_entry);
            std::ptr::addr_of_mut!((*p).resumed_in_loop).write(false);
            std::ptr::addr_of_mut!((*p).is_init).write(false);
            self.frames.set_len(len + 1);
        }
    }

    /// Drops what the VM caches on the side (the type-attribute cache), so the objects
    /// only it still references can be freed; lookups refill it.
    pub fn clear_caches(&mut self) {
        self.attr_cache = crate::protocol::attr::new_attr_cache();
    }

    /// The shared str object for `s`.
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(v) = self.interned.get(s) {
            return v.clone();
        }
        let v = self.new_str(s);
        // Interned strings live as long as the VM's table, so their counts need no
        // updates (names are cloned on every attribute and global access).
        if let Some(h) = v.header() {
            h.make_immortal();
        }
        self.interned.insert(Rc::from(s), v.clone());
        v
    }

    /// Checks that a frame of `code` may be pushed: under the recursion limit, and
    /// with room on the value stack for its locals and its deepest evaluation stack
    /// (handlers push without further checks against the frame's own bound).
    #[inline]
    pub(crate) fn check_depth(&mut self, code: &Code) -> PyResult<()> {
        if self.frames.len() + self.native_depth >= self.recursion_limit
            || self.stack.room() <= code.nlocalsplus() + code.stacksize
        {
            return Err(self.recursion_error());
        }
        Ok(())
    }

    /// The recursion depth `sys.setrecursionlimit` compares a new limit with.
    pub(crate) fn recursion_depth(&self) -> usize {
        self.frames.len() + self.native_depth
    }

    /// Counts one level of native recursion through a container (repr, comparison,
    /// hash of nested values), which shares the recursion limit with Python frames as
    /// in CPython; `what` completes the RecursionError message.
    #[inline]
    pub(crate) fn enter_native_call(&mut self, what: &str) -> PyResult<()> {
        if self.frames.len() + self.native_depth >= self.recursion_limit {
            let ty = self.types.recursion_error.clone();
            return Err(self.new_exception(&ty, &format!("maximum recursion depth exceeded{what}")));
        }
        self.native_depth += 1;
        Ok(())
    }

    #[inline]
    pub(crate) fn leave_native_call(&mut self) {
        self.native_depth -= 1;
    }

    pub fn flush_stdout(&mut self) {
        let _ = self.out.flush();
    }

    /// Writes to stdout through the buffer (`print`).
    pub fn write_stdout(&mut self, s: &str) {
        let _ = self.out.write_all(s.as_bytes());
    }
}

/// Runs `code` as the `__main__` module; see [`crate::run_main`].
pub fn run_main(
    code: CodeObject,
    argv: Vec<String>,
    loader: Option<crate::modules::ModuleLoader>,
    compiler: Option<crate::modules::SourceCompiler>,
) -> i32 {
    let mut vm = Vm::new(argv);
    vm.module_loader = loader;
    vm.source_compiler = compiler;
    vm.install_signal_handlers();
    let code = vm.load_code(&code);
    // The `__main__` module, as CPython sets it up for a script: its namespace
    // is the script's globals, and it is in `sys.modules` before the body runs.
    let globals = vm.new_dict();
    let loader = vm
        .source_file_loader("__main__", &code.filename)
        .unwrap_or(Value::NONE);
    let annotations = vm.new_dict();
    let entries = [
        ("__name__", vm.new_str("__main__")),
        ("__doc__", Value::NONE),
        ("__package__", Value::NONE),
        ("__loader__", loader),
        ("__spec__", Value::NONE),
        ("__annotations__", annotations),
        ("__builtins__", vm.builtins.clone()),
        ("__file__", vm.new_str(&code.filename)),
        ("__cached__", Value::NONE),
    ];
    for (k, v) in entries {
        let k = vm.new_str(k);
        let _ = vm.dict_set(&globals, k, v);
    }
    let main_module = crate::objects::new_object(
        &vm.types.module,
        crate::objects::ModuleObj {
            name: Rc::from("__main__"),
            dict: globals.clone(),
        },
    );
    let modules = vm.modules.clone();
    let main_key = vm.new_str("__main__");
    let _ = vm.dict_set(&modules, main_key, main_module);
    let result = vm.run_module_code(code, globals.clone());
    vm.run_finalizers();
    let status = match result {
        Ok(_) => 0,
        Err(exc) => {
            crate::modules::signal::note_uncaught(&vm, &exc);
            vm.handle_uncaught(exc)
        }
    };
    // Interpreter shutdown clears the module namespace, which closes suspended
    // generators still referenced from globals (their `finally` blocks print).
    if let Some(d) = globals.as_dict() {
        let entries = std::mem::take(&mut *d.borrow_mut());
        drop(entries);
    }
    vm.run_finalizers();
    vm.flush_stdout();
    status
}
