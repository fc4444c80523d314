# Truth values of every slice type.
for v in [0, 1, -1, 0.0, -0.0, 0.5, '', 'a', [], [0], None, True, False]:
    if v:
        print('truthy', v)
    else:
        print('falsy', v)
print(not 0, not 1, not '', not 'x', not [], not [1], not None)
