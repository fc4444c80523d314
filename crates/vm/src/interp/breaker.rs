//! The eval breaker: how work that arrives from outside the running bytecode (today,
//! OS signals) gets the interpreter loop's attention between instructions.
//!
//! It owns three things:
//!
//! - [`EVAL_BREAKER`], one process-wide word of "something needs attention" bits. The
//!   loop reads it with a single relaxed load on backward jumps (each loop iteration)
//!   and at the start of every `CALL` (each recursion step), so a program that spins
//!   or recurses forever still notices it quickly, while straight-line code pays
//!   nothing. When a bit is set, [`Vm::handle_breaker`] (cold, out of line) does the
//!   work for it between two instructions.
//! - The per-signal "tripped" flags and the C-level handler that sets them. A signal
//!   handler may run at any moment on any thread, so it may only touch atomics: it
//!   marks the signal and sets [`SIGNALS_PENDING`]; the Python-level handler runs
//!   later, from the loop (see `modules::signal` for the handler table).
//! - The OS side of dispositions (`sigaction`): catching, ignoring or defaulting a
//!   signal, and reading what a signal's disposition was when Coil started.
//!
//! Bits of [`EVAL_BREAKER`] (each owner adds its bit here and a branch in
//! [`Vm::handle_breaker`]; a bit that nobody clears would make every poll take the
//! slow path):
//!
//! | bit      | meaning                                              |
//! |----------|------------------------------------------------------|
//! | `1 << 0` | [`SIGNALS_PENDING`]: a signal handler tripped        |
//! | `1 << 1` | [`GC_PENDING`]: allocations passed a collector threshold |
//! | `1 << 2` | [`FINALIZERS_PENDING`]: `__del__`, weakref callbacks or |
//! |          | generator closes wait (also polled after stores)     |
//!
//! The breaker is process-wide because signals are; the Python-level handlers belong
//! to the VM that installed them. Coil runs one VM per process, on one thread.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use super::Vm;
use crate::PyResult;

/// "Something needs attention" bits; see the module docs for who owns which bit.
static EVAL_BREAKER: AtomicU32 = AtomicU32::new(0);

/// At least one signal tripped its C-level handler since the last check.
pub const SIGNALS_PENDING: u32 = 1 << 0;

/// The cycle collector's allocation counts passed a threshold (see `crate::gc`).
pub const GC_PENDING: u32 = 1 << 1;
/// Finalizers wait for a safe point: `__del__`, weakref callbacks, generator closes.
pub const FINALIZERS_PENDING: u32 = 1 << 2;

/// Sets `bit` in the breaker, so the loop calls [`Vm::handle_breaker`] at its next
/// poll. Async-signal-safe (one atomic read-modify-write).
#[inline]
pub fn request(bit: u32) {
    // Release: whatever the requester wrote before (a tripped flag) is visible to
    // the thread that sees the bit and clears it with an acquire.
    EVAL_BREAKER.fetch_or(bit, Ordering::Release);
}

/// The bits currently set: the loop's poll. Relaxed, because a bit seen one poll
/// late costs nothing; [`take`] does the synchronising read.
#[inline(always)]
pub fn pending() -> u32 {
    EVAL_BREAKER.load(Ordering::Relaxed)
}

/// Clears `bit` and reports whether it was set.
#[inline]
pub fn take(bit: u32) -> bool {
    EVAL_BREAKER.fetch_and(!bit, Ordering::Acquire) & bit != 0
}

/// One more than the highest signal number, as CPython's `signal.NSIG` on Linux
/// (signals are numbered 1 to 64 there, the real-time ones included).
pub const NSIG: usize = 65;

/// Set by [`on_signal`] for each signal that arrived and has not been handled yet.
static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];

/// The C-level handler for every signal with a Python-level handler. It runs
/// whenever the OS delivers the signal, interrupting whatever the thread was doing
/// (possibly the middle of an allocation or of the VM's own bookkeeping), so it only
/// stores to atomics: never allocate, lock, or touch a `Value` here.
extern "C" fn on_signal(signum: libc::c_int) {
    if let Some(flag) = usize::try_from(signum).ok().and_then(|i| TRIPPED.get(i)) {
        // The flag before the breaker bit: whoever sees the bit then finds the flag.
        flag.store(true, Ordering::Release);
        request(SIGNALS_PENDING);
    }
}

/// Clears `signum`'s tripped flag and reports whether it was set.
pub fn take_tripped(signum: usize) -> bool {
    TRIPPED
        .get(signum)
        .is_some_and(|flag| flag.swap(false, Ordering::Acquire))
}

/// What the OS does when a signal arrives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Disposition {
    /// `SIG_DFL`: the signal's default action (often: terminate the process).
    Default,
    /// `SIG_IGN`: nothing.
    Ignore,
    /// Coil's [`on_signal`]: trip the flag, run the Python-level handler later.
    Catch,
    /// Some other handler, installed by neither Python code nor Coil.
    Other,
}

