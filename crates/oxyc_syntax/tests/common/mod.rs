//! Helpers shared by the integration tests.
#![allow(dead_code)]

use oxyc_syntax::ast::*;
use oxyc_syntax::{Diagnostic, PythonVersion, Span, parse_module};

pub const PY39: PythonVersion = PythonVersion { major: 3, minor: 9 };
pub const PY310: PythonVersion = PythonVersion {
    major: 3,
    minor: 10,
};
pub const PY311: PythonVersion = PythonVersion::PY311;
pub const PY312: PythonVersion = PythonVersion {
    major: 3,
    minor: 12,
};
pub const PY314: PythonVersion = PythonVersion {
    major: 3,
    minor: 14,
};

pub fn parse_ok_for(src: &str, target: PythonVersion) -> Module {
    match parse_module(src, target) {
        Ok(m) => {
            check_ids(&m);
            check_spans(src, &m);
            m
        }
        Err(diags) => panic!("expected {src:?} to parse, got {diags:#?}"),
    }
}

pub fn parse_ok(src: &str) -> Module {
    parse_ok_for(src, PY311)
}

pub fn parse_err_for(src: &str, target: PythonVersion) -> Vec<Diagnostic> {
    match parse_module(src, target) {
        Ok(m) => panic!("expected {src:?} to fail, got {m:#?}"),
        Err(diags) => {
            assert!(!diags.is_empty());
            diags
        }
    }
}

pub fn parse_err(src: &str) -> Vec<Diagnostic> {
    parse_err_for(src, PY311)
}

/// The one statement of `src`.
pub fn stmt(src: &str) -> StmtKind {
    let mut m = parse_ok(src);
    assert_eq!(m.body.len(), 1, "{m:#?}");
    m.body.remove(0).kind
}

/// The expression of a one-expression-statement module.
pub fn expr(src: &str) -> Expr {
    match stmt(src) {
        StmtKind::Expr(e) => e,
        other => panic!("not an expression statement: {other:#?}"),
    }
}

pub fn name(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::Name(n) => n,
        other => panic!("not a name: {other:#?}"),
    }
}

pub fn text(src: &str, span: Span) -> &str {
    &src[span.range()]
}

/// Ids are exactly `0..expr_count`, and numbered in pre-order, source order: sorted by
/// id, spans start in non-decreasing order, and a node starting where the previous one
/// starts lies inside it (a parent before its first child).
pub fn check_ids(m: &Module) {
    let mut seen: Vec<(ExprId, Span)> = Vec::new();
    for s in &m.body {
        walk_stmt(s, &mut |e| seen.push((e.id, e.span)));
    }
    seen.sort_by_key(|(id, _)| *id);
    let ids: Vec<u32> = seen.iter().map(|(id, _)| id.0).collect();
    let expected: Vec<u32> = (0..m.expr_count).collect();
    assert_eq!(ids, expected, "ids must be unique and dense");
    for pair in seen.windows(2) {
        let (a, b) = (pair[0].1, pair[1].1);
        assert!(a.start <= b.start, "ids not in source order: {pair:?}");
        if a.start == b.start {
            assert!(b.end <= a.end, "ids not in pre-order: {pair:?}");
        }
    }
}

/// Every statement and expression span is a valid, in-bounds slice of the source.
pub fn check_spans(src: &str, m: &Module) {
    fn ok(src: &str, span: Span) {
        assert!(span.start <= span.end, "inverted span {span:?}");
        assert!(
            src.get(span.range()).is_some(),
            "span {span:?} is not a slice of {src:?}"
        );
    }
    fn stmts(src: &str, body: &[Stmt]) {
        for s in body {
            ok(src, s.span);
            match &s.kind {
                StmtKind::FunctionDef(f) => stmts(src, &f.body),
                StmtKind::ClassDef(c) => stmts(src, &c.body),
                StmtKind::If { body, orelse, .. }
                | StmtKind::While { body, orelse, .. }
                | StmtKind::For { body, orelse, .. } => {
                    stmts(src, body);
                    stmts(src, orelse);
                }
                StmtKind::With { body, .. } => stmts(src, body),
                StmtKind::Match { cases, .. } => {
                    for case in cases {
                        ok(src, case.span);
                        ok(src, case.pattern.span);
                        stmts(src, &case.body);
                    }
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                    ..
                } => {
                    stmts(src, body);
                    for h in handlers {
                        ok(src, h.span);
                        stmts(src, &h.body);
                    }
                    stmts(src, orelse);
                    stmts(src, finalbody);
                }
                _ => {}
            }
        }
    }
    stmts(src, &m.body);
    for s in &m.body {
        walk_stmt(s, &mut |e| ok(src, e.span));
    }
}

pub fn walk_stmts(body: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in body {
        walk_stmt(s, f);
    }
}

