# Function attributes: __dict__, docstrings, and what decorators store on functions.
class A:
    """Doc of A."""

    def m(self):
        "Doc of m."

    def n(self):
        return 1


class B:
    pass


def f():
    """f doc"""
    return 1


print(A.__doc__, B.__doc__, A().__doc__, A.m.__doc__, A.n.__doc__, f.__doc__, (lambda: 0).__doc__)
f.__doc__ = "changed"
print(f.__doc__)


def counted(func):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)

    wrapper.calls = 0
    wrapper.__wrapped__ = func
    wrapper.__name__ = func.__name__
    wrapper.__qualname__ = func.__qualname__
    wrapper.__doc__ = func.__doc__
    return wrapper


@counted
def add(a, b):
    """Adds."""
    return a + b


print(add(1, 2), add(3, 4), add.calls, add.__name__, add.__doc__, add.__wrapped__(5, 6))
print(repr(add).startswith("<function add at "), sorted(add.__dict__))


def plain():
    pass


print(plain.__dict__, hasattr(plain, "tag"))
plain.tag = "x"
print(plain.tag, plain.__dict__)
del plain.tag
print(hasattr(plain, "tag"))
try:
    del plain.tag
except AttributeError as e:
    print("AttributeError:", e)
try:
    plain.__name__ = 3
except TypeError as e:
    print("TypeError:", e)
plain.__dict__ = {"k": 1}
print(plain.k)


def kw(a, *, b=2, c=3):
    return a + b + c


print(kw.__kwdefaults__, kw.__defaults__, plain.__kwdefaults__, plain.__closure__)


def outer():
    x = 1

    def inner():
        return x

    return inner


print(type(outer().__closure__).__name__, len(outer().__closure__), outer().__globals__ is globals())
