# int and float methods: bit_count, to_bytes, from_bytes, as_integer_ratio,
# conjugate, numerator/denominator/real/imag, float.hex/fromhex, is_integer.


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        print(label, "->", repr(r), type(r).__name__)


# bit_count
for n in [0, 1, 7, -7, 255, -256, 2**64 - 1, -(2**100), 2**200 + 2**3, True, False]:
    show(f"bit_count({n})", lambda n=n: n.bit_count())

# to_bytes
show("to_bytes()", lambda: (5).to_bytes())
show("to_bytes(2)", lambda: (1024).to_bytes(2))
show("to_bytes(2, 'little')", lambda: (1024).to_bytes(2, "little"))
show("to_bytes(4, 'big')", lambda: (0x01020304).to_bytes(4, "big"))
show("to_bytes(0)", lambda: (0).to_bytes(0, "big"))
show("to_bytes(0) nonzero", lambda: (1).to_bytes(0, "big"))
show("to_bytes(0) signed zero", lambda: (0).to_bytes(0, "big", signed=True))
show("to_bytes(0) signed -1", lambda: (-1).to_bytes(0, "big", signed=True))
show("to_bytes signed -1", lambda: (-1).to_bytes(2, "big", signed=True))
show("to_bytes signed -128", lambda: (-128).to_bytes(1, "little", signed=True))
show("to_bytes signed 128", lambda: (128).to_bytes(1, "little", signed=True))
show("to_bytes signed -129", lambda: (-129).to_bytes(1, "little", signed=True))
show("to_bytes signed 127", lambda: (127).to_bytes(1, "big", signed=True))
show("to_bytes unsigned 256", lambda: (256).to_bytes(1, "big"))
show("to_bytes unsigned -1", lambda: (-1).to_bytes(1, "big"))
show("to_bytes kw", lambda: (258).to_bytes(length=2, byteorder="little"))
show("to_bytes kw2", lambda: (258).to_bytes(byteorder="little", length=3))
show("to_bytes big", lambda: (2**100 + 1).to_bytes(16, "big"))
show("to_bytes big little", lambda: (2**100 + 1).to_bytes(13, "little"))
show("to_bytes big neg", lambda: (-(2**100)).to_bytes(13, "big", signed=True))
show("to_bytes big over", lambda: (2**100).to_bytes(12, "big"))
show("to_bytes signed big edge", lambda: (2**63).to_bytes(8, "big", signed=True))
show("to_bytes signed big edge2", lambda: (-(2**63)).to_bytes(8, "big", signed=True))
show("to_bytes signed=0", lambda: (5).to_bytes(1, "big", signed=0))
show("to_bytes signed=[]", lambda: (-5).to_bytes(1, "big", signed=[1]))
show("to_bytes bool", lambda: True.to_bytes(2, "big"))
show("to_bytes neg length", lambda: (5).to_bytes(-1, "big"))
show("to_bytes str length", lambda: (5).to_bytes("2", "big"))
show("to_bytes float length", lambda: (5).to_bytes(2.0, "big"))
show("to_bytes bad order", lambda: (5).to_bytes(2, "middle"))
show("to_bytes order type", lambda: (5).to_bytes(2, 5))
show("to_bytes too many", lambda: (5).to_bytes(2, "big", True))
show("to_bytes bad kw", lambda: (5).to_bytes(2, "big", sign=True))
show("to_bytes dup", lambda: (5).to_bytes(2, length=2))

# from_bytes
show("from_bytes empty", lambda: int.from_bytes(b""))
show("from_bytes default", lambda: int.from_bytes(b"\x01\x00"))
show("from_bytes big", lambda: int.from_bytes(b"\x01\x00", "big"))
show("from_bytes little", lambda: int.from_bytes(b"\x01\x00", "little"))
show("from_bytes signed", lambda: int.from_bytes(b"\xff\xff", "big", signed=True))
show("from_bytes unsigned", lambda: int.from_bytes(b"\xff\xff", "big"))
show("from_bytes signed pos", lambda: int.from_bytes(b"\x7f\xff", "big", signed=True))
show("from_bytes list", lambda: int.from_bytes([1, 2, 3], "little"))
show("from_bytes tuple", lambda: int.from_bytes((255,), byteorder="big", signed=True))
show("from_bytes gen", lambda: int.from_bytes((x for x in [0, 1]), "big"))
show("from_bytes long", lambda: int.from_bytes(bytes(range(1, 20)), "big"))
show("from_bytes long signed", lambda: int.from_bytes(b"\x80" + bytes(15), "big", signed=True))
show("from_bytes long little", lambda: int.from_bytes(bytes(range(200, 220)), "little"))
show("from_bytes kw", lambda: int.from_bytes(bytes=b"\x02", byteorder="little"))
show("from_bytes on instance", lambda: (7).from_bytes(b"\x03", "big"))
show("from_bytes bool", lambda: bool.from_bytes(b"\x03", "big"))
show("from_bytes bool0", lambda: bool.from_bytes(b"\x00", "big"))
show("from_bytes str", lambda: int.from_bytes("ab", "big"))
show("from_bytes int", lambda: int.from_bytes(5, "big"))
show("from_bytes range", lambda: int.from_bytes([256], "big"))
show("from_bytes negative item", lambda: int.from_bytes([-1], "big"))
show("from_bytes bad item", lambda: int.from_bytes(["a"], "big"))
show("from_bytes bad order", lambda: int.from_bytes(b"\x01", "mid"))
show("from_bytes order type", lambda: int.from_bytes(b"\x01", None))
show("from_bytes none", lambda: int.from_bytes())
show("from_bytes too many", lambda: int.from_bytes(b"\x01", "big", False))


