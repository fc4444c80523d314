//! Heap objects: the object layer (`heap`: header, allocation, refcounts, freeing),
//! the payload of every builtin type (one file per type), and type objects with their
//! slot tables.
//!
//! Code outside `heap` reaches payloads through the typed accessors below, never
//! through the layout. Reference cycles are reclaimed by `crate::gc`.

pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod class;
pub mod codecs;
pub mod complex;
pub mod dict;
pub mod exception;
pub mod exception_group;
pub mod float;
pub mod format;
pub mod frozenset;
pub mod function;
pub mod generator;
pub mod generic_alias;
pub mod heap;
pub mod instance;
pub mod int;
pub mod iter;
pub mod list;
pub mod mappingproxy;
pub mod member;
pub mod module;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod str_more;
pub mod text;
pub mod tuple;
pub mod typeobj;

use std::cell::RefCell;

use dashu_int::IBig;

use crate::value::Value;

pub use bytearray::ByteArrayObj;
pub use bytes::PyBytes;
pub use class::SuperObj;
pub use complex::ComplexObj;
pub use dict::DefaultDictObj;
pub use dict::{Dict, DictObj, DictViewObj};
pub use exception::ExceptionData;
pub use function::{Builtin, CellObj, Code, CodeObj, Function, MethodObj, NativeFn};
pub use heap::{new_object, Kind, Payload, Trace};
pub use instance::{InstanceObj, SharedKeys};
pub use int::BigInt;
pub use iter::{IterObj, IterState};
pub use list::{DequeObj, ListObj};
pub use member::MemberObj;
pub use module::ModuleObj;
pub use range::RangeObj;
pub use set::{FrozenSetObj, SetObj};
pub use slice::SliceObj;
pub use str::PyStr;
pub use typeobj::{Slots, TypeObject};

/// Typed access to objects, so callers write `v.as_list()` or `v.downcast::<Function>()`
/// and never depend on the layout.
impl Value {
    /// The payload kind of a heap object.
    #[inline]
    pub fn kind(&self) -> Option<Kind> {
        self.header().map(|h| h.kind())
    }

    /// The payload of a heap object of kind `T`.
    #[inline]
    pub fn downcast<T: Payload>(&self) -> Option<&T> {
        let h = self.header()?;
        if h.kind() == T::KIND {
            // SAFETY: the kind byte says the payload is a `T` (see `Payload`), and it
            // lives as long as the reference `self` holds.
            Some(unsafe { &(*(h as *const heap::Header as *const heap::Obj<T>)).payload })
        } else {
            None
        }
    }

    /// Whether this is a heap object whose payload is a `T`.
    #[inline]
    pub fn is_kind<T: Payload>(&self) -> bool {
        self.kind() == Some(T::KIND)
    }

    #[inline]
    pub fn as_pystr(&self) -> Option<&PyStr> {
        let h = self.header()?;
        if h.kind() == Kind::Str {
            // SAFETY: a str's payload, alive while `self` is.
            Some(unsafe { heap::str_payload(h) })
        } else {
            None
        }
    }

    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        self.as_pystr().and_then(|s| s.as_str())
    }

    /// The data of a bytes object.
    #[inline]
    pub fn as_bytes(&self) -> Option<&[u8]> {
        self.as_pybytes().map(|b| b.as_slice())
    }

    /// The payload of a bytearray.
    #[inline]
    pub fn as_bytearray(&self) -> Option<&ByteArrayObj> {
        self.downcast::<ByteArrayObj>()
    }

    /// The data of a bytes or bytearray object (bytes-like for the builtin types):
    /// borrowed from a bytes object, copied out of a bytearray (whose data may change
    /// under a borrow).
    #[inline]
    pub fn bytes_like(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        if let Some(b) = self.as_bytes() {
            return Some(std::borrow::Cow::Borrowed(b));
        }
        self.as_bytearray()
            .map(|a| std::borrow::Cow::Owned(a.data.borrow().clone()))
    }

    #[inline]
    pub fn as_pybytes(&self) -> Option<&PyBytes> {
        let h = self.header()?;
        if h.kind() == Kind::Bytes {
            // SAFETY: a bytes object's payload, alive while `self` is.
            Some(unsafe { heap::bytes_payload(h) })
        } else {
            None
        }
    }

    /// The parts of a complex number.
    #[inline]
    pub fn as_complex(&self) -> Option<(f64, f64)> {
        self.downcast::<ComplexObj>().map(|c| (c.re, c.im))
    }

    /// The items of a list (or a deque, which shares list storage).
    #[inline]
    pub fn as_list(&self) -> Option<&RefCell<Vec<Value>>> {
        let h = self.header()?;
        match h.kind() {
            Kind::List => self.downcast::<ListObj>().map(|l| &l.0),
            Kind::Deque => self.downcast::<DequeObj>().map(|d| &d.items),
            _ => None,
        }
    }

    #[inline]
    pub fn as_tuple(&self) -> Option<&[Value]> {
        let h = self.header()?;
        if h.kind() == Kind::Tuple {
            // SAFETY: a tuple's items, alive while `self` is.
            Some(unsafe { heap::tuple_items(h) })
        } else {
            None
        }
    }

    /// The table of a dict (or a defaultdict, which is one).
    #[inline]
    pub fn as_dict(&self) -> Option<&RefCell<Dict>> {
        let h = self.header()?;
        match h.kind() {
            Kind::Dict => self.downcast::<DictObj>().map(|d| &d.0),
            Kind::DefaultDict => self.downcast::<DefaultDictObj>().map(|d| &d.dict),
            _ => None,
        }
    }

    #[inline]
    pub fn as_type(&self) -> Option<&TypeObject> {
        self.downcast::<TypeObject>()
    }

    #[inline]
    pub fn as_bigint(&self) -> Option<&IBig> {
        self.downcast::<BigInt>().map(|b| &b.0)
    }

    #[inline]
    pub fn as_exception(&self) -> Option<&ExceptionData> {
        self.downcast::<ExceptionData>()
    }

    #[inline]
    pub fn as_function(&self) -> Option<&Function> {
        self.downcast::<Function>()
    }

    #[inline]
    pub fn as_builtin(&self) -> Option<&Builtin> {
        self.downcast::<Builtin>()
    }

    #[inline]
    pub fn as_method(&self) -> Option<&MethodObj> {
        self.downcast::<MethodObj>()
    }

    /// The contents of a closure cell.
    #[inline]
    pub fn as_cell(&self) -> Option<&RefCell<Value>> {
        self.downcast::<CellObj>().map(|c| &c.0)
    }

    /// A plain instance of a user class, with its class's shared keys.
    #[inline(always)]
    pub fn as_instance(&self) -> Option<(&InstanceObj, &SharedKeys)> {
        let inst = self.downcast::<InstanceObj>()?;
        let keys = &self.header()?.ty.as_type()?.shared_keys;
        Some((inst, keys))
    }

    /// Attribute `name` of a plain instance (`None` for other objects).
    pub fn instance_attr(&self, name: &str) -> Option<Value> {
        let (inst, keys) = self.as_instance()?;
        inst.get(keys, name, crate::objects::str::hash_str(name))
    }

    #[inline]
    pub fn as_module(&self) -> Option<&ModuleObj> {
        self.downcast::<ModuleObj>()
    }

    #[inline]
    pub fn is_slice(&self) -> bool {
        self.kind() == Some(Kind::Slice)
    }
}
