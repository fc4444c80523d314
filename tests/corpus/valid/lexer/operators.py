a + b - c * d / e // f % g ** h @ i
a << b >> c & d | e ^ ~g
a < b > c <= d >= e == f != g
a += 1; b -= 1; c *= 1; d /= 1; e //= 1; f %= 1; g **= 1; h @= m
i <<= 1; j >>= 1; k &= 1; l |= 1; m ^= 1
(n := 10)
def f(x) -> int: ...
x[1:2, ::3]
x.y.z
