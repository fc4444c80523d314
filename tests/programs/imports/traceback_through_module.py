import _greet

print(_greet.fail(2))


def call():
    return _greet.fail(0)


call()
