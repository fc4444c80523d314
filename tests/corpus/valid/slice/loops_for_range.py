# for over range() with 1, 2 and 3 arguments, negative steps, empty ranges.
for i in range(5):
    print(i)
total = 0
for i in range(1, 101):
    total += i
print(total)
for i in range(10, 0, -3):
    print(i)
for i in range(0):
    print('never')
for i in range(5, 5):
    print('never')
for i in range(-3, 3, 2):
    print(i)
print(i)
