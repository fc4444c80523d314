# while loops with a counter, break and continue.
n = 0
total = 0
while n < 10:
    n += 1
    if n % 2 == 0:
        continue
    total += n
print(n, total)
i = 0
while True:
    i += 1
    if i * i > 50:
        break
print(i)
a = 0
b = 1
while b < 1000:
    t = a + b
    a = b
    b = t
print(a, b)
