//! The object layer: how a heap object is laid out in memory, allocated, reference
//! counted and freed. Every `unsafe` pointer operation on objects lives in this file;
//! the rest of the VM sees `Value`s and typed accessors (`downcast::<ListObj>()`,
//! `as_tuple()`, `as_pystr()`), never the layout.
//!
//! An object is one allocation:
//!
//! ```text
//! [GcLink: 8 bytes, containers only] [Header: 16 bytes] [payload of its kind]
//! ```
//!
//! - `Header` holds a non-atomic 32-bit refcount, the payload's `Kind` (a byte, so a
//!   downcast is one compare and never touches the type object), GC/finalizer flags
//!   and the type object. Immortal objects (builtin types, interned strings) carry
//!   `IMMORTAL` and skip refcount writes.
//! - Containers (objects that can be part of a reference cycle) get a `GcLink` in
//!   front of the header: their slot in the collector's generation lists and the
//!   scratch count the collector uses. Strings, big ints, ranges and code objects
//!   have none, as in CPython.
//! - Fixed-size payloads are a Rust struct per kind (`Obj<T>`); tuples and strings keep
//!   their length in a fixed part and their items or bytes inline after it, so a
//!   2-tuple is 48 bytes in one allocation.
//!
//! Freeing never recurses on the native stack: a release that happens while another
//! object is being freed is queued and the outermost release drains the queue (what
//! CPython's "trashcan" does), so dropping a 10,000,000-node linked list is a loop.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::{Cell, RefCell};
use std::ptr::{self, NonNull};

use crate::value::Value;

/// Refcount of objects that are never freed; `clone`/`drop` leave it untouched.
pub const IMMORTAL: u32 = u32::MAX;

/// Header flag: the object's `__del__` has run (PEP 442: at most once).
pub const FLAG_FINALIZED: u8 = 1;
/// Header flag: weak references to this object exist (see `crate::gc::weakref`).
pub const FLAG_WEAKREFED: u8 = 2;
/// Header flag: the object is in one of the collector's generation lists.
pub const FLAG_TRACKED: u8 = 4;

/// The common header of every heap object.
#[repr(C)]
pub struct Header {
    rc: Cell<u32>,
    kind: Kind,
    flags: Cell<u8>,
    /// The generation the object is tracked in (containers only).
    gen: Cell<u8>,
    _spare: u8,
    /// The object's type. NULL for the builtin type objects themselves: `Vm::type_of`
    /// reads that as `type`.
    pub(crate) ty: Value,
}

/// The collector's per-object bookkeeping, in front of the header of containers.
#[repr(C)]
pub struct GcLink {
    /// Index of the object in its generation's list.
    pub(crate) index: Cell<u32>,
    /// Scratch count for a collection (CPython's `gc_refs`).
    pub(crate) gc_refs: Cell<u32>,
}

const LINK_SIZE: usize = std::mem::size_of::<GcLink>();

/// A header followed by the payload of one kind.
#[repr(C)]
pub struct Obj<T: ?Sized> {
    pub(crate) header: Header,
    pub(crate) payload: T,
}

/// What a fixed-size payload type tells the object layer.
///
/// # Safety
/// `KIND` must be unique to the implementing type: downcasts trust it to reinterpret
/// the payload.
pub unsafe trait Payload: Sized + Trace + 'static {
    const KIND: Kind;
}

/// How the collector sees a payload: the values it owns (`traverse`, CPython's
/// `tp_traverse`) and how to let go of them to break a cycle (`clear`, `tp_clear`).
/// Non-containers keep the defaults.
pub trait Trace {
    fn traverse(&self, _visit: &mut dyn FnMut(&Value)) {}
    /// Moves owned references into `out` (dropped by the caller once every object of
    /// the garbage set has been cleared).
    fn clear(&mut self, _out: &mut Vec<Value>) {}
}

