# Generators with the collector (a paused generator in cyclic garbage runs its finally),
# throw/close from inside the loop iterating them, deep delegation against the recursion
# limit, and send() through delegation.
import gc, sys

def gen(n):
    try:
        for i in range(n):
            yield i
    finally:
        print("gen finally", n)

# generator in a cycle, collected while suspended
def cyc():
    g = gen(3)
    next(g)
    holder = [g]
    holder.append(holder)
    return None
cyc()
print("collected", gc.collect() > 0)

# throw into a generator being iterated by a for loop (from inside the loop body)
g = gen(5)
for x in g:
    print("x", x)
    if x == 1:
        try:
            g.throw(KeyError("k"))
        except KeyError as e:
            print("thrown out", e)
print("after")

# close a generator from inside its own for loop
g = gen(5)
for x in g:
    if x == 2:
        g.close()
        print("closed inside loop")
print("done close")

# a generator whose frame raises inside a nested for, caught by the outer frame
def outer():
    for a in gen(2):
        for b in (c for c in range(3)):
            if a == 1 and b == 2:
                raise IndexError("ab")
            yield a, b
try:
    print(list(outer()))
except IndexError as e:
    print("IndexError", e)

# recursion limit through delegation
sys.setrecursionlimit(200)
def deep(n):
    if n == 0:
        yield 0
    else:
        yield from deep(n - 1)
try:
    list(deep(500))
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(1000)

# generator expression consumed by sum/any inside a loop
print(sum(i * i for i in range(10)), any(i > 8 for i in range(10)))

# return value through yield from inside a for
def inner():
    yield 1
    return "ret"
def middle():
    r = yield from inner()
    yield r
print([v for v in middle()])

# send() through for-loop-resumed delegation
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total
def wrap():
    result = yield from acc()
    yield "result %s" % result
w = wrap()
print(next(w), w.send(5), w.send(6), w.send(None))

# a generator finalised by refcount while the loop is running
def loop():
    for i in range(3):
        g = gen(10)
        next(g)
        del g
loop()
print("end")
