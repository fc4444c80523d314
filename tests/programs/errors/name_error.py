# A NameError for a name never assigned, inside a function.
def compute(n):
    return n * undefined_thing

print('before')
compute(3)
