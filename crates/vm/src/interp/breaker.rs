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
