//! The scopes of every compiled function, nested ones and lambdas included: their
//! locals, the names they capture from the functions around them (free variables)
//! and the locals of theirs that inner functions capture (cell variables), by
//! CPython's rules (a class body between two functions is not a scope for them;
//! `global` in a function hides the name from the functions inside it).

use crate::support::{Child, each_child, each_expr_child};
use crate::{FuncNode, FuncScope, MethodOf, NodeKey, scopes};
use indexmap::{IndexMap, IndexSet};
use oxyc_syntax::Span;
use oxyc_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use std::collections::HashMap;

/// Why a statement's functions cannot be compiled.
pub type Refusal = (Span, String);

/// Collects the scopes of the functions found in one top-level statement.
pub struct ScopeBuilder<'m, 'g> {
    pub funcs: Vec<FuncScope<'m>>,
    pub keys: HashMap<NodeKey, usize>,
    /// Index the first function of this builder will have in `SemModule::functions`.
    base: usize,
    /// Names the module binds (None: a star import may bind anything): a builtin is
    /// the builtin only when the module does not bind its name.
    module_names: Option<&'g IndexSet<String>>,
}

/// Builtins that consume a generator expression argument in one go; the expression
/// is then compiled inline as a loop (still lazy: `all` stops at the first false).
pub const INLINE_CONSUMERS: &[&str] = &["all", "any", "sum", "min", "max"];

/// Where a function stands.
pub struct Site<'s> {
    pub stmt_index: usize,
    pub method_of: Option<MethodOf>,
    /// See `FuncScope::class_slot`.
    pub class_slot: Option<String>,
    /// See `FuncScope::class_cell`.
    pub class_cell: Option<String>,
    /// Index (module-wide) of the enclosing compiled function.
    pub parent: Option<usize>,
    /// `__qualname__` prefix: `""` at module level, `"f.<locals>."` inside `f`.
    pub qual_prefix: &'s str,
    /// Names bound in the enclosing functions (what a free name may refer to).
    pub bound_outside: &'s IndexSet<String>,
    /// A `def` directly in the module body (its defaults live in statics).
    pub top_level: bool,
}

impl<'m, 'g> ScopeBuilder<'m, 'g> {
    pub fn new(base: usize, module_names: Option<&'g IndexSet<String>>) -> Self {
        ScopeBuilder {
            funcs: Vec::new(),
            keys: HashMap::new(),
            base,
            module_names,
        }
    }

    /// Find the functions in module-level code (or a class body) outside any function:
    /// they see no enclosing function scope.
    /// (`prefix`: `"C."` in the body of class `C`.)
    pub fn module_code(
        &mut self,
        stmt_index: usize,
        prefix: &str,
        stmts: &'m [Stmt],
    ) -> Result<(), Refusal> {
        self.at_module_level(stmt_index, prefix, |w| {
            stmts.iter().try_for_each(|s| w.stmt(s))
        })
    }

    /// A class statement nested directly in a top-level class body that compiles
    /// (`support::nested_class_compiles`): its methods, and those of the classes
    /// nested in it, are module-level functions.
    /// (`prefix`: the outer class's, `"C."`.)
    pub fn nested_class(
        &mut self,
        stmt_index: usize,
        prefix: &str,
        class: &'m Stmt,
    ) -> Result<(), Refusal> {
        self.at_module_level(stmt_index, prefix, |w| {
            w.class_here = true;
            w.stmt(class)
        })
    }

