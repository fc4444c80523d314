# sys.path: a list starting with the script's directory, searched in order, so
# inserting a directory makes its modules and packages importable.
import sys

print(type(sys.path).__name__, sys.path[0].endswith("/tests/programs/imports"))
print(sys.path[0] == __file__.rsplit("/", 1)[0])
try:
    import _plugin
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
sys.path.insert(0, sys.path[0] + "/_paths")
import _plugin

print(_plugin.NAME, _plugin.__file__.endswith("/_paths/_plugin.py"))
import _plug._part

print(_plug._part.PART, _plug.__path__[0].endswith("/_paths/_plug"))
from _plug import _part

print(_part is _plug._part)
print(sys.modules is sys.modules, "sys" in sys.modules, "_plugin" in sys.modules)
del sys.modules["_plugin"]
import _plugin as again

print(again is not _plugin, again.NAME)
saved = sys.path[:]
sys.path.clear()
try:
    import _greet
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
sys.path.extend(saved)
import _greet

print(_greet.GREETING)
