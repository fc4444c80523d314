# A float ZeroDivisionError in a nested call.
def ratio(x, y):
    return x / y

def scaled(x, y):
    return ratio(x * 1.5, y - 2.0)

print(scaled(3, 4))
print(scaled(1, 2))
