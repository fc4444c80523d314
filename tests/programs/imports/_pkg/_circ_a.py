from . import _circ_b

A = 1
