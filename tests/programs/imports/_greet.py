# Helper module for the imports programs: module-level code prints once.
print("loading _greet")

GREETING = "hello"
count = 0


def greet(name):
    global count
    count += 1
    return GREETING + ", " + name


def fail(n):
    return 10 // n
