//! Calls: `CALL` (with `KW_NAMES`), `CALL_FUNCTION_EX`, `MAKE_FUNCTION`, argument
//! binding for Python functions, and calls from native code back into Python.
//!
//! A Python-to-Python call binds arguments in place on the value stack (they become
//! the callee's first locals) and pushes a frame record; the loop then continues in the
//! callee, so deep Python recursion never grows the Rust stack.

use smallvec::SmallVec;

use super::eval::Flow;
use super::Vm;
use crate::objects::typeobj::Layout;
use crate::objects::{new_object, Function};
use crate::objects::{CodeObj, MethodObj};
use crate::value::Value;
use crate::PyResult;
use bytecode::CodeFlags;

type Args = SmallVec<[Value; 8]>;

impl Vm {
    pub(super) fn op_call(&mut self, argc: usize, kwnames: &Value) -> PyResult<Flow> {
        let len = self.stack.len();
        let Some(a_idx) = len.checked_sub(argc + 2) else {
            return Err(self.system_error("CALL: stack underflow"));
        };
        if self.stack[a_idx].is_null() {
            // A bound method called as `NULL, method`: unpack into `func, self`.
            if let Some(MethodObj { func, this }) = self.stack[a_idx + 1].downcast::<MethodObj>() {
                let (f, t) = (func.clone(), this.clone());
                self.stack[a_idx] = f;
                self.stack[a_idx + 1] = t;
            }
        }
        let (callable_idx, args_start) = if self.stack[a_idx].is_null() {
            (a_idx + 1, a_idx + 2)
        } else {
            (a_idx, a_idx + 1)
        };
        let callable = self.stack[callable_idx].clone();
        if let Some(f) = callable.downcast::<Function>() {
            self.enter_function(&callable, f, args_start, a_idx, kwnames, false)?;
            return Ok(Flow::Reload);
        }
        if callable_idx == a_idx + 1 {
            match self.plain_class_init(&callable) {
                PlainInit::Python(init) => {
                    // CPython calls `__init__` from C here: the limit check and message
                    // are those of a C-level call.
                    self.enter_native_call(" while calling a Python object")?;
                    self.leave_native_call();
                    // `C(args)`: the instance goes where the NULL was (the call's
                    // result once `__init__` returns) and in the callable's slot as
                    // `self`; `__init__` then runs as a frame of this loop (CPython 3.11
                    // re-enters its eval loop here).
                    let instance = crate::objects::instance::new_instance(&callable);
                    self.stack[a_idx] = instance.clone();
                    self.stack[a_idx + 1] = instance;
                    if let Some(f) = init.downcast::<Function>() {
                        self.enter_function(&init, f, a_idx + 1, a_idx + 1, kwnames, false)?;
                        if let Some(frame) = self.frames.last_mut() {
                            frame.is_init = true;
                        }
                        return Ok(Flow::Reload);
                    }
                }
                // `C()` with `object.__init__`: nothing to run (with arguments,
                // `type_call` raises CPython's error).
                PlainInit::Inherited if self.stack.len() == args_start && kwnames.is_null() => {
                    let instance = crate::objects::instance::new_instance(&callable);
                    self.stack.truncate(a_idx);
                    self.push(instance);
                    return Ok(Flow::Continue);
                }
                _ => {}
            }
        }
        let args: Args = self.stack.drain(args_start..).collect();
        self.stack.truncate(a_idx);
        let names: &[Value] = kwnames.as_tuple().unwrap_or(&[]);
        let r = self.call_with_kw(&callable, &args, names)?;
        self.push(r);
        Ok(Flow::Continue)
    }