macro_rules! object_kinds {
    ($( $kind:ident => $payload:ty, $container:literal; )*) => {
        /// Which payload follows the header. One byte, read by every downcast.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Kind {
            $( $kind, )*
            Tuple,
            Str,
        }

        $(
            // SAFETY: each kind names exactly one payload type (this table).
            unsafe impl Payload for $payload {
                const KIND: Kind = Kind::$kind;
            }
        )*

        impl Kind {
            /// Whether objects of this kind can be part of a reference cycle, and so
            /// carry a `GcLink` and are tracked by the collector.
            #[inline]
            pub fn is_container(self) -> bool {
                match self {
                    $( Kind::$kind => $container, )*
                    Kind::Tuple => true,
                    Kind::Str => false,
                }
            }

            /// A short name, for debugging output.
            pub fn name(self) -> &'static str {
                match self {
                    $( Kind::$kind => stringify!($kind), )*
                    Kind::Tuple => "Tuple",
                    Kind::Str => "Str",
                }
            }
        }

        /// The header+payload layout of a fixed-size kind (tuples and strs vary).
        fn fixed_layout(kind: Kind) -> Layout {
            match kind {
                $( Kind::$kind => Layout::new::<Obj<$payload>>(), )*
                Kind::Tuple => Layout::new::<TupleHead>(),
                Kind::Str => Layout::new::<StrHead>(),
            }
        }

        /// Drops the payload in place and returns the allocation's layout (without
        /// the GC link).
        ///
        /// # Safety
        /// `h` heads a live object of the kind it says, and is not used again.
        unsafe fn drop_payload(h: *mut Header) -> Layout {
            // SAFETY: the caller guarantees the kind matches the payload.
            unsafe {
                match (*h).kind {
                    $( Kind::$kind => drop_fixed::<$payload>(h), )*
                    Kind::Tuple => drop_tuple(h),
                    Kind::Str => drop_str(h),
                }
            }
        }

        /// Calls `visit` on every value the object owns (its type included).
        ///
        /// # Safety
        /// `h` heads a live object.
        pub(crate) unsafe fn traverse(h: NonNull<Header>, visit: &mut dyn FnMut(&Value)) {
            // SAFETY: live object, kind matches payload.
            unsafe {
                let h = h.as_ptr();
                visit(&(*h).ty);
                match (*h).kind {
                    $( Kind::$kind => (*(h as *const Obj<$payload>)).payload.traverse(visit), )*
                    Kind::Tuple => {
                        for v in tuple_items(h) {
                            visit(v);
                        }
                    }
                    Kind::Str => {}
                }
            }
        }

        /// Moves the references the object owns into `out` (the collector breaks
        /// garbage cycles this way). Tuples keep their items: clearing the other
        /// members of a cycle frees them.
        ///
        /// # Safety
        /// `h` heads a live object that nothing else borrows (a garbage object).
        pub(crate) unsafe fn clear(h: NonNull<Header>, out: &mut Vec<Value>) {
            // SAFETY: live, unborrowed object whose kind matches its payload.
            unsafe {
                let h = h.as_ptr();
                match (*h).kind {
                    $( Kind::$kind => (*(h as *mut Obj<$payload>)).payload.clear(out), )*
                    Kind::Tuple => {
                        let items = tuple_items_mut(h);
                        for v in items.iter_mut() {
                            out.push(std::mem::replace(v, Value::NONE));
                        }
                    }
                    Kind::Str => {}
                }
            }
        }
    };
}

object_kinds! {
    Int => crate::objects::BigInt, false;
    List => crate::objects::ListObj, true;
    Dict => crate::objects::DictObj, true;
    Set => crate::objects::SetObj, true;
    Range => crate::objects::RangeObj, false;
    Slice => crate::objects::SliceObj, true;
    Function => crate::objects::Function, true;
    Builtin => crate::objects::Builtin, true;
    Method => crate::objects::MethodObj, true;
    Type => crate::objects::TypeObject, true;
    Instance => crate::objects::InstanceObj, true;
    Exception => crate::objects::ExceptionData, true;
    Iter => crate::objects::IterObj, true;
    Cell => crate::objects::CellObj, true;
    Code => crate::objects::CodeObj, false;
    Module => crate::objects::ModuleObj, true;
    DictView => crate::objects::DictViewObj, true;
    Super => crate::objects::SuperObj, true;
    Generator => crate::objects::generator::Generator, true;
    DefaultDict => crate::objects::DefaultDictObj, true;
    Deque => crate::objects::DequeObj, true;
}

// ---------------------------------------------------------------------------------
// Allocation

