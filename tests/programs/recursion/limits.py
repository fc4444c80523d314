import sys
print(sys.getrecursionlimit())
l = []
for i in range(200000): l = [l]
try: repr(l)
except RecursionError as e: print("repr:", e)
try: str(l)
except RecursionError as e: print("str:", e)
m = []
for i in range(200000): m = [m]
try: print(l == m)
except RecursionError as e: print("eq:", e)
d = {}
for i in range(200000): d = {1: d}
try: repr(d)
except RecursionError as e: print("dict repr:", e)
sys.setrecursionlimit(60000)
print(sys.getrecursionlimit())
def f(n): return 0 if n == 0 else 1 + f(n - 1)
print(f(50000))
sys.setrecursionlimit(1000)
try: f(5000)
except RecursionError as e: print("f:", e)
for bad in (0, -5):
    try: sys.setrecursionlimit(bad)
    except ValueError as e: print("ValueError:", e)
try: sys.setrecursionlimit("x")
except TypeError as e: print("TypeError:", e)


def g(n):
    if n == 0:
        try:
            sys.setrecursionlimit(10)
        except RecursionError as e:
            print("RecursionError:", e)
    else:
        g(n - 1)


g(50)


class Deep:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "D(%r)" % (Deep(self.n - 1) if self.n else None)


try:
    repr(Deep(5000))
except RecursionError as e:
    print("python-level repr:", e)
print(repr(Deep(3)))
