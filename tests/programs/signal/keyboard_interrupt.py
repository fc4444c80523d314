# KeyboardInterrupt from default_int_handler unwinds like any exception: through
# finally blocks and past except clauses for Exception, to except KeyboardInterrupt.
import signal

# Whatever SIGINT's inherited disposition, raise KeyboardInterrupt as CPython
# does by default.
signal.signal(signal.SIGINT, signal.default_int_handler)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(issubclass(KeyboardInterrupt, BaseException))
print(issubclass(KeyboardInterrupt, Exception))
print(KeyboardInterrupt.__mro__)

try:
    signal.raise_signal(signal.SIGINT)
    print("not reached")
except KeyboardInterrupt as e:
    print("caught", repr(e), e.args)


def inner(n):
    try:
        for i in range(n):
            if i == 3:
                signal.raise_signal(signal.SIGINT)
            print("inner", i)
    finally:
        print("inner finally")


def outer():
    try:
        inner(10)
    except Exception as e:
        print("not an Exception", e)
    finally:
        print("outer finally")


try:
    outer()
except KeyboardInterrupt:
    print("caught at top")

# Direct calls raise it too.
try:
    signal.default_int_handler(signal.SIGINT, None)
except KeyboardInterrupt as e:
    print("direct", repr(e))

# A handler that is not default_int_handler sees SIGINT instead.
got = []
previous = signal.signal(signal.SIGINT, lambda signum, frame: got.append(signum))
print(previous is signal.default_int_handler)
signal.raise_signal(signal.SIGINT)
print("custom handler got", got)

# SIG_IGN for SIGINT: nothing happens.
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.raise_signal(signal.SIGINT)
print("ignored")

# Raised explicitly and caught, it does not end the program.
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    raise KeyboardInterrupt("by hand")
except BaseException as e:
    print(type(e).__name__, e)
print("done")
