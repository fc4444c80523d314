# Building lists in loops; mixing types; str() of nested lists.
rows = []
for i in range(4):
    row = []
    for j in range(4):
        row.append(i * j)
    rows.append(row)
print(rows)
mixed = [1, 'two', 3.0, [4], None, True, -0.0, 1e16]
print(mixed)
print(len(mixed), mixed[1][0], mixed[3][0])
