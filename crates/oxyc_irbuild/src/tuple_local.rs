//! Tuple locals kept as their items.
//!
//! A local of a fixed-length tuple type (`p = (a, b)`, `p = divmod2(n, k)`) whose every
//! mention is one the items serve — unpacking `x, y = p`, an index by a literal `p[0]`,
//! `len(p)`, `return p`, `del p` — lives in one register per item instead of a tuple object: no
//! tuple is made, no item boxed, read back and checked. The first item's register is
//! the local's own (named after it: "unbound" is its state), so an unbound local raises
//! as it does in CPython. The items live until the local is rebound, deleted or the
//! function returns, like the tuple's would, and are released last first as a tuple
//! releases them.
//!
//! Every other way of reading or writing the local still works (`load_split` builds
//! the tuple, `store_split` unpacks one), so the choice of locals is only about speed.

use std::collections::{HashMap, HashSet};

use oxyc_ir::{Const, OpKind, Prim, RType, Reg};
use oxyc_sema::{Child, each_child, each_expr_child};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use oxyc_types::Ty;

use crate::builder::{FnBuilder, Val};

/// Tuples of this many items at most are split.
const MAX_ITEMS: usize = 8;

/// The item types of `ty` when a local of that type may be split.
pub fn splittable(ty: &Ty) -> Option<&[Ty]> {
    match ty {
        Ty::Tuple(items) if (2..=MAX_ITEMS).contains(&items.len()) => Some(items),
        _ => None,
    }
}

/// The names among `candidates` (local name -> item count) mentioned in `body` only in
/// the ways the items serve, and stored only from a tuple display of as many items or
/// from a call of a function of this module that returns such a tuple unboxed
/// (`unboxed_call`: the item count of such a call, if it is one).
pub fn split_names(
    body: &[Stmt],
    candidates: &HashMap<String, usize>,
    unboxed_call: &dyn Fn(&Expr) -> Option<usize>,
) -> HashSet<String> {
    let mut w = Walk {
        candidates,
        unboxed_call,
        mentions: HashMap::new(),
        served: HashMap::new(),
    };
    for s in body {
        w.stmt(s);
    }
    candidates
        .keys()
        .filter(|n| {
            let m = w.mentions.get(*n).copied().unwrap_or(0);
            m > 0 && w.served.get(*n).copied().unwrap_or(0) == m
        })
        .cloned()
        .collect()
}

struct Walk<'c> {
    candidates: &'c HashMap<String, usize>,
    unboxed_call: &'c dyn Fn(&Expr) -> Option<usize>,
    /// Every mention of a candidate (loads and stores).
    mentions: HashMap<String, usize>,
    /// The mentions the items serve.
    served: HashMap<String, usize>,
}

impl Walk<'_> {
    /// The candidate `e` names, with its item count.
    fn candidate<'e>(&self, e: &'e Expr) -> Option<(&'e str, usize)> {
        match &e.kind {
            ExprKind::Name(n) => self.candidates.get(n).map(|&k| (n.as_str(), k)),
            _ => None,
        }
    }

    fn serve(&mut self, n: &str) {
        *self.served.entry(n.to_string()).or_default() += 1;
    }

    /// Does `value` give a `k`-tuple's items without a tuple?
    fn items_source(&self, value: &Expr, k: usize) -> bool {
        match &value.kind {
            ExprKind::Tuple(elts) => {
                elts.len() == k && !elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)))
            }
            ExprKind::Call { .. } => (self.unboxed_call)(value) == Some(k),
            _ => false,
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Assign { targets, value } if targets.len() == 1 => {
                if let Some((n, k)) = self.candidate(&targets[0])
                    && self.items_source(value, k)
                {
                    self.serve(n);
                }
                if let (ExprKind::Tuple(ts) | ExprKind::List(ts), Some((n, k))) =
                    (&targets[0].kind, self.candidate(value))
                    && ts.len() == k
                    && !ts.iter().any(|t| matches!(t.kind, ExprKind::Starred(_)))
                {
                    self.serve(n);
                }
            }
            StmtKind::AnnAssign {
                target,
                value: Some(value),
                ..
            } => {
                if let Some((n, k)) = self.candidate(target)
                    && self.items_source(value, k)
                {
                    self.serve(n);
                }
            }
            StmtKind::Return(Some(v)) => {
                if let Some((n, _)) = self.candidate(v) {
                    self.serve(n);
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    if let Some((n, _)) = self.candidate(t) {
                        self.serve(n);
                    }
                }
            }
            _ => {}
        }
        each_child(s, &mut |c| match c {
            Child::Stmt(s) => self.stmt(s),
            Child::Expr(e) => self.expr(e),
            Child::Target(t) => self.target(t),
        });
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.mention(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i);
                }
            }
            ExprKind::Starred(inner) => self.target(inner),
            // `p[0] = x` or `p.a = x`: the tuple itself is mentioned (and not served).
            _ => {
                if let ExprKind::Subscript { value, index } = &t.kind
                    && let ExprKind::Name(n) = &value.kind
                {
                    self.mention(n);
                    self.expr(index);
                    return;
                }
                each_expr_child(t, &mut |e| self.expr(e));
            }
        }
    }

    fn mention(&mut self, n: &str) {
        if self.candidates.contains_key(n) {
            *self.mentions.entry(n.to_string()).or_default() += 1;
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.mention(n),
            ExprKind::Subscript { value, index } => {
                if let Some((n, k)) = self.candidate(value)
                    && literal_index(index, k).is_some()
                {
                    self.serve(n);
                }
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } if keywords.is_empty()
                && args.len() == 1
                && matches!(&func.kind, ExprKind::Name(f) if f == "len") =>
            {
                if let Some((n, _)) = self.candidate(&args[0]) {
                    self.serve(n);
                }
                each_expr_child(e, &mut |c| self.expr(c));
            }
            _ => each_expr_child(e, &mut |c| self.expr(c)),
        }
    }
}

