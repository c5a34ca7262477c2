//! Errors CPython reports while it compiles a module (its symbol table and its
//! `__future__` handling) that the parser does not see, so that oxyc refuses the
//! programs the interpreter refuses, at build time, at the same place:
//!
//! - `from __future__ import ...` after other statements, or of a feature that does
//!   not exist (`braces`: "not a chance");
//! - a parameter name repeated in a `def` or `lambda`;
//! - a keyword argument repeated in a call;
//! - `yield` / `await` outside a function, `yield` inside a comprehension, and
//!   `nonlocal` at module level;
//! - `global x` / `nonlocal x` after `x` was assigned, used or annotated in the same
//!   scope (an import does not count), or when `x` is a parameter; an annotation of a
//!   name declared global.
//!
//! The walk mirrors the symbol table's, conservatively: where a construct's scoping is
//! subtle (names inside comprehensions, annotations), it records nothing, so a valid
//! program is never refused; at worst an invalid one is caught only by the
//! interpreter, as before.

use std::collections::HashMap;

use oxyc_syntax::Diagnostic;
use oxyc_syntax::ast::{Expr, ExprKind, Keyword, Module, Parameters, Stmt, StmtKind};

use crate::support::{Child, each_child, each_expr_child, each_pattern_child};

/// The features `from __future__ import` accepts in Python 3.11.
const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Every such error in the module, in source order of the walk.
pub fn module_errors(module: &Module) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    future_errors(&module.body, &mut out);
    let mut scope = Scope::new(ScopeKind::Module);
    for s in &module.body {
        walk_stmt(s, &mut scope, &mut out);
    }
    out
}

/// `from __future__` imports come first (after the docstring), and name features that
/// exist. (Nested ones, in a function or an `if`, are never first.)
fn future_errors(body: &[Stmt], out: &mut Vec<Diagnostic>) {
    let mut leading = true;
    for (i, s) in body.iter().enumerate() {
        let is_docstring =
            i == 0 && matches!(&s.kind, StmtKind::Expr(e) if matches!(e.kind, ExprKind::Str(_)));
        match &s.kind {
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                level: 0,
            } if m == "__future__" => {
                if !leading {
                    out.push(Diagnostic::error(
                        s.span,
                        "from __future__ imports must occur at the beginning of the file",
                    ));
                    continue;
                }
                for a in names {
                    // (Reported at the statement, as the interpreter does.)
                    if a.name == "braces" {
                        out.push(Diagnostic::error(s.span, "not a chance"));
                    } else if !FUTURE_FEATURES.contains(&a.name.as_str()) {
                        out.push(Diagnostic::error(
                            s.span,
                            format!("future feature {} is not defined", a.name),
                        ));
                    }
                }
            }
            _ if is_docstring => {}
            _ => {
                leading = false;
                nested_future(s, out);
            }
        }
    }
}

/// A `from __future__` import inside a compound statement or a function.
fn nested_future(s: &Stmt, out: &mut Vec<Diagnostic>) {
    let inner: &[Stmt] = match &s.kind {
        StmtKind::FunctionDef(f) => &f.body,
        StmtKind::ClassDef(c) => &c.body,
        _ => &[],
    };
    for t in inner {
        nested_future_stmt(t, out);
    }
    each_child(s, &mut |c| {
        if let Child::Stmt(t) = c {
            nested_future_stmt(t, out);
        }
    });
}

fn nested_future_stmt(s: &Stmt, out: &mut Vec<Diagnostic>) {
    if let StmtKind::ImportFrom {
        module: Some(m),
        level: 0,
        ..
    } = &s.kind
        && m == "__future__"
    {
        out.push(Diagnostic::error(
            s.span,
            "from __future__ imports must occur at the beginning of the file",
        ));
    }
    nested_future(s, out);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function,
}

/// How a name was first met in a scope, before any `global` / `nonlocal` of it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    Param,
    Used,
    Annotated,
    Assigned,
}

struct Scope {
    kind: ScopeKind,
    seen: HashMap<String, Seen>,
    /// Names declared `global` or `nonlocal` so far.
    declared: HashMap<String, &'static str>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            seen: HashMap::new(),
            declared: HashMap::new(),
        }
    }

    /// Record a meeting of `name`. CPython's message names the strongest of the
    /// flags gathered so far: a parameter, then a use, then an annotation.
    fn meet(&mut self, name: &str, how: Seen) {
        let rank = |s: Seen| match s {
            Seen::Param => 3,
            Seen::Used => 2,
            Seen::Annotated => 1,
            Seen::Assigned => 0,
        };
        match self.seen.get_mut(name) {
            Some(old) if rank(how) > rank(*old) => *old = how,
            Some(_) => {}
            None => {
                self.seen.insert(name.to_string(), how);
            }
        }
    }
}

