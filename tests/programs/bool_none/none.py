# None: printing, identity, truthiness, functions without return.
x = None
print(x)
print(x is None, x is not None, x == None, not x)
def nothing():
    pass
print(nothing())
def early(n):
    if n:
        return
    return 1
print(early(1), early(0))
