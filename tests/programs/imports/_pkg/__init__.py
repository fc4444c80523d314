# Helper package for the imports programs (not a program itself).
print("init", __name__, __package__)
VALUE = "pkg value"
