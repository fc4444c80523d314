//! Symbol tables: which names each scope binds, and whether each name is a fast
//! local, a global, a cell or a free variable.
//!
//! A port of the rules of CPython 3.11's `Python/symtable.c`: one pass records
//! every definition and use per scope (module, class, function, lambda,
//! comprehension), then `analyze` resolves each name against the enclosing
//! function scopes (class scopes are skipped, as in CPython), turns locals captured
//! by inner functions into cells, and passes free names through intermediate scopes.
//! Scopes are keyed by the address of their AST node, which the compiler then looks
//! up while walking the same tree.

use std::collections::{HashMap, HashSet};

use crate::name_table::NameTable;
use ast::{Arguments, Comprehension, Expr, ExprKind, Stmt, StmtKind};
use source::{SyntaxError, TextRange};

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE_CLASS: u32 = 64;
pub const DEF_IMPORT: u32 = 128;
pub const DEF_ANNOT: u32 = 256;
/// A comprehension's iteration variable (an assignment expression may not rebind it).
pub const DEF_COMP_ITER: u32 = 512;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Where a name lives at run time (CPython's `LOCAL`, `GLOBAL_EXPLICIT`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

pub type ScopeId = usize;

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Names in first-seen order with their `DEF_*`/`USE` flags.
    pub symbols: NameTable<u32>,
    /// The resolved scope of each symbol, filled by `analyze`.
    pub scopes: HashMap<String, NameScope>,
    /// Parameter names in order (CPython's `ste_varnames`).
    pub params: Vec<String>,
    pub children: Vec<ScopeId>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub is_comprehension: bool,
    pub is_lambda: bool,
    pub nested: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    pub needs_class_closure: bool,
    /// The range of each `global`/`nonlocal` statement per name, for error reporting.
    directives: HashMap<String, TextRange>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, nested: bool) -> Self {
        Scope {
            kind,
            name: name.to_string(),
            symbols: NameTable::new(),
            scopes: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            is_comprehension: false,
            is_lambda: false,
            nested,
            has_varargs: false,
            has_varkeywords: false,
            needs_class_closure: false,
            directives: HashMap::new(),
        }
    }

    pub fn scope_of(&self, name: &str) -> Option<NameScope> {
        self.scopes.get(name).copied()
    }

    pub fn flags(&self, name: &str) -> u32 {
        self.symbols.get(name).copied().unwrap_or(0)
    }

    /// Names of the given resolved scope, sorted (CPython's `dictbytype`).
    pub fn sorted_names(&self, want: NameScope, extra_flag: u32) -> Vec<String> {
        let mut names: Vec<String> = self
            .symbols
            .entries()
            .filter(|(name, flags)| {
                self.scopes.get(*name) == Some(&want)
                    || (extra_flag != 0 && *flags & extra_flag != 0)
            })
            .map(|(name, _)| name.clone())
            .collect();
        names.sort();
        names
    }
}

/// The symbol tables of one module: scope 0 is the module.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
}

impl SymbolTable {
    /// The scope created for a `def`/`class` statement or a lambda/comprehension expression.
    pub fn scope_for_node(&self, node_addr: usize) -> Option<ScopeId> {
        self.by_node.get(&node_addr).copied()
    }

    pub fn build(body: &[Stmt]) -> Result<SymbolTable, SyntaxError> {
        let mut builder = Builder {
            depth: 0,
            comp_iter_expr: 0,
            comp_target: false,
            scopes: vec![Scope::new(ScopeKind::Module, "top", false)],
            by_node: HashMap::new(),
            stack: vec![0],
        };
        for stmt in body {
            builder.visit_stmt(stmt)?;
        }
        let mut table = SymbolTable {
            scopes: builder.scopes,
            by_node: builder.by_node,
        };
        let mut free = HashSet::new();
        table.analyze_block(0, None, &mut free, &mut HashSet::new())?;
        Ok(table)
    }

