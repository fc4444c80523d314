# TypeError: ordering comparison between int and str.
def smallest(a, b):
    if a < b:
        return a
    return b

print(smallest(3, 4))
print(smallest(3, 'four'))
