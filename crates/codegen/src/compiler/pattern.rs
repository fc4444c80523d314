//! The `match` statement (PEP 634), compiled as CPython 3.11's
//! `compiler_match` and `compiler_pattern_*` do.
//!
//! Every pattern routine consumes the subject on top of the stack and jumps to a
//! "fail pop" block on failure; `on_top` counts the items above the captures so a
//! failure pops exactly those. Captured values are rotated underneath what is
//! still needed and stored only once the whole pattern matched.

use ast::{Constant, ExprKind, MatchCase, Pattern, PatternKind, Stmt};
use bytecode::{ConstantValue, Opcode};

use super::{constant_value, BlockId, CResult, Compiler, Op};

/// Per-pattern state (CPython's `pattern_context`).
#[derive(Clone, Default)]
struct PatternContext {
    /// Names captured so far, in the order their values sit on the stack.
    stores: Vec<String>,
    allow_irrefutable: bool,
    /// `fail_pop[n]` pops `n` items and continues with the next case.
    fail_pop: Vec<BlockId>,
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p.kind, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Op) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.use_next_block(pc.fail_pop[i]);
            self.op(Opcode::POP_TOP);
        }
        self.use_next_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn pattern_rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.op_arg(Opcode::SWAP, count as u32);
            count -= 1;
        }
    }

    fn pattern_store_name(
        &mut self,
        name: Option<&str>,
        pc: &mut PatternContext,
        p: &Pattern,
    ) -> CResult {
        let Some(name) = name else {
            self.op(Opcode::POP_TOP);
            return Ok(());
        };
        if name == "__debug__" {
            return Err(self.error_at("cannot assign to __debug__", p.range));
        }
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.error_at(
                format!("multiple assignments to name '{name}' in pattern"),
                p.range,
            ));
        }
        self.pattern_rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name.to_string());
        Ok(())
    }

    fn pattern_subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        self.set_loc(p.range);
        match &p.kind {
            PatternKind::MatchValue { value } => {
                if !matches!(
                    value.kind,
                    ExprKind::Constant { .. } | ExprKind::Attribute { .. }
                ) {
                    return Err(self.error_at(
                        "patterns may only match literals and attribute lookups",
                        p.range,
                    ));
                }
                self.visit_expr(value)?;
                self.compare_op(ast::CmpOp::Eq);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(constant_value(value));
                self.compare_op(ast::CmpOp::Is);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(p, patterns, pc)?,
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.pattern_mapping(p, keys, patterns, rest.as_deref(), pc)?,
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                for (i, attr) in kwd_attrs.iter().enumerate() {
                    if kwd_attrs[i + 1..].contains(attr) {
                        let at = kwd_patterns
                            .get(
                                i + 1
                                    + kwd_attrs[i + 1..]
                                        .iter()
                                        .position(|a| a == attr)
                                        .unwrap_or(0),
                            )
                            .map_or(p.range, |q| q.range);
                        return Err(self.error_at(
                            format!("attribute name repeated in class pattern: {attr}"),
                            at,
                        ));
                    }
                }
                self.visit_expr(cls)?;
                let names: Vec<ConstantValue> = kwd_attrs
                    .iter()
                    .map(|a| ConstantValue::Str(a.as_str().into()))
                    .collect();
                self.load_const(ConstantValue::Tuple(names.into()));
                let nargs = patterns.len();
                let n = nargs + kwd_attrs.len();
                self.op_arg(Opcode::MATCH_CLASS, nargs as u32);
                self.op_arg(Opcode::COPY, 1);
                self.load_const(ConstantValue::None);
                self.op_arg(Opcode::IS_OP, 1);
                pc.on_top += 1;
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
                self.op_arg(Opcode::UNPACK_SEQUENCE, n as u32);
                pc.on_top += n;
                pc.on_top -= 1;
                for sub in patterns.iter().chain(kwd_patterns) {
                    pc.on_top -= 1;
                    if is_wildcard(sub) {
                        self.op(Opcode::POP_TOP);
                        continue;
                    }
                    self.pattern_subpattern(sub, pc)?;
                }
            }
            PatternKind::MatchStar { name } => self.pattern_store_name(name.as_deref(), pc, p)?,
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let msg = match name {
                            Some(n) => {
                                format!("name capture '{n}' makes remaining patterns unreachable")
                            }
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                        };
                        return Err(self.error_at(msg, p.range));
                    }
                    self.pattern_store_name(name.as_deref(), pc, p)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.op_arg(Opcode::COPY, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.pattern_store_name(name.as_deref(), pc, p)?;
                }
            },
            PatternKind::MatchOr { patterns } => self.pattern_or(p, patterns, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(
        &mut self,
        p: &'a Pattern,
        patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, sub) in patterns.iter().enumerate() {
            if matches!(sub.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(
                        self.error_at("multiple starred names in sequence pattern", p.range)
                    );
                }
                star_wildcard = is_star_wildcard(sub);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(sub);
        }
        pc.on_top += 1;
        self.op(Opcode::MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        match star {
            None => {
                self.op(Opcode::GET_LEN);
                self.load_const(ConstantValue::Int(size as i64));
                self.compare_op(ast::CmpOp::Eq);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            Some(_) if size > 1 => {
                self.op(Opcode::GET_LEN);
                self.load_const(ConstantValue::Int(size as i64 - 1));
                self.compare_op(ast::CmpOp::GtE);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.op(Opcode::POP_TOP);
        } else if star_wildcard {
            // Subscripts instead of unpacking for `[a, *_, b]`.
            let star = star.unwrap_or(size);
            pc.on_top += 1;
            for (i, sub) in patterns.iter().enumerate() {
                if is_wildcard(sub) || i == star {
                    continue;
                }
                self.op_arg(Opcode::COPY, 1);
                if i < star {
                    self.load_const(ConstantValue::Int(i as i64));
                } else {
                    self.op(Opcode::GET_LEN);
                    self.load_const(ConstantValue::Int((size - i) as i64));
                    self.op_arg(
                        Opcode::BINARY_OP,
                        super::stmt::binary_op_arg(ast::Operator::Sub, false),
                    );
                }
                self.op(Opcode::BINARY_SUBSCR);
                self.pattern_subpattern(sub, pc)?;
            }
            pc.on_top -= 1;
            self.op(Opcode::POP_TOP);
        } else {
            match star {
                Some(i) => {
                    if i >= 256 {
                        return Err(self.error_at(
                            "too many expressions in star-unpacking sequence pattern",
                            p.range,
                        ));
                    }
                    self.op_arg(Opcode::UNPACK_EX, (i + ((size - i - 1) << 8)) as u32);
                }
                None => self.op_arg(Opcode::UNPACK_SEQUENCE, size as u32),
            }
            pc.on_top += size;
            for sub in patterns {
                pc.on_top -= 1;
                self.pattern_subpattern(sub, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        p: &'a Pattern,
        keys: &'a [ast::Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a str>,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = keys.len();
        if size != patterns.len() {
            return Err(self.error_at(
                "keys / patterns length mismatch in mapping pattern",
                p.range,
            ));
        }
        pc.on_top += 1;
        self.op(Opcode::MATCH_MAPPING);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.op(Opcode::POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.op(Opcode::GET_LEN);
            self.load_const(ConstantValue::Int(size as i64));
            self.compare_op(ast::CmpOp::GtE);
            self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        }
        let mut seen: Vec<&Constant> = Vec::new();
        for key in keys {
            match &key.kind {
                ExprKind::Constant { value, .. } => {
                    if seen.contains(&value) {
                        let shown = bytecode::const_repr::constant_repr(
                            &constant_value(value),
                            &bytecode::dis::code_repr,
                        );
                        return Err(self.error_at(
                            format!("mapping pattern checks duplicate key ({shown})"),
                            p.range,
                        ));
                    }
                    seen.push(value);
                }
                ExprKind::Attribute { .. } => {}
                _ => {
                    return Err(self.error_at(
                        "mapping pattern keys may only match literals and attribute lookups",
                        p.range,
                    ))
                }
            }
            self.visit_expr(key)?;
        }
        self.op_arg(Opcode::BUILD_TUPLE, size as u32);
        self.op(Opcode::MATCH_KEYS);
        pc.on_top += 2;
        self.op_arg(Opcode::COPY, 1);
        self.load_const(ConstantValue::None);
        self.op_arg(Opcode::IS_OP, 1);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        self.op_arg(Opcode::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for sub in patterns {
            pc.on_top -= 1;
            self.pattern_subpattern(sub, pc)?;
        }
        pc.on_top -= 2;
        match rest {
            Some(name) => {
                self.op_arg(Opcode::BUILD_MAP, 0);
                self.op_arg(Opcode::SWAP, 3);
                self.op_arg(Opcode::DICT_UPDATE, 2);
                self.op_arg(Opcode::UNPACK_SEQUENCE, size as u32);
                let mut remaining = size;
                while remaining > 0 {
                    self.op_arg(Opcode::COPY, 1 + remaining as u32);
                    remaining -= 1;
                    self.op_arg(Opcode::SWAP, 2);
                    self.op(Opcode::DELETE_SUBSCR);
                }
                self.pattern_store_name(Some(name), pc, p)?;
            }
            None => {
                self.op(Opcode::POP_TOP);
                self.op(Opcode::POP_TOP);
            }
        }
        Ok(())
    }

    fn pattern_or(
        &mut self,
        p: &'a Pattern,
        alternatives: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        let end = self.new_block();
        let old = std::mem::take(pc);
        let mut control: Option<Vec<String>> = None;
        let size = alternatives.len();
        for (i, alt) in alternatives.iter().enumerate() {
            self.set_loc(alt.range);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == size && old.allow_irrefutable;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.op_arg(Opcode::COPY, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctrl) if ctrl.len() != nstores => {
                    return Err(self.error_at(
                        "alternative patterns bind different names",
                        self.range_of_loc(),
                    ));
                }
                Some(ctrl) => {
                    // Reorder this alternative's captures to the first one's order.
                    let ctrl = ctrl.clone();
                    for icontrol in (0..nstores).rev() {
                        let name = &ctrl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(self.error_at(
                                "alternative patterns bind different names",
                                self.range_of_loc(),
                            ));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, item) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, item);
                            }
                            for _ in 0..rotations {
                                self.pattern_rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(Op::Jump, end);
            self.emit_and_reset_fail_pop(pc);
        }
        *pc = old;
        self.op(Opcode::POP_TOP);
        self.jump_to_fail_pop(pc, Op::Jump);
        self.use_next_block(end);
        let control = control.unwrap_or_default();
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.pattern_rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error_at(
                    format!("multiple assignments to name '{name}' in pattern"),
                    p.range,
                ));
            }
            pc.stores.push(name);
        }
        self.op(Opcode::POP_TOP);
        Ok(())
    }

    pub fn compile_match(
        &mut self,
        s: &'a Stmt,
        subject: &'a ast::Expr,
        cases: &'a [MatchCase],
    ) -> CResult {
        let _ = s;
        self.visit_expr(subject)?;
        let end = self.new_block();
        let n = cases.len();
        let Some(last) = cases.last() else {
            return Ok(());
        };
        let has_default = usize::from(is_wildcard(&last.pattern) && n > 1);
        let mut pc = PatternContext::default();
        for (i, case) in cases[..n - has_default].iter().enumerate() {
            self.set_loc(case.pattern.range);
            if i != n - has_default - 1 {
                self.op_arg(Opcode::COPY, 1);
            }
            pc.stores = Vec::new();
            pc.allow_irrefutable = case.guard.is_some() || i == n - 1;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.pattern(&case.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.nameop(&name, ast::ExprContext::Store);
            }
            if let Some(guard) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let fail = pc.fail_pop[0];
                self.jump_if(guard, fail, false)?;
            }
            if i != n - has_default - 1 {
                self.op(Opcode::POP_TOP);
            }
            self.visit_stmts(&case.body)?;
            self.unset_loc();
            self.jump(Op::Jump, end);
            self.set_loc(case.pattern.range);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default == 1 {
            self.set_loc(last.pattern.range);
            if n == 1 {
                self.op(Opcode::POP_TOP);
            } else {
                self.op(Opcode::NOP);
            }
            if let Some(guard) = &last.guard {
                self.jump_if(guard, end, false)?;
            }
            self.visit_stmts(&last.body)?;
            self.unset_loc();
        }
        self.use_next_block(end);
        Ok(())
    }
}
