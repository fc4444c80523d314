# / on ints always gives a float.
print(6 / 3, 7 / 2, -7 / 2, 1 / 3, 2 / 3)
print(0 / 5, -0 / 5, 10 / -4)
print(1 / 7, 22 / 7)
print(9007199254740993 / 1)
print(2 ** 70 / 2 ** 10)
