//! Private name mangling, as CPython's compiler does it.
//!
//! Inside a class, an identifier `__spam` (two leading underscores, not ending in two
//! underscores) stands for `_Class__spam`, where `Class` is the innermost enclosing
//! class's name without its leading underscores. This rewrites the AST once, after
//! lowering, so every later stage sees the names the interpreter would use: names
//! (loads, stores, deletes, annotations), attribute names and parameter names in the
//! class body and in the functions nested in it. As in CPython, keyword names in calls
//! and string contents are left alone.
//!
//! A private `def` is bound under the mangled name and keeps its own as `__name__`
//! (`FunctionDef::orig_name`).
//!
//! Not rewritten (the semantic stage keeps such classes interpreted, where the
//! interpreter mangles them itself): private names of nested classes, `import`
//! aliases, `global`/`nonlocal` names and `except ... as` names.

use crate::ast::{
    Comprehension, Expr, ExprKind, FStringPart, Module, Parameters, Pattern, PatternKind, Stmt,
    StmtKind,
};

/// `name` as it is stored inside class `class`.
pub fn mangle(name: &str, class: &str) -> String {
    let stripped = class.trim_start_matches('_');
    if !is_private(name) || stripped.is_empty() || name.contains('.') {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// `__x` (but not `__x__`).
pub fn is_private(name: &str) -> bool {
    name.starts_with("__") && !name.ends_with("__")
}

pub fn run(module: &mut Module) {
    for s in &mut module.body {
        stmt(s, None);
    }
}

fn stmts(body: &mut [Stmt], class: Option<&str>) {
    for s in body {
        stmt(s, class);
    }
}

fn stmt(s: &mut Stmt, class: Option<&str>) {
    match &mut s.kind {
        StmtKind::ClassDef(c) => {
            // Bases, keywords and decorators are evaluated outside the class body.
            for e in c.bases.iter_mut().chain(c.decorators.iter_mut()) {
                expr(e, class);
            }
            for k in &mut c.keywords {
                expr(&mut k.value, class);
            }
            let own = c.name.name.clone();
            stmts(&mut c.body, Some(&own));
        }
        StmtKind::FunctionDef(f) => {
            for d in &mut f.decorators {
                expr(d, class);
            }
            if let Some(c) = class
                && is_private(&f.name.name)
            {
                let bound = mangle(&f.name.name, c);
                if bound != f.name.name {
                    f.orig_name = Some(std::mem::replace(&mut f.name.name, bound));
                }
            }
            params(&mut f.params, class);
            if let Some(r) = &mut f.returns {
                expr(r, class);
            }
            stmts(&mut f.body, class);
        }
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => expr(e, class),
        StmtKind::Return(None)
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Pass
        | StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_)
        | StmtKind::Unsupported { .. } => {}
        StmtKind::Assign { targets, value } => {
            for t in targets {
                expr(t, class);
            }
            expr(value, class);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            expr(target, class);
            expr(annotation, class);
            if let Some(v) = value {
                expr(v, class);
            }
        }
        StmtKind::AugAssign { target, value, .. } => {
            expr(target, class);
            expr(value, class);
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            expr(test, class);
            stmts(body, class);
            stmts(orelse, class);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            expr(target, class);
            expr(iter, class);
            stmts(body, class);
            stmts(orelse, class);
        }
        StmtKind::Raise { exc, cause } => {
            for e in [exc, cause].into_iter().flatten() {
                expr(e, class);
            }
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            stmts(body, class);
            for h in handlers {
                if let Some(t) = &mut h.type_ {
                    expr(t, class);
                }
                stmts(&mut h.body, class);
            }
            stmts(orelse, class);
            stmts(finalbody, class);
        }
        StmtKind::Assert { test, msg } => {
            expr(test, class);
            if let Some(m) = msg {
                expr(m, class);
            }
        }
        StmtKind::Delete(targets) => {
            for t in targets {
                expr(t, class);
            }
        }
        StmtKind::Match { subject, cases } => {
            expr(subject, class);
            for case in cases {
                pattern(&mut case.pattern, class);
                if let Some(g) = &mut case.guard {
                    expr(g, class);
                }
                stmts(&mut case.body, class);
            }
        }
        StmtKind::With { items, body, .. } => {
            for it in items {
                expr(&mut it.context_expr, class);
                if let Some(v) = &mut it.optional_vars {
                    expr(v, class);
                }
            }
            stmts(body, class);
        }
    }
}

/// Names a pattern binds and the dotted values it reads are mangled; keyword
/// attribute names of class patterns are not (as in CPython).
fn pattern(p: &mut Pattern, class: Option<&str>) {
    match &mut p.kind {
        PatternKind::Value(e) | PatternKind::Singleton(e) => expr(e, class),
        PatternKind::Capture(name) | PatternKind::Star(name) => {
            if let Some(n) = name {
                expr(n, class);
            }
        }
        PatternKind::Sequence(items) | PatternKind::Or(items) => {
            for item in items {
                pattern(item, class);
            }
        }
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        } => {
            for (k, v) in keys.iter_mut().zip(patterns.iter_mut()) {
                expr(k, class);
                pattern(v, class);
            }
            if let Some(r) = rest {
                expr(r, class);
            }
        }
        PatternKind::Class {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            expr(cls, class);
            for item in patterns.iter_mut().chain(kwd_patterns.iter_mut()) {
                pattern(item, class);
            }
        }
        PatternKind::As {
            pattern: inner,
            name,
        } => {
            pattern(inner, class);
            expr(name, class);
        }
    }
}

