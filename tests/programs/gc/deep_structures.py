# Freeing deep structures is a loop, not a recursion: no stack overflow.
chain = None
for i in range(1000000):
    chain = (i, chain)
print(chain[0], chain[1][0])
del chain
print("linked tuples freed")

nested = []
for i in range(1000000):
    nested = [nested]
del nested
print("nested lists freed")

d = {}
for i in range(200000):
    d = {"inner": d}
del d
print("nested dicts freed")


class Link:
    pass


head = None
for i in range(500000):
    node = Link()
    node.next = head
    head = node
del head, node
print("linked instances freed")
