# Unary + and -, and ~ on ints; nested signs.
x = 5
print(-x, +x, --x, -+-x, ~x, ~-x, -~x)
print(- 0, ~0, ~-1)
y = -9223372036854775808
print(-y, ~y)
