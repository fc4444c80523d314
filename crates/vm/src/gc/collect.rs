//! One collection: find the unreachable containers of the collected generations, run
//! their finalizers, and clear the ones still unreachable afterwards.

use std::ptr::NonNull;

use super::{GcState, STATE};
use crate::interp::Vm;
use crate::objects::heap::{self, Header, FLAG_FINALIZED, FLAG_TRACKED};
use crate::value::Value;

/// `Header::generation` of objects taken out of the lists for a collection.
const COLLECTING: u8 = 3;
/// `gc_refs` of an object found reachable.
const REACHABLE: u32 = u32::MAX;

/// Runs the collection the allocation counts ask for, if any (CPython's
/// `gc_collect_generations`: the oldest generation over its threshold).
pub(crate) fn collect_if_due(vm: &mut Vm) {
    let due = STATE.with(|s| {
        let s = s.borrow();
        if !s.enabled || s.collecting {
            return None;
        }
        (0..3)
            .rev()
            .find(|&g| s.thresholds[g] > 0 && s.counts[g] > s.thresholds[g])
    });
    if let Some(g) = due {
        collect(vm, g);
    }
}

/// Collects generation `generation` and the younger ones; returns the number of
/// unreachable objects found (what `gc.collect()` returns).
pub fn collect(vm: &mut Vm, generation: usize) -> usize {
    let generation = generation.min(2);
    let work = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.collecting {
            return None;
        }
        s.collecting = true;
        let mut work = Vec::new();
        for g in 0..=generation {
            work.append(&mut s.generations[g]);
            s.counts[g] = 0;
        }
        if generation < 2 {
            s.counts[generation + 1] = s.counts[generation + 1].saturating_add(1);
        }
        Some(work)
    });
    let Some(work) = work else {
        return 0;
    };
    for &h in &work {
        // SAFETY: tracked objects are live containers.
        unsafe { h.as_ref().set_generation(COLLECTING) };
    }
    let survivor_gen = (generation + 1).min(2) as u8;
    let (reachable, unreachable) = partition(work, 0);
    let reachable = untrack_atomic_tuples(reachable);
    retrack(&reachable, survivor_gen);
    let found = if unreachable.is_empty() {
        0
    } else {
        collect_garbage(vm, unreachable, survivor_gen)
    };
    STATE.with(|s| s.borrow_mut().collecting = false);
    found
}

/// Splits `set` (objects marked `COLLECTING`) into reachable and unreachable, given
/// that each object's count includes `held` references owned by the collector.
fn partition(set: Vec<NonNull<Header>>, held: u32) -> (Vec<NonNull<Header>>, Vec<NonNull<Header>>) {
    // SAFETY (whole function): every pointer in `set` is a live container (tracked, or
    // held by the collector), and no Rust reference into them is live.
    for &h in &set {
        let header = unsafe { h.as_ref() };
        let rc = header.ref_count();
        let refs = if header.is_immortal() {
            REACHABLE - 1
        } else {
            rc - held
        };
        unsafe { header.link().gc_refs.set(refs) };
    }
    // Subtract the references coming from inside the set.
    for &h in &set {
        unsafe {
            heap::traverse(h, &mut |child| {
                if let Some(c) = in_set(child) {
                    let link = c.link();
                    let refs = link.gc_refs.get();
                    if refs > 0 && refs < REACHABLE - 1 {
                        link.gc_refs.set(refs - 1);
                    }
                }
            })
        };
    }
    // Whatever is referenced from outside is reachable, and so is all it reaches.
    let mut stack: Vec<NonNull<Header>> = Vec::new();
    for &h in &set {
        let link = unsafe { h.as_ref().link() };
        if link.gc_refs.get() > 0 {
            link.gc_refs.set(REACHABLE);
            stack.push(h);
        }
    }
    while let Some(h) = stack.pop() {
        unsafe {
            heap::traverse(h, &mut |child| {
                if let Some(c) = in_set(child) {
                    let link = c.link();
                    if link.gc_refs.get() != REACHABLE {
                        link.gc_refs.set(REACHABLE);
                        stack.push(NonNull::from(c));
                    }
                }
            })
        };
    }
    set.into_iter()
        .partition(|h| unsafe { h.as_ref().link().gc_refs.get() } == REACHABLE)
}

