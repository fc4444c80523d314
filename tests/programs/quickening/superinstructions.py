# Pairs of local/constant moves run fused (LOAD_FAST__LOAD_FAST, ...): both
# halves must behave as the two instructions, including errors in the second half
# and jumps that land between the two.


def pairs(n):
    total = 0
    for i in range(n):
        a = i
        b = a
        total = total + a * b + 3
    return total


def swap(a, b):
    a, b = b, a
    return a, b


def second_half_unbound(flag):
    if flag:
        late = 1
    x = 2
    return x + late


def jump_between(n):
    out = []
    i = 0
    while i < n:
        j = i
        out.append(j)
        i = j + 1
    return out


for k in range(200):
    r = pairs(k)
print(r, swap(1, 2), jump_between(5))
print(second_half_unbound(True))
try:
    second_half_unbound(False)
except UnboundLocalError as e:
    print("caught:", e)


def deleted():
    v = 1
    w = v
    del v
    return w, v


deleted()
