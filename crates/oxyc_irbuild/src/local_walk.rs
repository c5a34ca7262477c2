//! What the walks of `vec_local` and `token_local` share: the names a statement
//! binds other than by assignment, and the names comprehensions bind.
//!
//! Both walks count every mention of a candidate local and keep it only when each
//! mention is one they serve; a name bound some way they do not count (an `except
//! ... as` name, a `def`, a `class`, an `import`, `global`/`nonlocal`) or shared with
//! a comprehension's variable (whose loop must not be taken for the local's) is left
//! alone.

use std::collections::HashSet;

use oxyc_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};

/// Add the names `s` itself binds other than by assignment to `out`.
pub fn bound_otherwise(s: &Stmt, out: &mut HashSet<String>) {
    match &s.kind {
        StmtKind::Try { handlers, .. } => {
            for h in handlers {
                if let Some(name) = &h.name {
                    out.insert(name.name.clone());
                }
            }
        }
        StmtKind::FunctionDef(d) => {
            out.insert(d.name.name.clone());
        }
        StmtKind::ClassDef(c) => {
            out.insert(c.name.name.clone());
        }
        StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
            for a in aliases {
                let bound = match &a.asname {
                    Some(id) => id.name.as_str(),
                    None => a.name.split('.').next().unwrap_or_default(),
                };
                out.insert(bound.to_string());
            }
        }
        StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
            for name in names {
                out.insert(name.name.clone());
            }
        }
        _ => {}
    }
}

/// Add the names the targets of comprehension `e` bind (its own variables, not the
/// function's) to `out`.
pub fn comprehension_targets(e: &Expr, out: &mut HashSet<String>) {
    fn names(t: &Expr, out: &mut HashSet<String>) {
        match &t.kind {
            ExprKind::Name(n) => {
                out.insert(n.clone());
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    names(i, out);
                }
            }
            ExprKind::Starred(inner) => names(inner, out),
            _ => {}
        }
    }
    if let ExprKind::ListComp { generators, .. }
    | ExprKind::SetComp { generators, .. }
    | ExprKind::DictComp { generators, .. }
    | ExprKind::GeneratorExp { generators, .. } = &e.kind
    {
        for g in generators {
            names(&g.target, out);
        }
    }
}
