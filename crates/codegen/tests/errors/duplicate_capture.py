match y:
    case [a, a]:
        pass
