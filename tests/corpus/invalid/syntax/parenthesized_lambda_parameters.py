lambda (a): 1
