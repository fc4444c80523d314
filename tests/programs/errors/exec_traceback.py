# An exception inside exec'd code: its frame shows as <string>, without a source line.
def f():
    exec("x = 1\ny = x / 0")
f()
