# Recursive Fibonacci: Python calls and small-int arithmetic.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


for n in range(0, 26, 5):
    print('fib(' + str(n) + ') =', fib(n))
