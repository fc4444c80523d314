//! The import system for modules written in Python: packages, dotted names,
//! relative imports, `sys.path`, and the user-visible rules of `__import__`.
//!
//! The VM does not read files or compile source itself: the embedder supplies a
//! [`SourceLoader`] that, given one name and the directories to look in (the
//! entries of `sys.path` for a top-level module, the parent package's `__path__`
//! for a submodule), finds `<dir>/<name>/__init__.py` (a package) or
//! `<dir>/<name>.py` and compiles it. Everything else lives here:
//!
//! * `import a.b.c` imports `a`, then `a.b`, then `a.b.c`, each registered in
//!   `sys.modules` before its body runs (so circular imports see the partly
//!   initialised module) and removed again if the body raises; each submodule
//!   becomes an attribute of its parent once loaded.
//! * A relative import (`from ..x import y`, level > 0) is resolved against the
//!   importing module's `__package__` (or its `__name__`, less the last part
//!   unless it is a package), with CPython's error messages.
//! * `from pkg import name` imports the submodule `pkg.name` when `name` is not
//!   already an attribute of the package (the "fromlist" rule).

use std::cell::RefCell;

use crate::interp::Vm;
use crate::objects::ModuleObj;
use crate::value::Value;
use crate::PyResult;

/// A module the embedder found and compiled for `import`.
pub struct LoadedModule {
    /// The module's code, or a SyntaxError's message (`str()` of the exception).
    pub code: Result<bytecode::CodeObject, String>,
    /// The source file's path, which becomes `__file__` (absolute).
    pub filename: String,
    /// Whether this is a package (a directory's `__init__.py`).
    pub is_package: bool,
    /// Where the module's compiled code is cached, which becomes `__cached__`
    /// (Coil's own `__pycache__/<name>.coil-011.pyc`, not CPython's file name).
    pub cached: Option<String>,
}

/// Finds modules written in Python for `import`. Supplied by the embedder, since
/// the VM does not depend on the compiler.
pub trait SourceLoader {
    /// The initial entries of `sys.path` (first, the script's directory).
    fn initial_path(&self) -> Vec<String>;

    /// Finds the module or package called `name` (one part of a dotted name) in the
    /// first of `dirs` that has it: `None` when none does.
    fn find(&mut self, name: &str, dirs: &[String]) -> Option<LoadedModule>;
}