/// Whether an object is in the set of the running collection and not (yet) found
/// reachable.
pub(crate) fn is_collected(h: &Header) -> bool {
    h.kind().is_container() && h.generation() == COLLECTING
}

/// The header of `v` if it is a container taking part in the current collection.
fn in_set(v: &Value) -> Option<&Header> {
    let h = v.header()?;
    let member =
        h.kind().is_container() && h.flags() & FLAG_TRACKED != 0 && h.generation() == COLLECTING;
    member.then_some(h)
}

/// Stops tracking surviving tuples whose items can never be part of a cycle (no
/// tracked container among them), as CPython's `_PyTuple_MaybeUntrack` does: a tuple
/// is immutable, so it can only become part of a cycle through a tracked item.
fn untrack_atomic_tuples(objects: Vec<NonNull<Header>>) -> Vec<NonNull<Header>> {
    objects
        .into_iter()
        .filter(|&h| {
            // SAFETY: live containers of this collection, not borrowed by Rust code.
            let header = unsafe { h.as_ref() };
            if header.kind() != heap::Kind::Tuple {
                return true;
            }
            let items = unsafe { heap::tuple_items(header) };
            let atomic = items
                .iter()
                .all(|v| v.header().is_none_or(|c| c.flags() & FLAG_TRACKED == 0));
            if atomic {
                header.clear_flag(FLAG_TRACKED);
            }
            !atomic
        })
        .collect()
}

/// Puts objects back into generation `gen`'s list.
fn retrack(objects: &[NonNull<Header>], gen: u8) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let GcState { generations, .. } = &mut *s;
        let list = &mut generations[gen as usize];
        for &h in objects {
            // SAFETY: live containers taken out of the lists by this collection.
            unsafe {
                let header = h.as_ref();
                if header.flags() & FLAG_TRACKED == 0 {
                    continue;
                }
                header.set_generation(gen);
                header.link().index.set(list.len() as u32);
            }
            list.push(h);
        }
    });
}

/// Finalizes, then frees, the unreachable objects of a collection; returns how many
/// were still unreachable after their finalizers (CPython's count).
fn collect_garbage(vm: &mut Vm, unreachable: Vec<NonNull<Header>>, survivor_gen: u8) -> usize {
    // Hold every object so none is freed while Python code runs or while references
    // are cleared; the holds go last, and the counts then reach zero.
    // SAFETY: unreachable objects are live (their counts are not zero).
    let held: Vec<Value> = unreachable
        .iter()
        .map(|&h| unsafe { Value::from_header_borrowed(h) })
        .collect();
    for v in &held {
        crate::gc::weakref::clear_for_collection(v);
    }
    let mut ran_finalizer = false;
    for v in &held {
        let Some(h) = v.header() else { continue };
        let needs = h.flags() & FLAG_FINALIZED == 0
            && vm.type_of(v).as_type().is_some_and(|t| t.has_finalizer());
        if needs {
            h.set_flag(FLAG_FINALIZED);
            vm.call_del(v);
            ran_finalizer = true;
        } else if h.flags() & FLAG_FINALIZED == 0
            && crate::objects::generator::is_suspended_and_started(v)
        {
            // A paused generator's finalizer is its `close()` (its `finally` blocks).
            h.set_flag(FLAG_FINALIZED);
            crate::objects::generator::finalize_generator(vm, v);
            ran_finalizer = true;
        }
    }
    let garbage = if ran_finalizer {
        // PEP 442: a finalizer may have resurrected objects; only what is still
        // unreachable (counting the collector's holds) is cleared.
        let (resurrected, garbage) = partition(unreachable, 1);
        retrack(&resurrected, survivor_gen);
        garbage
    } else {
        unreachable
    };
    let mut released = Vec::new();
    for &h in &garbage {
        // SAFETY: garbage objects are live (held) and unreachable from any Rust borrow.
        unsafe { heap::clear(h, &mut released) };
    }
    // Back in a list before the holds go, so an object the clearing could not free is
    // still tracked; freed objects leave the list as usual.
    retrack(&garbage, survivor_gen);
    drop(released);
    drop(held);
    garbage.len()
}