    /// Walk only the expressions (class bases, decorators, ...) at module level.
    pub fn module_exprs(
        &mut self,
        stmt_index: usize,
        prefix: &str,
        exprs: &[&'m Expr],
    ) -> Result<(), Refusal> {
        self.at_module_level(stmt_index, prefix, |w| {
            exprs.iter().try_for_each(|e| w.expr(e))
        })
    }

    /// Run `f` with a walk of code outside any function.
    fn at_module_level(
        &mut self,
        stmt_index: usize,
        prefix: &str,
        f: impl FnOnce(&mut Walk<'_, 'm, 'g>) -> Result<(), Refusal>,
    ) -> Result<(), Refusal> {
        let empty = IndexSet::new();
        let mut w = Walk {
            b: self,
            stmt_index,
            parent: None,
            prefix: prefix.to_string(),
            bound: &empty,
            locals: &empty,
            uses: IndexSet::new(),
            cells: IndexSet::new(),
            comp: Vec::new(),
            class_here: false,
            class_slot: None,
            class_cells: IndexMap::new(),
            class_cell: None,
        };
        f(&mut w)
    }

    /// Add a function and (recursively) the functions inside it. Returns its free
    /// variables.
    pub fn function(
        &mut self,
        node: FuncNode<'m>,
        site: Site<'_>,
    ) -> Result<IndexSet<String>, Refusal> {
        let (params, display, name, span) = match node {
            FuncNode::Def(d) => (
                &d.params,
                d.display_name().to_string(),
                d.name.name.clone(),
                d.name.span,
            ),
            FuncNode::Lambda(e) => match &e.kind {
                ExprKind::Lambda { params, .. } => (
                    &**params,
                    "<lambda>".to_string(),
                    "<lambda>".to_string(),
                    e.span,
                ),
                _ => return Err((e.span, "this expression as a function".into())),
            },
            FuncNode::GenExp(e) => (
                node.parameters(),
                "<genexpr>".to_string(),
                "<genexpr>".to_string(),
                e.span,
            ),
        };
        let param_names: Vec<String> = params.all().map(|p| p.name.name.clone()).collect();
        let mut bound = Vec::new();
        let mut globals = Vec::new();
        let mut nonlocals = IndexSet::new();
        if let FuncNode::Def(d) = node {
            scopes::bound_names(&d.body, &mut bound, &mut globals);
            nonlocal_names(&d.body, &mut nonlocals);
        }
        let globals: IndexSet<String> = globals.into_iter().collect();
        let mut is_generator = false;
        let mut is_async_gen = false;
        if let FuncNode::Def(d) = node {
            let mut y = YieldScan::default();
            y.stmts(&d.body);
            // (A coroutine runs in a resumable frame too: each `await` suspends it.)
            is_generator = y.found || d.is_async;
            is_async_gen = y.found && d.is_async;
        }
        let mut locals: IndexSet<String> = param_names.iter().cloned().collect();
        let mut is_async = matches!(node, FuncNode::Def(d) if d.is_async);
        if let FuncNode::GenExp(e) = node
            && let ExprKind::GeneratorExp { generators, .. } = &e.kind
            && let Some(g) = generators.first()
        {
            is_generator = true;
            // `(x async for x in xs)` or an `await` in it: an async generator.
            is_async = crate::genexp_is_async(e);
            is_async_gen = is_async;
            scopes::target_names(&g.target, &mut bound);
        }
        for n in bound {
            if !globals.contains(&n) && !nonlocals.contains(&n) {
                locals.insert(n);
            }
        }
        // The `__class__` cells of the classes made in this function.
        let mut class_cells = IndexMap::new();
        if let FuncNode::Def(d) = node {
            classes_needing_cells(&d.body, false, &mut class_cells);
        }
        locals.extend(class_cells.values().cloned());
        for n in &nonlocals {
            if !site.bound_outside.contains(n) {
                return Err((
                    span,
                    format!("`nonlocal {n}` without a binding of `{n}` in an enclosing function"),
                ));
            }
            if param_names.contains(n) || globals.contains(n) {
                return Err((
                    span,
                    format!("`{n}` declared both nonlocal and a parameter or global"),
                ));
            }
        }
        let qualname = match &site.method_of {
            Some(m) => format!("{}.{display}", m.class),
            None => format!("{}{display}", site.qual_prefix),
        };
        let index = self.base + self.funcs.len();
        let key = match node {
            FuncNode::Def(d) => NodeKey::Def(d.name.span.start),
            FuncNode::Lambda(e) | FuncNode::GenExp(e) => NodeKey::Lambda(e.id),
        };
        self.keys.insert(key, index);
        self.funcs.push(FuncScope {
            stmt_index: site.stmt_index,
            method_of: site.method_of.clone(),
            class_slot: site.class_slot.clone(),
            class_cell: site.class_cell.clone(),
            node,
            parent: site.parent,
            top_level: site.top_level,
            name,
            display_name: display,
            qualname: qualname.clone(),
            params: param_names,
            locals: IndexSet::new(),
            globals: globals.clone(),
            cellvars: IndexSet::new(),
            freevars: IndexSet::new(),
            nonlocals: nonlocals.clone(),
            is_generator,
            is_async,
            is_async_gen,
        });
        let mut inner_bound: IndexSet<String> = site
            .bound_outside
            .iter()
            .filter(|n| !globals.contains(*n))
            .cloned()
            .collect();
        inner_bound.extend(locals.iter().cloned());
        // (CPython adds `.<locals>` after functions and lambdas, not after a
        // generator expression: `f.<locals>.<genexpr>.<lambda>`.)
        let prefix = match node {
            FuncNode::GenExp(_) => format!("{qualname}."),
            FuncNode::Def(_) | FuncNode::Lambda(_) => format!("{qualname}.<locals>."),
        };
        let mut w = Walk {
            b: self,
            stmt_index: site.stmt_index,
            parent: Some(index),
            prefix,
            bound: &inner_bound,
            locals: &locals,
            uses: IndexSet::new(),
            cells: IndexSet::new(),
            comp: Vec::new(),
            class_here: false,
            class_slot: None,
            class_cells,
            class_cell: None,
        };
        match node {
            FuncNode::Def(d) => {
                for s in &d.body {
                    w.stmt(s)?;
                }
            }
            FuncNode::Lambda(e) => {
                if let ExprKind::Lambda { body, .. } = &e.kind {
                    if let Some(span) = walrus_in(body) {
                        return Err((span, "the walrus operator in a lambda".into()));
                    }
                    w.expr(body)?;
                }
            }
            FuncNode::GenExp(e) => {
                if let Some(span) = walrus_in(e) {
                    return Err((span, "the walrus operator in a generator expression".into()));
                }
                if let ExprKind::GeneratorExp { elt, generators } = &e.kind
                    && let Some((g, rest)) = generators.split_first()
                {
                    // Its first iterable was evaluated outside; the rest are scopes
                    // of their own inside it, like a comprehension's.
                    for c in &g.ifs {
                        w.expr(c)?;
                    }
                    let mut names = Vec::new();
                    for r in rest {
                        scopes::target_names(&r.target, &mut names);
                    }
                    w.comp.push(names);
                    for r in rest {
                        w.expr(&r.iter)?;
                        for c in &r.ifs {
                            w.expr(c)?;
                        }
                    }
                    w.expr(elt)?;
                    w.comp.pop();
                }
            }
        }
        let mut uses = std::mem::take(&mut w.uses);
        let cells = std::mem::take(&mut w.cells);
        if site.parent.is_some() && (uses.contains("super") || uses.contains("__class__")) {
            match (&site.class_cell, node) {
                // A method of a class made in a function: the class is in a cell there.
                (Some(cell), FuncNode::Def(_)) => {
                    uses.insert(cell.clone());
                }
                _ => {
                    return Err((span, "`super()` or `__class__` in a nested function".into()));
                }
            }
        }
        let mut frees: IndexSet<String> = IndexSet::new();
        for n in &uses {
            if !locals.contains(n) && !globals.contains(n) && site.bound_outside.contains(n) {
                frees.insert(n.clone());
            }
        }
        frees.extend(nonlocals.iter().cloned());
        let f = &mut self.funcs[index - self.base];
        f.cellvars = locals
            .iter()
            .filter(|n| cells.contains(*n))
            .cloned()
            .collect();
        f.locals = locals;
        f.freevars = frees.clone();
        Ok(frees)
    }
}

/// The walk over one function's own code (or module-level code): records the names
/// it uses and adds the functions it contains.
struct Walk<'b, 'm, 'g> {
    b: &'b mut ScopeBuilder<'m, 'g>,
    stmt_index: usize,
    parent: Option<usize>,
    prefix: String,
    bound: &'b IndexSet<String>,
    locals: &'b IndexSet<String>,
    uses: IndexSet<String>,
    /// Own locals captured by inner functions.
    cells: IndexSet<String>,
    /// Names bound by the comprehensions around the current expression.
    comp: Vec<Vec<String>>,
    /// A class statement here is compiled (see `ScopeBuilder::nested_class`).
    class_here: bool,
    /// Walking the body of a class outside any function: its methods get this
    /// `FuncScope::class_slot`.
    class_slot: Option<String>,
    /// The `__class__` cells of the classes made in this function (by the span
    /// start of the class name; see `crate::class_cell`).
    class_cells: IndexMap<u32, String>,
    /// Walking the body of one of those classes: its methods get this
    /// `FuncScope::class_cell`.
    class_cell: Option<String>,
}

impl<'m> Walk<'_, 'm, '_> {
    /// `all(x for ...)` with the builtin `all`: the generator expression is compiled
    /// inline, as a comprehension.
    fn inline_consumer(&self, func: &Expr, args: &[Expr]) -> bool {
        let ExprKind::Name(n) = &func.kind else {
            return false;
        };
        INLINE_CONSUMERS.contains(&n.as_str())
            && args.len() == 1
            && matches!(args[0].kind, ExprKind::GeneratorExp { .. })
            && !crate::genexp_is_async(&args[0])
            && !self.locals.contains(n)
            && !self.bound.contains(n)
            && !self.comp.iter().any(|c| c.contains(n))
            && self.b.module_names.is_some_and(|m| !m.contains(n))
    }

