//! Builtin iterator objects: one `IterState` per kind (sequence, range, dict views,
//! enumerate, zip, map, filter, reversed), stepped by `iter_next`.

use std::cell::RefCell;

use crate::interp::Vm;
use crate::objects::{new_object, Trace};
use crate::value::Value;
use crate::PyResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

pub enum IterState {
    /// list, tuple, str or bytes iterated by index (lists may grow while iterated).
    Seq {
        seq: Value,
        index: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Raw position into the dict's entries.
    Dict {
        dict: Value,
        pos: usize,
        kind: DictIterKind,
    },
    Enumerate {
        it: Value,
        count: i64,
    },
    Zip {
        its: Vec<Value>,
    },
    Map {
        func: Value,
        its: Vec<Value>,
    },
    Filter {
        func: Value,
        it: Value,
    },
    Reversed {
        seq: Value,
        index: usize,
    },
    Set {
        set: Value,
        pos: usize,
    },
    Count {
        next: Value,
        step: Value,
    },
    Repeat {
        value: Value,
        remaining: Option<usize>,
    },
    /// Remaining iterators, last one first.
    Chain {
        its: Vec<Value>,
    },
    Islice {
        it: Value,
        next: usize,
        pos: usize,
        stop: Option<usize>,
        step: usize,
    },
    /// `iter(callable, sentinel)`: calls until the result equals the sentinel.
    Callable {
        func: Value,
        sentinel: Value,
    },
    Exhausted,
}

impl Vm {
    pub fn new_iter(&mut self, state: IterState) -> Value {
        let ty = match &state {
            IterState::Seq { seq, .. } if seq.as_pystr().is_some() => {
                self.types.str_iterator.clone()
            }
            IterState::Seq { seq, .. } if seq.as_tuple().is_some() => {
                self.types.tuple_iterator.clone()
            }
            IterState::Seq { seq, .. } if seq.as_bytes().is_some() => {
                self.types.bytes_iterator.clone()
            }
            IterState::Seq { seq, .. }
                if seq.is_kind::<crate::objects::bytearray::ByteArrayObj>() =>
            {
                self.types.bytearray_iterator.clone()
            }
            IterState::Range { .. } => self.types.range_iterator.clone(),
            IterState::Dict { .. } => self.types.dict_iterator.clone(),
            IterState::Set { .. } => self.types.set_iterator.clone(),
            IterState::Enumerate { .. } => self.types.enumerate.clone(),
            IterState::Zip { .. } => self.types.zip.clone(),
            IterState::Map { .. } => self.types.map.clone(),
            IterState::Filter { .. } => self.types.filter.clone(),
            IterState::Reversed { .. } => self.types.reversed.clone(),
            _ => self.types.list_iterator.clone(),
        };
        new_object(&ty, IterObj(RefCell::new(state)))
    }
}

/// `next()` of a builtin iterator: `Ok(None)` when exhausted.
pub fn builtin_iter_next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    let Some(IterObj(cell)) = it.downcast::<IterObj>() else {
        return Ok(None);
    };
    // Step what can be stepped without calling out while the state is borrowed.
    enum Call {
        Enumerate(Value, i64),
        Zip(Vec<Value>),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Count(Value, Value),
        Chain(Option<Value>),
        Islice(Value, usize, usize, Option<usize>, usize),
        Callable(Value, Value),
    }
    let call = {
        let mut state = cell.borrow_mut();
        match &mut *state {
            IterState::Seq { seq, index } => {
                let i = *index;
                let item = if let Some(l) = seq.as_list() {
                    l.borrow().get(i).cloned()
                } else if let Some(t) = seq.as_tuple() {
                    t.get(i).cloned()
                } else if let Some(s) = seq.as_pystr() {
                    // O(1) per step (the str's index), so a walk is O(n).
                    s.code_point_at(i).map(|cp| vm.new_str_from_code_point(cp))
                } else if let Some(b) = seq.as_bytes() {
                    b.get(i).map(|&x| vm.new_int(i64::from(x)))
                } else if let Some(ba) = seq.downcast::<crate::objects::bytearray::ByteArrayObj>() {
                    // Read at each step: changes made during the loop are seen.
                    let byte = ba.data.borrow().get(i).copied();
                    byte.map(|x| vm.new_int(i64::from(x)))
                } else {
                    None
                };
                match item {
                    Some(v) => {
                        *index += 1;
                        return Ok(Some(v));
                    }
                    None => {
                        *state = IterState::Exhausted;
                        return Ok(None);
                    }
                }
            }
            IterState::Range { next, stop, step } => {
                let cur = *next;
                if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                    *next = cur.saturating_add(*step);
                    return Ok(Some(vm.new_int(cur)));
                }
                return Ok(None);
            }
            IterState::Dict { dict, pos, kind } => {
                let entry = dict.as_dict().and_then(|d| d.borrow().entry_from(*pos));
                match entry {
                    Some((p, k, v)) => {
                        *pos = p;
                        let kind = *kind;
                        drop(state);
                        return Ok(Some(match kind {
                            DictIterKind::Keys => k,
                            DictIterKind::Values => v,
                            DictIterKind::Items => vm.new_tuple(vec![k, v]),
                        }));
                    }
                    None => return Ok(None),
                }
            }
            IterState::Reversed { seq, index } => {
                if *index == 0 {
                    return Ok(None);
                }
                *index -= 1;
                let i = *index;
                let seq = seq.clone();
                drop(state);
                let key = vm.new_int(i as i64);
                return vm.get_item(&seq, &key).map(Some);
            }
            IterState::Set { set, pos } => {
                return Ok(crate::objects::set::set_iter_step(set, *pos).map(|(p, k)| {
                    *pos = p;
                    k
                }));
            }
            IterState::Repeat { value, remaining } => {
                return Ok(match remaining {
                    Some(0) => None,
                    Some(n) => {
                        *n -= 1;
                        Some(value.clone())
                    }
                    None => Some(value.clone()),
                });
            }
            IterState::Count { next, step } => Call::Count(next.clone(), step.clone()),
            IterState::Chain { its } => Call::Chain(its.last().cloned()),
            IterState::Islice {
                it,
                next,
                pos,
                stop,
                step,
            } => {
                let (it, next, pos, stop, step) = (it.clone(), *next, *pos, *stop, *step);
                Call::Islice(it, next, pos, stop, step)
            }
            IterState::Exhausted => return Ok(None),
            IterState::Enumerate { it, count } => {
                let c = *count;
                *count += 1;
                Call::Enumerate(it.clone(), c)
            }
            IterState::Zip { its } => Call::Zip(its.clone()),
            IterState::Map { func, its } => Call::Map(func.clone(), its.clone()),
            IterState::Filter { func, it } => Call::Filter(func.clone(), it.clone()),
            IterState::Callable { func, sentinel } => {
                Call::Callable(func.clone(), sentinel.clone())
            }
        }
    };
    match call {
        Call::Enumerate(inner, c) => match vm.iter_next(&inner)? {
            Some(v) => {
                let i = vm.new_int(c);
                Ok(Some(vm.new_tuple(vec![i, v])))
            }
            None => Ok(None),
        },
        Call::Zip(its) => {
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for i in &its {
                match vm.iter_next(i)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            Ok(Some(vm.new_tuple(out)))
        }
        Call::Map(func, its) => {
            let mut args = Vec::with_capacity(its.len());
            for i in &its {
                match vm.iter_next(i)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            vm.call(&func, &args).map(Some)
        }
        Call::Count(cur, step) => {
            let next = vm.binary_op(&cur, &step, crate::objects::typeobj::BinOp::Add, false)?;
            if let IterState::Count { next: n, .. } = &mut *cell.borrow_mut() {
                *n = next;
            }
            Ok(Some(cur))
        }
        Call::Chain(current) => {
            let mut current = current;
            loop {
                let Some(inner) = current else {
                    return Ok(None);
                };
                if let Some(v) = vm.iter_next(&inner)? {
                    return Ok(Some(v));
                }
                let mut state = cell.borrow_mut();
                current = match &mut *state {
                    IterState::Chain { its } => {
                        its.pop();
                        its.last().cloned()
                    }
                    _ => None,
                };
            }
        }
        Call::Islice(inner, next, mut pos, stop, step) => {
            if stop.map(|s| next >= s).unwrap_or(false) {
                return Ok(None);
            }
            while pos < next {
                if vm.iter_next(&inner)?.is_none() {
                    return Ok(None);
                }
                pos += 1;
            }
            let v = vm.iter_next(&inner)?;
            if let IterState::Islice {
                next: n, pos: p, ..
            } = &mut *cell.borrow_mut()
            {
                *p = pos + 1;
                *n = next + step;
            }
            Ok(v)
        }
        Call::Filter(func, inner) => loop {
            let Some(v) = vm.iter_next(&inner)? else {
                return Ok(None);
            };
            let keep = if func.is_none() {
                vm.is_true(&v)?
            } else {
                let r = vm.call(&func, std::slice::from_ref(&v))?;
                vm.is_true(&r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Call::Callable(func, sentinel) => {
            let v = vm.call(&func, &[])?;
            if vm.eq(&v, &sentinel)? {
                // Exhausted for good, as CPython's callable_iterator drops its callable.
                *cell.borrow_mut() = IterState::Exhausted;
                return Ok(None);
            }
            Ok(Some(v))
        }
    }
}

pub fn iter_self(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

/// An iterator's payload: its state, advanced by `next`.
pub struct IterObj(pub RefCell<IterState>);

impl IterState {
    /// Every value the state owns, for the collector.
    fn values_mut(&mut self) -> Vec<&mut Value> {
        match self {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => vec![seq],
            IterState::Dict { dict, .. } => vec![dict],
            IterState::Enumerate { it, .. } => vec![it],
            IterState::Zip { its } | IterState::Chain { its } => its.iter_mut().collect(),
            IterState::Map { func, its } => {
                let mut v = vec![func];
                v.extend(its.iter_mut());
                v
            }
            IterState::Filter { func, it } => vec![func, it],
            IterState::Callable { func, sentinel } => vec![func, sentinel],
            IterState::Set { set, .. } => vec![set],
            IterState::Count { next, step } => vec![next, step],
            IterState::Repeat { value, .. } => vec![value],
            IterState::Islice { it, .. } => vec![it],
            IterState::Range { .. } | IterState::Exhausted => Vec::new(),
        }
    }
}

impl Trace for IterObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(mut state) = self.0.try_borrow_mut() {
            for v in state.values_mut() {
                visit(v);
            }
        }
    }
    fn clear(&mut self, out: &mut Vec<Value>) {
        let state = std::mem::replace(self.0.get_mut(), IterState::Exhausted);
        let mut state = state;
        for v in state.values_mut() {
            out.push(std::mem::replace(v, Value::NONE));
        }
    }
}
