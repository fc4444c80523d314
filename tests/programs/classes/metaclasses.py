# Metaclasses: __call__, __new__ and __init__ on a subclass of type, the metaclass
# inherited by subclasses, a function as metaclass, and a metaclass conflict.
class Meta(type):
    def __call__(cls, *args):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args)


class M(metaclass=Meta):
    def __init__(self, q):
        self.q = q


print(type(M).__name__, isinstance(M, Meta), isinstance(M, type))
print(M(7).q)


class Registry(type):
    classes = []

    def __new__(mcls, name, bases, ns):
        ns["tag"] = name.lower()
        cls = super().__new__(mcls, name, bases, ns)
        mcls.classes.append(name)
        return cls

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls.ready = True


class Base(metaclass=Registry):
    pass


class Child(Base):
    def hello(self):
        return "hello from " + self.tag


print(Registry.classes, Base.tag, Child.tag, Child.ready, type(Child).__name__)
print(Child().hello())


class OnlyInit(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls.count = len(ns)


class W(metaclass=OnlyInit):
    a = 1
    b = 2


print(W.count > 0, type(W).__name__)


def as_function(name, bases, ns):
    print("function metaclass for", name, sorted(k for k in ns if not k.startswith("__")))
    return type(name, bases, ns)


class F(metaclass=as_function):
    x = 1


print(F.x, type(F).__name__)


class OtherMeta(type):
    pass


class O(metaclass=OtherMeta):
    pass


try:
    class Both(M, O):
        pass
except TypeError as e:
    print("TypeError:", e)
