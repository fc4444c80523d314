if a:
    b
    if c:
        d

        e
    # a comment at another indentation
  # and another
    f
else:
	g
	if h:
		i
j