    fn analyze_block(
        &mut self,
        id: ScopeId,
        bound: Option<&HashSet<String>>,
        free: &mut HashSet<String>,
        global: &mut HashSet<String>,
    ) -> Result<(), SyntaxError> {
        let kind = self.scopes[id].kind;
        let mut local = HashSet::new();
        let mut scopes = HashMap::new();
        let mut newglobal = HashSet::new();
        let mut newfree = HashSet::new();
        let mut newbound = HashSet::new();
        // Class namespaces are invisible to nested functions: pass the enclosing sets
        // down before this block's own names are seen.
        if kind == ScopeKind::Class {
            newglobal.extend(global.iter().cloned());
            if let Some(b) = bound {
                newbound.extend(b.iter().cloned());
            }
        }
        let symbols: Vec<(String, u32)> = self.scopes[id]
            .symbols
            .entries()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        for (name, flags) in &symbols {
            self.analyze_name(
                id,
                &mut scopes,
                name,
                *flags,
                bound,
                &mut local,
                free,
                global,
            )?;
        }
        if kind != ScopeKind::Class {
            if kind == ScopeKind::Function {
                newbound.extend(local.iter().cloned());
            }
            if let Some(b) = bound {
                newbound.extend(b.iter().cloned());
            }
            newglobal.extend(global.iter().cloned());
        } else {
            newbound.insert("__class__".to_string());
        }
        let mut allfree = HashSet::new();
        let children = self.scopes[id].children.clone();
        for child in children {
            let mut temp_bound = newbound.clone();
            let mut temp_free = newfree.clone();
            let mut temp_global = newglobal.clone();
            let _ = &mut temp_bound;
            self.analyze_block(child, Some(&temp_bound), &mut temp_free, &mut temp_global)?;
            allfree.extend(temp_free);
        }
        newfree.extend(allfree);
        match kind {
            ScopeKind::Function => {
                for (name, scope) in scopes.iter_mut() {
                    if *scope == NameScope::Local && newfree.remove(name) {
                        *scope = NameScope::Cell;
                    }
                }
            }
            ScopeKind::Class => {
                if newfree.remove("__class__") {
                    self.scopes[id].needs_class_closure = true;
                }
            }
            ScopeKind::Module => {}
        }
        // update_symbols: record the scopes, then pass unresolved free names through.
        let scope = &mut self.scopes[id];
        scope.scopes = scopes;
        let mut pass_through: Vec<&String> = newfree.iter().collect();
        pass_through.sort();
        for name in pass_through {
            if let Some(flags) = scope.symbols.get_mut(name) {
                if kind == ScopeKind::Class && *flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    *flags |= DEF_FREE_CLASS;
                }
                continue;
            }
            if bound.is_some_and(|b| !b.contains(name)) || bound.is_none() {
                continue;
            }
            scope.symbols.insert(name.clone(), 0);
            scope.scopes.insert(name.clone(), NameScope::Free);
        }
        free.extend(newfree);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn analyze_name(
        &mut self,
        id: ScopeId,
        scopes: &mut HashMap<String, NameScope>,
        name: &str,
        flags: u32,
        bound: Option<&HashSet<String>>,
        local: &mut HashSet<String>,
        free: &mut HashSet<String>,
        global: &mut HashSet<String>,
    ) -> Result<(), SyntaxError> {
        let scope = &self.scopes[id];
        let directive = || scope.directives.get(name).copied().unwrap_or_default();
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(SyntaxError::new(
                    format!("name '{name}' is nonlocal and global"),
                    directive(),
                ));
            }
            scopes.insert(name.to_string(), NameScope::GlobalExplicit);
            global.insert(name.to_string());
            return Ok(());
        }
        if flags & DEF_NONLOCAL != 0 {
            if !bound.is_some_and(|b| b.contains(name)) {
                return Err(SyntaxError::new(
                    format!("no binding for nonlocal '{name}' found"),
                    directive(),
                ));
            }
            scopes.insert(name.to_string(), NameScope::Free);
            free.insert(name.to_string());
            return Ok(());
        }
        if flags & DEF_BOUND != 0 {
            scopes.insert(name.to_string(), NameScope::Local);
            local.insert(name.to_string());
            global.remove(name);
            return Ok(());
        }
        if bound.is_some_and(|b| b.contains(name)) {
            scopes.insert(name.to_string(), NameScope::Free);
            free.insert(name.to_string());
            return Ok(());
        }
        scopes.insert(name.to_string(), NameScope::GlobalImplicit);
        Ok(())
    }
}

struct Builder {
    depth: u32,
    /// Inside a comprehension's iterable expression (no assignment expressions).
    comp_iter_expr: u32,
    /// Visiting a comprehension's target: names get `DEF_COMP_ITER`.
    comp_target: bool,
    scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
    stack: Vec<ScopeId>,
}

/// The identity of an AST node, used to find its scope again in the compiler.
pub fn node_addr<T>(node: &T) -> usize {
    node as *const T as usize
}

