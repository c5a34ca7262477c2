//! Local lists of int tuples kept unboxed.
//!
//! A local of type `list[tuple[int, int]]` (2 to 4 `int` items) that a function only
//! fills and walks —
//!
//! - `n = []` (or `n: list[tuple[int, int]] = []`),
//! - `n.append((a, b))` as a statement, with a tuple display of `int` items,
//! - `for x, y in n:` with one `int` name per item,
//! - `len(n)`
//!
//! — and mentions in no other way never leaves the function: no other code can see it
//! or change it. So it is kept as an `oxy_ivec` (runtime): the items side by side in a
//! C array of `oxy_int`, no tuple made, no item boxed, nothing to check when a loop
//! reads them back. Each `[]` makes a new one, as each display makes a new list.
//!
//! The walk is the list's own: the loop reads the length at every step, so tuples
//! appended by the body are walked too, and it holds the list it started with when
//! the body rebinds the name. A `bool` or an int of unknown static type never goes
//! in (the qualifying appends take `int` items only), so every item read back is the
//! int object the tuple would have held, or an equal one for a small int.
//!
//! Every other mention disqualifies the local, and so does a comprehension variable
//! of the same name; `len(n)` counts only where `len` is the builtin. (A load that reaches the general code
//! anyway gets a list of new tuples, `oxy_ivec_to_list`; a store gets SystemError.)

use std::collections::{HashMap, HashSet};

use oxyc_ir::{Const, OpKind, Prim, RType, Reg};
use oxyc_sema::{Child, each_child, each_expr_child};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use oxyc_types::Ty;

use crate::builder::{FnBuilder, Val};

/// The item count of a list type whose items are tuples of 2 to 4 ints.
pub fn int_tuple_list(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::List(item) => match &**item {
            Ty::Tuple(items)
                if (2..=4).contains(&items.len()) && items.iter().all(|t| *t == Ty::Int) =>
            {
                Some(items.len())
            }
            _ => None,
        },
        _ => None,
    }
}

/// The names among `candidates` (name -> item count) that `body` mentions only in the
/// ways of the module docs. `ty_of` gives an expression's static type.
/// (`len_builtin`: `len` names the builtin in the function.)
pub fn vec_names(
    body: &[Stmt],
    candidates: &HashMap<String, usize>,
    ty_of: &dyn Fn(&Expr) -> Ty,
    len_builtin: bool,
) -> HashSet<String> {
    let mut w = Walk {
        candidates,
        ty_of,
        len_builtin,
        mentions: HashMap::new(),
        served: HashMap::new(),
        poisoned: HashSet::new(),
    };
    for s in body {
        w.stmt(s);
    }
    // (A comprehension variable named `len` would be what `len(n)` calls there.)
    if w.poisoned.contains("len") && w.len_builtin {
        return vec_names(body, candidates, ty_of, false);
    }
    candidates
        .keys()
        .filter(|n| {
            let m = w.mentions.get(*n).copied().unwrap_or(0);
            m > 0 && w.served.get(*n).copied().unwrap_or(0) == m && !w.poisoned.contains(*n)
        })
        .cloned()
        .collect()
}

struct Walk<'c> {
    candidates: &'c HashMap<String, usize>,
    ty_of: &'c dyn Fn(&Expr) -> Ty,
    /// `len(n)` calls the builtin (else it is a mention like any other).
    len_builtin: bool,
    mentions: HashMap<String, usize>,
    served: HashMap<String, usize>,
    /// Bound some way the walk does not count (`except ... as n`, `def n`, `import n`).
    poisoned: HashSet<String>,
}

/// `n.append((a, b, ...))`: the list expression and the tuple's items.
fn append_call(e: &Expr) -> Option<(&Expr, &[Expr])> {
    let (value, name, args, keywords) = crate::local_walk::method_call(e)?;
    if name != "append" || !keywords.is_empty() {
        return None;
    }
    let [arg] = args else {
        return None;
    };
    let ExprKind::Tuple(items) = &arg.kind else {
        return None;
    };
    Some((value, items))
}

