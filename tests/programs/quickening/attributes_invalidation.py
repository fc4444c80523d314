# Attribute specializations (instance dict hints, class attributes, methods,
# module attributes, stores) must see every later change.
import math


class Point:
    scale = 1

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return (abs(self.x) + abs(self.y)) * self.scale


def total(points):
    t = 0
    for p in points:
        t += p.x + p.norm1()
    return t


pts = [Point(i, -i) for i in range(100)]
print(total(pts))
Point.scale = 10
print(total(pts))
Point.norm1 = lambda self: 0
print(total(pts))
pts[5].norm1 = lambda: 1000
print(total(pts))
del pts[5].norm1
del Point.norm1


class Sub(Point):
    pass


try:
    total(pts)
except AttributeError as e:
    print("AttributeError:", e)


def norm1(self):
    return self.x * 2 * self.scale


Point.norm1 = norm1
subs = [Sub(i, i) for i in range(100)]
print(total(subs))
Point.scale = 1
print(total(subs))
Sub.scale = 7
print(total(subs))
del Sub.scale
print(total(subs))


def get_x(o):
    return o.x


for p in pts:
    get_x(p)
odd = Point(1, 2)
del odd.x
try:
    get_x(odd)
except AttributeError as e:
    print("AttributeError:", e)
odd.__dict__
print(get_x(Sub(9, 9)))


class Prop:
    @property
    def x(self):
        return "prop"


print(get_x(Prop()))


class WithGetattr:
    def __getattr__(self, name):
        return "dyn-" + name


print(get_x(WithGetattr()))


def set_x(o, v):
    o.x = v


for p in pts:
    set_x(p, 1)
print(sum(p.x for p in pts))


class Logged(Point):
    def __setattr__(self, name, value):
        print("set", name, value)


lg = Logged(1, 2)
set_x(lg, 3)


def cls_attr():
    return Point.scale


for _ in range(100):
    cls_attr()
Point.scale = 99
print(cls_attr())


def mod_attr():
    return math.pi


for _ in range(100):
    mod_attr()
math.pi = 3
print(mod_attr())


def mod_call(v):
    return math.floor(v)


for i in range(100):
    mod_call(i + 0.5)
math.floor = lambda v: "patched"
print(mod_call(1.5))


def appends(n):
    out = []
    for i in range(n):
        out.append(i)
    return out


print(len(appends(200)))
