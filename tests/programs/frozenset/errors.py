# frozenset has no mutating methods; errors keep CPython's messages.
def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

fs = frozenset([1, 2])
check(lambda: fs.add(3))
check(lambda: fs.remove(1))
check(lambda: fs.discard(1))
check(lambda: fs.pop())
check(lambda: fs.clear())
check(lambda: fs.update([3]))
check(lambda: frozenset(1))
check(lambda: frozenset([1], [2]))
check(lambda: frozenset(x=1))
check(lambda: frozenset([[1]]))
check(lambda: fs | [3])
check(lambda: fs < [1])
check(lambda: fs + fs)
check(lambda: fs[0])
check(lambda: hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
check(lambda: {fs: 1}[{1, 2}])
check(lambda: fs.union(5))
fs.add(4)
