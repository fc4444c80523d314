for eval() for more information.
