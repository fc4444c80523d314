# Printing a lone surrogate fails like CPython's UTF-8 stdout, after writing what
# came before it.
print("before")
print("x", "a\ud800", 1)
print("never")
