//! `except*` (PEP 654) in the VM: `CHECK_EG_MATCH`, which splits the exception being
//! handled by a clause's type, and `PREP_RERAISE_STAR`, which combines what the
//! clauses raised or re-raised with the unmatched rest into the exception to raise.

use super::Vm;
use crate::objects::exception_group::{self as eg, Matcher};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// `CHECK_EG_MATCH`: `[exc, type]` becomes `[rest, match]` when part of `exc`
    /// matches (the match then is the exception being handled), else `[exc, None]`.
    pub(super) fn op_check_eg_match(&mut self) -> PyResult<()> {
        let ty = self.pop();
        self.check_except_star_type(&ty)?;
        let exc = self.top().clone();
        let (matched, rest) = self.exception_group_match(&exc, &ty)?;
        match matched {
            None => self.push(Value::NONE),
            Some(m) => {
                let _exc = self.pop();
                self.push(rest.unwrap_or(Value::NONE));
                self.push(m.clone());
                self.exc_info = m;
            }
        }
        Ok(())
    }

    /// An `except*` type must be exception classes, and not exception groups.
    fn check_except_star_type(&mut self, ty: &Value) -> PyResult<()> {
        let items = match ty.as_tuple() {
            Some(t) => t.to_vec(),
            None => vec![ty.clone()],
        };
        let base = self.types.base_exception.clone();
        if items
            .iter()
            .any(|t| t.as_type().is_none() || !self.is_subclass(t, &base))
        {
            return Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        let group = self.types.base_exception_group.clone();
        if items.iter().any(|t| self.is_subclass(t, &group)) {
            return Err(self.type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
        Ok(())
    }

    /// The part of `exc` that `ty` matches and the rest. A matching exception that is
    /// not a group is wrapped in `ExceptionGroup('', (exc,))`.
    fn exception_group_match(
        &mut self,
        exc: &Value,
        ty: &Value,
    ) -> PyResult<(Option<Value>, Option<Value>)> {
        if exc.is_none() {
            return Ok((None, None));
        }
        let exc_ty = self.type_of(exc).clone();
        let whole = match ty.as_tuple() {
            Some(items) => items.iter().any(|t| self.is_subclass(&exc_ty, t)),
            None => self.is_subclass(&exc_ty, ty),
        };
        if whole {
            if eg::is_group(self, exc) {
                return Ok((Some(exc.clone()), None));
            }
            let excs = self.new_tuple(vec![exc.clone()]);
            // CPython 3.11 leaves the wrapper without a traceback of its own.
            let wrapped = eg::new_group(self, "", excs)?;
            return Ok((Some(wrapped), None));
        }
        if eg::is_group(self, exc) {
            let split = match self.get_attr_opt(exc, "split")? {
                Some(f) => f,
                None => return Err(self.attribute_error("split")),
            };
            let pair = self.call(&split, std::slice::from_ref(ty))?;
            let Some([m, r]) = pair.as_tuple() else {
                return Err(self.type_error("X.split(T) must return a tuple"));
            };
            let some = |v: &Value| (!v.is_none()).then(|| v.clone());
            return Ok((some(m), some(r)));
        }
        Ok((None, None))
    }

    /// `PREP_RERAISE_STAR`: `[orig, excs]` becomes the exception to re-raise (or None),
    /// where `excs` lists what each clause raised (None for a clause that finished)
    /// and, last, the unmatched rest.
    pub(super) fn op_prep_reraise_star(&mut self) -> PyResult<()> {
        let excs = self.pop();
        let orig = self.pop();
        let items = excs
            .as_list()
            .map(|l| l.borrow().clone())
            .unwrap_or_default();
        let r = self.prep_reraise_star(&orig, items)?;
        self.push(r);
        Ok(())
    }

    fn prep_reraise_star(&mut self, orig: &Value, excs: Vec<Value>) -> PyResult<Value> {
        if excs.is_empty() {
            return Ok(Value::NONE);
        }
        if !eg::is_group(self, orig) {
            // A bare exception was wrapped: only one clause ran.
            return Ok(excs[0].clone());
        }
        // Re-raised parts keep the original's metadata; anything else is new.
        let (mut raised, mut reraised) = (Vec::new(), Vec::new());
        for e in excs.into_iter().filter(|e| !e.is_none()) {
            if same_metadata(&e, orig) {
                reraised.push(e);
            } else {
                raised.push(e);
            }
        }
        // The re-raised leaves, in the shape they had in the original group.
        let mut ids = Vec::new();
        for e in &reraised {
            eg::collect_leaf_ids(self, e, &mut ids)?;
        }
        let reraised_eg = eg::split(self, orig, &Matcher::Ids(ids), false)?.0;
        if raised.is_empty() {
            return Ok(reraised_eg.unwrap_or(Value::NONE));
        }
        raised.extend(reraised_eg);
        if raised.len() == 1 {
            return Ok(raised.pop().unwrap_or(Value::NONE));
        }
        let list = self.new_list(raised);
        eg::new_group(self, "", list)
    }
}

/// Whether `a` carries exactly `b`'s traceback, cause, context and notes (a part of
/// `b` re-raised unchanged, as `split` copies them).
fn same_metadata(a: &Value, b: &Value) -> bool {
    let (Some(x), Some(y)) = (a.as_exception(), b.as_exception()) else {
        return false;
    };
    let notes = |d: &crate::objects::ExceptionData| {
        d.dict
            .borrow()
            .get_str_hashed("__notes__", crate::objects::str::hash_str("__notes__"))
            .cloned()
    };
    let same_notes = match (notes(x), notes(y)) {
        (None, None) => true,
        (Some(p), Some(q)) => p.is(&q),
        _ => false,
    };
    let same_tb = {
        let (p, q) = (x.traceback.borrow(), y.traceback.borrow());
        p.len() == q.len()
            && p.iter()
                .zip(q.iter())
                .all(|(e, f)| std::rc::Rc::ptr_eq(&e.code, &f.code) && e.lasti == f.lasti)
    };
    same_notes
        && same_tb
        && x.cause.borrow().is(&y.cause.borrow())
        && x.context.borrow().is(&y.context.borrow())
}
