# Recursion: fib, factorial (past 64 bits), gcd, mutual recursion.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)
def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)
print(fib(20))
print(fact(20), fact(21), fact(30))
print(gcd(1071, 462), gcd(17, 5))
print(is_even(10), is_odd(7), is_even(7))
