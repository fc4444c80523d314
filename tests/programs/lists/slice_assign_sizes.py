# Slice assignment of the same size overwrites in place; other sizes splice;
# slice bounds from inline ints, bools and huge ints.
a = list(range(6))
a[:3] = a[2::-1]; print(a)
a[1:3] = [9]; print(a)
a[1:1] = [7, 7]; print(a)
a[:] = a; print(a)
a[0:3] = a[:3]; print(a)
b = [1, 2, 3]; b[0:3] = b; print(b)
a[5:2] = [0]; print(a)
a[-2:] = (x for x in "ab"); print(a)
a[True:2] = []; print(a)
try:
    a[::2] = [1]
except ValueError as e:
    print(e)
print(a[1:4], a[::-1], a[-100:100], a[2**70:], a[:-2**70])
