# Instances of int subclasses keep their class through arithmetic's operands, hashing and formatting.
class M(int):
    def __repr__(self):
        return "M(" + str(int(self)) + ")"
m = M(2)
print(repr(m), m, str(m), [M(1)], type(m).__name__, isinstance(m, int))
print(m + 3, type(m + 3).__name__, m * M(4), m == 2, hash(m) == hash(2), {m: 'x'}[2])
print([10, 20, 30][m], m < 3, -m, abs(M(-5)), bool(M(0)), int(m), float(m))
print(f"{M(5):03d}", "%d" % M(7), M("12"), M(3.9), M("ff", 16))
class Plain(int):
    pass
p = Plain(9)
print(p, repr(p), type(p).__name__, p + 1, divmod(p, 2), p ** 2, p >> 1, p & 1)
