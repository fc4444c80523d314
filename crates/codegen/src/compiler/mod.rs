//! The compiler proper: walks the AST of one scope at a time and emits
//! instructions into basic blocks, as CPython 3.11's `Python/compile.c` does.
//!
//! One [`Unit`] per code object being built (module, class body, function,
//! lambda, comprehension), stacked while nested bodies compile. Instructions carry
//! block targets rather than offsets and may be pseudo-instructions (`JUMP`,
//! `POP_JUMP_IF_FALSE`, `SETUP_FINALLY`, ...); the [`crate::assembler`] resolves
//! those into CPython's real forward/backward jumps and the exception table.
//! The families of AST nodes live in sibling modules: `expr`, `call`, `stmt`,
//! `function` (def, class, lambda, comprehensions) and `exceptions`.

mod call;
mod exceptions;
mod expr;
mod function;
mod pattern;
mod stmt;

use std::collections::HashMap;
use std::rc::Rc;

use crate::name_table::NameTable;
use ast::{Constant, Int, Stmt};
use bytecode::{CodeFlags, CodeObject, ConstantValue, Opcode};
use source::{LineIndex, SyntaxError, TextRange};

use crate::assembler;
use crate::symtable::{mangle, NameScope, ScopeId, ScopeKind, SymbolTable, DEF_FREE_CLASS};

pub type CResult = Result<(), SyntaxError>;

/// An instruction before assembly: a real opcode or one of the pseudo-instructions
/// CPython's compiler uses and its assembler resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Real(Opcode),
    /// Unconditional jump; becomes `JUMP_FORWARD` or `JUMP_BACKWARD`.
    Jump,
    /// As `Jump`, but backward it becomes `JUMP_BACKWARD_NO_INTERRUPT`.
    JumpNoInterrupt,
    PopJumpIfFalse,
    PopJumpIfTrue,
    PopJumpIfNone,
    PopJumpIfNotNone,
    /// Pushes an exception handler (its target) for what follows; no code.
    SetupFinally,
    /// As `SetupFinally`, but the handler also gets `lasti`.
    SetupCleanup,
    /// As `SetupCleanup`, for a `with` body.
    SetupWith,
    /// Pops the innermost handler pushed by a `Setup*`; no code.
    PopBlock,
}

impl Op {
    pub fn is_jump(self) -> bool {
        match self {
            Op::Real(op) => op.is_jump(),
            Op::Jump
            | Op::JumpNoInterrupt
            | Op::PopJumpIfFalse
            | Op::PopJumpIfTrue
            | Op::PopJumpIfNone
            | Op::PopJumpIfNotNone => true,
            _ => false,
        }
    }

    pub fn is_block_push(self) -> bool {
        matches!(self, Op::SetupFinally | Op::SetupCleanup | Op::SetupWith)
    }

    pub fn is_unconditional_jump(self) -> bool {
        matches!(
            self,
            Op::Jump
                | Op::JumpNoInterrupt
                | Op::Real(Opcode::JUMP_FORWARD)
                | Op::Real(Opcode::JUMP_BACKWARD)
                | Op::Real(Opcode::JUMP_BACKWARD_NO_INTERRUPT)
        )
    }

    pub fn is_scope_exit(self) -> bool {
        matches!(
            self,
            Op::Real(Opcode::RETURN_VALUE)
                | Op::Real(Opcode::RAISE_VARARGS)
                | Op::Real(Opcode::RERAISE)
        )
    }
}

/// A source span with CPython's conventions: a negative `line` means "no location".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    pub line: i32,
    pub end_line: i32,
    pub col: i32,
    pub end_col: i32,
}

impl Loc {
    pub const NONE: Loc = Loc {
        line: -1,
        end_line: -1,
        col: -1,
        end_col: -1,
    };
}

pub type BlockId = usize;

#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
    pub target: Option<BlockId>,
    pub loc: Loc,
}

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub instrs: Vec<Instr>,
    pub exit: bool,
    pub nofallthrough: bool,
    pub predecessors: u32,
    pub start_depth: Option<i32>,
    pub preserve_lasti: bool,
    pub except_handler: bool,
    pub offset: u32,
}

