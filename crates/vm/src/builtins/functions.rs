//! Object and introspection builtins: `len`, `repr`, `hash`, `id`, `isinstance`,
//! `issubclass`, `getattr`/`setattr`/`hasattr`/`delattr`, `callable`, `chr`, `ord`,
//! `format`, `ascii`, `vars`, `globals`, `locals`, `__build_class__`, `super`.

use super::add_function;
use crate::interp::Vm;
use crate::objects::CellObj;
use crate::value::Value;
use crate::PyResult;

fn exactly_one<'a>(vm: &mut Vm, name: &str, args: &'a [Value]) -> PyResult<&'a Value> {
    match args {
        [x] => Ok(x),
        _ => {
            let msg = format!("{name}() takes exactly one argument ({} given)", args.len());
            Err(vm.type_error(&msg))
        }
    }
}

fn len(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "len", args)?;
    let n = vm.len(x)?;
    Ok(vm.new_int(n as i64))
}

fn repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "repr", args)?;
    vm.repr_value(x)
}

fn ascii(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "ascii", args)?;
    let s = vm.repr(x)?;
    let out: String = s
        .chars()
        .map(|c| match c as u32 {
            0..=0x7f => c.to_string(),
            0x80..=0xff => format!("\\x{:02x}", c as u32),
            0x100..=0xffff => format!("\\u{:04x}", c as u32),
            n => format!("\\U{n:08x}"),
        })
        .collect();
    Ok(vm.new_str(&out))
}

fn hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "hash", args)?;
    let h = vm.hash(x)?;
    Ok(vm.new_int(h))
}

fn id(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "id", args)?;
    Ok(vm.new_int((x.id() & 0x0000_7fff_ffff_ffff) as i64))
}

fn class_check(vm: &mut Vm, v: &Value, cls: &Value, subclass: bool) -> PyResult<bool> {
    if let Some(items) = cls.as_tuple() {
        for c in items {
            if class_check(vm, v, c, subclass)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if cls.as_type().is_none() {
        let msg = if subclass {
            "issubclass() arg 2 must be a class, a tuple of classes, or a union"
        } else {
            "isinstance() arg 2 must be a type, a tuple of types, or a union"
        };
        return Err(vm.type_error(msg));
    }
    if subclass {
        if v.as_type().is_none() {
            return Err(vm.type_error("issubclass() arg 1 must be a class"));
        }
        Ok(vm.is_subclass(v, cls))
    } else {
        Ok(vm.isinstance(v, cls))
    }
}

fn isinstance(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [v, cls] = args else {
        let msg = format!("isinstance expected 2 arguments, got {}", args.len());
        return Err(vm.type_error(&msg));
    };
    Ok(Value::bool(class_check(vm, v, cls, false)?))
}

fn issubclass(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [v, cls] = args else {
        let msg = format!("issubclass expected 2 arguments, got {}", args.len());
        return Err(vm.type_error(&msg));
    };
    Ok(Value::bool(class_check(vm, v, cls, true)?))
}

fn name_arg(vm: &mut Vm, v: &Value) -> PyResult<()> {
    if v.as_pystr().is_none() {
        let msg = format!("attribute name must be string, not '{}'", vm.type_name(v));
        return Err(vm.type_error(&msg));
    }
    Ok(())
}

fn getattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() < 2 || args.len() > 3 {
        let msg = format!("getattr expected 2 or 3 arguments, got {}", args.len());
        return Err(vm.type_error(&msg));
    }
    name_arg(vm, &args[1])?;
    match vm.get_attr(&args[0], &args[1]) {
        Ok(v) => Ok(v),
        Err(e) => {
            let attr_err = vm.types.attribute_error.clone();
            match args.get(2) {
                Some(d) if vm.isinstance(&e, &attr_err) => Ok(d.clone()),
                _ => Err(e),
            }
        }
    }
}

fn setattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [obj, name, value] = args else {
        let msg = format!("setattr expected 3 arguments, got {}", args.len());
        return Err(vm.type_error(&msg));
    };
    name_arg(vm, name)?;
    vm.set_attr(obj, name, value.clone())?;
    Ok(Value::NONE)
}

fn delattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [obj, name] = args else {
        return Err(vm.type_error("delattr expected 2 arguments"));
    };
    name_arg(vm, name)?;
    vm.del_attr(obj, name)?;
    Ok(Value::NONE)
}

