x = 1
class C:
    nonlocal x
