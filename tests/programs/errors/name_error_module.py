# A NameError at module level, after some output.
total = 0
for i in range(3):
    total += i
print(total)
print(totl_xyz)
