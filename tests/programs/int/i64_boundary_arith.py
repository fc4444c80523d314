# Arithmetic on ints just inside and past the 64-bit range (heap ints that fit an i64 take a fast path).
B = [2**47, 2**50+3, -(2**50)-7, 2**62, -(2**63), 2**63-1, 2**63, 2**64+1, -(2**64), 3, -3, 0, 1, 64, 70]
out = []
for a in B:
    for b in B:
        out.append((a + b, a - b, a * b, a & b, a | b, a ^ b))
        if b != 0:
            out.append((a // b, a % b))
        if 0 <= b < 80:
            out.append((a >> b, a << b))
        if 0 <= b < 4:
            out.append(a ** b)
print(hash(tuple(out)), len(out), out[:5], out[-5:])
x = 42
for i in range(1000):
    x = (x * 1664525 + 1013904223) & 0xFFFFFFFF
print(x, (-(2**63)) // -1, (-(2**63)) % -1)
