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
