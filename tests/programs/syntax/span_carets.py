# CPython underlines the whole generator expression.
def f(*args):
    return args
f(x for x in range(3), 1)
