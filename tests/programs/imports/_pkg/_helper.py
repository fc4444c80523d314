print("init", __name__, __package__)


def h():
    return "helped"
