print("init", __name__, __package__)
from . import _helper
from ._helper import h
from . import VALUE

X = "mod x " + h() + " " + VALUE
