a = b = None = 1
