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

mod collect;
pub mod weakref;

pub use collect::collect;
pub(crate) use collect::collect_if_due;

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
            // Objects taken out for a running collection are in no list.
            if let Some(list) = s.generations.get_mut(gen) {
                if list.get(index) == Some(&h) {
                    list.swap_remove(index);
                    if let Some(moved) = list.get(index) {
                        moved.as_ref().link().index.set(index as u32);
                    }
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

impl crate::interp::Vm {
    /// Runs `obj.__del__()`; an exception is reported as CPython reports one raised
    /// where nobody can catch it ("Exception ignored in: ...").
    pub(crate) fn call_del(&mut self, obj: &crate::value::Value) {
        let ty = self.type_of(obj).clone();
        let Some(del) = self.type_lookup(&ty, "__del__") else {
            return;
        };
        if let Err(exc) = self.call(&del, std::slice::from_ref(obj)) {
            self.report_unraisable(&exc, &del);
        }
    }

    /// Prints an exception nobody can catch, with the object it came from.
    pub(crate) fn report_unraisable(
        &mut self,
        exc: &crate::value::Value,
        origin: &crate::value::Value,
    ) {
        self.flush_stdout();
        let origin = match self.repr(origin) {
            Ok(r) => r,
            Err(_) => "<object repr() failed>".into(),
        };
        let text = self.format_exception(exc);
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("Exception ignored in: {origin}\n{text}").as_bytes(),
        );
    }

    /// Runs the `__del__` of objects whose last reference went away (queued by
    /// `needs_finalizer`), then lets them go: freed unless `__del__` resurrected them.
    pub(crate) fn run_del_finalizers(&mut self) {
        loop {
            let pending = PENDING_FINALIZERS.with(|p| std::mem::take(&mut *p.borrow_mut()));
            if pending.is_empty() {
                return;
            }
            for obj in pending {
                if let Some(h) = obj.header() {
                    h.set_flag(crate::objects::heap::FLAG_FINALIZED);
                }
                self.call_del(&obj);
            }
        }
    }
}

/// The tracked containers of one generation, or of all (for `gc.get_objects`).
pub(crate) fn tracked_objects(generation: Option<usize>) -> Vec<crate::value::Value> {
    STATE.with(|s| {
        let s = s.borrow();
        let gens: Vec<usize> = match generation {
            Some(g) => vec![g],
            None => vec![0, 1, 2],
        };
        gens.iter()
            .flat_map(|&g| s.generations[g].iter())
            // SAFETY: tracked objects are live; each value takes a new reference.
            .map(|&h| unsafe { crate::value::Value::from_header_borrowed(h) })
            .collect()
    })
}

/// Whether `v` is a container the collector tracks.
pub(crate) fn is_tracked(v: &crate::value::Value) -> bool {
    v.header().is_some_and(|h| h.flags() & FLAG_TRACKED != 0)
}
