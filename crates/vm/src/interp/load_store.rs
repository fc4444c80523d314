//! Name, global, attribute, closure-cell and method loads and stores.

use std::rc::Rc;

use super::Vm;
use crate::objects::Code;
use crate::objects::Function;
use crate::value::Value;
use crate::PyResult;

impl Vm {
    fn frame_locals_globals(&self) -> (Value, Value) {
        match self.frames.last() {
            Some(f) => (f.locals.clone(), f.globals.clone()),
            None => (Value::NULL, Value::NULL),
        }
    }

    pub(crate) fn builtin_lookup(&mut self, name: &str) -> PyResult<Value> {
        let found = self
            .builtins
            .as_dict()
            .and_then(|d| d.borrow().get_str(name).cloned());
        match found {
            Some(v) => Ok(v),
            None => Err(self.name_error(name)),
        }
    }

    pub(super) fn op_load_name(&mut self, name: &Value) -> PyResult<()> {
        // Names are str constants with a cached hash: look them up without re-hashing.
        let hash = match name.as_pystr() {
            Some(s) => s.hash(),
            None => return Err(self.system_error("LOAD_NAME: name is not a str")),
        };
        let found = match self.frames.last() {
            Some(frame) => {
                let lookup = |d: &Value| {
                    d.as_dict()
                        .and_then(|d| d.borrow().get(name, hash).cloned())
                };
                let mut v = if frame.locals.is_null() {
                    None
                } else {
                    lookup(&frame.locals)
                };
                if v.is_none() && !frame.globals.is(&frame.locals) {
                    v = lookup(&frame.globals);
                }
                if v.is_none() {
                    v = lookup(&self.builtins);
                }
                v
            }
            None => None,
        };
        match found {
            Some(v) => {
                self.push(v);
                Ok(())
            }
            None => Err(self.name_error(name.as_str().unwrap_or("?"))),
        }
    }

    pub(super) fn op_store_name(&mut self, name: &Value) -> PyResult<()> {
        let v = self.pop();
        let hash = match name.as_pystr() {
            Some(s) => s.hash(),
            None => return Err(self.system_error("STORE_NAME: name is not a str")),
        };
        if let Some(frame) = self.frames.last() {
            let target = if frame.locals.is_null() {
                &frame.globals
            } else {
                &frame.locals
            };
            if let Some(d) = target.as_dict() {
                let old = d.borrow_mut().insert_replace(name.clone(), hash, v);
                drop(old);
                if crate::objects::generator::finalizers_pending() {
                    self.run_finalizers();
                }
                return Ok(());
            }
            // A non-dict namespace (a mapping from a metaclass's __prepare__).
            let target = target.clone();
            return self.set_item(&target, name, v);
        }
        Ok(())
    }

    pub(super) fn op_delete_name(&mut self, name: &Value) -> PyResult<()> {
        let (locals, globals) = self.frame_locals_globals();
        let target = if locals.is_null() { globals } else { locals };
        match self.dict_remove(&target, name)? {
            Some(_) => Ok(()),
            None => Err(self.name_error(name.as_str().unwrap_or("?"))),
        }
    }

    pub(super) fn op_store_global(&mut self, name: &Value) -> PyResult<()> {
        let v = self.pop();
        let (_, globals) = self.frame_locals_globals();
        self.dict_set(&globals, name.clone(), v)
    }

    pub(super) fn op_delete_global(&mut self, name: &Value) -> PyResult<()> {
        let (_, globals) = self.frame_locals_globals();
        match self.dict_remove(&globals, name)? {
            Some(_) => Ok(()),
            None => Err(self.name_error(name.as_str().unwrap_or("?"))),
        }
    }

    /// `LOAD_METHOD`: pushes `[method, self]` when the attribute is a plain function on
    /// the type (so the call needs no bound-method object), else `[NULL, attribute]`.
    pub(super) fn op_load_method(&mut self, name: &Value) -> PyResult<()> {
        let obj = self.pop();
        if let Some(method) = self.lookup_method(&obj, name) {
            self.push(method);
            self.push(obj);
        } else {
            let attr = self.get_attr(&obj, name)?;
            self.push(Value::NULL);
            self.push(attr);
        }
        Ok(())
    }

    pub(super) fn op_load_deref(
        &mut self,
        code: &Rc<Code>,
        base: usize,
        n: usize,
        class_deref: bool,
    ) -> PyResult<Value> {
        if class_deref {
            // Class bodies look in their namespace first.
            let name = code
                .localsplus_names
                .get(n)
                .cloned()
                .unwrap_or_else(|| Rc::from("?"));
            let locals = self
                .frames
                .last()
                .map(|f| f.locals.clone())
                .unwrap_or(Value::NULL);
            if let Some(d) = locals.as_dict() {
                if let Some(v) = d.borrow().get_str(&name) {
                    return Ok(v.clone());
                }
            }
        }
        let v = match self.stack[base + n].as_cell() {
            Some(c) => c.borrow().clone(),
            None => Value::NULL,
        };
        if v.is_null() {
            let name = code
                .localsplus_names
                .get(n)
                .cloned()
                .unwrap_or_else(|| Rc::from("?"));
            if n < code.free_start {
                return Err(self.unbound_local(code, n));
            }
            let msg = format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            );
            return Err(self.new_exception(&self.types.name_error.clone(), &msg));
        }
        Ok(v)
    }

    pub(super) fn op_copy_free_vars(&mut self, code: &Rc<Code>, base: usize, n: usize) {
        let func = self
            .frames
            .last()
            .map(|f| f.func.clone())
            .unwrap_or(Value::NULL);
        if let Some(f) = func.downcast::<Function>() {
            if let Some(cells) = f.closure.as_tuple() {
                for (i, cell) in cells.iter().take(n).enumerate() {
                    self.stack[base + code.free_start + i] = cell.clone();
                }
            }
        }
    }

    pub(crate) fn unbound_local(&mut self, code: &Code, n: usize) -> Value {
        let name = code
            .localsplus_names
            .get(n)
            .cloned()
            .unwrap_or_else(|| Rc::from("?"));
        let msg = format!(
            "cannot access local variable '{name}' where it is not associated with a value"
        );
        let ty = self.types.unbound_local_error.clone();
        self.new_exception(&ty, &msg)
    }
}
