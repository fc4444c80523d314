import _greet
import _greet
import _greet as g

print(g is _greet)
_greet.greet("a")
from _greet import count

print(count)


def later():
    import _greet

    return _greet.greet("b")


print(later(), g.count)
