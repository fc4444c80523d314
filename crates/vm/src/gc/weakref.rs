//! Weak references: which weakref objects point at which referent, and what happens
//! when a referent dies: its weakrefs are cleared (they then return None) and their
//! callbacks are queued to run at the interpreter's next safe point, most recent
//! weakref first, as CPython calls them.
//!
//! A weakref holds no count on its referent, only its address; the registry maps each
//! referent with weakrefs (flagged `FLAG_WEAKREFED`) to its weakref objects.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ptr::NonNull;

use crate::interp::Vm;
use crate::objects::heap::{self, Header, FLAG_WEAKREFED};
use crate::objects::{new_object, Trace};
use crate::value::Value;

/// The payload of `weakref.ref`, `weakref.proxy` and callable proxies (told apart by
/// their type).
pub struct WeakRefObj {
    referent: Cell<Option<NonNull<Header>>>,
    pub(crate) callback: RefCell<Value>,
    /// `hash(ref)`: the referent's hash, kept once computed so it survives the referent.
    pub(crate) hash: Cell<Option<i64>>,
}

impl WeakRefObj {
    /// A new strong reference to the referent, or None once it has died.
    pub fn get(&self) -> Option<Value> {
        let h = self.referent.get()?;
        // SAFETY: the referent is alive while registered: its death clears `referent`.
        Some(unsafe { Value::from_header_borrowed(h) })
    }

    pub fn is_alive(&self) -> bool {
        self.referent.get().is_some()
    }
}

impl Trace for WeakRefObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(cb) = self.callback.try_borrow() {
            visit(&cb);
        }
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        crate::objects::function::take_into(self.callback.get_mut(), out);
    }
}

impl Drop for WeakRefObj {
    fn drop(&mut self) {
        if let Some(referent) = self.referent.take() {
            let me = heap::header_of(self);
            REGISTRY.with(|r| {
                let mut r = r.borrow_mut();
                let key = referent.as_ptr() as usize;
                if let Some(list) = r.get_mut(&key) {
                    list.retain(|w| *w != me);
                    if list.is_empty() {
                        r.remove(&key);
                        // SAFETY: the referent is alive (it was still registered).
                        unsafe { referent.as_ref().clear_flag(FLAG_WEAKREFED) };
                    }
                }
            });
        }
    }
}

thread_local! {
    /// Referent address -> its weakref objects, oldest first.
    static REGISTRY: RefCell<HashMap<usize, Vec<NonNull<Header>>>> =
        RefCell::new(HashMap::new());
    /// (weakref, callback) pairs whose referent died, waiting for a safe point.
    static PENDING_CALLBACKS: RefCell<Vec<(Value, Value)>> = const { RefCell::new(Vec::new()) };
}

/// Makes a weakref of type `ty` to `referent`. Without a callback, an existing plain
/// weakref of the same type is shared, as CPython does.
pub(crate) fn new_weakref(ty: &Value, referent: &Value, callback: Value) -> Value {
    let Some(target) = referent.header_ptr() else {
        return Value::NONE;
    };
    let key = target.as_ptr() as usize;
    if callback.is_none() {
        let existing = REGISTRY.with(|r| {
            r.borrow().get(&key).and_then(|list| {
                list.iter().copied().find(|&w| {
                    // SAFETY: registered weakrefs are alive; one being freed is skipped.
                    if unsafe { w.as_ref() }.ref_count() == 0 {
                        return false;
                    }
                    let w = unsafe { Value::from_header_borrowed(w) };
                    let plain = w
                        .downcast::<WeakRefObj>()
                        .is_some_and(|p| p.callback.borrow().is_none());
                    plain && heap_type_is(&w, ty)
                })
            })
        });
        if let Some(w) = existing {
            // SAFETY: found in the registry, so alive.
            return unsafe { Value::from_header_borrowed(w) };
        }
    }
    let w = new_object(
        ty,
        WeakRefObj {
            referent: Cell::new(Some(target)),
            callback: RefCell::new(callback),
            hash: Cell::new(None),
        },
    );
    if let Some(wh) = w.header_ptr() {
        REGISTRY.with(|r| r.borrow_mut().entry(key).or_default().push(wh));
    }
    if let Some(h) = referent.header() {
        h.set_flag(FLAG_WEAKREFED);
    }
    w
}

fn heap_type_is(v: &Value, ty: &Value) -> bool {
    v.header().is_some_and(|h| h.ty.is(ty))
}

/// The weakrefs to `v`, oldest first (`weakref.getweakrefs`).
pub(crate) fn weakrefs_to(v: &Value) -> Vec<Value> {
    let Some(h) = v.header_ptr() else {
        return Vec::new();
    };
    REGISTRY.with(|r| {
        r.borrow()
            .get(&(h.as_ptr() as usize))
            .map(|list| {
                list.iter()
                    // SAFETY: registered weakrefs are alive; one being freed is skipped.
                    .filter(|w| unsafe { w.as_ref() }.ref_count() > 0)
                    .map(|&w| unsafe { Value::from_header_borrowed(w) })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Detaches every weakref from a dying referent and queues the callbacks of those
/// `wants_callback` accepts.
fn detach_all(referent: NonNull<Header>, wants_callback: &dyn Fn(&Header) -> bool) {
    let list = REGISTRY.with(|r| r.borrow_mut().remove(&(referent.as_ptr() as usize)));
    // SAFETY: the referent is alive until its free completes.
    unsafe { referent.as_ref().clear_flag(FLAG_WEAKREFED) };
    let Some(list) = list else {
        return;
    };
    let mut queued = false;
    for &w in list.iter().rev() {
        // SAFETY: registered weakrefs are alive, though one may be on its way out
        // itself (count zero, queued for freeing): it then gets no callback.
        let header = unsafe { w.as_ref() };
        let Some(obj) = (unsafe { heap::downcast_header::<WeakRefObj>(header) }) else {
            continue;
        };
        obj.referent.set(None);
        if header.ref_count() == 0 {
            continue;
        }
        let callback = obj.callback.replace(Value::NONE);
        if !callback.is_none() && wants_callback(header) {
            // SAFETY: alive (count above zero).
            let w = unsafe { Value::from_header_borrowed(w) };
            PENDING_CALLBACKS.with(|p| p.borrow_mut().push((w, callback)));
            queued = true;
        }
    }
    if queued {
        crate::interp::breaker::request(crate::interp::breaker::FINALIZERS_PENDING);
    }
}

/// Clears the weak references to an object being freed.
///
/// # Safety
/// `h` heads a live object that is being freed.
pub(crate) unsafe fn clear_weakrefs(h: NonNull<Header>) {
    detach_all(h, &|_| true);
}

/// Clears the weak references to an object found unreachable, before any finalizer
/// runs (CPython's `handle_weakrefs`). Weakrefs that are garbage themselves get no
/// callback.
pub(crate) fn clear_for_collection(v: &Value) {
    let Some(h) = v.header_ptr() else { return };
    if v.header().is_some_and(|h| h.flags() & FLAG_WEAKREFED != 0) {
        detach_all(h, &|w| !super::collect::is_collected(w));
    }
}

impl Vm {
    /// Runs the queued weakref callbacks; errors are reported, not raised.
    pub(crate) fn run_weakref_callbacks(&mut self) {
        loop {
            let pending = PENDING_CALLBACKS.with(|p| std::mem::take(&mut *p.borrow_mut()));
            if pending.is_empty() {
                return;
            }
            for (w, callback) in pending {
                if let Err(exc) = self.call(&callback, std::slice::from_ref(&w)) {
                    self.report_unraisable(&exc, &callback);
                }
            }
        }
    }
}
