//! Ctrl-C: SIGINT sent to a running `coil` (as a terminal sends it) raises
//! KeyboardInterrupt at once in a busy loop and in `time.sleep`, unwinds through
//! `finally`, prints the traceback, and ends the process by SIGINT, as CPython does.
//!
//! Each case: start the built binary, wait for the script to say it is running,
//! let it spin ~300 ms, send SIGINT with `kill`, and require death by SIGINT within
//! a bound far above the real latency (about a millisecond) but far below "never",
//! which is what a loop that does not poll the eval breaker would give.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the process may take to die after SIGINT before the test fails.
const BOUND: Duration = Duration::from_millis(1000);

/// Runs `coil -c script`, interrupts it once its first line is out, and returns
/// (first line, the rest of stdout, stderr).
fn interrupt(script: &str) -> (String, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coil"));
    command
        .args(["-c", script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // A process started in the background by a non-interactive shell inherits
    // SIGINT ignored, and coil (like CPython) then leaves it ignored; give the child
    // the default disposition a terminal's foreground program has.
    // SAFETY: `signal` is async-signal-safe, so it may run between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = command.spawn().expect("the coil binary runs");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .expect("coil prints its first line");
    std::thread::sleep(Duration::from_millis(300));

    let pid = i32::try_from(child.id()).expect("a pid fits an i32");
    // SAFETY: kill has no memory-safety preconditions; `pid` is our own child,
    // not yet reaped, so it cannot name another process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "kill(SIGINT)");
    let sent = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for coil") {
            break status;
        }
        if sent.elapsed() > BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("coil still running {BOUND:?} after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let latency = sent.elapsed();

    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read stdout");
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).expect("read stderr");
    }
    assert_eq!(
        status.signal(),
        Some(libc::SIGINT),
        "coil should die by SIGINT after an uncaught KeyboardInterrupt, got {status:?}\nstderr:\n{stderr}"
    );
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n")
            && stderr.ends_with("\nKeyboardInterrupt\n"),
        "stderr should be a KeyboardInterrupt traceback (after {latency:?}):\n{stderr}"
    );
    (first, rest, stderr)
}

#[test]
fn ctrl_c_interrupts_a_busy_loop() {
    let (first, rest, _) = interrupt(
        "import signal\n\
         print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, flush=True)\n\
         try:\n    while True:\n        pass\n\
         finally:\n    print('finally ran')\n",
    );
    // At startup SIGINT gets default_int_handler, as in CPython.
    assert_eq!(first, "True\n");
    assert_eq!(rest, "finally ran\n");
}

#[test]
fn ctrl_c_interrupts_time_sleep() {
    let (first, rest, _) = interrupt(
        "import time\n\
         print('sleeping', flush=True)\n\
         time.sleep(30)\n\
         print('not reached')\n",
    );
    assert_eq!(first, "sleeping\n");
    assert_eq!(rest, "");
}
