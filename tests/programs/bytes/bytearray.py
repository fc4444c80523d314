# bytearray: construction, repr, indexing, mutation, operators, methods, errors.


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))


# construction
print(bytearray(), bytearray(0), bytearray(3))
print(bytearray(b'abc'), bytearray(bytearray(b'xy')), bytearray([65, 66, 0, 255]))
print(bytearray(range(97, 100)), bytearray((x for x in [1, 2])))
print(bytearray('héllo', 'utf-8'), bytearray('abc', encoding='ascii'))
print(bytearray(source=b'kw'), type(bytearray()), type(bytearray()).__name__)
show(lambda: bytearray([256]))
show(lambda: bytearray([-1]))
show(lambda: bytearray(['a']))
show(lambda: bytearray(-1))
show(lambda: bytearray('abc'))
show(lambda: bytearray(b'abc', 'utf-8'))
show(lambda: bytearray(1.5))
show(lambda: bytearray('a', 5))
show(lambda: bytearray(1, 2, 3, 4))
show(lambda: bytearray(x=1))
show(lambda: bytearray('\xff', 'ascii'))

# repr / str
print(repr(bytearray(b"it's")), str(bytearray(b'a"b')), bytearray(b'\x00\n\x7f\x80'))

# len, indexing, slicing
ba = bytearray(b'hello world')
print(len(ba), ba[0], ba[-1], ba[1:4], ba[::2], ba[::-1], ba[100:])
show(lambda: ba[11])
show(lambda: ba[-12])
show(lambda: ba['a'])
print(bool(bytearray()), bool(ba))

# item and slice assignment
ba[0] = 72
ba[-1] = ord('D')
print(ba)
ba[1:5] = b'ELLO'
print(ba)
ba[5:6] = bytearray(b'___')
print(ba)
ba[0:0] = [1, 2]
print(ba)
ba[:2] = b''
print(ba)
ba[::2] = b'abcdefg'
print(ba)
ba[2:4] = (120, 121)
print(ba)
ba[1:3] = ba
print(ba)


def setitem(k, v):
    b = bytearray(b'abc')
    b[k] = v
    return b


show(lambda: setitem(0, 256))
show(lambda: setitem(0, -1))
show(lambda: setitem(0, b'a'))
show(lambda: setitem(5, 1))
show(lambda: setitem('x', 1))
show(lambda: setitem(slice(0, 1), 5))
show(lambda: setitem(slice(0, 1), 'x'))
show(lambda: setitem(slice(0, 1), [300]))
show(lambda: setitem(slice(None, None, 2), b'xyz'))
show(lambda: setitem(slice(None, None, -1), b'xyz'))

# deletion
ba = bytearray(b'0123456789')
del ba[0]
print(ba)
del ba[-1]
print(ba)
del ba[2:4]
print(ba)
del ba[::2]
print(ba)
del ba[::-1]
print(ba)


def delitem(k):
    b = bytearray(b'abc')
    del b[k]
    return b


show(lambda: delitem(3))
show(lambda: delitem('a'))

# operators
a = bytearray(b'ab')
print(a + b'cd', a + bytearray(b'ef'), b'xy' + a, type(b'xy' + a).__name__)
print(a * 3, 2 * a, a * 0, a * -1)
show(lambda: a + 'x')
show(lambda: a + 1)
show(lambda: a * 'x')
show(lambda: a * 1.5)
same = a
a += b'cd'
print(a, a is same)
a += bytearray(b'!')
print(same)
a *= 2
print(a, a is same)
try:
    a += 'x'
except TypeError as e:
    print(type(e).__name__, e)
try:
    a *= 'x'
except TypeError as e:
    print(type(e).__name__, e)

# comparisons
print(bytearray(b'abc') == b'abc', b'abc' == bytearray(b'abc'), bytearray(b'a') == bytearray(b'a'))
print(bytearray(b'abc') != b'abd', bytearray(b'abc') < b'abd', b'b' > bytearray(b'a'))
print(bytearray(b'a') <= bytearray(b'a'), bytearray(b'') >= b'', bytearray(b'a') == 'a')
show(lambda: bytearray(b'a') < 'a')
show(lambda: bytearray(b'a') < 1)

# membership and iteration
ba = bytearray(b'hello')
print(104 in ba, 0 in ba, b'ell' in ba, bytearray(b'lo') in ba, b'' in ba, b'xyz' in ba)
print(bytearray(b'el') in b'hello', b'x' in ba)
show(lambda: 300 in ba)
show(lambda: 'h' in ba)
print(list(ba), [x for x in ba], tuple(bytearray(b'\x00\xff')))
print(sorted(bytearray(b'cab')), sum(bytearray(b'\x01\x02')), max(ba))

# hash
show(lambda: hash(bytearray(b'a')))
show(lambda: {bytearray(b'a'): 1})

# conversions
print(bytes(bytearray(b'abc')), bytearray(b'caf\xc3\xa9').decode(), bytearray(b'abc').decode('ascii'))
print(bytearray(b'\xff').decode('utf-8', 'replace'), bytearray(b'\xe9').decode(encoding='latin-1'))
show(lambda: bytearray(b'\xff').decode())
print(isinstance(bytearray(), bytearray), isinstance(bytearray(), bytes))

