# __index__ and __float__ on user classes, where CPython's number protocols use them.
import math


class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class Flt:
    def __float__(self):
        return 2.25


class Both:
    def __float__(self):
        return 0.5

    def __index__(self):
        return 7


class BadIndex:
    def __index__(self):
        return "3"


class BadFloat:
    def __float__(self):
        return 1


data = list(range(10))
print(data[Idx(3)], data[Idx(-1)], "hello"[Idx(1)], (1, 2, 3)[Idx(2)])
print(list(range(Idx(4))), list(range(Idx(1), Idx(9), Idx(3))))
print(data[Idx(2):Idx(5)], data[::Idx(4)])
data[Idx(0)] = 'zero'
print(data[0], [0] * Idx(3), "ab" * Idx(2))
print(math.sqrt(Flt()), math.floor(Flt()), math.sqrt(Idx(16)), math.sqrt(Both()))
print(float(Flt()), float(Idx(5)), float(Both()))
for bad in (BadIndex(), BadFloat()):
    try:
        print([1, 2, 3, 4][bad])
    except TypeError as e:
        print("TypeError:", e)
try:
    float(BadFloat())
except TypeError as e:
    print("TypeError:", e)
try:
    math.sqrt(BadFloat())
except TypeError as e:
    print("TypeError:", e)
try:
    math.sqrt("x")
except TypeError as e:
    print("TypeError:", e)
print(hex(Idx(255)), bin(Idx(5)), oct(Idx(8)))
