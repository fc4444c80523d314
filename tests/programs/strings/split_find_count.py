# split/find/rfind/count with one-byte separators and needles (scanned bytewise)
# and longer ones, over ASCII, non-ASCII and lone-surrogate text.
s = "a,b,,c,"
print(s.split(","), s.split(",", 0), s.split(",", 1), s.split(",", -1), s.split(",", 2**62))
print(s.split(",,"), s.split(sep=",", maxsplit=2), "  a  b ".split(), " a b  c ".split(None, 1), "".split(","), "".split())
print("ab\ud800ab".find("b"), "ab\ud800ab".rfind("b"), "a\ud800a".count("a"))
print("héllo wörld".split("l"), "héllo".find("l"), "héllo".rfind("l"), "héllo".count("l"), "héllo".index("o"))
try:
    "a".split("")
except ValueError as e:
    print(e)