/// What a `break`, `continue` or `return` must unwind on its way out (CPython's
/// `fblockinfo`).
#[derive(Clone, Copy)]
pub enum FBlockKind<'a> {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry(&'a [Stmt]),
    FinallyEnd,
    With(&'a Stmt),
    HandlerCleanup(Option<&'a str>),
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
}

#[derive(Clone, Copy)]
pub struct FBlock<'a> {
    pub kind: FBlockKind<'a>,
    pub block: Option<BlockId>,
    pub exit: Option<BlockId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

/// One code object under construction (CPython's `compiler_unit`).
pub struct Unit<'a> {
    pub kind: UnitKind,
    pub scope: ScopeId,
    pub name: String,
    pub qualname: String,
    pub private: Option<String>,
    pub blocks: Vec<Block>,
    /// Blocks in layout order (the order `use_next_block` placed them).
    pub layout: Vec<BlockId>,
    pub current: BlockId,
    pub consts: Vec<ConstantValue>,
    pub const_index: HashMap<String, u32>,
    /// Whether the last instruction emitted was a `RETURN_VALUE` (CPython's `b_return`).
    pub ends_with_return: bool,
    pub names: NameTable,
    pub varnames: NameTable,
    pub cellvars: NameTable,
    pub freevars: NameTable,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub firstlineno: u32,
    pub loc: Loc,
    pub fblocks: Vec<FBlock<'a>>,
}

pub struct Compiler<'a> {
    pub units: Vec<Unit<'a>>,
    pub symtable: SymbolTable,
    pub line_index: LineIndex,
    pub filename: Rc<str>,
    /// REPL mode: top-level expression statements print their value.
    pub interactive: bool,
    /// `from __future__ import annotations` (PEP 563): annotations become strings.
    pub future_annotations: bool,
}

/// The dedup key of a constant: type-sensitive like CPython's `_PyCode_ConstantKey`
/// (`1`, `1.0` and `True` stay distinct, as do `0.0` and `-0.0`).
fn const_key(value: &ConstantValue) -> String {
    match value {
        ConstantValue::None => "N".into(),
        ConstantValue::Bool(b) => format!("b{b}"),
        ConstantValue::Int(i) => format!("i{i}"),
        ConstantValue::BigInt(d) => format!("i{d}"),
        ConstantValue::Float(f) => format!("f{}", f.to_bits()),
        ConstantValue::Complex { real, imag } => format!("c{}:{}", real.to_bits(), imag.to_bits()),
        ConstantValue::Str(s) => format!("s{}:{s}", s.len()),
        ConstantValue::SurrogateStr(cps) => format!("u{cps:?}"),
        ConstantValue::Bytes(b) => format!("y{b:?}"),
        ConstantValue::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(const_key).collect();
            format!("t{}({})", items.len(), inner.join(","))
        }
        // CPython's key of a frozenset is the frozenset of its items' keys: equal
        // sets merge whatever their source order.
        ConstantValue::FrozenSet(items) => {
            let mut inner: Vec<String> = bytecode::const_set::dedup(items)
                .into_iter()
                .map(const_key)
                .collect();
            inner.sort();
            format!("F{}({})", inner.len(), inner.join(","))
        }
        ConstantValue::Code(code) => format!("o{:p}", Rc::as_ptr(code)),
        ConstantValue::Ellipsis => "E".into(),
    }
}

