//! Statements: assignment forms, `if`/`while`/`for`, `break`/`continue`/`return`
//! with the unwinding of enclosing blocks, imports, `assert`, `raise`, `del`
//! (CPython 3.11's `compiler_visit_stmt` and friends).

use ast::{Expr, ExprContext, ExprKind, Operator, Stmt, StmtKind};
use bytecode::{ConstantValue, Opcode};

use super::{CResult, Compiler, FBlockKind, Op, UnitKind};

/// `BINARY_OP`'s operand for `op` (CPython's `NB_*`); in-place forms add 13.
pub fn binary_op_arg(op: Operator, inplace: bool) -> u32 {
    let base = match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    };
    if inplace {
        base + 13
    } else {
        base
    }
}

/// The docstring of a body, if its first statement is a string literal.
pub fn docstring(body: &[Stmt]) -> Option<&str> {
    match &body.first()?.kind {
        StmtKind::Expr { value } => match &value.kind {
            ExprKind::Constant {
                value: ast::Constant::Str(s),
                ..
            } => s.as_str(),
            _ => None,
        },
        _ => None,
    }
}

pub fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For(f) | StmtKind::AsyncFor(f) => {
            has_annotations(&f.body) || has_annotations(&f.orelse)
        }
        StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
            has_annotations(body) || has_annotations(orelse)
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => has_annotations(&w.body),
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| has_annotations(&h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// A module or class body: `__annotations__` set-up, the docstring stored as
    /// `__doc__`, then the statements (CPython's `compiler_body`).
    pub fn compile_body(&mut self, body: &'a [Stmt]) -> CResult {
        if self.ur().kind == UnitKind::Module {
            if let Some(first) = body.first() {
                self.set_loc(first.range);
            }
        }
        if has_annotations(body) {
            self.op(Opcode::SETUP_ANNOTATIONS);
        }
        let mut rest = body;
        if let Some(doc) = docstring(body) {
            let first = &body[0];
            self.set_loc(first.range);
            if let StmtKind::Expr { value } = &first.kind {
                self.set_loc(value.range);
            }
            self.load_const(ConstantValue::Str(doc.into()));
            self.unset_loc();
            self.nameop("__doc__", ExprContext::Store);
            rest = &body[1..];
        }
        self.visit_stmts(rest)
    }

    pub fn visit_stmts(&mut self, body: &'a [Stmt]) -> CResult {
        body.iter().try_for_each(|s| self.visit_stmt(s))
    }

    pub fn visit_stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_loc(s.range);
        match &s.kind {
            StmtKind::FunctionDef(def) => self.compile_function(s, def, false),
            StmtKind::AsyncFunctionDef(def) => self.compile_function(s, def, true),
            StmtKind::ClassDef { .. } => self.compile_class(s),
            StmtKind::Return { value } => self.compile_return(s, value.as_deref()),
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value, .. } => {
                self.visit_expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.op_arg(Opcode::COPY, 1);
                    }
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => {
                self.compile_augassign(s, target, *op, value)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.compile_annassign(s, target, annotation, value.as_deref(), *simple),
            StmtKind::For(f) => self.compile_for(s, f),
            StmtKind::While { test, body, orelse } => self.compile_while(s, test, body, orelse),
            StmtKind::If { test, body, orelse } => self.compile_if(test, body, orelse),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                        n += 1;
                    }
                }
                self.op_arg(Opcode::RAISE_VARARGS, n);
                Ok(())
            }
            StmtKind::Try(t) => self.compile_try(s, t),
            StmtKind::With(w) => self.compile_with(s, w, 0),
            StmtKind::Assert { test, msg } => {
                let end = self.new_block();
                self.jump_if(test, end, true)?;
                self.op(Opcode::LOAD_ASSERTION_ERROR);
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                    self.op_arg(Opcode::PRECALL, 0);
                    self.op_arg(Opcode::CALL, 0);
                }
                self.op_arg(Opcode::RAISE_VARARGS, 1);
                self.use_next_block(end);
                Ok(())
            }
            StmtKind::Import { names } => {
                for alias in names {
                    self.load_const(ConstantValue::Int(0));
                    self.load_const(ConstantValue::None);
                    self.op_name(Opcode::IMPORT_NAME, &alias.name);
                    match &alias.asname {
                        Some(asname) => {
                            let mut parts = alias.name.split('.');
                            parts.next();
                            let attrs: Vec<&str> = parts.collect();
                            if attrs.is_empty() {
                                self.nameop(asname, ExprContext::Store);
                            } else {
                                for (i, attr) in attrs.iter().enumerate() {
                                    let idx = self.u().names.insert_full(attr.to_string()).0 as u32;
                                    self.op_arg(Opcode::IMPORT_FROM, idx);
                                    if i + 1 < attrs.len() {
                                        self.op_arg(Opcode::SWAP, 2);
                                        self.op(Opcode::POP_TOP);
                                    }
                                }
                                self.nameop(asname, ExprContext::Store);
                                self.op(Opcode::POP_TOP);
                            }
                        }
                        None => {
                            let top = alias.name.split('.').next().unwrap_or("");
                            self.nameop(top, ExprContext::Store);
                        }
                    }
                }
                Ok(())
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.load_const(ConstantValue::Int(i64::from(*level)));
                let tuple: Vec<ConstantValue> = names
                    .iter()
                    .map(|a| ConstantValue::Str(a.name.as_str().into()))
                    .collect();
                self.load_const(ConstantValue::Tuple(tuple.into()));
                self.op_name(Opcode::IMPORT_NAME, module.as_deref().unwrap_or(""));
                for (i, alias) in names.iter().enumerate() {
                    if i == 0 && alias.name == "*" {
                        self.op(Opcode::IMPORT_STAR);
                        return Ok(());
                    }
                    self.op_name(Opcode::IMPORT_FROM, &alias.name);
                    let store = alias.asname.as_deref().unwrap_or(&alias.name);
                    self.nameop(store, ExprContext::Store);
                }
                self.op(Opcode::POP_TOP);
                Ok(())
            }
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => Ok(()),
            StmtKind::Expr { value } => {
                if self.interactive && self.units.len() == 1 {
                    self.visit_expr(value)?;
                    self.op(Opcode::PRINT_EXPR);
                    return Ok(());
                }
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    self.op(Opcode::NOP);
                    return Ok(());
                }
                self.visit_expr(value)?;
                self.unset_loc();
                self.op(Opcode::POP_TOP);
                Ok(())
            }
            StmtKind::Pass => {
                self.op(Opcode::NOP);
                Ok(())
            }
            StmtKind::Break => self.compile_break(s),
            StmtKind::Continue => self.compile_continue(s),
            StmtKind::AsyncFor(f) => self.compile_async_for(s, f),
            StmtKind::AsyncWith(w) => self.compile_async_with(s, w, 0),
            StmtKind::Match { subject, cases } => self.compile_match(s, subject, cases),
            StmtKind::TryStar(t) => self.compile_try_star(s, t),
        }
    }

    fn compile_augassign(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        op: Operator,
        value: &'a Expr,
    ) -> CResult {
        let stmt_loc = self.ur().loc;
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.visit_expr(obj)?;
                self.op_arg(Opcode::COPY, 1);
                self.match_attr_loc(target.range, attr);
                self.op_name(Opcode::LOAD_ATTR, attr);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.visit_expr(obj)?;
                self.visit_expr(slice)?;
                self.op_arg(Opcode::COPY, 2);
                self.op_arg(Opcode::COPY, 2);
                self.op(Opcode::BINARY_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Load),
            _ => {
                return Err(self.error_at(
                    "'expression' is an illegal expression for augmented assignment",
                    s.range,
                ))
            }
        }
        self.u().loc = stmt_loc;
        self.visit_expr(value)?;
        self.op_arg(Opcode::BINARY_OP, binary_op_arg(op, true));
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.match_attr_loc(target.range, attr);
                self.op_arg(Opcode::SWAP, 2);
                self.op_name(Opcode::STORE_ATTR, attr);
            }
            ExprKind::Subscript { .. } => {
                self.op_arg(Opcode::SWAP, 3);
                self.op_arg(Opcode::SWAP, 2);
                self.op(Opcode::STORE_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Store),
            _ => {}
        }
        Ok(())
    }

    fn compile_annassign(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> CResult {
        if let Some(v) = value {
            self.visit_expr(v)?;
            self.visit_expr(target)?;
        }
        let evaluates = matches!(self.ur().kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                // Annotations of simple names are evaluated and stored at module and
                // class level; in functions they are not evaluated (PEP 526).
                if simple && evaluates {
                    if self.future_annotations {
                        self.annotation_string(annotation);
                    } else {
                        self.visit_expr(annotation)?;
                    }
                    self.op_name(Opcode::LOAD_NAME, "__annotations__");
                    let mangled = crate::symtable::mangle(self.ur().private.as_deref(), id);
                    self.load_const(ConstantValue::Str(mangled.as_str().into()));
                    self.op(Opcode::STORE_SUBSCR);
                }
            }
            ExprKind::Attribute { value: obj, .. } => {
                if value.is_none() {
                    self.visit_expr(obj)?;
                    self.op(Opcode::POP_TOP);
                }
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                if value.is_none() {
                    self.visit_expr(obj)?;
                    self.op(Opcode::POP_TOP);
                    self.visit_expr(slice)?;
                    self.op(Opcode::POP_TOP);
                }
            }
            _ => return Err(self.error_at("invalid annotation target", s.range)),
        }
        // Annotations of complex targets are evaluated (and dropped) at module and
        // class level (CPython's `check_annotation`).
        if !simple && evaluates && !self.future_annotations {
            self.visit_expr(annotation)?;
            self.op(Opcode::POP_TOP);
        }
        Ok(())
    }

    fn compile_if(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let end = self.new_block();
        let next = if orelse.is_empty() {
            end
        } else {
            self.new_block()
        };
        self.jump_if(test, next, false)?;
        self.visit_stmts(body)?;
        if !orelse.is_empty() {
            self.jump_noline(Op::Jump, end);
            self.use_next_block(next);
            self.visit_stmts(orelse)?;
        }
        self.use_next_block(end);
        Ok(())
    }

    fn compile_while(
        &mut self,
        s: &'a Stmt,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        let loop_ = self.new_block();
        let body_block = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_next_block(loop_);
        self.push_fblock(FBlockKind::WhileLoop, Some(loop_), Some(end), s.range)?;
        self.jump_if(test, anchor, false)?;
        self.use_next_block(body_block);
        self.visit_stmts(body)?;
        self.set_loc(s.range);
        self.jump_if(test, body_block, true)?;
        self.pop_fblock();
        self.use_next_block(anchor);
        self.visit_stmts(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_for(&mut self, s: &'a Stmt, f: &'a ast::For) -> CResult {
        let start = self.new_block();
        let body = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end), s.range)?;
        self.visit_expr(&f.iter)?;
        self.op(Opcode::GET_ITER);
        self.use_next_block(start);
        self.jump(Op::Real(Opcode::FOR_ITER), cleanup);
        self.use_next_block(body);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.unset_loc();
        self.jump(Op::Jump, start);
        self.use_next_block(cleanup);
        self.pop_fblock();
        self.visit_stmts(&f.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_async_for(&mut self, s: &'a Stmt, f: &'a ast::For) -> CResult {
        if self.ur().kind != UnitKind::AsyncFunction {
            return Err(self.error_at("'async for' outside async function", s.range));
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.visit_expr(&f.iter)?;
        self.op(Opcode::GET_AITER);
        self.use_next_block(start);
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end), s.range)?;
        // SETUP_FINALLY guards the __anext__ call.
        self.jump(Op::SetupFinally, except);
        self.op(Opcode::GET_ANEXT);
        self.load_const(ConstantValue::None);
        self.add_yield_from(true);
        self.emit(Op::PopBlock, 0);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.unset_loc();
        self.jump(Op::Jump, start);
        self.pop_fblock();
        self.use_next_block(except);
        // END_ASYNC_FOR takes the iterator's line: it succeeds the `for`.
        self.set_loc(f.iter.range);
        self.op(Opcode::END_ASYNC_FOR);
        self.visit_stmts(&f.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_return(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult {
        let preserve_tos = value.is_some_and(|v| !matches!(v.kind, ExprKind::Constant { .. }));
        if !self.in_function() {
            return Err(self.error_at("'return' outside function", s.range));
        }
        let st = &self.symtable.scopes[self.ur().scope];
        if value.is_some() && st.is_coroutine && st.is_generator {
            return Err(self.error_at("'return' with value in async generator", s.range));
        }
        if let Some(v) = value {
            if preserve_tos {
                self.visit_expr(v)?;
            } else {
                self.set_loc(v.range);
                self.op(Opcode::NOP);
            }
        }
        if value.is_none_or(|v| self.line_of(v.range) != self.line_of(s.range)) {
            self.set_loc(s.range);
            self.op(Opcode::NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match value {
            None => self.load_const(ConstantValue::None),
            Some(v) if !preserve_tos => {
                if let ExprKind::Constant { value, .. } = &v.kind {
                    self.load_const(super::constant_value(value));
                }
            }
            Some(_) => {}
        }
        self.op(Opcode::RETURN_VALUE);
        Ok(())
    }

    fn compile_break(&mut self, s: &'a Stmt) -> CResult {
        self.op(Opcode::NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error_at("'break' outside loop", s.range));
        };
        let fblock = self.ur().fblocks[loop_index];
        self.unwind_fblock(fblock, false)?;
        if let Some(exit) = fblock.exit {
            self.jump(Op::Jump, exit);
        }
        Ok(())
    }

    fn compile_continue(&mut self, s: &'a Stmt) -> CResult {
        self.op(Opcode::NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error_at("'continue' not properly in loop", s.range));
        };
        let fblock = self.ur().fblocks[loop_index];
        if let Some(block) = fblock.block {
            self.jump(Op::Jump, block);
        }
        Ok(())
    }

    /// Emits the clean-up of one enclosing block (CPython's `compiler_unwind_fblock`).
    pub fn unwind_fblock(&mut self, fblock: super::FBlock<'a>, preserve_tos: bool) -> CResult {
        match fblock.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.op(Opcode::POP_TOP);
            }
            FBlockKind::TryExcept => self.emit(Op::PopBlock, 0),
            FBlockKind::FinallyTry(body) => {
                self.emit(Op::PopBlock, 0);
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, None, None, Default::default())?;
                }
                self.visit_stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.op(Opcode::POP_TOP);
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.emit(Op::PopBlock, 0);
                self.op(Opcode::POP_EXCEPT);
            }
            FBlockKind::With(stmt) => {
                self.set_loc(stmt.range);
                self.emit(Op::PopBlock, 0);
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.call_exit_with_nones();
                if matches!(stmt.kind, StmtKind::AsyncWith(_)) {
                    self.await_top(2);
                }
                self.op(Opcode::POP_TOP);
                self.unset_loc();
            }
            FBlockKind::HandlerCleanup(name) => {
                if name.is_some() {
                    self.emit(Op::PopBlock, 0);
                }
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.emit(Op::PopBlock, 0);
                self.op(Opcode::POP_EXCEPT);
                if let Some(n) = name {
                    self.load_const(ConstantValue::None);
                    self.nameop(n, ExprContext::Store);
                    self.nameop(n, ExprContext::Del);
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.op(Opcode::POP_TOP);
            }
        }
        Ok(())
    }

    /// Unwinds enclosing blocks from the innermost outwards, stopping at the first
    /// loop when `stop_at_loop`; returns that loop's index in the block stack.
    pub fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        stop_at_loop: bool,
    ) -> Result<Option<usize>, source::SyntaxError> {
        let Some(&top) = self.ur().fblocks.last() else {
            return Ok(None);
        };
        if matches!(top.kind, FBlockKind::ExceptionGroupHandler) {
            let range = self.range_of_loc();
            return Err(self.error_at(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                range,
            ));
        }
        if stop_at_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(self.ur().fblocks.len() - 1));
        }
        self.u().fblocks.pop();
        let result = self
            .unwind_fblock(top, preserve_tos)
            .and_then(|()| self.unwind_fblock_stack(preserve_tos, stop_at_loop));
        self.u().fblocks.push(top);
        result
    }
}
