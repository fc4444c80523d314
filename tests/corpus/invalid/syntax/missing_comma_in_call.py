f(x.y z)
