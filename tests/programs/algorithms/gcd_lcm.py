# gcd/lcm with big operands, powers with a modulus computed by hand.
def gcd(a, b):
    while b:
        t = a % b
        a = b
        b = t
    return a
def lcm(a, b):
    return a // gcd(a, b) * b
def power_mod(base, exp, mod):
    result = 1
    base = base % mod
    while exp > 0:
        if exp % 2 == 1:
            result = result * base % mod
        base = base * base % mod
        exp = exp // 2
    return result
print(gcd(2 ** 64, 6 ** 30), lcm(12, 18), lcm(2 ** 40, 3 ** 20))
print(power_mod(2, 100, 1000000007), power_mod(3, 10 ** 18, 998244353))
total = 1
for k in range(1, 21):
    total = lcm(total, k)
print(total)
