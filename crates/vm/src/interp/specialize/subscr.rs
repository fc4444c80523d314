//! `BINARY_SUBSCR` (`LIST_INT`, `TUPLE_INT`, `DICT`) and `STORE_SUBSCR` (`LIST_INT`,
//! `DICT`) specializations. The guards demand the exact builtin type (a subclass
//! may override `__getitem__`/`__setitem__`) and, for the int forms, an inline int
//! index. An index out of range is not a miss: the generic path raises the error.

use bytecode::Opcode;

use super::{adaptive_due, failed, miss, specialized};
use crate::interp::Vm;
use crate::objects::Code;
use crate::value::Value;
use crate::PyResult;

/// `i` as a position in a sequence of `len` items (negative from the end).
#[inline(always)]
fn position(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

impl Vm {
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
            match choice {
                Some(op) => specialized(code, at, op),
                None => failed(code, Opcode::BINARY_SUBSCR_ADAPTIVE, at),
            }
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
        let (container, key) = (self.peek(2), self.peek(1));
        if self.exact_container(&container) != Some(op) {
            miss(code, at);
            return self.binary_subscr_generic();
        }
        let found = match op {
            Opcode::BINARY_SUBSCR_DICT => {
                let found = self.dict_get(&container, &key)?;
                if found.is_none() {
                    // The generic path raises the KeyError.
                    return self.binary_subscr_generic();
                }
                found
            }
            _ => {
                let Some(i) = key.as_int() else {
                    miss(code, at);
                    return self.binary_subscr_generic();
                };
                if let Some(t) = container.as_tuple() {
                    position(i, t.len()).map(|p| t[p].clone())
                } else {
                    container.as_list().and_then(|l| {
                        let l = l.borrow();
                        position(i, l.len()).map(|p| l[p].clone())
                    })
                }
            }
        };
        match found {
            Some(v) => {
                let len = self.stack.len();
                self.stack.truncate(len - 2);
                self.stack.push(v);
                Ok(())
            }
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
            match choice {
                Some(op) => specialized(code, at, op),
                None => failed(code, Opcode::STORE_SUBSCR_ADAPTIVE, at),
            }
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
        let (container, key) = (self.peek(2), self.peek(1));
        let want = match op {
            Opcode::STORE_SUBSCR_DICT => Opcode::BINARY_SUBSCR_DICT,
            _ => Opcode::BINARY_SUBSCR_LIST_INT,
        };
        if self.exact_container(&container) != Some(want) || self.stack.len() < 3 {
            miss(code, at);
            return self.store_subscr_generic();
        }
        if op == Opcode::STORE_SUBSCR_DICT {
            let len = self.stack.len();
            let value = std::mem::replace(&mut self.stack[len - 3], Value::NULL);
            self.stack.truncate(len - 3);
            return self.dict_set(&container, key, value);
        }
        let Some(i) = key.as_int() else {
            miss(code, at);
            return self.store_subscr_generic();
        };
        let Some(l) = container.as_list() else {
            return self.store_subscr_generic();
        };
        let Some(p) = position(i, l.borrow().len()) else {
            // Out of range: the generic path raises the IndexError.
            return self.store_subscr_generic();
        };
        let len = self.stack.len();
        let value = std::mem::replace(&mut self.stack[len - 3], Value::NULL);
        self.stack.truncate(len - 3);
        // The old item is dropped after the borrow: a finalizer may touch the list.
        let old = std::mem::replace(&mut l.borrow_mut()[p], value);
        drop(old);
        Ok(())
    }
}
