# List indexing with positive and negative indices, item assignment, nesting.
xs = [10, 20, 30, 40, 50]
print(xs[0], xs[4], xs[-1], xs[-5], xs[2])
xs[0] = 'first'
xs[-1] = 5.5
print(xs)
grid = [[1, 2], [3, 4]]
print(grid[1][0], grid[-1][-1])
grid[0][1] = 'x'
print(grid)
i = 1
xs[i + 1] = xs[i] * 2
print(xs)
