match y:
    case [a] | [b]:
        pass