pub fn walk_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => walk_expr(e, f),
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
            targets.iter().for_each(|t| walk_expr(t, f));
            walk_expr(value, f);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            walk_expr(target, f);
            walk_expr(annotation, f);
            value.iter().for_each(|v| walk_expr(v, f));
        }
        StmtKind::AugAssign { target, value, .. } => {
            walk_expr(target, f);
            walk_expr(value, f);
        }
        StmtKind::FunctionDef(d) => {
            d.decorators.iter().for_each(|e| walk_expr(e, f));
            walk_params(&d.params, f);
            d.returns.iter().for_each(|e| walk_expr(e, f));
            walk_stmts(&d.body, f);
        }
        StmtKind::ClassDef(c) => {
            c.decorators.iter().for_each(|e| walk_expr(e, f));
            c.bases.iter().for_each(|e| walk_expr(e, f));
            c.keywords.iter().for_each(|k| walk_expr(&k.value, f));
            walk_stmts(&c.body, f);
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            walk_expr(test, f);
            walk_stmts(body, f);
            walk_stmts(orelse, f);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            walk_expr(target, f);
            walk_expr(iter, f);
            walk_stmts(body, f);
            walk_stmts(orelse, f);
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().for_each(|e| walk_expr(e, f));
            cause.iter().for_each(|e| walk_expr(e, f));
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            walk_stmts(body, f);
            for h in handlers {
                h.type_.iter().for_each(|e| walk_expr(e, f));
                walk_stmts(&h.body, f);
            }
            walk_stmts(orelse, f);
            walk_stmts(finalbody, f);
        }
        StmtKind::Assert { test, msg } => {
            walk_expr(test, f);
            msg.iter().for_each(|e| walk_expr(e, f));
        }
        StmtKind::Delete(ts) => ts.iter().for_each(|e| walk_expr(e, f)),
        StmtKind::With { items, body, .. } => {
            for item in items {
                walk_expr(&item.context_expr, f);
                item.optional_vars.iter().for_each(|e| walk_expr(e, f));
            }
            walk_stmts(body, f);
        }
        StmtKind::Match { subject, cases } => {
            walk_expr(subject, f);
            for case in cases {
                walk_pattern(&case.pattern, f);
                case.guard.iter().for_each(|e| walk_expr(e, f));
                walk_stmts(&case.body, f);
            }
        }
    }
}

/// The expressions of a pattern (values, classes, keys, bound names) in source order.
pub fn walk_pattern(p: &Pattern, f: &mut dyn FnMut(&Expr)) {
    match &p.kind {
        PatternKind::Value(e) | PatternKind::Singleton(e) => walk_expr(e, f),
        PatternKind::Capture(n) | PatternKind::Star(n) => n.iter().for_each(|e| walk_expr(e, f)),
        PatternKind::Sequence(items) | PatternKind::Or(items) => {
            items.iter().for_each(|i| walk_pattern(i, f))
        }
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        } => {
            for (k, v) in keys.iter().zip(patterns) {
                walk_expr(k, f);
                walk_pattern(v, f);
            }
            rest.iter().for_each(|e| walk_expr(e, f));
        }
        PatternKind::Class {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            walk_expr(cls, f);
            patterns
                .iter()
                .chain(kwd_patterns)
                .for_each(|i| walk_pattern(i, f));
        }
        PatternKind::As { pattern, name } => {
            walk_pattern(pattern, f);
            walk_expr(name, f);
        }
    }
}

fn walk_params(p: &Parameters, f: &mut dyn FnMut(&Expr)) {
    for param in p.all() {
        param.annotation.iter().for_each(|e| walk_expr(e, f));
        param.default.iter().for_each(|e| walk_expr(e, f));
    }
}

fn walk_parts(parts: &[FStringPart], f: &mut dyn FnMut(&Expr)) {
    for part in parts {
        if let FStringPart::Interpolation {
            expr, format_spec, ..
        } = part
        {
            walk_expr(expr, f);
            if let Some(spec) = format_spec {
                walk_parts(spec, f);
            }
        }
    }
}

fn walk_gens(gens: &[Comprehension], f: &mut dyn FnMut(&Expr)) {
    for g in gens {
        walk_expr(&g.target, f);
        walk_expr(&g.iter, f);
        g.ifs.iter().for_each(|e| walk_expr(e, f));
    }
}

pub fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Name(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Complex(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::NoneLit
        | ExprKind::Ellipsis => {}
        ExprKind::FString(parts) => walk_parts(parts, f),
        ExprKind::BinOp { left, right, .. } => {
            walk_expr(left, f);
            walk_expr(right, f);
        }
        ExprKind::UnaryOp { operand, .. } => walk_expr(operand, f),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| walk_expr(v, f)),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            walk_expr(left, f);
            comparators.iter().for_each(|v| walk_expr(v, f));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            walk_expr(func, f);
            args.iter().for_each(|v| walk_expr(v, f));
            keywords.iter().for_each(|k| walk_expr(&k.value, f));
        }
        ExprKind::Attribute { value, .. } => walk_expr(value, f),
        ExprKind::Subscript { value, index } => {
            walk_expr(value, f);
            walk_expr(index, f);
        }
        ExprKind::Slice { lower, upper, step } => {
            for part in [lower, upper, step].into_iter().flatten() {
                walk_expr(part, f);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            walk_expr(body, f);
            walk_expr(test, f);
            walk_expr(orelse, f);
        }
        ExprKind::List(es) | ExprKind::Tuple(es) | ExprKind::Set(es) => {
            es.iter().for_each(|v| walk_expr(v, f))
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                k.iter().for_each(|k| walk_expr(k, f));
                walk_expr(v, f);
            }
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            walk_expr(elt, f);
            walk_gens(generators, f);
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            walk_expr(key, f);
            walk_expr(value, f);
            walk_gens(generators, f);
        }
        ExprKind::Lambda { params, body } => {
            walk_params(params, f);
            walk_expr(body, f);
        }
        ExprKind::Starred(v) | ExprKind::Await(v) | ExprKind::YieldFrom(v) => walk_expr(v, f),
        ExprKind::Yield(v) => v.iter().for_each(|v| walk_expr(v, f)),
        ExprKind::Named { target, value } => {
            walk_expr(target, f);
            walk_expr(value, f);
        }
    }
}
