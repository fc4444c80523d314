# Assignment, chained assignment, rebinding to another type, swapping through temporaries.
a = 1
b = a
a = 'now a string'
print(a, b)
x = y = z = 7
print(x, y, z)
t = x
x = y + 1
y = t * 2
print(x, y)
_private = 3
CamelCase = 4
name_with_digits2 = 5
print(_private + CamelCase + name_with_digits2)
é = 'unicode name'
print(é)
