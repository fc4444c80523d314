# Builtin functions, methods and classes called from specialized PRECALL forms
# read their arguments where they lie on the value stack. The callee may run
# Python code (which pushes frames above them), raise, or hold the only
# reference to an argument; each must behave as CPython does.

class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)

    def __repr__(self):
        return f"D({self.n})"


def warm(f, n=60):
    for _ in range(n):
        f()


# The only reference to an argument is on the stack: freed after the call.
out = []
def append_temp():
    out.append(D(len(out)))
warm(append_temp, 3)
out.clear()
print("cleared")

# Arguments read while the callee runs Python code that calls again.
def key(x):
    return -len(str(x))
def sort_with_key():
    return sorted([10, 2, 300, 4000], key=key)
for _ in range(60):
    r = sort_with_key()
print(r)

class Seq:
    def __len__(self):
        return len([1, 2, 3]) + max(1, 2)
def seq_len():
    return len(Seq())
for _ in range(60):
    r = seq_len()
print(r)

# A callee that raises: the arguments stay owned by the stack and go with it.
def bad_int():
    try:
        return int("nope", 10)
    except ValueError as e:
        return str(e)
for _ in range(60):
    r = bad_int()
print(r)

def isinstance_loop():
    t = (D, int)
    return isinstance(D(99), t)
for i in range(55):
    isinstance_loop()
print("isinstance done")

# Methods on strs and lists with several arguments, and builtin classes.
def methods():
    s = "a-b-c"
    return s.replace("-", "+", 1), s.split("-", 1), "x".join(["1", "2"]), str(12), tuple([1, 2]), type(s).__name__
for _ in range(60):
    r = methods()
print(r)
