//! Heap objects: the common header, the payload of every builtin type, and type objects
//! with their slot tables.
//!
//! An object is `Rc<Object>`: `Rc`'s non-atomic strong count is the refcount of the
//! header, `ty` is the type. Objects are freed when the count reaches zero; reference
//! cycles (a class and its methods, self-referencing lists) leak until a cycle collector
//! exists.

pub mod class;
pub mod dict;
pub mod exception;
pub mod float;
pub mod format;
pub mod function;
pub mod generator;
pub mod int;
pub mod iter;
pub mod list;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod typeobj;

use std::cell::RefCell;
use std::rc::Rc;

use dashu_int::IBig;

use crate::value::Value;

pub use dict::Dict;
pub use exception::ExceptionData;
pub use function::{Builtin, Code, Function, NativeFn};
pub use iter::IterState;
pub use str::PyStr;
pub use typeobj::{Slots, TypeObject};

/// A heap object: header (refcount in the `Rc`, type here) and payload.
pub struct Object {
    pub ty: Value,
    pub kind: ObjKind,
}

/// The payload of each builtin layout. User classes use `Instance` (or the layout of the
/// builtin they inherit from, e.g. `Exception`).
pub enum ObjKind {
    /// An int outside the inline range.
    Int(IBig),
    Str(PyStr),
    List(RefCell<Vec<Value>>),
    Tuple(Box<[Value]>),
    Dict(RefCell<Dict>),
    Set(RefCell<set::SetTable>),
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Slice([Value; 3]),
    Function(Function),
    Builtin(Builtin),
    /// A Python function bound to its `self`.
    Method {
        func: Value,
        this: Value,
    },
    Type(TypeObject),
    Instance(RefCell<Dict>),
    Exception(ExceptionData),
    Iter(RefCell<IterState>),
    Cell(RefCell<Value>),
    Code(Rc<Code>),
    Module {
        name: Rc<str>,
        dict: Value,
    },
    DictView {
        dict: Value,
        kind: iter::DictIterKind,
    },
    Super {
        cls: Value,
        obj: Value,
    },
    Generator(generator::Generator),
    /// `collections.defaultdict`: a dict plus its default factory.
    DefaultDict {
        dict: RefCell<Dict>,
        factory: Value,
    },
    /// `collections.deque`: list storage plus the optional `maxlen`.
    Deque {
        items: RefCell<Vec<Value>>,
        maxlen: Option<usize>,
    },
}

impl Object {
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            ObjKind::Int(_) => "int",
            ObjKind::Str(_) => "str",
            ObjKind::List(_) => "list",
            ObjKind::Tuple(_) => "tuple",
            ObjKind::Dict(_) => "dict",
            ObjKind::Set(_) => "set",
            ObjKind::Range { .. } => "range",
            ObjKind::Slice(_) => "slice",
            ObjKind::Function(_) => "function",
            ObjKind::Builtin(_) => "builtin_function_or_method",
            ObjKind::Method { .. } => "method",
            ObjKind::Type(_) => "type",
            ObjKind::Instance(_) => "instance",
            ObjKind::Exception(_) => "exception",
            ObjKind::Iter(_) => "iterator",
            ObjKind::Cell(_) => "cell",
            ObjKind::Code(_) => "code",
            ObjKind::Module { .. } => "module",
            ObjKind::DictView { .. } => "dict_view",
            ObjKind::Super { .. } => "super",
            ObjKind::Generator(_) => "generator",
            ObjKind::DefaultDict { .. } => "defaultdict",
            ObjKind::Deque { .. } => "deque",
        }
    }
}

/// Allocates an object of type `ty`.
pub fn new_object(ty: &Value, kind: ObjKind) -> Value {
    Value::from_object(Rc::new(Object {
        ty: ty.clone(),
        kind,
    }))
}

/// Accessors for the payloads, so callers write `v.as_str()` instead of matching.
impl Value {
    pub fn kind(&self) -> Option<&ObjKind> {
        self.as_object().map(|o| &o.kind)
    }

    pub fn as_pystr(&self) -> Option<&PyStr> {
        match self.kind() {
            Some(ObjKind::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        self.as_pystr().map(|s| s.as_str())
    }

    pub fn as_list(&self) -> Option<&RefCell<Vec<Value>>> {
        match self.kind() {
            Some(ObjKind::List(l)) | Some(ObjKind::Deque { items: l, .. }) => Some(l),
            _ => None,
        }
    }

    pub fn as_tuple(&self) -> Option<&[Value]> {
        match self.kind() {
            Some(ObjKind::Tuple(t)) => Some(t),
            _ => None,
        }
    }

    pub fn as_dict(&self) -> Option<&RefCell<Dict>> {
        match self.kind() {
            Some(ObjKind::Dict(d)) | Some(ObjKind::DefaultDict { dict: d, .. }) => Some(d),
            _ => None,
        }
    }

    pub fn as_type(&self) -> Option<&TypeObject> {
        match self.kind() {
            Some(ObjKind::Type(t)) => Some(t),
            _ => None,
        }
    }

    pub fn as_bigint(&self) -> Option<&IBig> {
        match self.kind() {
            Some(ObjKind::Int(i)) => Some(i),
            _ => None,
        }
    }

    pub fn as_exception(&self) -> Option<&ExceptionData> {
        match self.kind() {
            Some(ObjKind::Exception(e)) => Some(e),
            _ => None,
        }
    }
}
