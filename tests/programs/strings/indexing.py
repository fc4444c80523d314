# String indexing, negative indices, non-ASCII characters.
s = 'hello'
print(s[0], s[4], s[-1], s[-5], s[1] + s[3])
u = 'héllo wörld'
print(u[1], u[-4], len(u))
e = '😀a中'
print(e[0], e[1], e[2], e[-1])
