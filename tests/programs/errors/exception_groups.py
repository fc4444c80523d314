# ExceptionGroup / BaseExceptionGroup: construction checks, attributes, str/repr,
# split, subgroup, derive and the metadata split copies onto the parts.

print(BaseExceptionGroup.__mro__)
print(ExceptionGroup.__mro__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))

eg = ExceptionGroup("msg", [ValueError(1), TypeError(2)])
print(repr(eg))
print(str(eg))
print(eg.args)
print(eg.message, eg.exceptions, type(eg.exceptions).__name__)
print(str(ExceptionGroup("one", (KeyError("k"),))))
print(repr(ExceptionGroup("t", (ValueError(1),))))

# BaseExceptionGroup picks ExceptionGroup when it can.
print(type(BaseExceptionGroup("x", [ValueError()])).__name__)
print(type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
print(type(BaseExceptionGroup("x", [ValueError(), SystemExit(2)])).__name__)

bad_args = [
    (),
    ("a",),
    ("a", [ValueError()], 3),
    (1, [ValueError()]),
    (None, [ValueError()]),
    ("a", 1),
    ("a", {ValueError()}),
    ("a", []),
    ("a", ()),
    ("a", [1]),
    ("a", [ValueError(), 2]),
    ("a", [ValueError, TypeError()]),
    ("a", "xy"),
]
for args in bad_args:
    try:
        BaseExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

for cls in (ExceptionGroup, BaseExceptionGroup):
    try:
        cls("a", [ValueError()], flag=1)
    except TypeError as e:
        print(type(e).__name__, e)

try:
    ExceptionGroup("a", [ValueError(), KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)

# split / subgroup by type, tuple of types and predicate.
nested = ExceptionGroup(
    "outer",
    [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)]), KeyError(4)],
)
for cond in (ValueError, TypeError, (KeyError, TypeError), OSError, Exception, ExceptionGroup):
    m, r = nested.split(cond)
    print(cond, repr(m), repr(r))
    print("  subgroup:", repr(nested.subgroup(cond)))

print(nested.split(ExceptionGroup)[0] is nested)
print(nested.subgroup(lambda e: True) is nested)
print(nested.split(OSError)[1] is nested)
print(repr(nested.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] == 3)))
seen = []
nested.split(lambda e: seen.append(type(e).__name__))
print(seen)

for cond in (1, "x", (ValueError, 1), int, None):
    try:
        nested.split(cond)
    except TypeError as e:
        print(type(e).__name__, e)

# derive keeps the message, and picks the class from the new members.
d = eg.derive([KeyError(5)])
print(type(d).__name__, repr(d))
print(type(eg.derive([KeyboardInterrupt()])).__name__)

# Parts carry cause, context and a copy of the notes.
try:
    try:
        raise OSError("ctx")
    except OSError:
        raise ExceptionGroup("meta", [ValueError(1), TypeError(2)]) from RuntimeError("c")
except ExceptionGroup as caught:
    g = caught
g.add_note("note 1")
m, r = g.split(ValueError)
for part in (m, r):
    print(repr(part), repr(part.__cause__), repr(part.__context__), part.__suppress_context__)
    print("  notes", part.__notes__, part.__notes__ is g.__notes__)

# A subclass: derive makes plain groups, matching the subclass as a whole keeps it.
class MyGroup(ExceptionGroup):
    pass

mg = MyGroup("mine", [ValueError(1), TypeError(2)])
print(repr(mg), isinstance(mg, ExceptionGroup))
print(repr(mg.split(ValueError)))
print(mg.subgroup(MyGroup) is mg)

class Derived(ExceptionGroup):
    def derive(self, excs):
        return Derived(self.message + "!", excs)

dg = Derived("d", [ValueError(1), TypeError(2)])
print(repr(dg.split(TypeError)))

try:
    e = ValueError("x")
    e.add_note(3)
except TypeError as err:
    print(type(err).__name__, err)

# A subclass with its own __init__ and extra arguments.
class WithCode(ExceptionGroup):
    def __init__(self, msg, excs, code=0):
        super().__init__(msg, excs)
        self.code = code

wc = WithCode("coded", [ValueError(1)], code=5)
print(repr(wc), wc.code, wc.message, wc.exceptions, str(wc))

for attr in ("message", "exceptions"):
    try:
        setattr(eg, attr, None)
    except AttributeError as err:
        print(attr, type(err).__name__, err)
