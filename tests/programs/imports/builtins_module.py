# The builtins module is the namespace every module falls back to.
import builtins

print(builtins.__name__, builtins)
print(builtins.len("abc"), builtins.max(3, 9), builtins.int is int)
builtins.shared_everywhere = 42
print(shared_everywhere)


def shadow():
    return len([1, 2, 3])


real_len = builtins.len
builtins.len = lambda x: "patched"
print(shadow())
builtins.len = real_len
print(shadow())
del builtins.shared_everywhere
try:
    shared_everywhere
except NameError as e:
    print("NameError:", e)
print(hasattr(builtins, "print"), callable(builtins.getattr(builtins, "print")))
import builtins as b2
print(b2 is builtins)
