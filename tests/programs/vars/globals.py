# Functions read module-level variables; locals shadow them.
counter = 10
def read():
    return counter + 1
def shadow():
    counter = 99
    return counter
print(read(), shadow(), counter)
counter = 20
print(read())
