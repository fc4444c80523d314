# String literals: quotes, escapes, raw strings, implicit concatenation, triple quotes.
print('single', "double", '''triple''', """triple double""")
print('it\'s', "say \"hi\"", 'tab\there', 'new\nline')
print('backslash \\ ok', r'raw \n stays', R"also \t raw")
print('con' 'cat' "enation")
print('\x41\x42', '\101', '\u00e9')
print("""first
second""")
print('')
print('unicode: é ü 中文 😀')
