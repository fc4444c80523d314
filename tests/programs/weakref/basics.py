import weakref, gc
class C:
    def __init__(s, n): s.n = n
    def hi(s): return "hi %d" % s.n
c = C(1)
r = weakref.ref(c)
print(r() is c, weakref.ref(c) is r, weakref.getweakrefcount(c))
def cb1(ref): print("cb1", ref() is None, ref is r1)
def cb2(ref): print("cb2")
r1 = weakref.ref(c, cb1); r2 = weakref.ref(c, cb2)
print(weakref.getweakrefcount(c), len(weakref.getweakrefs(c)))
del c
print("after del", r(), r1(), r2())
for o in (1, "s", (1,), [1], {}, None, len, C.hi, C, {1}, print, lambda: 0, iter([])):
    try: weakref.ref(o); print("ok", type(o).__name__)
    except TypeError as e: print("TypeError:", e)
d = C(2); p = weakref.proxy(d)
print(p.n, p.hi()); p.n = 5; print(d.n)
print(type(p).__name__, type(r).__name__)
del d
try: p.n
except ReferenceError as e: print("ReferenceError:", e)
x = C(3); x.self = x; rx = weakref.ref(x, lambda ref: print("cycle cb")); del x
print("collect", gc.collect(), rx())
e = C(4); re_ = weakref.ref(e); print(hash(re_) == hash(e), re_ == weakref.ref(e))
del e; print(re_ == re_, re_() )
try: weakref.ref()
except TypeError as err: print(err)
