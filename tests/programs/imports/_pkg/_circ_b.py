from ._circ_a import A

B = 2
