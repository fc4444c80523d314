//! The `signal` module: Python-level signal handlers (`signal`, `getsignal`,
//! `default_int_handler`), `alarm`, `raise_signal`, `pause`, and the signal-number
//! constants.
//!
//! This file owns the table of Python-level handlers (one per signal number, kept on
//! the VM) and running them; the C-level handler, the per-signal tripped flags and
//! the `sigaction` calls are in `interp::breaker`, which also decides *when* handlers
//! run: between instructions, at the loop's next poll.
//!
//! As in CPython, the table holds a callable, `SIG_DFL` (0), `SIG_IGN` (1), or None
//! for a signal whose OS disposition Coil did not set (inherited as caught by some
//! other handler). `SIG_DFL`/`SIG_IGN` and the signal numbers are plain ints here:
//! CPython's `Handlers`/`Signals` enums need the `enum` module, which Coil does not
//! have yet. They compare, hash and print (`str`) the same; only their reprs differ
//! (`0` rather than `<Handlers.SIG_DFL: 0>`).
//!
//! A handler is called as `handler(signum, frame)`. Coil has no frame objects yet,
//! so `frame` is None.

use std::sync::atomic::{AtomicBool, Ordering};

use super::{add_functions, set};
use crate::interp::breaker::{self, Disposition, NSIG};
use crate::interp::Vm;
use crate::objects::{new_object, Builtin, NativeFn};
use crate::value::Value;
use crate::PyResult;

/// `signal.SIG_DFL` and `signal.SIG_IGN`, the values of C's `SIG_DFL`/`SIG_IGN`.
const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

/// The VM's Python-level signal state.
pub(crate) struct SignalState {
    /// Indexed by signal number (0 unused). Empty until first needed: it is filled
    /// from the OS dispositions then, so a VM that never touches signals never
    /// asks the OS.
    handlers: Vec<Value>,
    /// The one `signal.default_int_handler` object (NULL until first needed), so
    /// `getsignal(SIGINT) is signal.default_int_handler`.
    default_int_handler: Value,
}

impl SignalState {
    pub(crate) fn new() -> SignalState {
        SignalState {
            handlers: Vec::new(),
            default_int_handler: Value::NULL,
        }
    }
}

impl Vm {
    /// The handler table, read from the OS dispositions on first use.
    fn signal_handlers(&mut self) -> &mut Vec<Value> {
        if self.signals.handlers.is_empty() {
            let (dfl, ign) = (self.new_int(SIG_DFL), self.new_int(SIG_IGN));
            let mut handlers = vec![Value::NONE; NSIG];
            for (signum, slot) in handlers.iter_mut().enumerate().skip(1) {
                *slot = match breaker::disposition(signum as i32) {
                    Ok(Disposition::Default) => dfl.clone(),
                    Ok(Disposition::Ignore) => ign.clone(),
                    // Caught by some other handler: Python does not know it.
                    Ok(Disposition::Catch | Disposition::Other) | Err(_) => Value::NONE,
                };
            }
            self.signals.handlers = handlers;
        }
        &mut self.signals.handlers
    }

    fn default_int_handler_object(&mut self) -> Value {
        if self.signals.default_int_handler.is_null() {
            self.signals.default_int_handler = new_object(
                &self.types.builtin_function,
                Builtin {
                    name: "default_int_handler",
                    func: default_int_handler,
                    this: Value::NULL,
                    is_method: false,
                },
            );
        }
        self.signals.default_int_handler.clone()
    }

    /// What CPython does at startup for the main interpreter: SIGINT raises
    /// KeyboardInterrupt (`default_int_handler`) unless it was ignored when the
    /// process started (`nohup`, a shell's background job), and SIGXFSZ is ignored
    /// so writing past a file-size limit is an OSError rather than death. (SIGPIPE
    /// is already ignored by Rust's runtime, as CPython ignores it.) Called by
    /// `run_main`, not `Vm::new`: a VM embedded in a test or another program leaves
    /// the process's signals alone.
    pub fn install_signal_handlers(&mut self) {
        let sigint = libc::SIGINT as usize;
        let is_default = self.signal_handlers()[sigint].as_int() == Some(SIG_DFL);
        if is_default && breaker::set_disposition(libc::SIGINT, Disposition::Catch).is_ok() {
            let handler = self.default_int_handler_object();
            self.signal_handlers()[sigint] = handler;
        }
        let sigxfsz = libc::SIGXFSZ as usize;
        if breaker::set_disposition(libc::SIGXFSZ, Disposition::Ignore).is_ok() {
            let ign = self.new_int(SIG_IGN);
            self.signal_handlers()[sigxfsz] = ign;
        }
    }

