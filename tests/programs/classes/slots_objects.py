# __slots__ instances with the collector, weak references, finalizers and __getattr__.
import gc
import weakref


class Node:
    __slots__ = ('value', 'next')

    def __init__(self, value):
        self.value = value
        self.next = None


# A cycle through member slots is collected.
gc.collect()
a = Node(1)
b = Node(2)
a.next = b
b.next = a
del a, b
print("cycle collected:", gc.collect() >= 2)

# No '__weakref__' slot: no weak references.
try:
    weakref.ref(Node(0))
except TypeError as e:
    print("TypeError:", e)


class Weak:
    __slots__ = ('v', '__weakref__')


w = Weak()
r = weakref.ref(w)
print(r() is w)
del w
print(r())


# Finalizers see their members; a cycle of finalizable slotted objects.
class Fin:
    __slots__ = ('name', 'other')

    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


f = Fin("solo")
del f
x = Fin("x")
y = Fin("y")
x.other = y
y.other = x
del x, y
gc.collect()


# __getattr__ answers for an unset member.
class Lazy:
    __slots__ = ('data',)

    def __getattr__(self, name):
        return "computed " + name


z = Lazy()
print(z.data)
z.data = "set"
print(z.data)
print(z.anything)


# A slotted subclass of a class with a dict keeps the dict.
class Base:
    pass


class Mixed(Base):
    __slots__ = ('s',)


m = Mixed()
m.s = 1
m.free = 2
print(m.s, m.free, m.__dict__)


# Member descriptors applied to the wrong object.
try:
    Node.value.__get__(Weak(), Weak)
except TypeError as e:
    print("TypeError:", e)
try:
    Node.value.__set__(42, 1)
except TypeError as e:
    print("TypeError:", e)

# Subclass layouts: a subclass of two classes where one extends the other.
class A:
    __slots__ = ('a',)


class B(A):
    __slots__ = ('b',)


class C(B, A):
    pass


c = C()
c.a, c.b, c.c = 1, 2, 3
print(c.a, c.b, c.c, sorted(vars(c)))

try:
    class D(Base):
        __slots__ = ('__dict__',)
except TypeError as e:
    print("TypeError:", e)

# Many slotted objects freed as a chain.
head = None
for i in range(100000):
    n = Node(i)
    n.next = head
    head = n
total = 0
while head is not None:
    total += head.value
    head = head.next
print(total)
