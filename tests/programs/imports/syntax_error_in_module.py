try:
    import _broken
except SyntaxError as e:
    print(type(e).__name__, e)
