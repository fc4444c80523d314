(x = data[0]
