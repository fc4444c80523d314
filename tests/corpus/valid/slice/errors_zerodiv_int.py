# An int ZeroDivisionError raised three calls deep: the traceback lists every frame.
def divide(a, b):
    return a // b

def average(items, count):
    total = 0
    for x in items:
        total += x
    return divide(total, count)

def report(items):
    print('items:', items)
    return average(items, len(items))

print(report([1, 2, 3]))
print(report([]))
print('not reached')
