# Sieve of Eratosthenes with list item assignment and range steps.
def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = False
    flags[1] = False
    for i in range(2, limit + 1):
        if i * i > limit:
            break
        if flags[i]:
            for j in range(i * i, limit + 1, i):
                flags[j] = False
    primes = []
    for i in range(limit + 1):
        if flags[i]:
            primes.append(i)
    return primes
ps = sieve(200)
print(len(ps), ps[:10], ps[-3:])
