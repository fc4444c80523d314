import _greet

print(_greet.greet("world"))
print(_greet.GREETING, _greet.count)
print(_greet.__name__)
print(_greet.__file__.endswith("_greet.py"))
