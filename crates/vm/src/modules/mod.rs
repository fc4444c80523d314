//! Native modules (`math`, `sys`, `time`, `signal`, ...) and the import machinery that finds them.
//!
//! `import` looks in `vm.modules` (`sys.modules`), then builds a native module on
//! first use. Modules and packages written in Python are found through the
//! embedder's loader hook (the VM does not depend on the compiler); the rules of
//! packages, relative imports and `sys.path` live in `import.rs`.

mod collections;
mod gc;
mod import;
mod itertools;
mod math;
pub(crate) mod signal;
pub(crate) mod sys;
mod time;
pub(crate) mod weakref;

use std::rc::Rc;

pub use import::{LoadedModule, SourceLoader};

use crate::interp::Vm;
use crate::objects::ModuleObj;
use crate::objects::{new_object, NativeFn};
use crate::value::Value;
use crate::PyResult;

/// Finds and compiles modules written in Python for `import` (see
/// [`SourceLoader`]). Supplied by the embedder, since the VM does not depend on the
/// compiler.
pub type ModuleLoader = Box<dyn SourceLoader>;

/// What `compile()`'s `mode` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileMode {
    /// A module's statements (`exec`).
    Exec,
    /// One expression, whose value the code returns (`eval`).
    Eval,
    /// One interactive statement, printing expression values (the REPL).
    Single,
}

/// Compiles source text for `compile()`, `exec()` and `eval()`: `(source, filename,
/// mode)` to a code object, or a SyntaxError's message (`str()` of CPython's
/// SyntaxError). Supplied by the embedder, as [`ModuleLoader`] is.
pub type SourceCompiler =
    Box<dyn FnMut(&str, &str, CompileMode) -> Result<bytecode::CodeObject, String>>;

impl Vm {
    /// A module object named `name` with a fresh namespace.
    pub fn new_module(&mut self, name: &str) -> Value {
        let dict = self.new_dict();
        let key = self.new_str("__name__");
        let v = self.new_str(name);
        let _ = self.dict_set(&dict, key, v);
        new_object(
            &self.types.module,
            ModuleObj {
                name: Rc::from(name),
                dict,
            },
        )
    }

    /// The `builtins` module: its namespace is the builtins dict itself, so names
    /// stored on it are seen by every module, as in CPython.
    fn builtins_module(&mut self) -> Value {
        let dict = self.builtins.clone();
        let key = self.new_str("__name__");
        let v = self.new_str("builtins");
        let _ = self.dict_set(&dict, key, v);
        new_object(
            &self.types.module,
            ModuleObj {
                name: Rc::from("builtins"),
                dict,
            },
        )
    }

    /// The native module called `name`, built now, or `None` when there is none.
    fn native_module(&mut self, name: &str) -> Option<Value> {
        Some(match name {
            "math" => math::build(self),
            "sys" => sys::build(self),
            "time" => time::build(self),
            "gc" => gc::build(self),
            "weakref" | "_weakref" => weakref::build(self),
            "signal" => signal::build(self),
            "collections" => collections::build(self),
            "itertools" => itertools::build_itertools(self),
            "functools" => itertools::build_functools(self),
            "builtins" => self.builtins_module(),
            _ => return None,
        })
    }

    /// `from m import *`: the names in the module's `__all__`, else its public
    /// names, into the current namespace.
    pub(crate) fn op_import_star(&mut self) -> PyResult<()> {
        let module = self.pop();
        let Some(ModuleObj { dict, .. }) = module.downcast::<ModuleObj>() else {
            return Err(self.type_error("import * expects a module"));
        };
        let dict = dict.clone();
        let target = match self.frames.last() {
            Some(f) if !f.locals.is_null() => f.locals.clone(),
            Some(f) => f.globals.clone(),
            None => return Ok(()),
        };
        let all_key = self.new_str("__all__");
        if let Some(all) = self.dict_get(&dict, &all_key)? {
            for name in self.collect_iterable(&all)? {
                if name.as_str().is_none() {
                    let msg = format!(
                        "Item in {}.__all__ must be str, not {}",
                        module
                            .as_module()
                            .map_or("?".into(), |m| m.name.to_string()),
                        self.type_name(&name)
                    );
                    return Err(self.type_error(&msg));
                };
                let value = self.get_attr(&module, &name)?;
                self.dict_set(&target, name, value)?;
            }
            return Ok(());
        }
        let entries = self.dict_items(&dict);
        for (k, v) in entries {
            if k.as_str().map(|s| !s.starts_with('_')).unwrap_or(false) {
                self.dict_set(&target, k, v)?;
            }
        }
        Ok(())
    }
}

/// Sets `name` in a module's namespace.
fn set(vm: &mut Vm, module: &Value, name: &str, value: Value) {
    if let Some(ModuleObj { dict, .. }) = module.downcast::<ModuleObj>() {
        let key = vm.new_str(name);
        let _ = vm.dict_set(dict, key, value);
    }
}

fn add_functions(vm: &mut Vm, module: &Value, fns: &[(&'static str, NativeFn)]) {
    if let Some(ModuleObj { dict, .. }) = module.downcast::<ModuleObj>() {
        for &(name, f) in fns {
            crate::builtins::add_function(vm, dict, name, f);
        }
    }
}
