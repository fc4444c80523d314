from x import *, a
