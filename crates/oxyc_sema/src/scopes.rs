//! Name binding: which names a function binds locally, and how often the module binds
//! each global.

use indexmap::IndexMap;
use oxyc_syntax::ast::{self, Expr, ExprKind, Stmt, StmtKind};

/// Names bound by an assignment target (`a`, `a, (b, c)`, `*rest`).
pub fn target_names(target: &Expr, out: &mut Vec<String>) {
    match &target.kind {
        ExprKind::Name(n) => out.push(n.clone()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for t in items {
                target_names(t, out);
            }
        }
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}

/// Names a pattern binds (captures, `as` names, `*rest`, `**rest`), in source order.
pub fn pattern_names(p: &ast::Pattern, out: &mut Vec<String>) {
    crate::support::each_pattern_child(p, &mut |c| {
        if let crate::support::Child::Target(t) = c {
            target_names(t, out);
        }
    });
}

/// Names bound by a statement list, not descending into nested scopes.
pub fn bound_names(body: &[Stmt], out: &mut Vec<String>, globals: &mut Vec<String>) {
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    target_names(t, out);
                }
            }
            StmtKind::AnnAssign { target, .. } | StmtKind::AugAssign { target, .. } => {
                target_names(target, out)
            }
            StmtKind::FunctionDef(f) => out.push(f.name.name.clone()),
            StmtKind::ClassDef(c) => out.push(c.name.name.clone()),
            StmtKind::For {
                target,
                body,
                orelse,
                ..
            } => {
                target_names(target, out);
                bound_names(body, out, globals);
                bound_names(orelse, out, globals);
            }
            StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                bound_names(body, out, globals);
                bound_names(orelse, out, globals);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                bound_names(body, out, globals);
                for h in handlers {
                    if let Some(n) = &h.name {
                        out.push(n.name.clone());
                    }
                    bound_names(&h.body, out, globals);
                }
                bound_names(orelse, out, globals);
                bound_names(finalbody, out, globals);
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    if let Some(v) = &it.optional_vars {
                        target_names(v, out);
                    }
                }
                bound_names(body, out, globals);
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    match &a.asname {
                        Some(n) => out.push(n.name.clone()),
                        None => out.push(a.name.split('.').next().unwrap_or("").to_string()),
                    }
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        continue;
                    }
                    match &a.asname {
                        Some(n) => out.push(n.name.clone()),
                        None => out.push(a.name.clone()),
                    }
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    target_names(t, out);
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    globals.push(n.name.clone());
                }
            }
            StmtKind::Match { cases, .. } => {
                for case in cases {
                    pattern_names(&case.pattern, out);
                    bound_names(&case.body, out, globals);
                }
            }
            _ => {}
        }
        // Walrus targets bind in the enclosing function scope.
        walrus_names_stmt(s, out);
    }
}

/// Walrus targets in the expressions a statement evaluates in the current scope (not
/// in the statements nested in it: `bound_names` visits those itself).
fn walrus_names_stmt(s: &Stmt, out: &mut Vec<String>) {
    match &s.kind {
        // Decorators and defaults (bases, keywords) run where the statement stands.
        StmtKind::FunctionDef(f) => {
            for e in f
                .decorators
                .iter()
                .chain(f.params.all().filter_map(|p| p.default.as_ref()))
            {
                walrus_names(e, out);
            }
        }
        StmtKind::ClassDef(c) => {
            for e in c.bases.iter().chain(&c.decorators) {
                walrus_names(e, out);
            }
            for k in &c.keywords {
                walrus_names(&k.value, out);
            }
        }
        _ => crate::support::each_child(s, &mut |c| match c {
            crate::support::Child::Stmt(_) => {}
            crate::support::Child::Expr(e) | crate::support::Child::Target(e) => {
                walrus_names(e, out)
            }
        }),
    }
}

/// Names bound by walrus targets in an expression, comprehensions included (their
/// walrus targets bind in the enclosing scope), lambda bodies excluded (their own).
pub fn walrus_names(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Named { target, value } => {
            target_names(target, out);
            walrus_names(value, out);
        }
        ExprKind::Lambda { params, .. } => {
            for d in params.all().filter_map(|p| p.default.as_ref()) {
                walrus_names(d, out);
            }
        }
        _ => crate::support::each_expr_child(e, &mut |c| walrus_names(c, out)),
    }
}

pub struct ModuleBindings {
    /// How many binding sites each global name has.
    pub counts: IndexMap<String, usize>,
    pub star_import: bool,
}

pub fn module_bindings(module: &ast::Module) -> ModuleBindings {
    let mut names = Vec::new();
    let mut ignored = Vec::new();
    bound_names(&module.body, &mut names, &mut ignored);
    let mut counts: IndexMap<String, usize> = IndexMap::new();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    let mut star_import = false;
    // Functions that declare a name global and bind it also bind a module global.
    fn visit(body: &[Stmt], counts: &mut IndexMap<String, usize>, star: &mut bool) {
        for s in body {
            match &s.kind {
                StmtKind::FunctionDef(f) => {
                    let mut bound = Vec::new();
                    let mut globals = Vec::new();
                    bound_names(&f.body, &mut bound, &mut globals);
                    for n in bound {
                        if globals.contains(&n) {
                            *counts.entry(n).or_default() += 1;
                        }
                    }
                    visit(&f.body, counts, star);
                }
                StmtKind::ClassDef(c) => {
                    // `global x` in a class body: its bindings of `x` are the module's.
                    let mut bound = Vec::new();
                    let mut globals = Vec::new();
                    bound_names(&c.body, &mut bound, &mut globals);
                    for n in bound {
                        if globals.contains(&n) {
                            *counts.entry(n).or_default() += 1;
                        }
                    }
                    visit(&c.body, counts, star)
                }
                StmtKind::ImportFrom { names, .. } if names.iter().any(|a| a.name == "*") => {
                    *star = true
                }
                StmtKind::If { body, orelse, .. }
                | StmtKind::While { body, orelse, .. }
                | StmtKind::For { body, orelse, .. } => {
                    visit(body, counts, star);
                    visit(orelse, counts, star);
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                    ..
                } => {
                    visit(body, counts, star);
                    for h in handlers {
                        visit(&h.body, counts, star);
                    }
                    visit(orelse, counts, star);
                    visit(finalbody, counts, star);
                }
                StmtKind::With { body, .. } => visit(body, counts, star),
                StmtKind::Match { cases, .. } => {
                    for case in cases {
                        visit(&case.body, counts, star);
                    }
                }
                _ => {}
            }
        }
    }
    visit(&module.body, &mut counts, &mut star_import);
    ModuleBindings {
        counts,
        star_import,
    }
}
