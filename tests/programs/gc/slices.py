# Slices are tracked containers (as in CPython); a freed slice's memory is reused
# by the next one, which must start out as a fresh, tracked object.
import gc

s = slice(1, 2)
print(gc.is_tracked(s), s)
del s

# A slice in a reference cycle is collected.
class Box:
    def __del__(self):
        print("box freed")

b = Box()
b.s = slice(b, None)
del b
print("collected", gc.collect() >= 2)

# Made and freed in a loop, each one whole.
a = list(range(10))
total = 0
for i in range(1, 10):
    part = a[i::-1]
    a[:i + 1] = part
    total += a[0]
    t = slice(i, None, -1)
    print(t, gc.is_tracked(t), a[t])
print(a, total)
print(slice(None), repr(slice(3, -1, 2)), [slice(k, k + 1) for k in range(3)])
