//! The value stack: every frame's locals followed by its evaluation stack, in one
//! buffer that never moves.
//!
//! The buffer is one address-space reservation made when the VM starts (pages are
//! committed by the kernel as they are first touched, so a shallow program's stack
//! costs a few KiB of memory). Because it never reallocates, the loop can keep a raw
//! pointer to the running frame's locals for the frame's whole life, and a push is a
//! compare with the end plus a store: no capacity growth, no length field reached
//! through `Vec`. Frames check for room for their locals and their code's maximum
//! stack depth when they are pushed, so running out is an error raised at a call,
//! not inside a handler.

use std::ops::{Deref, DerefMut};

use crate::value::Value;

/// Bytes of address space asked for first; halved until the system grants it.
const RESERVE_BYTES: usize = 1 << 30;
/// The smallest reservation accepted (a few thousand frames).
const MIN_RESERVE_BYTES: usize = 1 << 20;

pub(crate) struct ValueStack {
    start: *mut Value,
    top: *mut Value,
    end: *mut Value,
    /// Bytes mapped at `start`, for `munmap`.
    mapped: usize,
}

impl ValueStack {
    pub(crate) fn new() -> ValueStack {
        let mut bytes = RESERVE_BYTES;
        loop {
            // SAFETY: an anonymous private mapping at an address the kernel picks; the
            // result is checked before use.
            let p = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    bytes,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                    -1,
                    0,
                )
            };
            if p != libc::MAP_FAILED {
                let start = p.cast::<Value>();
                let guard = page_size();
                let usable = bytes - guard;
                // SAFETY: the last page of the mapping just made; if it cannot be made
                // inaccessible the stack still works, without the fault on overrun.
                unsafe {
                    libc::mprotect(p.cast::<u8>().add(usable).cast(), guard, libc::PROT_NONE);
                }
                return ValueStack {
                    start,
                    top: start,
                    // SAFETY: within the mapping, at the guard page.
                    end: unsafe { start.add(usable / std::mem::size_of::<Value>()) },
                    mapped: bytes,
                };
            }
            if bytes <= MIN_RESERVE_BYTES {
                // The process cannot get a megabyte of address space: nothing could run.
                std::process::abort();
            }
            bytes /= 2;
        }
    }

    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        // SAFETY: `top` and `start` point into the same mapping, `top >= start`.
        unsafe { self.top.offset_from(self.start) as usize }
    }

    /// The top as a pointer, for the dispatch loop, which keeps it in a local while
    /// it runs its own instructions and hands it back (`set_top_ptr`) before calling
    /// anything that reads the stack.
    #[inline(always)]
    pub(crate) fn top_ptr(&self) -> *mut Value {
        self.top
    }

    /// Makes `top` the stack's top again.
    ///
    /// # Safety
    /// `top` lies between `start` and `end`, every slot below it holds a live value
    /// and none from it up does (the loop's pushes and pops keep this).
    #[inline(always)]
    pub(crate) unsafe fn set_top_ptr(&mut self, top: *mut Value) {
        self.top = top;
    }

    /// Slots left before the end of the reservation.
    #[inline(always)]
    pub(crate) fn room(&self) -> usize {
        // SAFETY: as in `len`.
        unsafe { self.end.offset_from(self.top) as usize }
    }

    /// A pointer to slot `index`, which stays valid for the VM's life (the buffer
    /// never moves); reading through it is only sound while `index < len()`.
    #[inline(always)]
    pub(crate) fn slot_ptr(&self, index: usize) -> *mut Value {
        self.start.wrapping_add(index)
    }

    /// Pushes without comparing with the end: every frame was checked for room for
    /// its deepest evaluation stack when it was pushed, and native code that pushes
    /// an unbounded number of values checks [`room`](Self::room) first. A push past
    /// the end (a code object whose declared depth is wrong) faults on the guard page
    /// instead of writing past the mapping.
    #[inline(always)]
    pub(crate) fn push(&mut self, v: Value) {
        debug_assert!(self.top < self.end, "value stack overrun");
        // SAFETY: below `end` per the frame checks above (or at the guard page, which
        // faults); the slot holds no live value.
        unsafe {
            self.top.write(v);
            self.top = self.top.add(1);
        }
    }

    #[inline(always)]
    pub(crate) fn pop(&mut self) -> Option<Value> {
        if self.top == self.start {
            return None;
        }
        // SAFETY: `top > start`, so `top - 1` holds a live value, moved out here.
        unsafe {
            self.top = self.top.sub(1);
            Some(self.top.read())
        }
    }

    /// The top value (shadows the slice method: no length computed).
    #[inline(always)]
    pub(crate) fn last(&self) -> Option<&Value> {
        if self.top == self.start {
            return None;
        }
        // SAFETY: `top > start`, so `top - 1` holds a live value.
        Some(unsafe { &*self.top.sub(1) })
    }

    #[inline(always)]
    pub(crate) fn last_mut(&mut self) -> Option<&mut Value> {
        if self.top == self.start {
            return None;
        }
        // SAFETY: as in `last`, borrowed uniquely through `&mut self`.
        Some(unsafe { &mut *self.top.sub(1) })
    }

    /// The two values on top, second and top.
    #[inline(always)]
    pub(crate) fn top2(&self) -> Option<(&Value, &Value)> {
        if self.len() < 2 {
            return None;
        }
        // SAFETY: at least two live values lie below `top`.
        unsafe { Some((&*self.top.sub(2), &*self.top.sub(1))) }
    }

    /// The `n`th value from the top (1 = top).
    #[inline(always)]
    pub(crate) fn peek(&self, n: usize) -> Option<&Value> {
        if n == 0 || self.len() < n {
            return None;
        }
        // SAFETY: `n` live values lie below `top`.
        Some(unsafe { &*self.top.sub(n) })
    }

    /// Replaces the `n` (at least 1) values on top with `v`, dropping each in place
    /// from the top down.
    #[inline(always)]
    pub(crate) fn replace_top(&mut self, n: usize, v: Value) {
        if n == 0 || self.len() < n {
            return;
        }
        for _ in 1..n {
            drop(self.pop());
        }
        // SAFETY: at least one live value remains below `top`; the old one is
        // dropped by the assignment.
        unsafe { *self.top.sub(1) = v };
    }

    /// Drops the values above `len`, from the top down (each is off the stack
    /// before it is dropped, so a release never sees it twice).
    #[inline]
    pub(crate) fn truncate(&mut self, len: usize) {
        let new_top = self.start.wrapping_add(len);
        while self.top > new_top {
            // SAFETY: `new_top >= start`, so `top - 1` holds a live value, moved out.
            unsafe {
                self.top = self.top.sub(1);
                drop(self.top.read());
            }
        }
    }

    pub(crate) fn as_slice(&self) -> &[Value] {
        // SAFETY: `start..top` are live, initialized values.
        unsafe { std::slice::from_raw_parts(self.start, self.len()) }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [Value] {
        // SAFETY: as in `as_slice`, borrowed uniquely through `&mut self`.
        unsafe { std::slice::from_raw_parts_mut(self.start, self.len()) }
    }

    /// Moves every value of `values` onto the stack, leaving it empty (its capacity
    /// kept for reuse).
    pub(crate) fn append(&mut self, values: &mut Vec<Value>) {
        let n = values.len();
        if n > self.room() {
            overflow();
        }
        // SAFETY: room for `n` values was checked; the vector gives up ownership of
        // them by `set_len(0)` right after the copy.
        unsafe {
            std::ptr::copy_nonoverlapping(values.as_ptr(), self.top, n);
            values.set_len(0);
            self.top = self.top.add(n);
        }
    }

    /// Moves the `n` values on top to `dst` (bottom first), off the stack. With
    /// fewer than `n` on the stack, the missing leading slots get None.
    ///
    /// # Safety
    /// `dst` is valid for writing `n` values and does not overlap the stack.
    #[inline]
    pub(crate) unsafe fn move_top_to(&mut self, n: usize, dst: *mut Value) {
        let have = n.min(self.len());
        let missing = n - have;
        // SAFETY: `have` live values lie below `top`; they are copied out once and
        // the stack gives them up by lowering `top`. `dst` per the contract.
        unsafe {
            for i in 0..missing {
                dst.add(i).write(Value::NONE);
            }
            self.top = self.top.sub(have);
            std::ptr::copy_nonoverlapping(self.top, dst.add(missing), have);
        }
    }

    /// Moves the values from `start` up into a vector.
    pub(crate) fn split_off(&mut self, start: usize) -> Vec<Value> {
        self.drain(start..).collect()
    }

    /// Moves the values from `range.start` up out of the stack, which ends at
    /// `range.start` as soon as this returns.
    pub(crate) fn drain(&mut self, range: std::ops::RangeFrom<usize>) -> Drain<'_> {
        let len = self.len();
        let from = range.start.min(len);
        let old_top = self.top;
        self.top = self.start.wrapping_add(from);
        Drain {
            next: self.top,
            end: old_top,
            _stack: std::marker::PhantomData,
        }
    }
}

