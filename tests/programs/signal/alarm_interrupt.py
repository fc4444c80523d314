# SIGALRM handled by default_int_handler interrupts `while True: pass`: the
# uncaught KeyboardInterrupt's traceback points at the loop's backward jump, and
# the process then dies by SIGINT (status -1 here: no exit code).
import signal

signal.signal(signal.SIGALRM, signal.default_int_handler)
print("spinning")
signal.alarm(1)
while True:
    pass
