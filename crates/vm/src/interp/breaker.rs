//! The eval breaker: one word of "something needs the interpreter's attention" bits,
//! checked with a single load on backward jumps and calls only (CPython's
//! `eval_breaker`), so the hot path pays nothing for rare events.

use std::sync::atomic::{AtomicU32, Ordering};

/// A collection of the cycle collector is due (see `crate::gc`).
pub const GC_PENDING: u32 = 1 << 1;
/// Objects wait for their `__del__` (see `crate::gc::needs_finalizer`).
pub const FINALIZERS_PENDING: u32 = 1 << 2;

/// Process-wide, as signals are; the VM is single-threaded otherwise.
static EVAL_BREAKER: AtomicU32 = AtomicU32::new(0);

#[inline]
pub fn request(bit: u32) {
    EVAL_BREAKER.fetch_or(bit, Ordering::Relaxed);
}

#[inline(always)]
pub fn pending() -> u32 {
    EVAL_BREAKER.load(Ordering::Relaxed)
}

/// Clears `bits` and returns which of them were set.
#[inline]
pub fn take(bits: u32) -> u32 {
    EVAL_BREAKER.fetch_and(!bits, Ordering::Relaxed) & bits
}

impl crate::interp::Vm {
    /// The check on loop edges: one load on the hot path.
    #[inline(always)]
    pub(crate) fn check_eval_breaker(&mut self, ip: usize, lasti: usize) -> crate::PyResult<()> {
        if pending() == 0 {
            return Ok(());
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.ip = ip;
            frame.lasti = lasti;
        }
        self.handle_eval_breaker()
    }

    /// Handles whatever the breaker bits ask for, between two instructions of the
    /// current frame (whose ip is saved).
    #[cold]
    #[inline(never)]
    pub(crate) fn handle_eval_breaker(&mut self) -> crate::PyResult<()> {
        let bits = take(GC_PENDING | FINALIZERS_PENDING);
        if bits & GC_PENDING != 0 {
            crate::gc::collect_if_due(self);
        }
        self.run_finalizers();
        Ok(())
    }
}
