//! Refcount balance: every object a program allocates is freed once the program's
//! namespace is gone and the cycle collector has run. Random programs are built from
//! snippets that make containers, cycles, closures, instances with `__del__`,
//! generators, weakrefs and errors; each must leave exactly the objects an empty
//! program leaves. Needs the debug build's allocation counter.

use proptest::prelude::*;

const SNIPPETS: &[&str] = &[
    "a = [1, 2.5, 'x']",
    "b = {'k': a, 3: (a, a)}",
    "a.append(a)",
    "c = (a, b, 10**40)",
    "class N:\n    pass",
    "n = N()\nn.me = n\nn.other = a",
    "def f(x):\n    return lambda: x",
    "g = f(b)",
    "g2 = f(g)\ng.cell_loop = g2",
    "del a",
    "t = tuple(range(5))",
    "s = {1, 2, 'three'}",
    "gen = (i * 2 for i in range(3))\nnext(gen)",
    "d = dict(x=1)\nd['self'] = d",
    "text = 'déjà ' * 3 + str(12345678901234567890)",
    "b = None",
    "class D:\n    def __del__(self):\n        self.seen = [self]",
    "dd = D()\ndd.loop = dd",
    "import weakref\nw = weakref.ref(n, lambda r: None)",
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    err = e",
    "lst = [[i, [i]] for i in range(20)]",
    "def gen_fn():\n    try:\n        yield 1\n        yield 2\n    finally:\n        pass",
    "it = gen_fn()\nnext(it)",
    "undefined_name",
    "class Base:\n    def m(self):\n        return self\nclass Sub(Base):\n    def m(self):\n        return super().m()",
    "obj = Sub().m()\nbound = obj.m",
    "import gc\ngc.collect()",
    "x = [[]]\nfor i in range(200):\n    x = [x, (x,)]",
];

/// Objects still alive (beyond those the VM made at start) after running `source`,
/// dropping its namespace and collecting.
fn residue(source: &str) -> isize {
    let module = parser::parse_module(source).expect("snippets parse");
    let code = codegen::compile_module(&module, source, "<balance>").expect("snippets compile");
    let mut vm = vm::Vm::new(vec![]);
    // The finalizer and deferred-close queues are per thread, so whatever an earlier
    // case left in them (once seen as a rare negative residue) is settled here, before
    // counting, rather than freed during this program's count.
    vm.run_finalizers();
    vm::gc::collect(&mut vm, 2);
    vm.run_finalizers();
    let start = vm::objects::heap::live_objects();
    let globals = vm.new_dict();
    let name = vm.new_str("__name__");
    let main = vm.new_str("__main__");
    let _ = vm.dict_set(&globals, name, main);
    let code = vm.load_code(&code);
    let result = vm.run_module_code(code, globals.clone());
    drop(result);
    vm.run_finalizers();
    if let Some(d) = globals.as_dict() {
        let entries = std::mem::take(&mut *d.borrow_mut());
        drop(entries);
    }
    drop(globals);
    let modules = vm.modules.clone();
    if let Some(d) = modules.as_dict() {
        let entries = std::mem::take(&mut *d.borrow_mut());
        drop(entries);
    }
    vm.clear_caches();
    for _ in 0..2 {
        vm.run_finalizers();
        vm::gc::collect(&mut vm, 2);
        vm.run_finalizers();
    }
    vm::objects::heap::live_objects() - start
}

#[test]
fn empty_program_leaves_nothing() {
    if !cfg!(debug_assertions) {
        return;
    }
    assert_eq!(residue("pass"), 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_object_is_freed(picks in proptest::collection::vec(0..SNIPPETS.len(), 1..14)) {
        if cfg!(debug_assertions) {
            let source: Vec<&str> = picks.iter().map(|&i| SNIPPETS[i]).collect();
            let source = source.join("\n") + "\n";
            prop_assert_eq!(residue(&source), 0, "program:\n{}", source);
        }
    }
}

#[test]
fn the_counter_sees_allocations() {
    if !cfg!(debug_assertions) {
        return;
    }
    let mut vm = vm::Vm::new(vec![]);
    // The finalizer and deferred-close queues are per thread, so whatever an earlier
    // case left in them (once seen as a rare negative residue) is settled here, before
    // counting, rather than freed during this program's count.
    vm.run_finalizers();
    vm::gc::collect(&mut vm, 2);
    vm.run_finalizers();
    let start = vm::objects::heap::live_objects();
    let list = vm.new_list(vec![]);
    assert_eq!(vm::objects::heap::live_objects() - start, 1);
    // A cycle stays until collected.
    if let Some(items) = list.as_list() {
        items.borrow_mut().push(list.clone());
    }
    drop(list);
    assert_eq!(vm::objects::heap::live_objects() - start, 1);
    assert_eq!(vm::gc::collect(&mut vm, 2), 1);
    assert_eq!(vm::objects::heap::live_objects() - start, 0);
}
