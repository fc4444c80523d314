# Numbers, strings, bytes and singletons.
i = 0; j = 1_000_000; h = 0xFF; o = 0o17; b = 0b1010
big = 123456789012345678901234567890
bighex = 0xffffffffffffffffffffffff
f = 1.5; g = .5; e = 1e10; tiny = 1e-7; inf = 1e999
c = 3j; d = 1.5J
s = 'single' "double" '''triple''' """triple double"""
esc = "tab\there\nnewline \x41 \u00e9 \U0001F600 \101 \\ \' \""
raw = r"raw\n\t" R'C:\path'
u = u"unicode kind"
by = b"bytes\x00\xff" rb"raw\bytes" B'x'
concat = ("implicit "
          "concatenation")
multi = """line one
line two"""
n = None; t = True; fa = False; el = ...
neg = -1; pos = +2; inv = ~3
