//! PEP 659 quickening: the VM's copy of each code object rewrites its specializable
//! instructions in place, following the design of CPython 3.11
//! (`Include/internal/pycore_code.h`, `Python/specialize.c`).
//!
//! - At load time ([`quicken`]) every specializable base instruction becomes its
//!   *adaptive* form (`BINARY_OP` -> `BINARY_OP_ADAPTIVE`, ...) with a warm-up counter
//!   in its first cache slot. CPython first waits for the code object to warm up;
//!   Coil builds its own copy of the code anyway, so it quickens right away.
//! - The adaptive form counts down; at zero it tries to specialize for the operands
//!   it sees ([`specialized`]). When no specialization fits, the counter backs off
//!   exponentially ([`failed`]) so a polymorphic site stops paying for attempts.
//! - A specialized form checks its guard; on a miss it runs the generic path and
//!   counts the miss ([`miss`]). After [`MISS_LIMIT`] misses it goes back to the
//!   adaptive form, with the next backoff.
//!
//! The counter slot packs `value << 4 | backoff exponent`, as CPython's 16-bit one.
//! Values: [`WARMUP`] = 53 executions before the first attempt (CPython 3.11's
//! `adaptive_counter_warmup`), backoff after a failed attempt from 2^5 - 1 = 31 up to
//! 2^12 - 1 = 4095 executions, and [`MISS_LIMIT`] = 53 misses before deoptimizing
//! (CPython's `miss_counter_start`).
//!
//! One file per family holds the specializer (what the adaptive form calls) and the
//! specialized handlers; the dispatch loop (`eval.rs`) only routes to them.

mod attr;
mod binary_op;
mod call;
mod compare_op;
mod for_iter;
mod load_global;
mod subscr;
#[cfg(test)]
mod tests;
mod unpack;

pub(crate) use binary_op::{float_fast, int_fast};
pub(crate) use compare_op::fused_jump;
pub(crate) use for_iter::{step_specialized, Step};
pub(crate) use subscr::store_list_item;

use std::cell::Cell;

use bytecode::Opcode;

use crate::objects::function::Instr;
use crate::objects::Code;

/// Executions of an adaptive instruction before its first specialization attempt.
pub(crate) const WARMUP: u32 = 53;
/// Misses a specialized instruction tolerates before going back to adaptive.
pub(crate) const MISS_LIMIT: u32 = 53;
/// Backoff exponent after the first failed attempt (2^5 - 1 executions).
const BACKOFF_START: u32 = 5;
/// Largest backoff exponent (2^12 - 1 executions between attempts).
const BACKOFF_MAX: u32 = 12;
const BACKOFF_BITS: u32 = 4;
const BACKOFF_MASK: u32 = (1 << BACKOFF_BITS) - 1;

#[inline(always)]
const fn pack(value: u32, backoff: u32) -> u32 {
    (value << BACKOFF_BITS) | backoff
}

/// The adaptive form the base instruction `op` is quickened to, if it has one.
pub(crate) fn adaptive_form(op: Opcode) -> Option<Opcode> {
    use Opcode::*;
    Some(match op {
        BINARY_OP => BINARY_OP_ADAPTIVE,
        COMPARE_OP => COMPARE_OP_ADAPTIVE,
        LOAD_GLOBAL => LOAD_GLOBAL_ADAPTIVE,
        LOAD_ATTR => LOAD_ATTR_ADAPTIVE,
        LOAD_METHOD => LOAD_METHOD_ADAPTIVE,
        STORE_ATTR => STORE_ATTR_ADAPTIVE,
        BINARY_SUBSCR => BINARY_SUBSCR_ADAPTIVE,
        STORE_SUBSCR => STORE_SUBSCR_ADAPTIVE,
        UNPACK_SEQUENCE => UNPACK_SEQUENCE_ADAPTIVE,
        CALL => CALL_ADAPTIVE,
        PRECALL => PRECALL_ADAPTIVE,
        FOR_ITER => FOR_ITER_ADAPTIVE,
        _ => return None,
    })
}

