//! Calls: `PUSH_NULL`/`LOAD_METHOD` + `PRECALL`/`CALL` for plain calls, `KW_NAMES`
//! for keyword arguments, and `CALL_FUNCTION_EX` when `*args`/`**kwargs` appear
//! (CPython 3.11's `compiler_call`, `maybe_optimize_method_call`,
//! `compiler_call_helper`).

use ast::{Expr, ExprContext, ExprKind, Keyword};
use bytecode::{ConstantValue, Opcode};

use super::expr::STACK_USE_GUIDELINE;
use super::{CResult, Compiler};
use crate::symtable::DEF_IMPORT;

impl<'a> Compiler<'a> {
    pub fn compile_call(&mut self, e: &'a Expr) -> CResult {
        let ExprKind::Call {
            func,
            args,
            keywords,
        } = &e.kind
        else {
            return Ok(());
        };
        self.validate_keywords(keywords)?;
        if self.try_method_call(func, args, keywords)? {
            return Ok(());
        }
        self.set_loc(func.range);
        self.op(Opcode::PUSH_NULL);
        self.set_loc(e.range);
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    fn validate_keywords(&self, keywords: &[Keyword]) -> CResult {
        for (i, kw) in keywords.iter().enumerate() {
            let Some(name) = &kw.arg else { continue };
            if name == "__debug__" {
                return Err(self.error_at("cannot assign to __debug__", kw.range));
            }
            if keywords[i + 1..]
                .iter()
                .any(|other| other.arg.as_deref() == Some(name))
            {
                let dup = keywords[i + 1..]
                    .iter()
                    .find(|other| other.arg.as_deref() == Some(name))
                    .map_or(kw.range, |k| k.range);
                return Err(self.error_at(format!("keyword argument repeated: {name}"), dup));
            }
        }
        Ok(())
    }

    /// `obj.meth(args)` as `LOAD_METHOD` + `PRECALL`/`CALL` when it can be.
    fn try_method_call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result<bool, source::SyntaxError> {
        let ExprKind::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
        } = &func.kind
        else {
            return Ok(false);
        };
        // Names bound by `import` at module level keep the plain call sequence.
        if let ExprKind::Name { id, .. } = &value.kind {
            if self.symtable.scopes[0].flags(id) & DEF_IMPORT != 0 {
                return Ok(false);
            }
        }
        let nkw = keywords.len();
        if args.len() + nkw + usize::from(nkw != 0) >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.visit_expr(value)?;
        let call_loc = self.ur().loc;
        self.set_loc(func.range);
        self.match_attr_loc(func.range, attr);
        self.op_name(Opcode::LOAD_METHOD, attr);
        for a in args {
            self.visit_expr(a)?;
        }
        if nkw > 0 {
            for k in keywords {
                self.visit_expr(&k.value)?;
            }
            // KW_NAMES keeps the method's location (CPython 3.11.7).
            self.kw_names(keywords);
        }
        self.u().loc = call_loc;
        self.match_attr_loc(func.range, attr);
        let n = (args.len() + nkw) as u32;
        self.op_arg(Opcode::PRECALL, n);
        self.op_arg(Opcode::CALL, n);
        Ok(true)
    }

    fn kw_names(&mut self, keywords: &[Keyword]) {
        let names: Vec<ConstantValue> = keywords
            .iter()
            .filter_map(|k| {
                k.arg
                    .as_ref()
                    .map(|a| ConstantValue::Str(a.as_str().into()))
            })
            .collect();
        let i = self.add_const(ConstantValue::Tuple(names.into()));
        self.op_arg(Opcode::KW_NAMES, i);
    }

    /// The arguments and the call itself, with `n` positional values already pushed.
    pub fn call_helper(&mut self, n: u32, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        self.validate_keywords(keywords)?;
        let nelts = args.len();
        let nkw = keywords.len();
        let simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE
            && !args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            && !keywords.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.visit_expr(a)?;
            }
            if nkw > 0 {
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.kw_names(keywords);
            }
            let total = n + (nelts + nkw) as u32;
            self.op_arg(Opcode::PRECALL, total);
            self.op_arg(Opcode::CALL, total);
            return Ok(());
        }
        // The general form: a tuple of positionals, a dict of keywords.
        if n == 0 && nelts == 1 {
            if let ExprKind::Starred { value, .. } = &args[0].kind {
                self.visit_expr(value)?;
            } else {
                self.starunpack(
                    args,
                    n,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?;
            }
        } else {
            self.starunpack(
                args,
                n,
                Opcode::BUILD_LIST,
                Opcode::LIST_APPEND,
                Opcode::LIST_EXTEND,
                true,
            )?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, kw) in keywords.iter().enumerate() {
                if kw.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(&keywords[i - nseen..i])?;
                        if have_dict {
                            self.op_arg(Opcode::DICT_MERGE, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.op_arg(Opcode::BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.visit_expr(&kw.value)?;
                    self.op_arg(Opcode::DICT_MERGE, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(&keywords[nkw - nseen..])?;
                if have_dict {
                    self.op_arg(Opcode::DICT_MERGE, 1);
                }
            }
        }
        self.op_arg(Opcode::CALL_FUNCTION_EX, u32::from(nkw > 0));
        Ok(())
    }

    fn subkwargs(&mut self, keywords: &'a [Keyword]) -> CResult {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in keywords {
                self.visit_expr(&k.value)?;
            }
            let names: Vec<ConstantValue> = keywords
                .iter()
                .filter_map(|k| {
                    k.arg
                        .as_ref()
                        .map(|a| ConstantValue::Str(a.as_str().into()))
                })
                .collect();
            self.load_const(ConstantValue::Tuple(names.into()));
            self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.op_arg(Opcode::BUILD_MAP, 0);
        }
        for k in keywords {
            let name = k.arg.clone().unwrap_or_default();
            self.load_const(ConstantValue::Str(name.as_str().into()));
            self.visit_expr(&k.value)?;
            if big {
                // Artificial: takes the value's location (CPython 3.11.7).
                self.emit_loc(super::Op::Real(Opcode::MAP_ADD), 1, None, super::Loc::NONE);
            }
        }
        if !big {
            self.op_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    /// `__exit__(None, None, None)` for a `with` left normally.
    pub fn call_exit_with_nones(&mut self) {
        self.load_const(ConstantValue::None);
        self.load_const(ConstantValue::None);
        self.load_const(ConstantValue::None);
        self.op_arg(Opcode::PRECALL, 2);
        self.op_arg(Opcode::CALL, 2);
    }
}
