# Relative imports inside packages, and their errors outside one.
import _pkg._sub._leaf

print(_pkg._sub._leaf.SUB)
try:
    import _pkg._sub._too_far
except ImportError as e:
    print(type(e).__name__, e)
print("_pkg._sub._too_far" in __import__("sys").modules)
try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)
try:
    from .x import y
except ImportError as e:
    print(type(e).__name__, e)
print(__name__, globals().get("__package__"))

g = {"__name__": "_pkg._sub._leaf", "__package__": "_pkg._sub"}
m = __import__("_sibling", g, None, ["S"], 1)
print(m.__name__)
m = __import__("", g, None, ["_sibling"], 2)
print(m.__name__)
m = __import__("_sub._sibling", {"__name__": "_pkg._mod"}, None, None, 1)
print(m.__name__)
m = __import__("", {"__name__": "_pkg", "__path__": []}, None, ["_helper"], 1)
print(m.__name__)
try:
    __import__("x", {"__name__": "_pkg._mod"}, None, ["y"], 3)
except ImportError as e:
    print(type(e).__name__, e)
try:
    __import__("x", {"__name__": "toplevel"}, None, ["y"], 1)
except ImportError as e:
    print(type(e).__name__, e)
