# iter(callable, sentinel) and reversed() over dicts.
data = iter([3, 2, 1, 0, 5, 6])
print(list(iter(data.__next__, 0)), list(data))
calls = []


def reader():
    calls.append(1)
    return len(calls) if len(calls) < 4 else ""


print(list(iter(reader, "")), len(calls))
it = iter(reader, "")
print(next(it, "done"))
try:
    iter(5, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    iter(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(d)), list(reversed({})))
print([k for k in reversed(d) if k != "b"])

# __import__, what the import statement runs.
m = __import__("math")
print(m.pi, __import__("sys") is __import__("sys"))
try:
    __import__("no_such_mod_x")
except ImportError as e:
    print(type(e).__name__, e)
try:
    __import__("")
except ValueError as e:
    print("ValueError:", e)

# reversed() finds dict.__reversed__, as for any type that defines it.
class D(dict):
    pass
print(list(reversed(D(a=1, b=2))), hasattr(dict, "__reversed__"))
r = {"x": 1}.__reversed__()
print(next(r))
