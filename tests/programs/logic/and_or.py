# and/or return one of their operands and short-circuit.
def val(x):
    print('eval', x)
    return x
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, '' or 'default', [] and 'never')
print(None or 0, None and 0, 0 or None, 'a' and 'b' and 'c', 0 or '' or [])
print(val(0) and val(1))
print(val(1) or val(2))
print(val(1) and val(0) or val(3))
x = 5
print(x > 3 and x < 10, x > 3 and x > 10 or 'fallback')
