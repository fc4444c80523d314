//! `compile()`, `exec()`, `eval()` and `locals()`.
//!
//! The VM does not depend on the compiler: source text goes through the embedder's
//! [`SourceCompiler`] hook (the `coil` driver's lexer, parser and codegen). Code runs
//! as a frame of its own over the given globals and locals, as module and class
//! bodies do (`LOAD_NAME` reads the locals mapping, then globals, then builtins).

use crate::interp::Vm;
use crate::modules::CompileMode;
use crate::objects::{new_object, CodeObj};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// Compiles `source` through the embedder's hook; a SyntaxError as CPython's.
    fn compile_source(
        &mut self,
        source: &str,
        filename: &str,
        mode: CompileMode,
    ) -> PyResult<std::rc::Rc<crate::objects::Code>> {
        let compiled = match self.source_compiler.as_mut() {
            Some(compile) => compile(source, filename, mode),
            None => return Err(self.runtime_error("no compiler is available to this VM")),
        };
        match compiled {
            Ok(code) => Ok(self.load_code(&code)),
            Err(msg) => {
                let ty = self.types.syntax_error.clone();
                Err(self.new_exception(&ty, &msg))
            }
        }
    }

    /// The source text or code object a `compile`/`exec`/`eval` argument holds.
    fn code_argument(
        &mut self,
        func: &str,
        source: &Value,
        filename: &str,
        mode: CompileMode,
    ) -> PyResult<std::rc::Rc<crate::objects::Code>> {
        if let Some(CodeObj(code)) = source.downcast::<CodeObj>() {
            return Ok(code.clone());
        }
        let text = if let Some(s) = source.as_str() {
            s.to_owned()
        } else if let Some(b) = source.as_bytes() {
            match std::str::from_utf8(b) {
                Ok(s) => s.to_owned(),
                Err(_) => {
                    return Err(self.value_error("source code string cannot contain null bytes"))
                }
            }
        } else {
            let what = if func == "compile" {
                "compile() arg 1 must be a string, bytes or AST object".to_owned()
            } else {
                format!("{func}() arg 1 must be a string, bytes or code object")
            };
            return Err(self.type_error(&what));
        };
        if text.contains('\0') {
            return Err(self.value_error("source code string cannot contain null bytes"));
        }
        // `eval` (and `exec` of a string) ignores leading spaces and tabs.
        let text = if func == "compile" {
            text
        } else {
            text.trim_start_matches([' ', '\t']).to_owned()
        };
        self.compile_source(&text, filename, mode)
    }

    /// The globals and locals `exec`/`eval` run in: the caller's when not given;
    /// `locals` defaults to `globals` when only that is given.
    fn namespaces(
        &mut self,
        func: &str,
        globals: Option<Value>,
        locals: Option<Value>,
    ) -> PyResult<(Value, Value)> {
        let globals = globals.filter(|g| !g.is_none());
        let locals = locals.filter(|l| !l.is_none());
        let (globals, locals) = match globals {
            Some(g) => {
                if g.as_dict().is_none() {
                    let msg = format!(
                        "{func}() globals must be a dict, not {}",
                        self.type_name(&g)
                    );
                    return Err(self.type_error(&msg));
                }
                let l = locals.unwrap_or_else(|| g.clone());
                (g, l)
            }
            None => {
                let g = self
                    .frames
                    .last()
                    .map(|f| f.globals.clone())
                    .unwrap_or(Value::NONE);
                let l = match locals {
                    Some(l) => l,
                    None => self.caller_locals()?,
                };
                (g, l)
            }
        };
        // CPython gives a globals dict without `__builtins__` the builtins module.
        let key = self.intern("__builtins__");
        if self.dict_get(&globals, &key)?.is_none() {
            let builtins = self.builtins.clone();
            self.dict_set(&globals, key, builtins)?;
        }
        Ok((globals, locals))
    }

    /// `locals()` of the running frame: its locals mapping at module and class
    /// level; in a function, a new dict of its bound local variables (as CPython
    /// 3.11 returns a snapshot).
    pub(crate) fn caller_locals(&mut self) -> PyResult<Value> {
        let Some(frame) = self.frames.last() else {
            return Ok(self.new_dict());
        };
        if !frame.locals.is_null() {
            return Ok(frame.locals.clone());
        }
        let (code, base) = (frame.code.clone(), frame.base);
        let d = self.new_dict();
        for (i, name) in code.localsplus_names.iter().enumerate() {
            let Some(v) = self.stack.get(base + i).cloned() else {
                continue;
            };
            // Cell and free variables hold their value in a cell.
            let v = match v.as_cell() {
                Some(cell) if i >= code.nlocals => cell.borrow().clone(),
                _ => v,
            };
            if v.is_null() {
                continue;
            }
            let key = self.new_str(name);
            self.dict_set(&d, key, v)?;
        }
        Ok(d)
    }

    /// Runs `code` in a frame of its own over `globals` and `locals`.
    fn run_in_namespaces(
        &mut self,
        code: std::rc::Rc<crate::objects::Code>,
        globals: Value,
        locals: Value,
    ) -> PyResult<Value> {
        self.enter_native_call("")?;
        let r = match self.push_frame_for_code(code, globals, locals, Value::NULL) {
            Ok(()) => self.run(),
            Err(e) => Err(e),
        };
        self.leave_native_call();
        r
    }
}

