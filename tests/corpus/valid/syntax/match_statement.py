# Structural pattern matching and soft keywords.
match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        print("Origin")
    case Point(x, y=0) if x > 0:
        pass
    case [Point(x=0, y=0), *rest]:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case 1 | 2 | 3:
        pass
    case -1 | 1.5 | 2j | -3 + 4j | "s" | b"b":
        pass
    case None | True | False:
        pass
    case Color.RED:
        pass
    case (a, b) as pair:
        pass
    case (x,):
        pass
    case ():
        pass
    case [*_]:
        pass
    case str() | bytes():
        pass
    case _:
        pass

match x, y:
    case a, b:
        pass

match = 1
case = 2
match.attr = 3
print(match, case)
_ = 4
