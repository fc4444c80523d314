# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4, 2 * 3 + 4, 2 - 3 - 4, 2 - (3 - 4))
print(100 / 10 / 5, 100 // 10 // 3, 2 ** 2 ** 3, (2 ** 2) ** 3)
print(-3 ** 2, (-3) ** 2, -3 * -3, 10 - -3 * 2)
print(7 % 3 * 2, 7 * 3 % 4, 1 + 7 % 3, 17 // 3 * 3 + 17 % 3)
print(1 < 2 == True, not 1 + 1 == 3, not 1 == 2 and 3)