    /// Runs the Python-level handler of every signal tripped since the last check,
    /// in signal-number order. A handler that raises stops the run; the signals not
    /// yet handled stay tripped and the breaker is set again, so they are handled
    /// at the next poll.
    pub(crate) fn run_signal_handlers(&mut self) -> PyResult<()> {
        for signum in 1..NSIG {
            if !breaker::take_tripped(signum) {
                continue;
            }
            let handler = self
                .signal_handlers()
                .get(signum)
                .cloned()
                .unwrap_or(Value::NONE);
            // SIG_DFL/SIG_IGN/None: the handler was replaced after the signal
            // arrived (the OS disposition changed with it); nothing to run.
            if !self.is_callable(&handler) {
                continue;
            }
            let args = [self.new_int(signum as i64), Value::NONE];
            if let Err(exc) = self.call(&handler, &args) {
                breaker::request(breaker::SIGNALS_PENDING);
                return Err(exc);
            }
        }
        Ok(())
    }
}

/// Set when the main module ended with an uncaught KeyboardInterrupt. Process-wide,
/// like the process's exit, which it decides.
static UNHANDLED_KEYBOARD_INTERRUPT: AtomicBool = AtomicBool::new(false);

/// Whether the main module ended with an uncaught KeyboardInterrupt. CPython then
/// exits by SIGINT with the default disposition, so a shell sees the program died of
/// Ctrl-C (status 130) and stops a script that ran it; the embedder does that.
pub fn unhandled_keyboard_interrupt() -> bool {
    UNHANDLED_KEYBOARD_INTERRUPT.load(Ordering::Relaxed)
}

/// Records an exception that ended the main module. Only KeyboardInterrupt itself
/// counts, not a subclass: CPython compares the type exactly (a subclass exits
/// with status 1, as other exceptions do).
pub(crate) fn note_uncaught(vm: &Vm, exc: &Value) {
    if vm.type_of(exc).is(&vm.types.keyboard_interrupt) {
        UNHANDLED_KEYBOARD_INTERRUPT.store(true, Ordering::Relaxed);
    }
}

/// A C `int` argument: TypeError for a non-int, OverflowError past 32 bits, with
/// CPython's messages.
fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let too_large = |vm: &mut Vm| vm.overflow_error("Python int too large to convert to C int");
    match crate::objects::int::int_ref(v) {
        Some(crate::objects::int::IntRef::Small(i)) => i32::try_from(i).map_err(|_| too_large(vm)),
        Some(crate::objects::int::IntRef::Big(_)) => Err(too_large(vm)),
        None => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            );
            Err(vm.type_error(&msg))
        }
    }
}

/// A signal number for `signal`/`getsignal`: a C int in `1..NSIG`.
fn signal_number(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let signum = c_int(vm, v)?;
    match usize::try_from(signum) {
        Ok(n) if (1..NSIG).contains(&n) => Ok(n),
        _ => Err(vm.value_error("signal number out of range")),
    }
}

/// The OSError for a failed system call, `OSError(errno, strerror)` as CPython's
/// `PyErr_SetFromErrno` makes it.
fn os_error(vm: &mut Vm, err: std::io::Error) -> Value {
    let errno = err.raw_os_error().unwrap_or(0);
    let text = err.to_string();
    // std's message is strerror plus " (os error N)"; Python's strerror is bare.
    let strerror = text
        .strip_suffix(&format!(" (os error {errno})"))
        .unwrap_or(&text)
        .to_owned();
    let args = vec![vm.new_int(i64::from(errno)), vm.new_str(&strerror)];
    let ty = vm.types.os_error.clone();
    vm.new_exception_args(&ty, args)
}

