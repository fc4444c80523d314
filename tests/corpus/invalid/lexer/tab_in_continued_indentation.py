if x:
    y
	\
z
