# List + and *, append, len, equality, lists of lists share items.
a = [1, 2]
b = a + [3, 4]
print(a, b, a * 2, [0] * 5, [] * 3, 2 * [None])
a.append(3)
a.append([4, 5])
print(a, len(a), len([]), len([[], []]))
shared = [[0]] * 3
shared[0].append(1)
print(shared)
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1, [2]] == [1, [2]])
empty = []
for i in range(5):
    empty.append(i * i)
print(empty, len(empty))