pub fn constant_value(c: &Constant) -> ConstantValue {
    match c {
        Constant::None => ConstantValue::None,
        Constant::Bool(b) => ConstantValue::Bool(*b),
        Constant::Str(s) => match s.as_str() {
            Some(text) => ConstantValue::Str(Rc::from(text)),
            None => ConstantValue::SurrogateStr(s.code_points().collect()),
        },
        Constant::Bytes(b) => ConstantValue::Bytes(Rc::from(b.as_slice())),
        Constant::Int(Int::Small(i)) => ConstantValue::Int(*i),
        Constant::Int(Int::Big(d)) => ConstantValue::BigInt(d.clone()),
        Constant::Float(f) => ConstantValue::Float(*f),
        Constant::Complex { real, imag } => ConstantValue::Complex {
            real: *real,
            imag: *imag,
        },
        Constant::Ellipsis => ConstantValue::Ellipsis,
        Constant::Tuple(items) => ConstantValue::Tuple(items.iter().map(constant_value).collect()),
        Constant::FrozenSet(items) => {
            let items: Vec<ConstantValue> = items.iter().map(constant_value).collect();
            bytecode::const_set::frozenset_constant(&items)
        }
    }
}

impl Unit<'_> {
    /// The index of `value` in `co_consts`, adding it if new (CPython merges equal
    /// constants by their type-sensitive key).
    pub fn add_const(&mut self, value: ConstantValue) -> u32 {
        let key = const_key(&value);
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(value);
        self.const_index.insert(key, i);
        i
    }
}

/// The unsupported-construct error the brief asks for.
pub fn unsupported(what: &str, range: TextRange) -> SyntaxError {
    SyntaxError::new(format!("coil does not support {what} yet"), range)
}

impl<'a> Compiler<'a> {
    pub fn new(symtable: SymbolTable, source: &str, filename: &str) -> Self {
        Compiler {
            units: Vec::new(),
            symtable,
            line_index: LineIndex::new(source),
            filename: Rc::from(filename),
            interactive: false,
            future_annotations: false,
        }
    }

