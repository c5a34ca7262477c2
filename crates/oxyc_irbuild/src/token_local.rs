//! `for t in s.split():` walked in place, its tokens kept as character ranges.
//!
//! A `str` local that is only ever bound by `for t in s.split():` loops (`s` typed
//! str, no arguments) and only used, inside those loops' bodies, as the receiver
//! of `t.strip(chars)` (or `lstrip`, `rstrip`, with or without `.lower()` /
//! `.upper()` after it) need not be a str: the token is a range of `s`'s
//! characters. So when `s` is an exact ASCII str, the loop finds each token's
//! bounds itself (the whitespace `str.split()` splits at), makes no list and no
//! token, and the strip (and case change) works on the range: one new str per
//! token instead of three. Any other `s` (non-ASCII, or a subclass, whose `split`
//! may be its own) walks the list `s.split()` gives, each item checked as a str
//! and kept whole.
//!
//! The local lives in three registers: `base` (the walked str, or the item itself),
//! `start` and `end` (`start < 0`: the item is `base` itself). What a program can
//! observe is unchanged: `str.split()` of an exact str returns the str itself when
//! it is one token, as `oxy_tok_str` does; `strip` returns the token itself when
//! there is nothing to strip, and the token is a new str no one else holds.
//!
//! Mentions are counted as `vec_local` counts them; a mention outside a loop that
//! binds the name (where it could be unbound, or hold another loop's last token)
//! disqualifies it, and so does a comprehension variable of the same name (its
//! loop must not be taken for the local's). (A load that reaches the general code anyway gets the token
//! as a str, `oxy_tok_str`; a store makes the local hold the str whole.)

use std::collections::{HashMap, HashSet};

use oxyc_ir::{Const, Prim, RType, Reg, RegKind};
use oxyc_sema::{Child, each_child, each_expr_child};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use oxyc_types::Ty;

use crate::builder::{FnBuilder, Val};
use crate::local_walk::{method_call, strip_call};

/// The registers of a token local.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub base: Reg,
    pub start: Reg,
    pub end: Reg,
}

/// `x.split()`: `x`.
fn split_receiver(e: &Expr) -> Option<&Expr> {
    let (value, name, args, keywords) = method_call(e)?;
    (name == "split" && args.is_empty() && keywords.is_empty()).then_some(value)
}

/// The token locals among `strs` (str locals) in `body` (see the module docs).
/// `ty_of` gives an expression's static type.
pub fn token_names(
    body: &[Stmt],
    strs: &HashSet<String>,
    ty_of: &dyn Fn(&Expr) -> Ty,
) -> HashSet<String> {
    let mut w = Walk {
        strs,
        ty_of,
        mentions: HashMap::new(),
        served: HashMap::new(),
        poisoned: HashSet::new(),
    };
    let none = HashSet::new();
    for s in body {
        w.stmt(s, &none);
    }
    strs.iter()
        .filter(|n| {
            let m = w.mentions.get(*n).copied().unwrap_or(0);
            m > 0 && w.served.get(*n).copied().unwrap_or(0) == m && !w.poisoned.contains(*n)
        })
        .cloned()
        .collect()
}

struct Walk<'c> {
    strs: &'c HashSet<String>,
    ty_of: &'c dyn Fn(&Expr) -> Ty,
    mentions: HashMap<String, usize>,
    served: HashMap<String, usize>,
    poisoned: HashSet<String>,
}

