# Import errors with packages, worded as CPython words them.
import sys

try:
    import _pkg.zz
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    import _pkg._mod.inner
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from _pkg._sub import q
except ImportError as e:
    msg = str(e)
    print(type(e).__name__, msg.split(" (")[0], msg.endswith("/_pkg/_sub/__init__.py)"))
try:
    from _pkg._helper import nothing
except ImportError as e:
    msg = str(e)
    print(type(e).__name__, msg.split(" (")[0], msg.endswith("/_pkg/_helper.py)"))
try:
    from sys import nothing
except ImportError as e:
    print(type(e).__name__, e)
try:
    import _pkg._fail
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print("_pkg._fail" in sys.modules, hasattr(sys.modules["_pkg"], "_fail"))
try:
    from _pkg import _fail
except ZeroDivisionError as e:
    print("again", type(e).__name__, e)
try:
    import _pkg._circ_a
except ImportError as e:
    msg = str(e)
    print(type(e).__name__, msg.split(" (")[0])
    print(msg.split(") (")[0].split(" (")[1], msg.endswith("/_pkg/_circ_a.py)"))
try:
    __import__("")
except ValueError as e:
    print(type(e).__name__, e)
try:
    __import__("_pkg", fromlist=[1])
except TypeError as e:
    print(type(e).__name__, e)
sys.modules["_blocked"] = None
try:
    import _blocked
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
