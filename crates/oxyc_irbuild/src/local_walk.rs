//! What the walks of `vec_local` and `token_local` share: the names a statement
//! binds other than by assignment, the names comprehensions bind, and the method
//! calls they recognise.
//!
//! Both walks count every mention of a candidate local and keep it only when each
//! mention is one they serve; a name bound some way they do not count (an `except
//! ... as` name, a `def`, a `class`, an `import`, `global`/`nonlocal`) or shared with
//! a comprehension's variable (whose loop must not be taken for the local's) is left
//! alone.

use std::collections::HashSet;

use oxyc_syntax::ast::{Expr, ExprKind, Keyword, Stmt, StmtKind};

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

/// `x.name(args, keywords)`: `x`, the method's name, the arguments and keywords.
pub fn method_call(e: &Expr) -> Option<(&Expr, &str, &[Expr], &[Keyword])> {
    let ExprKind::Call {
        func,
        args,
        keywords,
    } = &e.kind
    else {
        return None;
    };
    let ExprKind::Attribute { value, attr } = &func.kind else {
        return None;
    };
    Some((value, attr.name.as_str(), args, keywords))
}

/// `x.strip(c?)` (`lstrip`, `rstrip`): `x`, which end (0 both, 1 left, 2 right) and
/// the characters' expression.
pub fn strip_call(e: &Expr) -> Option<(&Expr, i64, Option<&Expr>)> {
    let (value, name, args, keywords) = method_call(e)?;
    let which = match name {
        "strip" => 0,
        "lstrip" => 1,
        "rstrip" => 2,
        _ => return None,
    };
    if !keywords.is_empty()
        || args.len() > 1
        || args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
    {
        return None;
    }
    Some((value, which, args.first()))
}
