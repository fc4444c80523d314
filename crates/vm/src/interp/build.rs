//! Container construction: `BUILD_*`, `LIST_APPEND`/`SET_ADD`/`MAP_ADD` (comprehensions),
//! `LIST_EXTEND`/`SET_UPDATE`/`DICT_UPDATE` (unpacking displays).

use super::Vm;
use crate::objects::InstanceObj;
use crate::value::Value;
use crate::PyResult;

impl Vm {
    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let start = self.stack.len().saturating_sub(n);
        self.stack.split_off(start)
    }

    pub(super) fn op_build_tuple(&mut self, n: usize) {
        // The items move from the stack into the tuple: one allocation, one copy.
        let stack = &mut self.stack;
        // SAFETY: the closure writes all `n` slots of the new tuple, which cannot
        // overlap the value stack.
        let t = unsafe {
            crate::objects::heap::new_tuple_object_with(&self.types.tuple, n, |dst| {
                stack.move_top_to(n, dst)
            })
        };
        self.push(t);
    }

    pub(super) fn op_build_list(&mut self, n: usize) {
        let items = self.pop_n(n);
        let l = self.new_list(items);
        self.push(l);
    }

    pub(super) fn op_build_set(&mut self, n: usize) -> PyResult<()> {
        let items = self.pop_n(n);
        let s = self.new_set();
        for item in items {
            self.set_add(&s, item)?;
        }
        self.push(s);
        Ok(())
    }

    pub(super) fn op_build_map(&mut self, n: usize) -> PyResult<()> {
        let items = self.pop_n(2 * n);
        let d = self.new_dict();
        for pair in items.chunks(2) {
            self.dict_set(&d, pair[0].clone(), pair[1].clone())?;
        }
        self.push(d);
        Ok(())
    }

    pub(super) fn op_build_const_key_map(&mut self, n: usize) -> PyResult<()> {
        let keys = self.pop();
        let values = self.pop_n(n);
        let d = self.new_dict();
        let keys = keys.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
        for (k, v) in keys.into_iter().zip(values) {
            self.dict_set(&d, k, v)?;
        }
        self.push(d);
        Ok(())
    }

    pub(super) fn op_build_string(&mut self, n: usize) {
        let parts = self.pop_n(n);
        // The parts are strs (FORMAT_VALUE's results and constants), lone
        // surrogates included: joined as bytes, they pass through unchanged.
        let mut s = crate::objects::text::StrBuilder::new();
        for p in &parts {
            if let Some(p) = p.as_pystr() {
                s.push_text(p.as_bytes());
            }
        }
        let v = self.new_str_from_builder(&s);
        self.push(v);
    }

    pub(super) fn op_build_slice(&mut self, n: usize) {
        let step = if n == 3 { self.pop() } else { Value::NONE };
        let stop = self.pop();
        let start = self.pop();
        let s = self.new_slice(start, stop, step);
        self.push(s);
    }

    pub(super) fn op_list_append(&mut self, i: usize) {
        let v = self.pop();
        // By reference: the list stays on the stack, so no count traffic for it.
        if let Some(l) = self.stack.peek(i).and_then(Value::as_list) {
            l.borrow_mut().push(v);
        }
    }

    pub(super) fn op_set_add(&mut self, i: usize) -> PyResult<()> {
        let v = self.pop();
        let s = self.peek(i).clone();
        self.set_add(&s, v)
    }

    pub(super) fn op_map_add(&mut self, i: usize) -> PyResult<()> {
        let value = self.pop();
        let key = self.pop();
        let d = self.peek(i).clone();
        self.dict_set(&d, key, value)
    }

    pub(super) fn op_list_extend(&mut self, i: usize) -> PyResult<()> {
        let iterable = self.pop();
        let list = self.peek(i).clone();
        let items = match self.collect_iterable(&iterable) {
            Ok(items) => items,
            Err(e) => {
                if self.slots(&iterable).iter.is_none() && self.slots(&iterable).getitem.is_none() {
                    let msg = format!(
                        "Value after * must be an iterable, not {}",
                        self.type_name(&iterable)
                    );
                    return Err(self.type_error(&msg));
                }
                return Err(e);
            }
        };
        if let Some(l) = list.as_list() {
            l.borrow_mut().extend(items);
        }
        Ok(())
    }

    pub(super) fn op_set_update(&mut self, i: usize) -> PyResult<()> {
        let iterable = self.pop();
        let set = self.peek(i);
        self.set_update_from(&set, &iterable)
    }

    pub(super) fn op_dict_update(&mut self, i: usize) -> PyResult<()> {
        let other = self.pop();
        let d = self.peek(i).clone();
        if other.as_dict().is_none() && !other.is_kind::<InstanceObj>() {
            let msg = format!("'{}' object is not a mapping", self.type_name(&other));
            return Err(self.type_error(&msg));
        }
        self.dict_merge_from(&d, &other)
    }
}
