# str() of every slice value.
print(str(42), str(-7), str(3.5), str(True), str(None), str('s'))
print(str([1, 'two', 3.0, None, True]))
print(str([]), str([[]]), str([[1, 2], [3]]))
print(str(10 ** 25), str(1e16), str(-0.0))
print(str() == '', len(str(123456)))
print(str(['quote\'s', "dq\"", 'nl\n', 'tab\t', 'bs\\']))
