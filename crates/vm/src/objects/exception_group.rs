//! PEP 654 exception groups: the `BaseExceptionGroup` and `ExceptionGroup` types,
//! their construction checks, `message`/`exceptions`, `str()`, and the `split`,
//! `subgroup` and `derive` methods (with the metadata copying `split` does). The
//! `except*` opcodes built on them live in `interp::except_star`.

use crate::interp::Vm;
use crate::objects::typeobj::{Layout, Slots};
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

/// Builds `BaseExceptionGroup` (a `BaseException`) and `ExceptionGroup` (a
/// `BaseExceptionGroup` and an `Exception`), in that order.
pub fn make_types(base_exception: &Value, exception: &Value) -> (Value, Value) {
    let slots = Slots {
        str: Some(group_str_slot),
        ..base_exception
            .as_type()
            .map(|t| t.slots)
            .unwrap_or_default()
    };
    let base_group = new_type("BaseExceptionGroup", vec![base_exception.clone()], slots);
    let group = new_type(
        "ExceptionGroup",
        vec![base_group.clone(), exception.clone()],
        slots,
    );
    (base_group, group)
}

/// A builtin exception type with `bases`; the MRO is the C3 merge, which for the two
/// group types is simply each base followed by the rest of the chain.
fn new_type(name: &str, bases: Vec<Value>, slots: Slots) -> Value {
    let mut mro: Vec<Value> = Vec::new();
    for b in &bases {
        let chain = std::iter::once(b.clone())
            .chain(b.as_type().map(|t| t.mro.clone()).unwrap_or_default());
        for t in chain {
            if let Some(pos) = mro.iter().position(|m| m.is(&t)) {
                // A later base shares this ancestor: it moves after that base.
                mro.remove(pos);
            }
            mro.push(t);
        }
    }
    crate::objects::typeobj::new_builtin_type(crate::objects::typeobj::BuiltinType {
        name,
        module: None,
        bases,
        mro,
        slots,
        layout: Layout::Exception,
        constructor: Some(group_new),
    })
}

/// Methods of `BaseExceptionGroup`.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("derive", group_derive),
    ("split", group_split),
    ("subgroup", group_subgroup),
];

/// Read-only attributes of `BaseExceptionGroup` (installed as properties).
pub const GETTERS: &[(&str, NativeFn)] =
    &[("message", group_message), ("exceptions", group_exceptions)];

fn type_name(ty: &Value) -> String {
    ty.as_type().map(|t| t.name.to_string()).unwrap_or_default()
}

/// Whether `v` is a sequence in the sense of `PySequence_Check`.
fn is_sequence(vm: &mut Vm, v: &Value) -> bool {
    if v.as_list().is_some() || v.as_tuple().is_some() || v.as_str().is_some() {
        return true;
    }
    let ty = vm.type_of(v).clone();
    if vm.is_subclass(&ty, &vm.types.dict.clone()) {
        return false;
    }
    vm.slots(v).getitem.is_some() || vm.type_lookup(&ty, "__getitem__").is_some()
}

