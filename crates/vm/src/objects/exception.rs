//! Exception instances (`BaseException` and every subclass): args, traceback entries,
//! `__cause__`/`__context__`, and the constructors the runtime raises errors with.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::interp::Vm;
use crate::objects::{new_object, Code, Dict, Trace};
use crate::value::Value;
use crate::PyResult;

/// One traceback entry: a frame's code and the instruction that was running.
#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Rc<Code>,
    pub lasti: usize,
}

pub struct ExceptionData {
    /// `args`, a tuple.
    pub args: RefCell<Value>,
    /// Innermost frame first (the order entries are added while unwinding).
    pub traceback: RefCell<Vec<TracebackEntry>>,
    pub cause: RefCell<Value>,
    pub context: RefCell<Value>,
    pub suppress_context: Cell<bool>,
    /// Attributes set on the instance (`self.code = ...` in user subclasses).
    pub dict: RefCell<Dict>,
    /// For exception groups: the tuple `(message, exceptions)` fixed at construction
    /// (see `objects::exception_group`); NONE otherwise.
    pub group: RefCell<Value>,
}

impl Vm {
    /// An exception of class `ty` with `args`.
    pub fn new_exception_args(&mut self, ty: &Value, args: Vec<Value>) -> Value {
        let args = self.new_tuple(args);
        new_object(
            ty,
            ExceptionData {
                args: RefCell::new(args),
                traceback: RefCell::new(Vec::new()),
                cause: RefCell::new(Value::NONE),
                context: RefCell::new(Value::NONE),
                suppress_context: Cell::new(false),
                dict: RefCell::new(Dict::new()),
                group: RefCell::new(Value::NONE),
            },
        )
    }

    /// An exception of class `ty` with one message argument.
    pub fn new_exception(&mut self, ty: &Value, msg: &str) -> Value {
        let msg = self.new_str(msg);
        self.new_exception_args(ty, vec![msg])
    }

    pub fn type_error(&mut self, msg: &str) -> Value {
        let ty = self.types.type_error.clone();
        self.new_exception(&ty, msg)
    }

    pub fn value_error(&mut self, msg: &str) -> Value {
        let ty = self.types.value_error.clone();
        self.new_exception(&ty, msg)
    }

    pub fn index_error(&mut self, msg: &str) -> Value {
        let ty = self.types.index_error.clone();
        self.new_exception(&ty, msg)
    }

    pub fn key_error(&mut self, key: Value) -> Value {
        let ty = self.types.key_error.clone();
        self.new_exception_args(&ty, vec![key])
    }

    pub fn attribute_error(&mut self, msg: &str) -> Value {
        let ty = self.types.attribute_error.clone();
        self.new_exception(&ty, msg)
    }

    pub fn zero_division_error(&mut self, msg: &str) -> Value {
        let ty = self.types.zero_division_error.clone();
        self.new_exception(&ty, msg)
    }

    pub fn overflow_error(&mut self, msg: &str) -> Value {
        let ty = self.types.overflow_error.clone();
        self.new_exception(&ty, msg)
    }

    pub fn runtime_error(&mut self, msg: &str) -> Value {
        let ty = self.types.runtime_error.clone();
        self.new_exception(&ty, msg)
    }

    /// Refuses a repetition (`'a' * n`, `[0] * n`) that would not fit in memory, as
    /// CPython's MemoryError does instead of aborting.
    pub fn check_repeat(&mut self, unit_len: usize, n: i64) -> PyResult<usize> {
        let n = n.max(0) as usize;
        const LIMIT: usize = 1 << 34;
        if unit_len.checked_mul(n).map(|t| t > LIMIT).unwrap_or(true) {
            let ty = self.types.memory_error.clone();
            return Err(self.new_exception_args(&ty, vec![]));
        }
        Ok(n)
    }

