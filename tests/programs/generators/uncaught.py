# An exception escaping a generator iterated by a for loop: the traceback shows the
# loop's line and then the generator's.


def inner():
    yield 1
    1 / 0


def outer():
    yield from inner()


for x in outer():
    print(x)