/// Calling `BaseExceptionGroup`/`ExceptionGroup` (or a subclass): checks the message
/// and the exceptions, and picks `ExceptionGroup` when `BaseExceptionGroup` is asked
/// for and every member is an `Exception`.
pub fn group_new(vm: &mut Vm, cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let builtin = cls.as_type().map(|t| t.is_builtin()).unwrap_or(true);
    // Keywords are refused by `__init__`, after `__new__` checked the rest.
    let args = &args[..args.len() - kwnames.len().min(args.len())];
    if args.is_empty() && !builtin {
        // A subclass with its own `__init__`: the arguments come later, through
        // `BaseException.__init__`; `message`/`exceptions` then read `args`.
        return Ok(vm.new_exception_args(cls, Vec::new()));
    }
    if args.len() != 2 {
        let msg = format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len()
        );
        return Err(vm.type_error(&msg));
    }
    let (message, excs) = (&args[0], &args[1]);
    if message.as_str().is_none() {
        let msg = format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            if message.is_none() {
                "None".into()
            } else {
                vm.type_name(message)
            }
        );
        return Err(vm.type_error(&msg));
    }
    if !is_sequence(vm, excs) {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = vm.collect_iterable(excs)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let exception = vm.types.exception.clone();
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        if e.as_exception().is_none() {
            let msg = format!("Item {i} of second argument (exceptions) is not an exception");
            return Err(vm.value_error(&msg));
        }
        if !vm.isinstance(e, &exception) {
            nested_base = true;
        }
    }
    let base_group = vm.types.base_exception_group.clone();
    let group = vm.types.exception_group.clone();
    let mut cls = cls.clone();
    if cls.is(&base_group) {
        if !nested_base {
            cls = group;
        }
    } else if cls.is(&group) {
        if nested_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if nested_base && vm.is_subclass(&cls, &exception) {
        let msg = format!("Cannot nest BaseExceptions in '{}'", type_name(&cls));
        return Err(vm.type_error(&msg));
    }
    if !kwnames.is_empty() {
        let msg = format!("{}() takes no keyword arguments", type_name(&cls));
        return Err(vm.type_error(&msg));
    }
    let exc = vm.new_exception_args(&cls, args.to_vec());
    let tuple = vm.new_tuple(items);
    let parts = vm.new_tuple(vec![message.clone(), tuple]);
    if let Some(d) = exc.as_exception() {
        *d.group.borrow_mut() = parts;
    }
    Ok(exc)
}

/// Whether `v` is an instance of `BaseExceptionGroup`.
pub fn is_group(vm: &Vm, v: &Value) -> bool {
    vm.isinstance(v, &vm.types.base_exception_group)
}

/// `(message, exceptions)` of a group: fixed at construction, or read from `args` for
/// a subclass whose `__init__` supplied them.
pub fn group_parts(vm: &mut Vm, exc: &Value) -> PyResult<(Value, Vec<Value>)> {
    let Some(d) = exc.as_exception() else {
        return Ok((Value::NONE, Vec::new()));
    };
    let parts = d.group.borrow().clone();
    if let Some([msg, excs]) = parts.as_tuple() {
        let items = excs.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
        return Ok((msg.clone(), items));
    }
    let args = d.args.borrow().clone();
    let args = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let msg = args.first().cloned().unwrap_or(Value::NONE);
    let items = match args.get(1) {
        Some(excs) => vm.collect_iterable(excs)?,
        None => Vec::new(),
    };
    Ok((msg, items))
}

fn this(vm: &mut Vm, args: &[Value], method: &str) -> PyResult<Value> {
    match args.first() {
        Some(v) if is_group(vm, v) => Ok(v.clone()),
        _ => {
            let msg = format!("descriptor '{method}' requires a 'BaseExceptionGroup' object");
            Err(vm.type_error(&msg))
        }
    }
}

/// The setter of `message`/`exceptions`: they are read-only, as CPython's members.
pub fn readonly_setter(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Err(vm.attribute_error("readonly attribute"))
}

fn group_message(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let eg = this(vm, args, "message")?;
    Ok(group_parts(vm, &eg)?.0)
}

fn group_exceptions(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let eg = this(vm, args, "exceptions")?;
    if let Some(d) = eg.as_exception() {
        if let Some([_, excs]) = d.group.borrow().as_tuple() {
            return Ok(excs.clone());
        }
    }
    let items = group_parts(vm, &eg)?.1;
    Ok(vm.new_tuple(items))
}

/// `str(eg)`: `message (N sub-exceptions)`.
pub fn group_str_slot(vm: &mut Vm, exc: &Value) -> PyResult<Value> {
    let (msg, items) = group_parts(vm, exc)?;
    let msg = vm.str(&msg)?.to_string();
    let n = items.len();
    let s = format!("{msg} ({n} sub-exception{})", if n == 1 { "" } else { "s" });
    Ok(vm.new_str(&s))
}

/// `eg.derive(excs)`: `BaseExceptionGroup(eg.message, excs)`.
fn group_derive(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let eg = this(vm, args, "derive")?;
    if args.len() != 2 {
        let msg = format!(
            "function takes exactly 1 argument ({} given)",
            args.len() - 1
        );
        return Err(vm.type_error(&msg));
    }
    let msg = group_parts(vm, &eg)?.0;
    let base_group = vm.types.base_exception_group.clone();
    vm.call(&base_group, &[msg, args[1].clone()])
}

