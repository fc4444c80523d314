# signal.signal / getsignal return values, handlers run by raise_signal, errors.
# The initial SIGINT/SIGUSR1 dispositions are inherited (a background job starts
# with SIGINT ignored), so the program sets what it relies on first.
import signal

signal.signal(signal.SIGUSR1, signal.SIG_DFL)
signal.signal(signal.SIGUSR2, signal.SIG_DFL)

# SIG_DFL/SIG_IGN and signal numbers print as ints (their str is int's).
print(signal.SIG_DFL, signal.SIG_IGN, signal.SIGINT, signal.SIGUSR1, signal.SIGALRM)
print(signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGCHLD, signal.NSIG)
print(signal.SIG_DFL == 0, signal.SIG_IGN == 1, signal.SIGUSR2 == 12)
print(signal.default_int_handler)
print(signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL)
# CPython (and Rust's runtime) ignore SIGPIPE; CPython ignores SIGXFSZ.
print(signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN)
print(signal.getsignal(signal.SIGXFSZ) == signal.SIG_IGN)

seen = []


def handler(signum, frame):
    seen.append(signum)
    print("handler got", signum, type(signum).__name__)


old = signal.signal(signal.SIGUSR1, handler)
print("previous is SIG_DFL:", old == signal.SIG_DFL)
print("installed:", signal.getsignal(signal.SIGUSR1) is handler)
print("raise_signal returns", signal.raise_signal(signal.SIGUSR1))
print("seen", seen)
signal.raise_signal(signal.SIGUSR1)
print("seen", seen)

# The handler runs before raise_signal returns: here, in the middle of a loop.
for i in range(3):
    signal.raise_signal(signal.SIGUSR1)
    print("after raise", i, len(seen))

# Replacing a handler returns the old one; SIG_IGN ignores the signal.
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print("ignored, seen", seen)
print(signal.getsignal(signal.SIGUSR1) == signal.SIG_IGN)
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL) == signal.SIG_IGN)

# Keyword arguments (signal.signal and getsignal are Python functions in CPython).
print(signal.signal(handler=handler, signalnum=signal.SIGUSR2) == signal.SIG_DFL)
print(signal.getsignal(signalnum=signal.SIGUSR2) is handler)
signal.raise_signal(signal.SIGUSR2)
print(signal.signal(signal.SIGUSR2, signal.SIG_DFL) is handler)

# Any callable is a handler: a lambda, a bound method, a class instance.
class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, signum, frame):
        self.n += signum

    def method(self, signum, frame):
        self.n += 100


counter = Counter()
signal.signal(signal.SIGUSR2, counter)
signal.raise_signal(signal.SIGUSR2)
signal.signal(signal.SIGUSR2, counter.method)
signal.raise_signal(signal.SIGUSR2)
signal.signal(signal.SIGUSR2, lambda signum, frame: print("lambda", signum))
signal.raise_signal(signal.SIGUSR2)
print("counter", counter.n)
signal.signal(signal.SIGUSR2, signal.SIG_DFL)

# signal() converts its arguments with int() when it can, as signal.py does.
print(signal.signal(float(signal.SIGUSR2), 1) == signal.SIG_DFL)
print(signal.signal(str(signal.SIGUSR2), True) == signal.SIG_IGN)
print(signal.signal(signal.SIGUSR2, 0.0) == signal.SIG_IGN)
print(signal.getsignal(signal.SIGUSR2) == signal.SIG_DFL)

# Errors, with CPython's messages.
def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e.args)


attempt(signal.signal, 999, signal.SIG_DFL)
attempt(signal.signal, 0, signal.SIG_DFL)
attempt(signal.signal, -1, handler)
attempt(signal.signal, signal.SIGUSR1, 5)
attempt(signal.signal, signal.SIGUSR1, "handler")
attempt(signal.signal, signal.SIGUSR1, None)
attempt(signal.signal, signal.SIGKILL, signal.SIG_IGN)
attempt(signal.signal, signal.SIGSTOP, handler)
attempt(signal.signal, "x", signal.SIG_DFL)
attempt(signal.signal, 2**70, signal.SIG_DFL)
attempt(signal.signal)
attempt(signal.signal, 1)
attempt(signal.signal, 1, 2, 3)
attempt(signal.signal, 1, handler=0, extra=3)
attempt(signal.signal, 1, signalnum=2)
attempt(signal.getsignal, 999)
attempt(signal.getsignal, 0)
attempt(signal.getsignal, 1.5)
attempt(signal.getsignal, "x")
attempt(signal.getsignal, -2**40)
attempt(signal.getsignal)
attempt(signal.getsignal, 1, 2)
attempt(signal.raise_signal, 999)
attempt(signal.raise_signal, 1.5)
attempt(signal.raise_signal)
attempt(signal.raise_signal, signalnum=1)
attempt(signal.raise_signal, 0)
attempt(signal.alarm, 1.5)
attempt(signal.alarm, "1")
attempt(signal.alarm, 2**40)
attempt(signal.alarm)
attempt(signal.alarm, seconds=1)
attempt(signal.pause, 1)
attempt(signal.default_int_handler)
attempt(signal.default_int_handler, 1, 2, 3)
attempt(signal.default_int_handler, 1, x=2)

# alarm returns the seconds left on the previous alarm; 0 cancels.
print(signal.alarm(0))
print(signal.alarm(100))
print(signal.alarm(0))
print(signal.alarm(0))
