# `yield from` delegation: values, sent values and return values pass through, and a
# long chain of delegating generators does not exhaust the native stack.
import sys


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done %d" % n


def deleg(n):
    r = yield from count(n)
    print("inner returned", r)
    yield "last"


print(list(deleg(3)))


def chain(depth):
    if depth == 0:
        yield "leaf"
        return "bottom"
    r = yield from chain(depth - 1)
    return r


sys.setrecursionlimit(20000)
print(list(chain(5000)))


def relay():
    got = yield from accumulate()
    yield "total %d" % got


def accumulate():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


r = relay()
print(next(r), r.send(1), r.send(2), r.send(3), r.send(None))


def mixed():
    yield from [1, 2]
    yield from (i * 10 for i in range(3))
    yield from "ab"


print(list(mixed()))
