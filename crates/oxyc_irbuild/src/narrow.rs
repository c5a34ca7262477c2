//! Flow-sensitive narrowing of `Optional[C]` and untyped locals.
//!
//! After `if x is not None:` (or `if x:`, `while x is not None:`, `if x is None:
//! return`, the operands of `and`/`or` and ternaries; `x` may be a walrus,
//! `if (x := f()) is not None:`), a local typed `Optional[C]` for
//! a native class `C` (not after `assert x is not None`: `-O` skips the test)
//! is read as a plain `C`: field reads, stores and method calls on it need no
//! type guard. The builder keeps the set of narrowed locals in `FnBuilder::narrowed`
//! and maintains it soundly while it lowers statements in order:
//!
//! * a store to (or `del` of) a name drops it at once (walrus stores too; a read of
//!   a walrus target is copied, so a value read before a walrus rebinds it is the
//!   value tested); in `a and b`, what `a` implies about a name a walrus in `b`
//!   rebinds does not survive;
//! * a `with` statement drops every name assigned in it (a suppressed exception can
//!   leave its body anywhere);
//! * a loop drops, on entry, every name assigned anywhere in it (the back edge can
//!   bring a None in), so narrowings made in the body never outlive an iteration;
//! * a `try` drops every name assigned anywhere in it (its handlers can start from
//!   any point of the body);
//! * after an `if`, what holds at the end of both branches holds (a branch that
//!   cannot fall through, e.g. ends in `return`, does not count).
//!
//! An untyped local (`object`, a union, no annotation) is narrowed the same way
//! after `if isinstance(x, dict):` (to `dict`) or `if isinstance(x, str):` (to
//! `str`). After `assert isinstance(x, dict)`, which `-O` skips, `x` only gets a
//! *hint*: `x.get(...)` is tried as a dict method first (the runtime checks), and
//! nothing else changes.
//!
//! Only the static type changes: the register is the same `PyObject *`, so an
//! unsound narrowing would skip a guard, never misread a value. Hence the rules
//! above are deliberately conservative.

use crate::builder::FnBuilder;
use oxyc_sema::NameRes;
use oxyc_syntax::ast::{BoolOp, CmpOp, Expr, ExprKind, Stmt, UnaryOp};
use oxyc_types::Ty;
use std::collections::{HashMap, HashSet};

/// Narrowed locals: name -> the type it has at this point of the function.
pub type Narrowed = HashMap<String, Ty>;

/// Every name a statement list may bind, at any depth (assignments, loop and `with`
/// targets, `except ... as`, imports, `del`, and walrus targets anywhere, including
/// inside comprehensions and lambdas).
pub fn assigned_anywhere(body: &[Stmt]) -> HashSet<String> {
    let mut names = Vec::new();
    let mut globals = Vec::new();
    oxyc_sema::bound_names(body, &mut names, &mut globals);
    let mut out: HashSet<String> = names.into_iter().collect();
    for s in body {
        walrus_in_stmt(s, &mut out);
    }
    out
}

/// Every name a walrus anywhere in these statements binds.
pub fn walrus_targets(body: &[Stmt]) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in body {
        walrus_in_stmt(s, &mut out);
    }
    out
}

fn walrus_in_stmt(s: &Stmt, out: &mut HashSet<String>) {
    oxyc_sema::each_child(s, &mut |c| match c {
        oxyc_sema::Child::Stmt(inner) => walrus_in_stmt(inner, out),
        oxyc_sema::Child::Expr(e) | oxyc_sema::Child::Target(e) => walrus_in_expr(e, out),
    });
}

fn walrus_in_expr(e: &Expr, out: &mut HashSet<String>) {
    if let ExprKind::Named { target, .. } = &e.kind {
        let mut names = Vec::new();
        oxyc_sema::target_names(target, &mut names);
        out.extend(names);
    }
    oxyc_sema::each_expr_child(e, &mut |c| walrus_in_expr(c, out));
}

impl<'a> FnBuilder<'a> {
    /// The narrowed type of local `n`, if any.
    pub fn narrowed_ty(&self, n: &str) -> Option<&Ty> {
        self.narrowed.get(n)
    }

    /// Forget what is known about `n` (it is being rebound or deleted).
    pub fn forget_narrowing(&mut self, n: &str) {
        self.narrowed.remove(n);
        if !self.narrowed.is_empty() {
            self.narrowed.remove(&hint_key(n));
        }
    }