/// Binds the arguments of a function written in Python in CPython's `signal.py`
/// (`def signal(signalnum, handler)`), with the interpreter's messages for a call
/// that does not fit. `args` ends with one value per name in `kw`.
fn bind<const N: usize>(
    vm: &mut Vm,
    fname: &str,
    params: [&str; N],
    args: &[Value],
    kw: &[Value],
) -> PyResult<[Value; N]> {
    let npos = args.len().saturating_sub(kw.len());
    if npos > N {
        let plural = if N == 1 { "" } else { "s" };
        let msg = format!("{fname}() takes {N} positional argument{plural} but {npos} were given");
        return Err(vm.type_error(&msg));
    }
    let mut bound: [Value; N] = [Value::NULL; N];
    bound[..npos].clone_from_slice(&args[..npos]);
    for (name, value) in kw.iter().zip(&args[npos..]) {
        let name = name.as_str().unwrap_or("");
        let Some(i) = params.iter().position(|p| *p == name) else {
            let msg = format!("{fname}() got an unexpected keyword argument '{name}'");
            return Err(vm.type_error(&msg));
        };
        if !bound[i].is_null() {
            let msg = format!("{fname}() got multiple values for argument '{name}'");
            return Err(vm.type_error(&msg));
        }
        bound[i] = value.clone();
    }
    let missing: Vec<String> = params
        .iter()
        .zip(&bound)
        .filter(|(_, v)| v.is_null())
        .map(|(p, _)| format!("'{p}'"))
        .collect();
    if !missing.is_empty() {
        let plural = if missing.len() == 1 { "" } else { "s" };
        let list = match missing.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        let msg = format!(
            "{fname}() missing {} required positional argument{plural}: {list}",
            missing.len()
        );
        return Err(vm.type_error(&msg));
    }
    Ok(bound)
}

/// Checks a builtin's call shape: no keyword arguments, exactly `n` positional
/// (CPython's messages for `_signal`'s C functions).
fn positional(vm: &mut Vm, fname: &str, args: &[Value], kw: &[Value], n: usize) -> PyResult<()> {
    if !kw.is_empty() {
        let msg = format!("_signal.{fname}() takes no keyword arguments");
        return Err(vm.type_error(&msg));
    }
    if args.len() != n {
        let msg = match n {
            0 => format!(
                "_signal.{fname}() takes no arguments ({} given)",
                args.len()
            ),
            _ => format!(
                "_signal.{fname}() takes exactly one argument ({} given)",
                args.len()
            ),
        };
        return Err(vm.type_error(&msg));
    }
    Ok(())
}

/// `signal.py`'s `_enum_to_int`: `int(value)` when that works, else the value
/// itself (a function, say); errors other than ValueError/TypeError propagate.
fn enum_to_int(vm: &mut Vm, value: &Value) -> PyResult<Value> {
    if let Some(b) = value.as_bool() {
        return Ok(vm.new_int(i64::from(b)));
    }
    if crate::objects::int::int_ref(value).is_some() {
        return Ok(value.clone());
    }
    let int = vm.types.int.clone();
    match vm.call(&int, std::slice::from_ref(value)) {
        Ok(v) => Ok(v),
        Err(exc) => {
            let (value_error, type_error) =
                (vm.types.value_error.clone(), vm.types.type_error.clone());
            if vm.isinstance(&exc, &value_error) || vm.isinstance(&exc, &type_error) {
                Ok(value.clone())
            } else {
                Err(exc)
            }
        }
    }
}

/// `signal.signal(signalnum, handler)`: installs `handler` (a callable, `SIG_IGN`
/// or `SIG_DFL`) and returns the previous one.
fn signal(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let [signalnum, handler] = bind(vm, "signal", ["signalnum", "handler"], args, kw)?;
    let signalnum = enum_to_int(vm, &signalnum)?;
    let handler = enum_to_int(vm, &handler)?;
    let signum = signal_number(vm, &signalnum)?;
    let disposition =
        if vm.is_callable(&handler) {
            Disposition::Catch
        } else {
            match handler.as_int() {
                Some(SIG_IGN) => Disposition::Ignore,
                Some(SIG_DFL) => Disposition::Default,
                _ => return Err(vm.type_error(
                    "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
                )),
            }
        };
    // As CPython: signals that arrived under the old handler are handled by it.
    vm.check_signals()?;
    if let Err(err) = breaker::set_disposition(signum as i32, disposition) {
        return Err(os_error(vm, err));
    }
    let old = std::mem::replace(&mut vm.signal_handlers()[signum], handler);
    Ok(old)
}

/// `signal.getsignal(signalnum)`: the Python-level handler, `SIG_DFL`, `SIG_IGN`, or
/// None when a handler was not installed from Python.
fn getsignal(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let [signalnum] = bind(vm, "getsignal", ["signalnum"], args, kw)?;
    let signum = signal_number(vm, &signalnum)?;
    Ok(vm.signal_handlers()[signum].clone())
}

/// `signal.default_int_handler(signalnum, frame)`: raises KeyboardInterrupt.
fn default_int_handler(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.type_error("_signal.default_int_handler() takes no keyword arguments"));
    }
    if args.len() != 2 {
        let msg = format!(
            "default_int_handler expected 2 arguments, got {}",
            args.len()
        );
        return Err(vm.type_error(&msg));
    }
    let ty = vm.types.keyboard_interrupt.clone();
    Err(vm.new_exception_args(&ty, Vec::new()))
}

