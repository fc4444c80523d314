# frozenset: construction, repr, algebra (mixed with set), comparisons, hashing.
a = frozenset([1, 2, 3])
b = frozenset({3, 4})
e = frozenset()
print(a, b, e, repr(e), type(a).__name__, len(a), len(e), bool(e), bool(a))
print(frozenset('hello') == frozenset('helo'), frozenset(range(5)), frozenset((1, 1, 2)))
print(frozenset({1: 'x', 2: 'y'}), frozenset(x * x for x in range(4)), frozenset(a))
print(frozenset(a) is a, frozenset() == set(), a.copy() is a)
print(a | b, a & b, a - b, a ^ b, b - a)
print(a.union(b), a.union([7], (8,)), a.intersection([2, 3, 9]), a.difference({1}), a.symmetric_difference([3, 5]))
print(a.issubset({1, 2, 3, 4}), a.issuperset([1]), a.isdisjoint(b), a.isdisjoint([9]))
print(a <= a, a < a, a < {1, 2, 3, 4}, a >= {1}, a > frozenset({1, 2, 3}), a == {1, 2, 3}, a != {1, 2})
s = {1, 2}
print(type(s | a).__name__, type(a | s).__name__, type(a & s).__name__, type(s - a).__name__, type(a ^ s).__name__)
print(s | a, a | s, s == frozenset([2, 1]), frozenset([2, 1]) == s)
print(type(a.union(s)).__name__, type(s.union(a)).__name__, type(a.copy()).__name__)
c = a
c |= {10}
print(c, a, c is a)
print(hash(frozenset()), hash(frozenset([1])), hash(frozenset([1, 2, 3])), hash(frozenset(['a', 'b'])))
print(hash(frozenset([frozenset([1]), frozenset([2])])), hash(frozenset(range(100))), hash(frozenset([-1])))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])), hash(a) == hash(frozenset({3, 2, 1})))
d = {frozenset([1, 2]): 'one-two', frozenset(): 'empty'}
print(d[frozenset([2, 1])], d[frozenset()], frozenset([1, 2]) in d, {1, 2} == frozenset({1, 2}))
nested = {frozenset([1]), frozenset([1]), frozenset([2, 3])}
print(len(nested), frozenset([1]) in nested, frozenset([3, 2]) in nested)
print(frozenset([frozenset(['x']), 'y']), {frozenset(): 1})
print(sorted(frozenset([5, 3, 9])), list(frozenset('ab')) == list(frozenset('ab')), 2 in a, 7 in a)
print(frozenset([1.0, 1, True]), frozenset(['b', 'a', 'c']), frozenset([(1, 2), (3, 4)]))
for x in frozenset([30, 10, 20]):
    print(x)
print(isinstance(a, frozenset), isinstance(a, set), frozenset.union(a, [0]))
s = {frozenset([1]), 2}
print({1} in s, {5} in s, {1} not in s)
s.discard({1})
print(s)
s.add(frozenset([3]))
s.remove({3})
print(s)
try:
    s.remove({9})
except KeyError as e:
    print(repr(e))
