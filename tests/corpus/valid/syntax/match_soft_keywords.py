# `case` opens a clause only inside a match block, and its body may share the line.
match x:
    case 1: pass
    case {'a': 1, **r}: pass
    case 0 | -0.5 | 1+2j | -1-2j | 'a' 'b' | b'c': pass
    case a.b.c(d, e=f): pass
    case (a | b) as c: pass
    case [*rest]: pass
    case (*rest,): pass
    case 2:
        case = 2
        case[0]: int
        match y:
            case 3: pass
match *a, b:
    case _: pass
case[x]: int = 1
match: int = 1
match(x)
