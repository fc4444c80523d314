match command:
    case [x, _]:
        pass
    case _:
        pass
match = case = _ = 1
