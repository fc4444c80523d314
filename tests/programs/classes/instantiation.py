# Instantiation (the loop runs a Python __init__ as its own frame): every parameter
# kind, errors raised inside __init__, __init__ returning a value, __new__, a generator
# __init__, recursion through constructors, and subclasses.
class P:
    def __init__(self, a, b=2, *rest, key=None, **kw):
        self.a, self.b, self.rest, self.key, self.kw = a, b, rest, key, kw

p = P(1)
print(p.a, p.b, p.rest, p.key, p.kw)
p = P(1, 3, 4, 5, key="k", extra=9)
print(p.a, p.b, p.rest, p.key, p.kw)

class Child(P):
    def __init__(self, x):
        super().__init__(x, x * 2)
        self.x = x

c = Child(5)
print(c.a, c.b, c.x, type(c).__name__, isinstance(c, P))

class Bad:
    def __init__(self):
        return 42

try:
    Bad()
except TypeError as e:
    print("TypeError:", e)

class Raises:
    def __init__(self, n):
        if n > 2:
            raise ValueError("too big: %d" % n)
        self.n = n

print(Raises(1).n)
try:
    Raises(3)
except ValueError as e:
    print("ValueError:", e)

class WithNew:
    def __new__(cls, v):
        inst = super().__new__(cls)
        inst.from_new = v
        return inst
    def __init__(self, v):
        self.from_init = v * 10

w = WithNew(4)
print(w.from_new, w.from_init)

class GenInit:
    def __init__(self):
        yield 1

try:
    GenInit()
except TypeError as e:
    print("TypeError:", e)

class Node:
    def __init__(self, depth):
        self.kids = [Node(depth - 1), Node(depth - 1)] if depth else []

def count(n):
    return 1 + sum(count(k) for k in n.kids)

print(count(Node(6)))

class Counted:
    made = 0
    def __init__(self):
        Counted.made += 1

objs = [Counted() for _ in range(1000)]
print(Counted.made, len(objs))

class NoInit:
    pass

try:
    NoInit(1)
except TypeError as e:
    print("TypeError:", e)

class InitTakesNothing:
    def __init__(self):
        pass

try:
    InitTakesNothing(1, 2)
except TypeError as e:
    print("TypeError:", e)

def make():
    return Raises(10)

make()
