# complex literals, repr/str, attributes, arithmetic with ints and floats, hashing.
print(2+1j, 1j, -1j, (-0.0-1j), 0j, -(0j), 1.5j, 1e16j, 1e15j)
print(complex(float('nan'), float('inf')), complex(-0.0, 0.0), complex(0.0, -0.0))
print(repr(complex(1, -0.0)), str(3+4j), [1j, 2+0j])
z = 3+4j
print(abs(z), z.real, z.imag, z.conjugate(), type(z).__name__, type(z.real).__name__)
print(z + 1, 1 + z, z - 1, 1 - z, z * 2, 2 * z, z / 2, 2 / z)
print(z + 0.5, 0.5 + z, z - 0.5, 0.5 - z, z * 0.5, 0.5 * z, z / 0.5, 0.5 / z)
print(z + z, z - z, z * z, z / z, (1+2j) / (3-4j), (1e300+1e300j) / (1e300+1e300j))
print(z ** 2, z ** 3, z ** -2, z ** 0, 2 ** z, z ** 0.5, z ** 1j, 1j ** 2, (0j) ** 2, 0j ** 0)
print(-z, +z, -(-z), True + 1j, 1j * True)
w = z
w += 1
w -= 2j
w *= 2
w /= 1j
w **= 2
print(w, z)
print(z == 3+4j, z != 3, (3+0j) == 3, 3 == (3+0j), 3.0 == 3+0j, (3+0j) != 3.0, z == 'z', 1j == None)
print(bool(0j), bool(1j), bool(0.5+0j), bool(complex(0, -0.0)))
print(hash(z), hash(1+2j), hash(complex(-1, 0)), hash(2+0j) == hash(2), hash(0.5+0j) == hash(0.5))
print(hash(-1j), hash(1e300j), hash(complex(1, 2**60)), hash(complex(float('inf'), float('-inf'))))
print({1+0j: 'a'}[1], {1: 'a'}[1+0j], 1 in {1+0j}, (1+0j) in {1}, {1j, 1j, 2j} == {2j, 1j})
print(10**15 + 1j, 1j + 10**15, (1e200+0j) * (1e200+0j), (1e308+1e308j) * (1e308+1e308j))
print(abs(-2j), abs(complex(3e200, 4e200)), abs(complex(float('inf'), float('nan'))))
print(sum([1j, 2, 3.5]), max([abs(1j), abs(2+2j)]))
print(isinstance(1j, complex), complex.conjugate(2-3j))