/// CPython's `_Py_Mangle`: `__name` inside class `C` becomes `_C__name`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[id]
    }

    fn private(&self) -> Option<String> {
        // The innermost enclosing class names mangled identifiers.
        self.stack
            .iter()
            .rev()
            .find(|&&id| self.scopes[id].kind == ScopeKind::Class)
            .map(|&id| self.scopes[id].name.clone())
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> Result<(), SyntaxError> {
        let mangled = mangle(self.private().as_deref(), name);
        let scope = self.cur();
        let old = scope.symbols.get(&mangled).copied().unwrap_or(0);
        if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
            return Err(SyntaxError::new(
                format!("duplicate argument '{name}' in function definition"),
                range,
            ));
        }
        scope.symbols.insert(mangled.clone(), old | flag);
        if flag & DEF_PARAM != 0 {
            scope.params.push(mangled.clone());
        }
        // CPython records every `global` declaration in the module's symbols too
        // (`st_global`), so the module stores such a name with STORE_GLOBAL.
        if flag & DEF_GLOBAL != 0 {
            let top = self.scopes[0].flags(&mangled);
            self.scopes[0].symbols.insert(mangled, top | flag);
        }
        Ok(())
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, addr: usize) -> ScopeId {
        let parent = *self.stack.last().unwrap_or(&0);
        let nested = self.scopes[parent].nested || self.scopes[parent].kind == ScopeKind::Function;
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name, nested));
        self.scopes[parent].children.push(id);
        self.by_node.insert(addr, id);
        self.stack.push(id);
        id
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn visit_stmts(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_exprs(&mut self, exprs: &[Expr]) -> Result<(), SyntaxError> {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> Result<(), SyntaxError> {
        self.enter_nested(stmt.range)?;
        let result = self.visit_stmt_inner(stmt);
        self.depth -= 1;
        result
    }

    fn enter_nested(&mut self, range: TextRange) -> Result<(), SyntaxError> {
        if self.depth >= crate::constant_fold::MAX_NESTING {
            return Err(SyntaxError::new(
                "maximum recursion depth exceeded during compilation",
                range,
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn visit_stmt_inner(&mut self, stmt: &Stmt) -> Result<(), SyntaxError> {
        match &stmt.kind {
            StmtKind::FunctionDef(def) | StmtKind::AsyncFunctionDef(def) => {
                self.add_def(&def.name, DEF_LOCAL, stmt.range)?;
                self.visit_defaults(&def.args)?;
                self.visit_annotations(&def.args)?;
                if let Some(returns) = &def.returns {
                    self.visit_expr(returns)?;
                }
                self.visit_exprs(&def.decorator_list)?;
                let id = self.enter(ScopeKind::Function, &def.name, node_addr(stmt));
                if matches!(stmt.kind, StmtKind::AsyncFunctionDef(_)) {
                    self.scopes[id].is_coroutine = true;
                }
                self.visit_params(&def.args)?;
                self.visit_stmts(&def.body)?;
                self.leave();
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.add_def(name, DEF_LOCAL, stmt.range)?;
                self.visit_exprs(bases)?;
                for kw in keywords {
                    self.visit_expr(&kw.value)?;
                }
                self.visit_exprs(decorator_list)?;
                self.enter(ScopeKind::Class, name, node_addr(stmt));
                self.visit_stmts(body)?;
                self.leave();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::Delete { targets } => self.visit_exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.visit_exprs(targets)?;
                self.visit_expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.cur().flags(id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && *simple {
                        let msg = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{id}' can't be global")
                        } else {
                            format!("annotated name '{id}' can't be nonlocal")
                        };
                        return Err(SyntaxError::new(msg, stmt.range));
                    }
                    if *simple {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.range)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.range)?;
                    }
                } else {
                    self.visit_expr(target)?;
                }
                self.visit_expr(annotation)?;
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_stmts(&f.body)?;
                self.visit_stmts(&f.orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_stmts(&w.body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject)?;
                for case in cases {
                    self.visit_pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_stmts(&case.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = cause {
                    self.visit_expr(c)?;
                }
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.visit_stmts(&t.body)?;
                self.visit_stmts(&t.orelse)?;
                for handler in &t.handlers {
                    if let Some(ty) = &handler.type_ {
                        self.visit_expr(ty)?;
                    }
                    if let Some(name) = &handler.name {
                        self.add_def(name, DEF_LOCAL, handler.range)?;
                    }
                    self.visit_stmts(&handler.body)?;
                }
                self.visit_stmts(&t.finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    let stored = match &alias.asname {
                        Some(a) => a.clone(),
                        None => alias.name.split('.').next().unwrap_or("").to_string(),
                    };
                    if stored == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return Err(SyntaxError::new(
                                "import * only allowed at module level",
                                stmt.range,
                            ));
                        }
                        continue;
                    }
                    self.add_def(&stored, DEF_IMPORT, alias.range)?;
                }
            }
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => {
                let is_global = matches!(stmt.kind, StmtKind::Global { .. });
                let what = if is_global { "global" } else { "nonlocal" };
                for name in names {
                    let mangled = mangle(self.private().as_deref(), name);
                    let cur = self.cur().flags(&mangled);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and {what}")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to {what} declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be {what}")
                        } else {
                            format!("name '{name}' is assigned to before {what} declaration")
                        };
                        return Err(SyntaxError::new(msg, stmt.range));
                    }
                    // After the per-name checks, as CPython (whose module-level check
                    // comes in a later pass).
                    if !is_global && self.cur().kind == ScopeKind::Module {
                        return Err(SyntaxError::new(
                            "nonlocal declaration not allowed at module level",
                            stmt.range,
                        ));
                    }
                    let flag = if is_global { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(name, flag, stmt.range)?;
                    self.cur().directives.entry(mangled).or_insert(stmt.range);
                }
            }
            StmtKind::Expr { value } => self.visit_expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn visit_pattern(&mut self, pattern: &ast::Pattern) -> Result<(), SyntaxError> {
        use ast::PatternKind::*;
        match &pattern.kind {
            MatchValue { value } => self.visit_expr(value)?,
            MatchSingleton { .. } => {}
            MatchSequence { patterns } | MatchOr { patterns } => {
                for p in patterns {
                    self.visit_pattern(p)?;
                }
            }
            MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.visit_exprs(keys)?;
                for p in patterns {
                    self.visit_pattern(p)?;
                }
                if let Some(r) = rest {
                    self.add_def(r, DEF_LOCAL, pattern.range)?;
                }
            }
            MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.visit_expr(cls)?;
                for p in patterns.iter().chain(kwd_patterns) {
                    self.visit_pattern(p)?;
                }
            }
            MatchStar { name } => {
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, pattern.range)?;
                }
            }
            MatchAs {
                pattern: inner,
                name,
            } => {
                if let Some(p) = inner {
                    self.visit_pattern(p)?;
                }
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, pattern.range)?;
                }
            }
        }
        Ok(())
    }

    fn visit_defaults(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        self.visit_exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.visit_expr(d)?;
        }
        Ok(())
    }

    fn visit_annotations(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in all {
            if let Some(a) = &arg.annotation {
                self.visit_expr(a)?;
            }
        }
        Ok(())
    }

    fn visit_params(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        for arg in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            self.add_def(&arg.arg, DEF_PARAM, arg.range)?;
        }
        if let Some(v) = &args.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.range)?;
            self.cur().has_varargs = true;
        }
        if let Some(k) = &args.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.range)?;
            self.cur().has_varkeywords = true;
        }
        Ok(())
    }

    fn check_yield_in_comprehension(&mut self, range: TextRange) -> Result<(), SyntaxError> {
        if !self.cur().is_comprehension {
            return Ok(());
        }
        let kind = match self.cur().name.as_str() {
            "listcomp" => "list comprehension",
            "setcomp" => "set comprehension",
            "dictcomp" => "dict comprehension",
            _ => "generator expression",
        };
        Err(SyntaxError::new(format!("'yield' inside {kind}"), range))
    }

    fn visit_comp_target(&mut self, target: &Expr) -> Result<(), SyntaxError> {
        self.comp_target = true;
        let result = self.visit_expr(target);
        self.comp_target = false;
        result
    }

    fn visit_comprehension(
        &mut self,
        expr: &Expr,
        name: &str,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> Result<(), SyntaxError> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.comp_iter_expr += 1;
        let result = self.visit_expr(&first.iter);
        self.comp_iter_expr -= 1;
        result?;
        let id = self.enter(ScopeKind::Function, name, node_addr(expr));
        self.scopes[id].is_comprehension = true;
        if matches!(expr.kind, ExprKind::GeneratorExp { .. }) {
            self.scopes[id].is_generator = true;
        }
        if first.is_async {
            self.scopes[id].is_coroutine = true;
        }
        self.add_def(".0", DEF_PARAM, expr.range)?;
        self.visit_comp_target(&first.target)?;
        self.visit_exprs(&first.ifs)?;
        for gen in &generators[1..] {
            self.visit_comp_target(&gen.target)?;
            self.comp_iter_expr += 1;
            let result = self.visit_expr(&gen.iter);
            self.comp_iter_expr -= 1;
            result?;
            self.visit_exprs(&gen.ifs)?;
            if gen.is_async {
                self.scopes[id].is_coroutine = true;
            }
        }
        for e in elts {
            self.visit_expr(e)?;
        }
        self.leave();
        Ok(())
    }

    fn visit_expr(&mut self, expr: &Expr) -> Result<(), SyntaxError> {
        self.enter_nested(expr.range)?;
        let result = self.visit_expr_inner(expr);
        self.depth -= 1;
        result
    }

    fn visit_expr_inner(&mut self, expr: &Expr) -> Result<(), SyntaxError> {
        match &expr.kind {
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values)?,
            ExprKind::NamedExpr { target, value } => {
                if self.comp_iter_expr > 0 {
                    return Err(SyntaxError::new(
                        "assignment expression cannot be used in a comprehension iterable expression",
                        expr.range,
                    ));
                }
                if let ExprKind::Name { id, .. } = &target.kind {
                    let rebinds = self
                        .stack
                        .iter()
                        .rev()
                        .take_while(|&&s| self.scopes[s].is_comprehension)
                        .any(|&s| self.scopes[s].flags(id) & DEF_COMP_ITER != 0);
                    if rebinds {
                        return Err(SyntaxError::new(
                            format!("assignment expression cannot rebind comprehension iteration variable '{id}'"),
                            target.range,
                        ));
                    }
                }
                self.visit_expr(value)?;
                // An assignment expression in a comprehension binds in the nearest
                // enclosing function or module scope (PEP 572,
                // `symtable_extend_namedexpr_scope`).
                if let ExprKind::Name { id, .. } = &target.kind {
                    if self.cur().is_comprehension {
                        let outer = self
                            .stack
                            .iter()
                            .rev()
                            .copied()
                            .find(|&s| !self.scopes[s].is_comprehension)
                            .unwrap_or(0);
                        match self.scopes[outer].kind {
                            ScopeKind::Class => {
                                return Err(SyntaxError::new(
                                    "assignment expression within a comprehension cannot be used in a class body",
                                    target.range,
                                ))
                            }
                            ScopeKind::Module => {
                                self.add_def(id, DEF_GLOBAL, target.range)?;
                            }
                            ScopeKind::Function => {
                                let global = self.scopes[outer].flags(id) & DEF_GLOBAL != 0;
                                self.add_def(id, if global { DEF_GLOBAL } else { DEF_NONLOCAL }, target.range)?;
                                let flags = self.scopes[outer].flags(id);
                                self.scopes[outer].symbols.insert(id.clone(), flags | DEF_LOCAL);
                            }
                        }
                        let cur = *self.stack.last().unwrap_or(&0);
                        self.scopes[cur]
                            .directives
                            .entry(id.clone())
                            .or_insert(target.range);
                    } else {
                        self.add_def(id, DEF_LOCAL, target.range)?;
                    }
                } else {
                    self.visit_expr(target)?;
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.visit_defaults(args)?;
                let id = self.enter(ScopeKind::Function, "lambda", node_addr(expr));
                self.scopes[id].is_lambda = true;
                self.visit_params(args)?;
                self.visit_expr(body)?;
                self.leave();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.visit_expr(k)?;
                    }
                    self.visit_expr(v)?;
                }
            }
            ExprKind::Set { elts } => self.visit_exprs(elts)?,
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(expr, "listcomp", generators, &[elt])?
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(expr, "setcomp", generators, &[elt])?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(expr, "genexpr", generators, &[elt])?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(expr, "dictcomp", generators, &[key, value])?,
            ExprKind::Await { value } => {
                self.visit_expr(value)?;
                self.cur().is_coroutine = true;
            }
            ExprKind::Yield { value } => {
                self.check_yield_in_comprehension(expr.range)?;
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                self.cur().is_generator = true;
            }
            ExprKind::YieldFrom { value } => {
                self.check_yield_in_comprehension(expr.range)?;
                self.visit_expr(value)?;
                self.cur().is_generator = true;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                for kw in keywords {
                    self.visit_expr(&kw.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.visit_expr(value)?;
                if let Some(spec) = format_spec {
                    self.visit_expr(spec)?;
                }
            }
            ExprKind::JoinedStr { values } => self.visit_exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.visit_expr(value)?,
            ExprKind::Name { id, ctx } => {
                let mut flag = if *ctx == ast::ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                if self.comp_target && *ctx == ast::ExprContext::Store {
                    flag |= DEF_COMP_ITER;
                }
                self.add_def(id, flag, expr.range)?;
                // `super()` and `__class__` in a method need the implicit class cell.
                if *ctx == ast::ExprContext::Load
                    && self.cur().kind == ScopeKind::Function
                    && id == "super"
                {
                    self.add_def("__class__", USE, expr.range)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.visit_exprs(elts)?,
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
        }
        Ok(())
    }
}
