//! `for a, b in zip(xs, ys)` over sequences of known types (list, tuple, str, bytes,
//! bytearray): when every argument is exactly such a sequence, the loop walks them
//! by index (lengths re-read every step, as their iterators do) and binds the
//! targets directly, without iterator, zip or tuple objects; otherwise the builtin
//! `zip` runs as usual. Both paths share one copy of the body.
//!
//! `for i, x in enumerate(xs)` (and `enumerate(xs, k)`, `enumerate(xs, start=k)` with a
//! small literal `k`) is the same walk with the index as the count, and over any other
//! iterable a loop over its own iterator that keeps the count: no enumerate object, no
//! pairs, no boxed counts.

use crate::builder::{FnBuilder, Val};
use oxyc_ir::{Const, OpKind, Prim, RType, Reg};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt};
use oxyc_types::Ty;

/// How one argument is walked: exact check, length, item (a new reference).
fn seq_prims(t: &Ty) -> Option<(Prim, Prim, Prim)> {
    seq_walk(t).map(|(c, l, i, _)| (c, l, i))
}

/// For bytes and bytearray: the item as an unboxed int (no int object made).
pub fn int_item_prim(t: &Ty) -> Option<Prim> {
    seq_walk(t).and_then(|(_, _, _, i)| i)
}

fn seq_walk(t: &Ty) -> Option<(Prim, Prim, Prim, Option<Prim>)> {
    let (c, l, i) = match t {
        Ty::List(_) => (Prim::ListCheckExact, Prim::ListLen, Prim::ListItemUnchecked),
        Ty::Tuple(_) | Ty::TupleVar(_) => (
            Prim::TupleCheckExact,
            Prim::TupleLen,
            Prim::TupleItemUnchecked,
        ),
        Ty::Str => (Prim::StrCheckExact, Prim::StrLen, Prim::StrItemUnchecked),
        Ty::Bytes => (
            Prim::BytesCheckExact,
            Prim::BytesLen,
            Prim::BytesItemUnchecked,
        ),
        Ty::ByteArray => (
            Prim::ByteArrayCheckExact,
            Prim::ByteArrayLen,
            Prim::ByteArrayItemUnchecked,
        ),
        _ => return None,
    };
    let int_item = match t {
        Ty::Bytes => Some(Prim::BytesItemInt),
        Ty::ByteArray => Some(Prim::ByteArrayItemInt),
        _ => None,
    };
    Some((c, l, i, int_item))
}

/// The largest `start` of `enumerate(xs, start)` walked by index (the count is the
/// index plus it, in a machine word).
const ENUMERATE_START_MAX: u64 = 1 << 32;

