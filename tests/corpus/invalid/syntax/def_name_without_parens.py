def f g(a):
    pass
