# bytes methods: results, edge cases and CPython's error messages.
def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class MyBytes(bytes):
    pass


# hex
print(b''.hex(), b'\x00\x01\xab\xff'.hex())
print(b'abcde'.hex(':'), b'abcde'.hex(':', 2), b'abcde'.hex(':', -2))
print(b'abcde'.hex(b'-', 0), b'abcde'.hex(' ', 5), b'abcde'.hex(' ', -7))
print(b'ab'.hex(sep=':', bytes_per_sep=1), b'ab'.hex(bytes_per_sep=2), b'abc'.hex(':', True))
print(b'abcdef'.hex(sep='_', bytes_per_sep=Idx(3)), b''.hex(':'))
check(lambda: b'ab'.hex(1))
check(lambda: b'ab'.hex(None))
check(lambda: b'ab'.hex(''))
check(lambda: b'ab'.hex('ab'))
check(lambda: b'ab'.hex('\xe9'))
check(lambda: b'ab'.hex('\u20ac'))
check(lambda: b'ab'.hex(b'\xe9'))
check(lambda: b'ab'.hex([1]))
check(lambda: b'ab'.hex(['a', 'b']))
check(lambda: b'ab'.hex(':', 'x'))
check(lambda: b'ab'.hex(':', 1.0))
check(lambda: b'ab'.hex(':', 2**31))
check(lambda: b'ab'.hex(':', -2**31 - 1))
check(lambda: b'ab'.hex(':', 2**70))
check(lambda: b'ab'.hex(':', 1, 2))
check(lambda: b'ab'.hex(foo=1))
check(lambda: b'ab'.hex(':', sep=':'))
check(lambda: bytes.hex())
check(lambda: bytes.hex('x'))
print(bytes.hex(b'\x10'), MyBytes(b'\x01\x02').hex('.'))

# fromhex
print(bytes.fromhex(''), bytes.fromhex('   '), bytes.fromhex('0a0B Ff'))
print(bytes.fromhex(' 01\t\nff\x0b\x0c '), b'zz'.fromhex('ab cd'))
check(lambda: bytes.fromhex('1'))
check(lambda: bytes.fromhex('0 1'))
check(lambda: bytes.fromhex('01 zz'))
check(lambda: bytes.fromhex('01\x1cff'))
check(lambda: bytes.fromhex('0\xe9'))
check(lambda: bytes.fromhex('zz \xe9'))
check(lambda: bytes.fromhex('\ud800'))
check(lambda: bytes.fromhex(b'01'))
check(lambda: bytes.fromhex(1))
check(lambda: bytes.fromhex())
check(lambda: bytes.fromhex('01', '02'))
check(lambda: bytes.fromhex(string='01'))
print(bytes.fromhex(b'\x00\x7f\x80\xff'.hex()) == b'\x00\x7f\x80\xff')

# split / rsplit
print(b'  a b\tc\n\x0bd\x0c\re  '.split(), b'a\x1cb c'.split(), b''.split(), b'   '.split())
print(b'  a  b  c  '.split(None, 1), b'  a  b  c  '.rsplit(None, 1))
print(b'  a  b  c  '.split(maxsplit=0), b'  a  b  c  '.rsplit(maxsplit=0))
print(b'a,b,,c,'.split(b','), b'a,b,,c,'.rsplit(b','), b''.split(b','))
print(b'a,b,,c'.split(b',', 1), b'a,b,,c'.rsplit(b',', 1), b'a,b,,c'.split(b',', -5))
print(b'aXXbXXXc'.split(b'XX'), b'aXXbXXXc'.rsplit(b'XX'), b'  '.split(b' '))
print(b'a b'.split(sep=b' ', maxsplit=0), b'a b c'.rsplit(sep=None, maxsplit=Idx(1)))
print(b'a1b1c'.split(b'1', 10), b'abc'.split(b'abcd'), b'abc'.split(None))
check(lambda: b'a b'.split('x'))
check(lambda: b'a b'.split(1))
check(lambda: b'a b'.split(b''))
check(lambda: b'a b'.rsplit(b''))
check(lambda: b'a b'.rsplit('b'))
check(lambda: b'a b'.split(maxsplit='x'))
check(lambda: b'a b'.split(maxsplit=2**70))
check(lambda: b'a b'.split(None, 1, 2))
check(lambda: b'a b'.split(None, 1, sep=None))
check(lambda: b'a b'.split(x=1))
check(lambda: b'a b'.rsplit(b' ', maxsplit=1, sep=b' '))
check(lambda: bytes.split('a b'))

# splitlines
print(b'a\rb\r\nc\n\nd'.splitlines(), b'a\rb\r\nc\n\nd\r'.splitlines(True))
print(b''.splitlines(), b'\n'.splitlines(), b'\n'.splitlines(keepends=1), b'x\r\r\n'.splitlines(2))
print(b'a\x0bb\x0c\x1cc'.splitlines())
check(lambda: b'abc'.splitlines('x'))
check(lambda: b'abc'.splitlines(1.5))
check(lambda: b'abc'.splitlines(2**40))
check(lambda: b'abc'.splitlines(x=1))
check(lambda: b'abc'.splitlines(1, 2))