/// The allocation layout of an object whose header+payload layout is `body`.
fn with_link(kind: Kind, body: Layout) -> (Layout, usize) {
    if kind.is_container() {
        // The link is 8 bytes and every object is 8-aligned, so the header follows it
        // directly.
        let size = body.size() + LINK_SIZE;
        match Layout::from_size_align(size, body.align().max(8)) {
            Ok(l) => (l, LINK_SIZE),
            Err(_) => handle_alloc_error(body),
        }
    } else {
        (body, 0)
    }
}

/// Allocates room for an object of `kind` whose header+payload layout is `body`;
/// returns the header's address.
fn allocate(kind: Kind, body: Layout) -> *mut u8 {
    let (layout, offset) = with_link(kind, body);
    // SAFETY: every object layout has a non-zero size (the header alone is 16 bytes).
    let raw = unsafe { alloc(layout) };
    if raw.is_null() {
        handle_alloc_error(layout);
    }
    count_alloc();
    // SAFETY: `offset` is within the allocation just made.
    unsafe { raw.add(offset) }
}

fn header(kind: Kind, ty: &Value) -> Header {
    Header {
        rc: Cell::new(1),
        kind,
        flags: Cell::new(0),
        gen: Cell::new(0),
        _spare: 0,
        ty: ty.clone(),
    }
}

/// Finishes a fresh object: tracks containers and wraps the pointer.
///
/// # Safety
/// `h` heads a fully initialized object with refcount 1.
unsafe fn finish(h: *mut Header) -> Value {
    // SAFETY: per the contract, `h` is a live object we own one reference to.
    unsafe {
        let h = NonNull::new_unchecked(h);
        if (*h.as_ptr()).kind.is_container() {
            crate::gc::track(h);
        }
        Value::from_header(h)
    }
}

/// Allocates an object of type `ty` with a fixed-size payload.
pub fn new_object<T: Payload>(ty: &Value, payload: T) -> Value {
    let h = allocate(T::KIND, Layout::new::<Obj<T>>()) as *mut Obj<T>;
    // SAFETY: `h` is fresh memory sized and aligned for `Obj<T>`.
    unsafe {
        ptr::write(
            h,
            Obj {
                header: header(T::KIND, ty),
                payload,
            },
        );
        finish(h as *mut Header)
    }
}

/// The fixed part of a tuple: header, then its length; the items follow inline.
#[repr(C)]
struct TupleHead {
    header: Header,
    len: usize,
}

/// The fixed part of a str (header, then `PyStr`); the UTF-8 bytes follow inline.
#[repr(C)]
struct StrHead {
    header: Header,
    text: crate::objects::PyStr,
}

/// Layout of `head` followed by `n` items of `E`.
fn var_layout<H, E>(n: usize) -> Layout {
    match Layout::array::<E>(n).and_then(|tail| Layout::new::<H>().extend(tail)) {
        Ok((l, _)) => l.pad_to_align(),
        Err(_) => handle_alloc_error(Layout::new::<H>()),
    }
}

/// Allocates a tuple of type `ty` holding `items` inline.
pub fn new_tuple_object(ty: &Value, items: Vec<Value>) -> Value {
    let n = items.len();
    let h = allocate(Kind::Tuple, var_layout::<TupleHead, Value>(n)) as *mut TupleHead;
    // SAFETY: the allocation holds a `TupleHead` followed by room for `n` values.
    unsafe {
        ptr::write(
            h,
            TupleHead {
                header: header(Kind::Tuple, ty),
                len: n,
            },
        );
        let dst = h.add(1) as *mut Value;
        // The values move into the tuple; only the vector's buffer is freed.
        let mut items = std::mem::ManuallyDrop::new(items);
        ptr::copy_nonoverlapping(items.as_ptr(), dst, n);
        items.set_len(0);
        std::mem::ManuallyDrop::drop(&mut items);
        finish(h as *mut Header)
    }
}

/// Allocates a str of type `ty` with `text` inline; `char_len` is its length in
/// code points.
pub(crate) fn new_str_object(ty: &Value, text: &str, char_len: usize) -> Value {
    let n = text.len();
    let h = allocate(Kind::Str, var_layout::<StrHead, u8>(n)) as *mut StrHead;
    // SAFETY: the allocation holds a `StrHead` followed by room for `n` bytes.
    unsafe {
        ptr::write(
            h,
            StrHead {
                header: header(Kind::Str, ty),
                text: crate::objects::PyStr::header_for(n, char_len),
            },
        );
        ptr::copy_nonoverlapping(text.as_ptr(), h.add(1) as *mut u8, n);
        finish(h as *mut Header)
    }
}

