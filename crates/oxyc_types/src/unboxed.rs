//! Functions that return a fixed-length tuple unboxed.
//!
//! A module-level function annotated `-> tuple[A, B, ...]` (2 to 4 items) whose every
//! `return` is a tuple display of that many items returns the items themselves to its
//! compiled callers: element 0 as its C result, the others through per-function
//! statics that the caller reads right after the call. A caller that unpacks the
//! result (`a, b = f(x)`) never builds the tuple; any other use builds it, and so does
//! the function's Python wrapper (the dynamic boundary).
//!
//! The items keep the values the boxed tuple would hold: an int, float or bool item
//! must be typed exactly that where it is returned (a `True` returned for an `int` item
//! stays `True`); any other item is boxed as is. The last statement of the body must
//! be a `return`, so the function never falls off its end (returning None). A display
//! of constants only is left boxed: CPython returns the same constant tuple each time.

use oxyc_sema::{Child, FuncScope, each_child};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};

use crate::{ExprTypes, Ty};

/// Most items an unboxed tuple result has.
const MAX_ITEMS: usize = 4;

/// The item types of `f`'s result when it returns it unboxed (see the module docs).
pub fn unboxed_tuple_return(f: &FuncScope<'_>, ret: &Ty, exprs: &ExprTypes) -> Option<Vec<Ty>> {
    let Ty::Tuple(items) = ret else {
        return None;
    };
    if !(2..=MAX_ITEMS).contains(&items.len()) || !f.top_level || f.is_generator || f.has_closure()
    {
        return None;
    }
    let def = f.def()?;
    if !def.decorators.is_empty() || !matches!(def.body.last()?.kind, StmtKind::Return(Some(_))) {
        return None;
    }
    let ok = |e: &Expr| match &e.kind {
        ExprKind::Tuple(elts) => {
            elts.len() == items.len()
                && !elts.iter().all(is_constant)
                && elts.iter().zip(items).all(|(v, t)| {
                    !matches!(v.kind, ExprKind::Starred(_))
                        && (!matches!(t, Ty::Int | Ty::Float | Ty::Bool) || exprs.get(v.id) == t)
                })
        }
        _ => false,
    };
    every_return(&def.body, &ok).then(|| items.clone())
}

/// Does `ok` hold for the value of every `return` in `body` (not in nested functions or
/// classes)? A bare `return` has none: false.
fn every_return(body: &[Stmt], ok: &dyn Fn(&Expr) -> bool) -> bool {
    body.iter().all(|s| match &s.kind {
        StmtKind::Return(v) => v.as_ref().is_some_and(ok),
        StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => true,
        _ => {
            let mut all = true;
            each_child(s, &mut |c| {
                if let Child::Stmt(inner) = c {
                    all = all && every_return(std::slice::from_ref(inner), ok);
                }
            });
            all
        }
    })
}

fn is_constant(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::NoneLit => true,
        ExprKind::UnaryOp { operand, .. } => is_constant(operand),
        ExprKind::Tuple(elts) => elts.iter().all(is_constant),
        _ => false,
    }
}
