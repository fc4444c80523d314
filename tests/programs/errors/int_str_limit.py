# ValueError: converting an int past 4300 digits to str (CPython 3.11's limit).
ok = 10 ** 4299
print(len(str(ok)))
too_big = 10 ** 4300
print(len(str(too_big)))
