# Syntax outside the first slice still gets CPython's SyntaxError.
class Point:
    def __init__(self, x):
        self.x = x

with open('f') as f, :
    pass
