//! Type objects: name, bases, MRO, attribute dict and the slot table of hot protocols.
//!
//! Builtin types fill their slots with Rust functions. A user class starts from the
//! slots of the builtin it derives from and overrides each slot whose dunder the class
//! namespace defines with a wrapper that calls the dunder (see `protocol::user_slots`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::interp::Vm;
use crate::objects::{Dict, Trace};
use crate::value::Value;
use crate::PyResult;

/// Comparison operators, numbered like `COMPARE_OP`'s oparg.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOp {
    pub fn from_arg(arg: u32) -> CompareOp {
        match arg {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            _ => CompareOp::Ge,
        }
    }

    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }

    /// The operator with swapped operands (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }

    /// Applies the operator to an ordering.
    pub fn test(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CompareOp::Lt => ord == Less,
            CompareOp::Le => ord != Greater,
            CompareOp::Eq => ord == Equal,
            CompareOp::Ne => ord != Equal,
            CompareOp::Gt => ord == Greater,
            CompareOp::Ge => ord != Less,
        }
    }

    /// Applies the operator to two floats (with IEEE semantics: every comparison
    /// with a NaN is false but `!=`).
    #[inline]
    pub fn test_floats(self, x: f64, y: f64) -> bool {
        match self {
            CompareOp::Lt => x < y,
            CompareOp::Le => x <= y,
            CompareOp::Eq => x == y,
            CompareOp::Ne => x != y,
            CompareOp::Gt => x > y,
            CompareOp::Ge => x >= y,
        }
    }
}

/// Binary operators, numbered like `BINARY_OP`'s oparg (`NB_*`); in-place forms are
/// `NB_INPLACE_* = NB_* + 13`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add = 0,
    And = 1,
    FloorDiv = 2,
    LShift = 3,
    MatMul = 4,
    Mul = 5,
    Mod = 6,
    Or = 7,
    Pow = 8,
    RShift = 9,
    Sub = 10,
    TrueDiv = 11,
    Xor = 12,
}

impl BinOp {
    /// The operator and whether it is the in-place form.
    pub fn from_arg(arg: u32) -> (BinOp, bool) {
        let inplace = arg >= 13;
        let op = match arg % 13 {
            0 => BinOp::Add,
            1 => BinOp::And,
            2 => BinOp::FloorDiv,
            3 => BinOp::LShift,
            4 => BinOp::MatMul,
            5 => BinOp::Mul,
            6 => BinOp::Mod,
            7 => BinOp::Or,
            8 => BinOp::Pow,
            9 => BinOp::RShift,
            10 => BinOp::Sub,
            11 => BinOp::TrueDiv,
            _ => BinOp::Xor,
        };
        (op, inplace)
    }

    pub fn symbol(self) -> &'static str {
        [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
        ][self as usize]
    }

    /// `__add__`, `__radd__`, `__iadd__`.
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

pub type UnaryFn = fn(&mut Vm, &Value) -> PyResult<Value>;
pub type HashFn = fn(&mut Vm, &Value) -> PyResult<i64>;
pub type LenFn = fn(&mut Vm, &Value) -> PyResult<usize>;
pub type GetItemFn = fn(&mut Vm, &Value, &Value) -> PyResult<Value>;
pub type SetItemFn = fn(&mut Vm, &Value, &Value, Value) -> PyResult<()>;
pub type DelItemFn = fn(&mut Vm, &Value, &Value) -> PyResult<()>;
pub type NextFn = fn(&mut Vm, &Value) -> PyResult<Option<Value>>;
/// Vectorcall convention: positional args then keyword values; `kwnames` names the tail.
pub type CallFn = fn(&mut Vm, &Value, &[Value], &[Value]) -> PyResult<Value>;
pub type CompareFn = fn(&mut Vm, &Value, &Value, CompareOp) -> PyResult<Value>;
/// Called with the operands in source order; returns `NotImplemented` when neither
/// operand's type handles the pair.
pub type BinaryFn = fn(&mut Vm, BinOp, &Value, &Value) -> PyResult<Value>;
pub type BoolFn = fn(&mut Vm, &Value) -> PyResult<bool>;
pub type ContainsFn = fn(&mut Vm, &Value, &Value) -> PyResult<bool>;

/// The hot protocols, as function pointers (`tp_repr`, `nb_add`, ... in CPython).
#[derive(Clone, Copy, Default)]
pub struct Slots {
    pub repr: Option<UnaryFn>,
    pub str: Option<UnaryFn>,
    pub hash: Option<HashFn>,
    pub len: Option<LenFn>,
    pub getitem: Option<GetItemFn>,
    pub setitem: Option<SetItemFn>,
    pub delitem: Option<DelItemFn>,
    pub iter: Option<UnaryFn>,
    pub next: Option<NextFn>,
    pub call: Option<CallFn>,
    pub richcompare: Option<CompareFn>,
    pub binary: Option<BinaryFn>,
    pub neg: Option<UnaryFn>,
    pub pos: Option<UnaryFn>,
    pub invert: Option<UnaryFn>,
    pub bool: Option<BoolFn>,
    pub contains: Option<ContainsFn>,
}

