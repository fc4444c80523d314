# str literals holding lone surrogates: kept exactly, never replaced by U+FFFD.
a = '\ud800'
b = '\udc80' "x" '\udfff'
c = '\ud83d\ude00'
d = f'{a}\udc00{b!r:\ud801}'
e = u'\U0000dbff'
