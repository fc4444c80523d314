# __getattr__ answers after a property or descriptor raises AttributeError.
class P:
    @property
    def broken(self):
        raise AttributeError("inner reason")

    @property
    def fine(self):
        return "fine"

    def __getattr__(self, name):
        return "getattr:" + name


p = P()
print(p.broken, p.fine, p.other)


class Q:
    @property
    def broken(self):
        raise AttributeError("inner reason")


try:
    Q().broken
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(Q(), "broken"), getattr(Q(), "broken", "default"))


class D:
    def __get__(self, obj, cls):
        raise AttributeError("from descriptor")


class R:
    d = D()

    def __getattr__(self, name):
        return "fallback " + name


print(R().d)
