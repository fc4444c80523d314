# Augmented assignment on every operator.
x = 10
x += 5
print(x)
x -= 3
print(x)
x *= 4
print(x)
x //= 5
print(x)
x %= 4
print(x)
x **= 5
print(x)
x /= 2
print(x)
s = 'ab'
s += 'cd'
s *= 2
print(s)
items = [1]
items += [2, 3]
items *= 2
print(items)
big = 2 ** 62
big += big
big += big
print(big)
