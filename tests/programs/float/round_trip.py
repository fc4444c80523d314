# More float reprs: exponent thresholds, powers of two, integers past 2**53.
print(1e-7, 1.5e-4, 0.001, 123e-20, 9.999999999999999e22, 1e21, 1.5e16)
print(2.0 ** 53, 2.0 ** 53 + 1, 2.0 ** 64, 2.0 ** -10)
print(1 / 3 * 3, 0.1 + 0.1 + 0.1, 100 * 1.1, 4.35 * 100)
print(-1e-300 * 1e-300, 1e-320, 123456789.123456789)
print(1.0, 3.0 * 1e-5, 7e-5 / 7)
