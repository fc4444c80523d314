# Every way to write `with` items in 3.11: CPython tries a parenthesized item list first.
with (a, b) as c:
    pass
with (a for a in b):
    pass
with (a, *b):
    pass
with (a * b):
    pass
with (a := b):
    pass
with (a as b, c):
    pass
with (a), (b):
    pass
with (a)[0] as b:
    pass
with (a) as b, (c) as d:
    pass
with (
    open(x) as f,
    open(y) as g,
):
    pass
with ():
    pass
with (a,):
    pass
with (a if b else c) as d:
    pass
