# bytes literals, repr, len, indexing, slicing, +, *, comparisons, hashing, iteration.
b = b'hello'
print(b, repr(b), str(b), len(b), type(b).__name__)
print(b'', b'\x00\x01\x7f\x80\xff', b'\t\n\r\\', b"'", b'"', b'\'"', rb'\n', b'a' b'c')
print(b[0], b[-1], b[1:3], b[::-1], b[::2], b[10:], b[-3:], type(b[0]).__name__)
print(b + b' world', b * 3, 3 * b'ab', b'ab' * 0, b'ab' * -2, b'' * 5)
x = b'ab'
x += b'cd'
x *= 2
print(x)
print(b'abc' == b'abc', b'abc' != b'abd', b'abc' < b'abd', b'ab' < b'abc', b'b' > b'abc',
      b'' <= b'', b'\xff' > b'\x00', b'a' == 'a', b'a' != 'a')
print(hash(b'abc') == hash('abc'), hash(b''), hash(b'abc'), hash(b'\xff\x00'), hash(b'\xe9') == hash('\xe9'))
print({b'k': 1}[b'k'], b'k' in {b'k'}, {b'a', b'a', b'b'} == {b'b', b'a'})
print(list(b'abc'), [c for c in b'\x00\xff'], sum(b'\x01\x02'), sorted(b'cab'), tuple(b'hi'))
print(97 in b'abc', 100 in b'abc', b'bc' in b'abc', b'' in b'abc', b'ca' in b'abc', b'abc' in b'ab')
print(bool(b''), bool(b'\x00'), min(b'hello'), max(b'hello'))
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes((255, 0)), bytes(b'copy'))
print(bytes('héllo', 'utf-8'), bytes('abc', 'ascii'), bytes('é', 'latin-1'), bytes('x', encoding='utf-8'))
print(bytes(x for x in [104, 105]), bytes({7: 0}), bytes(True), bytes(n := 2), n)
for c in b'hi':
    print(c, chr(c))
print(isinstance(b'', bytes), b'%s' if False else b'done')
