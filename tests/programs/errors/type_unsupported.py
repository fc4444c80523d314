# TypeError: unsupported operand types for -.
a = [1, 2]
b = 'x'
print(a * 2)
print(a - b)
