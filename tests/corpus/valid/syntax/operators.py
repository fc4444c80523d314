# Precedence and associativity of every operator.
a = 1 + 2 * 3 - 4 / 5 // 6 % 7 @ m
b = 2 ** 3 ** 2
c = -2 ** 2
d = a | b ^ c & d << 1 >> 2
e = not a and b or c and not d
f = a < b <= c == d != e > f >= g
g = a in b, a not in b, a is b, a is not b
h = (a + b) * c
i = a if b else c if d else e
j = lambda: 0
k = lambda x, y=1, *args, z, **kw: x + y
l = [x := 10, (y := 20)]
m = await_ = 1
n = x[1:2], x[::2], x[:], x[1:], x[:2:3], x[a, b:c], x[()], x[1,]
o = x.y.z(1)(2)[3]
