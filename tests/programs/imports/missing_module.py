try:
    import _no_such_module
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from _no_such_module import x
except ImportError as e:
    print(type(e).__name__, e)
try:
    from _greet import no_such_name
except ImportError as e:
    print(type(e).__name__)
import _not_here_either
