# bytes(...) constructor and operator errors, with CPython's messages.
def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

check(lambda: b'abc'[5])
check(lambda: b'abc'[-4])
key = 'x'
check(lambda: b'abc'[key])
key = 1.0
check(lambda: b'abc'[key])
check(lambda: b'a' + 'b')
check(lambda: 'b' + b'a')
check(lambda: b'a' + 1)
check(lambda: b'a' * 'x')
check(lambda: b'a' * 1.5)
check(lambda: 300 in b'a')
check(lambda: -1 in b'a')
check(lambda: 'a' in b'a')
check(lambda: None in b'a')
check(lambda: b'a' < 'a')
check(lambda: b'a' >= 1)
check(lambda: bytes(-1))
check(lambda: bytes('x'))
check(lambda: bytes(b'x', 'utf-8'))
check(lambda: bytes(1, 'utf-8'))
check(lambda: bytes(1, errors='strict'))
check(lambda: bytes([256]))
check(lambda: bytes([-1]))
check(lambda: bytes(['a']))
check(lambda: bytes([1.0]))
check(lambda: bytes(1.5))
check(lambda: bytes(None))
check(lambda: bytes(x=1))
check(lambda: bytes('a', 1))
check(lambda: bytes(10**30))
check(lambda: b'a'.foo)
check(lambda: b'a'.decode.__name__)
check(lambda: len(b'a', 1))
b = b'xyz'
b[0] = 1