    /// The repeat count of `sequence * count` for a sequence of `unit_len` bytes per copy:
    /// CPython's TypeError for a non-int count, MemoryError past what can be built.
    pub fn repeat_count(&mut self, count: &Value, unit_len: usize) -> PyResult<usize> {
        let Some(n) = self.to_i64(count)? else {
            let msg = format!(
                "can't multiply sequence by non-int of type '{}'",
                self.type_name(count)
            );
            return Err(self.type_error(&msg));
        };
        self.check_repeat(unit_len, n)
    }

    pub fn system_error(&mut self, msg: &str) -> Value {
        let ty = self.types.system_error.clone();
        self.new_exception(&ty, msg)
    }

    pub fn name_error(&mut self, name: &str) -> Value {
        let ty = self.types.name_error.clone();
        self.new_exception(&ty, &format!("name '{name}' is not defined"))
    }

    pub fn recursion_error(&mut self) -> Value {
        let ty = self.types.recursion_error.clone();
        self.new_exception(&ty, "maximum recursion depth exceeded")
    }

    pub fn stop_iteration(&mut self) -> Value {
        let ty = self.types.stop_iteration.clone();
        self.new_exception_args(&ty, vec![])
    }

    /// `str(exc)`: empty for no args, `str(arg)` for one, `str(args)` otherwise;
    /// KeyError shows the repr of its single key.
    /// `Some(true)` for a `UnicodeDecodeError`, `Some(false)` for a
    /// `UnicodeEncodeError`, whose str and attributes come from their arguments.
    pub fn unicode_error_kind(&self, exc: &Value) -> Option<bool> {
        let ty = self.type_of(exc);
        if self.is_subclass(ty, &self.types.unicode_decode_error) {
            Some(true)
        } else if self.is_subclass(ty, &self.types.unicode_encode_error) {
            Some(false)
        } else {
            None
        }
    }

    pub fn exception_str(&mut self, exc: &Value) -> PyResult<String> {
        let Some(data) = exc.as_exception() else {
            return self.str(exc).map(|s| s.to_string());
        };
        let args = data.args.borrow().clone();
        let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
        if let Some(decode) = self.unicode_error_kind(exc) {
            if let Some(msg) = crate::objects::codecs::unicode_error_message(decode, &items) {
                return Ok(msg);
            }
        }
        match items.len() {
            0 => Ok(String::new()),
            1 => {
                let ty = self.type_of(exc).clone();
                let key_error = self.types.key_error.clone();
                if self.is_subclass(&ty, &key_error) {
                    self.repr(&items[0]).map(|s| s.to_string())
                } else {
                    self.str(&items[0]).map(|s| s.to_string())
                }
            }
            _ => self.repr(&args).map(|s| s.to_string()),
        }
    }
}

/// `repr(exc)`: `Name(arg, ...)`.
pub fn exception_repr(vm: &mut Vm, exc: &Value) -> PyResult<Value> {
    let name = vm.type_name(exc);
    let args = exc
        .as_exception()
        .map(|d| d.args.borrow().clone())
        .unwrap_or(Value::NONE);
    let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let s = if items.len() == 1 {
        format!("{name}({})", vm.repr(&items[0])?)
    } else {
        format!("{name}{}", vm.repr(&args)?)
    };
    Ok(vm.new_str(&s))
}

pub fn exception_str_slot(vm: &mut Vm, exc: &Value) -> PyResult<Value> {
    // ImportError shows its `msg` attribute when that is a str.
    if let Some(data) = exc.as_exception() {
        let import_error = vm.types.import_error.clone();
        if vm.is_subclass(vm.type_of(exc), &import_error) {
            let msg = data.dict.borrow().get_str("msg").cloned();
            if let Some(m) = msg.filter(|m| m.as_str().is_some()) {
                return Ok(m);
            }
        }
    }
    // A lone str argument is the str itself (kept whole, lone surrogates included),
    // except where `exception_str` words the message.
    if let Some(data) = exc.as_exception() {
        let args = data.args.borrow().clone();
        if let Some([arg]) = args.as_tuple() {
            let key_error = vm.types.key_error.clone();
            let plain = !vm.is_subclass(vm.type_of(exc), &key_error)
                && vm.unicode_error_kind(exc).is_none();
            if plain && vm.type_of(arg).is(&vm.types.str) {
                return Ok(arg.clone());
            }
        }
    }
    let s = vm.exception_str(exc)?;
    Ok(vm.new_str(&s))
}

