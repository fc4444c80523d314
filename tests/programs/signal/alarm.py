# signal.alarm(1) with a handler that sets a flag; a busy loop polls the flag.
# The loop's backward jumps are where the interpreter notices the signal.
import signal
import time

done = False
received = []


def on_alarm(signum, frame):
    global done
    received.append(signum)
    done = True


print(signal.signal(signal.SIGALRM, on_alarm) == signal.SIG_DFL)
start = time.monotonic()
print("previous alarm", signal.alarm(1))
spins = 0
while not done:
    spins += 1
elapsed = time.monotonic() - start
print("received", received)
print("spun", spins > 0)
print("about a second", 0.5 < elapsed < 3.0)
print("alarm left", signal.alarm(0))
