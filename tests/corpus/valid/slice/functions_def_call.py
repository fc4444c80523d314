# def with positional parameters, return values, functions calling functions.
def add(a, b):
    return a + b
def twice(x):
    return add(x, x)
def greet(name, greeting):
    print(greeting, name)
print(add(2, 3), add('a', 'b'), add([1], [2]))
print(twice(21), twice(1.5), twice('ab'))
greet('world', 'hello')
def no_args():
    return 'no args'
print(no_args())
def many(a, b, c, d, e):
    return a - b + c - d + e
print(many(1, 2, 3, 4, 5))
