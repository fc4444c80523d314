a = 'single' "double"
b = '''triple
single'''
c = """triple
"double" """
d = r'\'' R"\d" u'x' U"y"
d2 = b'z' B"w"
e = rb'1' Rb'2' bR'3' BR'4' br'5' Br'6' rB'7'
f = f'{x!r:>{width}}' F"{y}" fr'{z}\n' Rf'{w}' fR"{v}"
g = 'continued \
string'
h = ''
i = ""
j = ''''''
k = '''a''b"""c'''
l = 'é' + "日本"
