# Builtin types' dunder methods (slot wrappers) and the attribute hooks of user classes.
print((1).__add__(2), (5).__rsub__(7), (2.5).__mul__(2), (3).__truediv__(2))
print((1).__add__("x"), "ab".__add__("cd"), "ab".__mul__(3), [1].__add__([2]), (1, 2).__rmul__(2))
print([3, 1, 2].__len__(), {"a": 1}.__getitem__("a"), "abc".__contains__("b"), (1).__bool__())
print((5).__neg__(), (5).__invert__(), (2.0).__pos__(), {1, 2}.__or__({3}), {1: 2}.__or__({3: 4}))
print("a".__eq__("a"), "a".__ne__("a"), (1).__lt__(2), (1).__eq__("1"), "a".__lt__(1))
print(object().__eq__(object()), object.__ne__(1, 1), object().__lt__(1))
print(hasattr(str, "__sub__"), hasattr(int, "__sub__"), hasattr(float, "__lshift__"), list.__hash__)
it = iter([10, 20])
print(it.__next__(), next(it), it.__iter__() is it)
try:
    it.__next__()
except StopIteration:
    print("StopIteration")
d = {}
d.__setitem__("k", "v")
print(d, d.__len__(), d.__repr__(), str.__str__("s"), int.__repr__(7), int.__hash__(3))
d.__delitem__("k")
print(d)
print(len.__call__([1, 2]), (lambda x: x * 2).__call__(4))
try:
    (1).__add__()
except TypeError as e:
    print("TypeError:", e)
try:
    [].__hash__()
except TypeError as e:
    print("TypeError:", e)


class Bag(list):
    def __add__(self, other):
        return Bag(super().__add__(other))

    def __repr__(self):
        return "Bag(" + super().__repr__() + ")"


print(Bag([3]) + [4], repr(Bag([2])), Bag([5]).__mul__(2))


class Vec(list):
    def __getitem__(self, i):
        return "item:" + str(super().__getitem__(i))

    def __len__(self):
        return super().__len__() * 10


v = Vec([1, 2, 3])
print(v[0], len(v), list.__len__(v))


class Tracked:
    def __init__(self):
        self.log = []
        self.x = 1

    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.log.append("del " + name)
        super().__delattr__(name)


t = Tracked()
t.y = 2
del t.x
print(t.log, hasattr(t, "x"), t.y)


class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattribute__(self, name):
        if name.startswith("_"):
            return object.__getattribute__(self, name)
        return getattr(object.__getattribute__(self, "_target"), name)

    def __setattr__(self, name, value):
        setattr(object.__getattribute__(self, "_target"), name, value)


class Target:
    def __init__(self):
        self.a = 1

    def hello(self):
        return "hello from target"


tg = Target()
p = Proxy(tg)
p.b = 5
print(p.a, p.b, tg.b, p.hello(), type(p).__name__)
for _ in range(100):
    p.a += 1
print(tg.a)


class WithFallback:
    def __getattribute__(self, name):
        if name == "boom":
            raise AttributeError("no boom")
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return "fallback " + name


w = WithFallback()
print(w.boom, w.other, w.__class__.__name__)
try:
    object.__getattribute__(w, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    object.__setattr__(w, 1, 2)
except TypeError as e:
    print("TypeError:", e)


class Base:
    def __eq__(self, other):
        return "Base.__eq__"


class Child(Base):
    def __eq__(self, other):
        return ("Child", super().__eq__(other))


print(Child() == 1, object.__eq__(Child(), 1))
print(str.__len__("four"), int.__add__(2, 3), float.__truediv__(1.0, 4))
