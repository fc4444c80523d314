# __del__ runs once per object (PEP 442), when the last reference goes or when the
# collector finds the object in a cycle.
import gc


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Noisy("a")
del a
print("after del a")

b = Noisy("b")
b = None
print("after rebinding b")


def scope():
    c = Noisy("c")
    print("in scope")


scope()
print("after scope")

items = [Noisy("d1"), Noisy("d2")]
items.clear()
print("after clear")

cyc = Noisy("cycle")
cyc.self = cyc
del cyc
print("before collect")
print("collected", gc.collect())
print("after collect")

saved = []


class Phoenix:
    def __del__(self):
        print("phoenix __del__")
        saved.append(self)


p = Phoenix()
del p
print("resurrected:", len(saved))
saved.clear()
print("cleared again (no second __del__)")

r = Phoenix()
r.me = r
del r
print("collect resurrected cycle:", gc.collect())
print("saved:", len(saved))
saved[0].me = None
saved.clear()
print("collect after:", gc.collect())


class Sub(Noisy):
    pass


s = Sub("sub")
del s
print("end")
last = Noisy("at exit")
