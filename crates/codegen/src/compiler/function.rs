//! Nested code objects: `def`, `class`, `lambda` and comprehensions, with their
//! defaults, annotations, decorators and closures (CPython 3.11's
//! `compiler_function`, `compiler_class`, `compiler_lambda`,
//! `compiler_comprehension`, `compiler_make_closure`).

use std::rc::Rc;

use ast::{Arguments, Expr, ExprContext, ExprKind, FunctionDef, Stmt, StmtKind};
use bytecode::{CodeObject, ConstantValue, Opcode};

use super::stmt::docstring;
use super::{CResult, Compiler, Op, UnitKind};
use crate::symtable::{mangle, node_addr, NameScope};

impl<'a> Compiler<'a> {
    fn scope_for(
        &self,
        addr: usize,
        range: source::TextRange,
    ) -> Result<usize, source::SyntaxError> {
        self.symtable
            .scope_for_node(addr)
            .ok_or_else(|| source::SyntaxError::new("internal error: scope not found", range))
    }

    fn check_debug_args(&self, args: &Arguments) -> CResult {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in all {
            if arg.arg == "__debug__" {
                return Err(self.error_at("cannot assign to __debug__", arg.range));
            }
        }
        Ok(())
    }

    /// Pushes the defaults tuple and keyword-only defaults dict; returns the
    /// `MAKE_FUNCTION` flags they need.
    fn default_arguments(&mut self, args: &'a Arguments) -> Result<u32, source::SyntaxError> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.visit_expr(d)?;
            }
            self.op_arg(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
            flags |= 0x01;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                let mangled = mangle(self.ur().private.as_deref(), &arg.arg);
                keys.push(ConstantValue::Str(mangled.as_str().into()));
                self.visit_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(ConstantValue::Tuple(keys.into()));
            self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    fn annotations(
        &mut self,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> Result<bool, source::SyntaxError> {
        let mut len = 0u32;
        let ordered = args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in ordered {
            if let Some(ann) = &arg.annotation {
                let mangled = mangle(self.ur().private.as_deref(), &arg.arg);
                self.load_const(ConstantValue::Str(mangled.as_str().into()));
                if self.future_annotations {
                    self.annotation_string(ann);
                } else if let ExprKind::Starred { value, .. } = &ann.kind {
                    self.visit_expr(value)?;
                    self.op_arg(Opcode::UNPACK_SEQUENCE, 1);
                } else {
                    self.visit_expr(ann)?;
                }
                len += 2;
            }
        }
        if let Some(r) = returns {
            self.load_const(ConstantValue::Str("return".into()));
            if self.future_annotations {
                self.annotation_string(r);
            } else {
                self.visit_expr(r)?;
            }
            len += 2;
        }
        if len > 0 {
            self.op_arg(Opcode::BUILD_TUPLE, len);
        }
        Ok(len > 0)
    }

    /// `from __future__ import annotations`: the annotation's source text as a
    /// string constant (CPython's `compiler_visit_annexpr`).
    pub fn annotation_string(&mut self, annotation: &Expr) {
        let text = ast::unparse(&ast::Mod::Expression {
            body: Box::new(annotation.clone()),
        });
        self.load_const(ConstantValue::Str(text.as_str().into()));
    }

    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        let saved = self.ur().loc;
        for d in decorators.iter().rev() {
            self.set_loc(d.range);
            self.op_arg(Opcode::PRECALL, 0);
            self.op_arg(Opcode::CALL, 0);
        }
        self.u().loc = saved;
    }

    /// Loads the closure cells `code` needs and makes the function object.
    fn make_closure(&mut self, code: CodeObject, mut flags: u32) {
        if !code.freevars.is_empty() {
            let is_class = self.ur().kind == UnitKind::Class;
            let scope = self.ur().scope;
            for name in &code.freevars {
                let as_cell = (is_class && &**name == "__class__")
                    || self.symtable.scopes[scope].scope_of(name) == Some(NameScope::Cell);
                let i = self.deref_index(name, as_cell);
                self.op_arg(Opcode::LOAD_CLOSURE, i);
            }
            flags |= 0x08;
            self.op_arg(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
        }
        self.load_const(ConstantValue::Code(Rc::new(code)));
        self.op_arg(Opcode::MAKE_FUNCTION, flags);
    }

    pub fn compile_function(
        &mut self,
        s: &'a Stmt,
        def: &'a FunctionDef,
        is_async: bool,
    ) -> CResult {
        self.check_debug_args(&def.args)?;
        for d in &def.decorator_list {
            self.visit_expr(d)?;
        }
        let firstlineno = def
            .decorator_list
            .first()
            .map_or_else(|| self.line_of(s.range), |d| self.line_of(d.range));
        let mut flags = self.default_arguments(&def.args)?;
        if self.annotations(&def.args, def.returns.as_deref())? {
            flags |= 0x04;
        }
        let scope = self.scope_for(node_addr(s), s.range)?;
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.enter_scope(kind, &def.name, scope, firstlineno);
        let doc = docstring(&def.body);
        self.add_const(match doc {
            Some(d) => ConstantValue::Str(d.into()),
            None => ConstantValue::None,
        });
        let u = self.u();
        u.argcount = def.args.args.len() as u32;
        u.posonlyargcount = def.args.posonlyargs.len() as u32;
        u.kwonlyargcount = def.args.kwonlyargs.len() as u32;
        let body = if doc.is_some() {
            &def.body[1..]
        } else {
            &def.body[..]
        };
        let result = self.visit_stmts(body);
        let code = match result {
            Ok(()) => self.exit_scope(true)?,
            Err(e) => {
                self.units.pop();
                return Err(e);
            }
        };
        self.make_closure(code, flags);
        self.apply_decorators(&def.decorator_list);
        self.nameop(&def.name, ExprContext::Store);
        Ok(())
    }

    pub fn compile_class(&mut self, s: &'a Stmt) -> CResult {
        let StmtKind::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
        } = &s.kind
        else {
            return Ok(());
        };
        for d in decorator_list {
            self.visit_expr(d)?;
        }
        let firstlineno = decorator_list
            .first()
            .map_or_else(|| self.line_of(s.range), |d| self.line_of(d.range));
        let scope = self.scope_for(node_addr(s), s.range)?;
        self.enter_scope(UnitKind::Class, name, scope, firstlineno);
        let result = (|| -> CResult {
            self.nameop("__name__", ExprContext::Load);
            self.nameop("__module__", ExprContext::Store);
            let qualname = self.ur().qualname.clone();
            self.load_const(ConstantValue::Str(qualname.as_str().into()));
            self.nameop("__qualname__", ExprContext::Store);
            self.compile_body(body)?;
            self.unset_loc();
            if self.symtable.scopes[scope].needs_class_closure {
                self.op_arg(Opcode::LOAD_CLOSURE, 0);
                self.op_arg(Opcode::COPY, 1);
                self.nameop("__classcell__", ExprContext::Store);
            } else {
                self.load_const(ConstantValue::None);
            }
            self.op(Opcode::RETURN_VALUE);
            Ok(())
        })();
        let code = match result {
            Ok(()) => self.exit_scope(true)?,
            Err(e) => {
                self.units.pop();
                return Err(e);
            }
        };
        self.op(Opcode::PUSH_NULL);
        self.op(Opcode::LOAD_BUILD_CLASS);
        self.make_closure(code, 0);
        self.load_const(ConstantValue::Str(name.as_str().into()));
        self.call_helper(2, bases, keywords)?;
        self.apply_decorators(decorator_list);
        self.nameop(name, ExprContext::Store);
        Ok(())
    }

    pub fn compile_lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> CResult {
        self.check_debug_args(args)?;
        let flags = self.default_arguments(args)?;
        let scope = self.scope_for(node_addr(e), e.range)?;
        let line = self.line_of(e.range);
        self.enter_scope(UnitKind::Lambda, "<lambda>", scope, line);
        self.add_const(ConstantValue::None);
        let u = self.u();
        u.argcount = args.args.len() as u32;
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
        let result = self.visit_expr(body);
        if let Err(err) = result {
            self.units.pop();
            return Err(err);
        }
        let is_generator = self.symtable.scopes[scope].is_generator;
        if !is_generator {
            self.op(Opcode::RETURN_VALUE);
        }
        let code = self.exit_scope(!is_generator)?;
        self.make_closure(code, flags);
        Ok(())
    }

    pub fn compile_comprehension(&mut self, e: &'a Expr) -> CResult {
        let (name, generators, elt, val, build) = match &e.kind {
            ExprKind::ListComp { elt, generators } => (
                "<listcomp>",
                generators,
                &**elt,
                None,
                Some(Opcode::BUILD_LIST),
            ),
            ExprKind::SetComp { elt, generators } => (
                "<setcomp>",
                generators,
                &**elt,
                None,
                Some(Opcode::BUILD_SET),
            ),
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => (
                "<dictcomp>",
                generators,
                &**key,
                Some(&**value),
                Some(Opcode::BUILD_MAP),
            ),
            ExprKind::GeneratorExp { elt, generators } => {
                ("<genexpr>", generators, &**elt, None, None)
            }
            _ => return Ok(()),
        };
        let Some(outermost) = generators.first() else {
            return Ok(());
        };
        let scope = self.scope_for(node_addr(e), e.range)?;
        let is_async_generator = self.symtable.scopes[scope].is_coroutine;
        let parent_kind = self.ur().kind;
        if is_async_generator
            && build.is_some()
            && !matches!(
                parent_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            return Err(self.error_at(
                "asynchronous comprehension outside of an asynchronous function",
                e.range,
            ));
        }
        let line = self.line_of(e.range);
        self.enter_scope(UnitKind::Comprehension, name, scope, line);
        self.set_loc(e.range);
        let result = (|| -> CResult {
            if let Some(op) = build {
                self.op_arg(op, 0);
            }
            self.comprehension_generator(generators, 0, 0, elt, val, build)?;
            if build.is_some() {
                self.op(Opcode::RETURN_VALUE);
            }
            Ok(())
        })();
        if let Err(err) = result {
            self.units.pop();
            return Err(err);
        }
        let code = self.exit_scope(true)?;
        self.make_closure(code, 0);
        self.visit_expr(&outermost.iter)?;
        self.op(if outermost.is_async {
            Opcode::GET_AITER
        } else {
            Opcode::GET_ITER
        });
        self.op_arg(Opcode::PRECALL, 0);
        self.op_arg(Opcode::CALL, 0);
        if is_async_generator && build.is_some() {
            self.await_top(0);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        build: Option<Opcode>,
    ) -> CResult {
        if generators[index].is_async {
            return self.async_comprehension_generator(generators, index, depth, elt, val, build);
        }
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let gen = &generators[index];
        if index == 0 {
            self.u().argcount = 1;
            self.op_arg(Opcode::LOAD_FAST, 0);
        } else {
            // `for y in [f(x)]` binds without iterating (CPython's fast path).
            let single = match &gen.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } if elts.len() == 1 => {
                    (!matches!(elts[0].kind, ExprKind::Starred { .. })).then_some(&elts[0])
                }
                ExprKind::Constant {
                    value: ast::Constant::Tuple(items),
                    ..
                } if items.len() == 1 => None,
                _ => None,
            };
            if let Some(single) = single {
                self.visit_expr(single)?;
                start = None;
            } else {
                self.visit_expr(&gen.iter)?;
                self.op(Opcode::GET_ITER);
            }
        }
        if let Some(start) = start {
            depth += 1;
            self.use_next_block(start);
            self.jump(Op::Real(Opcode::FOR_ITER), anchor);
        }
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, build)?;
        } else {
            self.comprehension_element(elt, val, build, depth)?;
        }
        self.use_next_block(if_cleanup);
        if let Some(start) = start {
            self.jump(Op::Jump, start);
            self.use_next_block(anchor);
        }
        Ok(())
    }

    /// Appends (or yields) the element once all `for`s and `if`s matched.
    fn comprehension_element(
        &mut self,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        build: Option<Opcode>,
        depth: u32,
    ) -> CResult {
        self.visit_expr(elt)?;
        match build {
            None => {
                // An asynchronous generator expression wraps what it yields.
                if self.symtable.scopes[self.ur().scope].is_coroutine {
                    self.op(Opcode::ASYNC_GEN_WRAP);
                }
                self.op(Opcode::YIELD_VALUE);
                self.op_arg(Opcode::RESUME, 1);
                self.op(Opcode::POP_TOP);
            }
            Some(Opcode::BUILD_LIST) => self.op_arg(Opcode::LIST_APPEND, depth + 1),
            Some(Opcode::BUILD_SET) => self.op_arg(Opcode::SET_ADD, depth + 1),
            Some(_) => {
                if let Some(v) = val {
                    self.visit_expr(v)?;
                }
                self.op_arg(Opcode::MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    /// `async for` inside a comprehension (CPython's
    /// `compiler_async_comprehension_generator`).
    fn async_comprehension_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        build: Option<Opcode>,
    ) -> CResult {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let gen = &generators[index];
        if index == 0 {
            self.u().argcount = 1;
            self.op_arg(Opcode::LOAD_FAST, 0);
        } else {
            self.visit_expr(&gen.iter)?;
            self.op(Opcode::GET_AITER);
        }
        self.use_next_block(start);
        self.push_fblock(
            super::FBlockKind::ExceptionHandler,
            Some(start),
            None,
            gen.range,
        )?;
        self.jump(Op::SetupFinally, except);
        self.op(Opcode::GET_ANEXT);
        self.load_const(ConstantValue::None);
        self.add_yield_from(true);
        self.emit(Op::PopBlock, 0);
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, build)?;
        } else {
            self.comprehension_element(elt, val, build, depth)?;
        }
        self.use_next_block(if_cleanup);
        self.jump(Op::Jump, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.op(Opcode::END_ASYNC_FOR);
        Ok(())
    }
}
