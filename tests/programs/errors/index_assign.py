# IndexError: list assignment index out of range.
xs = [0, 0]
xs[1] = 1
print(xs)
xs[2] = 2