fn params(p: &mut Parameters, class: Option<&str>) {
    let Parameters {
        posonly,
        args,
        vararg,
        kwonly,
        kwarg,
    } = p;
    for param in posonly
        .iter_mut()
        .chain(args.iter_mut())
        .chain(vararg.iter_mut())
        .chain(kwonly.iter_mut())
        .chain(kwarg.iter_mut())
    {
        if let Some(c) = class {
            param.name.name = mangle(&param.name.name, c);
        }
        if let Some(a) = &mut param.annotation {
            expr(a, class);
        }
        if let Some(d) = &mut param.default {
            expr(d, class);
        }
    }
}

fn comprehensions(gens: &mut [Comprehension], class: Option<&str>) {
    for g in gens {
        expr(&mut g.target, class);
        expr(&mut g.iter, class);
        for i in &mut g.ifs {
            expr(i, class);
        }
    }
}

fn fstring(parts: &mut [FStringPart], class: Option<&str>) {
    for p in parts {
        if let FStringPart::Interpolation {
            expr: e,
            format_spec,
            ..
        } = p
        {
            expr(e, class);
            if let Some(spec) = format_spec {
                fstring(spec, class);
            }
        }
    }
}

fn expr(e: &mut Expr, class: Option<&str>) {
    let Some(c) = class else {
        // Outside any class nothing is mangled; nested classes are statements.
        return;
    };
    match &mut e.kind {
        ExprKind::Name(n) => *n = mangle(n, c),
        ExprKind::Attribute { value, attr } => {
            attr.name = mangle(&attr.name, c);
            expr(value, class);
        }
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Complex(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::NoneLit
        | ExprKind::Ellipsis => {}
        ExprKind::FString(parts) => fstring(parts, class),
        ExprKind::BinOp { left, right, .. } => {
            expr(left, class);
            expr(right, class);
        }
        ExprKind::UnaryOp { operand, .. } => expr(operand, class),
        ExprKind::BoolOp { values, .. } => values.iter_mut().for_each(|v| expr(v, class)),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            expr(left, class);
            comparators.iter_mut().for_each(|v| expr(v, class));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            expr(func, class);
            args.iter_mut().for_each(|a| expr(a, class));
            // (Keyword names in calls are not mangled; their values are.)
            keywords.iter_mut().for_each(|k| expr(&mut k.value, class));
        }
        ExprKind::Subscript { value, index } => {
            expr(value, class);
            expr(index, class);
        }
        ExprKind::Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                expr(x, class);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            expr(test, class);
            expr(body, class);
            expr(orelse, class);
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter_mut().for_each(|v| expr(v, class))
        }
        ExprKind::Dict(entries) => {
            for (k, v) in entries {
                if let Some(k) = k {
                    expr(k, class);
                }
                expr(v, class);
            }
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            expr(elt, class);
            comprehensions(generators, class);
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            expr(key, class);
            expr(value, class);
            comprehensions(generators, class);
        }
        ExprKind::Lambda { params: p, body } => {
            params(p, class);
            expr(body, class);
        }
        ExprKind::Starred(inner) | ExprKind::Await(inner) | ExprKind::YieldFrom(inner) => {
            expr(inner, class)
        }
        ExprKind::Named { target, value } => {
            expr(target, class);
            expr(value, class);
        }
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                expr(v, class);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangles_like_cpython() {
        assert_eq!(mangle("__x", "C"), "_C__x");
        assert_eq!(mangle("__x", "__C"), "_C__x");
        assert_eq!(mangle("__x", "___"), "__x");
        assert_eq!(mangle("__x__", "C"), "__x__");
        assert_eq!(mangle("_x", "C"), "_x");
        assert_eq!(mangle("__a.b", "C"), "__a.b");
    }
}
