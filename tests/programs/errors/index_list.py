# IndexError: list index out of range, in a loop inside a function.
def last_plus_one(xs):
    return xs[len(xs)]

items = [1, 2, 3]
print(items[-1])
print(last_plus_one(items))
