//! Expressions: names, constants, operators, comparisons, boolean logic and
//! conditional jumps, displays (`[...]`, `(...)`, `{...}`), subscripts, slices,
//! attributes, f-strings, unpacking targets and `yield`.
//!
//! Locations follow CPython 3.11: every instruction gets the span of the innermost
//! expression being compiled; attribute loads and stores take the line of the
//! attribute's end, so a multi-line chain points at the right line.

use ast::{BoolOp, CmpOp, Expr, ExprContext, ExprKind, UnaryOp};
use bytecode::{ConstantValue, Opcode, FVS_HAVE_SPEC};

use super::stmt::binary_op_arg;
use super::{constant_value, CResult, Compiler, Op, UnitKind};

/// CPython's `STACK_USE_GUIDELINE`: past this many items, displays and calls are
/// built incrementally instead of from the stack.
pub const STACK_USE_GUIDELINE: usize = 30;

fn is_const(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Constant { .. })
}

impl<'a> Compiler<'a> {
    /// Compiles `e` with its own location, restoring the enclosing one after.
    pub fn visit_expr(&mut self, e: &'a Expr) -> CResult {
        let saved = self.ur().loc;
        self.set_loc(e.range);
        let result = self.visit_expr_inner(e);
        self.u().loc = saved;
        result
    }

