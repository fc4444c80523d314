# type.__subclasses__(): live direct subclasses, in creation order.
import gc


class A:
    pass


print(A.__subclasses__())


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    pass


print(A.__subclasses__())
print(B.__subclasses__(), C.__subclasses__(), D.__subclasses__())
print(type(A.__subclasses__()).__name__)
print([c.__name__ for c in type.__subclasses__(A)])

del D
gc.collect()
print(B.__subclasses__(), C.__subclasses__())


class E(A):
    pass


del C
gc.collect()
print([c.__name__ for c in A.__subclasses__()])


def make():
    class Temp(A):
        pass

    return Temp


t = make()
print([c.__name__ for c in A.__subclasses__()])
del t
gc.collect()
print([c.__name__ for c in A.__subclasses__()])

print(bool in int.__subclasses__())
print(bool.__subclasses__())


class MyInt(int):
    pass


class MyList(list):
    pass


print(MyInt in int.__subclasses__(), MyList in list.__subclasses__())
print(ZeroDivisionError in ArithmeticError.__subclasses__())
print(Exception in BaseException.__subclasses__())
print(BaseException.__subclasses__().count(Exception))


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


class Sub(WithMeta):
    pass


print(WithMeta.__subclasses__(), Meta.__subclasses__())
print(Sub.__subclasses__())

for call in [lambda: A.__subclasses__(1), lambda: type.__subclasses__()]:
    try:
        call()
    except TypeError as e:
        print(type(e).__name__)
