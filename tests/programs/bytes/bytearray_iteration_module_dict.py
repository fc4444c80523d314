# Live iteration over a bytearray, and a module's __dict__ (vars(module)).
import sys
ba = bytearray(b"abc")
it = iter(ba)
print(type(it).__name__, next(it))
ba[1] = 120
ba.append(100)
print(list(it))
out = []
for b in bytearray(b"xy"):
    out.append(b)
print(out)
import math
print(type(vars(math)).__name__, vars(math)["pi"], math.__dict__ is vars(math))
mod = sys.modules[__name__]
print(mod.__dict__ is globals(), vars(sys)["maxsize"] == sys.maxsize)
