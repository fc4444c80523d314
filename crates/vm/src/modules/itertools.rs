//! `itertools` and `functools` essentials. The infinite or lazy ones (`count`,
//! `repeat`, `chain`, `islice`) are real iterators; the combinatoric ones build their
//! results eagerly, which CPython's laziness cannot be told apart from for finite input.

use super::{add_functions, set};
use crate::interp::Vm;
use crate::objects::iter::IterState;
use crate::objects::typeobj::BinOp;
use crate::objects::NativeFn;
use crate::value::Value;
use crate::PyResult;

fn list_iter(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    let l = vm.new_list(items);
    vm.get_iter(&l)
}

fn count(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut start = if npos > 0 {
        args[0].clone()
    } else {
        vm.new_int(0)
    };
    let mut step = if npos > 1 {
        args[1].clone()
    } else {
        vm.new_int(1)
    };
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("start") => start = v.clone(),
            Some("step") => step = v.clone(),
            _ => {}
        }
    }
    Ok(vm.new_iter(IterState::Count { next: start, step }))
}

fn repeat(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(v) = args.first() else {
        return Err(vm.type_error("repeat() missing required argument 'object' (pos 1)"));
    };
    let times = match args.get(1) {
        Some(n) => Some(vm.to_i64(n)?.unwrap_or(0).max(0) as usize),
        None => None,
    };
    Ok(vm.new_iter(IterState::Repeat {
        value: v.clone(),
        remaining: times,
    }))
}

fn chain(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut its = Vec::new();
    for a in args {
        its.push(vm.get_iter(a)?);
    }
    its.reverse();
    Ok(vm.new_iter(IterState::Chain { its }))
}

fn islice(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(it) = args.first() else {
        return Err(vm.type_error("islice expected at least 2 arguments, got 0"));
    };
    let num = |vm: &mut Vm, v: Option<&Value>| -> PyResult<Option<usize>> {
        match v {
            Some(v) if !v.is_none() => match vm.to_i64(v)? {
                Some(n) if n >= 0 => Ok(Some(n as usize)),
                _ => Err(vm.value_error(
                    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                )),
            },
            _ => Ok(None),
        }
    };
    let (start, stop, step) = match args.len() {
        2 => (0, num(vm, args.get(1))?, 1),
        _ => (
            num(vm, args.get(1))?.unwrap_or(0),
            num(vm, args.get(2))?,
            num(vm, args.get(3))?.unwrap_or(1).max(1),
        ),
    };
    let it = vm.get_iter(it)?;
    Ok(vm.new_iter(IterState::Islice {
        it,
        next: start,
        pos: 0,
        stop,
        step,
    }))
}

fn product(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut times = 1;
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("repeat") {
            times = vm.to_i64(v)?.unwrap_or(1).max(0) as usize;
        }
    }
    let mut pools = Vec::new();
    for a in &args[..npos] {
        pools.push(vm.collect_iterable(a)?);
    }
    let pools: Vec<Vec<Value>> = (0..times).flat_map(|_| pools.clone()).collect();
    let mut result: Vec<Vec<Value>> = vec![Vec::new()];
    for pool in &pools {
        let mut next = Vec::new();
        for prefix in &result {
            for item in pool {
                let mut p = prefix.clone();
                p.push(item.clone());
                next.push(p);
            }
        }
        result = next;
    }
    let items = result.into_iter().map(|t| vm.new_tuple(t)).collect();
    list_iter(vm, items)
}

fn permutations(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let pool = vm.collect_iterable(args.first().unwrap_or(&Value::NONE))?;
    let n = pool.len();
    let r = match args.get(1) {
        Some(v) if !v.is_none() => vm.to_i64(v)?.unwrap_or(0).max(0) as usize,
        _ => n,
    };
    let mut out = Vec::new();
    if r <= n {
        // CPython's algorithm (cycles), so the order matches.
        let mut indices: Vec<usize> = (0..n).collect();
        let mut cycles: Vec<usize> = (n - r + 1..=n).rev().collect();
        out.push(
            indices[..r]
                .iter()
                .map(|&i| pool[i].clone())
                .collect::<Vec<_>>(),
        );
        'outer: loop {
            for i in (0..r).rev() {
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    let moved = indices.remove(i);
                    indices.push(moved);
                    cycles[i] = n - i;
                } else {
                    let j = cycles[i];
                    indices.swap(i, n - j);
                    out.push(indices[..r].iter().map(|&k| pool[k].clone()).collect());
                    continue 'outer;
                }
            }
            break;
        }
    }
    let items = out.into_iter().map(|t| vm.new_tuple(t)).collect();
    list_iter(vm, items)
}

