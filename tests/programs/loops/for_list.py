# for over lists and strings, nested loops, break and continue in nested loops.
for word in ['alpha', 'beta', 'gamma']:
    print(word, len(word))
for ch in 'hi!':
    print(ch)
for i in [1, 2, 3]:
    for j in [10, 20, 30]:
        if j == 20:
            continue
        if i == 2:
            break
        print(i, j)
found = None
for x in [4, 8, 15, 16, 23, 42]:
    if x % 2 == 1:
        found = x
        break
print('first odd', found)
