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
//! - Fixed-size payloads are a Rust struct per kind (`Obj<T>`); tuples, strings and
//!   bytes keep their length in a fixed part and their items or bytes inline after
//!   it, so a 2-tuple is 48 bytes in one allocation.
//!
//! Freeing never recurses on the native stack: a release that happens while another
//! object is being freed is queued and the outermost release drains the queue (what
//! CPython's "trashcan" does), so dropping a 10,000,000-node linked list is a loop.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::{Cell, RefCell};
use std::ptr::{self, NonNull};

use crate::value::Value;

/// Refcount an immortal object starts at. `clone`/`drop` count immortal objects like
/// any other (no branch on the hot path, as CPython 3.12's scheme): starting in the
/// middle of the upper half, balanced clones and drops keep the count in
/// [`IMMORTAL_MIN`]`..` for ever, so it never reaches zero.
pub const IMMORTAL: u32 = 0xC000_0000;
/// Counts at or above this are immortal (no live object has 2^31 references).
pub const IMMORTAL_MIN: u32 = 0x8000_0000;

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
            Bytes,
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
                    Kind::Str | Kind::Bytes => false,
                }
            }

            /// A short name, for debugging output.
            pub fn name(self) -> &'static str {
                match self {
                    $( Kind::$kind => stringify!($kind), )*
                    Kind::Tuple => "Tuple",
                    Kind::Str => "Str",
                    Kind::Bytes => "Bytes",
                }
            }
        }

        /// The header+payload layout of a fixed-size kind (tuples and strs vary).
        fn fixed_layout(kind: Kind) -> Layout {
            match kind {
                $( Kind::$kind => Layout::new::<Obj<$payload>>(), )*
                Kind::Tuple => Layout::new::<TupleHead>(),
                Kind::Str => Layout::new::<StrHead>(),
                Kind::Bytes => Layout::new::<BytesHead>(),
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
                    Kind::Bytes => drop_bytes(h),
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
                    Kind::Str | Kind::Bytes => {}
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
                    Kind::Str | Kind::Bytes => {}
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
    WeakRef => crate::gc::weakref::WeakRefObj, true;
    Complex => crate::objects::ComplexObj, false;
    FrozenSet => crate::objects::FrozenSetObj, true;
    Member => crate::objects::MemberObj, true;
    MappingProxy => crate::objects::mappingproxy::MappingProxyObj, true;
    GenericAlias => crate::objects::generic_alias::GenericAliasObj, true;
    ByteArray => crate::objects::bytearray::ByteArrayObj, false;
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

/// Makes `new_ty` the type of heap object `obj` (`obj.__class__ = C`): the header
/// takes a new reference to `new_ty` and gives up its reference to the old type,
/// which is returned for the caller to drop once nothing is borrowed (dropping the
/// last reference to a class can free it). Does nothing and returns NULL for an
/// inline value.
///
/// # Safety
/// - `obj`'s payload must be what instances of `new_ty` carry (the same `Kind` and,
///   for instances, a layout the new class reads the same way: its member count and
///   its dict/weakref flags), since everything later trusts the header's type.
/// - No reference obtained through `obj`'s header (`obj.header()`, the old type's
///   `&TypeObject` or its shared keys from `as_instance`) may be used after the
///   call: the header's type field is overwritten in place.
pub(crate) unsafe fn replace_object_type(obj: &Value, new_ty: &Value) -> Value {
    let Some(h) = obj.header_ptr() else {
        return Value::NULL;
    };
    // SAFETY: `obj` holds a reference, so the header is live; the pointer comes from
    // the value's bits rather than a shared borrow, and per the contract no borrow of
    // the field is in use. The clone counts the header's new reference; the old
    // value's reference moves to the caller.
    unsafe { ptr::replace(ptr::addr_of_mut!((*h.as_ptr()).ty), new_ty.clone()) }
}

/// Allocates an object of type `ty` with a fixed-size payload.
pub fn new_object<T: Payload>(ty: &Value, payload: T) -> Value {
    let h = allocate(T::KIND, Layout::new::<Obj<T>>()) as *mut Obj<T>;
    // SAFETY: `h` is fresh memory sized and aligned for `Obj<T>`.
    unsafe { init_object(h, ty, payload) }
}

/// Writes a new object of type `ty` into `h` and finishes it.
///
/// # Safety
/// `h` is unused memory sized and aligned for `Obj<T>`, behind its GC link if `T`
/// is a container.
unsafe fn init_object<T: Payload>(h: *mut Obj<T>, ty: &Value, payload: T) -> Value {
    // SAFETY: per the contract.
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

/// The fixed part of a str (header, then `PyStr`); the bytes, then the code-point
/// index of a long non-ASCII str, follow inline (see `str_layout`).
#[repr(C)]
struct StrHead {
    header: Header,
    text: crate::objects::PyStr,
}

/// The fixed part of a bytes object (header, then `PyBytes`); the bytes follow inline.
#[repr(C)]
struct BytesHead {
    header: Header,
    data: crate::objects::PyBytes,
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
    // The values move into the tuple; only the vector's buffer is freed.
    let mut items = std::mem::ManuallyDrop::new(items);
    // SAFETY: the closure copies all `n` values into the tuple's slots, and the
    // vector gives them up (`set_len(0)`) before its buffer is freed.
    let t = unsafe {
        new_tuple_object_with(ty, n, |dst| {
            ptr::copy_nonoverlapping(items.as_ptr(), dst, n);
            items.set_len(0);
        })
    };
    // SAFETY: dropped once, holding no values.
    unsafe { std::mem::ManuallyDrop::drop(&mut items) };
    t
}

/// Allocates a tuple of type `ty` with `n` items written by `fill` (moved in
/// straight from, say, the value stack: no intermediate vector).
///
/// # Safety
/// `fill` gets the address of the `n` item slots and must initialize every one.
pub(crate) unsafe fn new_tuple_object_with(
    ty: &Value,
    n: usize,
    fill: impl FnOnce(*mut Value),
) -> Value {
    let h = allocate(Kind::Tuple, var_layout::<TupleHead, Value>(n)) as *mut TupleHead;
    // SAFETY: the allocation holds a `TupleHead` followed by room for `n` values,
    // which `fill` initializes (the caller's contract) before `finish` makes the
    // object visible.
    unsafe {
        ptr::write(
            h,
            TupleHead {
                header: header(Kind::Tuple, ty),
                len: n,
            },
        );
        fill(h.add(1) as *mut Value);
        finish(h as *mut Header)
    }
}

/// Layout of a str of `byte_len` bytes with an index of `index_len` entries, and the
/// offset of the index: `StrHead`, the bytes, padding to 4, then the `u32` entries.
fn str_layout(byte_len: usize, index_len: usize) -> (Layout, usize) {
    let parts = Layout::array::<u8>(byte_len)
        .and_then(|bytes| Layout::new::<StrHead>().extend(bytes))
        .and_then(|(head, _)| Layout::array::<u32>(index_len).and_then(|index| head.extend(index)));
    match parts {
        Ok((l, index_at)) => (l.pad_to_align(), index_at),
        Err(_) => handle_alloc_error(Layout::new::<StrHead>()),
    }
}

/// The layout (without GC link) of the str whose payload is `s`.
fn str_object_layout(s: &crate::objects::PyStr) -> Layout {
    str_layout(s.byte_len(), s.index_len()).0
}

/// Allocates a str of type `ty` holding `bytes` inline, then its code-point index.
///
/// `bytes` are generalized UTF-8 (see `objects::text`) of `char_len` code points;
/// `surrogates` says whether any is a surrogate: without one they are valid UTF-8,
/// which `PyStr::as_str` relies on. Callers (in `objects::str`) guarantee both.
pub(crate) fn new_str_object(ty: &Value, bytes: &[u8], char_len: usize, surrogates: bool) -> Value {
    let n = bytes.len();
    let index_len = crate::objects::text::index_len(char_len, n);
    let (layout, index_at) = str_layout(n, index_len);
    let h = allocate(Kind::Str, layout) as *mut StrHead;
    // SAFETY: the allocation holds a `StrHead`, room for `n` bytes, then (at
    // `index_at`, 4-aligned) room for `index_len` entries, all written before use.
    unsafe {
        ptr::write(
            h,
            StrHead {
                header: header(Kind::Str, ty),
                text: crate::objects::PyStr::header_for(n, char_len, surrogates),
            },
        );
        let dst = h.add(1) as *mut u8;
        ptr::copy_nonoverlapping(bytes.as_ptr(), dst, n);
        if index_len > 0 {
            let index =
                std::slice::from_raw_parts_mut((h as *mut u8).add(index_at) as *mut u32, index_len);
            index.fill(0);
            crate::objects::text::fill_index(bytes, index);
        }
        finish(h as *mut Header)
    }
}

/// Allocates a bytes object of type `ty` holding `data` inline.
pub(crate) fn new_bytes_object(ty: &Value, data: &[u8]) -> Value {
    let n = data.len();
    let h = allocate(Kind::Bytes, var_layout::<BytesHead, u8>(n)) as *mut BytesHead;
    // SAFETY: the allocation holds a `BytesHead` followed by room for `n` bytes.
    unsafe {
        ptr::write(
            h,
            BytesHead {
                header: header(Kind::Bytes, ty),
                data: crate::objects::PyBytes::header_for(n),
            },
        );
        ptr::copy_nonoverlapping(data.as_ptr(), h.add(1) as *mut u8, n);
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

/// The generalized-UTF-8 bytes that follow a `PyStr` in its allocation.
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

/// The code-point index after a str's bytes (`index_len` entries, see `text::index_len`).
///
/// # Safety
/// As [`str_bytes`], with `len` and `index_len` the str's own.
#[inline]
pub(crate) unsafe fn str_index(s: &crate::objects::PyStr, len: usize, index_len: usize) -> &[u32] {
    if index_len == 0 {
        return &[];
    }
    let (_, index_at) = str_layout(len, index_len);
    // SAFETY: `new_str_object` wrote `index_len` entries at `index_at`.
    unsafe {
        let head = (s as *const crate::objects::PyStr as *const u8)
            .sub(std::mem::offset_of!(StrHead, text));
        std::slice::from_raw_parts(head.add(index_at) as *const u32, index_len)
    }
}

/// The `PyBytes` of the bytes object headed by `h`.
///
/// # Safety
/// `h` heads a live bytes object.
#[inline]
pub(crate) unsafe fn bytes_payload<'a>(h: *const Header) -> &'a crate::objects::PyBytes {
    // SAFETY: bytes objects are a `BytesHead`.
    unsafe { &(*(h as *const BytesHead)).data }
}

/// The bytes that follow a `PyBytes` in its allocation.
///
/// # Safety
/// `b` is the payload of a live bytes object and `len` its length.
#[inline]
pub(crate) unsafe fn bytes_data(b: &crate::objects::PyBytes, len: usize) -> &[u8] {
    // SAFETY: `BytesHead` is `repr(C)` with `PyBytes` last, and the data follow it.
    unsafe {
        let head = (b as *const crate::objects::PyBytes as *const u8)
            .sub(std::mem::offset_of!(BytesHead, data)) as *const BytesHead;
        std::slice::from_raw_parts(head.add(1) as *const u8, len)
    }
}

unsafe fn drop_bytes(h: *mut Header) -> Layout {
    // SAFETY: `h` heads a bytes object being freed; it owns no values.
    unsafe { var_layout::<BytesHead, u8>((*(h as *const BytesHead)).data.len()) }
}

unsafe fn drop_tuple(h: *mut Header) -> Layout {
    // SAFETY: `h` heads a tuple being freed.
    unsafe {
        let items = tuple_items_mut(h);
        let n = items.len();
        // Last item first, as CPython's tuple and list deallocators do.
        for v in items.iter_mut().rev() {
            ptr::drop_in_place(v);
        }
        var_layout::<TupleHead, Value>(n)
    }
}

unsafe fn drop_str(h: *mut Header) -> Layout {
    // SAFETY: `h` heads a str being freed; its payload holds no owned values.
    unsafe { str_object_layout(&(*(h as *const StrHead)).text) }
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

/// Objects allocated and not yet freed on this thread, immortal ones excepted (debug
/// builds; 0 in release).
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

/// How many frees may nest on the native stack before further ones are queued
/// (CPython's trashcan allows about 50 too). Below it, objects are freed depth-first
/// in CPython's order, so `__del__` and weakref callbacks run in the same order.
const MAX_FREE_DEPTH: u32 = 50;

/// The releasing state of this thread that every release reads: plain counters, so
/// the thread-local needs no destructor (and its access no initialization check).
struct Releasing {
    /// Frees in progress on the native stack.
    depth: Cell<u32>,
    /// Objects waiting in `DEFERRED`.
    queued: Cell<u32>,
}

thread_local! {
    static RELEASING: Releasing = const {
        Releasing {
            depth: Cell::new(0),
            queued: Cell::new(0),
        }
    };
    /// Objects whose count reached zero too deep in nested frees; the outermost free
    /// drains them, in the order they were released.
    static DEFERRED: RefCell<std::collections::VecDeque<NonNull<Header>>> =
        const { RefCell::new(std::collections::VecDeque::new()) };
}

/// Called by `Value::drop` when the last reference goes away.
///
/// # Safety
/// `h` heads a live object whose count the caller just found at 1 (its last reference).
#[inline(never)]
pub(crate) unsafe fn release(h: NonNull<Header>) {
    // Zero marks it as on its way out (weakrefs to it are then never handed out).
    // SAFETY: live per the contract.
    unsafe { h.as_ref().rc.set(0) };
    RELEASING.with(|r| {
        let depth = r.depth.get();
        if depth >= MAX_FREE_DEPTH {
            defer(r, h);
            return;
        }
        r.depth.set(depth + 1);
        // SAFETY: the caller owned the last reference. It may release more objects,
        // re-entering here.
        unsafe { free(h) };
        if depth == 0 && r.queued.get() != 0 {
            drain_deferred(r);
        }
        r.depth.set(depth);
    });
}

/// Queues a release that came too deep in nested frees.
#[cold]
#[inline(never)]
fn defer(r: &Releasing, h: NonNull<Header>) {
    DEFERRED.with(|d| d.borrow_mut().push_back(h));
    r.queued.set(r.queued.get() + 1);
}

/// Frees the queued objects, in the order they were released (the outermost free
/// does this; the frees may queue more).
#[cold]
#[inline(never)]
fn drain_deferred(r: &Releasing) {
    loop {
        let next = DEFERRED.with(|d| d.borrow_mut().pop_front());
        let Some(next) = next else { break };
        r.queued.set(r.queued.get() - 1);
        // SAFETY: queued objects had their last reference released.
        unsafe { free(next) };
    }
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
        let raw = (p as *mut u8).sub(offset);
        count_free();
        if kind == Kind::Slice && SLICE_CACHE.get().is_null() {
            SLICE_CACHE.set(raw);
            return;
        }
        dealloc(raw, layout);
    }
}

thread_local! {
    /// The memory of one freed slice, which the next slice reuses (CPython 3.11 keeps
    /// the same one-slot cache): `a[i:j] = b[k::-1]` in a loop makes and frees
    /// slices at every step. A pointer and no destructor: at most one slice's block
    /// per thread outlives the objects.
    static SLICE_CACHE: Cell<*mut u8> = const { Cell::new(ptr::null_mut()) };
}

/// Allocates a slice object, in the cached block of a freed one if there is one.
pub(crate) fn new_slice_object(ty: &Value, payload: crate::objects::SliceObj) -> Value {
    let raw = SLICE_CACHE.replace(ptr::null_mut());
    if raw.is_null() {
        return new_object(ty, payload);
    }
    count_alloc();
    let (_, offset) = with_link(Kind::Slice, Layout::new::<Obj<crate::objects::SliceObj>>());
    // SAFETY: `raw` is the block of a freed slice, allocated with this same layout
    // and offset and not in use since.
    unsafe { init_object(raw.add(offset).cast(), ty, payload) }
}

/// The payload of kind `T` behind a header, if it has that kind.
///
/// # Safety
/// `h` heads a live object.
pub(crate) unsafe fn downcast_header<T: Payload>(h: &Header) -> Option<&T> {
    if h.kind == T::KIND {
        // SAFETY: the kind says the payload is a `T`.
        Some(unsafe { &(*(h as *const Header as *const Obj<T>)).payload })
    } else {
        None
    }
}

/// The header of the object whose payload is `payload` (which must live in an object,
/// as every `Payload` value reachable by reference does).
pub(crate) fn header_of<T: Payload>(payload: &T) -> NonNull<Header> {
    let offset = std::mem::offset_of!(Obj<T>, payload);
    // SAFETY: payloads of kind `T` only exist inside an `Obj<T>`.
    unsafe { NonNull::new_unchecked((payload as *const T as *const u8).sub(offset) as *mut Header) }
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
        if !self.is_immortal() {
            // Never freed, so no longer counted as live (see `live_objects`).
            count_free();
        }
        self.rc.set(IMMORTAL);
        if self.flags() & FLAG_TRACKED != 0 {
            crate::gc::untrack(NonNull::from(self));
        }
    }

    /// Never freed (see [`IMMORTAL`]).
    #[inline]
    pub fn is_immortal(&self) -> bool {
        self.rc.get() >= IMMORTAL_MIN
    }

    #[inline(always)]
    pub(crate) fn incref(&self) {
        self.rc.set(self.rc.get().wrapping_add(1));
    }

    /// Drops one reference; true when it was the last one (the caller then releases).
    #[inline(always)]
    pub(crate) fn decref_is_last(&self) -> bool {
        let rc = self.rc.get().wrapping_sub(1);
        self.rc.set(rc);
        rc == 0
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
        Kind::Str => v.as_pystr().map_or(fixed_layout(kind), str_object_layout),
        Kind::Bytes => var_layout::<BytesHead, u8>(v.as_bytes().map_or(0, |b| b.len())),
        _ => fixed_layout(kind),
    };
    with_link(kind, body).0.size()
}

#[cfg(test)]
mod tests;
