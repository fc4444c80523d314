# `obj.__dict__` and `vars(obj)` are the instance's live storage: the same dict each
# time, in attribute insertion order, and changes go both ways.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print(p.__dict__, vars(p))
print(p.__dict__ is p.__dict__, vars(p) is p.__dict__)
d = p.__dict__
d["z"] = 3
print(p.z, hasattr(p, "z"))
p.w = 4
print(d)
del d["x"]
print(hasattr(p, "x"), getattr(p, "x", "gone"))
del p.y
print(d, len(d))
d.clear()
print(vars(p), hasattr(p, "w"))
p.x = 10
print(d, p.__dict__ is d)
d.update(a=1, b=2)
print(p.a + p.b, sorted(d))

# Attributes set in __init__ before __dict__ is ever read keep their order, with
# later ones after them.
q = P(5, 6)
q.extra = 7
print(list(vars(q)))
q.x = 50
print(vars(q))

# Assigning and deleting __dict__.
r = P(0, 0)
new = {"k": 1}
r.__dict__ = new
print(r.k, r.__dict__ is new, hasattr(r, "x"))
r.m = 2
print(new)
try:
    r.__dict__ = [1, 2]
except TypeError as e:
    print("TypeError:", e)
del r.__dict__
print(vars(r), hasattr(r, "k"))
r.again = 1
print(vars(r))

# A hot loop reading attributes keeps seeing the dict's changes.
s = P(1, 1)
total = 0
for i in range(200):
    if i == 100:
        s.__dict__["x"] = 1000
    total += s.x
print(total)

# Writing through a hot store keeps the dict in step.
t = P(0, 0)
td = t.__dict__
for i in range(100):
    t.x = i
print(td["x"], t.x)
