if x:
    pass
else else:
    pass
