# An iterative fib into big ints.
def fib(n):
    a = 0
    b = 1
    for i in range(n):
        t = a + b
        a = b
        b = t
    return a
for n in [0, 1, 2, 10, 50, 90, 92, 93, 100, 200]:
    print(n, fib(n))
