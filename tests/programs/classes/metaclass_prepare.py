# Metaclass __prepare__ and class keywords passed to a metaclass.
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, [b.__name__ for b in bases], kw)
        ns = {"injected": name.upper()}
        return ns

    def __new__(mcls, name, bases, ns, **kw):
        print("new", name, sorted(k for k in ns if not k.startswith("__")), kw)
        return super().__new__(mcls, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        cls.options = kw


class A(metaclass=Meta, debug=True):
    x = 1


print(A.injected, A.x, A.options)


class Hooked:
    def __init_subclass__(cls, **kw):
        print("hook", cls.__name__, kw)


class PassThrough(type):
    pass


class B(Hooked, metaclass=PassThrough, level=3):
    pass


print(type(B).__name__)