/// `signal.alarm(seconds)`: SIGALRM after `seconds` (0 cancels); returns the
/// seconds left on the previous alarm.
fn alarm(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    positional(vm, "alarm", args, kw, 1)?;
    let seconds = c_int(vm, &args[0])?;
    // A negative count wraps to a huge unsigned one, as C's implicit conversion
    // does in CPython.
    // SAFETY: alarm has no memory-safety preconditions.
    let left = unsafe { libc::alarm(seconds as libc::c_uint) };
    Ok(vm.new_int(i64::from(left)))
}

/// `signal.raise_signal(signalnum)`: sends the signal to the calling thread, then
/// runs its Python-level handler before returning, as CPython does.
fn raise_signal(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    positional(vm, "raise_signal", args, kw, 1)?;
    let signum = c_int(vm, &args[0])?;
    // SAFETY: raise has no memory-safety preconditions; a caught signal only runs
    // `breaker`'s async-signal-safe handler.
    if unsafe { libc::raise(signum) } != 0 {
        let err = std::io::Error::last_os_error();
        return Err(os_error(vm, err));
    }
    vm.check_signals()?;
    Ok(Value::NONE)
}

/// `signal.pause()`: sleeps until a signal arrives, then runs its handler.
fn pause(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    positional(vm, "pause", args, kw, 0)?;
    // Output printed before waiting is shown while waiting (as `time.sleep` does).
    vm.flush_stdout();
    // SAFETY: pause has no preconditions; it returns once a handler has run.
    unsafe { libc::pause() };
    vm.check_signals()?;
    Ok(Value::NONE)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("signal", signal),
    ("getsignal", getsignal),
    ("alarm", alarm),
    ("raise_signal", raise_signal),
    ("pause", pause),
];

/// The signal numbers CPython's `signal` module defines on Linux.
fn signal_numbers() -> Vec<(&'static str, i32)> {
    vec![
        ("SIGHUP", libc::SIGHUP),
        ("SIGINT", libc::SIGINT),
        ("SIGQUIT", libc::SIGQUIT),
        ("SIGILL", libc::SIGILL),
        ("SIGTRAP", libc::SIGTRAP),
        ("SIGABRT", libc::SIGABRT),
        ("SIGIOT", libc::SIGIOT),
        ("SIGBUS", libc::SIGBUS),
        ("SIGFPE", libc::SIGFPE),
        ("SIGKILL", libc::SIGKILL),
        ("SIGUSR1", libc::SIGUSR1),
        ("SIGSEGV", libc::SIGSEGV),
        ("SIGUSR2", libc::SIGUSR2),
        ("SIGPIPE", libc::SIGPIPE),
        ("SIGALRM", libc::SIGALRM),
        ("SIGTERM", libc::SIGTERM),
        ("SIGSTKFLT", libc::SIGSTKFLT),
        ("SIGCHLD", libc::SIGCHLD),
        // SIGCLD is System V's name for SIGCHLD.
        ("SIGCLD", libc::SIGCHLD),
        ("SIGCONT", libc::SIGCONT),
        ("SIGSTOP", libc::SIGSTOP),
        ("SIGTSTP", libc::SIGTSTP),
        ("SIGTTIN", libc::SIGTTIN),
        ("SIGTTOU", libc::SIGTTOU),
        ("SIGURG", libc::SIGURG),
        ("SIGXCPU", libc::SIGXCPU),
        ("SIGXFSZ", libc::SIGXFSZ),
        ("SIGVTALRM", libc::SIGVTALRM),
        ("SIGPROF", libc::SIGPROF),
        ("SIGWINCH", libc::SIGWINCH),
        ("SIGIO", libc::SIGIO),
        ("SIGPOLL", libc::SIGPOLL),
        ("SIGPWR", libc::SIGPWR),
        ("SIGSYS", libc::SIGSYS),
        ("SIGRTMIN", libc::SIGRTMIN()),
        ("SIGRTMAX", libc::SIGRTMAX()),
    ]
}

pub(super) fn build(vm: &mut Vm) -> Value {
    let m = vm.new_module("signal");
    add_functions(vm, &m, FUNCTIONS);
    let handler = vm.default_int_handler_object();
    set(vm, &m, "default_int_handler", handler);
    for (name, value) in [
        ("SIG_DFL", SIG_DFL),
        ("SIG_IGN", SIG_IGN),
        ("NSIG", NSIG as i64),
    ] {
        let value = vm.new_int(value);
        set(vm, &m, name, value);
    }
    for (name, number) in signal_numbers() {
        let number = vm.new_int(i64::from(number));
        set(vm, &m, name, number);
    }
    m
}
