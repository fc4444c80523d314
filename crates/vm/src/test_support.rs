//! Helpers for the VM's unit tests that run Python source (parsed and compiled by the
//! front end, a dev-dependency only: the VM itself never depends on it).

use crate::interp::Vm;
use crate::value::Value;

/// Runs `source` as a module; returns the VM and the module's globals. A Python
/// exception fails the test, showing its repr.
pub(crate) fn run_source(source: &str) -> (Vm, Value) {
    let module = parser::parse_module(source).expect("test source parses");
    let co = codegen::compile_module(&module, source, "<test>").expect("test source compiles");
    let mut vm = Vm::new(Vec::new());
    let code = vm.load_code(&co);
    let globals = vm.new_dict();
    let (key, name) = (vm.new_str("__name__"), vm.new_str("__main__"));
    assert!(vm.dict_set(&globals, key, name).is_ok());
    let result = vm.run_module_code(code, globals.clone());
    if let Err(exc) = result {
        let shown = vm.repr(&exc).unwrap_or_default();
        panic!("test source raised {shown}");
    }
    (vm, globals)
}

/// Global `name` of a module run by [`run_source`].
pub(crate) fn global(globals: &Value, name: &str) -> Value {
    let d = globals.as_dict().expect("globals are a dict");
    let v = d.borrow().get_str(name).cloned();
    v.unwrap_or_else(|| panic!("no global {name}"))
}
