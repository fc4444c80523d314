# __import__ with dotted names and fromlist, as the import statement uses it.
m = __import__("_pkg._sub")
print(m.__name__)
m = __import__("_pkg._sub", fromlist=["SUB"])
print(m.__name__, m.SUB)
m = __import__("_pkg", fromlist=["_helper", "not_there"])
print(m.__name__, m._helper.h(), hasattr(m, "not_there"))
m = __import__("_pkg", globals(), locals(), ["_star"], 0)
print(m._star.shown)
m = __import__("_pkg._sub._sibling", None, None, ("S",))
print(m.__name__, m.S)
m = __import__(name="_pkg._mod", fromlist=["*"])
print(m.__name__)
import importlib_not_here_either as x
