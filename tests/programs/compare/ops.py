# All six comparison operators on ints, floats, strings and lists.
for a in [1, 2, 3]:
    print(a < 2, a <= 2, a == 2, a != 2, a > 2, a >= 2)
print('a' < 'b', 'abc' <= 'abc', 'z' > 'aa', 'Z' < 'a')
print([1, 2] < [1, 3], [1, 2] == [1, 2], [1] < [1, 0], [] < [0], [2] > [1, 9])
print(1 == 1.0, 1 == 'a', 'a' != 1, [1] != [1.0], None == None)
