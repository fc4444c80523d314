# TypeError: arithmetic on the None a function without return gives back.
def no_result(x):
    x * 2

print(no_result(4) + 1)
