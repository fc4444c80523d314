# Indexing and slicing on strs mixing ASCII, Latin-1, BMP and astral characters.
s = "aé€😀" * 50 + "zÿ\u0100\uffff\U00010000\U0010ffff"
print(len(s))
for i in [0, 1, 2, 3, 4, 63, 64, 65, 127, 128, 129, 199, 200, 201, 205, -1, -2, -6, -7, -64, -65]:
    print(i, repr(s[i]), ord(s[i]))
for a, b, c in [(0, 10, 1), (5, 70, 1), (60, 130, 3), (-10, None, 1), (None, None, -1),
                (200, 0, -1), (205, 3, -7), (1, None, 64), (None, 5, -2), (3, 3, 1),
                (10, 2, 1), (-3, -1, 1), (None, None, 65), (150, 40, -13)]:
    print(a, b, c, repr(s[a:b:c]))
try:
    s[len(s)]
except IndexError as e:
    print("IndexError:", e)
t = "日本語テキスト"
print(t[2], t[-1], t[1:4], t[::-1], t[::2], t[5:1:-2])
# Slices of slices keep their positions.
u = s[61:140]
print(len(u), repr(u[0]), repr(u[-1]), repr(u[3:9]), u[2:70] == s[63:131])
# find/index/rfind/count report code-point positions.
v = "ünïcödé ünïcödé 😀 end"
print(v.find("cöd"), v.rfind("cöd"), v.index("😀"), v.find("end"), v.count("ü"))
print(v.find("cöd", 4), v.find("cöd", 4, 12), v.rfind("ü", 0, 8), v.find("x"))
print(v.startswith("ünï"), v.endswith("end"), v.startswith("cöd", 3))
# Iteration visits every code point once, in order.
print([c for c in "a😀é\U0010ffff"], "".join(reversed("aé€😀")))
print(list(enumerate("é€😀"))[-1], max("aé€😀"), min("é€😀"))
print("€" in s, "😀z" in s, "😀zÿ" in s, s.index("z"))
