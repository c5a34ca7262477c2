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
//! Which locals qualify is `oxyc_types::split`'s walk, shared with the unboxed tuple
//! parameters (`oxyc_types::ModuleTypes::unboxed_params`), which live here the same
//! way: the parameter's own register holds item 0, the others come after every
//! parameter's own (`oxyc_ir::Param::items`).

use oxyc_ir::{Const, OpKind, Prim, RType, Reg};
use oxyc_syntax::ast::{Expr, ExprKind};
use oxyc_types::Ty;

pub use oxyc_types::split::{literal_index, split_names};

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
