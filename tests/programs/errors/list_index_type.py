# TypeError: list indices must be integers.
xs = [1, 2, 3]
key = '1'
print(xs[key])
