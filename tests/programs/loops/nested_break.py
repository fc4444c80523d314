# break leaves only the innermost loop; loop variables keep their last value.
count = 0
for i in range(5):
    j = 0
    while True:
        j += 1
        count += 1
        if j >= i:
            break
print(i, j, count)
primes = []
n = 2
while len(primes) < 10:
    is_prime = True
    for p in primes:
        if p * p > n:
            break
        if n % p == 0:
            is_prime = False
            break
    if is_prime:
        primes.append(n)
    n += 1
print(primes)
