# Instance attribute specializations (values by shared-key slot, dict hints, methods
# not shadowed by the instance) must notice every change after they settle.


class V:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x


def read(objs):
    t = 0
    for o in objs:
        t += o.x
    return t


def call(objs):
    t = 0
    for o in objs:
        t += o.get()
    return t


vs = [V(i) for i in range(100)]
print(read(vs), call(vs))

# A property appears on the class after the reads specialized.
V.x = property(lambda self: 1)
print(read(vs))
del V.x
print(read(vs))

# An instance shadows the method after LOAD_METHOD specialized.
vs[3].get = lambda: 1000
print(call(vs))
del vs[3].get
print(call(vs))

# Some instances move to a dict (their __dict__ was read) mid-stream.
for o in vs[::7]:
    o.__dict__["x"] = -1
print(read(vs), call(vs))
for i in range(5):
    print(read(vs), call(vs))


# Stores: new attributes, replaced ones, a setter appearing later.
class W:
    pass


def fill(objs, n):
    for o in objs:
        o.a = n
        o.b = n + 1
        o.a = o.a + o.b


ws = [W() for _ in range(100)]
fill(ws, 1)
print(sum(w.a for w in ws), vars(ws[0]))
log = []
W.b = property(lambda self: 5, lambda self, v: log.append(v))
fill(ws, 2)
print(sum(w.a for w in ws), len(log), vars(ws[0]))
del W.b
ws[50].__dict__.clear()
fill(ws, 3)
print(sum(w.a for w in ws), vars(ws[50]), vars(ws[51]))


# A class attribute read through instances until one instance shadows it.
class K:
    limit = 7


ks = [K() for _ in range(100)]


def limits(objs):
    return sum(k.limit for k in objs)


print(limits(ks))
ks[10].limit = 100
print(limits(ks))
ks[20].__dict__["limit"] = 1000
print(limits(ks))
del ks[10].limit
K.limit = 1
print(limits(ks))


# A __setattr__ defined after stores specialized.
class S:
    def __init__(self):
        self.v = 0


def bump(objs):
    for o in objs:
        o.v = o.v + 1


ss = [S() for _ in range(100)]
bump(ss)
S.__setattr__ = lambda self, k, v: None
bump(ss)
print(sum(s.v for s in ss))


# A base-class method used on instances of several subclasses: the slot cached for
# one class serves the others while nothing on them intercepts the name.
class Base:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    def put(self, x):
        self.v = x


class S1(Base):
    pass


class S2(Base):
    def __init__(self, v):
        self.first = 0
        Base.__init__(self, v)


class S3(Base):
    log = []

    @property
    def v(self):
        return 100

    @v.setter
    def v(self, x):
        S3.log.append(x)


mixed = [S1(1), S2(2), Base(3), S3(4)] * 50


def cycle(objs):
    t = 0
    for i, o in enumerate(objs):
        o.put(i)
        t += o.get()
    return t


print(cycle(mixed), len(S3.log))
S1.v = property(lambda self: -1, lambda self, x: None)
print(cycle(mixed), len(S3.log))
del S1.v
S2.__setattr__ = lambda self, k, v: None
print(cycle(mixed))
del S2.__setattr__
print(cycle(mixed), vars(mixed[1]))
