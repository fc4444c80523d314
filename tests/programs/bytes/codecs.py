# bytes.decode / str.encode for utf-8, ascii and latin-1, and their errors.
def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

check(lambda: b'abc'.decode())
check(lambda: b'h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80'.decode())
check(lambda: b'h\xc3\xa9llo'.decode('utf-8'))
check(lambda: b'h\xc3\xa9llo'.decode('UTF8'))
check(lambda: b'h\xc3\xa9llo'.decode(encoding='utf_8'))
check(lambda: b'abc'.decode('ascii'))
check(lambda: b'\xe9\xff'.decode('latin-1'))
check(lambda: b'\xe9\xff'.decode('ISO-8859-1'))
check(lambda: b'\xe9\xff'.decode('latin1'))
check(lambda: b'\xff'.decode())
check(lambda: b'\xe2\x82'.decode())
check(lambda: b'a\xe2\x82\x28'.decode())
check(lambda: b'\xed\xa0\x80'.decode())
check(lambda: b'\xf0\x90\x80'.decode())
check(lambda: b'\xc0\x80'.decode())
check(lambda: b'ok\x80'.decode())
check(lambda: b'\x80abc'.decode('ascii'))
check(lambda: b'a\x80\x81c'.decode('ascii'))
check(lambda: b'a\xffb\xe2\x82'.decode('utf-8', 'replace'))
check(lambda: b'a\xffb\xe2\x82'.decode('utf-8', 'ignore'))
check(lambda: b'a\xffb'.decode('ascii', 'replace'))
check(lambda: b'a\xffb'.decode(errors='ignore'))
check(lambda: b'abc'.decode('utf-8', 'bogus'))
check(lambda: b'\xff'.decode('utf-8', 'bogus'))
check(lambda: b'x'.decode('foo'))
check(lambda: b'x'.decode(1))
check(lambda: b'x'.decode('utf-8', 'strict', 3))
check(lambda: 'abc'.encode())
check(lambda: 'h\xe9llo \u20ac \U0001f600'.encode())
check(lambda: 'h\xe9llo \u20ac \U0001f600'.encode('utf-8'))
check(lambda: 'abc'.encode('ascii'))
check(lambda: 'caf\xe9'.encode('latin-1'))
check(lambda: 'caf\xe9'.encode('ascii'))
check(lambda: 'a\xe9\u20ac\U0001f600b'.encode('ascii'))
check(lambda: 'a\xe9\u20ac'.encode('latin-1'))
check(lambda: 'a\u20ac\U0001f600x'.encode('latin-1'))
check(lambda: 'a\U0001f600'.encode('latin-1'))
check(lambda: 'a\xe9b'.encode('ascii', 'replace'))
check(lambda: 'a\xe9\u20acb'.encode('ascii', 'ignore'))
check(lambda: 'a\xe9'.encode('ascii', 'bogus'))
check(lambda: 'a'.encode('utf-9'))
check(lambda: 'a'.encode(1))
check(lambda: 'a'.encode(errors=2))
check(lambda: 'h\xe9'.encode('utf-8').decode('utf-8') == 'h\xe9')
check(lambda: bytes('\xe9', 'ascii'))
check(lambda: bytes('x', 'foo'))
check(lambda: bytes('\xe9', 'ascii', 'replace'))
try:
    b'\xff'.decode()
except UnicodeDecodeError as e:
    print('caught', type(e).__name__, isinstance(e, UnicodeError), isinstance(e, ValueError))
try:
    '\xff'.encode('ascii')
except UnicodeError as e:
    print('caught', type(e).__name__, e)
try:
    b'x'.decode('nope')
except LookupError as e:
    print('caught', type(e).__name__, e)
try:
    b'ab\xe2\x82'.decode()
except UnicodeDecodeError as e:
    print(repr(e), e.args, e.encoding, e.object, e.start, e.end, e.reason)
try:
    'x\u20ac\u20acy'.encode('latin-1')
except UnicodeEncodeError as e:
    print(repr(e), e.args, e.encoding, e.object, e.start, e.end, e.reason)
print(UnicodeDecodeError('utf-8', b'ab', 0, 2, 'bad'), UnicodeEncodeError('ascii', 'xy', 1, 2, 'no'))
b'caf\xc3'.decode()