fn walk_body(body: &[Stmt], scope: &mut Scope, out: &mut Vec<Diagnostic>) {
    for s in body {
        walk_stmt(s, scope, out);
    }
}

fn walk_stmt(s: &Stmt, scope: &mut Scope, out: &mut Vec<Diagnostic>) {
    match &s.kind {
        StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
            let word = if matches!(s.kind, StmtKind::Global(_)) {
                "global"
            } else {
                "nonlocal"
            };
            // (At module level, the interpreter checks the order first.)
            let at_module = word == "nonlocal" && scope.kind == ScopeKind::Module;
            for n in names {
                let msg = match scope.seen.get(&n.name) {
                    Some(Seen::Param) => format!("name '{}' is parameter and {word}", n.name),
                    Some(Seen::Used) => {
                        format!("name '{}' is used prior to {word} declaration", n.name)
                    }
                    Some(Seen::Annotated) => format!("annotated name '{}' can't be {word}", n.name),
                    Some(Seen::Assigned) => {
                        format!("name '{}' is assigned to before {word} declaration", n.name)
                    }
                    None if at_module => {
                        "nonlocal declaration not allowed at module level".to_string()
                    }
                    None => {
                        scope.declared.insert(n.name.clone(), word);
                        continue;
                    }
                };
                out.push(Diagnostic::error(s.span, msg));
                if at_module {
                    break;
                }
            }
        }
        StmtKind::FunctionDef(f) => {
            for d in &f.decorators {
                walk_expr(d, scope, out);
            }
            for p in f.params.all() {
                if let Some(d) = &p.default {
                    walk_expr(d, scope, out);
                }
            }
            scope.meet(&f.name.name, Seen::Assigned);
            duplicate_params(&f.params, out);
            let mut inner = Scope::new(ScopeKind::Function);
            for p in f.params.all() {
                inner.meet(&p.name.name, Seen::Param);
            }
            walk_body(&f.body, &mut inner, out);
        }
        StmtKind::ClassDef(c) => {
            for e in c.bases.iter().chain(&c.decorators) {
                walk_expr(e, scope, out);
            }
            repeated_keywords(&c.keywords, out);
            for k in &c.keywords {
                walk_expr(&k.value, scope, out);
            }
            scope.meet(&c.name.name, Seen::Assigned);
            let mut inner = Scope::new(ScopeKind::Class);
            walk_body(&c.body, &mut inner, out);
        }
        StmtKind::AnnAssign {
            target,
            value,
            simple,
            ..
        } => {
            if let Some(v) = value {
                walk_expr(v, scope, out);
            }
            match &target.kind {
                // `x: int`: declares `x` (which a `global`/`nonlocal` of a function
                // or class forbids).
                ExprKind::Name(n) if *simple => {
                    if scope.kind != ScopeKind::Module
                        && let Some(word) = scope.declared.get(n)
                    {
                        out.push(Diagnostic::error(
                            target.span,
                            format!("annotated name '{n}' can't be {word}"),
                        ));
                    }
                    scope.meet(n, Seen::Annotated);
                }
                // `(x): int = v` only assigns; `(x): int` does nothing.
                ExprKind::Name(n) => {
                    if value.is_some() {
                        scope.meet(n, Seen::Assigned);
                    }
                }
                _ => walk_target(target, scope, out),
            }
        }
        // In the symbol table's order: the body, `else`, each handler (its type, its
        // name, its body), `finally`.
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            walk_body(body, scope, out);
            walk_body(orelse, scope, out);
            for h in handlers {
                if let Some(t) = &h.type_ {
                    walk_expr(t, scope, out);
                }
                if let Some(n) = &h.name {
                    scope.meet(&n.name, Seen::Assigned);
                }
                walk_body(&h.body, scope, out);
            }
            walk_body(finalbody, scope, out);
        }
        StmtKind::Match { subject, cases } => {
            walk_expr(subject, scope, out);
            for case in cases {
                each_pattern_child(&case.pattern, &mut |c| match c {
                    Child::Expr(e) => walk_expr(e, scope, out),
                    Child::Target(t) => walk_target(t, scope, out),
                    Child::Stmt(_) => {}
                });
                if let Some(g) = &case.guard {
                    walk_expr(g, scope, out);
                }
                walk_body(&case.body, scope, out);
            }
        }
        // (An import binds a name without counting for these errors: CPython's
        // symbol table marks it an import, not an assignment.)
        _ => walk_children(s, scope, out),
    }
}

