# types.GenericAlias for builtin generic classes, and user __class_getitem__.
import collections

a = list[int]
print(a)
print(type(a))
print(a.__origin__, a.__args__, a.__parameters__)
print(a([1, 2, 3]), type(a([1, 2])))
print(a())
print(dict[str, list[int]])
print(tuple[int, ...])
print(tuple[()])
print(set[frozenset[str]], frozenset[int])
print(type[int], type[int].__origin__)
print(dict[str, int].__args__)
print(list[int] == list[int], list[int] != list[int])
print(list[int] == list[str], list[int] == list, list == list[int])
print(dict[str, int] == dict[str, int], dict[str, int] == dict[int, str])
print(hash(list[int]) == hash(list[int]))
print(len({list[int], list[int], list[str]}))
print(list[int].__name__, list[int].append is list.append)
print(list[1, "x"], list[None])
print(collections.deque[int], collections.defaultdict[str, int])
print(collections.deque[int]([1, 2]))


class C:
    pass


class L(list):
    pass


print(list[C])
print(L[int], L[int]([5]), type(L[int]([5])).__name__)


class D:
    def __class_getitem__(cls, item):
        return ("D", cls.__name__, item)


class E(D):
    pass


print(D[int])
print(E[str, int])
print(type(D.__dict__["__class_getitem__"]).__name__)


class G:
    pass


g = list[G]()
print(g)


class Box:
    pass


class Holder:
    def __class_getitem__(cls, item):
        return list[item]


print(Holder[int])
b = list[int].__origin__ is list
print(b)
ga_user = type(list[int])
print(ga_user.__name__)


print(list[int].__mro_entries__((list[int],)))

for expr in [
    lambda: C[int],
    lambda: int[str],
    lambda: list.__class_getitem__(),
]:
    try:
        expr()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

try:
    isinstance([], list[int])
except TypeError as e:
    print(type(e).__name__)
try:
    issubclass(list, list[int])
except TypeError as e:
    print(type(e).__name__)
