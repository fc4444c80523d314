//! The instruction set, code objects, the cache-file format and the disassembler.
//!
//! In: code objects built by `codegen` (or read back from `__pycache__`).
//! Out: the same immutable [`CodeObject`]s for the VM, which quickens its own copy.
//! This crate knows nothing of the source or the AST, so the VM can depend on it
//! without pulling in the front end.

pub mod cache;
mod code;
pub mod const_repr;
pub mod const_set;
pub mod dis;
mod opcode;
mod stack_effect;

pub use code::{CodeFlags, CodeObject, CodeUnit, ConstantValue, ExceptionTableEntry, Location};
pub use dis::disassemble;
pub use opcode::{
    opcode_docs_markdown, OpInfo, Opcode, Operand, HAVE_ARGUMENT, OPCODE_DOCS_COMMAND,
};
pub use stack_effect::{stack_effect, FVS_HAVE_SPEC};
