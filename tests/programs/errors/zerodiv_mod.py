# Modulo by zero at module level.
x = 10
y = 0
print(x % 5)
print(x % y)
