total = 0
for i in range(3):
    # the body is still to be written