impl Extend<Value> for ValueStack {
    /// Checked per value: bulk pushes come from native code, not from a frame's
    /// declared depth.
    fn extend<I: IntoIterator<Item = Value>>(&mut self, iter: I) {
        for v in iter {
            if self.top == self.end {
                overflow();
            }
            self.push(v);
        }
    }
}

impl Deref for ValueStack {
    type Target = [Value];
    #[inline(always)]
    fn deref(&self) -> &[Value] {
        self.as_slice()
    }
}

impl DerefMut for ValueStack {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Value] {
        self.as_mut_slice()
    }
}

impl Drop for ValueStack {
    fn drop(&mut self) {
        self.truncate(0);
        // SAFETY: the mapping made in `new`, unmapped once.
        unsafe {
            libc::munmap(self.start.cast(), self.mapped);
        }
    }
}

/// The values moved out by [`ValueStack::drain`]; any not taken are dropped with it.
/// It borrows the stack, so nothing can push over the values not yet taken.
pub(crate) struct Drain<'a> {
    next: *mut Value,
    end: *mut Value,
    _stack: std::marker::PhantomData<&'a mut ValueStack>,
}

impl Iterator for Drain<'_> {
    type Item = Value;
    #[inline]
    fn next(&mut self) -> Option<Value> {
        if self.next == self.end {
            return None;
        }
        // SAFETY: `next..end` are values the stack no longer owns, each read once.
        unsafe {
            let v = self.next.read();
            self.next = self.next.add(1);
            Some(v)
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // SAFETY: both point into the same mapping, `next <= end`.
        let n = unsafe { self.end.offset_from(self.next) as usize };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Drain<'_> {}

impl Drop for Drain<'_> {
    fn drop(&mut self) {
        for v in self.by_ref() {
            drop(v);
        }
    }
}

/// The reservation is exhausted by a push no frame check accounted for (the checks
/// at calls leave room for every frame's declared stack depth, so this means a code
/// object whose depth is wrong): continuing would write past the mapping.
/// The size of the inaccessible guard page at the end of the reservation.
fn page_size() -> usize {
    // SAFETY: sysconf reads a system constant.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size).unwrap_or(4096).max(4096)
}

#[cold]
#[inline(never)]
fn overflow() -> ! {
    eprintln!("Fatal Python error: the value stack overflowed its reservation");
    std::process::abort();
}
