# Helper module with a SyntaxError.
x = = 1
