# Lone surrogates: compiled from literals and computed, as CPython keeps them.
x = '\ud800'
print(len(x), repr(x), ord(x), ascii(x))
print(x == chr(0xd800), hash(x) == hash(chr(0xd800)), x is not chr(0xd800))
y = 'a\udc80b'
print(repr(y[1]), len(y), repr(y[::-1]), repr(y[1:]), y[0] + y[2])
# A high and a low surrogate side by side stay two code points.
pair = '\ud83d' + '\ude00'
print(len(pair), repr(pair), pair == '\U0001f600', pair < '\U0001f600', ord(pair[1]))
print(repr('\ud83d\ude00'), len('\ud83d\ude00'))
print(hash('\ud800'), hash('a\udc80b'), hash('\udfff\U0001f600'))
print(sorted(['\ud800', 'z', '\uffff', '\U00010000', 'é', '\udfff']))
print({x: 1, y: 2}[chr(0xd800)], {'\ud800', chr(55296)} == {x})
print(repr(f'<{x}>'), repr(f'{y!s}'), repr(f'{y!r}'), repr(x + 'z'), repr(x * 3))
print('\udc80' in y, 'b' in y, y.find('b'), y.find('\udc80'), y.count('\udc80'))
print(repr('-'.join([x, y, 'é'])), repr('a\ud800b'.replace('\ud800', '')))
print(y.startswith('a\udc80'), y.endswith('\udc80b'), repr(str(x)), repr(format(y)))
print([hex(ord(c)) for c in 'é\ud800😀\udfff'])
e = ValueError(x)
print(repr(str(e)), repr(e.args[0]))
# Encoding: strict fails as in CPython; surrogatepass and surrogateescape round-trip.
try:
    x.encode()
except UnicodeEncodeError as err:
    print(err, err.start, err.end, repr(err.object))
try:
    'ok\udc80\udc81!'.encode('utf-8')
except UnicodeEncodeError as err:
    print(err)
try:
    'a\ud800'.encode('ascii')
except UnicodeEncodeError as err:
    print(err)
print(x.encode('utf-8', 'surrogatepass'), b'\xed\xa0\x80'.decode('utf-8', 'surrogatepass') == x)
print(repr(b'a\x80\xffb'.decode('utf-8', 'surrogateescape')))
print('a\udc80\udcffb'.encode('utf-8', 'surrogateescape'))
print(y.encode('utf-8', 'replace'), y.encode('utf-8', 'ignore'))
try:
    b'\xed\xa0\x80'.decode('utf-8')
except UnicodeDecodeError as err:
    print(err)
print(chr(0xdbff) + chr(0xdc00) != '\U0010fc00')
