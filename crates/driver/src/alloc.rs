//! The binary's global allocator: mimalloc, called the way its fast paths want.
//!
//! The VM allocates and frees many small objects (instances, tuples, strings);
//! mimalloc does that faster than glibc's malloc (figures in docs/performance.md).
//! The `mimalloc` crate's allocator hands every request to `mi_malloc_aligned`, whose
//! fast path needs a free block that happens to be aligned and otherwise over-allocates:
//! about 150 instructions per 8-aligned object. A request whose alignment `mi_malloc`
//! guarantees anyway (16 bytes, and never more than the size, as Rust's own `System`
//! allocator reasons) goes to `mi_malloc` here; only larger alignments take the aligned
//! path; plain sizes are rounded to 16 bytes (see [`ROUND_TO`]). Set in the binary, so library users keep their own allocator.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// Alignment every `mi_malloc` block of at least this size has.
const MI_MALLOC_ALIGN: usize = 16;

/// Plain requests are rounded up to this: a 56-byte object in mimalloc's 56-byte size
/// class starts 8 bytes off a 16-byte boundary half the time, and binary_trees ran 8%
/// slower that way than with 64-byte blocks (same instruction count).
const ROUND_TO: usize = 16;

pub(crate) struct Mimalloc;

#[inline(always)]
fn plain(layout: &Layout) -> bool {
    layout.align() <= MI_MALLOC_ALIGN && layout.align() <= layout.size()
}

// SAFETY: each method forwards to the mimalloc function with the same contract, and
// a block is always freed by `mi_free`, which takes blocks from every entry point.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded (see the impl).
        unsafe {
            if plain(&layout) {
                mi::mi_malloc(layout.size().next_multiple_of(ROUND_TO)) as *mut u8
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded (see the impl).
        unsafe {
            if plain(&layout) {
                mi::mi_zalloc(layout.size().next_multiple_of(ROUND_TO)) as *mut u8
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: forwarded (see the impl).
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded (see the impl).
        unsafe {
            if layout.align() <= MI_MALLOC_ALIGN && layout.align() <= new_size {
                mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}
