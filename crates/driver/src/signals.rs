//! The process's side of signals: which thread receives them, and dying of SIGINT
//! after an uncaught KeyboardInterrupt. Python-level handlers and the C-level one
//! that trips them are the VM's (`vm::interp::breaker`, the `signal` module).

use std::io::Write;

/// Sends every signal aimed at the process to the VM's thread, by blocking them all
/// on the calling (main) thread, which only waits for the VM's. The kernel delivers
/// a process-directed signal (Ctrl-C, `kill`, `alarm`) to any thread that does not
/// block it; delivered to the VM's thread, it also interrupts a blocking call there
/// (`time.sleep`, `signal.pause`), so its Python-level handler runs at once.
/// Call after spawning the VM's thread, which keeps the mask it started with.
pub fn route_to_vm_thread() {
    // SAFETY: the set is initialised by sigfillset before use; pthread_sigmask only
    // changes the calling thread's mask (SIGKILL and SIGSTOP stay unblockable).
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
}

/// Ends the process the way CPython does after an uncaught KeyboardInterrupt: by
/// SIGINT with its default disposition, so the parent sees death by Ctrl-C (a shell
/// reports 130 and stops a script that ran it) rather than a plain failure. Output is
/// flushed first, since dying by a signal skips it. Returns 130 (128 + SIGINT, what
/// a shell would report) only if the process survived the signal (SIGINT blocked by
/// the parent, say).
pub fn exit_by_sigint() -> i32 {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: restoring the default disposition and signalling the calling thread
    // have no memory-safety preconditions. `raise` targets this thread, so the signal
    // is delivered (and kills the process) before it returns, unless blocked.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
    128 + libc::SIGINT
}
