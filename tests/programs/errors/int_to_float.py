# OverflowError: an int too large for float division.
big = 10 ** 400
print(big // 3 > 0)
print(big / 3)
