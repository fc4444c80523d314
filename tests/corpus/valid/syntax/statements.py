# Simple statements.
x = 1
a = b = c = 2
a, b = b, a
[a, *b] = c
(a, b), c = d
x += 1; x -= 1; x *= 2; x /= 2; x //= 2; x %= 3; x **= 2
x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1; x @= m
y: int
y: int = 5
(z): str = "s"
obj.attr: int = 3
arr[0]: float
del x, a[0], obj.attr
del (a, b), [c]
pass
assert x, "message"
assert y
import os
import os.path as p, sys
from . import a
from .. import b as c
from ...pkg.mod import (d, e as f,)
from m import *
global g1, g2
print(x, y, sep="", *rest, **kw)
raise
raise E
raise E from cause
