//! The instruction set, code objects, the cache-file format and the disassembler.
//!
//! In: code objects built by `codegen` (or read back from `__pycache__`).
//! Out: the same immutable [`CodeObject`]s for the VM, which quickens its own copy.
//! This crate knows nothing of the source or the AST, so the VM can depend on it
//! without pulling in the front end.

mod code;
mod opcode;

pub use code::{CodeFlags, CodeObject, CodeUnit, ConstantValue, ExceptionTableEntry, Location};
pub use opcode::{OpInfo, Opcode, Operand, HAVE_ARGUMENT};
