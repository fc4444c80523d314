//! Coil's runtime: values, objects and types, the interpreter loop, builtins.
//!
//! In: `bytecode::CodeObject`s (from the compiler or a cache file). Out: program
//! behaviour (stdout, stderr, exit status). The VM never depends on the front end.
//!
//! Layout: `value` (the NaN-boxed word), `objects` (the object layer in `objects::heap`,
//! then one file per builtin type), `gc` (the cycle collector and weak references),
//! `protocol` (repr/hash/attributes dispatched through type slots), `interp`
//! (frames and the dispatch loop, one file per opcode family), `builtins` (the
//! builtin types and functions), `modules` (native `math`, `sys`, `time`, `signal`, `gc`,
//! `weakref`, `collections`, `itertools`, `functools`, and the import machinery),
//! `traceback` (CPython-identical error reports).
//!
//! Not yet: coroutines/async, `except*`, file I/O.

pub mod builtins;
pub mod gc;
pub mod interp;
pub mod modules;
pub mod objects;
pub mod protocol;
mod traceback;
pub mod value;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

pub use interp::Vm;
pub use modules::signal::unhandled_keyboard_interrupt;
pub use modules::{CompileMode, LoadedModule, ModuleLoader, SourceCompiler, SourceLoader};
pub use value::Value;

/// A Python-level result: `Err` carries the exception instance.
pub type PyResult<T> = Result<T, Value>;

/// Runs `code` as the `__main__` module: flushes stdout, prints an uncaught exception's
/// traceback to stderr like CPython 3.11, and returns the exit status (0, 1 after an
/// uncaught exception, or the `SystemExit` code). Installs the SIGINT handler that
/// raises KeyboardInterrupt; after an uncaught KeyboardInterrupt,
/// [`unhandled_keyboard_interrupt`] is true and the embedder should exit by SIGINT
/// as CPython does (the `coil` driver does).
pub fn run_main(code: bytecode::CodeObject, argv: Vec<String>) -> i32 {
    interp::run_main(code, argv, None, None)
}

/// [`run_main`] with a loader for `import` of modules written in Python.
pub fn run_main_with_loader(
    code: bytecode::CodeObject,
    argv: Vec<String>,
    loader: ModuleLoader,
) -> i32 {
    interp::run_main(code, argv, Some(loader), None)
}

/// [`run_main`] with a loader for `import` and a compiler for `compile()`, `exec()`
/// and `eval()` of source text.
pub fn run_main_with_hooks(
    code: bytecode::CodeObject,
    argv: Vec<String>,
    loader: ModuleLoader,
    compiler: SourceCompiler,
) -> i32 {
    interp::run_main(code, argv, Some(loader), Some(compiler))
}
