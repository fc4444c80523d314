# Integer literals in every base, with underscores, and their str().
print(0, 1, -1, 42, 1_000_000)
print(0x1F, 0o17, 0b1011, 0XFF, 0O7, 0B1)
print(0x_ff, 0b_1010_1010, 1_2_3)
print(00, 0_0, 0x0)
x = 123456789
print(x, -x, +x)
