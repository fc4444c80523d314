//! The cycle collector: reclaims groups of container objects that only reference each
//! other, which reference counting alone never frees.
//!
//! Containers (see `Kind::is_container`) are tracked from allocation in one of three
//! generations, lists of pointers whose positions the objects keep in their `GcLink`.
//! Allocations minus frees of containers since the last collection are counted; past
//! the first threshold (700, as CPython) a collection is requested and runs at the
//! interpreter's next safe point, never in the middle of an allocation.
//!
//! A collection of generation `g` (and the younger ones) follows CPython's
//! `gcmodule.c`: copy each object's refcount into `gc_refs`, subtract the references
//! coming from other objects of the collected set, and everything with a count left
//! (referenced from outside) is reachable, as is everything it reaches. The rest is
//! garbage: finalizers (`__del__`, PEP 442) run first, once per object; the objects
//! still unreachable afterwards have their references cleared, which frees them.
//! Survivors move one generation up.

pub mod weakref;

use std::cell::RefCell;
use std::ptr::NonNull;

use crate::objects::heap::{Header, FLAG_TRACKED};

/// Default collection thresholds (CPython's `gc.get_threshold()`).
pub const DEFAULT_THRESHOLDS: [u32; 3] = [700, 10, 10];

pub(crate) struct GcState {
    /// Tracked containers of each generation.
    pub(crate) generations: [Vec<NonNull<Header>>; 3],
    /// Generation 0: container allocations minus frees since the last collection;
    /// generations 1 and 2: collections of the next younger generation since their own.
    pub(crate) counts: [u32; 3],
    pub(crate) thresholds: [u32; 3],
    pub(crate) enabled: bool,
    /// A collection is running (allocations during finalizers do not start another).
    pub(crate) collecting: bool,
}

thread_local! {
    pub(crate) static STATE: RefCell<GcState> = const {
        RefCell::new(GcState {
            generations: [Vec::new(), Vec::new(), Vec::new()],
            counts: [0; 3],
            thresholds: DEFAULT_THRESHOLDS,
            enabled: true,
            collecting: false,
        })
    };
}

/// Starts tracking a new container in generation 0.
pub(crate) fn track(h: NonNull<Header>) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let young = &mut s.generations[0];
        // SAFETY: `h` is a live container, so it has a link.
        unsafe {
            let header = h.as_ref();
            header.link().index.set(young.len() as u32);
            header.set_generation(0);
            header.set_flag(FLAG_TRACKED);
        }
        young.push(h);
        s.counts[0] = s.counts[0].saturating_add(1);
        if s.counts[0] > s.thresholds[0] && s.thresholds[0] > 0 && s.enabled && !s.collecting {
            crate::interp::breaker::request(crate::interp::breaker::GC_PENDING);
        }
    });
}

/// Stops tracking a container (it is being freed).
pub(crate) fn untrack(h: NonNull<Header>) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        // SAFETY: `h` is a live tracked container.
        unsafe {
            let header = h.as_ref();
            let gen = header.generation() as usize;
            let index = header.link().index.get() as usize;
            let list = &mut s.generations[gen];
            if list.get(index) == Some(&h) {
                list.swap_remove(index);
                if let Some(moved) = list.get(index) {
                    moved.as_ref().link().index.set(index as u32);
                }
            }
            header.clear_flag(FLAG_TRACKED);
        }
        s.counts[0] = s.counts[0].saturating_sub(1);
    });
}

/// Whether the object whose last reference just went away must first have its
/// `__del__` run; if so it is kept alive (one reference, owned by the queue of
/// pending finalizers) until the interpreter's next safe point.
///
/// # Safety
/// `h` heads a live object with no references left.
pub(crate) unsafe fn needs_finalizer(h: NonNull<Header>) -> bool {
    // SAFETY: live per the contract.
    let header = unsafe { h.as_ref() };
    if header.flags() & crate::objects::heap::FLAG_FINALIZED != 0 {
        return false;
    }
    let has_del = header.ty.as_type().is_some_and(|t| t.has_finalizer());
    if !has_del {
        return false;
    }
    header.resurrect();
    // SAFETY: the resurrected reference is handed to the queue.
    let obj = unsafe { crate::value::Value::from_header(h) };
    PENDING_FINALIZERS.with(|p| p.borrow_mut().push(obj));
    crate::interp::breaker::request(crate::interp::breaker::FINALIZERS_PENDING);
    true
}

thread_local! {
    /// Objects waiting for their `__del__` (see `needs_finalizer`).
    pub(crate) static PENDING_FINALIZERS: RefCell<Vec<crate::value::Value>> =
        const { RefCell::new(Vec::new()) };
}