thread_local! {
    /// Names of the modules whose bodies are running now, for the "partially
    /// initialized module" wording of a failed `from m import name`.
    static INITIALIZING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

impl Vm {
    /// `import name` for a dotted name: imports each package along the way and
    /// returns the last module (`a.b.c` gives `a.b.c`).
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        let modules = self.modules.clone();
        let key = self.new_str(name);
        if let Some(m) = self.dict_get(&modules, &key)? {
            if m.is_none() {
                let msg = format!("import of {name} halted; None in sys.modules");
                return Err(self.module_not_found(&msg, name));
            }
            return Ok(m);
        }
        let (parent, dirs) = match name.rsplit_once('.') {
            Some((parent_name, _)) => {
                let parent = self.import_module(parent_name)?;
                // Importing the parent may have imported this module too.
                if let Some(m) = self.dict_get(&modules, &key)? {
                    return Ok(m);
                }
                let Some(path) = self.get_attr_opt(&parent, "__path__")? else {
                    let msg = format!("No module named '{name}'; '{parent_name}' is not a package");
                    return Err(self.module_not_found(&msg, name));
                };
                let dirs = self.str_entries(&path)?;
                (Some(parent), dirs)
            }
            None => {
                if let Some(module) = self.native_module(name) {
                    self.dict_set(&modules, key, module.clone())?;
                    return Ok(module);
                }
                let dirs = self.sys_path()?;
                (None, dirs)
            }
        };
        let module = self.load_source_module(name, &dirs)?;
        if let (Some(parent), Some((_, child))) = (parent, name.rsplit_once('.')) {
            let child = self.new_str(child);
            // CPython only warns when the parent refuses the attribute.
            let _ = self.set_attr(&parent, &child, module.clone());
        }
        Ok(module)
    }

    /// Finds `name` through the embedder's loader, makes its module and runs the
    /// body; returns what `sys.modules[name]` holds afterwards, as CPython does.
    fn load_source_module(&mut self, name: &str, dirs: &[String]) -> PyResult<Value> {
        let tail = name.rsplit('.').next().unwrap_or(name);
        let found = match self.module_loader.as_mut() {
            Some(loader) => loader.find(tail, dirs),
            None => None,
        };
        let Some(found) = found else {
            let msg = format!("No module named '{name}'");
            return Err(self.module_not_found(&msg, name));
        };
        let code = match found.code {
            Ok(code) => code,
            Err(msg) => {
                let ty = self.types.syntax_error.clone();
                return Err(self.new_exception(&ty, &msg));
            }
        };
        let code = self.load_code(&code);
        let module = self.new_module(name);
        let Some(ModuleObj { dict, .. }) = module.downcast::<ModuleObj>() else {
            return Err(self.system_error("module without a namespace"));
        };
        let dict = dict.clone();
        let package = if found.is_package {
            name
        } else {
            name.rsplit_once('.').map_or("", |(p, _)| p)
        };
        let search_locations = if found.is_package {
            let dir = std::path::Path::new(&found.filename)
                .parent()
                .map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default();
            let dir = self.new_str(&dir);
            Some(self.new_list(vec![dir]))
        } else {
            None
        };
        let loader = self.source_file_loader(name, &found.filename)?;
        let cached = found
            .cached
            .as_deref()
            .map_or(Value::NONE, |c| self.new_str(c));
        let spec = self.module_spec(
            name,
            &loader,
            &found.filename,
            &cached,
            package,
            search_locations.clone(),
        )?;
        let mut attrs = vec![("__doc__", Value::NONE)];
        attrs.push(("__package__", self.new_str(package)));
        attrs.push(("__loader__", loader));
        attrs.push(("__spec__", spec));
        if let Some(locations) = search_locations {
            attrs.push(("__path__", locations));
        }
        attrs.push(("__file__", self.new_str(&found.filename)));
        attrs.push(("__cached__", cached));
        attrs.push(("__builtins__", self.builtins.clone()));
        for (k, v) in attrs {
            let k = self.new_str(k);
            self.dict_set(&dict, k, v)?;
        }
        let modules = self.modules.clone();
        let key = self.new_str(name);
        self.dict_set(&modules, key.clone(), module.clone())?;
        INITIALIZING.with(|s| s.borrow_mut().push(name.to_owned()));
        let result = self.run_module_code(code, dict);
        INITIALIZING.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(i) = s.iter().rposition(|n| n == name) {
                s.remove(i);
            }
        });
        if let Err(e) = result {
            let _ = self.dict_remove(&modules, &key);
            return Err(e);
        }
        match self.dict_get(&modules, &key)? {
            Some(m) => Ok(m),
            None => {
                let msg = format!("Loaded module {name} not found in sys.modules");
                let ty = self.types.import_error.clone();
                Err(self.new_import_error(&ty, &msg, None, None))
            }
        }
    }

    /// The class `module.name` of the import machinery: made on first use (with
    /// no methods, its instances only hold attributes) and kept in the module
    /// `sys.modules[module]`, where CPython keeps `ModuleSpec` and
    /// `SourceFileLoader` too.
    fn machinery_class(&mut self, module: &str, name: &str) -> PyResult<Value> {
        let modules = self.modules.clone();
        let key = self.new_str(module);
        let holder = match self.dict_get(&modules, &key)? {
            Some(m) if m.downcast::<ModuleObj>().is_some() => m,
            _ => {
                let m = self.new_module(module);
                self.dict_set(&modules, key, m.clone())?;
                m
            }
        };
        if let Some(cls) = self.get_attr_opt(&holder, name)? {
            if cls.as_type().is_some() {
                return Ok(cls);
            }
        }
        let ns = self.new_dict();
        let module_key = self.new_str("__module__");
        let module_name = self.new_str(module);
        self.dict_set(&ns, module_key, module_name)?;
        let object = self.types.object.clone();
        let cls = self.new_class(name, vec![object], &ns)?;
        let attr = self.new_str(name);
        self.set_attr(&holder, &attr, cls.clone())?;
        Ok(cls)
    }

    /// An instance of the machinery class `module.class` with these attributes.
    fn machinery_object(
        &mut self,
        module: &str,
        class: &str,
        attrs: Vec<(&str, Value)>,
    ) -> PyResult<Value> {
        let cls = self.machinery_class(module, class)?;
        let obj = self.call(&cls, &[])?;
        for (k, v) in attrs {
            let k = self.new_str(k);
            self.set_attr(&obj, &k, v)?;
        }
        Ok(obj)
    }

    /// A module's `__loader__`: a `SourceFileLoader` with `name` and `path`.
    pub(crate) fn source_file_loader(&mut self, name: &str, path: &str) -> PyResult<Value> {
        let attrs = vec![("name", self.new_str(name)), ("path", self.new_str(path))];
        self.machinery_object("_frozen_importlib_external", "SourceFileLoader", attrs)
    }

    /// A module's `__spec__`: a `ModuleSpec` whose attributes hold the values
    /// CPython's would (its properties are plain attributes here).
    fn module_spec(
        &mut self,
        name: &str,
        loader: &Value,
        origin: &str,
        cached: &Value,
        parent: &str,
        search_locations: Option<Value>,
    ) -> PyResult<Value> {
        let attrs = vec![
            ("name", self.new_str(name)),
            ("loader", loader.clone()),
            ("origin", self.new_str(origin)),
            ("loader_state", Value::NONE),
            (
                "submodule_search_locations",
                search_locations.unwrap_or(Value::NONE),
            ),
            ("cached", cached.clone()),
            ("parent", self.new_str(parent)),
            ("has_location", Value::bool(true)),
        ];
        self.machinery_object("_frozen_importlib", "ModuleSpec", attrs)
    }

    /// `sys.path` as it is now (the list the program may have changed); entries
    /// that are not strings are skipped, as CPython's path finder does.
    fn sys_path(&mut self) -> PyResult<Vec<String>> {
        let sys = self.import_module("sys")?;
        match self.get_attr_opt(&sys, "path")? {
            Some(path) => self.str_entries(&path),
            None => Ok(Vec::new()),
        }
    }

    /// The string items of a list (or other iterable) of directory names.
    fn str_entries(&mut self, list: &Value) -> PyResult<Vec<String>> {
        let items = match list.as_list() {
            Some(items) => items.borrow().clone(),
            None => self.collect_iterable(list)?,
        };
        Ok(items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect())
    }

    /// A ModuleNotFoundError for the module `name`.
    fn module_not_found(&mut self, msg: &str, name: &str) -> Value {
        let ty = self.types.module_not_found_error.clone();
        self.new_import_error(&ty, msg, Some(name), None)
    }

    /// An ImportError with `name` and `path` None.
    fn import_error(&mut self, msg: &str) -> Value {
        let ty = self.types.import_error.clone();
        self.new_import_error(&ty, msg, None, None)
    }

    /// What `__import__(name, globals, locals, fromlist, level)` returns, and what
    /// the `import` statement runs: the top-level package for `import a.b`, the
    /// named module itself when there is a fromlist (whose submodules are imported
    /// when they are not attributes yet).
    pub(crate) fn import_name(
        &mut self,
        name: &str,
        globals: &Value,
        fromlist: &[Value],
        level: i64,
    ) -> PyResult<Value> {
        if level < 0 {
            return Err(self.value_error("level must be >= 0"));
        }
        let absolute = if level > 0 {
            self.resolve_relative(name, globals, level)?
        } else {
            if name.is_empty() {
                return Err(self.value_error("Empty module name"));
            }
            name.to_owned()
        };
        let module = self.import_module(&absolute)?;
        if fromlist.is_empty() {
            if level == 0 {
                let top = name.split('.').next().unwrap_or(name);
                return self.import_module(top);
            }
            if name.is_empty() {
                return Ok(module);
            }
            // `__import__('b.c', globals(), level=1)` in package `p`: returns `p.b`.
            let first = name.split('.').next().unwrap_or(name);
            let cut = name.len() - first.len();
            let own = self.module_name(&module)?.unwrap_or(absolute.clone());
            let wanted = &own[..own.len().saturating_sub(cut)];
            let key = self.new_str(wanted);
            let modules = self.modules.clone();
            return match self.dict_get(&modules, &key)? {
                Some(m) => Ok(m),
                None => {
                    let msg = format!("{wanted:?} not in sys.modules as expected");
                    Err(self.key_error_msg(&msg))
                }
            };
        }
        if self.get_attr_opt(&module, "__path__")?.is_some() {
            self.handle_fromlist(&module, fromlist, false)?;
        }
        Ok(module)
    }

    fn key_error_msg(&mut self, msg: &str) -> Value {
        let key = self.new_str(msg);
        self.key_error(key)
    }

    /// A module's `__name__`, when it is a string.
    fn module_name(&mut self, module: &Value) -> PyResult<Option<String>> {
        Ok(self
            .get_attr_opt(module, "__name__")?
            .and_then(|n| n.as_str().map(str::to_owned)))
    }

    /// Imports `pkg.x` for each `x` of `fromlist` that the package does not have as
    /// an attribute; `*` stands for the names in the package's `__all__`. A
    /// submodule that does not exist is no error here: the `from` statement then
    /// reports the missing name.
    fn handle_fromlist(
        &mut self,
        module: &Value,
        fromlist: &[Value],
        recursive: bool,
    ) -> PyResult<()> {
        for item in fromlist {
            let Some(x) = item.as_str().map(str::to_owned) else {
                let what = if recursive {
                    "``Module.__all__``"
                } else {
                    "``from list''"
                };
                let msg = format!("Item in {what} must be str, not {}", self.type_name(item));
                return Err(self.type_error(&msg));
            };
            if x == "*" {
                if !recursive {
                    if let Some(all) = self.get_attr_opt(module, "__all__")? {
                        let names = self.collect_iterable(&all)?;
                        self.handle_fromlist(module, &names, true)?;
                    }
                }
                continue;
            }
            if self.get_attr_opt(module, &x)?.is_some() {
                continue;
            }
            let Some(pkg) = self.module_name(module)? else {
                continue;
            };
            let full = format!("{pkg}.{x}");
            if let Err(e) = self.import_module(&full) {
                let missing = format!("No module named '{full}'");
                let ty = self.types.module_not_found_error.clone();
                if self.isinstance(&e, &ty) && self.str(&e).is_ok_and(|s| s == missing) {
                    continue;
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// The absolute name a relative import means, from the importing module's
    /// globals (`__package__`, else `__name__` and whether `__path__` is there).
    fn resolve_relative(&mut self, name: &str, globals: &Value, level: i64) -> PyResult<String> {
        if globals.as_dict().is_none() {
            if globals.is_none() || globals.is_null() {
                let key = self.new_str("'__name__' not in globals");
                return Err(self.key_error(key));
            }
            return Err(self.type_error("globals must be a dict"));
        }
        let package_key = self.new_str("__package__");
        let package = self.dict_get(globals, &package_key)?;
        let package = match package {
            Some(p) if !p.is_none() => match p.as_str() {
                Some(s) => s.to_owned(),
                None => return Err(self.type_error("package must be a string")),
            },
            _ => {
                let name_key = self.new_str("__name__");
                let Some(module_name) = self.dict_get(globals, &name_key)? else {
                    let key = self.new_str("'__name__' not in globals");
                    return Err(self.key_error(key));
                };
                let Some(module_name) = module_name.as_str().map(str::to_owned) else {
                    return Err(self.type_error("__name__ must be a string"));
                };
                let path_key = self.new_str("__path__");
                if self.dict_get(globals, &path_key)?.is_some() {
                    module_name
                } else {
                    module_name
                        .rsplit_once('.')
                        .map_or(String::new(), |(p, _)| p.to_owned())
                }
            }
        };
        if package.is_empty() {
            return Err(self.import_error("attempted relative import with no known parent package"));
        }
        let mut base = package.as_str();
        for _ in 1..level {
            match base.rsplit_once('.') {
                Some((head, _)) => base = head,
                None => {
                    return Err(
                        self.import_error("attempted relative import beyond top-level package")
                    )
                }
            }
        }
        Ok(if name.is_empty() {
            base.to_owned()
        } else {
            format!("{base}.{name}")
        })
    }

    /// `IMPORT_NAME`: pops the level and the fromlist and pushes what
    /// [`Vm::import_name`] returns, resolving relative names against the current
    /// frame's globals.
    pub(crate) fn op_import_name(&mut self, name: &Value) -> PyResult<()> {
        let fromlist = self.pop();
        let level = self.pop();
        let level = self.to_i64(&level)?.unwrap_or(0);
        let fromlist = if fromlist.is_none() {
            Vec::new()
        } else {
            self.collect_iterable(&fromlist)?
        };
        let globals = match self.frames.last() {
            Some(f) => f.globals.clone(),
            None => Value::NONE,
        };
        let name = name.as_str().unwrap_or("").to_owned();
        let module = self.import_name(&name, &globals, &fromlist, level)?;
        self.push(module);
        Ok(())
    }

    /// `IMPORT_FROM`: the attribute `name` of the module on the stack, else the
    /// submodule `sys.modules['<module>.<name>']`, else CPython's ImportError.
    pub(crate) fn op_import_from(&mut self, name: &Value) -> PyResult<()> {
        let module = self.top();
        let attr = name.as_str().unwrap_or("").to_owned();
        if let Some(v) = self.get_attr_opt(&module, &attr)? {
            self.push(v);
            return Ok(());
        }
        let pkg = self.module_name(&module)?;
        if let Some(pkg) = &pkg {
            let key = self.new_str(&format!("{pkg}.{attr}"));
            let modules = self.modules.clone();
            if let Some(v) = self.dict_get(&modules, &key)? {
                self.push(v);
                return Ok(());
            }
        }
        let pkg = pkg.unwrap_or_else(|| "<unknown module name>".to_owned());
        let file = module.as_module().and_then(|m| {
            m.dict.as_dict().and_then(|d| {
                d.borrow()
                    .get_str("__file__")
                    .and_then(|f| f.as_str().map(str::to_owned))
            })
        });
        let msg = match &file {
            None => format!("cannot import name '{attr}' from '{pkg}' (unknown location)"),
            Some(file) if INITIALIZING.with(|s| s.borrow().contains(&pkg)) => format!(
                "cannot import name '{attr}' from partially initialized module '{pkg}' \
                 (most likely due to a circular import) ({file})"
            ),
            Some(file) => format!("cannot import name '{attr}' from '{pkg}' ({file})"),
        };
        let ty = self.types.import_error.clone();
        Err(self.new_import_error(&ty, &msg, Some(&pkg), file.as_deref()))
    }
}
