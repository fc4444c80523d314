# ImportError and ModuleNotFoundError: the name and path attributes.
try:
    import _no_such_module
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e.msg, e.args)

try:
    import _pkg._no_such_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e.name, e.path, e)

try:
    import _greet._inner
except ModuleNotFoundError as e:
    print(type(e).__name__, e.name, e.path, e)

try:
    from _greet import missing_name
except ImportError as e:
    print(type(e).__name__, e.name, e.path.endswith("_greet.py"))
    print(str(e).startswith("cannot import name 'missing_name' from '_greet' ("))

try:
    from _pkg import _nothing_here
except ImportError as e:
    print(type(e).__name__, e.name, e.path.endswith("__init__.py"))

import sys

sys.modules["_blocked_mod"] = None
try:
    import _blocked_mod
except ModuleNotFoundError as e:
    print(e.name, e.path, e)

try:
    __import__("x", globals={"__name__": "top"}, level=1)
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e)

# Constructing them.
e = ImportError("a", "b", name="n", path="p")
print(e.args, e.name, e.path, e.msg, str(e), repr(e))
e = ImportError()
print(e.args, e.name, e.path, e.msg, repr(e), repr(str(e)))
e = ImportError("only", name="mod")
print(e.args, e.name, e.path, e.msg, str(e))
e = ModuleNotFoundError("m", name="q")
print(e.name, e.path, e.msg, isinstance(e, ImportError))
e.name = "z"
e.msg = "changed"
print(e.name, e.msg, e.args, str(e))
for cls in (ImportError, ModuleNotFoundError):
    try:
        cls("x", foo=1)
    except TypeError as t:
        print(t)
try:
    ImportError("x", name="n", bad=2)
except TypeError as t:
    print(t)
try:
    ValueError("x", name=1)
except TypeError as t:
    print(t)


class MyImportError(ImportError):
    pass


e = MyImportError("a", name="b")
print(e.name, e.path, e.msg, e.args)


class WithInit(ImportError):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = kwargs


e = WithInit("a", path="pp")
print(e.name, e.path, e.msg, e.args, e.extra)
try:
    raise ImportError("raised", name="r", path="/x")
except ImportError as caught:
    print(caught.name, caught.path, caught)
