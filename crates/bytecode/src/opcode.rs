//! The opcode table: the single source of truth for every instruction.
//!
//! Coil executes CPython 3.11's instruction set with CPython's numbering, so
//! `--dump bytecode` reads like `python3 -m dis` and the semantics of every
//! instruction are CPython's. Each row gives the name, the numeric id, the number of
//! inline cache units that follow the instruction, what the operand means, and
//! the family (the base instruction a specialized form falls back to, PEP 659),
//! and one line of documentation.
//! Everything else (the `Opcode` enum, name lookup, the disassembler's operand
//! rendering, docs/opcodes.md) is derived from this table.

/// What an instruction's operand (its `oparg`) refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    /// No operand; the arg byte is ignored (ids below `HAVE_ARGUMENT`).
    None,
    /// Index into `co_consts`.
    Const,
    /// Index into `co_names`.
    Name,
    /// `(index into co_names) << 1 | push_null`, as `LOAD_GLOBAL` uses it.
    GlobalName,
    /// Index into `co_varnames` (the fast locals).
    Local,
    /// A cell or free variable, as CPython 3.11 numbers them: an index into the
    /// "fast locals plus" slots ([`crate::CodeObject::localsplus_names`]), so a cell
    /// that is also a parameter has the parameter's index.
    Free,
    /// Index into the comparison operators (`<`, `<=`, `==`, `!=`, `>`, `>=`).
    Compare,
    /// Which binary operator `BINARY_OP` applies (`NB_ADD`, ...).
    BinaryOp,
    /// Forward jump: target = next instruction (after caches) + oparg code units.
    JumpForward,
    /// Backward jump: target = next instruction (after caches) - oparg code units.
    JumpBackward,
    /// A count, flag set or other plain number.
    Raw,
}

/// First opcode id that takes an operand (CPython's `HAVE_ARGUMENT`).
pub const HAVE_ARGUMENT: u8 = 90;

/// Static facts about one opcode.
#[derive(Clone, Copy, Debug)]
pub struct OpInfo {
    pub name: &'static str,
    pub cache_entries: u8,
    pub operand: Operand,
    pub family: Opcode,
    /// One line saying what the instruction does.
    pub doc: &'static str,
}

macro_rules! opcode_table {
    ($($name:ident = $id:literal, cache $cache:literal, $operand:ident, family $family:ident, $doc:literal;)*) => {
        /// Every instruction, numbered as in CPython 3.11 (specialized forms included).
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $(#[doc = $doc] $name = $id,)*
        }

        impl Opcode {
            /// All opcodes in id order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name,)*];

            /// The opcode with numeric id `byte`, if there is one.
            pub const fn from_u8(byte: u8) -> Option<Opcode> {
                match byte {
                    $($id => Some(Opcode::$name),)*
                    _ => None,
                }
            }

            pub const fn info(self) -> OpInfo {
                match self {
                    $(Opcode::$name => OpInfo {
                        name: stringify!($name),
                        cache_entries: $cache,
                        operand: Operand::$operand,
                        family: Opcode::$family,
                        doc: $doc,
                    },)*
                }
            }
        }
    };
}

impl Opcode {
    pub const fn name(self) -> &'static str {
        self.info().name
    }

    pub const fn cache_entries(self) -> u8 {
        self.info().cache_entries
    }

    pub const fn operand(self) -> Operand {
        self.info().operand
    }

    /// The base instruction of this one's family (itself for a base instruction).
    pub const fn family(self) -> Opcode {
        self.info().family
    }

    pub fn is_specialized(self) -> bool {
        self.family() != self
    }

    pub fn is_jump(self) -> bool {
        matches!(self.operand(), Operand::JumpForward | Operand::JumpBackward)
    }

    pub const fn has_arg(self) -> bool {
        self as u8 >= HAVE_ARGUMENT
    }

    pub fn from_name(name: &str) -> Option<Opcode> {
        Opcode::ALL.iter().copied().find(|op| op.name() == name)
    }

    /// One line saying what the instruction does.
    pub const fn doc(self) -> &'static str {
        self.info().doc
    }
}

/// The command that regenerates `docs/opcodes.md`.
pub const OPCODE_DOCS_COMMAND: &str =
    "UPDATE_OPCODE_DOCS=1 cargo test -p bytecode --test opcode_docs";

