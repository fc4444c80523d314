# gc.collect() returns how many unreachable objects it found.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


def pair():
    a = Node("a")
    b = Node("b")
    a.next = b
    b.next = a


def ring(n):
    first = Node(0)
    cur = first
    for i in range(1, n):
        cur.next = Node(i)
        cur = cur.next
    cur.next = first


gc.collect()
pair()
print("pair:", gc.collect())
ring(10)
print("ring of 10:", gc.collect())

lst = []
lst.append(lst)
del lst
print("self-referencing list:", gc.collect())

d = {}
d["me"] = d
del d
print("self-referencing dict:", gc.collect())

a = [1, 2]
b = [a]
a.append(b)
del a, b
print("two lists:", gc.collect())

x = Node("kept")
x.next = x
print("reachable cycle:", gc.collect())
print(x.next.name)
del x
print("after del:", gc.collect())

print("nothing left:", gc.collect())

# Cycles through tuples and dicts inside instances.
holder = Node("h")
holder.items = {"t": (holder, 1)}
del holder
print("instance/dict/tuple:", gc.collect())

for i in range(3):
    pair()
print("three pairs:", gc.collect())
