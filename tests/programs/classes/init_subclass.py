# __init_subclass__: the hook of a base runs for each subclass (an implicit
# classmethod), with the class statement's keywords; super() reaches object's.
class Plugin:
    registry = []

    def __init_subclass__(cls, kind="plain", **kw):
        super().__init_subclass__(**kw)
        cls.kind = kind
        Plugin.registry.append((cls.__name__, kind))


class A(Plugin):
    pass


class B(Plugin, kind="fancy"):
    pass


class C(B):
    pass


print(Plugin.registry, A.kind, B.kind, C.kind)


class Explicit:
    @classmethod
    def __init_subclass__(cls, **kw):
        print("explicit classmethod hook for", cls.__name__, kw)


class D(Explicit, x=1):
    pass


try:
    class E(Plugin, unknown=1):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class F(flag=True):
        pass
except TypeError as e:
    print("TypeError:", e)


class Meta(type):
    pass


class G(Plugin, metaclass=Meta):
    pass


print(G.kind, type(G).__name__, Plugin.registry[-1])