/// `docs/opcodes.md`: the opcode table as Markdown, generated from this table.
pub fn opcode_docs_markdown() -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- Generated from crates/bytecode/src/opcode.rs: do not edit. Regenerate with `{OPCODE_DOCS_COMMAND}`. -->"
    );
    out.push_str("# Opcodes\n\n");
    out.push_str(
        "Coil executes CPython 3.11's instruction set with CPython's numbering. Each instruction is \
         one 16-bit code unit (opcode, arg), preceded by `EXTENDED_ARG` units when the arg needs more \
         than 8 bits and followed by its inline `CACHE` units. Jump args count code units from the \
         instruction after the caches. Specialized forms (PEP 659) belong to the family of their base \
         instruction and are only created by the VM.\n\n",
    );
    out.push_str("| id | name | operand | caches | family | what it does |\n");
    out.push_str("|---:|---|---|---:|---|---|\n");
    for &op in Opcode::ALL {
        let family = if op.is_specialized() {
            op.family().name()
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| {} | `{}` | {:?} | {} | {} | {} |",
            op as u8,
            op.name(),
            op.operand(),
            op.cache_entries(),
            family,
            op.doc().replace('|', "\\|")
        );
    }
    out
}

opcode_table! {
    CACHE = 0, cache 0, None, family CACHE, "An inline cache unit following a specializable instruction; never executed.";
    POP_TOP = 1, cache 0, None, family POP_TOP, "Pops the top of the stack.";
    PUSH_NULL = 2, cache 0, None, family PUSH_NULL, "Pushes NULL, the marker below a callable that is not a bound method.";
    BINARY_OP_ADAPTIVE = 3, cache 1, BinaryOp, family BINARY_OP, "Adaptive form of BINARY_OP: counts executions, then specializes (PEP 659).";
    BINARY_OP_ADD_FLOAT = 4, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for add float (PEP 659).";
    BINARY_OP_ADD_INT = 5, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for add int (PEP 659).";
    BINARY_OP_ADD_UNICODE = 6, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for add unicode (PEP 659).";
    BINARY_OP_INPLACE_ADD_UNICODE = 7, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for inplace add unicode (PEP 659).";
    BINARY_OP_MULTIPLY_FLOAT = 8, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for multiply float (PEP 659).";
    NOP = 9, cache 0, None, family NOP, "Does nothing; keeps a line number where code was removed.";
    UNARY_POSITIVE = 10, cache 0, None, family UNARY_POSITIVE, "TOS = +TOS.";
    UNARY_NEGATIVE = 11, cache 0, None, family UNARY_NEGATIVE, "TOS = -TOS.";
    UNARY_NOT = 12, cache 0, None, family UNARY_NOT, "TOS = not TOS.";
    BINARY_OP_MULTIPLY_INT = 13, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for multiply int (PEP 659).";
    BINARY_OP_SUBTRACT_FLOAT = 14, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for subtract float (PEP 659).";
    UNARY_INVERT = 15, cache 0, None, family UNARY_INVERT, "TOS = ~TOS.";
    BINARY_OP_SUBTRACT_INT = 16, cache 1, BinaryOp, family BINARY_OP, "BINARY_OP specialized for subtract int (PEP 659).";
    BINARY_SUBSCR_ADAPTIVE = 17, cache 4, None, family BINARY_SUBSCR, "Adaptive form of BINARY_SUBSCR: counts executions, then specializes (PEP 659).";
    BINARY_SUBSCR_DICT = 18, cache 4, None, family BINARY_SUBSCR, "BINARY_SUBSCR specialized for dict (PEP 659).";
    BINARY_SUBSCR_GETITEM = 19, cache 4, None, family BINARY_SUBSCR, "BINARY_SUBSCR specialized for getitem (PEP 659).";
    BINARY_SUBSCR_LIST_INT = 20, cache 4, None, family BINARY_SUBSCR, "BINARY_SUBSCR specialized for list int (PEP 659).";
    BINARY_SUBSCR_TUPLE_INT = 21, cache 4, None, family BINARY_SUBSCR, "BINARY_SUBSCR specialized for tuple int (PEP 659).";
    CALL_ADAPTIVE = 22, cache 4, Raw, family CALL, "Adaptive form of CALL: counts executions, then specializes (PEP 659).";
    CALL_PY_EXACT_ARGS = 23, cache 4, Raw, family CALL, "CALL specialized for py exact args (PEP 659).";
    CALL_PY_WITH_DEFAULTS = 24, cache 4, Raw, family CALL, "CALL specialized for py with defaults (PEP 659).";
    BINARY_SUBSCR = 25, cache 4, None, family BINARY_SUBSCR, "TOS = TOS1[TOS].";
    COMPARE_OP_ADAPTIVE = 26, cache 2, Compare, family COMPARE_OP, "Adaptive form of COMPARE_OP: counts executions, then specializes (PEP 659).";
    COMPARE_OP_FLOAT_JUMP = 27, cache 2, Compare, family COMPARE_OP, "COMPARE_OP specialized for float jump (PEP 659).";
    COMPARE_OP_INT_JUMP = 28, cache 2, Compare, family COMPARE_OP, "COMPARE_OP specialized for int jump (PEP 659).";
    COMPARE_OP_STR_JUMP = 29, cache 2, Compare, family COMPARE_OP, "COMPARE_OP specialized for str jump (PEP 659).";
    GET_LEN = 30, cache 0, None, family GET_LEN, "Pushes len(TOS) (pattern matching).";
    MATCH_MAPPING = 31, cache 0, None, family MATCH_MAPPING, "Pushes whether TOS is a mapping (pattern matching).";
    MATCH_SEQUENCE = 32, cache 0, None, family MATCH_SEQUENCE, "Pushes whether TOS is a sequence (pattern matching).";
    MATCH_KEYS = 33, cache 0, None, family MATCH_KEYS, "Pushes a tuple of TOS1's values for the keys in TOS, or None (pattern matching).";
    EXTENDED_ARG_QUICK = 34, cache 0, Raw, family EXTENDED_ARG, "Quickened EXTENDED_ARG, without the warm-up check.";
    PUSH_EXC_INFO = 35, cache 0, None, family PUSH_EXC_INFO, "Pushes the current exception below the raised one and makes the raised one current.";
    CHECK_EXC_MATCH = 36, cache 0, None, family CHECK_EXC_MATCH, "Pushes whether the exception TOS1 matches the type(s) TOS; pops TOS.";
    CHECK_EG_MATCH = 37, cache 0, None, family CHECK_EG_MATCH, "Splits the exception group TOS1 by the type TOS (except*).";
    JUMP_BACKWARD_QUICK = 38, cache 0, JumpBackward, family JUMP_BACKWARD, "Quickened JUMP_BACKWARD, without the warm-up check.";
    LOAD_ATTR_ADAPTIVE = 39, cache 4, Name, family LOAD_ATTR, "Adaptive form of LOAD_ATTR: counts executions, then specializes (PEP 659).";
    LOAD_ATTR_INSTANCE_VALUE = 40, cache 4, Name, family LOAD_ATTR, "LOAD_ATTR specialized for instance value (PEP 659).";
    LOAD_ATTR_MODULE = 41, cache 4, Name, family LOAD_ATTR, "LOAD_ATTR specialized for module (PEP 659).";
    LOAD_ATTR_SLOT = 42, cache 4, Name, family LOAD_ATTR, "LOAD_ATTR specialized for slot (PEP 659).";
    LOAD_ATTR_WITH_HINT = 43, cache 4, Name, family LOAD_ATTR, "LOAD_ATTR specialized for with hint (PEP 659).";
    LOAD_CONST__LOAD_FAST = 44, cache 0, Const, family LOAD_CONST, "Superinstruction: LOAD_CONST then LOAD_FAST.";
    LOAD_FAST__LOAD_CONST = 45, cache 0, Local, family LOAD_FAST, "Superinstruction: LOAD_FAST then LOAD_CONST.";
    LOAD_FAST__LOAD_FAST = 46, cache 0, Local, family LOAD_FAST, "Superinstruction: LOAD_FAST then LOAD_FAST.";
    LOAD_GLOBAL_ADAPTIVE = 47, cache 5, GlobalName, family LOAD_GLOBAL, "Adaptive form of LOAD_GLOBAL: counts executions, then specializes (PEP 659).";
    LOAD_GLOBAL_BUILTIN = 48, cache 5, GlobalName, family LOAD_GLOBAL, "LOAD_GLOBAL specialized for builtin (PEP 659).";
    WITH_EXCEPT_START = 49, cache 0, None, family WITH_EXCEPT_START, "Calls the context manager's __exit__ with the current exception.";
    GET_AITER = 50, cache 0, None, family GET_AITER, "TOS = TOS.__aiter__().";
    GET_ANEXT = 51, cache 0, None, family GET_ANEXT, "Pushes the awaitable of TOS.__anext__().";
    BEFORE_ASYNC_WITH = 52, cache 0, None, family BEFORE_ASYNC_WITH, "Pushes __aexit__ and the awaitable of __aenter__().";
    BEFORE_WITH = 53, cache 0, None, family BEFORE_WITH, "Pushes the bound __exit__ and the result of __enter__().";
    END_ASYNC_FOR = 54, cache 0, None, family END_ASYNC_FOR, "Ends an async for loop on StopAsyncIteration, else re-raises.";
    LOAD_GLOBAL_MODULE = 55, cache 5, GlobalName, family LOAD_GLOBAL, "LOAD_GLOBAL specialized for module (PEP 659).";
    LOAD_METHOD_ADAPTIVE = 56, cache 10, Name, family LOAD_METHOD, "Adaptive form of LOAD_METHOD: counts executions, then specializes (PEP 659).";
    LOAD_METHOD_CLASS = 57, cache 10, Name, family LOAD_METHOD, "LOAD_METHOD specialized for class (PEP 659).";
    LOAD_METHOD_MODULE = 58, cache 10, Name, family LOAD_METHOD, "LOAD_METHOD specialized for module (PEP 659).";
    LOAD_METHOD_NO_DICT = 59, cache 10, Name, family LOAD_METHOD, "LOAD_METHOD specialized for no dict (PEP 659).";
    STORE_SUBSCR = 60, cache 1, None, family STORE_SUBSCR, "TOS1[TOS] = TOS2.";
    DELETE_SUBSCR = 61, cache 0, None, family DELETE_SUBSCR, "del TOS1[TOS].";
    LOAD_METHOD_WITH_DICT = 62, cache 10, Name, family LOAD_METHOD, "LOAD_METHOD specialized for with dict (PEP 659).";
    LOAD_METHOD_WITH_VALUES = 63, cache 10, Name, family LOAD_METHOD, "LOAD_METHOD specialized for with values (PEP 659).";
    PRECALL_ADAPTIVE = 64, cache 1, Raw, family PRECALL, "Adaptive form of PRECALL: counts executions, then specializes (PEP 659).";
    PRECALL_BOUND_METHOD = 65, cache 1, Raw, family PRECALL, "PRECALL specialized for bound method (PEP 659).";
    PRECALL_BUILTIN_CLASS = 66, cache 1, Raw, family PRECALL, "PRECALL specialized for builtin class (PEP 659).";
    PRECALL_BUILTIN_FAST_WITH_KEYWORDS = 67, cache 1, Raw, family PRECALL, "PRECALL specialized for builtin fast with keywords (PEP 659).";
    GET_ITER = 68, cache 0, None, family GET_ITER, "TOS = iter(TOS).";
    GET_YIELD_FROM_ITER = 69, cache 0, None, family GET_YIELD_FROM_ITER, "TOS = iter(TOS) unless it is a generator or coroutine (yield from).";
    PRINT_EXPR = 70, cache 0, None, family PRINT_EXPR, "Prints TOS in interactive mode (sys.displayhook).";
    LOAD_BUILD_CLASS = 71, cache 0, None, family LOAD_BUILD_CLASS, "Pushes builtins.__build_class__.";
    PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS = 72, cache 1, Raw, family PRECALL, "PRECALL specialized for method descriptor fast with keywords (PEP 659).";
    PRECALL_NO_KW_BUILTIN_FAST = 73, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw builtin fast (PEP 659).";
    LOAD_ASSERTION_ERROR = 74, cache 0, None, family LOAD_ASSERTION_ERROR, "Pushes AssertionError (for assert).";
    RETURN_GENERATOR = 75, cache 0, None, family RETURN_GENERATOR, "Creates the generator, coroutine or async generator for the frame and returns it.";
    PRECALL_NO_KW_BUILTIN_O = 76, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw builtin o (PEP 659).";
    PRECALL_NO_KW_ISINSTANCE = 77, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw isinstance (PEP 659).";
    PRECALL_NO_KW_LEN = 78, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw len (PEP 659).";
    PRECALL_NO_KW_LIST_APPEND = 79, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw list append (PEP 659).";
    PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST = 80, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw method descriptor fast (PEP 659).";
    PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS = 81, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw method descriptor noargs (PEP 659).";
    LIST_TO_TUPLE = 82, cache 0, None, family LIST_TO_TUPLE, "TOS = tuple(TOS).";
    RETURN_VALUE = 83, cache 0, None, family RETURN_VALUE, "Returns TOS to the caller.";
    IMPORT_STAR = 84, cache 0, None, family IMPORT_STAR, "from module import *: binds the public names of TOS.";
    SETUP_ANNOTATIONS = 85, cache 0, None, family SETUP_ANNOTATIONS, "Creates __annotations__ in the namespace if missing.";
    YIELD_VALUE = 86, cache 0, None, family YIELD_VALUE, "Yields TOS from a generator.";
    ASYNC_GEN_WRAP = 87, cache 0, None, family ASYNC_GEN_WRAP, "Wraps TOS for yielding from an async generator.";
    PREP_RERAISE_STAR = 88, cache 0, None, family PREP_RERAISE_STAR, "Combines the exceptions raised and re-raised in except* blocks.";
    POP_EXCEPT = 89, cache 0, None, family POP_EXCEPT, "Restores the previous exception from TOS.";
    STORE_NAME = 90, cache 0, Name, family STORE_NAME, "co_names[arg] = TOS in the local namespace.";
    DELETE_NAME = 91, cache 0, Name, family DELETE_NAME, "del co_names[arg] from the local namespace.";
    UNPACK_SEQUENCE = 92, cache 1, Raw, family UNPACK_SEQUENCE, "Unpacks TOS into arg values, pushed right to left.";
    FOR_ITER = 93, cache 0, JumpForward, family FOR_ITER, "Pushes next(TOS); when exhausted, pops TOS and jumps forward by arg.";
    UNPACK_EX = 94, cache 0, Raw, family UNPACK_EX, "Unpacks TOS with a starred target: arg & 0xFF before, arg >> 8 after.";
    STORE_ATTR = 95, cache 4, Name, family STORE_ATTR, "TOS.co_names[arg] = TOS1.";
    DELETE_ATTR = 96, cache 0, Name, family DELETE_ATTR, "del TOS.co_names[arg].";
    STORE_GLOBAL = 97, cache 0, Name, family STORE_GLOBAL, "Global co_names[arg] = TOS.";
    DELETE_GLOBAL = 98, cache 0, Name, family DELETE_GLOBAL, "del global co_names[arg].";
    SWAP = 99, cache 0, Raw, family SWAP, "Swaps TOS with the item at position arg (1-based).";
    LOAD_CONST = 100, cache 0, Const, family LOAD_CONST, "Pushes co_consts[arg].";
    LOAD_NAME = 101, cache 0, Name, family LOAD_NAME, "Pushes co_names[arg] from locals, globals, then builtins.";
    BUILD_TUPLE = 102, cache 0, Raw, family BUILD_TUPLE, "Pushes a tuple of the top arg items.";
    BUILD_LIST = 103, cache 0, Raw, family BUILD_LIST, "Pushes a list of the top arg items.";
    BUILD_SET = 104, cache 0, Raw, family BUILD_SET, "Pushes a set of the top arg items.";
    BUILD_MAP = 105, cache 0, Raw, family BUILD_MAP, "Pushes a dict of the top 2*arg items (key, value pairs).";
    LOAD_ATTR = 106, cache 4, Name, family LOAD_ATTR, "TOS = getattr(TOS, co_names[arg]).";
    COMPARE_OP = 107, cache 2, Compare, family COMPARE_OP, "Compares TOS1 and TOS with cmp_op[arg] (<, <=, ==, !=, >, >=).";
    IMPORT_NAME = 108, cache 0, Name, family IMPORT_NAME, "Imports co_names[arg] with TOS1 level and TOS fromlist; pushes the module.";
    IMPORT_FROM = 109, cache 0, Name, family IMPORT_FROM, "Pushes attribute co_names[arg] of the module TOS (from ... import).";
    JUMP_FORWARD = 110, cache 0, JumpForward, family JUMP_FORWARD, "Jumps forward by arg code units.";
    JUMP_IF_FALSE_OR_POP = 111, cache 0, JumpForward, family JUMP_IF_FALSE_OR_POP, "If TOS is false, jumps forward by arg keeping it; else pops it.";
    JUMP_IF_TRUE_OR_POP = 112, cache 0, JumpForward, family JUMP_IF_TRUE_OR_POP, "If TOS is true, jumps forward by arg keeping it; else pops it.";
    PRECALL_NO_KW_METHOD_DESCRIPTOR_O = 113, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw method descriptor o (PEP 659).";
    POP_JUMP_FORWARD_IF_FALSE = 114, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_FALSE, "Pops TOS; jumps forward by arg if it is false.";
    POP_JUMP_FORWARD_IF_TRUE = 115, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_TRUE, "Pops TOS; jumps forward by arg if it is true.";
    LOAD_GLOBAL = 116, cache 5, GlobalName, family LOAD_GLOBAL, "Pushes global co_names[arg >> 1], with NULL first if arg & 1.";
    IS_OP = 117, cache 0, Raw, family IS_OP, "Pushes TOS1 is TOS (is not when arg is 1).";
    CONTAINS_OP = 118, cache 0, Raw, family CONTAINS_OP, "Pushes TOS1 in TOS (not in when arg is 1).";
    RERAISE = 119, cache 0, Raw, family RERAISE, "Re-raises TOS; with arg set, first restores f_lasti from TOS1.";
    COPY = 120, cache 0, Raw, family COPY, "Pushes a copy of the item at position arg (1-based).";
    PRECALL_NO_KW_STR_1 = 121, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw str 1 (PEP 659).";
    BINARY_OP = 122, cache 1, BinaryOp, family BINARY_OP, "TOS = TOS1 op TOS, the operator given by arg (NB_ADD, ...; in-place forms from 13).";
    SEND = 123, cache 0, JumpForward, family SEND, "Sends TOS into the iterator TOS1; jumps forward by arg when it returns (yield from/await).";
    LOAD_FAST = 124, cache 0, Local, family LOAD_FAST, "Pushes the fast local arg.";
    STORE_FAST = 125, cache 0, Local, family STORE_FAST, "Fast local arg = TOS.";
    DELETE_FAST = 126, cache 0, Local, family DELETE_FAST, "del fast local arg.";
    PRECALL_NO_KW_TUPLE_1 = 127, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw tuple 1 (PEP 659).";
    POP_JUMP_FORWARD_IF_NOT_NONE = 128, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_NOT_NONE, "Pops TOS; jumps forward by arg if it is not None.";
    POP_JUMP_FORWARD_IF_NONE = 129, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_NONE, "Pops TOS; jumps forward by arg if it is None.";
    RAISE_VARARGS = 130, cache 0, Raw, family RAISE_VARARGS, "raise (arg 0), raise TOS (1), raise TOS1 from TOS (2).";
    GET_AWAITABLE = 131, cache 0, Raw, family GET_AWAITABLE, "TOS = the awaitable of TOS (await; arg says where, for error messages).";
    MAKE_FUNCTION = 132, cache 0, Raw, family MAKE_FUNCTION, "Makes a function from the code object TOS; arg flags: 1 defaults, 2 kwdefaults, 4 annotations, 8 closure.";
    BUILD_SLICE = 133, cache 0, Raw, family BUILD_SLICE, "Pushes slice(TOS1, TOS) or slice(TOS2, TOS1, TOS) when arg is 3.";
    JUMP_BACKWARD_NO_INTERRUPT = 134, cache 0, JumpBackward, family JUMP_BACKWARD_NO_INTERRUPT, "Jumps backward by arg without checking for interrupts (yield from loops).";
    MAKE_CELL = 135, cache 0, Free, family MAKE_CELL, "Replaces the fast local arg with a cell holding it.";
    LOAD_CLOSURE = 136, cache 0, Free, family LOAD_CLOSURE, "Pushes the cell in slot arg (to build a closure tuple).";
    LOAD_DEREF = 137, cache 0, Free, family LOAD_DEREF, "Pushes the contents of the cell in slot arg.";
    STORE_DEREF = 138, cache 0, Free, family STORE_DEREF, "Stores TOS into the cell in slot arg.";
    DELETE_DEREF = 139, cache 0, Free, family DELETE_DEREF, "Empties the cell in slot arg.";
    JUMP_BACKWARD = 140, cache 0, JumpBackward, family JUMP_BACKWARD, "Jumps backward by arg code units, checking for interrupts.";
    PRECALL_NO_KW_TYPE_1 = 141, cache 1, Raw, family PRECALL, "PRECALL specialized for no kw type 1 (PEP 659).";
    CALL_FUNCTION_EX = 142, cache 0, Raw, family CALL_FUNCTION_EX, "Calls TOS2 with *TOS1 and, if arg & 1, **TOS.";
    PRECALL_PYFUNC = 143, cache 1, Raw, family PRECALL, "PRECALL specialized for pyfunc (PEP 659).";
    EXTENDED_ARG = 144, cache 0, Raw, family EXTENDED_ARG, "Prefixes the next instruction's arg with arg << 8.";
    LIST_APPEND = 145, cache 0, Raw, family LIST_APPEND, "Appends TOS to the list at position arg (comprehensions).";
    SET_ADD = 146, cache 0, Raw, family SET_ADD, "Adds TOS to the set at position arg (comprehensions).";
    MAP_ADD = 147, cache 0, Raw, family MAP_ADD, "Adds TOS1: TOS to the dict at position arg (comprehensions).";
    LOAD_CLASSDEREF = 148, cache 0, Free, family LOAD_CLASSDEREF, "Pushes slot arg's name from the class namespace, else the cell's contents.";
    COPY_FREE_VARS = 149, cache 0, Raw, family COPY_FREE_VARS, "Copies the arg free-variable cells from the closure into the frame.";
    RESUME_QUICK = 150, cache 0, Raw, family RESUME, "Quickened RESUME, without the warm-up check.";
    RESUME = 151, cache 0, Raw, family RESUME, "Marks the start of a body (arg 0) or a resumption after yield/await (arg 1-3).";
    MATCH_CLASS = 152, cache 0, Raw, family MATCH_CLASS, "Matches TOS2 against the class TOS1 with arg positional patterns and keyword names TOS.";
    STORE_ATTR_ADAPTIVE = 153, cache 4, Name, family STORE_ATTR, "Adaptive form of STORE_ATTR: counts executions, then specializes (PEP 659).";
    STORE_ATTR_INSTANCE_VALUE = 154, cache 4, Name, family STORE_ATTR, "STORE_ATTR specialized for instance value (PEP 659).";
    FORMAT_VALUE = 155, cache 0, Raw, family FORMAT_VALUE, "Formats TOS for an f-string: arg & 3 picks str/repr/ascii, arg & 4 a format spec below it.";
    BUILD_CONST_KEY_MAP = 156, cache 0, Raw, family BUILD_CONST_KEY_MAP, "Pushes a dict of the top arg values with the keys tuple TOS.";
    BUILD_STRING = 157, cache 0, Raw, family BUILD_STRING, "Concatenates the top arg strings.";
    STORE_ATTR_SLOT = 158, cache 4, Name, family STORE_ATTR, "STORE_ATTR specialized for slot (PEP 659).";
    STORE_ATTR_WITH_HINT = 159, cache 4, Name, family STORE_ATTR, "STORE_ATTR specialized for with hint (PEP 659).";
    LOAD_METHOD = 160, cache 10, Name, family LOAD_METHOD, "Pushes the method co_names[arg] of TOS and TOS (or NULL and the attribute).";
    STORE_FAST__LOAD_FAST = 161, cache 0, Local, family STORE_FAST, "Superinstruction: STORE_FAST then LOAD_FAST.";
    LIST_EXTEND = 162, cache 0, Raw, family LIST_EXTEND, "Extends the list at position arg with TOS.";
    SET_UPDATE = 163, cache 0, Raw, family SET_UPDATE, "Updates the set at position arg with TOS.";
    DICT_MERGE = 164, cache 0, Raw, family DICT_MERGE, "Merges TOS into the dict at position arg, rejecting duplicate keys (calls).";
    DICT_UPDATE = 165, cache 0, Raw, family DICT_UPDATE, "Updates the dict at position arg with TOS.";
    PRECALL = 166, cache 1, Raw, family PRECALL, "Prepares a call of arg arguments (bound-method unpacking).";
    STORE_FAST__STORE_FAST = 167, cache 0, Local, family STORE_FAST, "Superinstruction: STORE_FAST then STORE_FAST.";
    STORE_SUBSCR_ADAPTIVE = 168, cache 1, None, family STORE_SUBSCR, "Adaptive form of STORE_SUBSCR: counts executions, then specializes (PEP 659).";
    STORE_SUBSCR_DICT = 169, cache 1, None, family STORE_SUBSCR, "STORE_SUBSCR specialized for dict (PEP 659).";
    STORE_SUBSCR_LIST_INT = 170, cache 1, None, family STORE_SUBSCR, "STORE_SUBSCR specialized for list int (PEP 659).";
    CALL = 171, cache 4, Raw, family CALL, "Calls the callable below the arg arguments (and NULL or self).";
    KW_NAMES = 172, cache 0, Const, family KW_NAMES, "Records co_consts[arg], the keyword names of the next CALL.";
    POP_JUMP_BACKWARD_IF_NOT_NONE = 173, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_NOT_NONE, "Pops TOS; jumps backward by arg if it is not None.";
    POP_JUMP_BACKWARD_IF_NONE = 174, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_NONE, "Pops TOS; jumps backward by arg if it is None.";
    POP_JUMP_BACKWARD_IF_FALSE = 175, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_FALSE, "Pops TOS; jumps backward by arg if it is false.";
    POP_JUMP_BACKWARD_IF_TRUE = 176, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_TRUE, "Pops TOS; jumps backward by arg if it is true.";
    UNPACK_SEQUENCE_ADAPTIVE = 177, cache 1, Raw, family UNPACK_SEQUENCE, "Adaptive form of UNPACK_SEQUENCE: counts executions, then specializes (PEP 659).";
    UNPACK_SEQUENCE_LIST = 178, cache 1, Raw, family UNPACK_SEQUENCE, "UNPACK_SEQUENCE specialized for list (PEP 659).";
    UNPACK_SEQUENCE_TUPLE = 179, cache 1, Raw, family UNPACK_SEQUENCE, "UNPACK_SEQUENCE specialized for tuple (PEP 659).";
    UNPACK_SEQUENCE_TWO_TUPLE = 180, cache 1, Raw, family UNPACK_SEQUENCE, "UNPACK_SEQUENCE specialized for two tuple (PEP 659).";
    FOR_ITER_ADAPTIVE = 181, cache 0, JumpForward, family FOR_ITER, "Coil addition (CPython 3.11 has no FOR_ITER specializations): adaptive form of FOR_ITER; its counter lives in the VM's cache slot of the instruction itself.";
    FOR_ITER_LIST = 182, cache 0, JumpForward, family FOR_ITER, "Coil addition: FOR_ITER specialized for a list iterator.";
    FOR_ITER_RANGE = 183, cache 0, JumpForward, family FOR_ITER, "Coil addition: FOR_ITER specialized for a range iterator.";
    BINARY_OP_INT = 184, cache 1, BinaryOp, family BINARY_OP, "Coil addition: BINARY_OP specialized for the other operators (//, %, &, |, ^, >>, <<) on two inline ints.";
    BINARY_OP_FLOAT = 185, cache 1, BinaryOp, family BINARY_OP, "Coil addition: BINARY_OP specialized for +, -, *, / on a float and a float or inline int.";
    LOAD_ATTR_CLASS = 186, cache 4, Name, family LOAD_ATTR, "Coil addition: LOAD_ATTR specialized for a plain attribute of a class object.";
    LOAD_ATTR_INSTANCE_CLASS = 187, cache 4, Name, family LOAD_ATTR, "Coil addition: LOAD_ATTR specialized for a plain class attribute read through an instance whose dict does not shadow it.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_member_has_its_base_cache_size_and_operand() {
        for &op in Opcode::ALL {
            let base = op.family();
            assert_eq!(
                base.family(),
                base,
                "{} family base is not a base",
                op.name()
            );
            assert_eq!(op.cache_entries(), base.cache_entries(), "{}", op.name());
        }
    }

    #[test]
    fn ids_round_trip_and_jumps_have_jump_operands() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_u8(op as u8), Some(op));
            assert_eq!(Opcode::from_name(op.name()), Some(op));
            if op.name().contains("JUMP") && op.family() != Opcode::COMPARE_OP {
                assert!(op.is_jump(), "{} should have a jump operand", op.name());
            }
        }
        assert_eq!(Opcode::from_u8(255), None);
    }
}
