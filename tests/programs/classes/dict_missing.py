# __missing__ on dict subclasses: d[k] for an absent key calls type(d).__missing__.
import collections


class Zero(dict):
    def __missing__(self, key):
        return 0


z = Zero(a=1)
print(z["a"], z["b"])
print("b" in z, z.get("b"), z.get("b", "dflt"))
print(sorted(z.items()))


calls = []


class Recording(dict):
    def __missing__(self, key):
        calls.append(key)
        value = self[key] = len(str(key))
        return value


r = Recording()
print(r["hello"], r["hi"], r["hello"])
print(calls, sorted(r.items()))
print(r.setdefault("new", 5), calls)
print(r.pop("zzz", None), calls)


# A subscript in a loop (the specialized dict subscript must not hide __missing__).
def total(d, keys):
    s = 0
    for k in keys:
        s += d[k]
    return s


plain = {"x": 1, "y": 2}
print(total(plain, ["x", "y"] * 20))
print(total(Zero(plain), ["x", "y", "q"] * 20))
try:
    total(plain, ["x", "nope"])
except KeyError as e:
    print("KeyError", e)


# No __missing__: a subclass raises KeyError as dict does.
class Plain(dict):
    pass


try:
    Plain(a=1)["b"]
except KeyError as e:
    print(type(e).__name__, e)


# __missing__ that raises.
class Strict(dict):
    def __missing__(self, key):
        raise LookupError(f"no {key!r} here")


try:
    Strict()["k"]
except LookupError as e:
    print(type(e).__name__, e)


# Inherited __missing__, and an override in a subclass.
class Child(Zero):
    pass


class Upper(Zero):
    def __missing__(self, key):
        return key.upper()


print(Child()["q"], Upper()["q"], Upper(q=3)["q"])


# __missing__ defined after the class was made, and removed again.
class Later(dict):
    pass


lt = Later()
try:
    lt["a"]
except KeyError as e:
    print("before:", type(e).__name__, e)
Later.__missing__ = lambda self, key: ("late", key)
print(lt["a"])
del Later.__missing__
try:
    lt["a"]
except KeyError as e:
    print("after:", type(e).__name__, e)



# Explicit dunder calls.
print(Zero.__getitem__(Zero(), "m"), dict.__getitem__(Zero(), "m"))

# str.format_map and str.translate go through __getitem__.


class Fmt(dict):
    def __missing__(self, key):
        return "<" + key + ">"


print("{name} is {age} years, {unknown}".format_map(Fmt(name="Ann", age=7)))


class Table(dict):
    def __missing__(self, key):
        if chr(key) in "aeiou":
            return chr(key).upper()
        raise LookupError(key)


print("education".translate(Table({ord("d"): None, ord("t"): "TT"})))

# defaultdict keeps working.
dd = collections.defaultdict(list)
dd["a"].append(1)
dd["a"].append(2)
dd["b"]
print(sorted(dd.items()), "c" in dd, dd.get("c"))
counts = collections.defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()))
nofactory = collections.defaultdict()
try:
    nofactory["x"]
except KeyError as e:
    print(type(e).__name__, e)
print(collections.Counter("abca")["z"])
