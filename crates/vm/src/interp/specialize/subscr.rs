//! `BINARY_SUBSCR` (`LIST_INT`, `TUPLE_INT`, `DICT`) and `STORE_SUBSCR` (`LIST_INT`,
//! `DICT`) specializations. The guards demand the exact builtin type (a subclass
//! may override `__getitem__`/`__setitem__`) and, for the int forms, an inline int
//! index. An index out of range is not a miss: the generic path raises the error.

use bytecode::Opcode;

use super::{adaptive_due, miss, settle};
use crate::interp::Vm;
use crate::objects::{Code, ListObj};
use crate::value::Value;
use crate::PyResult;

/// `i` as a position in a sequence of `len` items (negative from the end).
#[inline(always)]
fn position(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

impl Vm {
    /// The item `BINARY_SUBSCR_LIST_INT`/`_TUPLE_INT` reads, in place: `Err` is a
    /// miss, `Ok(None)` an index out of range (the generic path raises the
    /// IndexError). Each form checks its own payload kind and the exact type (a
    /// subclass may override `__getitem__`).
    #[inline(always)]
    pub(crate) fn sequence_item(
        &self,
        container: &Value,
        key: &Value,
        op: Opcode,
    ) -> Result<Option<Value>, ()> {
        match (key.as_int(), container.header()) {
            (Some(i), Some(h)) if op == Opcode::BINARY_SUBSCR_LIST_INT => {
                match container.downcast::<ListObj>() {
                    Some(ListObj(l)) if h.ty.is(&self.types.list) => {
                        // SAFETY: read without marking a borrow (a counter write
                        // and its undo): the item is cloned before anything else
                        // runs, and no mutable borrow is live (checked).
                        let Ok(l) = (unsafe { l.try_borrow_unguarded() }) else {
                            return Err(());
                        };
                        Ok(position(i, l.len()).map(|p| l[p].clone()))
                    }
                    _ => Err(()),
                }
            }
            (Some(i), Some(h)) if h.ty.is(&self.types.tuple) => match container.as_tuple() {
                Some(t) => Ok(position(i, t.len()).map(|p| t[p].clone())),
                None => Err(()),
            },
            _ => Err(()),
        }
    }

    /// The position `STORE_SUBSCR_LIST_INT` writes, checked in place: `Err` is a
    /// miss, `Ok(None)` an index out of range (the generic path raises the
    /// IndexError).
    #[inline(always)]
    pub(crate) fn list_store_position(
        &self,
        container: &Value,
        key: &Value,
    ) -> Result<Option<usize>, ()> {
        match (
            key.as_int(),
            container.header(),
            container.downcast::<ListObj>(),
        ) {
            (Some(i), Some(h), Some(ListObj(l))) if h.ty.is(&self.types.list) => {
                Ok(position(i, l.borrow().len()))
            }
            _ => Err(()),
        }
    }

    pub(crate) fn binary_subscr_generic(&mut self) -> PyResult<()> {
        let key = self.pop();
        let container = self.pop();
        let v = self.get_item(&container, &key)?;
        self.push(v);
        Ok(())
    }

    pub(crate) fn store_subscr_generic(&mut self) -> PyResult<()> {
        let key = self.pop();
        let container = self.pop();
        let v = self.pop();
        self.set_item(&container, &key, v)
    }

    /// Which exact builtin container `v` is: list, tuple, dict.
    fn exact_container(&self, v: &Value) -> Option<Opcode> {
        let ty = self.type_of(v);
        if ty.is(&self.types.list) {
            Some(Opcode::BINARY_SUBSCR_LIST_INT)
        } else if ty.is(&self.types.tuple) {
            Some(Opcode::BINARY_SUBSCR_TUPLE_INT)
        } else if ty.is(&self.types.dict) {
            Some(Opcode::BINARY_SUBSCR_DICT)
        } else {
            None
        }
    }

    pub(crate) fn binary_subscr_adaptive(&mut self, code: &Code, at: usize) -> PyResult<()> {
        if adaptive_due(code, Opcode::BINARY_SUBSCR_ADAPTIVE, at) {
            let (container, key) = (self.peek(2), self.peek(1));
            let choice = match self.exact_container(&container) {
                Some(Opcode::BINARY_SUBSCR_DICT) => Some(Opcode::BINARY_SUBSCR_DICT),
                Some(op) if key.as_int().is_some() => Some(op),
                _ => None,
            };
            settle(code, at, Opcode::BINARY_SUBSCR_ADAPTIVE, choice);
        }
        self.binary_subscr_generic()
    }

    /// `BINARY_SUBSCR_LIST_INT`, `_TUPLE_INT` and `_DICT`.
    #[inline(always)]
    pub(crate) fn binary_subscr_specialized(
        &mut self,
        code: &Code,
        at: usize,
        op: Opcode,
    ) -> PyResult<()> {
        if op == Opcode::BINARY_SUBSCR_DICT {
            return self.binary_subscr_dict(code, at);
        }
        let item = match self.top2() {
            Some((container, key)) => self.sequence_item(container, key, op),
            None => Err(()),
        };
        match item {
            Ok(Some(v)) => {
                self.set_top2(v);
                Ok(())
            }
            Ok(None) => self.binary_subscr_generic(),
            Err(()) => {
                miss(code, at);
                self.binary_subscr_generic()
            }
        }
    }

    /// `BINARY_SUBSCR_DICT`: the lookup may run `__eq__`, so it works on owned values.
    fn binary_subscr_dict(&mut self, code: &Code, at: usize) -> PyResult<()> {
        let (container, key) = (self.peek(2), self.peek(1));
        if self.exact_container(&container) != Some(Opcode::BINARY_SUBSCR_DICT) {
            miss(code, at);
            return self.binary_subscr_generic();
        }
        match self.dict_get(&container, &key)? {
            Some(v) => {
                self.set_top2(v);
                Ok(())
            }
            // The generic path raises the KeyError.
            None => self.binary_subscr_generic(),
        }
    }

    pub(crate) fn store_subscr_adaptive(&mut self, code: &Code, at: usize) -> PyResult<()> {
        if adaptive_due(code, Opcode::STORE_SUBSCR_ADAPTIVE, at) {
            let (container, key) = (self.peek(2), self.peek(1));
            let choice = match self.exact_container(&container) {
                Some(Opcode::BINARY_SUBSCR_DICT) => Some(Opcode::STORE_SUBSCR_DICT),
                Some(Opcode::BINARY_SUBSCR_LIST_INT) if key.as_int().is_some() => {
                    Some(Opcode::STORE_SUBSCR_LIST_INT)
                }
                _ => None,
            };
            settle(code, at, Opcode::STORE_SUBSCR_ADAPTIVE, choice);
        }
        self.store_subscr_generic()
    }

    /// `STORE_SUBSCR_LIST_INT` and `STORE_SUBSCR_DICT`.
    #[inline(always)]
    pub(crate) fn store_subscr_specialized(
        &mut self,
        code: &Code,
        at: usize,
        op: Opcode,
    ) -> PyResult<()> {
        if op == Opcode::STORE_SUBSCR_DICT {
            let (container, key) = (self.peek(2), self.peek(1));
            if self.exact_container(&container) != Some(Opcode::BINARY_SUBSCR_DICT)
                || self.stack.len() < 3
            {
                miss(code, at);
                return self.store_subscr_generic();
            }
            let len = self.stack.len();
            let value = std::mem::replace(&mut self.stack[len - 3], Value::NULL);
            self.stack.truncate(len - 3);
            return self.dict_set(&container, key, value);
        }
        let slot = match self.top2() {
            Some((container, key)) => self.list_store_position(container, key),
            None => Err(()),
        };
        let p = match slot {
            Ok(Some(p)) => p,
            Ok(None) => return self.store_subscr_generic(),
            Err(()) => {
                miss(code, at);
                return self.store_subscr_generic();
            }
        };
        let (Some(key), Some(container), Some(value)) =
            (self.stack.pop(), self.stack.pop(), self.stack.pop())
        else {
            return Err(self.system_error("STORE_SUBSCR: stack underflow"));
        };
        drop(key);
        store_list_item(&container, p, value);
        Ok(())
    }
}

/// `STORE_SUBSCR_LIST_INT`'s store at position `p` (checked in range) of `container`.
#[inline(always)]
pub(crate) fn store_list_item(container: &Value, p: usize, value: Value) {
    if let Some(ListObj(l)) = container.downcast::<ListObj>() {
        // The old item is dropped after the borrow: a finalizer may touch the list.
        let old = l
            .borrow_mut()
            .get_mut(p)
            .map(|slot| std::mem::replace(slot, value));
        drop(old);
    }
}
