# Fused compare-and-jump sites that see ints, floats, strs, NaN and mixed types.


def classify(a, b):
    if a < b:
        return "lt"
    if a == b:
        return "eq"
    return "ge"


def count_eq(items, target):
    n = 0
    for x in items:
        if x == target:
            n += 1
    return n


print([classify(i, 50) for i in range(45, 55)])
print([classify(i / 2, 25.0) for i in range(45, 55)])
print([classify(s, "m") for s in "abcmnxyz"])
nan = float("nan")
print(classify(nan, 1.0), classify(1.0, nan), classify(nan, nan))
print(classify(1, 1.0), classify(2**60, 2**60 + 1), classify(True, 2))
print(count_eq(list(range(100)) * 3, 7))
print(count_eq(["a", "b", "a"] * 50, "a"))
print(count_eq([1.0, 2.0] * 60, 2.0))
print(count_eq([1, "1", 1.0, None] * 30, 1))
i = 0
while i < 300:
    i += 1
print("while", i)
x = 0.0
while x < 10.5:
    x += 0.25
print("fwhile", x)
ne = 0
for w in ["spam", "eggs", "spam"] * 40:
    if w != "spam":
        ne += 1
print("ne", ne)


class Weird:
    def __lt__(self, other):
        return "yes"


print(classify(Weird(), 1))
