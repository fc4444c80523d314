# except*: matching parts of a group, a bare exception wrapped, re-raising,
# exceptions raised in handlers combined with the unmatched rest, and type errors.
import sys


def show(label, e):
    print(label, type(e).__name__, repr(e))


# Each clause gets its part; the rest goes on.
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3), KeyError(4)])
except* ValueError as e:
    show("value:", e)
    print("  exc_info is the match:", sys.exc_info()[1] is e)
except* (TypeError, KeyError) as e:
    show("type/key:", e)

# A bare exception is wrapped in ExceptionGroup('', (exc,)).
try:
    raise ValueError("bare")
except* ValueError as e:
    show("bare:", e)
    print("  ", repr(e.exceptions[0]), e.message == "")

# Unmatched parts propagate as a group with the original's message.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        print("handled the ValueError")
except ExceptionGroup as e:
    show("rest:", e)

# A bare exception no clause matches propagates unwrapped.
try:
    try:
        raise KeyError("k")
    except* ValueError:
        print("not reached")
except KeyError as e:
    show("unwrapped:", e)

# Re-raising a matched part keeps it in the original's shape.
try:
    try:
        raise ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [ValueError(2), TypeError(3)])])
    except* ValueError:
        raise
except ExceptionGroup as e:
    show("reraised:", e)

# New exceptions raised in handlers join the unmatched rest.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        raise
    except* TypeError:
        raise RuntimeError("new")
except ExceptionGroup as e:
    show("mixed:", e)
    print("  context of new:", repr(e.exceptions[0].__context__))

# Only a new exception and nothing left over: it propagates alone.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise OSError("replaced")
except OSError as e:
    show("only new:", e)

# A bare exception caught by except* then replaced: the new exception itself.
try:
    try:
        raise ValueError(1)
    except* ValueError:
        raise KeyError(2)
except KeyError as e:
    show("replaced bare:", e)
    print("  context:", repr(e.__context__))

# Re-raising a wrapped bare exception re-raises the wrapper.
try:
    try:
        raise ValueError(1)
    except* ValueError:
        raise
except ExceptionGroup as e:
    show("rewrapped:", e)

# raise ... from inside except*.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as v:
        raise RuntimeError("from") from v
except ExceptionGroup as e:
    show("from:", e)
    print("  cause:", repr(e.exceptions[0].__cause__))

# Several handlers raising.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        raise ZeroDivisionError("a")
    except* TypeError:
        raise OverflowError("b")
except ExceptionGroup as e:
    show("two new:", e)

# A handler that catches everything: nothing escapes, else/finally run.
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
except* Exception as e:
    show("all:", e)
finally:
    print("finally ran")

try:
    pass
except* ValueError:
    print("not reached")
else:
    print("else ran")

# BaseExceptionGroup with a BaseException member.
try:
    try:
        raise BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError(1)])
    except* ValueError as e:
        show("from base group:", e)
except BaseExceptionGroup as e:
    show("base rest:", e)

# except* inside a function, exceptions crossing frames.
def inner():
    raise ExceptionGroup("fn", [ValueError(1), TypeError(2)])

def outer():
    try:
        inner()
    except* TypeError as e:
        show("in outer:", e)

try:
    outer()
except* ValueError as e:
    show("outside:", e)

# Invalid except* types.
for bad in ("ExceptionGroup", "(ValueError, ExceptionGroup)", "BaseExceptionGroup", "int", "(ValueError, 1)"):
    try:
        try:
            raise ValueError(1)
        except* eval(bad):
            pass
    except TypeError as e:
        print(bad, "->", type(e).__name__, e)

# Split predicates on a user group.
class MyGroup(ExceptionGroup):
    pass

try:
    raise MyGroup("mine", [ValueError(1), TypeError(2)])
except* ValueError as e:
    show("subclass part:", e)
except* TypeError as e:
    show("subclass rest:", e)

print("done")