# mutating methods
ba = bytearray(b'abc')
print(ba.append(100), ba)
ba.extend(b'ef')
ba.extend(bytearray(b'g'))
ba.extend([104, 105])
ba.extend(range(106, 108))
ba.extend(ba[:1])
print(ba)
ba.insert(0, 48)
ba.insert(-1, 49)
ba.insert(100, 50)
ba.insert(-100, 51)
print(ba)
print(ba.pop(), ba.pop(0), ba.pop(-2), ba)
ba.remove(ord('b'))
print(ba)
ba.reverse()
print(ba)
c = ba.copy()
print(c, c is ba, c == ba)
ba.clear()
print(ba, c)
show(lambda: bytearray().pop())
show(lambda: bytearray(b'a').pop(5))
show(lambda: bytearray(b'a').pop('x'))
show(lambda: bytearray(b'a').pop(1, 2))
show(lambda: bytearray(b'a').remove(98))
show(lambda: bytearray(b'a').remove(256))
show(lambda: bytearray().append(256))
show(lambda: bytearray().append(-1))
show(lambda: bytearray().append('a'))
show(lambda: bytearray().append())
show(lambda: bytearray().append(1, 2))
show(lambda: bytearray().extend(1))
show(lambda: bytearray().extend('ab'))
show(lambda: bytearray().extend([1, 256]))
show(lambda: bytearray().insert(0))
show(lambda: bytearray().insert(0, 256))
show(lambda: bytearray().reverse(1))
show(lambda: bytearray().clear(1))

# non-mutating methods: results are bytearrays where CPython gives the receiver's type
ba = bytearray(b'  Hello, World  ')
print(ba.strip(), ba.lstrip(), ba.rstrip(), ba.strip(b' Hd'), ba.strip(bytearray(b' ')))
print(ba.split(), ba.split(b','), ba.rsplit(None, 1), ba.split(bytearray(b'o'), 1))
print(bytearray(b'a\nb\r\nc').splitlines(), bytearray(b'a\nb').splitlines(True))
print(ba.partition(b','), ba.rpartition(b'o'), ba.partition(b'#'))
print(ba.upper(), ba.lower(), ba.swapcase(), bytearray(b'hi there').title(), bytearray(b'hI').capitalize())
print(ba.find(b'o'), ba.rfind(b'o'), ba.find(111), ba.find(b'z'), ba.index(b'W'), ba.rindex(b'l'), ba.count(b'l'))
print(ba.find(bytearray(b'World')), ba.count(b'o', 0, 8))
show(lambda: ba.index(b'z'))
show(lambda: ba.find(300))
show(lambda: ba.find('o'))
print(ba.startswith(b'  H'), ba.endswith((b'x', b'  ')), ba.startswith(bytearray(b' ')))
show(lambda: ba.startswith('x'))
print(ba.replace(b'l', b'L'), ba.replace(b'l', bytearray(b''), 2), ba.replace(b'', b'.', 3))
print(bytearray(b', ').join([b'a', bytearray(b'b'), b'c']), bytearray(b'').join([]))
show(lambda: bytearray(b',').join(['a']))
print(bytearray(b'abcd').removeprefix(b'ab'), bytearray(b'abcd').removesuffix(b'cd'), bytearray(b'abcd').removeprefix(b'x'))
print(bytearray(b'\x01\xab\xff').hex(), bytearray(b'\x01\x02\x03').hex(':'), bytearray(b'\x01\x02\x03').hex('-', 2))
print(bytearray.fromhex('01 ff AB'), bytearray().fromhex('00'))
show(lambda: bytearray.fromhex('0g'))
print(bytearray(b'12').zfill(5), bytearray(b'-1').zfill(4), bytearray(b'ab').center(6, b'*'))
print(bytearray(b'ab').ljust(4), bytearray(b'ab').rjust(4, bytearray(b'-')), bytearray(b'a\tb').expandtabs(4))
print(bytearray(b'123').isdigit(), bytearray(b'abc').isalpha(), bytearray(b'a1').isalnum(), bytearray(b' ').isspace())
print(bytearray(b'AB').isupper(), bytearray(b'ab').islower(), bytearray(b'Ab Cd').istitle(), bytearray(b'\x80').isascii())
show(lambda: bytearray(b'a').upper(1))
show(lambda: bytearray(b'a').strip(1))
show(lambda: bytearray(b'a').split('x'))
x = bytearray(b'abc')
y = x.upper()
y[0] = 0
print(x, y, x.strip() is x, x.ljust(1) is x)

# bytes methods accept bytearray arguments
print(b'a,b'.split(bytearray(b',')), b'abc'.find(bytearray(b'c')), b'xax'.strip(bytearray(b'x')))
print(b'-'.join([bytearray(b'a'), b'b']), b'abc'.replace(bytearray(b'b'), bytearray(b'B')))
print(b'abc'.startswith(bytearray(b'ab')), bytes(3) + bytearray(b'x'))
print(repr(bytearray(b'\'"\\\t\r')), repr(bytearray(b'\\')))
