# ** on ints: right-associative, binds tighter than unary minus, negative exponents give floats.
print(2 ** 10, 3 ** 3, 0 ** 0, 5 ** 0, 1 ** 100)
print(2 ** 3 ** 2)
print(-2 ** 2, (-2) ** 2, (-2) ** 3)
print(2 ** -1, 4 ** -2, (-2) ** -1)
print(10 ** 20)
print(7 ** 30)
