# An uncaught exception group: the nested box traceback, two levels deep, with a
# `raise ... from` chain inside, notes, and the parts except* left after a handler
# raised a new exception.
def leaf(n):
    raise ValueError(n)


def middle():
    errors = []
    for n in (1, 2):
        try:
            leaf(n)
        except ValueError as e:
            errors.append(e)
    try:
        raise KeyError("cause")
    except KeyError as k:
        raise ExceptionGroup("middle", errors + [TypeError("t")]) from k


def top():
    try:
        middle()
    except ExceptionGroup as eg:
        inner = eg
    inner.add_note("a note on the inner group")
    try:
        raise ExceptionGroup("top", [inner, RuntimeError("r"), OSError("o")])
    except* RuntimeError:
        raise LookupError("raised in a handler")


print("before")
top()