    /// How calling `cls` can make its instance in the loop: a user class of plain
    /// instances whose metaclass is `type`, with no Python `__new__`, and either a
    /// Python `__init__` (not a generator) or `object`'s.
    fn plain_class_init(&mut self, cls: &Value) -> PlainInit {
        let Some(t) = cls.as_type() else {
            return PlainInit::No;
        };
        if t.is_builtin() || t.layout != Layout::Object || !self.type_of(cls).is(&self.types.type_)
        {
            return PlainInit::No;
        }
        let (name_init, name_new) = (self.name_init.clone(), self.name_new.clone());
        if self
            .type_lookup_interned(cls, &name_new)
            .is_some_and(|n| n.is_kind::<Function>())
        {
            return PlainInit::No;
        }
        let Some(init) = self.type_lookup_interned(cls, &name_init) else {
            return PlainInit::No;
        };
        match init.downcast::<Function>() {
            // A generator `__init__` returns its generator (a TypeError type_call reports).
            Some(f)
                if f.code.flags.contains(
                    CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR,
                ) =>
            {
                PlainInit::No
            }
            Some(_) => PlainInit::Python(init),
            None if init.is(&self.object_init) => PlainInit::Inherited,
            None => PlainInit::No,
        }
    }

    /// Pushes a frame for Python function `f` whose arguments sit on the stack from
    /// `args_start` to the top; the stack is cut back to `call_base` on return.
    pub(crate) fn enter_function(
        &mut self,
        func_val: &Value,
        f: &Function,
        args_start: usize,
        call_base: usize,
        kwnames: &Value,
        is_entry: bool,
    ) -> PyResult<()> {
        let code = &f.code;
        self.check_depth(code)?;
        let nargs = self.stack.len() - args_start;
        let simple = kwnames.is_null()
            && nargs == code.argcount
            && code.kwonlyargcount == 0
            && !code
                .flags
                .contains(CodeFlags::VARARGS | CodeFlags::VARKEYWORDS);
        if simple {
            for _ in nargs..code.nlocalsplus() {
                self.stack.push(Value::NULL);
            }
        } else {
            let args: Args = self.stack.drain(args_start..).collect();
            let names: &[Value] = kwnames.as_tuple().unwrap_or(&[]);
            let locals = self.bind_args(f, &args, names)?;
            self.stack.extend(locals);
        }
        if code
            .flags
            .contains(CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR)
        {
            self.stack.truncate(call_base);
            return Err(self.system_error("coroutines are not supported yet"));
        }
        self.push_frame_record(
            code.clone(),
            args_start,
            call_base,
            f.globals.clone(),
            Value::NULL,
            func_val.clone(),
            is_entry,
        );
        Ok(())
    }

