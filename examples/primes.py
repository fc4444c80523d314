# Primes below 100 by trial division: while/for loops, lists, break.
def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


primes = []
for n in range(100):
    if is_prime(n):
        primes.append(n)
print(len(primes), 'primes below 100:', primes)