class MyInt(int):
    pass


r = MyInt.from_bytes(b"\x01\x02", "big")
print("subclass from_bytes", r, type(r).__name__)

for n in [0, 1, 255, 2**64, -(2**70) + 3]:
    for signed in [False, True]:
        for order in ["big", "little"]:
            try:
                b = n.to_bytes(12, order, signed=signed)
                print(n, signed, order, b, int.from_bytes(b, order, signed=signed) == n)
            except OverflowError as e:
                print(n, signed, order, "OverflowError:", e)

# as_integer_ratio, conjugate, numerator, denominator, real, imag
for n in [0, 5, -5, 2**70, True, False]:
    show(f"as_integer_ratio({n})", lambda n=n: n.as_integer_ratio())
    show(f"conjugate({n})", lambda n=n: n.conjugate())
    show(f"numerator({n})", lambda n=n: n.numerator)
    show(f"denominator({n})", lambda n=n: n.denominator)
    show(f"real({n})", lambda n=n: n.real)
    show(f"imag({n})", lambda n=n: n.imag)
show("MyInt conjugate", lambda: MyInt(4).conjugate())
show("MyInt real", lambda: MyInt(4).real)
show("MyInt ratio", lambda: MyInt(4).as_integer_ratio())
show("bit_count arg", lambda: (5).bit_count(1))

# float methods
floats = [0.0, -0.0, 1.0, 1.5, -2.75, 0.1, 1e300, -1e-300, 5e-324, 2.2250738585072014e-308,
          2.225073858507201e-308, 1.7976931348623157e308, 3.0, 1e22, 123456789.125]
for x in floats:
    show(f"as_integer_ratio({x!r})", lambda x=x: x.as_integer_ratio())
    show(f"hex({x!r})", lambda x=x: x.hex())
    show(f"roundtrip({x!r})", lambda x=x: float.fromhex(x.hex()) == x)
    show(f"conjugate({x!r})", lambda x=x: x.conjugate())
    show(f"real({x!r})", lambda x=x: x.real)
    show(f"imag({x!r})", lambda x=x: x.imag)
    show(f"is_integer({x!r})", lambda x=x: x.is_integer())
for x in [float("inf"), float("-inf"), float("nan")]:
    show(f"as_integer_ratio({x!r})", lambda x=x: x.as_integer_ratio())
    show(f"hex({x!r})", lambda x=x: x.hex())
    show(f"is_integer({x!r})", lambda x=x: x.is_integer())
    show(f"conjugate({x!r})", lambda x=x: x.conjugate())

hexes = ["0x1p0", "0x1.8p1", "-0x1.8p1", "  0x1.8p1  ", "1.8p1", "0X1P-2", "0x.8", "0x8.",
         "0x10", "ff", "0x1.fffffffffffff8p0", "0x1.fffffffffffff7p0", "0x1.00000000000008p0",
         "0x1.00000000000018p0", "0x1.00000000000008000001p0", "0x1p-1074", "0x1p-1075",
         "0x1.8p-1075", "0x1p-1076", "0x0.0000000000001p-1022", "0x1.fffffffffffffp1023",
         "0x1.fffffffffffff8p1023", "0x1p1024", "0x0p99999999", "0x1p-99999999999999999999",
         "0x1p99999999999999999999", "inf", "-Infinity", "nan", "-NaN", "+inf", "0x", "0x.",
         "", "x1", "0x1p", "0x1p+", "0x1 p0", "0x1.2.3", "0x1g", "0xp1", "1e5", "0x1_0",
         "0x00000000000000000000001p0", "0x123456789abcdef0123p-10", "0x.000001p30",
         "-0x0p0", "0x0.0", "infinit", "0x1P+0", "\t0x1p1\n"]
for h in hexes:
    show(f"fromhex({h!r})", lambda h=h: float.fromhex(h))
show("fromhex int", lambda: float.fromhex(5))
show("fromhex on instance", lambda: (1.0).fromhex("0x2p0"))


class MyFloat(float):
    pass


show("MyFloat real", lambda: MyFloat(2.5).real)
show("MyFloat ratio", lambda: MyFloat(2.5).as_integer_ratio())
show("MyFloat hex", lambda: MyFloat(2.5).hex())
show("descriptor bit_count", lambda: int.bit_count("x"))
show("descriptor hex", lambda: float.hex(1))
show("unbound to_bytes", lambda: int.to_bytes(5, length=1, byteorder="big"))
show("unbound too many", lambda: int.to_bytes(5, 1, "big", signed=True, length=1))
show("fromhex none", lambda: float.fromhex())
show("fromhex two", lambda: float.fromhex("1", "2"))
show("ratio arg", lambda: (1.5).as_integer_ratio(1))
show("to_bytes huge length", lambda: (5).to_bytes(2**70))
show("to_bytes order before length", lambda: (5).to_bytes(-1, "middle"))
show("from_bytes order first", lambda: int.from_bytes("x", "mid"))
show("from_bytes kw only", lambda: int.from_bytes(b"\x01", "big", signed=True, bytes=b""))
show("to_bytes only kws", lambda: (5).to_bytes(length=1, byteorder="big", signed=False, x=1))
show("int.real attr is property", lambda: (7).real + (7).imag + (7).numerator * (7).denominator)
show("float fields", lambda: (2.5).real + (2.5).imag)
for v in [1, 2**53 + 1, 0.5, -1.25e-310]:
    if isinstance(v, float):
        print(v, v.as_integer_ratio(), float.fromhex(v.hex()) == v)
    else:
        print(v, v.as_integer_ratio(), int.from_bytes(v.to_bytes(16, "little"), "little") == v)
