# Mixed int, float and bool operands promote like CPython.
print(1 + 1.0, 1 - True, 2.5 * True, False + 0.5)
print(10 // 2.5, 10 % 2.5, 10 / 4, 10.0 // 4)
print(-10 // 3.0, -10 % 3.0, 10 // -3.0, 10 % -3.0)
print(2 ** 100 * 1.0, 2 ** 100 + 0.5)
print(3 * 1.1, 0.1 + 0.7, 1 - 0.9)
