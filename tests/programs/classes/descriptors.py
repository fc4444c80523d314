# The descriptor protocol: __get__, __set__, __delete__ and __set_name__ on user classes.


class Typed:
    """A data descriptor that checks types and stores in the instance dict."""

    def __init__(self, kind):
        self.kind = kind
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name
        print("set_name", owner.__name__, name)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, "unset")

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        obj.__dict__[self.name] = value

    def __delete__(self, obj):
        print("delete", self.name)
        del obj.__dict__[self.name]


class Point:
    x = Typed(int)
    y = Typed(int)

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(p.x, p.y, Point.x.name, type(Point.x).__name__)
try:
    p.x = "one"
except TypeError as e:
    print("TypeError:", e)
del p.y
print(p.y)
# A data descriptor wins over the instance dict.
p.__dict__["x"] = 99
print(p.x)


class Const:
    """A non-data descriptor: the instance dict shadows it."""

    def __get__(self, obj, objtype=None):
        return ("const", obj is None, objtype.__name__)


class Holder:
    c = Const()


h = Holder()
print(h.c, Holder.c)
h.c = "shadow"
print(h.c, Holder.c)


class Lazy:
    """A cached property: computes once, then the instance dict answers."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


class Circle:
    def __init__(self, r):
        self.r = r

    @Lazy
    def area(self):
        print("computing")
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, type(Circle.area).__name__)


class OnlySet:
    def __set__(self, obj, value):
        print("set", value)


class K:
    a = OnlySet()


k = K()
print(k.a is K.a)
k.a = 3
k.__dict__["a"] = "inst"
print(k.a)
try:
    del k.a
except AttributeError as e:
    print("AttributeError:", e)


class OnlyDel:
    def __get__(self, obj, objtype=None):
        return "got"

    def __delete__(self, obj):
        print("deleted")


class K2:
    b = OnlyDel()


k2 = K2()
try:
    k2.b = 1
except AttributeError as e:
    print("AttributeError:", e)
del k2.b
print(k2.b)


class Bad:
    def __set_name__(self, owner, name):
        raise ValueError("nope")


try:
    class C:
        x = Bad()
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)


# Descriptors are looked up on the type, so one set on an instance does nothing.
class Plain:
    pass


pl = Plain()
pl.d = Const()
print(type(pl.d).__name__)


# Inherited descriptors, and a subclass overriding with a plain value.
class Base:
    v = Typed(str)


class Sub(Base):
    pass


s = Sub()
s.v = "text"
print(s.v)
try:
    s.v = 5
except TypeError as e:
    print("TypeError:", e)


class Override(Base):
    v = "plain"


o = Override()
o.v = 5
print(o.v)

# Hot loops through the descriptor (quickened sites must keep calling it).
total = 0
pts = [Point(i, i) for i in range(200)]
for pt in pts:
    total += pt.x + pt.y
print(total)
counter = 0


class Counting:
    def __get__(self, obj, objtype=None):
        global counter
        counter += 1
        return counter


class UsesCounting:
    n = Counting()


u = UsesCounting()
print(sum(u.n for _ in range(100)), counter)


# Quickened attribute sites keep going through data descriptors that transform.
class Doubled:
    def __set_name__(self, owner, name):
        self.key = "_" + name

    def __get__(self, obj, objtype=None):
        return obj.__dict__[self.key] * 2

    def __set__(self, obj, value):
        obj.__dict__[self.key] = value + 1


class Num:
    v = Doubled()

    def __init__(self, v):
        self.v = v


nums = [Num(i) for i in range(300)]
print(sum(n.v for n in nums), nums[5].__dict__)


def read_all(items):
    t = 0
    for it in items:
        t += it.v
    return t


print(read_all(nums), read_all(nums))