/// The item a literal index `index` (negative ones from the end) names in a `k`-tuple.
pub fn literal_index(index: &Expr, k: usize) -> Option<usize> {
    let v = crate::stmt::literal_int(index)?;
    let i = if v < 0 { v + k as i64 } else { v };
    (0..k as i64).contains(&i).then_some(i as usize)
}

impl<'a> FnBuilder<'a> {
    /// The split local `e` names, if it is one here (not shadowed by a comprehension's
    /// variable, not read from a class namespace).
    pub fn split_local(&self, e: &Expr) -> Option<String> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        (self.split.contains_key(n)
            && self.class_body.is_none()
            && !self.comp.iter().any(|s| s.contains_key(n)))
        .then(|| n.clone())
    }

    /// The items of split local `n` (raising UnboundLocalError if it is unbound).
    pub fn split_items(&mut self, n: &str) -> Vec<Val> {
        let items = self.split.get(n).cloned().unwrap_or_default();
        if let Some((r0, _)) = items.first() {
            self.emit(OpKind::CheckBound {
                reg: *r0,
                name: n.to_string(),
            });
        }
        items.into_iter().map(|(r, t)| Val::new(r, t)).collect()
    }

    /// Split local `n` as a tuple object, for the mentions its items do not serve.
    pub fn load_split(&mut self, n: &str) -> Val {
        let items = self.split_items(n);
        let tys = items.iter().map(|v| v.ty.clone()).collect();
        let tuple = self.tuple_of(&items);
        Val::new(tuple, Ty::Tuple(tys))
    }

    /// Store the items `vals` (all evaluated already) into split local `n`.
    pub fn store_split_items(&mut self, n: &str, vals: Vec<Val>) {
        let items = self.split.get(n).cloned().unwrap_or_default();
        let what = format!("local variable '{n}' in {}()", self.name);
        let coerced: Vec<Reg> = vals
            .iter()
            .zip(&items)
            .map(|(v, (_, t))| self.coerce(v, t, Some(&what)))
            .collect();
        // Last item first: the old items are released in that order, as a tuple's are.
        for ((r, _), c) in items.iter().zip(coerced).rev() {
            self.assign(*r, c);
        }
    }

    /// Store the tuple object `v` into split local `n` (for the stores that are not a
    /// tuple display or an unboxed result: checked and unpacked).
    pub fn store_split(&mut self, n: &str, v: Val) {
        let items = self.split.get(n).cloned().unwrap_or_default();
        let tys: Vec<Ty> = items.iter().map(|(_, t)| t.clone()).collect();
        let what = format!("local variable '{n}' in {}()", self.name);
        let obj = self.coerce(&v, &Ty::Tuple(tys.clone()), Some(&what));
        let parts = self.unpack_tuple(obj, &tys);
        self.store_split_items(n, parts);
    }

    /// The items of the tuple object `obj`, which must have as many as `tys` (else
    /// ValueError, as unpacking raises), each checked to be of its type.
    fn unpack_tuple(&mut self, obj: Reg, tys: &[Ty]) -> Vec<Val> {
        let n = self.konst(Const::Int(tys.len() as i64), RType::Ssize);
        let tuple = self.prim(Prim::Unpack, vec![obj, n]);
        tys.iter()
            .enumerate()
            .map(|(i, t)| {
                let idx = self.konst(Const::Int(i as i64), RType::Ssize);
                let item = self.prim(Prim::TupleItemUnchecked, vec![tuple, idx]);
                let r = self.coerce(&Val::new(item, Ty::Object), t, Some("tuple item"));
                Val::new(r, t.clone())
            })
            .collect()
    }

    /// `del n` (and the end of `except ... as n`) for a split local.
    pub fn unbind_split(&mut self, n: &str) {
        for (r, _) in self
            .split
            .get(n)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .rev()
        {
            self.emit(OpKind::Undef { reg: r });
        }
    }
}