fn walk_children(s: &Stmt, scope: &mut Scope, out: &mut Vec<Diagnostic>) {
    each_child(s, &mut |c| match c {
        Child::Stmt(t) => walk_stmt(t, scope, out),
        Child::Expr(e) => walk_expr(e, scope, out),
        Child::Target(t) => walk_target(t, scope, out),
    });
}

/// An assignment (or `del`) target: the names it binds; what it reads otherwise.
fn walk_target(t: &Expr, scope: &mut Scope, out: &mut Vec<Diagnostic>) {
    match &t.kind {
        ExprKind::Name(n) => scope.meet(n, Seen::Assigned),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for i in items {
                walk_target(i, scope, out);
            }
        }
        ExprKind::Starred(inner) => walk_target(inner, scope, out),
        _ => walk_expr(t, scope, out),
    }
}

fn walk_expr(e: &Expr, scope: &mut Scope, out: &mut Vec<Diagnostic>) {
    match &e.kind {
        ExprKind::Name(n) => scope.meet(n, Seen::Used),
        ExprKind::Named { target, value } => {
            walk_expr(value, scope, out);
            walk_target(target, scope, out);
        }
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) if scope.kind != ScopeKind::Function => {
            out.push(Diagnostic::error(e.span, "'yield' outside function"));
        }
        ExprKind::Await(_) if scope.kind != ScopeKind::Function => {
            out.push(Diagnostic::error(e.span, "'await' outside function"));
        }
        ExprKind::Call { keywords, .. } => {
            repeated_keywords(keywords, out);
            each_expr_child(e, &mut |c| walk_expr(c, scope, out));
        }
        ExprKind::Lambda { params, body } => {
            for p in params.all() {
                if let Some(d) = &p.default {
                    walk_expr(d, scope, out);
                }
            }
            duplicate_params(params, out);
            let mut inner = Scope::new(ScopeKind::Function);
            walk_expr(body, &mut inner, out);
        }
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::DictComp { generators, .. }
        | ExprKind::GeneratorExp { generators, .. } => {
            let what = match e.kind {
                ExprKind::ListComp { .. } => "list comprehension",
                ExprKind::SetComp { .. } => "set comprehension",
                ExprKind::DictComp { .. } => "dict comprehension",
                _ => "generator expression",
            };
            // The first iterable is evaluated in the enclosing scope; the rest is the
            // comprehension's own (its names are not followed here).
            if let Some(first) = generators.first() {
                walk_expr(&first.iter, scope, out);
            }
            let mut inner = Scope::new(ScopeKind::Function);
            each_expr_child(e, &mut |c| {
                if generators.first().is_some_and(|g| std::ptr::eq(c, &g.iter)) {
                    return;
                }
                yields_in_comprehension(c, what, out);
                walk_expr(c, &mut inner, out);
            });
            // (Names met inside are the comprehension's: forgotten with `inner`.)
        }
        _ => each_expr_child(e, &mut |c| walk_expr(c, scope, out)),
    }
}

/// `yield` in a comprehension's own scope: not in a lambda inside it, nor in a
/// comprehension inside it, except for that one's first iterable (evaluated here).
fn yields_in_comprehension(e: &Expr, what: &str, out: &mut Vec<Diagnostic>) {
    match &e.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
            out.push(Diagnostic::error(e.span, format!("'yield' inside {what}")));
        }
        ExprKind::Lambda { .. } => {}
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::DictComp { generators, .. }
        | ExprKind::GeneratorExp { generators, .. } => {
            if let Some(first) = generators.first() {
                yields_in_comprehension(&first.iter, what, out);
            }
        }
        _ => each_expr_child(e, &mut |c| yields_in_comprehension(c, what, out)),
    }
}

/// A keyword argument given twice in one call or class statement.
fn repeated_keywords(keywords: &[Keyword], out: &mut Vec<Diagnostic>) {
    let mut names: Vec<&str> = Vec::new();
    for k in keywords {
        if let Some(a) = &k.arg {
            if names.contains(&a.name.as_str()) {
                out.push(Diagnostic::error(
                    k.span,
                    format!("keyword argument repeated: {}", a.name),
                ));
            }
            names.push(&a.name);
        }
    }
}

/// A parameter name used twice in one signature.
fn duplicate_params(params: &Parameters, out: &mut Vec<Diagnostic>) {
    let mut names: Vec<&str> = Vec::new();
    for p in params.all() {
        if names.contains(&p.name.name.as_str()) {
            out.push(Diagnostic::error(
                p.span,
                format!(
                    "duplicate argument '{}' in function definition",
                    p.name.name
                ),
            ));
        }
        names.push(&p.name.name);
    }
}