    pub fn u(&mut self) -> &mut Unit<'a> {
        let last = self.units.len() - 1;
        &mut self.units[last]
    }

    pub fn ur(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    pub fn loc_of(&self, range: TextRange) -> Loc {
        if range == crate::constant_fold::NO_RANGE {
            return Loc::NONE;
        }
        let start = self.line_index.line_col(range.start());
        let end = self.line_index.line_col(range.end());
        Loc {
            line: start.line as i32,
            end_line: end.line as i32,
            col: start.col as i32,
            end_col: end.col as i32,
        }
    }

    pub fn line_of(&self, range: TextRange) -> u32 {
        self.line_index.line_col(range.start()).line
    }

    /// The current location moved to an attribute's name when the attribute
    /// expression spans lines (CPython 3.11's `update_start_location_to_match_attr`),
    /// so `obj\n.meth()` points at `meth`.
    pub fn match_attr_loc(&mut self, attr_range: TextRange, attr: &str) {
        let attr_loc = self.loc_of(attr_range);
        let u = self.u();
        if u.loc.line != attr_loc.end_line {
            u.loc.line = attr_loc.end_line;
            let len = attr.len() as i32;
            if len <= attr_loc.end_col {
                u.loc.col = attr_loc.end_col - len;
            } else {
                u.loc.col = -1;
                u.loc.end_col = -1;
            }
            u.loc.end_line = u.loc.end_line.max(u.loc.line);
            if u.loc.line == u.loc.end_line {
                u.loc.end_col = u.loc.end_col.max(u.loc.col);
            }
        }
    }

    /// The source range of the current location (for errors raised mid-statement).
    pub fn range_of_loc(&self) -> TextRange {
        let loc = self.ur().loc;
        if loc.line <= 0 {
            return TextRange::default();
        }
        let start = self.line_index.line_start(loc.line as u32, "")
            + source::TextSize::from(loc.col.max(0) as u32);
        let end = self.line_index.line_start(loc.end_line as u32, "")
            + source::TextSize::from(loc.end_col.max(0) as u32);
        TextRange::new(start, end.max(start))
    }

    pub fn set_loc(&mut self, range: TextRange) {
        let loc = self.loc_of(range);
        self.u().loc = loc;
    }

    pub fn unset_loc(&mut self) {
        self.u().loc = Loc::NONE;
    }

    /// An error at the current location (CPython's `compiler_error`).
    pub fn error_at(&self, msg: impl Into<String>, range: TextRange) -> SyntaxError {
        SyntaxError::new(msg, range)
    }

    // ---- scopes ----

    pub fn enter_scope(&mut self, kind: UnitKind, name: &str, scope: ScopeId, firstlineno: u32) {
        let st = &self.symtable.scopes[scope];
        let mut varnames = NameTable::new();
        for p in &st.params {
            varnames.insert_full(p.clone());
        }
        let mut cellvars = NameTable::new();
        if st.needs_class_closure {
            cellvars.insert_full("__class__".to_string());
        }
        for n in st.sorted_names(NameScope::Cell, 0) {
            cellvars.insert_full(n);
        }
        let mut freevars = NameTable::new();
        for n in st.sorted_names(NameScope::Free, DEF_FREE_CLASS) {
            freevars.insert_full(n);
        }
        let private = if kind == UnitKind::Class {
            Some(name.to_string())
        } else {
            self.units.last().and_then(|u| u.private.clone())
        };
        let qualname = self.qualname_for(kind, name);
        let line = firstlineno as i32;
        let mut unit = Unit {
            kind,
            scope,
            name: name.to_string(),
            qualname,
            private,
            blocks: vec![Block::default()],
            layout: vec![0],
            current: 0,
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: NameTable::new(),
            varnames,
            cellvars,
            freevars,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            firstlineno,
            loc: Loc {
                line,
                end_line: line,
                col: 0,
                end_col: 0,
            },
            fblocks: Vec::new(),
            ends_with_return: false,
        };
        if kind == UnitKind::Module {
            // CPython 3.11 gives the module's RESUME line 0 (co_positions (0, 1, 0, 0)).
            unit.loc = Loc {
                line: 0,
                end_line: 1,
                col: 0,
                end_col: 0,
            };
        }
        self.units.push(unit);
        self.emit(Op::Real(Opcode::RESUME), 0);
        if kind == UnitKind::Module {
            self.u().loc = Loc::NONE;
        }
    }

    /// CPython's `compiler_set_qualname`.
    fn qualname_for(&self, kind: UnitKind, name: &str) -> String {
        if kind == UnitKind::Module {
            return name.to_string();
        }
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        if parent.kind == UnitKind::Module {
            return name.to_string();
        }
        // A name declared global in the parent is not qualified by it.
        if matches!(
            kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
        ) {
            let mangled = mangle(parent.private.as_deref(), name);
            if self.symtable.scopes[parent.scope].scope_of(&mangled)
                == Some(NameScope::GlobalExplicit)
            {
                return name.to_string();
            }
        }
        if matches!(
            parent.kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda
        ) {
            format!("{}.<locals>.{}", parent.qualname, name)
        } else {
            format!("{}.{}", parent.qualname, name)
        }
    }

    /// Finishes the innermost unit and returns its code object.
    pub fn exit_scope(&mut self, add_none: bool) -> Result<CodeObject, SyntaxError> {
        let unit = self
            .units
            .pop()
            .ok_or_else(|| SyntaxError::new("internal error: no unit", TextRange::default()))?;
        let flags = self.compute_flags(&unit);
        Ok(assembler::assemble(unit, flags, add_none, &self.filename))
    }

    fn compute_flags(&self, unit: &Unit<'a>) -> u32 {
        let st = &self.symtable.scopes[unit.scope];
        let mut flags = 0;
        if st.kind == ScopeKind::Function {
            flags |= CodeFlags::NEWLOCALS | CodeFlags::OPTIMIZED;
            if st.nested {
                flags |= CodeFlags::NESTED;
            }
            if st.is_generator && !st.is_coroutine {
                flags |= CodeFlags::GENERATOR;
            }
            if !st.is_generator && st.is_coroutine {
                flags |= CodeFlags::COROUTINE;
            }
            if st.is_generator && st.is_coroutine {
                flags |= CodeFlags::ASYNC_GENERATOR;
            }
            if st.has_varargs {
                flags |= CodeFlags::VARARGS;
            }
            if st.has_varkeywords {
                flags |= CodeFlags::VARKEYWORDS;
            }
        }
        flags
    }

    // ---- emission ----

    pub fn new_block(&mut self) -> BlockId {
        let u = self.u();
        u.blocks.push(Block::default());
        u.blocks.len() - 1
    }

    /// Continues emission in `block`, placed next in the layout.
    pub fn use_next_block(&mut self, block: BlockId) {
        let u = self.u();
        u.layout.push(block);
        u.current = block;
        u.ends_with_return = false;
    }

    pub fn emit_loc(&mut self, op: Op, arg: u32, target: Option<BlockId>, loc: Loc) {
        let u = self.u();
        let cur = u.current;
        u.blocks[cur].instrs.push(Instr {
            op,
            arg,
            target,
            loc,
        });
        // A jump or a scope exit ends its basic block.
        if op.is_jump() || op.is_scope_exit() {
            let next = self.new_block();
            self.use_next_block(next);
        }
        self.u().ends_with_return = op == Op::Real(Opcode::RETURN_VALUE);
    }

    pub fn emit(&mut self, op: Op, arg: u32) {
        let loc = self.ur().loc;
        self.emit_loc(op, arg, None, loc);
    }

    pub fn op(&mut self, opcode: Opcode) {
        self.emit(Op::Real(opcode), 0);
    }

    pub fn op_arg(&mut self, opcode: Opcode, arg: u32) {
        self.emit(Op::Real(opcode), arg);
    }

    pub fn jump(&mut self, op: Op, target: BlockId) {
        let loc = self.ur().loc;
        self.emit_loc(op, 0, Some(target), loc);
    }

    /// A jump that is artificial (no line number), CPython's `ADDOP_JUMP_NOLINE`.
    pub fn jump_noline(&mut self, op: Op, target: BlockId) {
        self.emit_loc(op, 0, Some(target), Loc::NONE);
    }

    pub fn add_const(&mut self, value: ConstantValue) -> u32 {
        self.u().add_const(value)
    }

    pub fn load_const(&mut self, value: ConstantValue) {
        let i = self.add_const(value);
        self.op_arg(Opcode::LOAD_CONST, i);
    }

    pub fn add_name(&mut self, name: &str) -> u32 {
        let mangled = mangle(self.ur().private.as_deref(), name);
        self.u().names.insert_full(mangled).0 as u32
    }

    pub fn op_name(&mut self, opcode: Opcode, name: &str) {
        let i = self.add_name(name);
        self.op_arg(opcode, i);
    }

    /// The index of a cell or free variable in CPython's pre-assembly numbering:
    /// cells first, then frees (the assembler maps these to "fast locals plus" slots).
    pub fn deref_index(&mut self, name: &str, prefer_cell: bool) -> u32 {
        let u = self.ur();
        if prefer_cell {
            if let Some(i) = u.cellvars.get_index_of(name) {
                return i as u32;
            }
        }
        if let Some(i) = u.freevars.get_index_of(name) {
            return (u.cellvars.len() + i) as u32;
        }
        if let Some(i) = u.cellvars.get_index_of(name) {
            return i as u32;
        }
        // Unknown: treat as a new free variable so assembly stays consistent.
        let u = self.u();
        let i = u.freevars.insert_full(name.to_string()).0;
        (u.cellvars.len() + i) as u32
    }

    /// Load, store or delete `name` with the right family of opcodes
    /// (CPython's `compiler_nameop`).
    pub fn nameop(&mut self, name: &str, ctx: ast::ExprContext) {
        use ast::ExprContext::*;
        let mangled = mangle(self.ur().private.as_deref(), name);
        let scope_id = self.ur().scope;
        let st = &self.symtable.scopes[scope_id];
        let is_function = st.kind == ScopeKind::Function;
        let is_class = st.kind == ScopeKind::Class;
        let scope = st.scope_of(&mangled);
        enum Kind {
            Fast,
            Global,
            Deref(bool),
            Name,
        }
        let kind = match scope {
            Some(NameScope::Free) => Kind::Deref(false),
            Some(NameScope::Cell) => Kind::Deref(true),
            Some(NameScope::Local) if is_function => Kind::Fast,
            Some(NameScope::GlobalImplicit) if is_function => Kind::Global,
            Some(NameScope::GlobalExplicit) => Kind::Global,
            _ => Kind::Name,
        };
        match kind {
            Kind::Fast => {
                let i = self.u().varnames.insert_full(mangled).0 as u32;
                let op = match ctx {
                    Load => Opcode::LOAD_FAST,
                    Store => Opcode::STORE_FAST,
                    Del => Opcode::DELETE_FAST,
                };
                self.op_arg(op, i);
            }
            Kind::Deref(cell) => {
                let i = self.deref_index(&mangled, cell);
                let op = match ctx {
                    Load if is_class => Opcode::LOAD_CLASSDEREF,
                    Load => Opcode::LOAD_DEREF,
                    Store => Opcode::STORE_DEREF,
                    Del => Opcode::DELETE_DEREF,
                };
                self.op_arg(op, i);
            }
            Kind::Global => {
                let i = self.u().names.insert_full(mangled).0 as u32;
                match ctx {
                    Load => self.op_arg(Opcode::LOAD_GLOBAL, i << 1),
                    Store => self.op_arg(Opcode::STORE_GLOBAL, i),
                    Del => self.op_arg(Opcode::DELETE_GLOBAL, i),
                }
            }
            Kind::Name => {
                let i = self.u().names.insert_full(mangled).0 as u32;
                let op = match ctx {
                    Load => Opcode::LOAD_NAME,
                    Store => Opcode::STORE_NAME,
                    Del => Opcode::DELETE_NAME,
                };
                self.op_arg(op, i);
            }
        }
    }

    pub fn push_fblock(
        &mut self,
        kind: FBlockKind<'a>,
        block: Option<BlockId>,
        exit: Option<BlockId>,
        range: TextRange,
    ) -> CResult {
        // CPython's CO_MAXBLOCKS.
        if self.ur().fblocks.len() >= 20 {
            return Err(self.error_at("too many statically nested blocks", range));
        }
        self.u().fblocks.push(FBlock { kind, block, exit });
        Ok(())
    }

    pub fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    /// Whether the current scope is a function body (for `return` and `yield`).
    pub fn in_function(&self) -> bool {
        self.symtable.scopes[self.ur().scope].kind == ScopeKind::Function
    }
}

