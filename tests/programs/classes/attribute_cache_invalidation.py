# Class attribute lookups see every later change to the class or its bases (the VM caches them per type).
class A:
    x = 1
    def m(self): return "A.m"
class B(A):
    pass
b = B()
for i in range(3):
    print(b.x, b.m())
    if i == 0:
        A.x = 2
        A.m = lambda self: "new"
    if i == 1:
        B.x = 3
        del A.m
        try:
            b.m()
        except AttributeError as e:
            print("AE", e)
        A.m = lambda self: "again"
b.x = 10
print(b.x, B.x)
del B.x
print(B.x)
def mk():
    class C:
        y = 5
    return C()
for _ in range(3):
    print(mk().y)
class P:
    @property
    def v(self): return 42
p = P()
print(p.v)
P.v = 7
print(p.v)
setattr(P, "w", 9)
print(p.w)
class S:
    def __setattr__(self, k, v): print("set", k, v)
s = S(); s.a = 1
del S.__setattr__
s.a = 2; print(s.a)
