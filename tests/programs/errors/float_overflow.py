# OverflowError: a float power that overflows.
print(10.0 ** 300)
print(10.0 ** 400)
