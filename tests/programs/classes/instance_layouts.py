# Instances of one class share their attribute names; each keeps its own
# insertion order, deletions and additions, however many attributes it has.
import gc
import weakref


class A:
    pass


a1 = A()
a1.x = 1
a1.y = 2
a2 = A()
a2.y = 3
a2.x = 4
a3 = A()
a3.z = 5
a3.x = 6
print(vars(a1), vars(a2), vars(a3))
print(a1.x, a1.y, a2.x, a2.y, a3.z, a3.x)
print(hasattr(a1, "z"), getattr(a1, "z", None), hasattr(a3, "y"))

# Deleting, re-adding and deleting again.
b = A()
b.x = 1
b.y = 2
b.z = 3
del b.y
print(vars(b))
b.y = 20
print(vars(b))
del b.x
b.x = 10
print(vars(b), b.x, b.y, b.z)
try:
    del b.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    b.nope
except AttributeError as e:
    print("AttributeError:", e)

# Many attributes: more names than one class shares; order stays insertion order.
many = A()
for i in range(40):
    setattr(many, "a%d" % i, i)
print(len(vars(many)), list(vars(many))[:3], list(vars(many))[-3:])
print(sum(getattr(many, "a%d" % i) for i in range(40)))
for i in range(0, 40, 3):
    delattr(many, "a%d" % i)
print(len(vars(many)), many.a1, hasattr(many, "a3"))
other = A()
for i in reversed(range(35)):
    setattr(other, "a%d" % i, -i)
print(list(vars(other))[:3], other.a0, other.a34)


# Subclass instances and methods next to attributes.
class Base:
    kind = "base"

    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v


class Sub(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w

    def get(self):
        return super().get() + self.w


objs = [Base(i) if i % 2 else Sub(i, 1) for i in range(100)]
print(sum(o.get() for o in objs), objs[0].kind, vars(objs[0]), vars(objs[1]))
objs[2].get = lambda: -1000
print(sum(o.get() for o in objs))

# setattr/getattr/delattr with computed names and object.__setattr__-style paths.
c = A()
name = "".join(["dyn", "amic"])
setattr(c, name, 1)
print(c.dynamic, getattr(c, "dynamic"), vars(c))
delattr(c, name)
print(vars(c))


# __del__, weakrefs and cycles through instance attributes.
class D:
    def __del__(self):
        print("del", self.tag)


d = D()
d.tag = "one"
d.me = d
w = weakref.ref(d)
del d
gc.collect()
print(w())
e = D()
e.tag = "two"
e.__dict__["self"] = e
del e
gc.collect()
f = D()
f.tag = "three"
del f
print("end")
