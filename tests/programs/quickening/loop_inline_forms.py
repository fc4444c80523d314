# The forms the dispatch loop runs itself on its local stack top, each warmed up
# past specialization, then driven off its common case.

class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


# Int arithmetic whose result leaves the inline range (2**47) mid-loop, then
# comes back; a product past i64.
x = 1
for i in range(60):
    x = x + x
    if i % 20 == 19:
        print(i, x, x - x * 2, x * 3)
y = 2**40
for i in range(100):
    y = y * 3 - y * 2
print(y, (2**62) * 4, -(2**47) - 1)

# Float arithmetic and compare-jumps with NaN and infinities.
nan = float("nan")
inf = float("inf")
hits = 0
for i in range(100):
    f = i * 0.5
    if f < nan or f > nan or f == nan:
        hits += 100
    if f != nan:
        hits += 1
    if f - inf < 0.0:
        hits += 1
print(hits, inf - inf, 1e308 * 10.0)

# Compare-jumps with mixed int/float operands after specializing on ints.
n = 0
for v in list(range(80)) + [1.5, 2.5, True, 2**50]:
    if v < 40:
        n += 1
print(n)

# List stores that replace objects with finalizers; items of temporary lists
# and tuples; a negative index.
items = [D(i) for i in range(3)]
for i in range(3):
    items[i] = i
    print("stored", i)
def pair():
    return (D(10), 20)
print(pair()[1])
print([D(11), 5][-1])

# FOR_ITER over a list whose items die with it, and over ranges past the inline
# range, with a negative step.
for v in [D(12), D(13)]:
    print("item", v.n)
print("loop done")
print(sum(range(2**47 - 3, 2**47 + 3)), list(range(2**48, 2**48 - 6, -2)))

# LOAD_GLOBAL after a global is rebound and deleted, and a builtin shadowed.
g = 1
def read():
    return g, len("ab")
for i in range(60):
    read()
g = 2
print(read())
len = lambda s: 99
print(read())
del len
print(read())
del g
try:
    read()
except NameError as e:
    print(e)

# Conditional jumps on non-bool values (truth tests that call Python code).
class T:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("bool", self.v)
        return self.v

for v in [T(True), T(False), [], [0], None, 0.0, "x"]:
    if v:
        print("yes")
    else:
        print("no")
class Bad:
    def __bool__(self):
        raise ValueError("no truth")
try:
    while Bad():
        pass
except ValueError as e:
    print(e)
