# IndexError: string index out of range with a negative index.
s = 'abc'
print(s[-3])
print(s[-4])