/// Whether the module's leading `from __future__ import ...` statements (after
/// the docstring) include `annotations`.
fn has_future_annotations(body: &[Stmt]) -> bool {
    let start = usize::from(stmt::docstring(body).is_some());
    for s in &body[start.min(body.len())..] {
        match &s.kind {
            ast::StmtKind::ImportFrom {
                module: Some(m),
                names,
                ..
            } if m == "__future__" => {
                if names.iter().any(|a| a.name == "annotations") {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

/// What kind of top-level code is compiled (`compile()`'s mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Single,
    Eval,
}

/// Compiles a module body into its code object.
pub fn compile_body<'a>(
    compiler: &mut Compiler<'a>,
    body: &'a [Stmt],
    mode: Mode,
) -> Result<CodeObject, SyntaxError> {
    compiler.future_annotations = has_future_annotations(body);
    compiler.enter_scope(UnitKind::Module, "<module>", 0, 1);
    match mode {
        Mode::Exec => compiler.compile_body(body)?,
        Mode::Single => {
            compiler.interactive = true;
            if stmt::has_annotations(body) {
                compiler.op(Opcode::SETUP_ANNOTATIONS);
            }
            compiler.visit_stmts(body)?;
        }
        Mode::Eval => {
            if let Some(Stmt {
                kind: ast::StmtKind::Expr { value },
                ..
            }) = body.first()
            {
                compiler.visit_expr(value)?;
            }
            return compiler.exit_scope(false);
        }
    }
    compiler.exit_scope(true)
}
