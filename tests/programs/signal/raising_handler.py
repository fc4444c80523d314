# A handler that raises: the exception comes out of the instruction where the
# handler ran, and try/except around the loop catches it.
import signal


class Stop(Exception):
    pass


calls = 0


def stop(signum, frame):
    global calls
    calls += 1
    raise Stop("signal %d" % signum)


signal.signal(signal.SIGUSR1, stop)

total = 0
try:
    i = 0
    while True:
        total += i
        if i == 7:
            signal.raise_signal(signal.SIGUSR1)
        i += 1
except Stop as e:
    print("stopped at", i, "total", total, "by", e)


def work():
    items = []
    try:
        for n in range(100):
            items.append(n)
            if len(items) == 4:
                signal.raise_signal(signal.SIGUSR1)
    finally:
        print("finally sees", items)
    return items


try:
    work()
except Stop as e:
    print("caught", repr(e))

# The exception chains onto the one being handled, as any raise does.
try:
    try:
        raise ValueError("first")
    except ValueError:
        signal.raise_signal(signal.SIGUSR1)
except Stop as e:
    print(repr(e), "context:", repr(e.__context__))

# After the handler raised, later signals still reach it.
for attempt in range(3):
    try:
        signal.raise_signal(signal.SIGUSR1)
    except Stop:
        print("attempt", attempt, "stopped")
print("calls", calls)

# A handler may replace itself.
def once(signum, frame):
    print("once", signum)
    signal.signal(signum, signal.SIG_IGN)


signal.signal(signal.SIGUSR2, once)
signal.raise_signal(signal.SIGUSR2)
signal.raise_signal(signal.SIGUSR2)
print(signal.getsignal(signal.SIGUSR2) == signal.SIG_IGN)
