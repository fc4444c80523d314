def f():
    try:
        z
