//! The object protocols (CPython's `abstract.c`/`object.c`): repr, str, hash, len,
//! truth, equality and ordering helpers, each dispatched through the type's slots.

pub mod attr;

use std::rc::Rc;

use crate::interp::Vm;
use crate::objects::typeobj::{CompareOp, Slots};
use crate::value::{Inline, Value};
use crate::PyResult;

impl Vm {
    /// The slot table of `v`'s type.
    #[inline]
    pub fn slots(&self, v: &Value) -> Slots {
        match self.type_of(v).as_type() {
            Some(t) => t.slots,
            None => Slots::default(),
        }
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr_value(v)?;
        self.utf8_text(&r)
    }

    pub fn repr_value(&mut self, v: &Value) -> PyResult<Value> {
        match self.slots(v).repr {
            Some(f) => {
                let r = if v.is_ptr() {
                    self.enter_native_call(" while getting the repr of an object")?;
                    let r = f(self, v);
                    self.leave_native_call();
                    r?
                } else {
                    f(self, v)?
                };
                if r.as_pystr().is_none() {
                    let msg = format!("__repr__ returned non-string (type {})", self.type_name(&r));
                    return Err(self.type_error(&msg));
                }
                Ok(r)
            }
            None => {
                let s = self.default_repr(v);
                Ok(self.new_str(&s))
            }
        }
    }

    /// `<__main__.C object at 0x...>`.
    pub fn default_repr(&self, v: &Value) -> String {
        let ty = self.type_of(v);
        let (module, name) = match ty.as_type() {
            Some(t) => (t.module.clone(), t.name.clone()),
            None => (None, Rc::from("object")),
        };
        match module {
            Some(m) if &*m != "builtins" => format!("<{m}.{name} object at {:#014x}>", v.id()),
            _ => format!("<{name} object at {:#014x}>", v.id()),
        }
    }

    /// `str(v)` as Rust text. A result with a lone surrogate has no UTF-8 form: it
    /// fails with the `UnicodeEncodeError` CPython's strict UTF-8 encoder raises,
    /// which is what `print` of such a str reports. Code that passes strs through
    /// (formatting, joining) works on the str objects instead (`str_value`).
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        if let Some(s) = v.as_str() {
            return Ok(s.to_string());
        }
        let r = self.str_value(v)?;
        self.utf8_text(&r)
    }

    /// The text of a str as UTF-8, or `UnicodeEncodeError` for a lone surrogate.
    pub fn utf8_text(&mut self, s: &Value) -> PyResult<String> {
        match s.as_pystr() {
            Some(p) => match p.as_str() {
                Some(t) => Ok(t.to_string()),
                None => {
                    let bytes = crate::objects::codecs::encode(
                        self,
                        s,
                        crate::objects::codecs::Codec::Utf8,
                        "strict",
                    )?;
                    Ok(String::from_utf8_lossy(&bytes).into_owned())
                }
            },
            None => Ok(String::new()),
        }
    }

    pub fn str_value(&mut self, v: &Value) -> PyResult<Value> {
        match self.slots(v).str {
            Some(f) => {
                let r = f(self, v)?;
                if r.as_pystr().is_none() {
                    let msg = format!("__str__ returned non-string (type {})", self.type_name(&r));
                    return Err(self.type_error(&msg));
                }
                Ok(r)
            }
            None => self.repr_value(v),
        }
    }

    /// Marks `v` as being repr'd; returns true if it already was (self-reference).
    pub(crate) fn repr_guard_enter(&mut self, v: &Value) -> bool {
        if self.repr_stack.iter().any(|x| x.is(v)) {
            return true;
        }
        self.repr_stack.push(v.clone());
        false
    }

    pub(crate) fn repr_guard_leave(&mut self, v: &Value) {
        if let Some(pos) = self.repr_stack.iter().rposition(|x| x.is(v)) {
            self.repr_stack.remove(pos);
        }
    }

    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        if let Some(s) = v.as_pystr() {
            return Ok(s.hash());
        }
        if let Some(i) = v.as_int() {
            return Ok(crate::objects::int::int_hash_value(
                &crate::objects::int::IntRef::Small(i),
            ));
        }
        match self.slots(v).hash {
            Some(f) if v.is_ptr() => {
                // Tuples hash their items: nested ones recurse.
                self.enter_native_call(" while calling a Python object")?;
                let r = f(self, v);
                self.leave_native_call();
                r
            }
            Some(f) => f(self, v),
            None => {
                let msg = format!("unhashable type: '{}'", self.type_name(v));
                Err(self.type_error(&msg))
            }
        }
    }

    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        match self.slots(v).len {
            Some(f) => f(self, v),
            None => {
                let msg = format!("object of type '{}' has no len()", self.type_name(v));
                Err(self.type_error(&msg))
            }
        }
    }

    /// Truth value (`bool(v)`): `__bool__`, then `__len__`, else true.
    pub fn is_true(&mut self, v: &Value) -> PyResult<bool> {
        match v.classify() {
            Inline::Bool(b) => return Ok(b),
            Inline::None | Inline::Null => return Ok(false),
            Inline::Int(i) => return Ok(i != 0),
            Inline::Float(f) => return Ok(f != 0.0),
            _ => {}
        }
        let slots = self.slots(v);
        if let Some(f) = slots.bool {
            return f(self, v);
        }
        if let Some(f) = slots.len {
            return Ok(f(self, v)? > 0);
        }
        Ok(true)
    }

    /// `a == b` as a Rust bool (identity implies equality, as in containers).
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) && !a.is_float() {
            return Ok(true);
        }
        if let (Some(x), Some(y)) = (a.as_pystr(), b.as_pystr()) {
            return Ok(x.as_bytes() == y.as_bytes());
        }
        let r = self.rich_compare(a, b, CompareOp::Eq)?;
        self.is_true(&r)
    }

    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            return Ok(x < y);
        }
        let r = self.rich_compare(a, b, CompareOp::Lt)?;
        self.is_true(&r)
    }

    /// `callable(v)`.
    pub fn is_callable(&self, v: &Value) -> bool {
        matches!(
            v.kind(),
            Some(crate::objects::Kind::Function)
                | Some(crate::objects::Kind::Builtin)
                | Some(crate::objects::Kind::Method)
                | Some(crate::objects::Kind::Type)
        ) || self.slots(v).call.is_some()
    }

    /// Whether `v` is a function-like object that binds `self` on attribute access.
    pub fn is_method_descriptor(v: &Value) -> bool {
        v.is_kind::<crate::objects::Function>()
            || v.as_builtin()
                .is_some_and(|b| b.is_method && b.this.is_null())
    }
}