/// What `split`/`subgroup` test each exception against.
pub(crate) enum Matcher {
    /// An exception class or a tuple of them.
    Types(Value),
    /// A callable returning a truth value.
    Predicate(Value),
    /// Exactly these exception objects (by identity).
    Ids(Vec<u64>),
}

impl Matcher {
    pub(crate) fn from_condition(vm: &mut Vm, cond: &Value) -> PyResult<Matcher> {
        if cond.as_type().is_none() && vm.is_callable(cond) {
            return Ok(Matcher::Predicate(cond.clone()));
        }
        let base = vm.types.base_exception.clone();
        let is_exc_class = |vm: &Vm, t: &Value| t.as_type().is_some() && vm.is_subclass(t, &base);
        let ok = match cond.as_tuple() {
            Some(items) => items.iter().all(|t| is_exc_class(vm, t)),
            None => is_exc_class(vm, cond),
        };
        if ok {
            return Ok(Matcher::Types(cond.clone()));
        }
        Err(vm.type_error("expected a function, exception type or tuple of exception types"))
    }

    fn matches(&self, vm: &mut Vm, exc: &Value) -> PyResult<bool> {
        match self {
            Matcher::Types(ty) => {
                let ty_of = vm.type_of(exc).clone();
                Ok(match ty.as_tuple() {
                    Some(items) => items.iter().any(|t| vm.is_subclass(&ty_of, t)),
                    None => vm.is_subclass(&ty_of, ty),
                })
            }
            Matcher::Predicate(f) => {
                let r = vm.call(f, std::slice::from_ref(exc))?;
                vm.is_true(&r)
            }
            Matcher::Ids(ids) => Ok(ids.contains(&exc.id())),
        }
    }
}

/// Splits `exc` by `matcher`: the matching part and (if `with_rest`) the rest, each
/// `None` when empty. A matching exception (group or not) is taken whole.
pub(crate) fn split(
    vm: &mut Vm,
    exc: &Value,
    matcher: &Matcher,
    with_rest: bool,
) -> PyResult<(Option<Value>, Option<Value>)> {
    if matcher.matches(vm, exc)? {
        return Ok((Some(exc.clone()), None));
    }
    if !is_group(vm, exc) {
        return Ok((None, with_rest.then(|| exc.clone())));
    }
    let items = group_parts(vm, exc)?.1;
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for e in &items {
        let (m, r) = split(vm, e, matcher, with_rest)?;
        matched.extend(m);
        rest.extend(r);
    }
    let matched = subset(vm, exc, matched)?;
    let rest = if with_rest {
        subset(vm, exc, rest)?
    } else {
        None
    };
    Ok((matched, rest))
}

