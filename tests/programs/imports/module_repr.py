# A module loaded from a file shows where it came from; a native one is built-in.
import _greet
import sys
r = repr(_greet)
print(r.startswith("<module '_greet' from '/"), r.endswith("/_greet.py'>"))
print(sys)
