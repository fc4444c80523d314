# True and False are ints: arithmetic, comparisons, str.
print(True, False)
print(True + True, True * 10, False - 1, -True, ~True)
print(True == 1, False == 0, True > False, True is True)
print(True / 2, True // 2, True % 2, 2 ** True)
t = True
f = False
print(t and f, t or f, not t, not f)
