# A class's __dict__ (and vars(cls)) is a read-only, live mappingproxy.
class A:
    """Doc."""
    x = 1

    def m(self):
        return 2


d = A.__dict__
print(type(d).__name__, d["x"], "m" in d, "zz" in d, d.get("x"), d.get("nope", "dflt"))
print(sorted(k for k in d if not k.startswith("__")), sorted(vars(A))[-2:])
A.y = 5
print(d["y"], len(d) == len(vars(A)))
try:
    d["x"] = 2
except TypeError as e:
    print("TypeError:", e)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
c = d.copy()
print(type(c).__name__, c["x"], sorted(k for k in d.keys() if k in ("x", "y")))
print(sorted(v for k, v in d.items() if k in ("x", "y")))
print(vars(A) is not A.__dict__, A.__dict__["m"](None))


class B(A):
    z = 3


print("x" in B.__dict__, "z" in B.__dict__, B.__dict__["__doc__"])
print(repr(type("E", (), {"k": 1}).__dict__).startswith("mappingproxy({"))
