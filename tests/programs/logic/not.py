# not always returns a bool; precedence against comparisons and and/or.
print(not True, not False, not 0, not 42, not '', not 'x', not None)
print(not not 3, not not [], not 1 == 2, not (1 == 2) and True)
print(not 1 or 2, not (1 or 2), (not 1) or 0)
x = 0
if not x:
    print('x is falsy')
