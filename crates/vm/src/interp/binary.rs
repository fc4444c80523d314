//! `BINARY_OP` (all `NB_*` operators, in-place forms), unary operators and
//! subscription (`BINARY_SUBSCR`, `STORE_SUBSCR`, `DELETE_SUBSCR`).

use bytecode::Opcode;

use super::Vm;
use crate::objects::typeobj::BinOp;
use crate::objects::{InstanceObj, ListObj};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// `a op b`: the left operand's slot, then the right's (CPython's `binary_op1`,
    /// with the right operand first when its type is a proper subclass of the left's).
    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinOp, inplace: bool) -> PyResult<Value> {
        if inplace {
            if let Some(r) = self.inplace_op(a, b, op)? {
                return Ok(r);
            }
        }
        if let Some(r) = self.try_binary(a, b, op)? {
            return Ok(r);
        }
        let sym = if inplace {
            format!("{}=", op.symbol())
        } else {
            op.symbol().to_string()
        };
        let msg = if op == BinOp::Pow && !inplace {
            format!(
                "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                self.type_name(a),
                self.type_name(b)
            )
        } else {
            format!(
                "unsupported operand type(s) for {sym}: '{}' and '{}'",
                self.type_name(a),
                self.type_name(b)
            )
        };
        Err(self.type_error(&msg))
    }

    /// The binary slots of both operands in CPython's order; `None` when both
    /// return NotImplemented (the caller words the TypeError: `divmod()` has its own).
    #[inline]
    pub fn try_binary(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        let ta = self.type_of(a).clone();
        let tb = self.type_of(b).clone();
        let sa = ta.as_type().and_then(|t| t.slots.binary);
        let sb = tb.as_type().and_then(|t| t.slots.binary);
        let rhs_first = !ta.is(&tb) && self.is_subclass(&tb, &ta) && sb.is_some();
        if rhs_first {
            if let Some(f) = sb {
                let r = f(self, op, a, b)?;
                if !r.is(&Value::NOT_IMPLEMENTED) {
                    return Ok(Some(r));
                }
            }
        }
        if let Some(f) = sa {
            let r = f(self, op, a, b)?;
            if !r.is(&Value::NOT_IMPLEMENTED) {
                return Ok(Some(r));
            }
        }
        if !rhs_first && !ta.is(&tb) {
            if let Some(f) = sb {
                if sa.map(|g| g as usize) != Some(f as usize) {
                    let r = f(self, op, a, b)?;
                    if !r.is(&Value::NOT_IMPLEMENTED) {
                        return Ok(Some(r));
                    }
                }
            }
        }
        Ok(None)
    }

    /// In-place forms: lists and bytearrays extend in place; user classes may define `__iadd__`.
    fn inplace_op(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        if let (Some(d), BinOp::Or) = (a.as_dict(), op) {
            let _ = d;
            if b.as_dict().is_some() || b.is_kind::<ListObj>() {
                self.dict_merge_from(a, b)?;
                return Ok(Some(a.clone()));
            }
        }
        if let Some(l) = a.as_list() {
            match op {
                BinOp::Add => {
                    let items = self.collect_iterable(b)?;
                    l.borrow_mut().extend(items);
                    return Ok(Some(a.clone()));
                }
                BinOp::Mul => {
                    if let Some(n) = self.to_i64(b)? {
                        let src = l.borrow().clone();
                        let mut out = Vec::new();
                        let n = self.check_repeat(src.len() * 8, n)?;
                        for _ in 0..n {
                            out.extend(src.iter().cloned());
                        }
                        *l.borrow_mut() = out;
                        return Ok(Some(a.clone()));
                    }
                }
                _ => {}
            }
            return Ok(None);
        }
        if a.as_bytearray().is_some() {
            return crate::objects::bytearray::bytearray_inplace(self, a, b, op);
        }
        if a.is_kind::<InstanceObj>() {
            let ty = self.type_of(a).clone();
            if let Some(f) = self.type_lookup(&ty, op.dunders().2) {
                let r = self.call(&f, &[a.clone(), b.clone()])?;
                if !r.is(&Value::NOT_IMPLEMENTED) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    pub(super) fn unary_op(&mut self, op: Opcode, v: &Value) -> PyResult<Value> {
        let slots = self.slots(v);
        let (slot, sym) = match op {
            Opcode::UNARY_NEGATIVE => (slots.neg, "-"),
            Opcode::UNARY_POSITIVE => (slots.pos, "+"),
            _ => (slots.invert, "~"),
        };
        if let Some(f) = slot {
            let r = f(self, v)?;
            if !r.is(&Value::NOT_IMPLEMENTED) {
                return Ok(r);
            }
        }
        let msg = format!("bad operand type for unary {sym}: '{}'", self.type_name(v));
        Err(self.type_error(&msg))
    }

    pub fn get_item(&mut self, container: &Value, key: &Value) -> PyResult<Value> {
        match self.slots(container).getitem {
            Some(f) => f(self, container, key),
            None => {
                if container.as_type().is_some() {
                    // `list[int]`, `type[int]`, `C[int]` (see `objects::generic_alias`).
                    return self.class_subscript(container, key);
                }
                let msg = format!(
                    "'{}' object is not subscriptable",
                    self.type_name(container)
                );
                Err(self.type_error(&msg))
            }
        }
    }

    pub fn set_item(&mut self, container: &Value, key: &Value, value: Value) -> PyResult<()> {
        match self.slots(container).setitem {
            Some(f) => f(self, container, key, value),
            None => {
                let msg = format!(
                    "'{}' object does not support item assignment",
                    self.type_name(container)
                );
                Err(self.type_error(&msg))
            }
        }
    }

    pub fn del_item(&mut self, container: &Value, key: &Value) -> PyResult<()> {
        match self.slots(container).delitem {
            Some(f) => f(self, container, key),
            None => {
                let msg = format!(
                    "'{}' object does not support item deletion",
                    self.type_name(container)
                );
                Err(self.type_error(&msg))
            }
        }
    }
}
