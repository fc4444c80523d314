# Bit operations, floor division and modulo around the 48-bit inline-int boundary, and their errors.
vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 140737488355327, -140737488355328, 2**40+3, -(2**40)-5]
out = []
for a in vals:
    for b in vals:
        out.append((a & b, a | b, a ^ b))
        if b >= 0:
            out.append(a >> b)
        if b != 0:
            out.append((a // b, a % b))
            x = a; x //= b; y = a; y %= b; out.append((x, y))
print(hash(tuple(out)), len(out))
for a, b in [(5, 0), (5, -1)]:
    for f in (lambda: a // b, lambda: a % b, lambda: a >> b):
        try: print(f())
        except Exception as e: print(type(e).__name__, e)
print(True & 1, 5 // True, 7 % 2.0, -7 // 2, -7 % 2, 7 // -2, 7 % -2, 1 >> 100, -1 >> 100)