# partition / rpartition
print(b'a=b=c'.partition(b'='), b'a=b=c'.rpartition(b'='))
print(b'abc'.partition(b'x'), b'abc'.rpartition(b'x'), b'abab'.partition(b'ab'), b'abab'.rpartition(b'ab'))
check(lambda: b'abc'.partition('a'))
check(lambda: b'abc'.partition(b''))
check(lambda: b'abc'.rpartition(b''))
check(lambda: b'abc'.partition())
check(lambda: b'abc'.rpartition(b'a', b'b'))

# strip
print(b' \t\n\x0b\x0c\ra b \r\n'.strip(), b'\x1c a \x1c'.strip(), b'  x  '.lstrip(), b'  x  '.rstrip())
print(b'xyaxbyx'.strip(b'xy'), b'xyaxbyx'.lstrip(b'xy'), b'xyaxbyx'.rstrip(b'xy'), b'abc'.strip(b''))
print(b'abc'.lstrip(None), b''.strip(), b'aaa'.strip(b'a'))
check(lambda: b'a b'.strip('x'))
check(lambda: b'a b'.lstrip(1))
check(lambda: b'a b'.rstrip(b'a', b'b'))
check(lambda: b'a b'.strip(chars=b'a'))

# join
print(b'-'.join([b'a', b'bc', b'']), b''.join([]), b', '.join(iter([b'x'])), b'ab'.join((b'1', b'2', b'3')))
print(b'.'.join(MyBytes(b'q') for _ in range(3)), bytes.join(b'+', [b'a', b'b']))
check(lambda: b'-'.join(['a']))
check(lambda: b'-'.join([b'a', 1]))
check(lambda: b'-'.join('ab'))
check(lambda: b'-'.join(5))
check(lambda: b'-'.join())
check(lambda: b'-'.join([b'a'], 1))

# find / rfind / index / rindex / count
s = b'abcabcab'
print(s.find(b'ca'), s.rfind(b'ca'), s.find(b'x'), s.rfind(b'x'), s.find(b''), s.rfind(b''))
print(s.find(98), s.rfind(98), s.find(b'b', 2), s.find(b'b', 2, 4), s.find(b'b', 2, 3), s.rfind(98, -2))
print(s.find(b'ab', -3), s.find(b'ab', -100, 100), s.find(b'', 8), s.find(b'', 9), s.rfind(b'', 1, 2))
print(s.find(b'a', None, None), s.find(b'a', 2**70), s.find(b'', -2**70), s.find(True), s.find(Idx(99)))
print(s.find(b'b', Idx(2), Idx(-1)), s.index(b'c'), s.rindex(b'c'), s.index(97, 1), s.rindex(97, 0, 7))
print(s.count(b'ab'), s.count(97), s.count(b''), s.count(b'', 4), s.count(b'', 2, 1), s.count(b'', 9))
print(b'aaaa'.count(b'aa'), b'x'.count(b'', -10, 100), s.count(b'a', 1, -1), s.count(b'a', None, None))
check(lambda: s.index(b'z'))
check(lambda: s.rindex(b'z'))
check(lambda: s.index(97, 7))
check(lambda: s.find())
check(lambda: s.find('a'))
check(lambda: s.find(1.5))
check(lambda: s.find(300))
check(lambda: s.find(-1))
check(lambda: s.count(2**70))
check(lambda: s.rfind(Idx(256)))
check(lambda: s.find(b'a', 'x'))
check(lambda: s.find(b'a', 1.5))
check(lambda: s.count(b'a', 0, 'x'))
check(lambda: s.find(b'a', 1, 2, 3))
check(lambda: s.rindex(b'a', start=1))
check(lambda: s.count())
check(lambda: s.count('a'))
check(lambda: bytes.find('abc', b'a'))

# replace
print(b'abcabc'.replace(b'b', b'XY'), b'abcabc'.replace(b'bc', b''), b'abcabc'.replace(b'b', b'-', 1))
print(b'abc'.replace(b'', b'-'), b'abc'.replace(b'', b'-', 2), b''.replace(b'', b'-'), b''.replace(b'', b'-', 0))
print(b'aaa'.replace(b'aa', b'b'), b'abc'.replace(b'x', b'y'), b'abc'.replace(b'a', b'b', 0), b'abc'.replace(b'a', b'z', -1))
print(b'abc'.replace(b'abc', b''), b'abab'.replace(b'ab', b'ba', Idx(1)))
check(lambda: b'abc'.replace('a', b'b'))
check(lambda: b'abc'.replace(b'a', 'b'))
check(lambda: b'abc'.replace(b'a'))
check(lambda: b'abc'.replace(b'a', b'b', 'x'))
check(lambda: b'abc'.replace(b'a', b'b', 2**70))
check(lambda: b'abc'.replace(b'a', b'b', count=1))
check(lambda: b'abc'.replace(b'a', b'b', 1, 2))

