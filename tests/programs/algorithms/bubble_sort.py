# Bubble sort with swaps through a temporary, on ints, floats and strings.
def bubble(xs):
    n = len(xs)
    i = 0
    while i < n:
        j = 0
        while j < n - 1 - i:
            if xs[j] > xs[j + 1]:
                t = xs[j]
                xs[j] = xs[j + 1]
                xs[j + 1] = t
            j += 1
        i += 1
    return xs
print(bubble([5, 2, 9, 1, 5, 6, -3, 0]))
print(bubble([2.5, -1.0, 3.25, 0.0, -0.5]))
print(bubble(['pear', 'apple', 'fig', 'banana']))
print(bubble([]))
