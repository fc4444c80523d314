# An error at the bottom of a recursion: one frame per level in the traceback.
def countdown(n):
    if n == 0:
        return 1 / n
    return countdown(n - 1)

countdown(4)
