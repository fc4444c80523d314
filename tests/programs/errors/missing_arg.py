# TypeError: a missing positional argument.
def pair(a, b):
    return [a, b]

pair(1)