/// Which payload instances of a type carry (CPython's "layout"/`tp_basicsize` family).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Object,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    /// Not instantiable from Python (NoneType, function, iterators...).
    Internal,
}

pub struct TypeObject {
    pub name: Rc<str>,
    /// `__module__` for user classes (`<class '__main__.C'>`); `None` for builtins.
    pub module: Option<Rc<str>>,
    pub bases: Vec<Value>,
    /// The method resolution order, this type excluded (it is implicitly first).
    pub mro: Vec<Value>,
    pub dict: RefCell<Dict>,
    pub slots: Slots,
    pub layout: Layout,
    /// What calling the type does (`int(x)`, `list(it)`...); inherited by subclasses.
    pub constructor: Option<CallFn>,
    /// Whether the class or a base defines `__del__` (checked when an instance dies).
    pub finalizer: std::cell::Cell<bool>,
    /// The version tag specializations and the attribute cache guard on.
    pub tag: Rc<TypeTag>,
    /// The attribute names of this type's instances, each at a fixed slot of their
    /// values arrays (see `objects::instance`).
    pub shared_keys: crate::objects::SharedKeys,
    /// `__slots__` members and whether instances have a dict (see `objects::member`).
    pub instance_layout: crate::objects::member::InstanceLayout,
    /// (version, answer): whether, at that version, nothing along the MRO intercepts
    /// instance attributes (no property, no Python `__setattr__`). Computed lazily by
    /// the attribute specializations; a version change makes it stale.
    pub plain: std::cell::Cell<(u32, bool)>,
    /// (version, answer): whether, at that version, a Python `__getattribute__` is
    /// defined along the MRO; lets every generic read skip the lookup.
    pub getattribute_hook: std::cell::Cell<(u32, bool)>,
}

/// A type's version tag (CPython's `tp_version_tag`) and the tags of its direct
/// subclasses.
///
/// A version is handed out lazily ([`TypeObject::version`]) from a global counter, so
/// equal versions mean the same type with the same attributes along its MRO. Any
/// change to the type's dict resets its version and, recursively, its subclasses' to
/// 0 ("unassigned"): an attribute found in a base depends on the base's dict. A type
/// only gets a version after every type in its MRO has one, so a type whose version
/// is already 0 has subclasses at 0 too and the reset stops there.
///
/// The subclass links are `Weak`s to the subclasses' tags (not to the type objects),
/// so a base never keeps a subclass alive; dead links are pruned on the next reset.
#[derive(Default)]
pub struct TypeTag {
    version: std::cell::Cell<u32>,
    subclasses: RefCell<Vec<std::rc::Weak<TypeTag>>>,
    /// The type object owning this tag, for `type.__subclasses__()`. Holds no count:
    /// the tag lives exactly as long as its type's payload (the type is its only
    /// strong owner), and the link is cleared when the collector clears the type.
    owner: std::cell::Cell<Option<std::ptr::NonNull<crate::objects::heap::Header>>>,
}

/// Source of type versions; 0 is never handed out.
static NEXT_TYPE_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl TypeTag {
    /// A fresh tag for a type with direct `bases`, registered with each base.
    pub fn new(bases: &[Value]) -> Rc<TypeTag> {
        let tag = Rc::new(TypeTag::default());
        for b in bases {
            if let Some(bt) = b.as_type() {
                let mut subs = bt.tag.subclasses.borrow_mut();
                // Dead links are dropped when the list reaches a power of two, so a
                // base with many live subclasses (`object`) is not rescanned on every
                // class creation.
                if subs.len().is_power_of_two() {
                    subs.retain(|w| w.strong_count() > 0);
                }
                subs.push(Rc::downgrade(&tag));
            }
        }
        tag
    }

    /// Records `ty` as the type object this tag belongs to (once it is allocated), so
    /// its bases can list it in `__subclasses__()`.
    pub fn set_owner(&self, ty: &Value) {
        self.owner.set(ty.header_ptr());
    }

    /// Hides the type from its bases' `__subclasses__()`.
    pub fn clear_owner(&self) {
        self.owner.set(None);
    }

    /// The live direct subclasses, in creation order (`type.__subclasses__()`).
    pub fn subclasses(&self) -> Vec<Value> {
        let tags: Vec<Rc<TypeTag>> = {
            let mut subs = self.subclasses.borrow_mut();
            subs.retain(|w| w.strong_count() > 0);
            subs.iter().filter_map(|w| w.upgrade()).collect()
        };
        tags.iter()
            .filter_map(|t| t.owner.get())
            // SAFETY: a tag is owned by its type's payload alone, so while the tag is
            // alive (upgraded above) the type's allocation is too; a type whose count
            // already reached 0 is being freed and is skipped, not resurrected.
            .filter(|h| unsafe { h.as_ref() }.ref_count() > 0)
            .map(|h| unsafe { Value::from_header_borrowed(h) })
            .collect()
    }

    /// The assigned version, 0 if none (the guard side: never assigns).
    #[inline(always)]
    pub fn get(&self) -> u32 {
        self.version.get()
    }

    /// Resets this version and the subclasses' (the type's dict changed).
    pub fn invalidate(&self) {
        if self.version.get() == 0 {
            return;
        }
        self.version.set(0);
        let subs: Vec<Rc<TypeTag>> = {
            let mut subs = self.subclasses.borrow_mut();
            subs.retain(|w| w.strong_count() > 0);
            subs.iter().filter_map(|w| w.upgrade()).collect()
        };
        for sub in subs {
            sub.invalidate();
        }
    }
}

