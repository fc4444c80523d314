# in / not in on lists and strings.
xs = [1, 2, 3, 'a', None, 2.5]
print(1 in xs, 4 in xs, 'a' in xs, None in xs, 2.5 in xs, 1.0 in xs, True in xs)
print(4 not in xs, 1 not in xs)
print('ell' in 'hello', 'hello' in 'hello', 'olleh' in 'hello', '' in '')
print([1, 2] in [[1, 2], [3]], [2] in [[1, 2]])
print(not 1 in xs)
