print("init", __name__, __package__)
from ._sibling import S
from . import SUB

LEAF = "leaf " + S
