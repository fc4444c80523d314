# The gc module's controls.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(800, 20, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(type(gc.get_count()), len(gc.get_count()))
print(gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked("text"))
print(isinstance(gc.get_objects(), list))
print(gc.collect(0), gc.collect(1), gc.collect(2))
for bad in (3, -1):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError:", e)
try:
    gc.enable(1)
except TypeError as e:
    print("TypeError:", e)
try:
    gc.collect("x")
except TypeError as e:
    print("TypeError:", e)


class Node:
    pass


# A million two-object cycles: the collector keeps memory flat.
for i in range(1000000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
del a, b
print("cycles done", gc.collect() >= 0)
