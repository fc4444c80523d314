# Chained comparisons evaluate each operand once and short-circuit.
def val(n):
    print('eval', n)
    return n
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 1)
print(val(1) < val(2) < val(3))
print(val(3) < val(2) < val(1))
x = 5
print(0 <= x < 10, 0 <= x < 5, 5 <= x <= 5, 1 < x > 2)
print(1 < 2 > 0 < 5 != 4 == 4)
