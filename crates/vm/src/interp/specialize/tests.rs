//! Quickening end to end: real compiler output runs, then the VM's copy of a
//! function's code is inspected for the specialized forms, and results are checked
//! after guards miss and instructions deoptimize.

use bytecode::Opcode;

use crate::interp::Vm;
use crate::value::Value;

use crate::test_support::{global, run_source as run};

/// The opcodes of function `name`'s quickened code, in order.
fn ops(globals: &Value, name: &str) -> Vec<Opcode> {
    let f = global(globals, name);
    let f = f.as_function().expect("a function");
    f.code.instrs.iter().map(|c| c.get().op).collect()
}

fn int(globals: &Value, name: &str) -> i64 {
    global(globals, name).as_int().expect("an inline int")
}

#[test]
fn a_hot_loop_quickens() {
    let (_vm, g) = run("
def f(n):
    t = 0
    for i in range(n):
        if i < n:
            t = t + i + abs(0)
    return t
for _ in range(100):
    r = f(10)
");
    let ops = ops(&g, "f");
    for want in [
        Opcode::BINARY_OP_ADD_INT,
        Opcode::COMPARE_OP_INT_JUMP,
        Opcode::FOR_ITER_RANGE,
        Opcode::LOAD_GLOBAL_BUILTIN,
        Opcode::PRECALL_NO_KW_BUILTIN_FAST,
    ] {
        assert!(ops.contains(&want), "{} missing from {ops:?}", want.name());
    }
    assert_eq!(int(&g, "r"), 45);
}

#[test]
fn unquickened_code_is_untouched() {
    // The compiler's code object is not the VM's copy: it keeps CPython's opcodes.
    let source = "def f(a, b):\n    return a + b\nfor _ in range(100):\n    f(1, 2)\n";
    let module = parser::parse_module(source).expect("parses");
    let co = codegen::compile_module(&module, source, "<test>").expect("compiles");
    let before = co.code.clone();
    let mut vm = Vm::new(Vec::new());
    let code = vm.load_code(&co);
    let globals = vm.new_dict();
    assert!(vm.run_module_code(code, globals).is_ok());
    assert_eq!(co.code, before);
    assert!(co
        .code
        .iter()
        .all(|u| Opcode::from_u8(u.op).is_some_and(|op| !op.is_specialized())));
}

#[test]
fn a_type_change_deoptimizes_and_respecializes() {
    let (_vm, g) = run("
def add(a, b):
    return a + b
ints = 0
for i in range(100):
    ints = add(ints, i)
floats = 0.0
for i in range(400):
    floats = add(floats, 0.5)
strs = ''
for i in range(400):
    strs = add(strs, 'x')
n = len(strs)
");
    assert_eq!(int(&g, "ints"), 4950);
    assert_eq!(global(&g, "floats").as_float(), Some(200.0));
    assert_eq!(int(&g, "n"), 400);
    // After the misses it went back to adaptive and specialized for strs.
    assert!(ops(&g, "add").contains(&Opcode::BINARY_OP_ADD_UNICODE));
}

#[test]
fn class_attribute_change_is_seen() {
    let (_vm, g) = run("
class C:
    k = 1
    def m(self):
        return 10
def get(o):
    return o.k + o.m()
o = C()
for _ in range(100):
    a = get(o)
C.k = 2
C.m = lambda self: 20
b = get(o)
class D(C):
    pass
d = D()
for _ in range(100):
    c = get(d)
C.k = 3
e = get(d)
");
    assert!(ops(&g, "get").contains(&Opcode::LOAD_METHOD_WITH_VALUES));
    assert_eq!(int(&g, "a"), 11);
    assert_eq!(int(&g, "b"), 22);
    assert_eq!(int(&g, "c"), 22);
    // A change to a base is seen through the subclass's version tag.
    assert_eq!(int(&g, "e"), 23);
}

#[test]
fn globals_rebound_deleted_and_shadowing_builtins_are_seen() {
    let (_vm, g) = run("
x = 1
def gx():
    return x
def glen():
    return len('abc')
for _ in range(100):
    a = gx()
    b = glen()
x = 2
c = gx()
del x
try:
    gx()
    d = 0
except NameError:
    d = 1
x = 3
e = gx()
def len(s):
    return 99
f = glen()
del len
h = glen()
");
    for (name, want) in [
        ("a", 1),
        ("b", 3),
        ("c", 2),
        ("d", 1),
        ("e", 3),
        ("f", 99),
        ("h", 3),
    ] {
        assert_eq!(int(&g, name), want, "{name}");
    }
}

#[test]
fn instance_attributes_specialize_and_follow_the_instance() {
    let (_vm, g) = run("
class P:
    def __init__(self, x):
        self.x = x
def getx(p):
    return p.x
ps = [P(i) for i in range(100)]
t = 0
for p in ps:
    t += getx(p)
q = P(5)
q.y = 1
del q.x
q.x = 7
u = getx(q)
");
    assert!(ops(&g, "getx").contains(&Opcode::LOAD_ATTR_INSTANCE_VALUE));
    assert_eq!(int(&g, "t"), 4950);
    assert_eq!(int(&g, "u"), 7);
}

#[test]
fn instances_with_values_specialize_stores_loads_and_methods() {
    let (_vm, g) = run("
class P:
    def __init__(self, x):
        self.x = x
    def m(self):
        return self.x
def use(p):
    return p.x + p.m()
ps = [P(i) for i in range(100)]
t = 0
for p in ps:
    t += use(p)
");
    assert_eq!(int(&g, "t"), 9900);
    let init = global(&g, "P");
    let init = init
        .as_type()
        .and_then(|t| t.dict.borrow().get_str("__init__").cloned())
        .expect("P.__init__");
    let init_ops: Vec<Opcode> = init
        .as_function()
        .expect("a function")
        .code
        .instrs
        .iter()
        .map(|c| c.get().op)
        .collect();
    assert!(init_ops.contains(&Opcode::STORE_ATTR_INSTANCE_VALUE));
    let use_ops = ops(&g, "use");
    assert!(use_ops.contains(&Opcode::LOAD_ATTR_INSTANCE_VALUE));
    assert!(use_ops.contains(&Opcode::LOAD_METHOD_WITH_VALUES));
}

#[test]
fn instances_with_a_dict_use_the_hinted_forms() {
    let (_vm, g) = run("
class P:
    def __init__(self, x):
        self.x = x
    def m(self):
        return 1
def use(p):
    p.y = p.x
    return p.y + p.m()
ps = [P(i) for i in range(100)]
for p in ps:
    p.__dict__
t = 0
for p in ps:
    t += use(p)
");
    assert_eq!(int(&g, "t"), 5050);
    let use_ops = ops(&g, "use");
    for want in [
        Opcode::LOAD_ATTR_WITH_HINT,
        Opcode::STORE_ATTR_WITH_HINT,
        Opcode::LOAD_METHOD_WITH_DICT,
    ] {
        assert!(use_ops.contains(&want), "{want:?} in {use_ops:?}");
    }
}

#[test]
fn a_name_new_to_the_shared_keys_invalidates_method_and_class_attribute_sites() {
    let (_vm, g) = run("
class C:
    k = 1
    def m(self):
        return 10
def get(o):
    return o.k + o.m()
objs = [C() for _ in range(100)]
for o in objs:
    a = get(o)
objs[0].m = lambda: 100
objs[1].k = 5
b = get(objs[0])
c = get(objs[1])
d = get(objs[2])
");
    assert_eq!(int(&g, "a"), 11);
    assert_eq!(int(&g, "b"), 101);
    assert_eq!(int(&g, "c"), 15);
    assert_eq!(int(&g, "d"), 11);
}

#[test]
fn counters_back_off_when_nothing_fits() {
    let (_vm, g) = run("
def add(a, b):
    return a + b
r = None
for i in range(300):
    r = add([i], [i])
n = len(r)
");
    assert!(ops(&g, "add").contains(&Opcode::BINARY_OP_ADAPTIVE));
    assert_eq!(int(&g, "n"), 2);
}

#[test]
fn calls_with_defaults_specialize_and_use_the_callees_defaults() {
    let (_vm, g) = run("
def f(a, b=10, c=100):
    return a + b + c
def call1(x):
    return f(x)
def call2(x):
    return f(x, 1)
s = 0
for i in range(100):
    s += call1(i) + call2(i)
def f(a, b=20, c=200):
    return a + b + c
t = call1(0) + call2(0)
");
    assert!(ops(&g, "call1").contains(&Opcode::CALL_PY_WITH_DEFAULTS));
    assert!(ops(&g, "call1").contains(&Opcode::PRECALL_PYFUNC));
    assert_eq!(int(&g, "s"), 4950 + 11000 + 4950 + 10100);
    assert_eq!(int(&g, "t"), 220 + 201);
}

#[test]
fn class_attributes_through_instances_follow_shadowing_and_changes() {
    let (_vm, g) = run("
class C:
    k = 1
def getk(o):
    return o.k
o = C()
for _ in range(100):
    a = getk(o)
o.k = 5
b = getk(o)
del o.k
C.k = 7
c = getk(o)
class D(C):
    pass
for _ in range(100):
    d = getk(D())
C.k = 9
e = getk(D())
");
    assert!(ops(&g, "getk").contains(&Opcode::LOAD_ATTR_INSTANCE_CLASS));
    for (name, want) in [("a", 1), ("b", 5), ("c", 7), ("d", 7), ("e", 9)] {
        assert_eq!(int(&g, name), want, "{name}");
    }
}

#[test]
fn a_base_method_over_plain_subclasses_stays_on_the_values_forms() {
    let (_vm, g) = run("
class Base:
    def __init__(self, v):
        self.v = v
def get(o):
    return o.v
def put(o, x):
    o.v = x
class S1(Base):
    pass
class S2(Base):
    pass
objs = [S1(1), S2(2), Base(3)] * 100
t = 0
for i, o in enumerate(objs):
    put(o, i)
    t += get(o)
class S3(Base):
    @property
    def v(self):
        return 1000
    @v.setter
    def v(self, x):
        pass
u = 0
for o in [S1(1), S3(2)] * 10:
    put(o, 5)
    u += get(o)
");
    assert_eq!(int(&g, "t"), 299 * 300 / 2);
    assert_eq!(int(&g, "u"), 10 * 5 + 10 * 1000);
    assert!(ops(&g, "get").contains(&Opcode::LOAD_ATTR_INSTANCE_VALUE));
    assert!(ops(&g, "put").contains(&Opcode::STORE_ATTR_INSTANCE_VALUE));
}

#[test]
fn builtin_class_calls_specialize_and_give_the_generic_results() {
    let (_vm, g) = run("
class C:
    def __str__(self):
        return 'c'
def f(x):
    return (type(x), str(x), tuple((x,)), int(x), float(x))
for i in range(100):
    r = f(i)
def g(v):
    return type(v), str(v)
for _ in range(100):
    q = g(C())
ok = r == (int, '99', (99,), 99, 99.0) and q == (C, 'c')
");
    let ops = ops(&g, "f");
    for want in [
        Opcode::PRECALL_NO_KW_TYPE_1,
        Opcode::PRECALL_NO_KW_STR_1,
        Opcode::PRECALL_NO_KW_TUPLE_1,
        Opcode::PRECALL_BUILTIN_CLASS,
    ] {
        assert!(ops.contains(&want), "{} missing from {ops:?}", want.name());
    }
    let ok = global(&g, "ok");
    assert!(
        ok.as_bool() == Some(true),
        "results differ from the generic call"
    );
}

#[test]
fn slots_specialize_to_the_member_forms_and_see_unset_and_other_classes() {
    let (_vm, g) = run("
class P:
    __slots__ = ('x', 'y')
    def __init__(self, x):
        self.x = x
        self.y = -x
class Q(P):
    __slots__ = ('z',)
def use(p):
    p.y = p.x + 1
    return p.x + p.y
ps = [P(i) for i in range(100)]
t = 0
for p in ps:
    t += use(p)
q = Q(5)
t += use(q)
del ps[0].x
try:
    use(ps[0])
except AttributeError:
    t += 1000
");
    assert_eq!(int(&g, "t"), 10000 + 11 + 1000);
    let use_ops = ops(&g, "use");
    for want in [Opcode::LOAD_ATTR_SLOT, Opcode::STORE_ATTR_SLOT] {
        assert!(use_ops.contains(&want), "{want:?} in {use_ops:?}");
    }
}