fn combinations_impl(vm: &mut Vm, args: &[Value], with_replacement: bool) -> PyResult<Value> {
    let pool = vm.collect_iterable(args.first().unwrap_or(&Value::NONE))?;
    let r = match args.get(1) {
        Some(v) => vm.to_i64(v)?.unwrap_or(0).max(0) as usize,
        None => return Err(vm.type_error("combinations() missing required argument 'r' (pos 2)")),
    };
    let n = pool.len();
    let mut out: Vec<Vec<Value>> = Vec::new();
    if with_replacement {
        if n > 0 || r == 0 {
            let mut idx = vec![0usize; r];
            loop {
                out.push(idx.iter().map(|&i| pool[i].clone()).collect());
                let Some(i) = (0..r).rev().find(|&i| idx[i] != n - 1) else {
                    break;
                };
                let v = idx[i] + 1;
                for x in idx.iter_mut().skip(i) {
                    *x = v;
                }
            }
        }
    } else if r <= n {
        let mut idx: Vec<usize> = (0..r).collect();
        loop {
            out.push(idx.iter().map(|&i| pool[i].clone()).collect());
            let Some(i) = (0..r).rev().find(|&i| idx[i] != i + n - r) else {
                break;
            };
            idx[i] += 1;
            for j in i + 1..r {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }
    let items = out.into_iter().map(|t| vm.new_tuple(t)).collect();
    list_iter(vm, items)
}

fn combinations(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    combinations_impl(vm, args, false)
}

fn combinations_with_replacement(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    combinations_impl(vm, args, true)
}

fn accumulate(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let items = vm.collect_iterable(args.first().unwrap_or(&Value::NONE))?;
    let mut func = if npos > 1 {
        args[1].clone()
    } else {
        Value::NONE
    };
    let mut initial = None;
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("func") => func = v.clone(),
            Some("initial") => initial = Some(v.clone()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut acc: Option<Value> = initial.clone();
    if let Some(i) = initial {
        out.push(i);
    }
    for x in items {
        let next = match acc {
            None => x,
            Some(a) if func.is_none() => vm.binary_op(&a, &x, BinOp::Add, false)?,
            Some(a) => vm.call(&func, &[a, x])?,
        };
        out.push(next.clone());
        acc = Some(next);
    }
    list_iter(vm, out)
}

fn zip_longest(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut fill = Value::NONE;
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("fillvalue") {
            fill = v.clone();
        }
    }
    let mut cols = Vec::new();
    for a in &args[..npos] {
        cols.push(vm.collect_iterable(a)?);
    }
    let n = cols.iter().map(Vec::len).max().unwrap_or(0);
    let rows = (0..n)
        .map(|i| {
            let row = cols
                .iter()
                .map(|c| c.get(i).cloned().unwrap_or_else(|| fill.clone()))
                .collect();
            vm.new_tuple(row)
        })
        .collect();
    list_iter(vm, rows)
}

fn groupby(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let items = vm.collect_iterable(args.first().unwrap_or(&Value::NONE))?;
    let mut key = if npos > 1 {
        args[1].clone()
    } else {
        Value::NONE
    };
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if k.as_str() == Some("key") {
            key = v.clone();
        }
    }
    let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
    for x in items {
        let k = if key.is_none() {
            x.clone()
        } else {
            vm.call(&key, std::slice::from_ref(&x))?
        };
        let same = match groups.last() {
            Some((gk, _)) => vm.eq(gk, &k)?,
            None => false,
        };
        if same {
            if let Some((_, g)) = groups.last_mut() {
                g.push(x);
            }
        } else {
            groups.push((k, vec![x]));
        }
    }
    let mut out = Vec::new();
    for (k, g) in groups {
        let it = list_iter(vm, g)?;
        out.push(vm.new_tuple(vec![k, it]));
    }
    list_iter(vm, out)
}

fn reduce(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (Some(func), Some(seq)) = (args.first(), args.get(1)) else {
        return Err(vm.type_error("reduce expected at least 2 arguments"));
    };
    let mut items = vm.collect_iterable(seq)?.into_iter();
    let mut acc = match args.get(2) {
        Some(init) => init.clone(),
        None => match items.next() {
            Some(v) => v,
            None => return Err(vm.type_error("reduce() of empty iterable with no initial value")),
        },
    };
    for x in items {
        acc = vm.call(func, &[acc, x])?;
    }
    Ok(acc)
}

/// Calls through a memo: `args[0]` is the bound `(function, memo dict)` pair.
fn cached_call(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let pair = args
        .first()
        .and_then(|p| p.as_tuple())
        .map(|t| t.to_vec())
        .unwrap_or_default();
    let (Some(func), Some(memo)) = (pair.first().cloned(), pair.get(1).cloned()) else {
        return Err(vm.system_error("cache wrapper without its function"));
    };
    let mut key_items = args[1..].to_vec();
    key_items.extend(kwnames.iter().cloned());
    let key = vm.new_tuple(key_items);
    if let Some(v) = vm.dict_get(&memo, &key)? {
        return Ok(v);
    }
    let v = vm.call_with_kw(&func, &args[1..], kwnames)?;
    vm.dict_set(&memo, key, v.clone())?;
    Ok(v)
}

/// `functools.cache` / `lru_cache` (unbounded): memoises on the positional and
/// keyword arguments.
fn cache(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args.first() {
        Some(f) if !f.is_none() && f.as_int().is_none() => {
            let memo = vm.new_dict();
            let pair = vm.new_tuple(vec![f.clone(), memo]);
            Ok(crate::objects::new_object(
                &vm.types.builtin_function,
                crate::objects::Builtin {
                    name: "_lru_cache_wrapper",
                    func: cached_call,
                    this: pair,
                    is_method: false,
                },
            ))
        }
        _ => {
            // `@lru_cache(maxsize=...)`: return the identity decorator.
            let module = vm.import_module("functools")?;
            let name = vm.new_str("cache");
            vm.get_attr(&module, &name)
        }
    }
}

const ITERTOOLS: &[(&str, NativeFn)] = &[
    ("count", count),
    ("repeat", repeat),
    ("chain", chain),
    ("islice", islice),
    ("product", product),
    ("permutations", permutations),
    ("combinations", combinations),
    (
        "combinations_with_replacement",
        combinations_with_replacement,
    ),
    ("accumulate", accumulate),
    ("zip_longest", zip_longest),
    ("groupby", groupby),
];

pub(super) fn build_itertools(vm: &mut Vm) -> Value {
    let m = vm.new_module("itertools");
    add_functions(vm, &m, ITERTOOLS);
    m
}

pub(super) fn build_functools(vm: &mut Vm) -> Value {
    let m = vm.new_module("functools");
    add_functions(
        vm,
        &m,
        &[("reduce", reduce), ("cache", cache), ("lru_cache", cache)],
    );
    let _ = set;
    m
}