# startswith / endswith
t = b'hello world'
print(t.startswith(b'hello'), t.startswith(b'world'), t.endswith(b'world'), t.endswith(b'hello'))
print(t.startswith((b'x', b'he')), t.endswith((b'x', b'y')), t.startswith(()), t.startswith(b'world', 6))
print(t.startswith(b'wor', 6, 9), t.startswith(b'wor', 6, 8), t.endswith(b'lo', 0, 5), t.endswith(b'lo', 0, -6))
print(t.startswith(b'', 11), t.startswith(b'', 12), t.endswith(b'', 3, 2), t.startswith(b'h', None, None))
print(t.startswith(b'h', -100), t.endswith(b'd', -1, 2**70), t.startswith((b'h', 'x')))
check(lambda: t.startswith('h'))
check(lambda: t.endswith(1))
check(lambda: t.startswith(('h',)))
check(lambda: t.endswith((b'x', 'x')))
check(lambda: t.startswith(b'h', 'x'))
check(lambda: t.startswith())
check(lambda: t.endswith(b'h', 1, 2, 3))
check(lambda: t.startswith(b'h', start=1))

# case mapping
u = b'hELLo wORLD 3rd x\xe9y_z'
print(u.upper(), u.lower(), u.swapcase(), u.capitalize(), u.title())
print(b''.upper(), b'\xe9hello'.capitalize(), b'123abc'.capitalize(), b"they're bill's".title())
print(bytes.upper(b'x'), type(MyBytes(b'a').upper()).__name__)
check(lambda: b'abc'.upper(1))
check(lambda: b'abc'.lower(x=1))
check(lambda: bytes.title())
check(lambda: bytes.swapcase('x'))

# classification
for v in [b'', b'123', b'12a', b'abc', b'aBc', b'ABC', b'AB1', b'ab1', b'1', b' \t\n\x0b\x0c\r', b'\x1c',
          b'\xe9', b'Ab Cd', b'AbC', b'A1b', b'a b']:
    print(v, v.isdigit(), v.isalpha(), v.isalnum(), v.isspace(), v.isupper(), v.islower(), v.istitle(), v.isascii())
check(lambda: b'abc'.isdigit(1))
check(lambda: b'abc'.isalpha(x=1))

# padding
print(b'abc'.center(6, b'*'), b'abc'.center(7, b'*'), b'ab'.center(5, b'*'), b'ab'.center(6), b'abcd'.center(7, b'*'))
print(b'abc'.ljust(6, b'.'), b'abc'.rjust(6, b'.'), b'abc'.ljust(2), b'abc'.rjust(-1), b'abc'.center(Idx(5)))
print(b'42'.zfill(5), b'-42'.zfill(6), b'+42'.zfill(6), b'+'.zfill(3), b''.zfill(3), b'abc'.zfill(-5), b'-'.zfill(1))
check(lambda: b'abc'.center(5, 'x'))
check(lambda: b'abc'.center(5, b'xy'))
check(lambda: b'abc'.ljust(5, 1))
check(lambda: b'abc'.rjust('x'))
check(lambda: b'abc'.rjust())
check(lambda: b'abc'.center(5, b'x', 1))
check(lambda: b'abc'.center(5, fillchar=b'x'))
check(lambda: b'abc'.center(2**70))
check(lambda: b'abc'.zfill('x'))
check(lambda: b'abc'.zfill(1.0))
check(lambda: b'abc'.zfill())
check(lambda: b'abc'.zfill(1, 2))
check(lambda: b'abc'.zfill(-2**70))

# expandtabs
print(b'a\tbc\t\n\tx\r\ty'.expandtabs(), b'a\tbc\t\n\tx\r\ty'.expandtabs(4), b'a\tb'.expandtabs(tabsize=1))
print(b'a\tb'.expandtabs(0), b'a\tb'.expandtabs(-1), b'no tabs'.expandtabs(), b'\t\t'.expandtabs(3))
check(lambda: b'abc'.expandtabs('x'))
check(lambda: b'abc'.expandtabs(2**40))
check(lambda: b'abc'.expandtabs(x=4))
check(lambda: b'abc'.expandtabs(4, 4))

# removeprefix / removesuffix
print(b'prefix-body'.removeprefix(b'prefix-'), b'body'.removeprefix(b'x'), b'body'.removeprefix(b''))
print(b'body.py'.removesuffix(b'.py'), b'body'.removesuffix(b'x'), b'body'.removesuffix(b''), b'ab'.removesuffix(b'ab'))
check(lambda: b'abc'.removeprefix('a'))
check(lambda: b'abc'.removesuffix(1))
check(lambda: b'abc'.removeprefix())
check(lambda: b'abc'.removesuffix(b'c', x=1))
