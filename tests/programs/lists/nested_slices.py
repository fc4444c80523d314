# Slices of slices, negative steps with bounds, slices of strings inside lists.
xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(xs[2:8][1:-1], xs[::-1][::2], xs[-1:0:-2], xs[0:-1:4])
words = ['alpha', 'beta', 'gamma']
print(words[1][1:3], words[-1][::-1], words[::-1][0][0])
grid = [[1, 2, 3], [4, 5, 6]]
print(grid[1][::-1], grid[::-1][1][1:])