    fn child(&mut self, node: FuncNode<'m>) -> Result<(), Refusal> {
        let span = match node {
            FuncNode::Def(d) => d.name.span,
            FuncNode::Lambda(e) | FuncNode::GenExp(e) => e.span,
        };
        // Comprehension variables are bound in scopes of their own around it.
        let mut with_comp;
        let mut bound_outside = self.bound;
        if !self.comp.is_empty() {
            with_comp = self.bound.clone();
            with_comp.extend(self.comp.iter().flatten().cloned());
            bound_outside = &with_comp;
        }
        let frees = self.b.function(
            node,
            Site {
                stmt_index: self.stmt_index,
                method_of: None,
                class_slot: match node {
                    FuncNode::Def(_) => self.class_slot.clone(),
                    _ => None,
                },
                class_cell: match node {
                    FuncNode::Def(_) => self.class_cell.clone(),
                    _ => None,
                },
                parent: self.parent,
                qual_prefix: &self.prefix,
                bound_outside,
                top_level: false,
            },
        )?;
        for n in frees {
            if self.comp.iter().any(|c| c.contains(&n)) {
                return Err((
                    span,
                    format!("a function that captures the comprehension variable `{n}`"),
                ));
            }
            if self.locals.contains(&n) {
                self.cells.insert(n);
            } else {
                self.uses.insert(n);
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'m Stmt) -> Result<(), Refusal> {
        match &s.kind {
            StmtKind::FunctionDef(d) => {
                for e in &d.decorators {
                    self.expr(e)?;
                }
                for p in d.params.all() {
                    if let Some(dflt) = &p.default {
                        self.expr(dflt)?;
                    }
                    if let Some(a) = &p.annotation {
                        self.expr(a)?;
                    }
                }
                if let Some(r) = &d.returns {
                    self.expr(r)?;
                }
                self.uses.insert(d.name.name.clone());
                self.child(FuncNode::Def(d))
            }
            // A class in a function: an ordinary class made each time the `def`
            // runs; its body runs inline (reading the function's variables), its
            // methods are closures of the function (the class is not a scope for them).
            // (The same for a class under a module-level statement, whose methods are
            // module-level functions: `prefix` is empty only outside class bodies.)
            StmtKind::ClassDef(c)
                if self.parent.is_some() || self.prefix.is_empty() || self.class_here =>
            {
                self.class_here = false;
                for e in c
                    .decorators
                    .iter()
                    .chain(&c.bases)
                    .chain(c.keywords.iter().map(|k| &k.value))
                {
                    self.expr(e)?;
                }
                let class_prefix = format!("{}{}.", self.prefix, c.name.name);
                let outer_prefix = std::mem::replace(&mut self.prefix, class_prefix);
                // (A class in a function has a cell instead of a slot.)
                let slot = self.parent.is_none().then(|| crate::class_slot(c));
                let outer_slot = std::mem::replace(&mut self.class_slot, slot);
                let cell = self.class_cells.get(&c.name.span.start).cloned();
                if self.parent.is_some()
                    && cell.is_none()
                    && let Some(span) = crate::support::first_class_cell_need(c)
                {
                    // (Made at each iteration: one cell per call cannot hold them all.)
                    return Err((
                        span,
                        "zero-argument `super()` or `__class__` in a class made in a loop"
                            .to_string(),
                    ));
                }
                let outer_cell = std::mem::replace(&mut self.class_cell, cell);
                let mut result = Ok(());
                for s in &c.body {
                    result = match &s.kind {
                        // A nested class that compiles is made here too (one that does
                        // not runs interpreted in this class's namespace, which in a
                        // function would not see the function's variables).
                        StmtKind::ClassDef(inner)
                            if crate::support::nested_class_compiles(inner) =>
                        {
                            self.class_here = true;
                            self.stmt(s)
                        }
                        StmtKind::ClassDef(inner) if self.parent.is_some() => Err((
                            inner.name.span,
                            crate::support::nested_class_refusal(inner).unwrap_or_default(),
                        )),
                        StmtKind::ClassDef(_) => Ok(()),
                        _ => self.stmt(s),
                    };
                    if result.is_err() {
                        break;
                    }
                }
                self.prefix = outer_prefix;
                self.class_slot = outer_slot;
                self.class_cell = outer_cell;
                result
            }
            // A top-level class's methods are added by the caller (and a class nested
            // in a class body runs interpreted).
            StmtKind::ClassDef(_) => Ok(()),
            _ => {
                let mut result = Ok(());
                each_child(s, &mut |c| {
                    if result.is_ok() {
                        result = match c {
                            Child::Stmt(inner) => self.stmt(inner),
                            Child::Expr(e) | Child::Target(e) => self.expr(e),
                        };
                    }
                });
                if let StmtKind::Global(names) | StmtKind::Nonlocal(names) = &s.kind {
                    for n in names {
                        self.uses.insert(n.name.clone());
                    }
                }
                result
            }
        }
    }

    fn expr(&mut self, e: &'m Expr) -> Result<(), Refusal> {
        match &e.kind {
            ExprKind::Name(n) => {
                if !self.comp.iter().any(|c| c.contains(n)) {
                    self.uses.insert(n.clone());
                }
                Ok(())
            }
            ExprKind::Lambda { params, .. } => {
                for p in params.all() {
                    if let Some(dflt) = &p.default {
                        self.expr(dflt)?;
                    }
                }
                self.child(FuncNode::Lambda(e))
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } if keywords.is_empty() && self.inline_consumer(func, args) => {
                self.expr(func)?;
                self.comprehension_expr(&args[0])
            }
            ExprKind::GeneratorExp { generators, .. } => {
                // The first iterable is evaluated here; the rest runs in the
                // generator.
                if let Some(g) = generators.first() {
                    self.expr(&g.iter)?;
                }
                self.child(FuncNode::GenExp(e))
            }
            ExprKind::ListComp { .. } | ExprKind::SetComp { .. } | ExprKind::DictComp { .. } => {
                self.comprehension_expr(e)
            }
            _ => {
                let mut result = Ok(());
                each_expr_child(e, &mut |c| {
                    if result.is_ok() {
                        result = self.expr(c);
                    }
                });
                result
            }
        }
    }

    /// A comprehension (or an inlined generator expression): its variables are
    /// bound in a scope of its own, opened after the first iterable.
    fn comprehension_expr(&mut self, e: &'m Expr) -> Result<(), Refusal> {
        match &e.kind {
            ExprKind::ListComp { generators, .. }
            | ExprKind::SetComp { generators, .. }
            | ExprKind::DictComp { generators, .. }
            | ExprKind::GeneratorExp { generators, .. } => {
                let mut names = Vec::new();
                for g in generators {
                    scopes::target_names(&g.target, &mut names);
                }
                // The first iterable is evaluated outside the comprehension.
                if let Some(g) = generators.first() {
                    self.expr(&g.iter)?;
                }
                // Functions in it are named after it: `f.<locals>.<listcomp>.<lambda>`.
                let kind = match &e.kind {
                    ExprKind::ListComp { .. } => "<listcomp>",
                    ExprKind::SetComp { .. } => "<setcomp>",
                    ExprKind::DictComp { .. } => "<dictcomp>",
                    _ => "<genexpr>",
                };
                let inner_prefix = format!("{}{kind}.", self.prefix);
                let outer_prefix = std::mem::replace(&mut self.prefix, inner_prefix);
                self.comp.push(names);
                let mut result = Ok(());
                let first = generators.first().map(|g| g.iter.id);
                each_expr_child(e, &mut |c| {
                    if result.is_ok() && Some(c.id) != first {
                        result = self.expr(c);
                    }
                });
                self.comp.pop();
                self.prefix = outer_prefix;
                result
            }
            _ => {
                let mut result = Ok(());
                each_expr_child(e, &mut |c| {
                    if result.is_ok() {
                        result = self.expr(c);
                    }
                });
                result
            }
        }
    }
}

/// Names declared `nonlocal` in a function body (not in the functions inside it).
fn nonlocal_names(body: &[Stmt], out: &mut IndexSet<String>) {
    for s in body {
        match &s.kind {
            StmtKind::Nonlocal(names) => out.extend(names.iter().map(|n| n.name.clone())),
            StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => {}
            _ => each_child(s, &mut |c| {
                if let Child::Stmt(inner) = c {
                    nonlocal_names(std::slice::from_ref(inner), out);
                }
            }),
        }
    }
}

/// A walrus operator in an expression (outside nested lambdas).
fn walrus_in(e: &Expr) -> Option<Span> {
    if let ExprKind::Named { .. } = e.kind {
        return Some(e.span);
    }
    if let ExprKind::Lambda { .. } = e.kind {
        return None;
    }
    let mut out = None;
    each_expr_child(e, &mut |c| {
        if out.is_none() {
            out = walrus_in(c);
        }
    });
    out
}

/// Finds the `yield`s of a function body (not those of functions inside it).
#[derive(Default)]
struct YieldScan {
    found: bool,
}

impl YieldScan {
    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(d) => {
                for e in d
                    .decorators
                    .iter()
                    .chain(d.params.all().filter_map(|p| p.default.as_ref()))
                {
                    self.expr(e);
                }
            }
            StmtKind::ClassDef(_) => {}
            _ => each_child(s, &mut |c| match c {
                Child::Stmt(inner) => self.stmt(inner),
                Child::Expr(e) | Child::Target(e) => self.expr(e),
            }),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => self.found = true,
            ExprKind::Lambda { params, .. } => {
                for p in params.all() {
                    if let Some(d) = &p.default {
                        self.expr(d);
                    }
                }
                return;
            }
            _ => {}
        }
        each_expr_child(e, &mut |c| self.expr(c));
    }
}

/// The class statements in a function body (not in nested functions or classes) whose
/// methods need the `__class__` cell, with the name of their cell; not one in a loop,
/// which makes a class per iteration (its methods stay interpreted).
fn classes_needing_cells(body: &[Stmt], in_loop: bool, out: &mut IndexMap<u32, String>) {
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(_) => {}
            StmtKind::ClassDef(c) => {
                if !in_loop && crate::support::first_class_cell_need(c).is_some() {
                    out.insert(c.name.span.start, crate::class_cell(c));
                }
                // (Its nested classes are made each time its body runs.)
                let nested = c
                    .body
                    .iter()
                    .filter(|s| matches!(s.kind, StmtKind::ClassDef(_)));
                for s in nested {
                    classes_needing_cells(std::slice::from_ref(s), in_loop, out);
                }
            }
            _ => {
                let in_loop =
                    in_loop || matches!(s.kind, StmtKind::For { .. } | StmtKind::While { .. });
                each_child(s, &mut |c| {
                    if let Child::Stmt(inner) = c {
                        classes_needing_cells(std::slice::from_ref(inner), in_loop, out);
                    }
                });
            }
        }
    }
}
