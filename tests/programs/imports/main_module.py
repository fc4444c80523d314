"""The __main__ module of a script and the module attributes of imports."""
import sys

counter = 41
m = sys.modules["__main__"]
print(type(m).__name__, m.__name__)
print(m.__spec__, m.__package__, m.__doc__)
print(m.__cached__, m.__file__.endswith("main_module.py"))
print(type(m.__loader__).__name__, m.__loader__.name, m.__loader__.path == __file__)
print("__main__" in sys.modules, "__main__" in list(sys.modules))

import __main__

print(__main__ is m, __main__.counter)
counter += 1
print(__main__.counter)
__main__.added = "set through the module"
print(added)
import __main__ as again

print(again is m)


def f():
    return "f"


print(__main__.f is f, __main__.f())

# Modules imported from source files.
import _greet
import _pkg
import _pkg._mod

for mod in (_greet, _pkg, _pkg._mod):
    spec = mod.__spec__
    print(mod.__name__, spec.name, spec.parent, repr(mod.__package__))
    print(" ", spec.origin == mod.__file__, spec.loader is mod.__loader__)
    print(" ", type(spec).__name__, type(spec).__module__)
    print(" ", type(mod.__loader__).__name__, mod.__loader__.name)
    print(" ", mod.__loader__.path == mod.__file__, spec.has_location, spec.loader_state)
    print(" ", isinstance(mod.__cached__, str), mod.__cached__ == spec.cached)
    print(" ", "__pycache__" in mod.__cached__, mod.__cached__.endswith(".pyc"))
    locations = spec.submodule_search_locations
    print(" ", locations is None or locations is mod.__path__)
print(_pkg.__spec__.submodule_search_locations[0].endswith("_pkg"))
print(type(_greet.__spec__) is type(_pkg.__spec__))
print(sys.modules["_greet"].__spec__.name)
