# TypeError: calling a list, in a function.
def run(handlers):
    return handlers(1)

run([1, 2])