fn hasattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let [obj, name] = args else {
        let msg = format!("hasattr expected 2 arguments, got {}", args.len());
        return Err(vm.type_error(&msg));
    };
    name_arg(vm, name)?;
    match vm.get_attr(obj, name) {
        Ok(_) => Ok(Value::TRUE),
        Err(e) => {
            let attr_err = vm.types.attribute_error.clone();
            if vm.isinstance(&e, &attr_err) {
                Ok(Value::FALSE)
            } else {
                Err(e)
            }
        }
    }
}

fn callable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "callable", args)?;
    Ok(Value::bool(vm.is_callable(x)))
}

fn chr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "chr", args)?;
    let Some(i) = vm.to_i64(x)? else {
        let msg = format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(x)
        );
        return Err(vm.type_error(&msg));
    };
    match u32::try_from(i).ok().filter(|&cp| cp <= 0x10ffff) {
        Some(cp) => Ok(vm.new_str_from_code_point(cp)),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = exactly_one(vm, "ord", args)?;
    let Some(s) = x.as_pystr() else {
        let msg = format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(x)
        );
        return Err(vm.type_error(&msg));
    };
    if s.char_len() != 1 {
        let msg = format!(
            "ord() expected a character, but string of length {} found",
            s.char_len()
        );
        return Err(vm.type_error(&msg));
    }
    let c = s.code_point_at(0).unwrap_or(0);
    Ok(vm.new_int(i64::from(c)))
}

fn format(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(v) = args.first() else {
        return Err(vm.type_error("format expected at least 1 argument, got 0"));
    };
    if args
        .get(1)
        .and_then(|s| s.as_pystr())
        .is_some_and(|s| s.has_surrogates())
    {
        return Err(vm.surrogates_unsupported("a format spec"));
    }
    let spec = args
        .get(1)
        .and_then(|s| s.as_str())
        .unwrap_or("")
        .to_string();
    if spec.is_empty() && vm.type_of(v).is(&vm.types.str) {
        // `format(s)` is `s` itself, lone surrogates included.
        return Ok(v.clone());
    }
    let s = vm.format_value(v, &spec)?;
    Ok(vm.new_str(&s))
}

fn globals(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm
        .frames
        .last()
        .map(|f| f.globals.clone())
        .unwrap_or(Value::NONE))
}

fn vars(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args.first() {
        Some(obj) => {
            let key = vm.new_str("__dict__");
            match vm.get_attr(obj, &key) {
                Err(e) if vm.isinstance(&e, &vm.types.attribute_error.clone()) => {
                    Err(vm.type_error("vars() argument must have __dict__ attribute"))
                }
                r => r,
            }
        }
        None => Ok(vm
            .frames
            .last()
            .map(|f| {
                if f.locals.is_null() {
                    f.globals.clone()
                } else {
                    f.locals.clone()
                }
            })
            .unwrap_or(Value::NONE)),
    }
}

/// `__build_class__(func, name, *bases, **kwds)`: runs the class body in a fresh
/// namespace, creates the class, and fills the `__class__` cell for `super()`.
fn build_class(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = args[0].clone();
    let Some(name) = args[1].as_str().map(str::to_string) else {
        return Err(vm.type_error("__build_class__: name is not a string"));
    };
    let bases = args[2..npos].to_vec();
    let mut metaclass = None;
    let (mut class_kwnames, mut class_kwvalues) = (Vec::new(), Vec::new());
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("metaclass") {
            metaclass = Some(v.clone());
        } else {
            class_kwnames.push(k.clone());
            class_kwvalues.push(v.clone());
        }
    }
    // The most derived of the explicit metaclass and the bases' types (CPython's
    // `_PyType_CalculateMetaclass`).
    let type_ = vm.types.type_.clone();
    let mut winner = metaclass.unwrap_or_else(|| type_.clone());
    if winner.as_type().is_some() {
        for base in &bases {
            let base_meta = vm.type_of(base).clone();
            if vm.is_subclass(&winner, &base_meta) {
                continue;
            }
            if vm.is_subclass(&base_meta, &winner) {
                winner = base_meta;
                continue;
            }
            return Err(vm.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
                 subclass of the metaclasses of all its bases",
            ));
        }
    }
    // The namespace: a plain dict, or what the metaclass's `__prepare__` makes of the
    // name, bases and keywords (a dict: the class body runs on one).
    let ns = if winner.is(&type_) || winner.as_type().is_none() {
        vm.new_dict()
    } else {
        match vm.get_attr_opt(&winner, "__prepare__")? {
            Some(prepare) => {
                let mut prepare_args = vec![vm.new_str(&name), vm.new_tuple(bases.clone())];
                prepare_args.extend(class_kwvalues.iter().cloned());
                let ns = vm.call_with_kw(&prepare, &prepare_args, &class_kwnames)?;
                if ns.as_dict().is_none() {
                    let msg = format!(
                        "__prepare__() must return a dict here (Coil runs class bodies on \
                         dicts), not {}",
                        vm.type_name(&ns)
                    );
                    return Err(vm.type_error(&msg));
                }
                ns
            }
            None => vm.new_dict(),
        }
    };
    let cell = vm.run_with_locals(&func, ns.clone())?;
    let cls = if winner.is(&type_) && class_kwnames.is_empty() {
        vm.new_class(&name, bases, &ns)?
    } else if winner.is(&type_) {
        // Class keywords go to `__init_subclass__` (`type.__new__` takes none itself).
        vm.new_class_with_kwargs(&name, bases, &ns, &class_kwnames, &class_kwvalues)?
    } else {
        let name_v = vm.new_str(&name);
        let bases_v = vm.new_tuple(bases);
        let mut meta_args = vec![name_v, bases_v, ns];
        meta_args.extend(class_kwvalues);
        vm.call_with_kw(&winner, &meta_args, &class_kwnames)?
    };
    if let Some(CellObj(c)) = cell.downcast::<CellObj>() {
        *c.borrow_mut() = cls.clone();
    }
    Ok(cls)
}

