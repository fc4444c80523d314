# Constant set displays are frozenset constants in CPython: membership tests,
# loops over set displays, and set displays built from more than two constants.
def f(x):
    return x in {1, 2, 3}

def g(x):
    return x not in {'a', 'b'}

print(f(2), f(5), g('a'), g('z'), 1.0 in {1, 2}, (1, 2) in {(1, 2), (3, 4)})
for x in {3, 1, 2}:
    print(x)
print([y for y in {'x', 'y', 'z'}])
s = {5, 6, 7, 8}
print(s, type(s).__name__, {1, 2, 3} | {4}, {'a', 'b', 'c'})
t = {*'ab', 'c', 'd'}
print(sorted(t))
print(None in {None, 1}, b'x' in {b'x', b'y'}, 2j in {1j, 2j}, frozenset() in {frozenset()})
# CPython rebuilds a frozenset constant from its own iteration order when it
# merges constants; for these items the rebuilt table's order differs.
print({35, 38, 0, 24, 32, 8, 33}, frozenset({35, 38, 0, 24, 32, 8, 33}))
print([v for v in {35, 38, 0, 24, 32, 8, 33}], 24 in {35, 38, 0, 24, 32, 8, 33})
print(frozenset((35, 38, 0, 24, 32, 8, 33)))
