# print with zero, one and several arguments of mixed types.
print()
print('one')
print('a', 1, 2.5, None, True, [1, 'x'])
print('', '')
print(1, '', 2)
print('multi', 'ple', 'args', 'with', 'spaces')
