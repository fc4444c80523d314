//! `COMPARE_OP` and `CONTAINS_OP`: rich comparison with reflected fallbacks and
//! CPython's messages, and membership tests.

use super::Vm;
use crate::objects::typeobj::CompareOp;
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// `a op b` (CPython's `do_richcompare`): the reflected operation is tried first when
    /// the right operand's type is a proper subclass; `==`/`!=` fall back to identity.
    pub fn rich_compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        if a.is_ptr() && b.is_ptr() {
            // Containers compare their items: nested ones recurse.
            self.enter_native_call(" in comparison")?;
            let r = self.rich_compare_unguarded(a, b, op);
            self.leave_native_call();
            return r;
        }
        self.rich_compare_unguarded(a, b, op)
    }

    fn rich_compare_unguarded(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        let ta = self.type_of(a).clone();
        let tb = self.type_of(b).clone();
        let sa = ta.as_type().and_then(|t| t.slots.richcompare);
        let sb = tb.as_type().and_then(|t| t.slots.richcompare);
        let rhs_first = !ta.is(&tb) && self.is_subclass(&tb, &ta);
        if rhs_first {
            if let Some(f) = sb {
                let r = f(self, b, a, op.swapped())?;
                if !r.is(&Value::NOT_IMPLEMENTED) {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = sa {
            let r = f(self, a, b, op)?;
            if !r.is(&Value::NOT_IMPLEMENTED) {
                return Ok(r);
            }
        }
        if !rhs_first {
            if let Some(f) = sb {
                let r = f(self, b, a, op.swapped())?;
                if !r.is(&Value::NOT_IMPLEMENTED) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOp::Eq => Ok(Value::bool(a.is(b))),
            CompareOp::Ne => Ok(Value::bool(!a.is(b))),
            _ => {
                let msg = format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    self.type_name(a),
                    self.type_name(b)
                );
                Err(self.type_error(&msg))
            }
        }
    }

    /// `item in container`: the `contains` slot, else iteration with `==`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Some(f) = self.slots(container).contains {
            return f(self, container, item);
        }
        let slots = self.slots(container);
        if slots.iter.is_none() && slots.getitem.is_none() {
            let msg = format!(
                "argument of type '{}' is not iterable",
                self.type_name(container)
            );
            return Err(self.type_error(&msg));
        }
        let it = self.get_iter(container)?;
        while let Some(x) = self.iter_next(&it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
