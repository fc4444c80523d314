# Parameters and locals are per call; functions are values.
def counter(n):
    total = 0
    i = 0
    while i < n:
        total += i
        i += 1
    return total
print(counter(5), counter(10))
f = counter
print(f(4))
def apply(fn, x):
    return fn(x)
print(apply(counter, 3), apply(len, 'four'), apply(str, 12))
def change(items):
    items.append(99)
    items = [0]
    return items
data = [1]
print(change(data), data)