impl Walk<'_> {
    fn mention(&mut self, n: &str) {
        if self.strs.contains(n) {
            *self.mentions.entry(n.to_string()).or_default() += 1;
        }
    }

    fn serve(&mut self, n: &str) {
        *self.served.entry(n.to_string()).or_default() += 1;
    }

    /// The loop variable of `for t in s.split():`, if it is a candidate.
    fn split_loop<'s>(&self, s: &'s Stmt) -> Option<&'s str> {
        let StmtKind::For {
            target,
            iter,
            is_async: false,
            ..
        } = &s.kind
        else {
            return None;
        };
        let ExprKind::Name(t) = &target.kind else {
            return None;
        };
        let recv = split_receiver(iter)?;
        (self.strs.contains(t) && (self.ty_of)(recv) == Ty::Str).then_some(t.as_str())
    }

    fn stmt(&mut self, s: &Stmt, bound: &HashSet<String>) {
        crate::local_walk::bound_otherwise(s, &mut self.poisoned);
        if let Some(t) = self.split_loop(s)
            && let StmtKind::For {
                iter, body, orelse, ..
            } = &s.kind
        {
            self.mention(t);
            self.serve(t);
            self.expr(iter, bound);
            let mut inner = bound.clone();
            inner.insert(t.to_string());
            for b in body {
                self.stmt(b, &inner);
            }
            // (After the loop the name holds its last token, or what it held before.)
            for b in orelse {
                self.stmt(b, bound);
            }
            return;
        }
        each_child(s, &mut |c| match c {
            Child::Stmt(s) => self.stmt(s, bound),
            Child::Expr(e) | Child::Target(e) => self.expr(e, bound),
        });
    }

    fn expr(&mut self, e: &Expr, bound: &HashSet<String>) {
        crate::local_walk::comprehension_targets(e, &mut self.poisoned);
        if let Some((recv, _, chars)) = strip_call(e)
            && let ExprKind::Name(t) = &recv.kind
            && bound.contains(t)
        {
            self.mention(t);
            self.serve(t);
            if let Some(c) = chars {
                self.expr(c, bound);
            }
            return;
        }
        match &e.kind {
            ExprKind::Name(n) => self.mention(n),
            _ => each_expr_child(e, &mut |c| self.expr(c, bound)),
        }
    }
}

impl<'a> FnBuilder<'a> {
    /// Make the registers of the token locals `names`.
    pub fn enter_token_locals(&mut self, names: &HashSet<String>) {
        let mut sorted: Vec<&String> = names.iter().collect();
        sorted.sort();
        for n in sorted {
            let base = self.new_reg(RType::Obj, RegKind::Local, n);
            let start = self.new_reg(RType::Ssize, RegKind::Local, &format!("{n}_start"));
            let end = self.new_reg(RType::Ssize, RegKind::Local, &format!("{n}_end"));
            self.tokens.insert(n.clone(), Token { base, start, end });
            self.local_tys.insert(n.clone(), Ty::Str);
        }
    }

