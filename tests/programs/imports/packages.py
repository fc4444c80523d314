# Packages: dotted imports, the module attributes CPython sets, submodules as
# attributes of their parents, `import a.b as x` and `from a import submodule`.
import sys

import _pkg._sub._leaf

print(_pkg.__name__, _pkg.__package__, _pkg._sub.__name__, _pkg._sub.__package__)
print(_pkg._sub._leaf.__name__, _pkg._sub._leaf.__package__, _pkg._sub._leaf.LEAF)
print(type(_pkg.__path__).__name__, len(_pkg.__path__), _pkg.__path__[0].endswith("/imports/_pkg"))
print(_pkg._sub.__path__[0].endswith("/imports/_pkg/_sub"))
print(_pkg.__file__.endswith("/imports/_pkg/__init__.py"))
print(_pkg._sub._leaf.__file__.endswith("/imports/_pkg/_sub/_leaf.py"))
print(hasattr(_pkg._sub._leaf, "__path__"), hasattr(_pkg._mod, "__path__"))
r = repr(_pkg._sub)
print(r.startswith("<module '_pkg._sub' from '/"), r.endswith("/_pkg/_sub/__init__.py'>"))
print(_pkg._sub.SUB, _pkg._sub.m is _pkg._mod, _pkg._mod.X)
print(sorted(k for k in sys.modules if k.startswith("_pkg")))
print(sys.modules["_pkg._sub"] is _pkg._sub)
print(_pkg.__doc__, _pkg._helper.h())

import _pkg._sub as sub

print(sub is _pkg._sub)
import _pkg._sub._sibling as sib

print(sib.S, sib is _pkg._sub._sibling)
from _pkg import _star

print(_star.shown)
from _pkg._sub import _sibling, SUB

print(_sibling.S, SUB)
from _pkg._star import *

print(shown, _private_but_listed)
try:
    hidden
except NameError as e:
    print("NameError:", e)
import _pkg

print(_pkg is sys.modules["_pkg"])
