def f(n):
    if n:
    return n
