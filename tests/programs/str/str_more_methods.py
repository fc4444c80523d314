# str methods: expandtabs, translate, maketrans, isprintable, isascii, format_map,
# and the existing isidentifier/isdecimal/isnumeric/casefold.


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        print(label, "->", repr(r))


# expandtabs
for s in ["a\tb", "\t", "abc\tdef\tg", "12345678\tx", "1234567\tx", "a\nb\tc", "ab\r\tc",
          "", "no tabs", "\t\t", "é\tx", "a\tb\n\tc\r\n\td"]:
    for n in [8, 4, 1, 0, -3]:
        show(f"{s!r}.expandtabs({n})", lambda s=s, n=n: s.expandtabs(n))
    show(f"{s!r}.expandtabs()", lambda s=s: s.expandtabs())
show("expandtabs kw", lambda: "a\tb".expandtabs(tabsize=3))
show("expandtabs bool", lambda: "a\tb".expandtabs(True))
show("expandtabs str", lambda: "a\tb".expandtabs("3"))
show("expandtabs float", lambda: "a\tb".expandtabs(2.5))
show("expandtabs too many", lambda: "a\tb".expandtabs(2, 3))
show("expandtabs bad kw", lambda: "a\tb".expandtabs(size=3))


class Idx:
    def __index__(self):
        return 3


show("expandtabs __index__", lambda: "a\tb".expandtabs(Idx()))

# maketrans
show("maketrans dict", lambda: str.maketrans({"a": "b", 98: None, "c": 100}))
show("maketrans two", lambda: str.maketrans("abc", "xyz"))
show("maketrans three", lambda: str.maketrans("ab", "cd", "ef"))
show("maketrans empty", lambda: str.maketrans("", ""))
show("maketrans three empty", lambda: str.maketrans("", "", "xy"))
show("maketrans dup", lambda: str.maketrans("aa", "bc"))
show("maketrans unequal", lambda: str.maketrans("abc", "xy"))
show("maketrans non-dict", lambda: str.maketrans("abc"))
show("maketrans list", lambda: str.maketrans([1, 2]))
show("maketrans key len", lambda: str.maketrans({"ab": 1}))
show("maketrans key type", lambda: str.maketrans({1.5: 1}))
show("maketrans first int", lambda: str.maketrans(1, "a"))
show("maketrans second int", lambda: str.maketrans("a", 1))
show("maketrans third int", lambda: str.maketrans("a", "b", 1))
show("maketrans third none", lambda: str.maketrans("a", "b", None))
show("maketrans none", lambda: str.maketrans())
show("maketrans four", lambda: str.maketrans("a", "b", "c", "d"))
show("maketrans via instance", lambda: "q".maketrans("a", "b"))
show("maketrans empty key", lambda: str.maketrans({"": 1}))
show("maketrans non-ascii", lambda: str.maketrans("é€", "e$"))

# translate
t = str.maketrans("abc", "xyz", "d")
show("translate basic", lambda: "aabbccdd-abcd".translate(t))
show("translate dict str", lambda: "hello".translate({ord("l"): "LL", ord("o"): None}))
show("translate dict int", lambda: "hello".translate({104: 72}))
show("translate empty", lambda: "".translate({}))
show("translate empty bad", lambda: "".translate(5))
show("translate list", lambda: "abc".translate(["x"] * 98))
show("translate list none", lambda: "\x00\x01\x02".translate([None, "B", 67]))
show("translate non-ascii", lambda: "héllo wörld".translate({ord("é"): "e", ord("ö"): "oe"}))
show("translate to non-ascii", lambda: "abc".translate({97: "α", 98: 0x1F600}))
show("translate bad value", lambda: "abc".translate({97: 1.5}))
show("translate bad value list", lambda: "abc".translate({97: [1]}))
show("translate range", lambda: "abc".translate({97: 0x110000}))
show("translate neg", lambda: "abc".translate({97: -1}))
show("translate not subscriptable", lambda: "abc".translate(5))
show("translate none table", lambda: "abc".translate(None))
show("translate no args", lambda: "abc".translate())


class Table:
    def __getitem__(self, k):
        if k == ord("x"):
            raise KeyError(k)
        if k == ord("y"):
            raise IndexError(k)
        if k == ord("z"):
            raise LookupError(k)
        if k == ord("w"):
            raise ValueError("boom")
        return chr(k).upper()


show("translate custom", lambda: "axbycz".translate(Table()))
show("translate custom error", lambda: "aw".translate(Table()))


show("translate bool value", lambda: "a".translate({97: True}))
show("translate big int", lambda: "a".translate({97: 2**70}))
show("translate surrogate", lambda: "a".translate({97: 0xD800}) == "\ud800")
show("translate keyword", lambda: "a".translate(table={}))
show("descriptor", lambda: str.expandtabs(1))
show("isascii descriptor", lambda: str.isascii(1))

# isprintable / isascii
for s in ["", "abc", "a b", "a\tb", "a\nb", "\x7f", "\x1f", "é", "\u00a0", "\u00ad",
          "\u2028", "\u200b", "\ufeff", "\ue000", "\U0010ffff", "\u0378", "日本語",
          "😀", "\u3000", "'\"", "\x85", "\U000e0001", "\u2060"]:
    show(f"{s!r}.isprintable()", lambda s=s: s.isprintable())
    show(f"{s!r}.isascii()", lambda s=s: s.isascii())
show("isascii \\x7f", lambda: "\x7f".isascii())
show("isascii \\x80", lambda: "\x80".isascii())
show("isprintable arg", lambda: "a".isprintable(1))

# format_map
show("format_map", lambda: "{a} and {b}".format_map({"a": 1, "b": "two"}))
show("format_map spec", lambda: "{x:>5}|{y!r}".format_map({"x": 3, "y": "s"}))
show("format_map attr", lambda: "{c.real}".format_map({"c": 3}))
show("format_map index", lambda: "{l[1]}".format_map({"l": [5, 6]}))
show("format_map missing", lambda: "{a}".format_map({}))
show("format_map positional", lambda: "{0}".format_map({"0": 1}))
show("format_map auto", lambda: "{}".format_map({}))
show("format_map no args", lambda: "{a}".format_map())
show("format_map braces", lambda: "{{a}} {a}".format_map({"a": 1}))
show("format_map nested", lambda: "{a:{w}}".format_map({"a": 1, "w": 4}))


class M:
    def __getitem__(self, k):
        return k * 2


show("format_map custom", lambda: "{ab} {c}".format_map(M()))
show("format_map not mapping", lambda: "{a}".format_map(5))
show("format_map plain", lambda: "plain".format_map(5))

# existing ones
for s in ["abc", "_a1", "1a", "", "a-b", "été", "日本", "a b", "\u2160"]:
    show(f"{s!r}.isidentifier()", lambda s=s: s.isidentifier())
for s in ["123", "", "1.5", "٣", "²", "½", "一", "Ⅷ", "12a"]:
    show(f"{s!r}.isdecimal()", lambda s=s: s.isdecimal())
    show(f"{s!r}.isnumeric()", lambda s=s: s.isnumeric())
    show(f"{s!r}.isdigit()", lambda s=s: s.isdigit())
for s in ["Hello", "ß", "ΣΑΣ", "İ", "ﬁ"]:
    show(f"{s!r}.casefold()", lambda s=s: s.casefold())
