# Comparisons across the 64-bit boundary and between big ints and floats.
a = 2 ** 63
b = 2 ** 63 - 1
print(a > b, a == b + 1, -a < -b, a * a > b * b)
print(2 ** 100 == 2.0 ** 100, 2 ** 100 + 1 == 2.0 ** 100, 2 ** 100 + 1 > 2.0 ** 100)
print(10 ** 30 < 1e30, 10 ** 30 == 1e30, 10 ** 400 > 1e308)
print(-(10 ** 20) < -1e19 < 0 < 1e19 < 10 ** 20)
