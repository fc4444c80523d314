# TypeError: calling a value that is not callable.
count = 5
print(count)
count(3)
