# + - * on small ints, with negative operands.
print(2 + 3, 2 - 3, -2 - 3, 2 * 3, -2 * 3, -2 * -3)
print(10 + -4, 10 - -4, 0 - 0, 0 * -5)
a = 17
b = 5
print(a + b, a - b, a * b)
print(a * a * a * a * a * a * a)
print(1 + 2 * 3 - 4 * 5 + 6)
print((1 + 2) * (3 - 4) * (5 + 6))
