# str subclasses: instances have the subclass's type, str() of one is an exact str,
# overridden dunders apply, inherited methods return plain strs.
class Name(str):
    def __add__(self, other):
        return Name(self.lower() + "+" + other)

    def shout(self):
        return self.upper() + "!"

    def __repr__(self):
        return "Name<" + self.lower() + ">"


n = Name("ada")
print(type(n).__name__, isinstance(n, str), n, repr(n), len(n), n[0], n == "ada")
print(type(str(n)).__name__, str(n), type(n.upper()).__name__, n.shout())
m = n + "lovelace"
print(type(m).__name__, m)
print({n: 1}["ada"], hash(n) == hash("ada"), n in ["x", "ada"], sorted([Name("b"), "a"]))
print(type(Name()).__name__, repr(Name()), Name(12), type(Name(12)).__name__)
print("%s and %r" % (n, n), f"{n}!", "-".join([n, n]))