/// The items of the tuple headed by `h`.
///
/// # Safety
/// `h` heads a live tuple; the slice must not outlive it.
#[inline]
pub(crate) unsafe fn tuple_items<'a>(h: *const Header) -> &'a [Value] {
    // SAFETY: tuples are a `TupleHead` followed by `len` initialized values.
    unsafe {
        let head = h as *const TupleHead;
        std::slice::from_raw_parts(head.add(1) as *const Value, (*head).len)
    }
}

/// # Safety
/// `h` heads a live tuple nothing else borrows.
unsafe fn tuple_items_mut<'a>(h: *mut Header) -> &'a mut [Value] {
    // SAFETY: as `tuple_items`, and exclusive per the contract.
    unsafe {
        let head = h as *mut TupleHead;
        std::slice::from_raw_parts_mut(head.add(1) as *mut Value, (*head).len)
    }
}

/// The `PyStr` of the str headed by `h`.
///
/// # Safety
/// `h` heads a live str.
#[inline]
pub(crate) unsafe fn str_payload<'a>(h: *const Header) -> &'a crate::objects::PyStr {
    // SAFETY: strs are a `StrHead`.
    unsafe { &(*(h as *const StrHead)).text }
}

/// The UTF-8 bytes that follow a `PyStr` in its allocation.
///
/// # Safety
/// `s` is the payload of a live str object (never a `PyStr` built elsewhere), and
/// `len` is its byte length.
#[inline]
pub(crate) unsafe fn str_bytes(s: &crate::objects::PyStr, len: usize) -> &[u8] {
    // SAFETY: `StrHead` is `repr(C)` with `PyStr` last, and the bytes follow it.
    unsafe {
        let head = (s as *const crate::objects::PyStr as *const u8)
            .sub(std::mem::offset_of!(StrHead, text)) as *const StrHead;
        std::slice::from_raw_parts(head.add(1) as *const u8, len)
    }
}

unsafe fn drop_tuple(h: *mut Header) -> Layout {
    // SAFETY: `h` heads a tuple being freed.
    unsafe {
        let items = tuple_items_mut(h);
        let n = items.len();
        ptr::drop_in_place(items);
        var_layout::<TupleHead, Value>(n)
    }
}

unsafe fn drop_str(h: *mut Header) -> Layout {
    // SAFETY: `h` heads a str being freed; its payload holds no owned values.
    unsafe { var_layout::<StrHead, u8>((*(h as *const StrHead)).text.byte_len()) }
}

/// # Safety
/// `h` heads a live `Obj<T>` that is not used again.
unsafe fn drop_fixed<T: Payload>(h: *mut Header) -> Layout {
    // SAFETY: per the contract.
    unsafe { ptr::drop_in_place(&mut (*(h as *mut Obj<T>)).payload) };
    Layout::new::<Obj<T>>()
}

// ---------------------------------------------------------------------------------
// Allocation counting (debug builds): lets tests check that every object is freed.

#[cfg(debug_assertions)]
thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

#[inline]
fn count_alloc() {
    #[cfg(debug_assertions)]
    LIVE.with(|l| l.set(l.get() + 1));
}

#[inline]
fn count_free() {
    #[cfg(debug_assertions)]
    LIVE.with(|l| l.set(l.get() - 1));
}

/// Objects allocated and not yet freed on this thread (debug builds; 0 in release).
pub fn live_objects() -> isize {
    #[cfg(debug_assertions)]
    {
        LIVE.with(|l| l.get())
    }
    #[cfg(not(debug_assertions))]
    {
        0
    }
}

// ---------------------------------------------------------------------------------
// Releasing

thread_local! {
    /// Whether a release is in progress further up the native stack.
    static FREEING: Cell<bool> = const { Cell::new(false) };
    /// Objects whose count reached zero during another release, freed by its loop.
    static DEFERRED: RefCell<Vec<NonNull<Header>>> = const { RefCell::new(Vec::new()) };
}

