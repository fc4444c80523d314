# compile(), exec(), eval() and locals().
x = 10
print(eval("x + 1"), eval("  [i * i for i in range(4)]"), eval("1, 2"))
exec("y = x * 2\nprint('in exec', y)")
print(y)
ns = {}
exec("a = 1\ndef f(b):\n    return a + b\n", ns)
print(ns["a"], ns["f"](2), "__builtins__" in ns)
print(eval("a + 100", ns), eval("q", {}, {"q": 5}), eval("len('abc')", {}))


def scope():
    local = 3
    return eval("local * 2"), sorted(locals())


print(scope())
code = compile("z = 5\nprint('z is', z)", "<made>", "exec")
print(type(code).__name__)
exec(code)
print(z)
expr = compile("2 ** 10", "<e>", "eval")
print(eval(expr))
for bad in ["1 +", "x = = 2", "def"]:
    try:
        exec(bad)
    except SyntaxError as e:
        print("SyntaxError:", e)
try:
    eval("x = 1")
except SyntaxError as e:
    print("SyntaxError:", e)
try:
    compile("1", "<s>", "bogus")
except ValueError as e:
    print("ValueError:", e)
try:
    eval("undefined_name")
except NameError as e:
    print("NameError:", e)
try:
    exec("1", [])
except TypeError as e:
    print("TypeError:", e)


class Namespace(dict):
    pass


d = {"k": 2}
exec("k2 = k * 3", d)
print(d["k2"])
exec("print(__name__)")
g = {"__name__": "custom"}
exec("print(__name__)", g)
print(eval("(lambda n: n + 1)(41)"))
src = "def gen():\n    yield from range(3)\nresult = list(gen())"
exec(src, ns)
print(ns["result"])

# SyntaxErrors of eval() input, as CPython reports them.
for src in ["(1", "1 2", "x = 1", "1 +", "[1, 2", "a b c", "lambda: (yield)", "f(**)", "'abc", "1 if 2", "x := 1"]:
    try:
        eval(src)
    except SyntaxError as e:
        print(repr(src), "->", e)
    except Exception as e:
        print(repr(src), "->", type(e).__name__, e)
for s in ["1 if 2", "1 if 2\n", "(1 if 2)"]:
    for f in (exec, eval):
        try:
            f(s)
        except SyntaxError as e:
            print(f.__name__, repr(s), e)

# Argument errors of exec, eval and compile, each in CPython's wording.
for f in ('exec(1,2,3,4)','eval(1,2,3,4)','exec()','eval()','compile("1","s")','compile()', 'eval("1", x=1)', 'exec("x=1", globals={})'):
    try:
        eval(f)
    except TypeError as e:
        print(f, '->', e)
print(exec("1", closure=None), eval("2", None, None))