/// `signum`'s disposition now, or the OS error for an invalid signal number.
pub fn disposition(signum: i32) -> std::io::Result<Disposition> {
    // SAFETY: a zeroed sigaction is a valid out-parameter, and a null new action
    // only queries.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigaction(signum, std::ptr::null(), &mut old) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(match old.sa_sigaction {
        libc::SIG_DFL => Disposition::Default,
        libc::SIG_IGN => Disposition::Ignore,
        h if h == on_signal as *const () as libc::sighandler_t => Disposition::Catch,
        _ => Disposition::Other,
    })
}

/// Sets `signum`'s disposition (`Other` is not something Coil installs: it is
/// treated as `Default`). Fails as `sigaction` does, e.g. EINVAL for SIGKILL.
pub fn set_disposition(signum: i32, disposition: Disposition) -> std::io::Result<()> {
    let handler = match disposition {
        Disposition::Default | Disposition::Other => libc::SIG_DFL,
        Disposition::Ignore => libc::SIG_IGN,
        Disposition::Catch => on_signal as *const () as libc::sighandler_t,
    };
    // SAFETY: the action is fully initialised (zeroed, then an empty mask), and
    // `on_signal` only touches atomics, so it is a valid handler at any moment.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        libc::sigemptyset(&mut action.sa_mask);
        // No SA_RESTART, as CPython: a blocking call (`time.sleep`, `signal.pause`)
        // returns EINTR, so the Python-level handler runs promptly (and can raise)
        // instead of after the call. SA_ONSTACK: Rust gives every thread an
        // alternate signal stack (for its stack-overflow report); use it rather
        // than a stack that may be nearly full.
        action.sa_flags = libc::SA_ONSTACK;
        if libc::sigaction(signum, &action, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

impl Vm {
    /// The poll at the start of a call: one load and a branch.
    #[inline(always)]
    pub(crate) fn poll_breaker(&mut self, ip: usize, lasti: usize) -> PyResult<()> {
        if pending() == 0 {
            return Ok(());
        }
        self.handle_breaker(ip, lasti)
    }

    /// Does what the breaker's bits ask for, between the instruction at `lasti` and
    /// the one at `ip`. An error (a signal handler raised) is raised by the
    /// instruction at `lasti`, so it unwinds through `try`/`except`/`finally` like
    /// any other error there.
    #[cold]
    #[inline(never)]
    pub(crate) fn handle_breaker(&mut self, ip: usize, lasti: usize) -> PyResult<()> {
        // Handlers run Python code in nested frames; tracebacks and the exception
        // table read the current frame's position from the frame record.
        if let Some(frame) = self.frames.last_mut() {
            frame.ip = ip;
            frame.lasti = lasti;
        }
        // A poll at a `PRECALL` comes between `KW_NAMES` and its `CALL`: the Python
        // code run here must not see (or take) those names.
        let kwnames = std::mem::replace(&mut self.kwnames, crate::value::Value::NULL);
        if take(GC_PENDING) {
            crate::gc::collect_if_due(self);
        }
        self.run_finalizers();
        let r = self.check_signals();
        self.kwnames = kwnames;
        r
    }

    /// Runs the Python-level handlers of the signals that arrived since the last
    /// check (CPython's `PyErr_CheckSignals`). Native code that waits (`sleep`,
    /// `pause`) or sends itself a signal calls this directly.
    pub fn check_signals(&mut self) -> PyResult<()> {
        if !take(SIGNALS_PENDING) {
            return Ok(());
        }
        self.run_signal_handlers()
    }

    /// Sleeps for `duration` on the VM's thread, running the handlers of signals
    /// that interrupt the sleep; a handler that raises ends the sleep with its
    /// exception (what CPython's `time.sleep` does since PEP 475).
    pub fn sleep_interruptibly(&mut self, duration: std::time::Duration) -> PyResult<()> {
        let deadline = std::time::Instant::now() + duration;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            let request = libc::timespec {
                tv_sec: left.as_secs().min(libc::time_t::MAX as u64) as libc::time_t,
                tv_nsec: left.subsec_nanos() as libc::c_long,
            };
            // SAFETY: `request` is a valid timespec; the remainder is not wanted
            // (the deadline gives it).
            if unsafe { libc::nanosleep(&request, std::ptr::null_mut()) } == 0 {
                return Ok(());
            }
            match std::io::Error::last_os_error().raw_os_error() {
                Some(libc::EINTR) => self.check_signals()?,
                // Any other failure (EINVAL cannot happen for a valid timespec):
                // stop sleeping rather than spin.
                _ => return Ok(()),
            }
        }
    }
}