/// Calling an exception class: a new instance whose args are the positional
/// arguments; a user `__init__`, if any, then runs on it (and the type call then
/// passes no arguments here). Keywords are refused, except `name` and `path` for
/// ImportError and its subclasses.
pub fn exception_new(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    let positional = &args[..args.len() - kwnames.len().min(args.len())];
    let exc = vm.new_exception_args(cls, positional.to_vec());
    init_keywords(vm, &exc, args, kwnames)?;
    Ok(exc)
}

/// `BaseException.__init__(self, *args)`: stores `args` (and, for ImportError,
/// `msg`, `name` and `path`).
pub fn exception_init(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let Some(exc) = args.first() else {
        return Ok(Value::NONE);
    };
    let rest = &args[1..];
    if let Some(data) = exc.as_exception() {
        let positional = &rest[..rest.len() - kwnames.len().min(rest.len())];
        let t = vm.new_tuple(positional.to_vec());
        *data.args.borrow_mut() = t;
    }
    init_keywords(vm, exc, rest, kwnames)?;
    Ok(Value::NONE)
}

/// The keyword arguments of an exception's construction (`args` ends with their
/// values): ImportError's `name` and `path`, none for any other class. Also
/// sets ImportError's `msg` from a lone positional argument.
fn init_keywords(vm: &mut Vm, exc: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<()> {
    let import_error = vm.types.import_error.clone();
    let is_import = vm.is_subclass(vm.type_of(exc), &import_error);
    if !is_import {
        if kwnames.is_empty() {
            return Ok(());
        }
        let msg = format!("{}() takes no keyword arguments", vm.type_name(exc));
        return Err(vm.type_error(&msg));
    }
    let split = args.len() - kwnames.len().min(args.len());
    let (positional, values) = args.split_at(split);
    let (mut name, mut path) = (Value::NONE, Value::NONE);
    for (k, v) in kwnames.iter().zip(values) {
        match k.as_str() {
            Some("name") => name = v.clone(),
            Some("path") => path = v.clone(),
            other => {
                let msg = format!(
                    "'{}' is an invalid keyword argument for ImportError()",
                    other.unwrap_or("?")
                );
                return Err(vm.type_error(&msg));
            }
        }
    }
    let msg = match positional {
        [m] => m.clone(),
        _ => Value::NONE,
    };
    for (k, v) in [("msg", msg), ("name", name), ("path", path)] {
        let k = vm.new_str(k);
        vm.set_attr(exc, &k, v)?;
    }
    Ok(())
}

impl Vm {
    /// An ImportError (or subclass `ty`) raised by the import system, with its
    /// `name` and `path` attributes.
    pub fn new_import_error(
        &mut self,
        ty: &Value,
        msg: &str,
        name: Option<&str>,
        path: Option<&str>,
    ) -> Value {
        let exc = self.new_exception(ty, msg);
        let msg = self.new_str(msg);
        let name = name.map_or(Value::NONE, |n| self.new_str(n));
        let path = path.map_or(Value::NONE, |p| self.new_str(p));
        for (k, v) in [("msg", msg), ("name", name), ("path", path)] {
            let k = self.new_str(k);
            let _ = self.set_attr(&exc, &k, v);
        }
        exc
    }
}

impl Trace for ExceptionData {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        for cell in [&self.args, &self.cause, &self.context, &self.group] {
            if let Ok(v) = cell.try_borrow() {
                visit(&v);
            }
        }
        crate::objects::dict::traverse_dict(&self.dict, visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        for cell in [
            &mut self.args,
            &mut self.cause,
            &mut self.context,
            &mut self.group,
        ] {
            crate::objects::function::take_into(cell.get_mut(), out);
        }
        self.dict.get_mut().drain_into(out);
    }
}
