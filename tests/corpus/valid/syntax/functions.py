# Functions, classes, decorators, async, generators.
def f():
    return

def g(a, b=1, /, c=2, *args, d, e=3, **kwargs) -> int:
    """Docstring."""
    return a + b

def h(*, key): ...

def annotated(x: int, *args: str, y: "fwd" = None, **kw: dict) -> None:
    pass

@decorator
@module.decorator(arg)
def decorated():
    pass

class Empty:
    pass

class Child(Base, metaclass=Meta, **extra):
    attr = 1

    def method(self):
        nonlocal_target = 1
        def inner():
            nonlocal nonlocal_target
            nonlocal_target += 1
        return inner

@dataclass
class Point:
    x: int
    y: int = 0

async def coroutine():
    await something()
    async for item in stream:
        yield item
    async with lock as held:
        pass
    return [x async for x in aiter()]

def generator():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield from other()
    return (yield)
