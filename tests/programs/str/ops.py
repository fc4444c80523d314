# String + and *, len, comparisons, in.
s = 'abc'
print(s + 'def', s * 3, 3 * s, s * 0, s * -2)
print(len(s), len(''), len('é中😀'))
print('abc' < 'abd', 'abc' < 'ab', 'B' < 'a', 'abc' == 'abc', 'a' != 'b')
print('b' in 'abc', 'bc' in 'abc', 'ac' in 'abc', '' in 'abc', 'x' not in 'abc')
t = ''
for ch in 'xyz':
    t = ch + t
print(t)
