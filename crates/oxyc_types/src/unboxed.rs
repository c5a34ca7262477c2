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

use std::collections::{HashMap, HashSet};

use oxyc_sema::{Child, FuncScope, NameRes, SemModule, each_child};
use oxyc_syntax::ast::{Expr, ExprKind, FunctionDef, Stmt, StmtKind};

use crate::split::{ArgAt, Calls, split_names};
use crate::{ExprTypes, FuncSig, Ty};

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

/// Most items an unboxed tuple parameter has.
const MAX_PARAM_ITEMS: usize = 4;

/// Per function (indexed like `SemModule::functions`), per parameter (in the order
/// of the `def`): the item types of a tuple parameter the function takes unboxed.
///
/// A parameter annotated `tuple[A, B, ...]` (2 to 4 items), without a default, not
/// `*args`/`**kwargs`, not captured by an inner function, of an early-bound
/// module-level function that is not a generator or coroutine and has no decorator,
/// whose every mention in the body its items serve (`split::split_names`: unpacking,
/// literal indices, `len()`, `del`, stores of displays and of unboxed results, and
/// passing it on to another such parameter; not `return p`, which must give the
/// caller the argument itself). Its native C function takes the items as separate
/// parameters; the wrapper and compiled callers check and unpack the tuple (or pass
/// the items of a display, of a tuple kept as its items, of an unboxed result).
/// Passing a parameter on to another is served only when that one is unboxed too:
/// the answer is the greatest fixpoint, starting from every candidate.
pub fn unboxed_params(
    sem: &SemModule<'_>,
    sigs: &[FuncSig],
    unboxed_returns: &[Option<Vec<Ty>>],
) -> Vec<Vec<Option<Vec<Ty>>>> {
    let early: HashSet<usize> = sem.early_bound.values().copied().collect();
    let mut cur: Vec<Vec<Option<Vec<Ty>>>> = sem
        .functions
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            let n = f.parameters().all().count();
            let Some(def) = f.def() else {
                return vec![None; n];
            };
            if !f.top_level
                || f.is_generator
                || f.has_closure()
                || !def.decorators.is_empty()
                || !early.contains(&fi)
            {
                return vec![None; n];
            }
            let ps = &def.params;
            let npos = ps.posonly.len() + ps.args.len();
            let collector =
                |i: usize| (ps.vararg.is_some() && i == npos) || (ps.kwarg.is_some() && i + 1 == n);
            ps.all()
                .zip(&sigs[fi].params)
                .enumerate()
                .map(|(i, (p, ty))| match ty {
                    Ty::Tuple(items)
                        if (2..=MAX_PARAM_ITEMS).contains(&items.len())
                            && p.default.is_none()
                            && !collector(i)
                            && !f.cellvars.contains(&p.name.name) =>
                    {
                        Some(items.clone())
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();
    loop {
        let mut next = cur.clone();
        for (fi, f) in sem.functions.iter().enumerate() {
            let Some(def) = f.def() else { continue };
            let candidates: HashMap<String, usize> = def
                .params
                .all()
                .zip(&cur[fi])
                .filter_map(|(p, t)| t.as_ref().map(|t| (p.name.name.clone(), t.len())))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            let callee = |e: &Expr| -> Option<usize> {
                let ExprKind::Call { func, .. } = &e.kind else {
                    return None;
                };
                let ExprKind::Name(g) = &func.kind else {
                    return None;
                };
                if sem.resolve(Some(f), g) != NameRes::Global {
                    return None;
                }
                sem.early_bound.get(g.as_str()).copied()
            };
            let unboxed_call = |e: &Expr| unboxed_returns[callee(e)?].as_ref().map(Vec::len);
            let unboxed_arg = |e: &Expr, at: ArgAt<'_>| {
                let gi = callee(e)?;
                let pi = param_index(sem.functions[gi].def()?, at)?;
                cur[gi].get(pi)?.as_ref().map(Vec::len)
            };
            let calls = Calls {
                unboxed_call: &unboxed_call,
                unboxed_arg: &unboxed_arg,
            };
            let served = split_names(&def.body, &candidates, true, &calls);
            for (p, slot) in def.params.all().zip(next[fi].iter_mut()) {
                if slot.is_some() && !served.contains(&p.name.name) {
                    *slot = None;
                }
            }
        }
        if next == cur {
            return cur;
        }
        cur = next;
    }
}

/// The parameter of `def` (index in the order of the `def`) that an argument at `at`
/// binds to, when it is a named parameter (not `*args`, `**kwargs`).
pub fn param_index(def: &FunctionDef, at: ArgAt<'_>) -> Option<usize> {
    let ps = &def.params;
    let npos = ps.posonly.len() + ps.args.len();
    match at {
        ArgAt::Pos(j) => (j < npos).then_some(j),
        ArgAt::Kw(name) => {
            if let Some(k) = ps.args.iter().position(|p| p.name.name == name) {
                return Some(ps.posonly.len() + k);
            }
            let k = ps.kwonly.iter().position(|p| p.name.name == name)?;
            Some(npos + usize::from(ps.vararg.is_some()) + k)
        }
    }
}
