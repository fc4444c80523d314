# Subscript, unpacking, iteration and call specializations against type changes.


def first(c):
    return c[0]


def put(c, k, v):
    c[k] = v


for i in range(100):
    first([i])
print(first((7,)), first({0: "zero"}), first("str"), first(range(3, 5)))
try:
    first([])
except IndexError as e:
    print("IndexError:", e)
try:
    first({})
except KeyError as e:
    print("KeyError:", e)


class L(list):
    def __getitem__(self, i):
        return "sub"


print(first(L([1])))
print(first([1, 2, 3][-1:]), [5, 6][-1])
lst = [0] * 10
for i in range(100):
    put(lst, i % 10, i)
print(lst)
d = {}
for i in range(100):
    put(d, i % 7, i)
print(sorted(d.items()))
put(lst, -1, "last")
print(lst[-1])
try:
    put(lst, 10, 0)
except IndexError as e:
    print("IndexError:", e)


def swap(pair):
    a, b = pair
    return b, a


for i in range(100):
    swap((i, i + 1))
print(swap([1, 2]), swap("xy"), swap((3, 4)))
try:
    swap((1, 2, 3))
except ValueError as e:
    print("ValueError:", e)


def triple(t):
    a, b, c = t
    return a + b + c


for i in range(100):
    triple((i, i, i))
print(triple([1, 2, 3]), triple("abc"))


def walk(it):
    n = 0
    for x in it:
        n += 1
    return n


for _ in range(60):
    walk(range(3))
print(walk(range(10)), walk([1, 2]), walk("abc"), walk({1: 2}), walk(range(10, 0, -3)))
grow = [1, 2, 3]
seen = 0
for x in grow:
    seen += 1
    if len(grow) < 200:
        grow.append(x)
print("grown", seen, len(grow))


def add3(a, b, c):
    return a + b + c


def call_it(f, *args):
    return f(*args)


for i in range(100):
    add3(i, i, i)
print(add3(1, 2, 3), add3(1, 2, c=3))
f = add3
for i in range(100):
    f(1, 2, 3)


def add3(a, b, c=10):
    return a * b * c


print(f(1, 2, 3), add3(1, 2))


class C:
    def m(self, a):
        return a + 1


c = C()
for i in range(100):
    c.m(i)
print(c.m(1))
print(sum(len(s) for s in ["a", "bb", "ccc"] * 50))
print(sum(isinstance(x, int) for x in [1, "a", 2.0, True] * 30))
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
print(isinstance(3, (str, int)), len([1, 2]))
