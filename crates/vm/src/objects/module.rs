//! Module objects: a name and the namespace dict their code ran in.

use std::rc::Rc;

use crate::objects::Trace;
use crate::value::Value;

/// A module's payload.
pub struct ModuleObj {
    pub name: Rc<str>,
    /// The module's namespace (a dict).
    pub dict: Value,
}

impl Trace for ModuleObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.dict);
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        crate::objects::function::take_into(&mut self.dict, out);
    }
}

/// `repr(module)`: `<module 'name' from 'path'>` for one loaded from a file, else
/// `<module 'name' (built-in)>`.
pub fn module_repr(vm: &mut crate::interp::Vm, v: &Value) -> crate::PyResult<Value> {
    let Some(m) = v.downcast::<ModuleObj>() else {
        let s = vm.default_repr(v);
        return Ok(vm.new_str(&s));
    };
    let file = m.dict.as_dict().and_then(|d| {
        d.borrow()
            .get_str("__file__")
            .and_then(|f| f.as_str().map(str::to_owned))
    });
    let s = match file {
        Some(path) => format!("<module '{}' from '{path}'>", m.name),
        None => format!("<module '{}' (built-in)>", m.name),
    };
    Ok(vm.new_str(&s))
}
