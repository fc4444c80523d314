if (a and
        b):