impl TypeObject {
    /// The version tag, assigned (to the MRO first) if needed; 0 when versions are
    /// exhausted, and then nothing is specialized or cached for this type.
    pub fn version(&self) -> u32 {
        let v = self.tag.get();
        if v != 0 {
            return v;
        }
        for base in &self.mro {
            if let Some(bt) = base.as_type() {
                if bt.tag.get() == 0 && bt.version() == 0 {
                    return 0;
                }
            }
        }
        use std::sync::atomic::Ordering;
        let v = NEXT_TYPE_VERSION.fetch_add(1, Ordering::Relaxed);
        if v == 0 || v == u32::MAX {
            NEXT_TYPE_VERSION.store(u32::MAX, Ordering::Relaxed);
            return 0;
        }
        self.tag.version.set(v);
        v
    }

    /// Call after any change to this type's dict: specializations and cached lookups
    /// that depend on it (or on a subclass's view of it) miss from now on.
    pub fn modified(&self) {
        self.tag.invalidate();
    }
}

impl TypeObject {
    /// Whether instances need `__del__` run before they are freed.
    #[inline]
    pub fn has_finalizer(&self) -> bool {
        self.finalizer.get()
    }

    pub fn is_builtin(&self) -> bool {
        self.module.is_none()
    }
}

/// C3 linearisation of `bases` (each given with its own MRO, itself excluded).
/// `None` when no consistent order exists.
pub fn c3_mro(bases: &[Value]) -> Option<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = Vec::new();
    for base in bases {
        let mut seq = vec![base.clone()];
        if let Some(t) = base.as_type() {
            seq.extend(t.mro.iter().cloned());
        }
        seqs.push(seq);
    }
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let mut found = None;
        for seq in &seqs {
            let cand = &seq[0];
            let in_tail = seqs.iter().any(|s| s[1..].iter().any(|x| x.is(cand)));
            if !in_tail {
                found = Some(cand.clone());
                break;
            }
        }
        let next = found?;
        for seq in &mut seqs {
            if seq[0].is(&next) {
                seq.remove(0);
            }
        }
        out.push(next);
    }
}

impl Trace for TypeObject {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.bases.iter().for_each(&mut *visit);
        self.mro.iter().for_each(&mut *visit);
        crate::objects::dict::traverse_dict(&self.dict, visit);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        out.append(&mut self.bases);
        out.append(&mut self.mro);
        self.dict.get_mut().drain_into(out);
        // A type torn down by the collector no longer shows in `__subclasses__()`.
        self.tag.owner.set(None);
        // The dict changed: specializations keyed by this version must miss.
        self.tag.invalidate();
    }
}

/// What a builtin type is made of: the rest of its record starts empty.
pub struct BuiltinType<'a> {
    pub name: &'a str,
    /// `__module__` when it is not `builtins` (`collections`, `types`).
    pub module: Option<&'a str>,
    pub bases: Vec<Value>,
    pub mro: Vec<Value>,
    pub slots: Slots,
    pub layout: Layout,
    pub constructor: Option<CallFn>,
}

/// Allocates builtin type `spec`. Builtin types leave their own type NULL
/// (`Vm::type_of` maps that to `type`) and live as long as the process, so they are
/// immortal and their refcounts are never written.
pub fn new_builtin_type(spec: BuiltinType) -> Value {
    let tag = TypeTag::new(&spec.bases);
    let ty = TypeObject {
        name: Rc::from(spec.name),
        module: spec.module.map(Rc::from),
        bases: spec.bases,
        mro: spec.mro,
        dict: RefCell::new(Dict::new()),
        slots: spec.slots,
        layout: spec.layout,
        constructor: spec.constructor,
        finalizer: Default::default(),
        tag,
        shared_keys: Default::default(),
        instance_layout: Default::default(),
        plain: Default::default(),
        getattribute_hook: Default::default(),
    };
    let ty = crate::objects::new_object(&Value::NULL, ty);
    if let Some(h) = ty.header() {
        h.make_immortal();
    }
    if let Some(t) = ty.as_type() {
        t.tag.set_owner(&ty);
    }
    ty
}
