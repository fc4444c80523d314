# Every numeric literal form of Python 3.11.
integers = [0, 00, 0_0, 7, 1_000_000, 0x1F, 0XdeadBEEF, 0x_ff, 0o17, 0O_7, 0b1010, 0B_1_0]
floats = [1., 1.5, .5, 1e10, 1E-5, 1.5e+3, 1_0.0_1e1_0, 0.0, 09.5, 012e5]
imaginary = [1j, 1J, 1.5j, .5j, 1e5j, 00j, 1_0j]
keyword_after = [1if x else 2, 0x1for x in y]
attribute = 1 .real + 1.0.imag
