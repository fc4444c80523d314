# LOAD_GLOBAL specializations must see globals rebound, deleted and shadowing
# builtins after they specialized.

factor = 2


def scaled(x):
    return x * factor


def length(s):
    return len(s)


results = [scaled(i) for i in range(100)]
print(results[-1])
factor = 3
print(scaled(10))
del factor
try:
    scaled(1)
except NameError as e:
    print("NameError:", e)
factor = 5
print(scaled(10))

print(sum(length("abc") for _ in range(100)))


def len(x):
    return 42


print(length("abc"))
del len
print(length("abc"))
for _ in range(100):
    length("x")
len = lambda x: -1
print(length("abc"))
del len
print(length("abcd"))

counter = 0


def bump():
    global counter
    counter += 1
    return counter


for _ in range(150):
    bump()
print("counter", counter)
for i in range(60):
    globals()["g%d" % i] = i


def read_g():
    return g5 + g59


print(read_g())
for i in range(100):
    read_g()
g5 = 100
print(read_g())
