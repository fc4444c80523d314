//! `try`/`except`/`else`/`finally` and `with`, compiled to CPython 3.11's
//! zero-cost form: `SETUP_*`/`POP_BLOCK` pseudo-instructions mark the protected
//! ranges, which the assembler turns into the exception table
//! (`compiler_try_except`, `compiler_try_finally`, `compiler_with`).

use ast::{ExprContext, Stmt, Try, With};
use bytecode::{ConstantValue, Opcode};

use super::{CResult, Compiler, FBlockKind, Op};

impl<'a> Compiler<'a> {
    /// `COPY 3; POP_EXCEPT; RERAISE 1`: restores the previous exception and re-raises.
    fn pop_except_and_reraise(&mut self) {
        self.op_arg(Opcode::COPY, 3);
        self.op(Opcode::POP_EXCEPT);
        self.op_arg(Opcode::RERAISE, 1);
    }

    pub fn compile_try(&mut self, s: &'a Stmt, t: &'a Try) -> CResult {
        if t.finalbody.is_empty() {
            self.compile_try_except(s, t)
        } else {
            self.compile_try_finally(s, t, Self::compile_try_except)
        }
    }

    /// The `finally` frame around a `try` body; `compile_handlers` compiles the body with
    /// its `except` (or `except*`) clauses when there are any.
    fn compile_try_finally(
        &mut self,
        s: &'a Stmt,
        t: &'a Try,
        compile_handlers: fn(&mut Self, &'a Stmt, &'a Try) -> CResult,
    ) -> CResult {
        let body = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.jump(Op::SetupFinally, end);
        self.use_next_block(body);
        self.push_fblock(
            FBlockKind::FinallyTry(&t.finalbody),
            Some(body),
            Some(end),
            s.range,
        )?;
        if t.handlers.is_empty() {
            self.visit_stmts(&t.body)?;
        } else {
            compile_handlers(self, s, t)?;
        }
        self.emit_loc(Op::PopBlock, 0, None, super::Loc::NONE);
        self.pop_fblock();
        self.visit_stmts(&t.finalbody)?;
        self.jump_noline(Op::Jump, exit);
        self.use_next_block(end);
        self.unset_loc();
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::FinallyEnd, Some(end), None, s.range)?;
        self.visit_stmts(&t.finalbody)?;
        self.pop_fblock();
        self.op_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        Ok(())
    }

    fn compile_try_except(&mut self, s: &'a Stmt, t: &'a Try) -> CResult {
        let body = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.jump(Op::SetupFinally, except);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::TryExcept, Some(body), None, s.range)?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        self.emit_loc(Op::PopBlock, 0, None, super::Loc::NONE);
        self.visit_stmts(&t.orelse)?;
        self.jump_noline(Op::Jump, end);
        let n = t.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::ExceptionHandler, None, None, s.range)?;
        for (i, handler) in t.handlers.iter().enumerate() {
            self.set_loc(handler.range);
            if handler.type_.is_none() && i + 1 < n {
                return Err(self.error_at("default 'except:' must be last", handler.range));
            }
            except = self.new_block();
            if let Some(ty) = &handler.type_ {
                self.visit_expr(ty)?;
                self.op(Opcode::CHECK_EXC_MATCH);
                self.jump(Op::PopJumpIfFalse, except);
            }
            if let Some(name) = &handler.name {
                let cleanup_end = self.new_block();
                let cleanup_body = self.new_block();
                self.nameop(name, ExprContext::Store);
                self.jump(Op::SetupCleanup, cleanup_end);
                self.use_next_block(cleanup_body);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(Some(name)),
                    Some(cleanup_body),
                    None,
                    handler.range,
                )?;
                self.visit_stmts(&handler.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.emit(Op::PopBlock, 0);
                self.emit(Op::PopBlock, 0);
                self.op(Opcode::POP_EXCEPT);
                self.load_const(ConstantValue::None);
                self.nameop(name, ExprContext::Store);
                self.nameop(name, ExprContext::Del);
                self.jump(Op::Jump, end);
                self.use_next_block(cleanup_end);
                self.unset_loc();
                self.load_const(ConstantValue::None);
                self.nameop(name, ExprContext::Store);
                self.nameop(name, ExprContext::Del);
                self.op_arg(Opcode::RERAISE, 1);
            } else {
                let cleanup_body = self.new_block();
                self.op(Opcode::POP_TOP);
                self.use_next_block(cleanup_body);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(None),
                    Some(cleanup_body),
                    None,
                    handler.range,
                )?;
                self.visit_stmts(&handler.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.emit(Op::PopBlock, 0);
                self.op(Opcode::POP_EXCEPT);
                self.jump(Op::Jump, end);
            }
            self.use_next_block(except);
        }
        self.unset_loc();
        self.pop_fblock();
        self.op_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(end);
        Ok(())
    }

    /// `GET_AWAITABLE arg; LOAD_CONST None; <send loop>`: awaits TOS.
    pub fn await_top(&mut self, arg: u32) {
        self.op_arg(Opcode::GET_AWAITABLE, arg);
        self.load_const(ConstantValue::None);
        self.add_yield_from(true);
    }

    pub fn compile_async_with(&mut self, s: &'a Stmt, w: &'a With, pos: usize) -> CResult {
        if self.ur().kind != super::UnitKind::AsyncFunction {
            return Err(self.error_at("'async with' outside async function", s.range));
        }
        let Some(item) = w.items.get(pos) else {
            return self.visit_stmts(&w.body);
        };
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.op(Opcode::BEFORE_ASYNC_WITH);
        self.await_top(1);
        self.jump(Op::SetupWith, final_);
        self.use_next_block(block);
        self.push_fblock(FBlockKind::With(s), Some(block), Some(final_), s.range)?;
        match &item.optional_vars {
            Some(v) => self.visit_expr(v)?,
            None => self.op(Opcode::POP_TOP),
        }
        if pos + 1 == w.items.len() {
            self.visit_stmts(&w.body)?;
        } else {
            self.compile_async_with(s, w, pos + 1)?;
        }
        self.pop_fblock();
        self.emit(Op::PopBlock, 0);
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.await_top(2);
        self.op(Opcode::POP_TOP);
        self.jump(Op::Jump, exit);
        self.use_next_block(final_);
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.op(Opcode::WITH_EXCEPT_START);
        self.await_top(2);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    /// The end of a `with`'s exceptional path: swallow the exception if
    /// `__exit__` returned true, else re-raise (CPython's `compiler_with_except_finish`).
    fn with_except_finish(&mut self, cleanup: super::BlockId) {
        self.unset_loc();
        let suppress = self.new_block();
        self.jump(Op::PopJumpIfTrue, suppress);
        self.op_arg(Opcode::RERAISE, 2);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(suppress);
        self.op(Opcode::POP_TOP);
        self.emit(Op::PopBlock, 0);
        self.op(Opcode::POP_EXCEPT);
        self.op(Opcode::POP_TOP);
        self.op(Opcode::POP_TOP);
    }

    pub fn compile_with(&mut self, s: &'a Stmt, w: &'a With, pos: usize) -> CResult {
        let Some(item) = w.items.get(pos) else {
            return self.visit_stmts(&w.body);
        };
        let body = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.op(Opcode::BEFORE_WITH);
        self.jump(Op::SetupWith, final_);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::With(s), Some(body), Some(final_), s.range)?;
        match &item.optional_vars {
            Some(v) => self.visit_expr(v)?,
            None => self.op(Opcode::POP_TOP),
        }
        if pos + 1 == w.items.len() {
            self.visit_stmts(&w.body)?;
        } else {
            self.compile_with(s, w, pos + 1)?;
        }
        self.unset_loc();
        self.emit(Op::PopBlock, 0);
        self.pop_fblock();
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.op(Opcode::POP_TOP);
        self.jump(Op::Jump, exit);
        self.use_next_block(final_);
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.op(Opcode::WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    pub fn compile_try_star(&mut self, s: &'a Stmt, t: &'a Try) -> CResult {
        if t.finalbody.is_empty() {
            self.compile_try_star_except(s, t)
        } else {
            self.compile_try_finally(s, t, Self::compile_try_star_except)
        }
    }

    /// `try: ... except* E as e: ...` (CPython 3.11's `compiler_try_star_except`):
    /// each handler splits the exception group with `CHECK_EG_MATCH`; what the
    /// handlers raise and leave unhandled is recombined by `PREP_RERAISE_STAR`.
    fn compile_try_star_except(&mut self, s: &'a Stmt, t: &'a Try) -> CResult {
        let body = self.new_block();
        let mut except = self.new_block();
        let orelse = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.jump(Op::SetupFinally, except);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::TryExcept, Some(body), None, s.range)?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        self.emit_loc(Op::PopBlock, 0, None, super::Loc::NONE);
        self.jump_noline(Op::Jump, orelse);
        let n = t.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, None, None, s.range)?;
        for (i, handler) in t.handlers.iter().enumerate() {
            self.set_loc(handler.range);
            except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                // [exc] -> [orig, [], exc]: keep the original group and a list
                // for what the handlers raise.
                self.op_arg(Opcode::COPY, 1);
                self.op_arg(Opcode::BUILD_LIST, 0);
                self.op_arg(Opcode::SWAP, 2);
            }
            if let Some(ty) = &handler.type_ {
                self.visit_expr(ty)?;
                self.op(Opcode::CHECK_EG_MATCH);
                self.op_arg(Opcode::COPY, 1);
                self.jump(Op::PopJumpIfNone, no_match);
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            match &handler.name {
                Some(name) => self.nameop(name, ExprContext::Store),
                None => self.op(Opcode::POP_TOP),
            }
            self.jump(Op::SetupCleanup, cleanup_end);
            self.use_next_block(cleanup_body);
            self.push_fblock(
                FBlockKind::HandlerCleanup(handler.name.as_deref()),
                Some(cleanup_body),
                None,
                handler.range,
            )?;
            self.visit_stmts(&handler.body)?;
            self.pop_fblock();
            self.unset_loc();
            self.emit(Op::PopBlock, 0);
            if let Some(name) = &handler.name {
                self.load_const(ConstantValue::None);
                self.nameop(name, ExprContext::Store);
                self.nameop(name, ExprContext::Del);
            }
            self.jump(Op::Jump, except);
            self.use_next_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = &handler.name {
                self.load_const(ConstantValue::None);
                self.nameop(name, ExprContext::Store);
                self.nameop(name, ExprContext::Del);
            }
            // An exception raised in the handler body joins the result list.
            self.op_arg(Opcode::LIST_APPEND, 3);
            self.op(Opcode::POP_TOP);
            self.jump(Op::Jump, except_with_error);
            self.use_next_block(except);
            self.op(Opcode::NOP);
            self.jump(Op::Jump, except_with_error);
            self.use_next_block(no_match);
            self.op(Opcode::POP_TOP);
            self.use_next_block(except_with_error);
            if i + 1 == n {
                self.op_arg(Opcode::LIST_APPEND, 1);
                self.jump(Op::Jump, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_next_block(reraise_star);
        self.op(Opcode::PREP_RERAISE_STAR);
        self.op_arg(Opcode::COPY, 1);
        self.jump(Op::PopJumpIfNotNone, reraise);
        self.op(Opcode::POP_TOP);
        self.emit(Op::PopBlock, 0);
        self.op(Opcode::POP_EXCEPT);
        self.jump(Op::Jump, end);
        self.use_next_block(reraise);
        self.emit(Op::PopBlock, 0);
        self.op_arg(Opcode::SWAP, 2);
        self.op(Opcode::POP_EXCEPT);
        self.op_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(orelse);
        self.visit_stmts(&t.orelse)?;
        self.use_next_block(end);
        Ok(())
    }
}
