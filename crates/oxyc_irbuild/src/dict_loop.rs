//! `for k, v in d.items()`, `for k in d.keys()`, `for v in d.values()` (`d` typed
//! `dict` or untyped) and `for k in d` (`d` typed `dict`): an exact dict is walked in place (`PyDict_Next`), with
//! the checks its iterators make (a size change, or keys replaced under the same
//! size, raises RuntimeError), and no view, iterator or item tuple is made; anything
//! else (a dict subclass may override `items`) gets the method call and the iterator
//! protocol. Both paths share one copy of the body.

use crate::builder::{FnBuilder, Val};
use oxyc_ir::{Const, OpKind, Prim, RType};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt};
use oxyc_types::Ty;

/// What a dict loop binds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictWalk {
    Keys,
    Values,
    Items,
}

impl<'a> FnBuilder<'a> {
    /// The dict and what is walked, when `iter` is such a loop's iterable. Items only
    /// with a target of two plain parts (`k, v`): other targets take the general loop.
    pub fn dict_walk_args(
        &self,
        iter: &'a Expr,
        target: &'a Expr,
    ) -> Option<(&'a Expr, DictWalk, bool)> {
        let is_dict = |e: &Expr| matches!(self.cx.types.exprs.get(e.id), Ty::Dict(..));
        // `x.items()` and the like of an untyped `x` too: exact dicts are checked for at
        // run time, like exact lists in any `for` loop.
        let dict_or_any = |e: &Expr| is_dict(e) || *self.cx.types.exprs.get(e.id) == Ty::Object;
        if let ExprKind::Call {
            func,
            args,
            keywords,
        } = &iter.kind
            && args.is_empty()
            && keywords.is_empty()
            && let ExprKind::Attribute { value, attr } = &func.kind
            && dict_or_any(value)
        {
            let walk = match attr.name.as_str() {
                "items" => DictWalk::Items,
                "keys" => DictWalk::Keys,
                "values" => DictWalk::Values,
                _ => return None,
            };
            if walk == DictWalk::Items {
                let two = matches!(&target.kind,
                    ExprKind::Tuple(ts) | ExprKind::List(ts)
                        if ts.len() == 2 && !ts.iter().any(|t| matches!(t.kind, ExprKind::Starred(_))));
                if !two {
                    return None;
                }
            }
            return Some((value, walk, true));
        }
        is_dict(iter).then_some((iter, DictWalk::Keys, false))
    }

    /// The loop; `method` says the iterable was `d.keys()` and the like (the general
    /// path calls that method), else it was `d` itself.
    #[allow(clippy::too_many_arguments)]
    pub fn dict_loop(
        &mut self,
        (dict, walk, method): (&'a Expr, DictWalk, bool),
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        after_iter: Option<&mut dyn FnMut(&mut FnBuilder<'a>)>,
    ) {
        let loop_narrowed = self.narrowed.clone();
        let v = self.expr(dict);
        let boxed = self.box_val(&v);
        let obj = self.temp(RType::Obj);
        self.assign(obj, boxed);
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
        let (mk_iter, no_iter, h_dict, h_iter, d_item, i_item) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        let exact = self.prim(Prim::DictCheckExact, vec![obj]);
        let it = self.temp(RType::Obj);
        let pos = self.temp(RType::Ssize);
        let used = self.temp(RType::Ssize);
        let left = self.temp(RType::Ssize);
        let zero = self.konst(Const::Int(0), RType::Ssize);
        self.assign(pos, zero);
        self.assign(used, zero);
        self.assign(left, zero);
        self.branch(exact, no_iter, mk_iter);

        // Anything but an exact dict: what the interpreter does.
        self.switch_to(mk_iter);
        let iterable = if method {
            let name = match walk {
                DictWalk::Keys => "keys",
                DictWalk::Values => "values",
                DictWalk::Items => "items",
            };
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::CallMethod {
                dst,
                obj,
                name: name.to_string(),
                args: vec![],
                kwnames: None,
            });
            dst
        } else {
            obj
        };
        let real = self.prim(Prim::ObjGetIter, vec![iterable]);
        self.assign(it, real);
        self.goto(header);

        // An exact dict: its size now, as its iterators remember it.
        self.switch_to(no_iter);
        let none = self.konst(Const::None, RType::Obj);
        self.assign(it, none);
        let n = self.prim(Prim::DictLen, vec![obj]);
        self.assign(used, n);
        self.assign(left, n);
        self.goto(header);

        self.switch_to(header);
        self.branch(exact, h_dict, h_iter);

        self.switch_to(h_dict);
        let next = self.prim(Prim::DictWalkNext, vec![obj, pos, used, left]);
        let more = self.prim(Prim::SsizeIsTrue, vec![next]);
        self.branch(more, d_item, else_blk);
        self.switch_to(d_item);
        self.assign(pos, next);
        let one = self.konst(Const::Int(1), RType::Ssize);
        let fewer = self.prim(Prim::SsizeSub, vec![left, one]);
        self.assign(left, fewer);
        match walk {
            DictWalk::Items => {
                let k = self.prim(Prim::DictWalkKey, vec![obj, next]);
                let x = self.prim(Prim::DictWalkValue, vec![obj, next]);
                if let ExprKind::Tuple(ts) | ExprKind::List(ts) = &target.kind {
                    for (t, item) in ts.iter().zip([k, x]) {
                        self.bind_loop_item(t, item);
                    }
                }
            }
            DictWalk::Keys | DictWalk::Values => {
                let p = if walk == DictWalk::Keys {
                    Prim::DictWalkKey
                } else {
                    Prim::DictWalkValue
                };
                let x = self.prim(p, vec![obj, next]);
                self.bind_loop_item(target, x);
            }
        }
        self.goto(body_blk);

        self.switch_to(h_iter);
        let y = self.prim(Prim::ObjIterNext, vec![it]);
        let done = self.prim(Prim::IsNull, vec![y]);
        self.branch(done, else_blk, i_item);
        self.switch_to(i_item);
        self.bind_loop_item(target, y);
        self.goto(body_blk);

        self.switch_to(body_blk);
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

    /// Bind one loop item (a new reference) to a target, checked against a plain
    /// name's declared type.
    pub fn bind_loop_item(&mut self, target: &'a Expr, item: oxyc_ir::Reg) {
        let ty = self.cx.types.exprs.get(target.id).clone();
        let v = if ty != Ty::Object && matches!(target.kind, ExprKind::Name(_)) {
            let r = self.coerce(&Val::new(item, Ty::Object), &ty, Some("loop item"));
            Val::new(r, ty)
        } else {
            Val::new(item, Ty::Object)
        };
        self.assign_target(target, v);
    }
}
