//! Structural pattern matching (`match`): `GET_LEN`, `MATCH_MAPPING`,
//! `MATCH_SEQUENCE`, `MATCH_KEYS` and `MATCH_CLASS` with CPython 3.11's rules.

use super::Vm;
use crate::objects::typeobj::Layout;
use crate::objects::{DictObj, Kind};
use crate::value::Value;
use crate::PyResult;

impl Vm {
    pub(super) fn op_get_len(&mut self) -> PyResult<()> {
        let v = self.top();
        let n = self.len(&v)?;
        let n = self.new_int(n as i64);
        self.push(n);
        Ok(())
    }

    pub(super) fn op_match_mapping(&mut self) {
        let v = self.top();
        let is_mapping = v.is_kind::<DictObj>();
        self.push(Value::bool(is_mapping));
    }

    /// Sequences for `match`: list, tuple, range (never str, bytes or dict).
    pub(super) fn op_match_sequence(&mut self) {
        let v = self.top();
        let is_seq = matches!(
            v.kind(),
            Some(Kind::List) | Some(Kind::Tuple) | Some(Kind::Range)
        );
        self.push(Value::bool(is_seq));
    }

    /// Pushes a tuple of the subject's values for the keys on top, or None.
    pub(super) fn op_match_keys(&mut self) -> PyResult<()> {
        let keys = self.top();
        let subject = self.peek(2);
        let keys = keys.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
        let mut values = Vec::with_capacity(keys.len());
        let mut seen: Vec<Value> = Vec::new();
        for k in keys {
            for s in &seen {
                if self.eq(s, &k)? {
                    let r = self.repr(&k)?;
                    return Err(
                        self.value_error(&format!("mapping pattern checks duplicate key ({r})"))
                    );
                }
            }
            seen.push(k.clone());
            match self.dict_get(&subject, &k)? {
                Some(v) => values.push(v),
                None => {
                    self.push(Value::NONE);
                    return Ok(());
                }
            }
        }
        let t = self.new_tuple(values);
        self.push(t);
        Ok(())
    }

    /// `MATCH_CLASS(nargs)`: replaces `subject, cls, names` with the tuple of matched
    /// attributes, or None when the subject does not match.
    pub(super) fn op_match_class(&mut self, nargs: usize) -> PyResult<()> {
        let names = self.pop();
        let cls = self.pop();
        let subject = self.pop();
        let r = self.match_class(&subject, &cls, nargs, &names)?;
        self.push(r.unwrap_or(Value::NONE));
        Ok(())
    }

    fn match_class(
        &mut self,
        subject: &Value,
        cls: &Value,
        nargs: usize,
        names: &Value,
    ) -> PyResult<Option<Value>> {
        let Some(t) = cls.as_type() else {
            return Err(self.type_error("called match pattern must be a type"));
        };
        let cls_name = t.name.clone();
        if !self.isinstance(subject, cls) {
            return Ok(None);
        }
        // Builtins whose single positional sub-pattern matches the subject itself.
        let match_self = t.is_builtin()
            && matches!(
                t.layout,
                Layout::Int
                    | Layout::Bool
                    | Layout::Float
                    | Layout::Str
                    | Layout::Bytes
                    | Layout::FrozenSet
                    | Layout::List
                    | Layout::Tuple
                    | Layout::Dict
                    | Layout::Set
            );
        let mut attrs: Vec<Value> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        if nargs > 0 {
            let match_args = self.type_lookup(cls, "__match_args__");
            match match_args {
                None if match_self => {
                    if nargs > 1 {
                        let msg = format!(
                            "{cls_name}() accepts 1 positional sub-pattern ({nargs} given)"
                        );
                        return Err(self.type_error(&msg));
                    }
                    attrs.push(subject.clone());
                }
                None => {
                    let msg =
                        format!("{cls_name}() accepts 0 positional sub-patterns ({nargs} given)");
                    return Err(self.type_error(&msg));
                }
                Some(ma) => {
                    let Some(items) = ma.as_tuple().map(|t| t.to_vec()) else {
                        let msg = format!(
                            "{cls_name}.__match_args__ must be a tuple (got {})",
                            self.type_name(&ma)
                        );
                        return Err(self.type_error(&msg));
                    };
                    if nargs > items.len() {
                        let plural = if items.len() == 1 { "" } else { "s" };
                        let msg = format!(
                            "{cls_name}() accepts {} positional sub-pattern{plural} ({nargs} given)",
                            items.len()
                        );
                        return Err(self.type_error(&msg));
                    }
                    for name in &items[..nargs] {
                        let Some(n) = name.as_str().map(str::to_string) else {
                            let msg = format!(
                                "__match_args__ elements must be strings (got {})",
                                self.type_name(name)
                            );
                            return Err(self.type_error(&msg));
                        };
                        match self.get_attr_opt(subject, &n)? {
                            Some(v) => attrs.push(v),
                            None => return Ok(None),
                        }
                        seen.push(n);
                    }
                }
            }
        }
        for name in names.as_tuple().map(|t| t.to_vec()).unwrap_or_default() {
            let n = name.as_str().unwrap_or("").to_string();
            if seen.contains(&n) {
                let msg = format!("{cls_name}() got multiple sub-patterns for attribute '{n}'");
                return Err(self.type_error(&msg));
            }
            match self.get_attr_opt(subject, &n)? {
                Some(v) => attrs.push(v),
                None => return Ok(None),
            }
            seen.push(n);
        }
        Ok(Some(self.new_tuple(attrs)))
    }
}
