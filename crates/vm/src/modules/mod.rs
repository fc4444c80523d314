//! Native modules (`math`, `sys`, `time`, `signal`, ...) and the import machinery that finds them.
//!
//! `import` looks in `vm.modules` (like `sys.modules`), then builds a native module on
//! first use. Modules written in Python need the compiler, which the VM does not
//! depend on; they are a later addition through a loader hook.

mod collections;
mod gc;
mod itertools;
mod math;
pub(crate) mod signal;
pub(crate) mod sys;
mod time;
pub(crate) mod weakref;

use std::rc::Rc;

use crate::interp::Vm;
use crate::objects::ModuleObj;
use crate::objects::{new_object, NativeFn};
use crate::value::Value;
use crate::PyResult;

/// Finds and compiles a Python module by name for `import`: `None` when there is no
/// such module, `Some(Err(message))` for a SyntaxError. Supplied by the embedder,
/// since the VM does not depend on the compiler.
pub type ModuleLoader = Box<dyn FnMut(&str) -> Option<Result<bytecode::CodeObject, String>>>;

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

    /// `import name`: a cached module, or a native module built now.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        let key = self.new_str(name);
        let modules = self.modules.clone();
        if let Some(m) = self.dict_get(&modules, &key)? {
            return Ok(m);
        }
        let module = match name {
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
            _ => return self.import_source_module(name, key),
        };
        self.dict_set(&modules, key, module.clone())?;
        Ok(module)
    }

    /// Imports a module written in Python through the embedder's loader (the driver
    /// compiles `name.py`); the module is registered before its body runs so circular
    /// imports see the partly initialised module, as in CPython.
    fn import_source_module(&mut self, name: &str, key: Value) -> PyResult<Value> {
        let loaded = match self.module_loader.as_mut() {
            Some(loader) => loader(name),
            None => None,
        };
        let code = match loaded {
            None => {
                let msg = format!("No module named '{name}'");
                let ty = self.types.module_not_found_error.clone();
                return Err(self.new_exception(&ty, &msg));
            }
            Some(Err(msg)) => {
                let ty = self.types.syntax_error.clone();
                return Err(self.new_exception(&ty, &msg));
            }
            Some(Ok(code)) => code,
        };
        let code = self.load_code(&code);
        let module = self.new_module(name);
        let Some(ModuleObj { dict, .. }) = module.downcast::<ModuleObj>() else {
            return Err(self.system_error("module without a namespace"));
        };
        let dict = dict.clone();
        let file_key = self.new_str("__file__");
        let file = self.new_str(&code.filename);
        self.dict_set(&dict, file_key, file)?;
        let builtins_key = self.new_str("__builtins__");
        let builtins = self.builtins.clone();
        self.dict_set(&dict, builtins_key, builtins)?;
        let modules = self.modules.clone();
        self.dict_set(&modules, key.clone(), module.clone())?;
        if let Err(e) = self.run_module_code(code, dict) {
            let _ = self.dict_remove(&modules, &key);
            return Err(e);
        }
        Ok(module)
    }

    pub(crate) fn op_import_name(&mut self, name: &Value) -> PyResult<()> {
        let _fromlist = self.pop();
        let level = self.pop();
        if self.to_i64(&level)?.unwrap_or(0) > 0 {
            return Err(self.new_exception(
                &self.types.import_error.clone(),
                "attempted relative import with no known parent package",
            ));
        }
        let name = name.as_str().unwrap_or("").to_string();
        let module = self.import_module(&name)?;
        self.push(module);
        Ok(())
    }

    pub(crate) fn op_import_from(&mut self, name: &Value) -> PyResult<()> {
        let module = self.top();
        match self.get_attr_opt(&module, name.as_str().unwrap_or(""))? {
            Some(v) => {
                self.push(v);
                Ok(())
            }
            None => {
                let mname = match module.as_module() {
                    Some(m) => m.name.to_string(),
                    None => "?".into(),
                };
                let msg = format!(
                    "cannot import name '{}' from '{mname}' (unknown location)",
                    name.as_str().unwrap_or("?")
                );
                let ty = self.types.import_error.clone();
                Err(self.new_exception(&ty, &msg))
            }
        }
    }

    /// `from m import *`: public names into the current namespace.
    pub(crate) fn op_import_star(&mut self) -> PyResult<()> {
        let module = self.pop();
        let Some(ModuleObj { dict, .. }) = module.downcast::<ModuleObj>() else {
            return Err(self.type_error("import * expects a module"));
        };
        let entries = self.dict_items(dict);
        let target = match self.frames.last() {
            Some(f) if !f.locals.is_null() => f.locals.clone(),
            Some(f) => f.globals.clone(),
            None => return Ok(()),
        };
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
