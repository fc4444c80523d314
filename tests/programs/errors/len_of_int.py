# TypeError: len() of an int.
values = [3, 'abc', [1, 2]]
for v in values:
    print(v)
print(len(values[0]))