    fn token_local(&self, e: &Expr) -> Option<Token> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        if self.class_body.is_some() || self.comp.iter().any(|s| s.contains_key(n)) {
            return None;
        }
        self.tokens.get(n).copied()
    }

    /// Whether `e` names a token local here.
    pub fn is_token(&self, e: &Expr) -> bool {
        self.token_local(e).is_some()
    }

    /// Whether `for target in iter:` binds a token local (see `token_loop`).
    pub fn is_token_loop(&self, iter: &Expr, target: &Expr) -> bool {
        self.token_local(target).is_some()
            && split_receiver(iter).is_some_and(|r| *self.cx.types.exprs.get(r.id) == Ty::Str)
    }

    /// A load of a token local that is not a strip: the token as a str.
    pub fn load_token(&mut self, n: &str) -> Val {
        let t = self.tokens[n];
        self.emit(oxyc_ir::OpKind::CheckBound {
            reg: t.base,
            name: n.to_string(),
        });
        let s = self.prim(Prim::TokStr, vec![t.base, t.start, t.end]);
        Val::new(s, Ty::Str)
    }

    /// A store into a token local other than its loop's: the str, whole.
    pub fn store_token(&mut self, n: &str, v: Val) {
        let t = self.tokens[n];
        let what = format!("local variable '{n}' in {}()", self.name);
        let r = self.coerce(&v, &Ty::Str, Some(&what));
        self.assign(t.base, r);
        let whole = self.konst(Const::Int(-1), RType::Ssize);
        self.assign(t.start, whole);
    }

    /// `t.strip(c)` (`lstrip`, `rstrip`) of a token local, then `.lower()` or
    /// `.upper()` when `case` says so (0 lower, 1 upper: `strip_then_case` comes
    /// here for a token).
    pub fn token_strip(&mut self, e: &'a Expr, case: Option<i64>) -> Option<Val> {
        let (recv, which, chars) = strip_call(e)?;
        let t = self.token_local(recv)?;
        let ExprKind::Name(n) = &recv.kind else {
            return None;
        };
        self.emit(oxyc_ir::OpKind::CheckBound {
            reg: t.base,
            name: n.clone(),
        });
        let c = self.strip_chars(chars);
        let w = self.konst(Const::Int(which), RType::CInt);
        let r = match case {
            None => self.prim(Prim::TokStrip, vec![t.base, t.start, t.end, c, w]),
            Some(u) => {
                let u = self.konst(Const::Int(u), RType::CInt);
                self.prim(Prim::TokStripCase, vec![t.base, t.start, t.end, c, w, u])
            }
        };
        // (The str item of a subclass's split() may be a subclass too, whose methods
        // may return anything: checked, as for the calls themselves.)
        let what = match case {
            None => "strip() result",
            Some(0) => "lower() result",
            Some(_) => "upper() result",
        };
        let r = self.coerce(&Val::new(r, Ty::Object), &Ty::Str, Some(what));
        Some(Val::new(r, Ty::Str))
    }

    /// `for t in s.split():` of a token local (`is_token_loop`).
    pub fn token_loop(
        &mut self,
        iter: &'a Expr,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        after_iter: Option<&mut dyn FnMut(&mut FnBuilder<'a>)>,
    ) {
        let (Some(t), Some(recv), ExprKind::Name(n)) =
            (self.token_local(target), split_receiver(iter), &target.kind)
        else {
            return;
        };
        let loop_narrowed = self.narrowed.clone();
        let s = self.expr(recv);
        let s = self.coerce(&s, &Ty::Str, None);
        let walk = self.prim(Prim::SplitWalk, vec![s]);
        if let Some(f) = after_iter {
            f(self);
        }
        let in_place = self.prim(Prim::SplitInPlace, vec![walk]);
        let (header, h_place, place_item, h_iter, iter_item, body_blk, cont, else_blk, after) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        let pos = self.temp(RType::Ssize);
        let zero = self.konst(Const::Int(0), RType::Ssize);
        self.assign(pos, zero);
        self.goto(header);
        self.switch_to(header);
        self.branch(in_place, h_place, h_iter);
        // An exact ASCII str: the next token's bounds.
        self.switch_to(h_place);
        let start = self.prim(Prim::SplitStart, vec![walk, pos]);
        let len = self.prim(Prim::StrLenExact, vec![walk]);
        let more = self.prim(Prim::SsizeLt, vec![start, len]);
        self.branch(more, place_item, else_blk);
        self.switch_to(place_item);
        let end = self.prim(Prim::SplitEnd, vec![walk, start]);
        self.assign(pos, end);
        self.assign(t.base, walk);
        self.assign(t.start, start);
        self.assign(t.end, end);
        self.goto(body_blk);
        // Anything else: the items of s.split(), each a str.
        self.switch_to(h_iter);
        let y = self.prim(Prim::ObjIterNext, vec![walk]);
        let done = self.prim(Prim::IsNull, vec![y]);
        self.branch(done, else_blk, iter_item);
        self.switch_to(iter_item);
        let what = format!("local variable '{n}' in {}()", self.name);
        let item = self.coerce(&Val::new(y, Ty::Object), &Ty::Str, Some(&what));
        self.assign(t.base, item);
        let whole = self.konst(Const::Int(-1), RType::Ssize);
        self.assign(t.start, whole);
        self.goto(body_blk);
        self.switch_to(body_blk);
        self.finish_for(
            walk,
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
