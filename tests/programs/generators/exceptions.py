# Exceptions leaving generators, PEP 479, `sys.exc_info()` inside generators, closing
# a generator left by `break`, and re-entering a running generator.
import sys


def bad():
    yield 1
    raise ValueError("boom")


try:
    for x in bad():
        print("got", x)
except ValueError as e:
    print("caught", e)


def deleg_bad():
    yield from bad()


try:
    print(list(deleg_bad()))
except ValueError as e:
    print("caught through yield from", e)


def stopper():
    yield 1
    raise StopIteration("x")


try:
    for x in stopper():
        print("s", x)
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__, e.__suppress_context__)


def exc_gen():
    try:
        raise KeyError("k")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


try:
    raise IndexError
except IndexError:
    for name in exc_gen():
        print("in gen", name, "outside", sys.exc_info()[0].__name__)
print("after", sys.exc_info())


def selfref():
    yield next(g)


g = selfref()
try:
    for _ in g:
        pass
except ValueError as e:
    print("ValueError", e)


def fin():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")


for x in fin():
    print("x", x)
    break
print("after break")


def catcher():
    while True:
        try:
            yield
        except ZeroDivisionError:
            print("caught inside the generator")
            yield "recovered"


c = catcher()
next(c)
print(c.throw(ZeroDivisionError))
for i, v in enumerate(c):
    print("then", v)
    if i == 1:
        break