impl<'a> FnBuilder<'a> {
    /// The arguments of `zip(...)` when the loop can walk them by index.
    pub fn zip_args(&self, iter: &'a Expr) -> Option<&'a [Expr]> {
        let args = self.builtin_call_args(iter, "zip", 4)?;
        let known = args
            .iter()
            .all(|a| seq_prims(self.cx.types.exprs.get(a.id)).is_some());
        known.then_some(args)
    }

    /// The iterable and the start of `enumerate(xs)` / `enumerate(xs, k)` with a small
    /// literal start and a target of two plain targets (not starred). A sequence of a
    /// known type is walked by index; anything else through its own iterator, the count
    /// kept by the loop.
    pub fn enumerate_args(&self, iter: &'a Expr, target: &Expr) -> Option<(&'a [Expr], i64)> {
        let (seq, start) = match self.builtin_call_args(iter, "enumerate", 2) {
            Some([seq]) => (seq, 0),
            Some([seq, k]) => (seq, crate::stmt::literal_int(k)?),
            Some(_) => return None,
            // `enumerate(xs, start=k)`.
            None => {
                let ExprKind::Call {
                    func,
                    args,
                    keywords,
                } = &iter.kind
                else {
                    return None;
                };
                let [seq] = args.as_slice() else {
                    return None;
                };
                let [kw] = keywords.as_slice() else {
                    return None;
                };
                if kw.arg.as_ref().map(|a| a.name.as_str()) != Some("start")
                    || matches!(seq.kind, ExprKind::Starred(_))
                {
                    return None;
                }
                let ExprKind::Name(n) = &func.kind else {
                    return None;
                };
                let builtin = n == "enumerate"
                    && self.class_body.is_none()
                    && !self.comp.iter().any(|s| s.contains_key(n))
                    && self.cx.sem.resolve(self.scope, n) == oxyc_sema::NameRes::Builtin;
                if !builtin {
                    return None;
                }
                (seq, crate::stmt::literal_int(&kw.value)?)
            }
        };
        let pair = matches!(&target.kind, ExprKind::Tuple(ts) | ExprKind::List(ts)
            if ts.len() == 2 && !ts.iter().any(|t| matches!(t.kind, ExprKind::Starred(_))));
        (pair && start.unsigned_abs() <= ENUMERATE_START_MAX)
            .then_some((std::slice::from_ref(seq), start))
    }

    /// `counted`: `Some(start)` for `enumerate(args[0], start)`, whose first item is
    /// the count.
    #[allow(clippy::too_many_arguments)]
    pub fn zip_loop(
        &mut self,
        args: &'a [Expr],
        counted: Option<i64>,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        after_iter: Option<&mut dyn FnMut(&mut FnBuilder<'a>)>,
    ) {
        let loop_narrowed = self.narrowed.clone();
        // The arguments, evaluated once, in order.
        let mut objs = Vec::new();
        let mut prims = Vec::new();
        let mut walk_tys = Vec::new();
        for a in args {
            let v = self.expr(a);
            let b = self.box_val(&v);
            let keep = self.temp(RType::Obj);
            self.assign(keep, b);
            objs.push(keep);
            // (The walk's type: the value's own, else the argument's inferred one.)
            let walk_ty = if seq_prims(&v.ty).is_some() {
                v.ty.clone()
            } else {
                self.cx.types.exprs.get(a.id).clone()
            };
            prims.push(seq_prims(&walk_ty));
            walk_tys.push(walk_ty);
        }
        if let Some(f) = after_iter {
            f(self);
        }
        let (header, body_blk, cont, else_blk, after) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        let (by_index, by_iter, h_idx, h_iter) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        // Exact sequences, all of them?
        let fast = self.temp(RType::Bool);
        let yes = self.konst(Const::Bool(true), RType::Bool);
        self.assign(fast, yes);
        for (o, p) in objs.iter().zip(&prims) {
            let Some((check, _, _)) = p else {
                let no = self.konst(Const::Bool(false), RType::Bool);
                self.assign(fast, no);
                continue;
            };
            let c = self.prim(*check, vec![*o]);
            let both = self.prim(Prim::BoolAnd, vec![fast, c]);
            self.assign(fast, both);
        }
        let it = self.temp(RType::Obj);
        let idx = self.temp(RType::Ssize);
        let zero = self.konst(Const::Int(0), RType::Ssize);
        self.assign(idx, zero);
        // (enumerate of an iterable of another type: its iterator alone.)
        let walkable = prims.iter().all(Option::is_some);
        if walkable {
            self.branch(fast, by_index, by_iter);
        } else {
            self.goto(by_iter);
        }
        self.switch_to(by_iter);
        let real = if let (Some(_), [seq]) = (counted, objs.as_slice()) {
            // enumerate's own iterator: the count is kept here.
            self.prim(Prim::ObjGetIter, vec![*seq])
        } else {
            let zip = self.temp(RType::Obj);
            self.emit(OpKind::LoadBuiltin {
                dst: zip,
                name: "zip".to_string(),
            });
            let z = self.temp(RType::Obj);
            self.emit(OpKind::CallObj {
                dst: z,
                callable: zip,
                args: objs.clone(),
                kwnames: None,
            });
            self.prim(Prim::ObjGetIter, vec![z])
        };
        self.assign(it, real);
        self.goto(header);
        self.switch_to(by_index);
        let none = self.konst(Const::None, RType::Obj);
        self.assign(it, none);
        self.goto(header);
        self.switch_to(header);
        if walkable {
            self.branch(fast, h_idx, h_iter);
        } else {
            self.goto(h_iter);
        }

        // A bytes or bytearray item bound to an `int` name is unboxed on the index path.
        // (With a count, the items are the count, then the sequence's.)
        let skip = usize::from(counted.is_some());
        let nitems = objs.len() + skip;
        let names: Option<&[Expr]> = match &target.kind {
            ExprKind::Tuple(ts) | ExprKind::List(ts)
                if ts.len() == nitems
                    && !ts.iter().any(|t| matches!(t.kind, ExprKind::Starred(_))) =>
            {
                Some(&ts[skip..])
            }
            _ => None,
        };
        let int_items: Vec<Option<Prim>> = (0..objs.len())
            .map(|k| {
                let t = names?.get(k)?;
                let is_int_name = matches!(t.kind, ExprKind::Name(_))
                    && *self.cx.types.exprs.get(t.id) == Ty::Int;
                if is_int_name {
                    int_item_prim(&walk_tys[k])
                } else {
                    None
                }
            })
            .collect();
        let count = counted.map(|_| self.temp(RType::Int));
        let items: Vec<Reg> = int_items
            .iter()
            .map(|i| self.temp(if i.is_some() { RType::Int } else { RType::Obj }))
            .collect();
        // By index: stop at the first sequence that has no item at idx.
        self.switch_to(h_idx);
        for (o, p) in objs.iter().zip(&prims) {
            let Some((_, len, _)) = p else { continue };
            let n = self.prim(*len, vec![*o]);
            let more = self.prim(Prim::SsizeLt, vec![idx, n]);
            let next = self.new_block();
            self.branch(more, next, else_blk);
            self.switch_to(next);
        }
        for (((o, p), item), int_item) in objs.iter().zip(&prims).zip(&items).zip(&int_items) {
            let Some((_, _, get)) = p else { continue };
            let x = self.prim(int_item.unwrap_or(*get), vec![*o, idx]);
            self.assign(*item, x);
        }
        if let (Some(c), Some(start)) = (count, counted) {
            // (The index is below the sequence's length: plus a small start, the count
            // is a short int.)
            let k = self.konst(Const::Int(start), RType::Ssize);
            let n = self.prim(Prim::SsizeAdd, vec![idx, k]);
            let v = self.prim(Prim::SsizeToInt, vec![n]);
            self.assign(c, v);
        }
        let one = self.konst(Const::Int(1), RType::Ssize);
        let next = self.prim(Prim::SsizeAdd, vec![idx, one]);
        self.assign(idx, next);
        self.goto(body_blk);

        // Through zip: unpack its tuple. (enumerate: the item itself, and the count.)
        self.switch_to(h_iter);
        let y = self.prim(Prim::ObjIterNext, vec![it]);
        let done = self.prim(Prim::IsNull, vec![y]);
        let got = self.new_block();
        self.branch(done, else_blk, got);
        self.switch_to(got);
        if let (Some(c), Some(start)) = (count, counted) {
            // (More than 2**62 items would make it a long int.)
            let k = self.konst(Const::Int(start), RType::Ssize);
            let n = self.prim(Prim::SsizeAdd, vec![idx, k]);
            let v = self.prim(Prim::SsizeToIntChecked, vec![n]);
            self.assign(c, v);
            let one = self.konst(Const::Int(1), RType::Ssize);
            let next = self.prim(Prim::SsizeAdd, vec![idx, one]);
            self.assign(idx, next);
            if let (Some(&item), Some(int_item)) = (items.first(), int_items.first()) {
                let x = match int_item {
                    Some(_) => self.coerce(&Val::new(y, Ty::Object), &Ty::Int, Some("loop item")),
                    None => y,
                };
                self.assign(item, x);
            }
            self.goto(body_blk);
        }
        if counted.is_none() {
            for (k, (item, int_item)) in items.iter().zip(&int_items).enumerate() {
                let kk = self.konst(Const::Int(k as i64), RType::Ssize);
                let x = self.prim(Prim::TupleItemUnchecked, vec![y, kk]);
                let x = match int_item {
                    Some(_) => self.coerce(&Val::new(x, Ty::Object), &Ty::Int, Some("loop item")),
                    None => x,
                };
                self.assign(*item, x);
            }
            self.goto(body_blk);
        }

        self.switch_to(body_blk);
        match &target.kind {
            ExprKind::Tuple(ts) | ExprKind::List(ts)
                if ts.len() == nitems
                    && !ts.iter().any(|t| matches!(t.kind, ExprKind::Starred(_))) =>
            {
                if let (Some(c), Some(t)) = (count, ts.first().filter(|_| skip == 1)) {
                    self.assign_target(t, Val::new(c, Ty::Int));
                }
                for ((t, item), int_item) in ts[skip..].iter().zip(&items).zip(&int_items) {
                    let ty = self.cx.types.exprs.get(t.id).clone();
                    let v = if int_item.is_some() {
                        Val::new(*item, Ty::Int)
                    } else if ty != Ty::Object && matches!(t.kind, ExprKind::Name(_)) {
                        let r = self.coerce(&Val::new(*item, Ty::Object), &ty, Some("loop item"));
                        Val::new(r, ty)
                    } else {
                        Val::new(*item, Ty::Object)
                    };
                    self.assign_target(t, v);
                }
            }
            _ => {
                let mut all = Vec::with_capacity(nitems);
                if let Some(c) = count {
                    all.push(self.box_val(&Val::new(c, Ty::Int)));
                }
                all.extend(items.iter().copied());
                let tuple = self.temp(RType::Obj);
                self.emit(OpKind::Build {
                    dst: tuple,
                    kind: oxyc_ir::BuildKind::Tuple,
                    items: all,
                });
                let ty = self.cx.types.exprs.get(target.id).clone();
                self.assign_target(target, Val::new(tuple, ty));
            }
        }
        self.finish_for(
            it,
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
