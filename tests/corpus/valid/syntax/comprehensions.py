# Displays and comprehensions.
empty = [], (), {}
lst = [1, 2, 3,]
tup = 1, 2
single = 1,
st = {1, 2}
dct = {"a": 1, **other, "b": 2}
unpacked = [*a, *b], (*a, b), {*a}
lc = [x * 2 for x in range(10) if x % 2 if x > 3]
nested = [(x, y) for x in a for y in b]
sc = {x for x in s}
dc = {k: v for k, v in items.items()}
ge = (x for x in y)
call_ge = sum(x for x in y)
call_paren_ge = sum((x for x in y))
walrus = [y for x in data if (y := f(x))]
lam = [lambda: i for i in range(3)]
cond = [a if b else c for a in d]
