# A plain "invalid syntax" on the third line.
x = 1
y = = 2
print(x)
