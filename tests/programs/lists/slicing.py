# List slicing: bounds, negatives, steps, out-of-range bounds.
xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(xs[2:5], xs[:3], xs[7:], xs[:], xs[-3:], xs[:-7])
print(xs[::2], xs[1::3], xs[::-1], xs[::-3], xs[8:2:-2])
print(xs[5:2], xs[100:], xs[-100:2], xs[3:100], xs[-1:-4:-1])
print(xs[2:-2:3], xs[-2:2:-3], xs[::100])
copy = xs[:]
copy[0] = 'changed'
print(xs[0], copy[0])
