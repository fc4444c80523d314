//! How much each instruction changes the value-stack depth.
//!
//! A port of the rules of CPython 3.11's `stack_effect()` (Python/compile.c), so the
//! `co_stacksize` Coil's assembler computes equals CPython's. Specialized forms take
//! their family's effect.

use crate::Opcode;

/// `FORMAT_VALUE`'s flag saying a format spec is on the stack (CPython's `FVS_HAVE_SPEC`).
pub const FVS_HAVE_SPEC: u32 = 0x4;

/// The change in stack depth `op` with operand `arg` causes; `jump` selects the effect
/// on the branch taken, for the instructions whose two exits differ (`FOR_ITER`,
/// `SEND`, `JUMP_IF_*_OR_POP`).
pub fn stack_effect(op: Opcode, arg: u32, jump: bool) -> i32 {
    use Opcode::*;
    let arg_i = arg as i32;
    match op.family() {
        NOP | EXTENDED_ARG | RESUME | CACHE | SWAP => 0,
        POP_TOP => -1,
        UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT => 0,
        SET_ADD | LIST_APPEND => -1,
        MAP_ADD => -2,
        BINARY_SUBSCR => -1,
        STORE_SUBSCR => -3,
        DELETE_SUBSCR => -2,
        GET_ITER => 0,
        PRINT_EXPR => -1,
        LOAD_BUILD_CLASS => 1,
        RETURN_VALUE => -1,
        IMPORT_STAR => -1,
        SETUP_ANNOTATIONS => 0,
        ASYNC_GEN_WRAP | YIELD_VALUE => 0,
        POP_EXCEPT => -1,
        STORE_NAME => -1,
        DELETE_NAME => 0,
        UNPACK_SEQUENCE => arg_i - 1,
        UNPACK_EX => (arg_i & 0xFF) + (arg_i >> 8),
        // The exhausted iterator is popped on the jump; the next item is pushed otherwise.
        FOR_ITER if jump => -1,
        FOR_ITER => 1,
        SEND if jump => -1,
        SEND => 0,
        STORE_ATTR => -2,
        DELETE_ATTR => -1,
        STORE_GLOBAL => -1,
        DELETE_GLOBAL => 0,
        LOAD_CONST | LOAD_NAME => 1,
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => 1 - arg_i,
        BUILD_MAP => 1 - 2 * arg_i,
        BUILD_CONST_KEY_MAP => -arg_i,
        LOAD_ATTR => 0,
        COMPARE_OP | IS_OP | CONTAINS_OP => -1,
        CHECK_EXC_MATCH | CHECK_EG_MATCH => 0,
        IMPORT_NAME => -1,
        IMPORT_FROM => 1,
        JUMP_FORWARD | JUMP_BACKWARD | JUMP_BACKWARD_NO_INTERRUPT => 0,
        JUMP_IF_TRUE_OR_POP | JUMP_IF_FALSE_OR_POP if jump => 0,
        JUMP_IF_TRUE_OR_POP | JUMP_IF_FALSE_OR_POP => -1,
        POP_JUMP_FORWARD_IF_FALSE
        | POP_JUMP_FORWARD_IF_TRUE
        | POP_JUMP_FORWARD_IF_NONE
        | POP_JUMP_FORWARD_IF_NOT_NONE
        | POP_JUMP_BACKWARD_IF_FALSE
        | POP_JUMP_BACKWARD_IF_TRUE
        | POP_JUMP_BACKWARD_IF_NONE
        | POP_JUMP_BACKWARD_IF_NOT_NONE => -1,
        LOAD_GLOBAL => (arg_i & 1) + 1,
        PREP_RERAISE_STAR => -1,
        RERAISE => -1,
        PUSH_EXC_INFO => 1,
        WITH_EXCEPT_START => 1,
        LOAD_FAST => 1,
        STORE_FAST => -1,
        DELETE_FAST => 0,
        RETURN_GENERATOR => 0,
        RAISE_VARARGS => -arg_i,
        PRECALL => -arg_i,
        KW_NAMES => 0,
        CALL => -1,
        CALL_FUNCTION_EX => -2 - i32::from(arg & 1 != 0),
        MAKE_FUNCTION => -((arg & 0xF).count_ones() as i32),
        BUILD_SLICE if arg == 3 => -2,
        BUILD_SLICE => -1,
        MAKE_CELL | COPY_FREE_VARS => 0,
        LOAD_CLOSURE | LOAD_DEREF | LOAD_CLASSDEREF => 1,
        STORE_DEREF => -1,
        DELETE_DEREF => 0,
        GET_AWAITABLE => 0,
        BEFORE_ASYNC_WITH | BEFORE_WITH => 1,
        GET_AITER => 0,
        GET_ANEXT => 1,
        GET_YIELD_FROM_ITER => 0,
        END_ASYNC_FOR => -2,
        // With a format spec on the stack, two values become one; else one stays one.
        FORMAT_VALUE if arg & FVS_HAVE_SPEC != 0 => -1,
        FORMAT_VALUE => 0,
        LOAD_METHOD => 1,
        LOAD_ASSERTION_ERROR => 1,
        LIST_TO_TUPLE => 0,
        LIST_EXTEND | SET_UPDATE | DICT_MERGE | DICT_UPDATE => -1,
        MATCH_CLASS => -2,
        GET_LEN | MATCH_MAPPING | MATCH_SEQUENCE | MATCH_KEYS => 1,
        COPY | PUSH_NULL => 1,
        BINARY_OP => -1,
        // Every family base is listed above; specialized forms map to their base.
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effects_follow_cpython_rules() {
        assert_eq!(stack_effect(Opcode::LOAD_CONST, 0, false), 1);
        assert_eq!(stack_effect(Opcode::BUILD_MAP, 3, false), -5);
        assert_eq!(stack_effect(Opcode::LOAD_GLOBAL, 3, false), 2);
        assert_eq!(stack_effect(Opcode::LOAD_GLOBAL, 2, false), 1);
        assert_eq!(stack_effect(Opcode::FOR_ITER, 4, true), -1);
        assert_eq!(stack_effect(Opcode::FOR_ITER, 4, false), 1);
        assert_eq!(stack_effect(Opcode::MAKE_FUNCTION, 0b1011, false), -3);
        assert_eq!(stack_effect(Opcode::UNPACK_EX, 0x0102, false), 3);
        assert_eq!(stack_effect(Opcode::PRECALL, 3, false), -3);
        assert_eq!(stack_effect(Opcode::CALL_FUNCTION_EX, 1, false), -3);
    }

    #[test]
    fn specialized_forms_take_their_family_effect() {
        for &op in Opcode::ALL {
            assert_eq!(
                stack_effect(op, 2, false),
                stack_effect(op.family(), 2, false),
                "{}",
                op.name()
            );
        }
    }
}
