# Generators iterated by for loops, list(), sum() and next(), resumed by send().


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


print(list(count(3)), sum(x for x in count(10)))
for v in count(4):
    print("v", v)

# An exhausted generator stays exhausted.
c = count(2)
print(list(c), list(c))

# One generator advanced both by next() and by the loop iterating it.
c = count(6)
print(next(c))
for x in c:
    if x == 3:
        print("skipped to", next(c))
    print("loop", x)


def echo():
    got = None
    while True:
        got = yield got
        if got == "stop":
            return "stopped"


e = echo()
print(next(e), e.send(5), e.send("again"))
try:
    e.send("stop")
except StopIteration as stop:
    print("StopIteration", stop.value)


# Nested loops over generators, and generators of generators.
def pairs(n):
    for i in count(n):
        for j in count(i):
            yield i, j


print(list(pairs(4)))
print([list(g) for g in (count(k) for k in range(4))])


# Locals survive each suspension.
def running_total(xs):
    total = 0
    for x in xs:
        total += x
        yield total


print(list(running_total(count(8))))
