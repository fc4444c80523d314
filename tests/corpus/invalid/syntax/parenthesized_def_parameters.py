def f( (a)):
    pass