fn mode_of(vm: &mut Vm, mode: &Value) -> PyResult<CompileMode> {
    match mode.as_str() {
        Some("exec") => Ok(CompileMode::Exec),
        Some("eval") => Ok(CompileMode::Eval),
        Some("single") => Ok(CompileMode::Single),
        _ => Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    }
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub fn compile(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
        "_feature_version",
    ];
    let a = crate::objects::int::bind_args(vm, "compile", args, kwnames, &names, 6, 3)?;
    let (Some(source), Some(filename), Some(mode)) = (&a[0], &a[1], &a[2]) else {
        return Err(vm.system_error("compile() bound without its required arguments"));
    };
    let mode = mode_of(vm, mode)?;
    let filename = match filename.as_str() {
        Some(f) => f.to_owned(),
        None => {
            let msg = format!(
                "compile() argument 'filename' must be str, not {}",
                vm.type_name(filename)
            );
            return Err(vm.type_error(&msg));
        }
    };
    let code = vm.code_argument("compile", source, &filename, mode)?;
    Ok(new_object(&vm.types.code, CodeObj(code)))
}

/// The positional arguments of `exec`/`eval` (at most three), with each one's
/// CPython wording for a wrong count.
fn source_globals_locals(
    vm: &mut Vm,
    func: &str,
    args: &[Value],
    npos: usize,
) -> PyResult<(Value, Option<Value>, Option<Value>)> {
    let (few, many) = if func == "exec" {
        (
            "exec() takes at least 1 positional argument (0 given)".to_owned(),
            format!("exec() takes at most 3 positional arguments ({npos} given)"),
        )
    } else {
        (
            "eval expected at least 1 argument, got 0".to_owned(),
            format!("eval expected at most 3 arguments, got {npos}"),
        )
    };
    match &args[..npos] {
        [] => Err(vm.type_error(&few)),
        [s] => Ok((s.clone(), None, None)),
        [s, g] => Ok((s.clone(), Some(g.clone()), None)),
        [s, g, l] => Ok((s.clone(), Some(g.clone()), Some(l.clone()))),
        _ => Err(vm.type_error(&many)),
    }
}

/// `exec(source, globals=None, locals=None, /, *, closure=None)`.
pub fn exec(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    for k in kwnames {
        let key = k.as_str().unwrap_or("");
        if key != "closure" {
            let msg = format!("'{key}' is an invalid keyword argument for exec()");
            return Err(vm.type_error(&msg));
        }
    }
    let (source, globals, locals) = source_globals_locals(vm, "exec", args, npos)?;
    let (globals, locals) = vm.namespaces("exec", globals, locals)?;
    let code = vm.code_argument("exec", &source, "<string>", CompileMode::Exec)?;
    vm.run_in_namespaces(code, globals, locals)?;
    Ok(Value::NONE)
}

/// `eval(expression, globals=None, locals=None, /)`.
pub fn eval(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(vm.type_error("eval() takes no keyword arguments"));
    }
    let (source, globals, locals) = source_globals_locals(vm, "eval", args, args.len())?;
    let (globals, locals) = vm.namespaces("eval", globals, locals)?;
    let code = vm.code_argument("eval", &source, "<string>", CompileMode::Eval)?;
    vm.run_in_namespaces(code, globals, locals)
}

/// `locals()`.
pub fn locals(vm: &mut Vm, args: &[Value], _kwnames: &[Value]) -> PyResult<Value> {
    if !args.is_empty() {
        let msg = format!("locals() takes no arguments ({} given)", args.len());
        return Err(vm.type_error(&msg));
    }
    vm.caller_locals()
}
