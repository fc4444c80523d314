# sum() over exact lists and tuples reads by position; a list changed by an
# __radd__ during the sum is seen as its iterator would see it.
class A:
    def __init__(self, l): self.l = l
    def __radd__(self, o):
        self.l.append(1) if len(self.l) < 6 else None
        return o + 10
l = [1, 2]
l.append(A(l))
print(sum(l), l[3:])
print(sum((1, 2.5, 3)), sum([], 7), sum([[1], [2]], []), sum([2**60, 2**60]))
print(sum([0.1]*10), sum(x for x in [1,2]))
class L(list):
    def __iter__(self): return iter([100])
print(sum(L([1,2,3])))
