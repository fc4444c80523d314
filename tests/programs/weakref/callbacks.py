# Weakref callbacks: run when the referent dies, most recent weakref first; cleared
# references return None; a weakref that dies with its referent gets no callback.
import gc
import weakref


class Thing:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def report(tag):
    def callback(ref):
        print("callback", tag, ref() is None)
    return callback


t = Thing("t")
refs = [weakref.ref(t, report(i)) for i in range(3)]
print("count", weakref.getweakrefcount(t))
del t
print("after del", [r() for r in refs])

# Referent in a cycle, weakref outside it: the callback runs during collection.
c = Thing("cyclic")
c.me = c
outside = weakref.ref(c, report("outside"))
del c
print("collected", gc.collect())
print("outside dead:", outside() is None)

# Weakref inside the garbage: no callback.
g = Thing("garbage")
g.ref = weakref.ref(g, report("inside"))
del g
print("collected", gc.collect())

# The weakref dies first: no callback either.
h = Thing("h")
r = weakref.ref(h, report("dropped"))
del r
del h
print("done")

# Proxies.
p_target = Thing("proxied")
p = weakref.proxy(p_target)
print(p.name, bool(p))
p.name = "renamed"
print(p_target.name)
del p_target
try:
    print(p.name)
except ReferenceError as e:
    print("ReferenceError:", e)


def f():
    return "called"


cp = weakref.proxy(f)
print(cp(), type(cp).__name__)
print(weakref.getweakrefs(f) == [cp], weakref.getweakrefcount(f))