    /// Has an `assert isinstance(n, dict)` passed (or been skipped by `-O`) since
    /// `n` was last bound? Then `n.get(...)` is tried as a dict first: the runtime
    /// calls the method itself for anything else.
    pub fn dict_hinted(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Name(n) => self.narrowed.contains_key(&hint_key(n)),
            _ => false,
        }
    }

    /// After `assert test`: what the test implies, as hints only (with `-O` the test
    /// never ran, so nothing may rely on it).
    pub fn apply_assert_hints(&mut self, test: &Expr) {
        if self.no_narrowing > 0 {
            return;
        }
        for (n, t) in self.implied(test, true) {
            if matches!(t, Ty::Dict(..)) {
                self.narrowed.insert(hint_key(&n), t);
            }
        }
    }

    /// Forget every name the statements may bind.
    pub fn forget_assigned(&mut self, body: &[Stmt]) {
        if self.narrowed.is_empty() {
            return;
        }
        let names = assigned_anywhere(body);
        self.narrowed.retain(|n, _| !names.contains(fact_name(n)));
    }

    /// Forget the walrus targets inside `e`.
    pub fn forget_walrus_in(&mut self, e: &Expr) {
        if self.narrowed.is_empty() {
            return;
        }
        let mut names = HashSet::new();
        walrus_in_expr(e, &mut names);
        self.narrowed.retain(|n, _| !names.contains(fact_name(n)));
    }

    /// Narrow by what `test` being `when` implies.
    pub fn apply_narrowing(&mut self, test: &Expr, when: bool) {
        if self.no_narrowing > 0 {
            return;
        }
        for (n, t) in self.implied(test, when) {
            self.narrowed.insert(n, t);
        }
    }

    /// The (name, type) facts that hold when `test` evaluates to `when`.
    fn implied(&self, test: &Expr, when: bool) -> Vec<(String, Ty)> {
        match &test.kind {
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() == 1 && matches!(comparators[0].kind, ExprKind::NoneLit) => {
                let not_none = match ops[0] {
                    CmpOp::IsNot => when,
                    CmpOp::Is => !when,
                    _ => false,
                };
                match walrus_or_name(left) {
                    Some(n) if not_none => self.not_none(n).into_iter().collect(),
                    _ => vec![],
                }
            }
            // Truthy implies not None (a falsy instance tells nothing).
            ExprKind::Name(_) | ExprKind::Named { .. } if when => walrus_or_name(test)
                .and_then(|n| self.not_none(n))
                .into_iter()
                .collect(),
            // `isinstance(x, dict)` / `isinstance(x, str)` of an untyped local.
            ExprKind::Call { .. } if when => {
                let Some([x, cls]) = self.builtin_call_args(test, "isinstance", 2) else {
                    return vec![];
                };
                let ExprKind::Name(c) = &cls.kind else {
                    return vec![];
                };
                let builtin = self.class_body.is_none()
                    && !self.comp.iter().any(|s| s.contains_key(c))
                    && self.cx.sem.resolve(self.scope, c) == NameRes::Builtin;
                let t = match c.as_str() {
                    "dict" if builtin => Ty::Dict(Box::new(Ty::Object), Box::new(Ty::Object)),
                    "str" if builtin => Ty::Str,
                    _ => return vec![],
                };
                walrus_or_name(x)
                    .filter(|n| self.untyped_local(n))
                    .map(|n| (n.to_string(), t))
                    .into_iter()
                    .collect()
            }
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => self.implied(operand, !when),
            ExprKind::BoolOp { op, values }
                if (matches!(op, BoolOp::And) && when) || (matches!(op, BoolOp::Or) && !when) =>
            {
                // A walrus in a later operand may rebind what an earlier one tested.
                let mut facts: Vec<(String, Ty)> = Vec::new();
                for v in values {
                    let mut rebound = HashSet::new();
                    walrus_in_expr(v, &mut rebound);
                    facts.retain(|(n, _)| !rebound.contains(n));
                    facts.extend(self.implied(v, when));
                }
                facts
            }
            _ => vec![],
        }
    }

    /// Is `n` a plain local of no known type (`object`, a union, no annotation)?
    fn untyped_local(&self, n: &str) -> bool {
        if self.comp.iter().any(|s| s.contains_key(n)) || !self.locals.contains_key(n) {
            return false;
        }
        matches!(self.cx.sem.resolve(self.scope, n), NameRes::Local)
            && matches!(
                self.narrowed.get(n).or_else(|| self.local_tys.get(n)),
                Some(Ty::Object)
            )
    }

    /// `n` is not None: its narrowed type, when `n` is an `Optional[C]` local.
    fn not_none(&self, n: &str) -> Option<(String, Ty)> {
        if self.comp.iter().any(|s| s.contains_key(n)) || !self.locals.contains_key(n) {
            return None;
        }
        if !matches!(self.cx.sem.resolve(self.scope, n), NameRes::Local) {
            return None;
        }
        let current = self.narrowed.get(n).or_else(|| self.local_tys.get(n))?;
        match current {
            Ty::OptInstance(c) => Some((n.to_string(), Ty::Instance(c.clone()))),
            _ => None,
        }
    }

    /// Is the current block reachable only by falling off a terminator (so nothing
    /// flows out of the code just lowered)?
    pub fn falls_through(&self) -> bool {
        !self.dead
    }
}

/// The name `e` reads or, for `(n := v)`, the name it has just stored: either way the
/// variable holds the value tested.
fn walrus_or_name(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Named { target, .. } => match &target.kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// The key under which a hint about `n` is kept among the narrowings (so that
/// every rule that forgets or joins narrowings applies to hints too).
fn hint_key(n: &str) -> String {
    format!("\0{n}")
}

/// The name a narrowing or hint key is about.
fn fact_name(k: &str) -> &str {
    k.strip_prefix('\0').unwrap_or(k)
}

/// What holds after two paths join: the facts both agree on.
pub fn join(a: &Narrowed, b: &Narrowed) -> Narrowed {
    a.iter()
        .filter(|(n, t)| b.get(*n) == Some(*t))
        .map(|(n, t)| (n.clone(), t.clone()))
        .collect()
}
