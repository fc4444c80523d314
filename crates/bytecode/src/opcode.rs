//! The opcode table: the single source of truth for every instruction.
//!
//! Coil executes CPython 3.11's instruction set with CPython's numbering, so
//! `--dump bytecode` reads like `python3 -m dis` and the semantics of every
//! instruction are CPython's. Each row gives the name, the numeric id, the number of
//! inline cache units that follow the instruction, what the operand means, and
//! the family (the base instruction a specialized form falls back to, PEP 659).
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
}

macro_rules! opcode_table {
    ($($name:ident = $id:literal, cache $cache:literal, $operand:ident, family $family:ident;)*) => {
        /// Every instruction, numbered as in CPython 3.11 (specialized forms included).
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $($name = $id,)*
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
}

opcode_table! {
    CACHE = 0, cache 0, None, family CACHE;
    POP_TOP = 1, cache 0, None, family POP_TOP;
    PUSH_NULL = 2, cache 0, None, family PUSH_NULL;
    BINARY_OP_ADAPTIVE = 3, cache 1, BinaryOp, family BINARY_OP;
    BINARY_OP_ADD_FLOAT = 4, cache 1, BinaryOp, family BINARY_OP;
    BINARY_OP_ADD_INT = 5, cache 1, BinaryOp, family BINARY_OP;
    BINARY_OP_ADD_UNICODE = 6, cache 1, BinaryOp, family BINARY_OP;
    BINARY_OP_INPLACE_ADD_UNICODE = 7, cache 1, BinaryOp, family BINARY_OP;
    BINARY_OP_MULTIPLY_FLOAT = 8, cache 1, BinaryOp, family BINARY_OP;
    NOP = 9, cache 0, None, family NOP;
    UNARY_POSITIVE = 10, cache 0, None, family UNARY_POSITIVE;
    UNARY_NEGATIVE = 11, cache 0, None, family UNARY_NEGATIVE;
    UNARY_NOT = 12, cache 0, None, family UNARY_NOT;
    BINARY_OP_MULTIPLY_INT = 13, cache 1, BinaryOp, family BINARY_OP;
    BINARY_OP_SUBTRACT_FLOAT = 14, cache 1, BinaryOp, family BINARY_OP;
    UNARY_INVERT = 15, cache 0, None, family UNARY_INVERT;
    BINARY_OP_SUBTRACT_INT = 16, cache 1, BinaryOp, family BINARY_OP;
    BINARY_SUBSCR_ADAPTIVE = 17, cache 4, None, family BINARY_SUBSCR;
    BINARY_SUBSCR_DICT = 18, cache 4, None, family BINARY_SUBSCR;
    BINARY_SUBSCR_GETITEM = 19, cache 4, None, family BINARY_SUBSCR;
    BINARY_SUBSCR_LIST_INT = 20, cache 4, None, family BINARY_SUBSCR;
    BINARY_SUBSCR_TUPLE_INT = 21, cache 4, None, family BINARY_SUBSCR;
    CALL_ADAPTIVE = 22, cache 4, Raw, family CALL;
    CALL_PY_EXACT_ARGS = 23, cache 4, Raw, family CALL;
    CALL_PY_WITH_DEFAULTS = 24, cache 4, Raw, family CALL;
    BINARY_SUBSCR = 25, cache 4, None, family BINARY_SUBSCR;
    COMPARE_OP_ADAPTIVE = 26, cache 2, Compare, family COMPARE_OP;
    COMPARE_OP_FLOAT_JUMP = 27, cache 2, Compare, family COMPARE_OP;
    COMPARE_OP_INT_JUMP = 28, cache 2, Compare, family COMPARE_OP;
    COMPARE_OP_STR_JUMP = 29, cache 2, Compare, family COMPARE_OP;
    GET_LEN = 30, cache 0, None, family GET_LEN;
    MATCH_MAPPING = 31, cache 0, None, family MATCH_MAPPING;
    MATCH_SEQUENCE = 32, cache 0, None, family MATCH_SEQUENCE;
    MATCH_KEYS = 33, cache 0, None, family MATCH_KEYS;
    EXTENDED_ARG_QUICK = 34, cache 0, Raw, family EXTENDED_ARG;
    PUSH_EXC_INFO = 35, cache 0, None, family PUSH_EXC_INFO;
    CHECK_EXC_MATCH = 36, cache 0, None, family CHECK_EXC_MATCH;
    CHECK_EG_MATCH = 37, cache 0, None, family CHECK_EG_MATCH;
    JUMP_BACKWARD_QUICK = 38, cache 0, JumpBackward, family JUMP_BACKWARD;
    LOAD_ATTR_ADAPTIVE = 39, cache 4, Name, family LOAD_ATTR;
    LOAD_ATTR_INSTANCE_VALUE = 40, cache 4, Name, family LOAD_ATTR;
    LOAD_ATTR_MODULE = 41, cache 4, Name, family LOAD_ATTR;
    LOAD_ATTR_SLOT = 42, cache 4, Name, family LOAD_ATTR;
    LOAD_ATTR_WITH_HINT = 43, cache 4, Name, family LOAD_ATTR;
    LOAD_CONST__LOAD_FAST = 44, cache 0, Const, family LOAD_CONST;
    LOAD_FAST__LOAD_CONST = 45, cache 0, Local, family LOAD_FAST;
    LOAD_FAST__LOAD_FAST = 46, cache 0, Local, family LOAD_FAST;
    LOAD_GLOBAL_ADAPTIVE = 47, cache 5, GlobalName, family LOAD_GLOBAL;
    LOAD_GLOBAL_BUILTIN = 48, cache 5, GlobalName, family LOAD_GLOBAL;
    WITH_EXCEPT_START = 49, cache 0, None, family WITH_EXCEPT_START;
    GET_AITER = 50, cache 0, None, family GET_AITER;
    GET_ANEXT = 51, cache 0, None, family GET_ANEXT;
    BEFORE_ASYNC_WITH = 52, cache 0, None, family BEFORE_ASYNC_WITH;
    BEFORE_WITH = 53, cache 0, None, family BEFORE_WITH;
    END_ASYNC_FOR = 54, cache 0, None, family END_ASYNC_FOR;
    LOAD_GLOBAL_MODULE = 55, cache 5, GlobalName, family LOAD_GLOBAL;
    LOAD_METHOD_ADAPTIVE = 56, cache 10, Name, family LOAD_METHOD;
    LOAD_METHOD_CLASS = 57, cache 10, Name, family LOAD_METHOD;
    LOAD_METHOD_MODULE = 58, cache 10, Name, family LOAD_METHOD;
    LOAD_METHOD_NO_DICT = 59, cache 10, Name, family LOAD_METHOD;
    STORE_SUBSCR = 60, cache 1, None, family STORE_SUBSCR;
    DELETE_SUBSCR = 61, cache 0, None, family DELETE_SUBSCR;
    LOAD_METHOD_WITH_DICT = 62, cache 10, Name, family LOAD_METHOD;
    LOAD_METHOD_WITH_VALUES = 63, cache 10, Name, family LOAD_METHOD;
    PRECALL_ADAPTIVE = 64, cache 1, Raw, family PRECALL;
    PRECALL_BOUND_METHOD = 65, cache 1, Raw, family PRECALL;
    PRECALL_BUILTIN_CLASS = 66, cache 1, Raw, family PRECALL;
    PRECALL_BUILTIN_FAST_WITH_KEYWORDS = 67, cache 1, Raw, family PRECALL;
    GET_ITER = 68, cache 0, None, family GET_ITER;
    GET_YIELD_FROM_ITER = 69, cache 0, None, family GET_YIELD_FROM_ITER;
    PRINT_EXPR = 70, cache 0, None, family PRINT_EXPR;
    LOAD_BUILD_CLASS = 71, cache 0, None, family LOAD_BUILD_CLASS;
    PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS = 72, cache 1, Raw, family PRECALL;
    PRECALL_NO_KW_BUILTIN_FAST = 73, cache 1, Raw, family PRECALL;
    LOAD_ASSERTION_ERROR = 74, cache 0, None, family LOAD_ASSERTION_ERROR;
    RETURN_GENERATOR = 75, cache 0, None, family RETURN_GENERATOR;
    PRECALL_NO_KW_BUILTIN_O = 76, cache 1, Raw, family PRECALL;
    PRECALL_NO_KW_ISINSTANCE = 77, cache 1, Raw, family PRECALL;
    PRECALL_NO_KW_LEN = 78, cache 1, Raw, family PRECALL;
    PRECALL_NO_KW_LIST_APPEND = 79, cache 1, Raw, family PRECALL;
    PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST = 80, cache 1, Raw, family PRECALL;
    PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS = 81, cache 1, Raw, family PRECALL;
    LIST_TO_TUPLE = 82, cache 0, None, family LIST_TO_TUPLE;
    RETURN_VALUE = 83, cache 0, None, family RETURN_VALUE;
    IMPORT_STAR = 84, cache 0, None, family IMPORT_STAR;
    SETUP_ANNOTATIONS = 85, cache 0, None, family SETUP_ANNOTATIONS;
    YIELD_VALUE = 86, cache 0, None, family YIELD_VALUE;
    ASYNC_GEN_WRAP = 87, cache 0, None, family ASYNC_GEN_WRAP;
    PREP_RERAISE_STAR = 88, cache 0, None, family PREP_RERAISE_STAR;
    POP_EXCEPT = 89, cache 0, None, family POP_EXCEPT;
    STORE_NAME = 90, cache 0, Name, family STORE_NAME;
    DELETE_NAME = 91, cache 0, Name, family DELETE_NAME;
    UNPACK_SEQUENCE = 92, cache 1, Raw, family UNPACK_SEQUENCE;
    FOR_ITER = 93, cache 0, JumpForward, family FOR_ITER;
    UNPACK_EX = 94, cache 0, Raw, family UNPACK_EX;
    STORE_ATTR = 95, cache 4, Name, family STORE_ATTR;
    DELETE_ATTR = 96, cache 0, Name, family DELETE_ATTR;
    STORE_GLOBAL = 97, cache 0, Name, family STORE_GLOBAL;
    DELETE_GLOBAL = 98, cache 0, Name, family DELETE_GLOBAL;
    SWAP = 99, cache 0, Raw, family SWAP;
    LOAD_CONST = 100, cache 0, Const, family LOAD_CONST;
    LOAD_NAME = 101, cache 0, Name, family LOAD_NAME;
    BUILD_TUPLE = 102, cache 0, Raw, family BUILD_TUPLE;
    BUILD_LIST = 103, cache 0, Raw, family BUILD_LIST;
    BUILD_SET = 104, cache 0, Raw, family BUILD_SET;
    BUILD_MAP = 105, cache 0, Raw, family BUILD_MAP;
    LOAD_ATTR = 106, cache 4, Name, family LOAD_ATTR;
    COMPARE_OP = 107, cache 2, Compare, family COMPARE_OP;
    IMPORT_NAME = 108, cache 0, Name, family IMPORT_NAME;
    IMPORT_FROM = 109, cache 0, Name, family IMPORT_FROM;
    JUMP_FORWARD = 110, cache 0, JumpForward, family JUMP_FORWARD;
    JUMP_IF_FALSE_OR_POP = 111, cache 0, JumpForward, family JUMP_IF_FALSE_OR_POP;
    JUMP_IF_TRUE_OR_POP = 112, cache 0, JumpForward, family JUMP_IF_TRUE_OR_POP;
    PRECALL_NO_KW_METHOD_DESCRIPTOR_O = 113, cache 1, Raw, family PRECALL;
    POP_JUMP_FORWARD_IF_FALSE = 114, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_FALSE;
    POP_JUMP_FORWARD_IF_TRUE = 115, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_TRUE;
    LOAD_GLOBAL = 116, cache 5, GlobalName, family LOAD_GLOBAL;
    IS_OP = 117, cache 0, Raw, family IS_OP;
    CONTAINS_OP = 118, cache 0, Raw, family CONTAINS_OP;
    RERAISE = 119, cache 0, Raw, family RERAISE;
    COPY = 120, cache 0, Raw, family COPY;
    PRECALL_NO_KW_STR_1 = 121, cache 1, Raw, family PRECALL;
    BINARY_OP = 122, cache 1, BinaryOp, family BINARY_OP;
    SEND = 123, cache 0, JumpForward, family SEND;
    LOAD_FAST = 124, cache 0, Local, family LOAD_FAST;
    STORE_FAST = 125, cache 0, Local, family STORE_FAST;
    DELETE_FAST = 126, cache 0, Local, family DELETE_FAST;
    PRECALL_NO_KW_TUPLE_1 = 127, cache 1, Raw, family PRECALL;
    POP_JUMP_FORWARD_IF_NOT_NONE = 128, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_NOT_NONE;
    POP_JUMP_FORWARD_IF_NONE = 129, cache 0, JumpForward, family POP_JUMP_FORWARD_IF_NONE;
    RAISE_VARARGS = 130, cache 0, Raw, family RAISE_VARARGS;
    GET_AWAITABLE = 131, cache 0, Raw, family GET_AWAITABLE;
    MAKE_FUNCTION = 132, cache 0, Raw, family MAKE_FUNCTION;
    BUILD_SLICE = 133, cache 0, Raw, family BUILD_SLICE;
    JUMP_BACKWARD_NO_INTERRUPT = 134, cache 0, JumpBackward, family JUMP_BACKWARD_NO_INTERRUPT;
    MAKE_CELL = 135, cache 0, Free, family MAKE_CELL;
    LOAD_CLOSURE = 136, cache 0, Free, family LOAD_CLOSURE;
    LOAD_DEREF = 137, cache 0, Free, family LOAD_DEREF;
    STORE_DEREF = 138, cache 0, Free, family STORE_DEREF;
    DELETE_DEREF = 139, cache 0, Free, family DELETE_DEREF;
    JUMP_BACKWARD = 140, cache 0, JumpBackward, family JUMP_BACKWARD;
    PRECALL_NO_KW_TYPE_1 = 141, cache 1, Raw, family PRECALL;
    CALL_FUNCTION_EX = 142, cache 0, Raw, family CALL_FUNCTION_EX;
    PRECALL_PYFUNC = 143, cache 1, Raw, family PRECALL;
    EXTENDED_ARG = 144, cache 0, Raw, family EXTENDED_ARG;
    LIST_APPEND = 145, cache 0, Raw, family LIST_APPEND;
    SET_ADD = 146, cache 0, Raw, family SET_ADD;
    MAP_ADD = 147, cache 0, Raw, family MAP_ADD;
    LOAD_CLASSDEREF = 148, cache 0, Free, family LOAD_CLASSDEREF;
    COPY_FREE_VARS = 149, cache 0, Raw, family COPY_FREE_VARS;
    RESUME_QUICK = 150, cache 0, Raw, family RESUME;
    RESUME = 151, cache 0, Raw, family RESUME;
    MATCH_CLASS = 152, cache 0, Raw, family MATCH_CLASS;
    STORE_ATTR_ADAPTIVE = 153, cache 4, Name, family STORE_ATTR;
    STORE_ATTR_INSTANCE_VALUE = 154, cache 4, Name, family STORE_ATTR;
    FORMAT_VALUE = 155, cache 0, Raw, family FORMAT_VALUE;
    BUILD_CONST_KEY_MAP = 156, cache 0, Raw, family BUILD_CONST_KEY_MAP;
    BUILD_STRING = 157, cache 0, Raw, family BUILD_STRING;
    STORE_ATTR_SLOT = 158, cache 4, Name, family STORE_ATTR;
    STORE_ATTR_WITH_HINT = 159, cache 4, Name, family STORE_ATTR;
    LOAD_METHOD = 160, cache 10, Name, family LOAD_METHOD;
    STORE_FAST__LOAD_FAST = 161, cache 0, Local, family STORE_FAST;
    LIST_EXTEND = 162, cache 0, Raw, family LIST_EXTEND;
    SET_UPDATE = 163, cache 0, Raw, family SET_UPDATE;
    DICT_MERGE = 164, cache 0, Raw, family DICT_MERGE;
    DICT_UPDATE = 165, cache 0, Raw, family DICT_UPDATE;
    PRECALL = 166, cache 1, Raw, family PRECALL;
    STORE_FAST__STORE_FAST = 167, cache 0, Local, family STORE_FAST;
    STORE_SUBSCR_ADAPTIVE = 168, cache 1, None, family STORE_SUBSCR;
    STORE_SUBSCR_DICT = 169, cache 1, None, family STORE_SUBSCR;
    STORE_SUBSCR_LIST_INT = 170, cache 1, None, family STORE_SUBSCR;
    CALL = 171, cache 4, Raw, family CALL;
    KW_NAMES = 172, cache 0, Const, family KW_NAMES;
    POP_JUMP_BACKWARD_IF_NOT_NONE = 173, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_NOT_NONE;
    POP_JUMP_BACKWARD_IF_NONE = 174, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_NONE;
    POP_JUMP_BACKWARD_IF_FALSE = 175, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_FALSE;
    POP_JUMP_BACKWARD_IF_TRUE = 176, cache 0, JumpBackward, family POP_JUMP_BACKWARD_IF_TRUE;
    UNPACK_SEQUENCE_ADAPTIVE = 177, cache 1, Raw, family UNPACK_SEQUENCE;
    UNPACK_SEQUENCE_LIST = 178, cache 1, Raw, family UNPACK_SEQUENCE;
    UNPACK_SEQUENCE_TUPLE = 179, cache 1, Raw, family UNPACK_SEQUENCE;
    UNPACK_SEQUENCE_TWO_TUPLE = 180, cache 1, Raw, family UNPACK_SEQUENCE;
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
