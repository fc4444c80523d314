x = 1.2jk