pub(super) fn register(vm: &mut Vm, builtins: &Value) {
    add_function(vm, builtins, "len", len);
    add_function(vm, builtins, "repr", repr);
    add_function(vm, builtins, "ascii", ascii);
    add_function(vm, builtins, "hash", hash);
    add_function(vm, builtins, "id", id);
    add_function(vm, builtins, "isinstance", isinstance);
    add_function(vm, builtins, "issubclass", issubclass);
    add_function(vm, builtins, "getattr", getattr);
    add_function(vm, builtins, "setattr", setattr);
    add_function(vm, builtins, "delattr", delattr);
    add_function(vm, builtins, "hasattr", hasattr);
    add_function(vm, builtins, "callable", callable);
    add_function(vm, builtins, "chr", chr);
    add_function(vm, builtins, "ord", ord);
    add_function(vm, builtins, "format", format);
    add_function(vm, builtins, "globals", globals);
    add_function(vm, builtins, "locals", super::eval::locals);
    add_function(vm, builtins, "__import__", dunder_import);
    add_function(vm, builtins, "compile", super::eval::compile);
    add_function(vm, builtins, "exec", super::eval::exec);
    add_function(vm, builtins, "eval", super::eval::eval);
    add_function(vm, builtins, "vars", vars);
    add_function(vm, builtins, "__build_class__", build_class);
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: what the
/// `import` statement runs (the rules are `Vm::import_name`'s, in modules/import.rs).
fn dunder_import(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos > 5 {
        let msg = format!("__import__() takes at most 5 arguments ({npos} given)");
        return Err(vm.type_error(&msg));
    }
    // name, globals, locals, fromlist, level
    let mut slots: [Option<Value>; 5] = Default::default();
    for (slot, v) in slots.iter_mut().zip(&args[..npos]) {
        *slot = Some(v.clone());
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let index = match k.as_str() {
            Some("name") => 0,
            Some("globals") => 1,
            Some("locals") => 2,
            Some("fromlist") => 3,
            Some("level") => 4,
            Some(other) => {
                let msg = format!("__import__() got an unexpected keyword argument '{other}'");
                return Err(vm.type_error(&msg));
            }
            None => continue,
        };
        if slots[index].is_some() {
            let names = ["name", "globals", "locals", "fromlist", "level"];
            let msg = format!(
                "argument for __import__() given by name ('{}') and position ({})",
                names[index],
                index + 1
            );
            return Err(vm.type_error(&msg));
        }
        slots[index] = Some(v.clone());
    }
    let [name, globals, _locals, fromlist, level] = slots;
    let Some(name) = name else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let Some(text) = name.as_str().map(str::to_owned) else {
        let msg = format!(
            "__import__() argument 1 must be str, not {}",
            vm.type_name(&name)
        );
        return Err(vm.type_error(&msg));
    };
    let level = match level {
        Some(l) => vm.to_i64(&l)?.unwrap_or(0),
        None => 0,
    };
    let fromlist = match fromlist {
        Some(f) if !f.is_none() => vm.collect_iterable(&f)?,
        _ => Vec::new(),
    };
    let globals = globals.unwrap_or(Value::NONE);
    vm.import_name(&text, &globals, &fromlist, level)
}
