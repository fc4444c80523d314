# Slice assignment of the same size overwrites in place; other sizes splice;
# slice bounds from inline ints, bools and huge ints.
a = list(range(6))
a[:3] = a[2::-1]; print(a)
a[1:3] = [9]; print(a)
a[1:1] = [7, 7]; print(a)
a[:] = a; print(a)
a[0:3] = a[:3]; print(a)
b = [1, 2, 3]; b[0:3] = b; print(b)
a[5:2] = [0]; print(a)
a[-2:] = (x for x in "ab"); print(a)
a[True:2] = []; print(a)
try:
    a[::2] = [1]
except ValueError as e:
    print(e)
print(a[1:4], a[::-1], a[-100:100], a[2**70:], a[:-2**70])
# Same size from another list or a tuple is copied slot by slot; a stop past the
# end clamps first; replaced items with finalizers are finalized after the store.
c = [0] * 5
c[1:4] = [7, 8, 9]; print(c)
c[0:2] = ("x", "y"); print(c)
c[3:10] = [1, 2]; print(c)
c[4:2] = (); print(c)
c[1:3] = c[3:5]; print(c)
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
d = [D(1), D(2), 3]
d[0:2] = [4, 5]; print("after", d)
e = [[1], [2]]
e[0:2] = e[::-1]; print(e)
f = [1, 2, 3]
f[0:3] = (f, f, f); print(len(f), f[0] is f)
g = [D(3), D(4), D(5)]
g[0:3] = [D(6)]; print("spliced")
h = [D(7), D(8)]
h[0:2] = iter([0, 0]); print("collected")
g[::2] = [0]; print("extended")
