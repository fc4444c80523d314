//! Iteration: `GET_ITER`, stepping any iterator, unpacking (`UNPACK_SEQUENCE`,
//! `UNPACK_EX`) and collecting iterables into vectors.

use super::Vm;
use crate::objects::generator::Generator;
use crate::objects::iter::IterState;
use crate::objects::{Kind, RangeObj};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        match v.kind() {
            Some(Kind::List) | Some(Kind::Tuple) | Some(Kind::Str) | Some(Kind::Bytes)
                if self.slots(v).iter.is_none() =>
            {
                return Ok(self.new_iter(IterState::Seq {
                    seq: v.clone(),
                    index: 0,
                }));
            }
            Some(Kind::Range) => {
                let (start, stop, step) = crate::objects::range::range_parts(v);
                let state = IterState::Range {
                    next: start,
                    stop,
                    step,
                };
                return Ok(self.new_iter(state));
            }
            _ => {}
        }
        let slots = self.slots(v);
        if let Some(f) = slots.iter {
            return f(self, v);
        }
        if slots.getitem.is_some() {
            // The old sequence protocol: index from 0 until IndexError.
            return Ok(self.new_iter(IterState::Seq {
                seq: v.clone(),
                index: 0,
            }));
        }
        let msg = format!("'{}' object is not iterable", self.type_name(v));
        Err(self.type_error(&msg))
    }

    /// One step of any iterator; `Ok(None)` when exhausted.
    pub fn iter_next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match self.slots(it).next {
            Some(f) => f(self, it),
            None => {
                let msg = format!("'{}' object is not an iterator", self.type_name(it));
                Err(self.type_error(&msg))
            }
        }
    }

    /// Every item of an iterable.
    pub fn collect_iterable(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Some(l) = v.as_list() {
            return Ok(l.borrow().clone());
        }
        if let Some(t) = v.as_tuple() {
            return Ok(t.to_vec());
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.iter_next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    pub(super) fn op_unpack_sequence(&mut self, n: usize) -> PyResult<()> {
        let seq = self.pop();
        // A tuple or list of the right length: push its items straight onto the stack,
        // without collecting them into a temporary vector first.
        if let Some(t) = seq.as_tuple() {
            if t.len() == n {
                self.stack.extend(t.iter().rev().cloned());
                return Ok(());
            }
        } else if let Some(l) = seq.as_list() {
            let l = l.borrow();
            if l.len() == n {
                self.stack.extend(l.iter().rev().cloned());
                return Ok(());
            }
        }
        let slots = self.slots(&seq);
        if slots.iter.is_none() && slots.getitem.is_none() && !seq.is_kind::<RangeObj>() {
            let msg = format!("cannot unpack non-iterable {} object", self.type_name(&seq));
            return Err(self.type_error(&msg));
        }
        let items = self.collect_iterable(&seq)?;
        if items.len() != n {
            let msg = if items.len() > n {
                format!("too many values to unpack (expected {n})")
            } else {
                format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )
            };
            return Err(self.value_error(&msg));
        }
        self.stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `a, *b, c = ...`: oparg is `before | after << 8`.
    pub(super) fn op_unpack_ex(&mut self, arg: usize) -> PyResult<()> {
        let (before, after) = (arg & 0xff, arg >> 8);
        let seq = self.pop();
        let items = self.collect_iterable(&seq)?;
        if items.len() < before + after {
            let msg = format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            );
            return Err(self.value_error(&msg));
        }
        let mid_end = items.len() - after;
        let middle = self.new_list(items[before..mid_end].to_vec());
        for v in items[mid_end..].iter().rev() {
            self.stack.push(v.clone());
        }
        self.stack.push(middle);
        for v in items[..before].iter().rev() {
            self.stack.push(v.clone());
        }
        Ok(())
    }
}

impl Vm {
    /// `PyIter_Send`: generators resume directly; other iterators take `next()` for
    /// None and `send(v)` otherwise.
    pub(crate) fn send_to(
        &mut self,
        receiver: &Value,
        v: Value,
    ) -> PyResult<crate::objects::generator::GenStep> {
        use crate::objects::generator::GenStep;
        if receiver.is_kind::<Generator>() {
            return self.gen_resume(receiver, v, None);
        }
        if v.is_none() {
            return match self.iter_next(receiver)? {
                Some(x) => Ok(GenStep::Yield(x)),
                None => Ok(GenStep::Return(Value::NONE)),
            };
        }
        let send = self.new_str("send");
        let method = self.get_attr(receiver, &send)?;
        match self.call(&method, &[v]) {
            Ok(x) => Ok(GenStep::Yield(x)),
            Err(e) => {
                let stop = self.types.stop_iteration.clone();
                if self.isinstance(&e, &stop) {
                    let value = e
                        .as_exception()
                        .and_then(|d| d.args.borrow().as_tuple().and_then(|t| t.first().cloned()))
                        .unwrap_or(Value::NONE);
                    Ok(GenStep::Return(value))
                } else {
                    Err(e)
                }
            }
        }
    }
}