/// Called by `Value::drop` when the last reference goes away.
///
/// # Safety
/// `h` heads a live object whose count the caller just found at 1 (its last reference).
#[inline(never)]
pub(crate) unsafe fn release(h: NonNull<Header>) {
    if FREEING.with(|f| f.replace(true)) {
        DEFERRED.with(|d| d.borrow_mut().push(h));
        return;
    }
    // SAFETY: the caller owned the last reference.
    unsafe { free(h) };
    while let Some(next) = DEFERRED.with(|d| d.borrow_mut().pop()) {
        // SAFETY: queued objects had their last reference released.
        unsafe { free(next) };
    }
    FREEING.with(|f| f.set(false));
}

/// Frees one object whose last reference is gone, unless it must be finalized first.
///
/// # Safety
/// `h` heads a live object with no other references.
unsafe fn free(h: NonNull<Header>) {
    // SAFETY: `h` is live until the dealloc at the end.
    unsafe {
        let p = h.as_ptr();
        if crate::gc::needs_finalizer(h) {
            // Resurrected until `__del__` has run at the next safe point.
            return;
        }
        if (*p).flags.get() & FLAG_WEAKREFED != 0 {
            crate::gc::weakref::clear_weakrefs(h);
        }
        let kind = (*p).kind;
        if (*p).flags.get() & FLAG_TRACKED != 0 {
            crate::gc::untrack(h);
        }
        (*p).rc.set(0);
        let body = drop_payload(p);
        ptr::drop_in_place(&mut (*p).ty);
        let (layout, offset) = with_link(kind, body);
        dealloc((p as *mut u8).sub(offset), layout);
        count_free();
    }
}

// ---------------------------------------------------------------------------------
// Header access for the rest of the object layer.

impl Header {
    #[inline]
    pub fn kind(&self) -> Kind {
        self.kind
    }

    #[inline]
    pub fn ref_count(&self) -> u32 {
        self.rc.get()
    }

    #[inline]
    pub fn flags(&self) -> u8 {
        self.flags.get()
    }

    #[inline]
    pub fn set_flag(&self, flag: u8) {
        self.flags.set(self.flags.get() | flag);
    }

    #[inline]
    pub fn clear_flag(&self, flag: u8) {
        self.flags.set(self.flags.get() & !flag);
    }

    #[inline]
    pub(crate) fn generation(&self) -> u8 {
        self.gen.get()
    }

    #[inline]
    pub(crate) fn set_generation(&self, g: u8) {
        self.gen.set(g)
    }

    /// The collector's link of a container.
    ///
    /// # Safety
    /// The object is a container (its kind says so).
    #[inline]
    pub(crate) unsafe fn link(&self) -> &GcLink {
        // SAFETY: containers are allocated with a link right before the header.
        unsafe { &*((self as *const Header as *const u8).sub(LINK_SIZE) as *const GcLink) }
    }

    /// Makes the object immortal: it is never freed, and the collector, which could
    /// never free it either, stops tracking it.
    pub fn make_immortal(&self) {
        self.rc.set(IMMORTAL);
        if self.flags() & FLAG_TRACKED != 0 {
            crate::gc::untrack(NonNull::from(self));
        }
    }

    #[inline]
    pub(crate) fn incref(&self) {
        let rc = self.rc.get();
        if rc != IMMORTAL {
            self.rc.set(rc + 1);
        }
    }

    /// Drops one reference; true when it was the last one (the caller then releases).
    #[inline]
    pub(crate) fn decref_is_last(&self) -> bool {
        let rc = self.rc.get();
        if rc == IMMORTAL {
            return false;
        }
        if rc <= 1 {
            return true;
        }
        self.rc.set(rc - 1);
        false
    }

    /// Sets the count back to one for an object kept alive past its last release
    /// (a finalizer about to run).
    pub(crate) fn resurrect(&self) {
        self.rc.set(1);
    }
}

/// Bytes of the allocation behind a heap value (GC link included), 0 for inline values.
pub fn allocation_size(v: &Value) -> usize {
    let Some(h) = v.header() else {
        return 0;
    };
    let kind = h.kind();
    let body = match kind {
        Kind::Tuple => var_layout::<TupleHead, Value>(v.as_tuple().map_or(0, |t| t.len())),
        Kind::Str => var_layout::<StrHead, u8>(v.as_pystr().map_or(0, |s| s.byte_len())),
        _ => fixed_layout(kind),
    };
    with_link(kind, body).0.size()
}

#[cfg(test)]
mod tests;
