# str() of a list quotes each string as repr() does: it picks quotes by content.
print(['plain', "it's", 'say "hi"', 'both \' and "', ''])
print(['\\', '\t', '\n', '\x00', '\x7f', 'é', '\u200b'])
