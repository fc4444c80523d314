# One call site sees ints, then floats, then strs, then big ints and mixed operands:
# each specialized BINARY_OP must miss to the generic path and give the right result.


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def other(a, b):
    return (a // b, a % b, a & b, a | b, a ^ b, a >> 1)


def div(a, b):
    return a / b


total = 0
for i in range(200):
    total = add(total, i)
print("ints", total)
ftotal = 0.0
for i in range(200):
    ftotal = add(ftotal, 0.5)
print("floats", ftotal)
s = ""
for i in range(100):
    s = add(s, "ab"[i % 2])
print("strs", len(s), s[:10])
print("lists", add([1], [2]))
big = 1
for i in range(100):
    big = mul(big, 1 << 40)
print("big", big % 1000003, big.bit_length())
print("overflow", mul(2**46, 2**46), sub(-(2**47), 2**47))
for i in range(100):
    r = sub(i, 0.25)
print("mixed", r, sub(10, 2.5), add(1.5, 2))
for i in range(1, 200):
    q = other(i * 7, i)
print("other", q, other(-7, 2), other(7, -2))
try:
    other(1, 0)
except ZeroDivisionError as e:
    print("zero", e)
for i in range(1, 100):
    d = div(i, 4.0)
print("div", d, div(7, 2))
try:
    div(1.0, 0.0)
except ZeroDivisionError as e:
    print("fzero", e)
print("bools", add(True, True), mul(True, 3), sub(2.0, True))


class Money:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Money(self.v + (other.v if isinstance(other, Money) else other))

    def __radd__(self, other):
        return Money(other + self.v)


m = Money(0)
for i in range(100):
    m = add(m, Money(i))
print("user", m.v, add(5, Money(1)).v)

for i in range(100):
    t = add("x", "y")
print("strs again", t, add("a", "b"))
