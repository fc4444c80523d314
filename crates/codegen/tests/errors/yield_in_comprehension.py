x = [(yield 1) for y in z]
