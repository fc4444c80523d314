# Assigning __class__ on instances of user classes.


class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"


class Dog(Animal):
    sound = "woof"

    def fetch(self):
        return f"{self.name} fetches"


class Cat(Animal):
    sound = "meow"


def speak_all(objs):
    return [o.speak() for o in objs]


pet = Dog("Rex")
pet.age = 3
print(pet.speak(), pet.fetch(), type(pet).__name__)
# Warm up attribute/method sites so they are specialized before the switch.
for _ in range(50):
    speak_all([pet])
    pet.name
pet.__class__ = Cat
print(pet.speak(), type(pet).__name__, pet.__class__ is Cat)
print(isinstance(pet, Cat), isinstance(pet, Dog), isinstance(pet, Animal))
print(pet.name, pet.age, sorted(vars(pet).items()))
try:
    pet.fetch()
except AttributeError as e:
    print(type(e).__name__, e)
for _ in range(50):
    out = speak_all([pet])
print(out)
pet.name = "Tom"
pet.color = "grey"
print(pet.speak(), sorted(pet.__dict__.items()))
pet.__class__ = Dog
print(pet.fetch(), pet.speak(), pet.color)


# Many instances sharing keys, one switched: the others are unaffected.
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return abs(self.x) + abs(self.y)


class Q:
    def __init__(self):
        self.other = "q"

    def norm(self):
        return ("Q", self.x, self.y)


ps = [P(i, -i) for i in range(5)]
ps[2].__class__ = Q
print([p.norm() for p in ps])
print([type(p).__name__ for p in ps])
q = Q()
print(q.other, vars(q))
ps[2].z = 9
print(sorted(vars(ps[2]).items()))


# Deleted attributes stay deleted; insertion order is kept.
class R:
    pass


r = R()
r.b = 1
r.a = 2
r.c = 3
del r.a
r.__class__ = P
print(list(vars(r)), hasattr(r, "a"))


# __slots__ classes with the same slots.
class S1:
    __slots__ = ("x", "y")


class S2:
    __slots__ = ("x", "y")

    def total(self):
        return self.x + self.y


s = S1()
s.x, s.y = 4, 5
s.__class__ = S2
print(s.total(), type(s).__name__)


# The error cases.
class Other:
    __slots__ = ("a",)


class OtherNames:
    __slots__ = ("p", "q")


class L(list):
    pass


def attempt(obj, value):
    try:
        obj.__class__ = value
        print("ok:", type(obj).__name__)
    except Exception as e:
        print(type(e).__name__, e)


a = Animal("x")
attempt(a, 1)
attempt(a, "Dog")
attempt(a, int)
attempt(a, Other)
attempt(s, Other)
attempt(s, OtherNames)
attempt(s, Animal)
attempt(1, bool)
attempt("text", Animal)
attempt(L(), Animal)
attempt(a, L)
attempt(L(), list)
attempt(a, Dog)
print(a.__class__.__name__, a.speak())
try:
    del a.__class__
except Exception as e:
    print(type(e).__name__, e)


# A class that defines __class__ itself: stores go to the instance dict.
class Fake:
    __class__ = int


f = Fake()
print(f.__class__, type(f).__name__)
f.__class__ = str
print(f.__class__, type(f).__name__, vars(f))


# A property named __class__ wins over the builtin setter.
class WithProp:
    @property
    def __class__(self):
        return dict

    @__class__.setter
    def __class__(self, v):
        print("setter got", v.__name__)


w = WithProp()
w.__class__ = list
print(w.__class__, type(w).__name__)


# Classes with a metaclass, and with __del__.
class Meta(type):
    pass


class M1(metaclass=Meta):
    def who(self):
        return "M1"


class M2:
    def who(self):
        return "M2"

    def __del__(self):
        print("M2 finalized", self.tag)


m = M1()
m.tag = "t"
m.__class__ = M2
print(m.who(), type(m).__name__)
del m
print("end")