    /// Binds positional and keyword arguments to a function's parameters, with
    /// CPython's error messages. Returns the callee's full localsplus array.
    fn bind_args(
        &mut self,
        f: &Function,
        args: &[Value],
        kwnames: &[Value],
    ) -> PyResult<Vec<Value>> {
        let code = f.code.clone();
        let npos = args.len().saturating_sub(kwnames.len());
        let argc = code.argcount;
        let total = code.total_args();
        let has_varargs = code.flags.contains(CodeFlags::VARARGS);
        let has_varkw = code.flags.contains(CodeFlags::VARKEYWORDS);
        let mut locals = vec![Value::NULL; code.nlocalsplus()];
        let qualname = f.qualname.clone();
        for (slot, arg) in locals.iter_mut().zip(&args[..npos.min(argc)]) {
            *slot = arg.clone();
        }
        if has_varargs {
            let extra: Vec<Value> = args.get(argc..npos).map(|s| s.to_vec()).unwrap_or_default();
            locals[total] = self.new_tuple(extra);
        }
        let kwdict = if has_varkw {
            let d = self.new_dict();
            locals[total + has_varargs as usize] = d.clone();
            Some(d)
        } else {
            None
        };
        for (name, value) in kwnames.iter().zip(&args[npos..]) {
            let name_str = name.as_str().unwrap_or("");
            let idx = code.localsplus_names[code.posonlyargcount..total]
                .iter()
                .position(|n| &**n == name_str)
                .map(|i| i + code.posonlyargcount);
            match idx {
                Some(i) => {
                    if !locals[i].is_null() {
                        let msg =
                            format!("{qualname}() got multiple values for argument '{name_str}'");
                        return Err(self.type_error(&msg));
                    }
                    locals[i] = value.clone();
                }
                None => match &kwdict {
                    Some(d) => self.dict_set(d, name.clone(), value.clone())?,
                    None => {
                        let msg =
                            format!("{qualname}() got an unexpected keyword argument '{name_str}'");
                        return Err(self.type_error(&msg));
                    }
                },
            }
        }
        let defaults: Vec<Value> = f
            .defaults
            .as_tuple()
            .map(|t| t.to_vec())
            .unwrap_or_default();
        if npos > argc && !has_varargs {
            let min = argc - defaults.len().min(argc);
            let takes = if min == argc {
                format!(
                    "{argc} positional argument{}",
                    if argc == 1 { "" } else { "s" }
                )
            } else {
                format!("from {min} to {argc} positional arguments")
            };
            let was = if npos == 1 { "was" } else { "were" };
            let msg = format!("{qualname}() takes {takes} but {npos} {was} given");
            return Err(self.type_error(&msg));
        }
        let first_default = argc - defaults.len().min(argc);
        let mut missing = Vec::new();
        for (i, slot) in locals
            .iter_mut()
            .enumerate()
            .take(argc)
            .skip(npos.min(argc))
        {
            if slot.is_null() {
                if i >= first_default {
                    *slot = defaults[i - first_default].clone();
                } else {
                    missing.push(code.localsplus_names[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(&qualname, "positional", &missing));
        }
        for (i, slot) in locals.iter_mut().enumerate().take(total).skip(argc) {
            if slot.is_null() {
                let name = code.localsplus_names[i].clone();
                let dflt = match f.kwdefaults.as_dict() {
                    Some(d) => d.borrow().get_str(&name).cloned(),
                    None => None,
                };
                match dflt {
                    Some(v) => *slot = v,
                    None => missing.push(name),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(&qualname, "keyword-only", &missing));
        }
        Ok(locals)
    }

    fn missing_args(&mut self, qualname: &str, kind: &str, names: &[std::rc::Rc<str>]) -> Value {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        let plural = if names.len() == 1 { "" } else { "s" };
        let msg = format!(
            "{qualname}() missing {} required {kind} argument{plural}: {list}",
            names.len()
        );
        self.type_error(&msg)
    }

    /// Calls any callable from native code with positional arguments.
    pub fn call(&mut self, callable: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_with_kw(callable, args, &[])
    }

    /// Calls any callable; `args` ends with one value per name in `kwnames`.
    pub fn call_with_kw(
        &mut self,
        callable: &Value,
        args: &[Value],
        kwnames: &[Value],
    ) -> PyResult<Value> {
        if let Some(f) = callable.as_function() {
            // Native code calling back into Python counts toward the recursion limit,
            // with CPython's message for a C-level call.
            self.enter_native_call(" while calling a Python object")?;
            if args.len() >= self.stack.room() {
                self.leave_native_call();
                return Err(self.recursion_error());
            }
            let call_base = self.stack.len();
            self.stack.extend(args.iter().cloned());
            let names = if kwnames.is_empty() {
                Value::NULL
            } else {
                self.new_tuple(kwnames.to_vec())
            };
            if let Err(e) = self.enter_function(callable, f, call_base, call_base, &names, true) {
                self.stack.truncate(call_base);
                self.leave_native_call();
                return Err(e);
            }
            let r = self.run();
            self.leave_native_call();
            r
        } else if let Some(b) = callable.as_builtin() {
            if b.this.is_null() {
                (b.func)(self, args, kwnames)
            } else {
                let mut full: Args = SmallVec::with_capacity(args.len() + 1);
                full.push(b.this.clone());
                full.extend(args.iter().cloned());
                (b.func)(self, &full, kwnames)
            }
        } else if let Some(MethodObj { func, this }) = callable.as_method() {
            let mut full: Args = SmallVec::with_capacity(args.len() + 1);
            full.push(this.clone());
            full.extend(args.iter().cloned());
            let func = func.clone();
            self.call_with_kw(&func, &full, kwnames)
        } else {
            let ty = self.type_of(callable).clone();
            match ty.as_type().and_then(|t| t.slots.call) {
                Some(call) => call(self, callable, args, kwnames),
                None => {
                    let msg = format!("'{}' object is not callable", self.type_name(callable));
                    Err(self.type_error(&msg))
                }
            }
        }
    }

    /// Runs a class body (or any zero-argument function's code) with `locals` as its
    /// namespace; returns what the body returns (the `__class__` cell, if any).
    pub(crate) fn run_with_locals(&mut self, func: &Value, locals: Value) -> PyResult<Value> {
        let Some(f) = func.downcast::<Function>() else {
            return Err(self.type_error("__build_class__: func must be a function"));
        };
        self.push_frame_for_code(f.code.clone(), f.globals.clone(), locals, func.clone())?;
        self.native_depth += 1;
        let r = self.run();
        self.native_depth -= 1;
        r
    }

    pub(super) fn op_make_function(&mut self, flags: usize) -> PyResult<()> {
        let code_val = self.pop();
        let closure = if flags & 8 != 0 {
            self.pop()
        } else {
            Value::NULL
        };
        let annotations = if flags & 4 != 0 {
            self.pop()
        } else {
            Value::NULL
        };
        let kwdefaults = if flags & 2 != 0 {
            self.pop()
        } else {
            Value::NULL
        };
        let defaults = if flags & 1 != 0 {
            self.pop()
        } else {
            Value::NULL
        };
        let Some(CodeObj(code)) = code_val.downcast::<CodeObj>() else {
            return Err(self.system_error("MAKE_FUNCTION without a code object"));
        };
        let globals = self
            .frames
            .last()
            .map(|f| f.globals.clone())
            .unwrap_or(Value::NULL);
        let module = match globals.as_dict() {
            Some(d) => d
                .borrow()
                .get_str("__name__")
                .cloned()
                .unwrap_or(Value::NONE),
            None => Value::NONE,
        };
        let func = Function {
            code: code.clone(),
            globals,
            name: code.name.clone(),
            qualname: code.qualname.clone(),
            defaults,
            kwdefaults,
            closure,
            annotations,
            module,
            dict: std::cell::RefCell::new(Value::NULL),
            assigned: std::cell::RefCell::new([Value::NULL, Value::NULL, Value::NULL, Value::NULL]),
        };
        let v = new_object(&self.types.function, func);
        self.push(v);
        Ok(())
    }

    pub(super) fn op_call_function_ex(&mut self, has_kwargs: bool) -> PyResult<Flow> {
        let kwargs = if has_kwargs { self.pop() } else { Value::NULL };
        let args = self.pop();
        let callable = self.pop();
        let null = self.pop();
        let mut all: Vec<Value> = if null.is_null() {
            Vec::new()
        } else {
            vec![callable.clone()]
        };
        let callable = if null.is_null() { callable } else { null };
        all.extend(self.collect_iterable(&args)?);
        let mut names = Vec::new();
        if let Some(d) = kwargs.as_dict() {
            let entries: Vec<(Value, Value)> = d
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in entries {
                names.push(k);
                all.push(v);
            }
        }
        let r = self.call_with_kw(&callable, &all, &names)?;
        self.push(r);
        Ok(Flow::Continue)
    }
}

/// What instantiating a class takes (see `Vm::plain_class_init`).
enum PlainInit {
    /// Run this Python `__init__` on a new instance.
    Python(Value),
    /// `object.__init__`: a new instance is all.
    Inherited,
    /// Anything else: `type_call` does it.
    No,
}
