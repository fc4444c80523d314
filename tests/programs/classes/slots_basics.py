# __slots__: fixed attribute storage, member descriptors, no __dict__.
class P:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


p = P(3, -4)
print(p.x, p.y, p.norm1())
p.x = 10
print(p.x)
print(P.x)
print(type(P.x).__name__)
print(P.__slots__)
print(hasattr(p, '__dict__'))
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(p.z)
except AttributeError as e:
    print("AttributeError:", e)
del p.y
try:
    print(p.y)
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
p.y = 7
print(p.y)
try:
    vars(p)
except TypeError as e:
    print("TypeError:", e)
try:
    p.__dict__
except AttributeError as e:
    print("AttributeError:", e)

# A str as __slots__ is one name.
class One:
    __slots__ = 'value'

o = One()
o.value = 5
print(o.value, One.__slots__)

# Empty slots: no attributes at all.
class Empty:
    __slots__ = ()

e = Empty()
try:
    e.a = 1
except AttributeError as exc:
    print("AttributeError:", exc)

# A subclass without __slots__ has a __dict__ as well as the base's slots.
class Q(P):
    pass

q = Q(1, 2)
q.extra = 3
print(q.x, q.y, q.extra, q.__dict__)

# A subclass with __slots__ adds to the base's.
class R(P):
    __slots__ = ('z',)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

r = R(1, 2, 3)
print(r.x, r.y, r.z, r.norm1())
try:
    r.w = 4
except AttributeError as exc:
    print("AttributeError:", exc)

# '__dict__' in __slots__ gives a dict too.
class D:
    __slots__ = ('a', '__dict__')

d = D()
d.a = 1
d.b = 2
print(d.a, d.b, d.__dict__)

# Private names are mangled.
class M:
    __slots__ = ('__secret', 'open')

    def __init__(self):
        self.__secret = 42
        self.open = 1

    def reveal(self):
        return self.__secret

m = M()
print(m.reveal(), m._M__secret, M.__slots__)

# Class attributes that clash with a slot are an error.
try:
    class Bad:
        __slots__ = ('x',)
        x = 1
except ValueError as exc:
    print("ValueError:", exc)

try:
    class Bad2:
        __slots__ = (1,)
except TypeError as exc:
    print("TypeError:", exc)

try:
    class Bad3:
        __slots__ = ('a', 'a')
    print("duplicates allowed?", Bad3.__slots__)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)

class A1:
    __slots__ = ('a',)

class B1:
    __slots__ = ('b',)

try:
    class C1(A1, B1):
        pass
except TypeError as exc:
    print("TypeError:", exc)

# Slots and properties together; getattr/setattr/delattr go through the descriptor.
class T:
    __slots__ = ('_v',)

    @property
    def v(self):
        return self._v * 2

t = T()
setattr(t, '_v', 21)
print(getattr(t, '_v'), t.v)
delattr(t, '_v')
print(hasattr(t, '_v'), getattr(t, '_v', 'gone'))

# The member descriptor works when called directly.
P.x.__set__(p, 99)
print(P.x.__get__(p, P), P.x.__get__(None, P) is P.x)
print(P.x.__name__, P.x.__objclass__ is P)

# Many instances.
pts = [P(i, -i) for i in range(1000)]
print(sum(pt.norm1() for pt in pts))
