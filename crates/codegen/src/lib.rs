//! The compiler: from the `ast` crate's tree to `bytecode` code objects.
//!
//! In: a parsed module and its source text (for line/column positions).
//! Out: the module's [`bytecode::CodeObject`], with nested functions, classes,
//! lambdas and comprehensions as code-object constants, or the compile-time
//! [`SyntaxError`] CPython 3.11 would raise (same message and range). The stages
//! follow CPython's: constant folding on the AST ([`constant_fold`]), symbol
//! tables ([`symtable`]), instruction emission into basic blocks (`compiler`), then
//! assembly ([`assembler`]).
//!
//! The output is CPython 3.11's bytecode, instruction for instruction: `python3 -m
//! dis` and `bytecode::disassemble` print the same text for the whole test corpus
//! and for all but a handful of the standard library's modules, and every
//! instruction's location equals CPython's `co_positions()`, frozenset constants
//! (`x in {1, 2}`, `for x in {1, 2}`, set displays of more than two constants)
//! included.

pub mod assembler;
mod compiler;
pub mod constant_fold;
mod future;
mod name_table;
pub mod symtable;

use bytecode::CodeObject;
use source::{SyntaxError, TextRange};

/// Compiles a module to its code object, as CPython 3.11's `compile(source,
/// filename, mode)` does: `Mod::Module` for "exec", `Mod::Interactive` for
/// "single" (the REPL: expression statements print their value with
/// `PRINT_EXPR`), `Mod::Expression` for "eval" (the code returns the value).
pub fn compile_module(
    module: &ast::Mod,
    source: &str,
    filename: &str,
) -> Result<CodeObject, SyntaxError> {
    let (mut body, mode) = match module {
        ast::Mod::Module { body, .. } => (body.clone(), compiler::Mode::Exec),
        ast::Mod::Interactive { body } => (body.clone(), compiler::Mode::Single),
        ast::Mod::Expression { body } => (
            vec![ast::Stmt {
                range: body.range,
                kind: ast::StmtKind::Expr {
                    value: body.clone(),
                },
            }],
            compiler::Mode::Eval,
        ),
        ast::Mod::FunctionType { .. } => {
            return Err(compiler::unsupported(
                "compiling function type comments",
                TextRange::default(),
            ))
        }
    };
    future::check(&body)?;
    if !constant_fold::fold_module(&mut body) {
        let range = body.first().map_or_else(TextRange::default, |s| s.range);
        return Err(SyntaxError::new(
            "maximum recursion depth exceeded during compilation",
            range,
        ));
    }
    let body: &[ast::Stmt] = &body;
    let table = symtable::SymbolTable::build(body)?;
    let mut compiler = compiler::Compiler::new(table, source, filename);
    compiler::compile_body(&mut compiler, body, mode)
}
