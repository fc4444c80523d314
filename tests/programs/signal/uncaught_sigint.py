# An uncaught KeyboardInterrupt prints its traceback and then ends the process by
# SIGINT with the default disposition (status -1 here, 130 in a shell).
import signal

signal.signal(signal.SIGINT, signal.default_int_handler)


def interrupt():
    signal.raise_signal(signal.SIGINT)


print("before")
try:
    interrupt()
finally:
    print("finally runs")
print("not reached")
