# slice and range objects: their attributes and methods.
s = slice(1, 10, 2)
print(s.start, s.stop, s.step)
print(slice(5).start, slice(5).stop, slice(5).step)
print(s.indices(5), s.indices(100), slice(None, None, -1).indices(4))
print(slice(-3, None).indices(10), slice(-100, 100, 3).indices(7))
try:
    slice(0, 1, 0).indices(3)
except ValueError as e:
    print("ValueError:", e)
try:
    s.indices(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    s.start = 3
except AttributeError as e:
    print("AttributeError:", e)
print(s == slice(1, 10, 2), s != slice(1, 10), hash(slice(1, 2)) if False else "unhashable in 3.11")


class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


data = list(range(10))
print(data[Idx(2):Idx(8):Idx(3)], data[Idx(-3):], "abcdef"[Idx(1):Idx(4)])
print(slice(Idx(1), Idx(9), Idx(2)).indices(5))
try:
    data["a":]
except TypeError as e:
    print("TypeError:", e)

r = range(2, 20, 3)
print(r.start, r.stop, r.step, len(r), r[2], r[-1], r[1:3])
print(r.index(8), r.count(8), r.count(9), 8 in r, 9 in r)
try:
    r.index(9)
except ValueError as e:
    print("ValueError:", e)
print(range(5).start, range(5).stop, range(5).step)
print(range(0, 10, 2) == range(0, 9, 2), range(0) == range(5, 5), hash(range(3)) == hash(range(0, 3)))
print(next(reversed(range(1, 7, 2))), list(reversed(range(1, 7, 2))))