/// A group of `excs` made by `orig.derive(excs)`, carrying `orig`'s traceback,
/// `__cause__`, `__context__` and a copy of its `__notes__`; `None` for no exceptions.
fn subset(vm: &mut Vm, orig: &Value, excs: Vec<Value>) -> PyResult<Option<Value>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let list = vm.new_list(excs);
    let derive = match vm.get_attr_opt(orig, "derive")? {
        Some(d) => d,
        None => return Err(vm.attribute_error("derive")),
    };
    let eg = vm.call(&derive, &[list])?;
    if !is_group(vm, &eg) {
        return Err(vm.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    copy_metadata(vm, orig, &eg)?;
    Ok(Some(eg))
}

/// Copies traceback, cause (which also suppresses the context, as setting a cause
/// does), context and a list copy of `__notes__` from `from` to `to`.
fn copy_metadata(vm: &mut Vm, from: &Value, to: &Value) -> PyResult<()> {
    let (Some(src), Some(dst)) = (from.as_exception(), to.as_exception()) else {
        return Ok(());
    };
    let tb = src.traceback.borrow().clone();
    *dst.traceback.borrow_mut() = tb;
    let context = src.context.borrow().clone();
    *dst.context.borrow_mut() = context;
    let cause = src.cause.borrow().clone();
    *dst.cause.borrow_mut() = cause;
    dst.suppress_context.set(true);
    let notes = src
        .dict
        .borrow()
        .get_str_hashed("__notes__", crate::objects::str::hash_str("__notes__"))
        .cloned();
    if let Some(notes) = notes {
        if notes.as_str().is_none() && is_sequence(vm, &notes) {
            let items = vm.collect_iterable(&notes)?;
            let copy = vm.new_list(items);
            let key = vm.new_str("__notes__");
            vm.set_attr(to, &key, copy)?;
        }
    }
    Ok(())
}

fn group_split(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let eg = this(vm, args, "split")?;
    let Some(cond) = args.get(1) else {
        return Err(
            vm.type_error("BaseExceptionGroup.split() takes exactly one argument (0 given)")
        );
    };
    let matcher = Matcher::from_condition(vm, cond)?;
    let (m, r) = split(vm, &eg, &matcher, true)?;
    Ok(vm.new_tuple(vec![m.unwrap_or(Value::NONE), r.unwrap_or(Value::NONE)]))
}

fn group_subgroup(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let eg = this(vm, args, "subgroup")?;
    let Some(cond) = args.get(1) else {
        return Err(
            vm.type_error("BaseExceptionGroup.subgroup() takes exactly one argument (0 given)")
        );
    };
    let matcher = Matcher::from_condition(vm, cond)?;
    let (m, _) = split(vm, &eg, &matcher, false)?;
    Ok(m.unwrap_or(Value::NONE))
}

/// The leaf (non-group) exceptions of `exc`, depth first.
pub(crate) fn collect_leaf_ids(vm: &mut Vm, exc: &Value, out: &mut Vec<u64>) -> PyResult<()> {
    if !is_group(vm, exc) {
        out.push(exc.id());
        return Ok(());
    }
    for e in group_parts(vm, exc)?.1 {
        collect_leaf_ids(vm, &e, out)?;
    }
    Ok(())
}

/// `BaseExceptionGroup(message, excs)` (an `ExceptionGroup` when it can be).
pub(crate) fn new_group(vm: &mut Vm, message: &str, excs: Value) -> PyResult<Value> {
    let msg = vm.new_str(message);
    let base_group = vm.types.base_exception_group.clone();
    vm.call(&base_group, &[msg, excs])
}

/// The margin-free `__notes__` lines of `exc` (str notes, each line apart), used by
/// the traceback printer.
pub(crate) fn notes_lines(vm: &mut Vm, exc: &Value) -> Vec<String> {
    let Some(d) = exc.as_exception() else {
        return Vec::new();
    };
    let notes = d
        .dict
        .borrow()
        .get_str_hashed("__notes__", crate::objects::str::hash_str("__notes__"))
        .cloned();
    let Some(notes) = notes else {
        return Vec::new();
    };
    let items = match notes.as_list() {
        Some(l) => l.borrow().clone(),
        None => match notes.as_tuple() {
            Some(t) => t.to_vec(),
            None => {
                let r = vm
                    .repr(&notes)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|_| "<__notes__ repr() failed>".into());
                return vec![r];
            }
        },
    };
    let mut out = Vec::new();
    for note in items {
        let text = match note.as_str() {
            Some(s) => s.to_string(),
            None => vm
                .str(&note)
                .map(|s| s.to_string())
                .unwrap_or_else(|_| "<note str() failed>".into()),
        };
        out.extend(text.split('\n').map(str::to_string));
    }
    out
}

/// `BaseException.add_note(note)`: appends to `__notes__`, creating the list.
pub fn exception_add_note(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (Some(exc), Some(note)) = (args.first(), args.get(1)) else {
        return Err(vm.type_error("add_note() takes exactly one argument"));
    };
    if note.as_str().is_none() {
        let msg = format!("note must be a str, not '{}'", vm.type_name(note));
        return Err(vm.type_error(&msg));
    }
    let notes = match vm.get_attr_opt(exc, "__notes__")? {
        Some(n) => n,
        None => {
            let l = vm.new_list(Vec::new());
            let key = vm.new_str("__notes__");
            vm.set_attr(exc, &key, l.clone())?;
            l
        }
    };
    match notes.as_list() {
        Some(l) => l.borrow_mut().push(note.clone()),
        None => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(Value::NONE)
}
