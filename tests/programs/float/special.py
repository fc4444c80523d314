# inf from overflow, -0.0, and arithmetic that keeps them.
big = 1e308
print(big * 10)
print(-big * 10)
print(1e309, -1e309)
inf = 1e400
print(inf - 1, inf + inf, -inf)
print(-0.0, 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0)
print(0.0 == -0.0, inf > 1e308)
print(2.0 ** 1000)
print(10.0 ** -400)