/// `[]`.
fn empty_list(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::List(items) if items.is_empty())
}

impl Walk<'_> {
    fn candidate<'e>(&self, e: &'e Expr) -> Option<(&'e str, usize)> {
        match &e.kind {
            ExprKind::Name(n) => self.candidates.get(n).map(|&k| (n.as_str(), k)),
            _ => None,
        }
    }

    fn serve(&mut self, n: &str) {
        *self.served.entry(n.to_string()).or_default() += 1;
    }

    fn mention(&mut self, n: &str) {
        if self.candidates.contains_key(n) {
            *self.mentions.entry(n.to_string()).or_default() += 1;
        }
    }

    fn int_items(&self, items: &[Expr], k: usize) -> bool {
        items.len() == k && items.iter().all(|e| (self.ty_of)(e) == Ty::Int)
    }

    fn stmt(&mut self, s: &Stmt) {
        crate::local_walk::bound_otherwise(s, &mut self.poisoned);
        match &s.kind {
            StmtKind::Assign { targets, value } if targets.len() == 1 => {
                if let Some((n, _)) = self.candidate(&targets[0])
                    && empty_list(value)
                {
                    self.serve(n);
                }
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some((n, _)) = self.candidate(target)
                    && value.as_ref().is_none_or(empty_list)
                {
                    self.serve(n);
                }
            }
            StmtKind::Expr(e) => {
                if let Some((list, items)) = append_call(e)
                    && let Some((n, k)) = self.candidate(list)
                    && self.int_items(items, k)
                {
                    self.serve(n);
                }
            }
            StmtKind::For {
                target,
                iter,
                is_async: false,
                ..
            } => {
                if let Some((n, k)) = self.candidate(iter)
                    && let ExprKind::Tuple(ts) | ExprKind::List(ts) = &target.kind
                    && ts.len() == k
                    && ts
                        .iter()
                        .all(|t| matches!(t.kind, ExprKind::Name(_)) && (self.ty_of)(t) == Ty::Int)
                {
                    self.serve(n);
                }
            }
            _ => {}
        }
        each_child(s, &mut |c| match c {
            Child::Stmt(s) => self.stmt(s),
            Child::Expr(e) => self.expr(e),
            Child::Target(t) => self.expr(t),
        });
    }

    fn expr(&mut self, e: &Expr) {
        crate::local_walk::comprehension_targets(e, &mut self.poisoned);
        match &e.kind {
            ExprKind::Name(n) => self.mention(n),
            ExprKind::Call {
                func,
                args,
                keywords,
            } if keywords.is_empty()
                && self.len_builtin
                && matches!(&func.kind, ExprKind::Name(f) if f == "len")
                && args.len() == 1 =>
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

impl<'a> FnBuilder<'a> {
    /// The register and item count of the unboxed list local `e` names, if it is one
    /// here (not shadowed by a comprehension's variable, not read from a class body).
    fn vec_local(&self, e: &Expr) -> Option<(String, Reg, usize)> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        if self.class_body.is_some() || self.comp.iter().any(|s| s.contains_key(n)) {
            return None;
        }
        self.vecs.get(n).map(|&(r, k)| (n.clone(), r, k))
    }

    /// Whether `e` names an unboxed list local here.
    pub fn is_vec(&self, e: &Expr) -> bool {
        self.vec_local(e).is_some()
    }

    /// The list of local `n` (UnboundLocalError if it is unbound).
    fn vec_bound(&mut self, n: &str, r: Reg) -> Reg {
        self.emit(OpKind::CheckBound {
            reg: r,
            name: n.to_string(),
        });
        r
    }

    /// `n = []` for an unboxed list local: a new empty one.
    pub fn store_vec_empty(&mut self, target: &Expr, value: &Expr) -> bool {
        let Some((_, r, k)) = self.vec_local(target) else {
            return false;
        };
        if !empty_list(value) {
            return false;
        }
        let kk = self.konst(Const::Int(k as i64), RType::Ssize);
        let v = self.prim(Prim::IVecNew, vec![kk]);
        self.assign(r, v);
        true
    }

    /// `n.append((a, b))` as a statement.
    pub fn vec_append(&mut self, e: &'a Expr) -> bool {
        let Some((list, items)) = append_call(e) else {
            return false;
        };
        let Some((n, r, k)) = self.vec_local(list) else {
            return false;
        };
        if items.len() != k {
            return false;
        }
        let v = self.vec_bound(&n, r);
        let mut args = vec![v];
        for item in items {
            let x = self.expr(item);
            args.push(self.coerce(&x, &Ty::Int, Some("tuple item")));
        }
        let prim = match k {
            2 => Prim::IVecPush2,
            3 => Prim::IVecPush3,
            _ => Prim::IVecPush4,
        };
        self.prim_void(prim, args);
        true
    }

    /// `len(n)`.
    pub fn vec_len(&mut self, arg: &Expr) -> Option<Val> {
        let (n, r, _) = self.vec_local(arg)?;
        let v = self.vec_bound(&n, r);
        let len = self.prim(Prim::IVecLen, vec![v]);
        let i = self.prim(Prim::SsizeToInt, vec![len]);
        Some(Val::new(i, Ty::Int))
    }

    /// A load the module docs do not expect: a list of new tuples.
    pub fn load_vec(&mut self, n: &str) -> Val {
        let r = self.vecs[n].0;
        let v = self.vec_bound(n, r);
        let list = self.prim(Prim::IVecToList, vec![v]);
        Val::new(list, Ty::Object)
    }

    /// A store the module docs do not expect (SystemError).
    pub fn store_vec_other(&mut self) {
        let _ = self.prim(Prim::IVecBadStore, vec![]);
    }

    /// Whether `for target in iter:` walks an unboxed list local (see `vec_loop`).
    pub fn is_vec_loop(&self, iter: &Expr, target: &Expr) -> bool {
        matches!(
            (self.vec_local(iter), &target.kind),
            (Some((_, _, k)), ExprKind::Tuple(ts) | ExprKind::List(ts)) if ts.len() == k
        )
    }

    /// `for x, y in n:` (`is_vec_loop`), walked by index: the length read at every
    /// step, as the list iterator does.
    pub fn vec_loop(
        &mut self,
        iter: &'a Expr,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        after_iter: Option<&mut dyn FnMut(&mut FnBuilder<'a>)>,
    ) {
        let (Some((n, r, _)), ExprKind::Tuple(ts) | ExprKind::List(ts)) =
            (self.vec_local(iter), &target.kind)
        else {
            return;
        };
        let loop_narrowed = self.narrowed.clone();
        let v = self.vec_bound(&n, r);
        // The list walked is the one bound now, whatever the body binds.
        let obj = self.temp(RType::Obj);
        self.assign(obj, v);
        if let Some(f) = after_iter {
            f(self);
        }
        let (header, item, body_blk, cont, else_blk, after) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        let idx = self.temp(RType::Ssize);
        let zero = self.konst(Const::Int(0), RType::Ssize);
        self.assign(idx, zero);
        self.goto(header);
        self.switch_to(header);
        let len = self.prim(Prim::IVecLen, vec![obj]);
        let more = self.prim(Prim::SsizeLt, vec![idx, len]);
        self.branch(more, item, else_blk);
        self.switch_to(item);
        let mut vals = Vec::with_capacity(ts.len());
        for j in 0..ts.len() {
            let jj = self.konst(Const::Int(j as i64), RType::Ssize);
            let x = self.prim(Prim::IVecGet, vec![obj, idx, jj]);
            let t = self.temp(RType::Int);
            self.assign(t, x);
            vals.push(t);
        }
        let one = self.konst(Const::Int(1), RType::Ssize);
        let next = self.prim(Prim::SsizeAdd, vec![idx, one]);
        self.assign(idx, next);
        for (t, x) in ts.iter().zip(vals) {
            self.assign_target(t, Val::new(x, Ty::Int));
        }
        self.goto(body_blk);
        self.switch_to(body_blk);
        self.finish_for(
            obj,
            header,
            cont,
            else_blk,
            after,
            body,
            orelse,
            loop_narrowed,
        );
    }
}
