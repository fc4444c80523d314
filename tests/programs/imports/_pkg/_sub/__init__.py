print("init", __name__, __package__)
from .. import _mod as m
from .._mod import X

SUB = "sub " + X
