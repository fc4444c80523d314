# TypeError: can't multiply sequence by non-int.
print([0] * 3)
print([0] * 2.5)