/// Where an instruction at `at` keeps its counter: its first cache slot, or for
/// `FOR_ITER` (no cache units in CPython 3.11's format) the instruction's own slot,
/// which the VM's separate cache array has to spare.
#[inline(always)]
pub(crate) fn counter_slot(op: Opcode, at: usize) -> usize {
    if op.cache_entries() == 0 {
        at
    } else {
        at + 1
    }
}

/// Rewrites every specializable instruction to its adaptive form with a warm-up
/// counter. Walks instruction boundaries, so cache units are never taken for
/// instructions.
pub(crate) fn quicken(instrs: &[Cell<Instr>], caches: &[Cell<u32>]) {
    let mut i = 0;
    while let Some(cell) = instrs.get(i) {
        let instr = cell.get();
        if let Some(adaptive) = adaptive_form(instr.op) {
            cell.set(Instr {
                op: adaptive,
                arg: instr.arg,
            });
            if let Some(c) = caches.get(counter_slot(instr.op, i)) {
                c.set(pack(WARMUP, BACKOFF_START - 1));
            }
        }
        i += 1 + instr.op.cache_entries() as usize;
    }
}

impl Code {
    /// Cache slot `at` (0 past the end, which no guard accepts).
    #[inline(always)]
    pub(crate) fn cache(&self, at: usize) -> u32 {
        self.caches.get(at).map_or(0, Cell::get)
    }

    #[inline(always)]
    pub(crate) fn set_cache(&self, at: usize, v: u32) {
        if let Some(c) = self.caches.get(at) {
            c.set(v);
        }
    }

    /// Rewrites the opcode at `at`, keeping its arg.
    #[inline]
    pub(crate) fn set_op(&self, at: usize, op: Opcode) {
        if let Some(c) = self.instrs.get(at) {
            let arg = c.get().arg;
            c.set(Instr { op, arg });
        }
    }

    /// The opcode at `at` (`CACHE` past the end).
    #[inline(always)]
    pub(crate) fn op_at(&self, at: usize) -> Opcode {
        self.instrs.get(at).map_or(Opcode::CACHE, |c| c.get().op)
    }
}

/// Counts one execution of the adaptive instruction at `at`; true when it is time
/// to try specializing.
#[inline(always)]
pub(crate) fn adaptive_due(code: &Code, op: Opcode, at: usize) -> bool {
    let slot = counter_slot(op, at);
    let c = code.cache(slot);
    if c >> BACKOFF_BITS == 0 {
        true
    } else {
        code.set_cache(slot, c - (1 << BACKOFF_BITS));
        false
    }
}

/// Installs the specialized form `op` at `at`, with a fresh miss budget.
pub(crate) fn specialized(code: &Code, at: usize, op: Opcode) {
    code.set_op(at, op);
    let slot = counter_slot(op, at);
    let backoff = code.cache(slot) & BACKOFF_MASK;
    code.set_cache(slot, pack(MISS_LIMIT, backoff));
}

/// An adaptive instruction's attempt: installs `choice`, or backs off when nothing
/// fits.
pub(crate) fn settle(code: &Code, at: usize, adaptive: Opcode, choice: Option<Opcode>) {
    match choice {
        Some(op) => specialized(code, at, op),
        None => failed(code, adaptive, at),
    }
}

/// No specialization fits: stay adaptive and wait longer before the next attempt.
pub(crate) fn failed(code: &Code, op: Opcode, at: usize) {
    let slot = counter_slot(op, at);
    let backoff = ((code.cache(slot) & BACKOFF_MASK) + 1).min(BACKOFF_MAX);
    code.set_cache(slot, pack((1 << backoff) - 1, backoff));
}

/// A specialized instruction's guard failed: count the miss, and after
/// [`MISS_LIMIT`] of them go back to the adaptive form (with backoff). The caller
/// then runs the generic path.
#[cold]
#[inline(never)]
pub(crate) fn miss(code: &Code, at: usize) {
    let op = code.op_at(at);
    let slot = counter_slot(op, at);
    let c = code.cache(slot);
    if c >> BACKOFF_BITS == 0 {
        if let Some(adaptive) = adaptive_form(op.family()) {
            code.set_op(at, adaptive);
        }
        failed(code, op, at);
    } else {
        code.set_cache(slot, c - (1 << BACKOFF_BITS));
    }
}