    pub fn compare_op(&mut self, op: CmpOp) {
        match op {
            CmpOp::Is => self.op_arg(Opcode::IS_OP, 0),
            CmpOp::IsNot => self.op_arg(Opcode::IS_OP, 1),
            CmpOp::In => self.op_arg(Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => self.op_arg(Opcode::CONTAINS_OP, 1),
            CmpOp::Lt => self.op_arg(Opcode::COMPARE_OP, 0),
            CmpOp::LtE => self.op_arg(Opcode::COMPARE_OP, 1),
            CmpOp::Eq => self.op_arg(Opcode::COMPARE_OP, 2),
            CmpOp::NotEq => self.op_arg(Opcode::COMPARE_OP, 3),
            CmpOp::Gt => self.op_arg(Opcode::COMPARE_OP, 4),
            CmpOp::GtE => self.op_arg(Opcode::COMPARE_OP, 5),
        }
    }

    fn visit_expr_inner(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.op_arg(Opcode::COPY, 1);
                self.visit_expr(target)
            }
            ExprKind::BoolOp { op, values } => {
                let jump = match op {
                    BoolOp::And => Opcode::JUMP_IF_FALSE_OR_POP,
                    BoolOp::Or => Opcode::JUMP_IF_TRUE_OR_POP,
                };
                let end = self.new_block();
                let (last, init) = values
                    .split_last()
                    .ok_or_else(|| self.error_at("empty boolean operation", e.range))?;
                for v in init {
                    self.visit_expr(v)?;
                    self.jump(Op::Real(jump), end);
                    let next = self.new_block();
                    self.use_next_block(next);
                }
                self.visit_expr(last)?;
                self.use_next_block(end);
                Ok(())
            }
            ExprKind::BinOp { left, op, right } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
                self.op_arg(Opcode::BINARY_OP, binary_op_arg(*op, false));
                Ok(())
            }
            ExprKind::UnaryOp { op, operand } => {
                self.visit_expr(operand)?;
                self.op(match op {
                    UnaryOp::Invert => Opcode::UNARY_INVERT,
                    UnaryOp::Not => Opcode::UNARY_NOT,
                    UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                    UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                });
                Ok(())
            }
            ExprKind::Lambda { args, body } => self.compile_lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.visit_expr(body)?;
                self.jump_noline(Op::Jump, end);
                self.use_next_block(next);
                self.visit_expr(orelse)?;
                self.use_next_block(end);
                Ok(())
            }
            ExprKind::Dict { keys, values } => self.compile_dict(keys, values),
            ExprKind::Set { elts } => self.starunpack(
                elts,
                0,
                Opcode::BUILD_SET,
                Opcode::SET_ADD,
                Opcode::SET_UPDATE,
                false,
            ),
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.compile_comprehension(e),
            ExprKind::Yield { value } => {
                if !self.in_function() {
                    return Err(self.error_at("'yield' outside function", e.range));
                }
                match value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_const(ConstantValue::None),
                }
                if self.symtable.scopes[self.ur().scope].is_coroutine {
                    self.op(Opcode::ASYNC_GEN_WRAP);
                }
                self.op(Opcode::YIELD_VALUE);
                self.op_arg(Opcode::RESUME, 1);
                Ok(())
            }
            ExprKind::YieldFrom { value } => {
                if !self.in_function() {
                    return Err(self.error_at("'yield' outside function", e.range));
                }
                if self.symtable.scopes[self.ur().scope].is_coroutine {
                    return Err(self.error_at("'yield from' inside async function", e.range));
                }
                self.visit_expr(value)?;
                self.op(Opcode::GET_YIELD_FROM_ITER);
                self.load_const(ConstantValue::None);
                self.add_yield_from(false);
                Ok(())
            }
            ExprKind::Await { value } => {
                if !self.in_function() {
                    return Err(self.error_at("'await' outside function", e.range));
                }
                if !matches!(
                    self.ur().kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    return Err(self.error_at("'await' outside async function", e.range));
                }
                self.visit_expr(value)?;
                self.op_arg(Opcode::GET_AWAITABLE, 0);
                self.load_const(ConstantValue::None);
                self.add_yield_from(true);
                Ok(())
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compile_compare(left, ops, comparators),
            ExprKind::Call { .. } => self.compile_call(e),
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.visit_expr(value)?;
                let mut arg = match u8::try_from(*conversion).ok() {
                    Some(b's') => 1,
                    Some(b'r') => 2,
                    Some(b'a') => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.visit_expr(spec)?;
                    arg |= FVS_HAVE_SPEC;
                }
                self.op_arg(Opcode::FORMAT_VALUE, arg);
                Ok(())
            }
            ExprKind::JoinedStr { values } => {
                if values.len() > STACK_USE_GUIDELINE {
                    self.load_const(ConstantValue::Str("".into()));
                    self.op_name(Opcode::LOAD_METHOD, "join");
                    self.op_arg(Opcode::BUILD_LIST, 0);
                    for v in values {
                        self.visit_expr(v)?;
                        self.op_arg(Opcode::LIST_APPEND, 1);
                    }
                    self.op_arg(Opcode::PRECALL, 1);
                    self.op_arg(Opcode::CALL, 1);
                } else {
                    for v in values {
                        self.visit_expr(v)?;
                    }
                    if values.len() != 1 {
                        self.op_arg(Opcode::BUILD_STRING, values.len() as u32);
                    }
                }
                Ok(())
            }
            ExprKind::Constant { value, .. } => {
                self.load_const(constant_value(value));
                Ok(())
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value)?;
                self.match_attr_loc(e.range, attr);
                match ctx {
                    ExprContext::Load => self.op_name(Opcode::LOAD_ATTR, attr),
                    ExprContext::Store => {
                        if attr == "__debug__" {
                            return Err(self.error_at("cannot assign to __debug__", e.range));
                        }
                        self.op_name(Opcode::STORE_ATTR, attr);
                    }
                    ExprContext::Del => self.op_name(Opcode::DELETE_ATTR, attr),
                }
                Ok(())
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
                self.op(match ctx {
                    ExprContext::Load => Opcode::BINARY_SUBSCR,
                    ExprContext::Store => Opcode::STORE_SUBSCR,
                    ExprContext::Del => Opcode::DELETE_SUBSCR,
                });
                Ok(())
            }
            ExprKind::Starred { ctx, .. } => Err(match ctx {
                ExprContext::Store => self.error_at(
                    "starred assignment target must be in a list or tuple",
                    e.range,
                ),
                _ => self.error_at("can't use starred expression here", e.range),
            }),
            ExprKind::Name { id, ctx } => {
                if id == "__debug__" {
                    match ctx {
                        ExprContext::Store => {
                            return Err(self.error_at("cannot assign to __debug__", e.range))
                        }
                        ExprContext::Del => {
                            return Err(self.error_at("cannot delete __debug__", e.range))
                        }
                        ExprContext::Load => {}
                    }
                }
                self.nameop(id, *ctx);
                Ok(())
            }
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts, e),
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    false,
                ),
                ExprContext::Del => elts.iter().try_for_each(|x| self.visit_expr(x)),
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts, e),
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                ),
                ExprContext::Del => elts.iter().try_for_each(|x| self.visit_expr(x)),
            },
            ExprKind::Slice { lower, upper, step } => {
                let mut n = 2;
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.visit_expr(p)?,
                        None => self.load_const(ConstantValue::None),
                    }
                }
                if let Some(s) = step {
                    n += 1;
                    self.visit_expr(s)?;
                }
                self.op_arg(Opcode::BUILD_SLICE, n);
                Ok(())
            }
        }
    }

    /// `yield from` / `await`'s send loop (CPython's `compiler_add_yield_from`).
    pub fn add_yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_next_block(start);
        self.jump(Op::Real(Opcode::SEND), exit);
        self.use_next_block(resume);
        self.op(Opcode::YIELD_VALUE);
        self.op_arg(Opcode::RESUME, if is_await { 3 } else { 2 });
        self.jump(Op::JumpNoInterrupt, start);
        self.use_next_block(exit);
    }

    fn compile_compare(
        &mut self,
        left: &'a Expr,
        ops: &'a [CmpOp],
        comparators: &'a [Expr],
    ) -> CResult {
        self.visit_expr(left)?;
        let n = ops.len().saturating_sub(1);
        if ops.is_empty() || comparators.len() != ops.len() {
            return Ok(());
        }
        if n == 0 {
            self.visit_expr(&comparators[0])?;
            self.compare_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_block();
        for i in 0..n {
            self.visit_expr(&comparators[i])?;
            self.op_arg(Opcode::SWAP, 2);
            self.op_arg(Opcode::COPY, 2);
            self.compare_op(ops[i]);
            self.jump(Op::Real(Opcode::JUMP_IF_FALSE_OR_POP), cleanup);
        }
        self.visit_expr(&comparators[n])?;
        self.compare_op(ops[n]);
        let end = self.new_block();
        self.jump_noline(Op::Jump, end);
        self.use_next_block(cleanup);
        self.op_arg(Opcode::SWAP, 2);
        self.op(Opcode::POP_TOP);
        self.use_next_block(end);
        Ok(())
    }

    /// Evaluates `e` for its truth and jumps to `next` when it equals `cond`
    /// (CPython's `compiler_jump_if`, with its special cases for `not`, `and`/`or`,
    /// conditional expressions and chained comparisons).
    pub fn jump_if(&mut self, e: &'a Expr, next: super::BlockId, cond: bool) -> CResult {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, next, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond {
                    self.new_block()
                } else {
                    next
                };
                if let Some((last, init)) = values.split_last() {
                    for v in init {
                        self.jump_if(v, next2, cond2)?;
                    }
                    self.jump_if(last, next, cond)?;
                }
                if next2 != next {
                    self.use_next_block(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, next, cond)?;
                self.jump_noline(Op::Jump, end);
                self.use_next_block(next2);
                self.jump_if(orelse, next, cond)?;
                self.use_next_block(end);
                return Ok(());
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                // CPython 3.11 sets the comparison's location here and keeps it.
                self.set_loc(e.range);
                let n = ops.len().saturating_sub(1);
                if n > 0 && comparators.len() == ops.len() {
                    let cleanup = self.new_block();
                    self.visit_expr(left)?;
                    for i in 0..n {
                        self.visit_expr(&comparators[i])?;
                        self.op_arg(Opcode::SWAP, 2);
                        self.op_arg(Opcode::COPY, 2);
                        self.compare_op(ops[i]);
                        self.jump(Op::PopJumpIfFalse, cleanup);
                    }
                    self.visit_expr(&comparators[n])?;
                    self.compare_op(ops[n]);
                    self.jump(
                        if cond {
                            Op::PopJumpIfTrue
                        } else {
                            Op::PopJumpIfFalse
                        },
                        next,
                    );
                    let end = self.new_block();
                    self.jump_noline(Op::Jump, end);
                    self.use_next_block(cleanup);
                    self.op(Opcode::POP_TOP);
                    if !cond {
                        self.jump_noline(Op::Jump, next);
                    }
                    self.use_next_block(end);
                    return Ok(());
                }
            }
            _ => {}
        }
        self.visit_expr(e)?;
        self.jump(
            if cond {
                Op::PopJumpIfTrue
            } else {
                Op::PopJumpIfFalse
            },
            next,
        );
        Ok(())
    }

    /// Builds a list, tuple or set from `elts`, which may hold `*iterables`
    /// (CPython's `starunpack_helper`).
    pub fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        // A display of more than two constants loads them as one constant (a tuple,
        // a frozenset for a set) and extends an empty list or set with it.
        if n > 2 && elts.iter().all(is_const) {
            let folded: Vec<ConstantValue> = elts
                .iter()
                .filter_map(|e| match &e.kind {
                    ExprKind::Constant { value, .. } => Some(constant_value(value)),
                    _ => None,
                })
                .collect();
            if tuple && pushed == 0 {
                self.load_const(ConstantValue::Tuple(folded.into()));
            } else {
                self.op_arg(build, pushed);
                self.load_const(if build == Opcode::BUILD_SET {
                    bytecode::const_set::frozenset_constant(&folded)
                } else {
                    ConstantValue::Tuple(folded.into())
                });
                self.op_arg(extend, 1);
                if tuple {
                    self.op(Opcode::LIST_TO_TUPLE);
                }
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !seen_star && !big {
            for e in elts {
                self.visit_expr(e)?;
            }
            let op = if tuple { Opcode::BUILD_TUPLE } else { build };
            self.op_arg(op, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.op_arg(build, pushed);
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &e.kind {
                if !built {
                    self.op_arg(build, i as u32 + pushed);
                    built = true;
                }
                self.visit_expr(value)?;
                self.op_arg(extend, 1);
            } else {
                self.visit_expr(e)?;
                if built {
                    self.op_arg(add, 1);
                }
            }
        }
        if tuple {
            self.op(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    /// Unpacks the value on the stack into the targets `elts` (CPython's
    /// `assignment_helper`).
    fn assignment_helper(&mut self, elts: &'a [Expr], whole: &'a Expr) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e.kind, ExprKind::Starred { .. }) {
                if seen_star {
                    return Err(
                        self.error_at("multiple starred expressions in assignment", whole.range)
                    );
                }
                if i >= 256 || n - i > (i32::MAX >> 8) as usize {
                    return Err(self.error_at(
                        "too many expressions in star-unpacking assignment",
                        whole.range,
                    ));
                }
                self.op_arg(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.op_arg(Opcode::UNPACK_SEQUENCE, n as u32);
        }
        for e in elts {
            match &e.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value)?,
                _ => self.visit_expr(e)?,
            }
        }
        Ok(())
    }

    fn subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let all_const = keys[begin..end]
            .iter()
            .all(|k| k.as_ref().is_some_and(is_const));
        if n > 1 && !big && all_const {
            for v in &values[begin..end] {
                self.visit_expr(v)?;
            }
            let consts: Vec<ConstantValue> = keys[begin..end]
                .iter()
                .filter_map(|k| match k.as_ref().map(|k| &k.kind) {
                    Some(ExprKind::Constant { value, .. }) => Some(constant_value(value)),
                    _ => None,
                })
                .collect();
            self.load_const(ConstantValue::Tuple(consts.into()));
            self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.op_arg(Opcode::BUILD_MAP, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.visit_expr(k)?;
            }
            self.visit_expr(&values[i])?;
            if big {
                self.op_arg(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.op_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn compile_dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let n = values.len().min(keys.len());
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.op_arg(Opcode::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.op_arg(Opcode::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.visit_expr(&values[i])?;
                self.op_arg(Opcode::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.op_arg(Opcode::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.op_arg(Opcode::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.op_arg(Opcode::BUILD_MAP, 0);
        }
        Ok(())
    }
}
