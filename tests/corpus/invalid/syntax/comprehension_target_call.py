[1 for f() in x]
