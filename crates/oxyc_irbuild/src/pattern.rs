//! The `match` statement (PEP 634), with CPython 3.11's semantics.
//!
//! The subject is evaluated once and boxed. Each case's pattern is a chain of tests
//! that jump to the next case on failure; the values it captures go to temporaries
//! and are stored to their names only once the whole pattern has matched (so a
//! failed pattern binds nothing), then the guard runs, then the body. Sequence,
//! mapping and class patterns work as the interpreter's MATCH_* opcodes do (runtime
//! `oxy_match_*`): type flags for sequences and mappings, `len()` checks, unpacking
//! by iteration (or indexing around a `*_`), `.get()` for keys, `__match_args__`.

use crate::builder::{FnBuilder, Val};
use oxyc_ir::{BlockId, BuildKind, Const, OpKind, Prim, RType, Reg, RegKind};
use oxyc_syntax::ast::{Expr, ExprKind, IntLit, MatchCase, Pattern, PatternKind, Stmt, UnaryOp};
use oxyc_types::Ty;

/// Values a pattern captured, by name, in binding order.
type Captures = Vec<(String, Reg)>;

fn is_wildcard(p: &Pattern) -> bool {
    matches!(p.kind, PatternKind::Capture(None) | PatternKind::Star(None))
}

/// The value of a literal pattern that is a plain constant (`1`, `-2.5`, `"s"`).
fn literal_const(e: &Expr) -> Option<Const> {
    match &e.kind {
        ExprKind::Int(IntLit::Small(i)) => Some(Const::Int(*i)),
        ExprKind::Int(IntLit::Big(d)) => Some(Const::BigInt(d.clone())),
        ExprKind::Float(f) => Some(Const::Float(*f)),
        ExprKind::Str(s) => Some(Const::Str(s.clone())),
        ExprKind::Bytes(b) => Some(Const::Bytes(b.clone())),
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => match &operand.kind {
            ExprKind::Int(IntLit::Small(i)) => i.checked_neg().map(Const::Int),
            ExprKind::Float(f) => Some(Const::Float(-f)),
            _ => None,
        },
        _ => None,
    }
}

fn name_of(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        _ => String::new(),
    }
}

impl<'a> FnBuilder<'a> {
    pub fn match_stmt(&mut self, s: &'a Stmt, subject: &'a Expr, cases: &'a [MatchCase]) {
        // A case body may rebind anything the statement binds.
        self.forget_assigned(std::slice::from_ref(s));
        let base = self.narrowed.clone();
        let v = self.expr(subject);
        let boxed = self.box_val(&v);
        // A variable's register can be rebound while the cases run (a capture or
        // walrus of the same name in an earlier case): match a copy.
        let subj = if self.regs[boxed.0 as usize].kind == RegKind::Temp {
            boxed
        } else {
            let copy = self.temp(RType::Obj);
            self.assign(copy, boxed);
            copy
        };
        let done = self.new_block();
        for case in cases {
            self.line = self.cx.line_of(case.pattern.span.start);
            let next = self.new_block();
            let mut caps = Captures::new();
            self.pattern(&case.pattern, subj, next, &mut caps);
            for (name, reg) in caps {
                self.store_name(&name, Val::new(reg, Ty::Object));
            }
            if let Some(g) = &case.guard {
                self.line = self.cx.line_of(g.span.start);
                let cond = self.condition(g);
                let body = self.new_block();
                self.branch(cond, body, next);
                self.switch_to(body);
            }
            self.narrowed = base.clone();
            self.stmts(&case.body);
            self.goto(done);
            self.switch_to(next);
        }
        self.goto(done);
        self.switch_to(done);
        self.narrowed = base;
    }

    /// Go on in a new block when `cond` (Bool or CInt) holds, else to `fail`.
    fn fail_unless(&mut self, cond: Reg, fail: BlockId) {
        let ok = self.new_block();
        self.branch(cond, ok, fail);
        self.switch_to(ok);
    }

    fn ssize(&mut self, n: i64) -> Reg {
        self.konst(Const::Int(n), RType::Ssize)
    }

    /// Match `subj` (boxed) against `p`: on return the current block is where it
    /// matched; every failure jumps to `fail`.
    fn pattern(&mut self, p: &'a Pattern, subj: Reg, fail: BlockId, caps: &mut Captures) {
        match &p.kind {
            PatternKind::Value(e) => {
                // A literal is a module constant; a dotted name is looked up each time.
                let value = match literal_const(e) {
                    Some(c) => self.konst(c, RType::Obj),
                    None => {
                        let v = self.expr(e);
                        self.box_val(&v)
                    }
                };
                let eq = self.prim(Prim::ObjEq, vec![subj, value]);
                let t = self.prim(Prim::ObjIsTrue, vec![eq]);
                self.fail_unless(t, fail);
            }
            PatternKind::Singleton(e) => {
                let v = self.expr(e);
                let value = self.box_val(&v);
                let is = self.prim(Prim::ObjIs, vec![subj, value]);
                self.fail_unless(is, fail);
            }
            PatternKind::Capture(None) | PatternKind::Star(None) => {}
            PatternKind::Capture(Some(n)) | PatternKind::Star(Some(n)) => {
                caps.push((name_of(n), subj));
            }
            PatternKind::As { pattern, name } => {
                self.pattern(pattern, subj, fail, caps);
                caps.push((name_of(name), subj));
            }
            PatternKind::Or(alts) => self.or_pattern(alts, subj, fail, caps),
            PatternKind::Sequence(items) => self.sequence_pattern(items, subj, fail, caps),
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => self.mapping_pattern(keys, patterns, rest.as_ref(), subj, fail, caps),
            PatternKind::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                let c = self.expr(cls);
                let c = self.box_val(&c);
                let nargs = self.ssize(patterns.len() as i64);
                let names = self.konst(
                    Const::StrTuple(kwd_attrs.iter().map(|a| a.name.clone()).collect()),
                    RType::Obj,
                );
                let attrs = self.prim(Prim::MatchClass, vec![subj, c, nargs, names]);
                let none = self.prim(Prim::ObjIsNone, vec![attrs]);
                let matched = self.prim(Prim::BoolNot, vec![none]);
                self.fail_unless(matched, fail);
                for (i, sub) in patterns.iter().chain(kwd_patterns).enumerate() {
                    if is_wildcard(sub) {
                        continue;
                    }
                    let idx = self.ssize(i as i64);
                    let item = self.prim(Prim::TupleItemUnchecked, vec![attrs, idx]);
                    self.pattern(sub, item, fail, caps);
                }
            }
        }
    }

    /// `p | q | ...`: the first alternative that matches; each binds the same names
    /// (sema checks), gathered into one register per name.
    fn or_pattern(&mut self, alts: &'a [Pattern], subj: Reg, fail: BlockId, caps: &mut Captures) {
        let mut names = Vec::new();
        if let Some(first) = alts.first() {
            oxyc_sema::pattern_names(first, &mut names);
        }
        let slots: Vec<(String, Reg)> = names
            .into_iter()
            .map(|n| (n, self.temp(RType::Obj)))
            .collect();
        let matched = self.new_block();
        for (i, alt) in alts.iter().enumerate() {
            let last = i + 1 == alts.len();
            let alt_fail = if last { fail } else { self.new_block() };
            let mut own = Captures::new();
            self.pattern(alt, subj, alt_fail, &mut own);
            for (name, slot) in &slots {
                if let Some((_, r)) = own.iter().find(|(n, _)| n == name) {
                    self.assign(*slot, *r);
                }
            }
            self.goto(matched);
            if !last {
                self.switch_to(alt_fail);
            }
        }
        self.switch_to(matched);
        caps.extend(slots);
    }

    fn sequence_pattern(
        &mut self,
        items: &'a [Pattern],
        subj: Reg,
        fail: BlockId,
        caps: &mut Captures,
    ) {
        let is_seq = self.prim(Prim::MatchIsSequence, vec![subj]);
        self.fail_unless(is_seq, fail);
        let n = items.len();
        let star = items
            .iter()
            .position(|p| matches!(p.kind, PatternKind::Star(_)));
        // len(subject) == n, or >= n - 1 around a star.
        let len_test = match star {
            None => Some(Prim::SsizeEq),
            Some(_) if n > 1 => Some(Prim::SsizeGe),
            Some(_) => None,
        };
        if let Some(test) = len_test {
            let len = self.prim(Prim::ObjLen, vec![subj]);
            let want = self.ssize(if star.is_some() { n - 1 } else { n } as i64);
            let ok = self.prim(test, vec![len, want]);
            self.fail_unless(ok, fail);
        }
        if items.iter().all(is_wildcard) {
            return;
        }
        match star {
            // `*_`: the other items are read by index, each matched as it is read.
            Some(s) if is_wildcard(&items[s]) => {
                for (i, sub) in items.iter().enumerate() {
                    if is_wildcard(sub) {
                        continue;
                    }
                    let idx = if i < s { i as i64 } else { i as i64 - n as i64 };
                    let idx = self.ssize(idx);
                    let item = self.prim(Prim::MatchSeqItem, vec![subj, idx]);
                    self.pattern(sub, item, fail, caps);
                }
            }
            // Otherwise the subject is unpacked (iterated) first, as by assignment.
            _ => {
                let tuple = match star {
                    None => {
                        let count = self.ssize(n as i64);
                        self.prim(Prim::Unpack, vec![subj, count])
                    }
                    Some(s) => {
                        let before = self.ssize(s as i64);
                        let after = self.ssize((n - s - 1) as i64);
                        self.prim(Prim::UnpackEx, vec![subj, before, after])
                    }
                };
                for (i, sub) in items.iter().enumerate() {
                    if is_wildcard(sub) {
                        continue;
                    }
                    let idx = self.ssize(i as i64);
                    let item = self.prim(Prim::TupleItemUnchecked, vec![tuple, idx]);
                    self.pattern(sub, item, fail, caps);
                }
            }
        }
    }

    fn mapping_pattern(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a Expr>,
        subj: Reg,
        fail: BlockId,
        caps: &mut Captures,
    ) {
        let is_map = self.prim(Prim::MatchIsMapping, vec![subj]);
        self.fail_unless(is_map, fail);
        if !keys.is_empty() {
            let len = self.prim(Prim::ObjLen, vec![subj]);
            let want = self.ssize(keys.len() as i64);
            let ok = self.prim(Prim::SsizeGe, vec![len, want]);
            self.fail_unless(ok, fail);
        }
        if keys.is_empty() && rest.is_none() {
            return;
        }
        let mut key_regs = Vec::new();
        for k in keys {
            let v = self.expr(k);
            key_regs.push(self.box_val(&v));
        }
        let key_tuple = self.temp(RType::Obj);
        self.emit(OpKind::Build {
            dst: key_tuple,
            kind: BuildKind::Tuple,
            items: key_regs,
        });
        if !keys.is_empty() {
            let values = self.prim(Prim::MatchKeys, vec![subj, key_tuple]);
            let none = self.prim(Prim::ObjIsNone, vec![values]);
            let found = self.prim(Prim::BoolNot, vec![none]);
            self.fail_unless(found, fail);
            for (i, sub) in patterns.iter().enumerate() {
                if is_wildcard(sub) {
                    continue;
                }
                let idx = self.ssize(i as i64);
                let item = self.prim(Prim::TupleItemUnchecked, vec![values, idx]);
                self.pattern(sub, item, fail, caps);
            }
        }
        if let Some(r) = rest {
            let d = self.prim(Prim::MatchRest, vec![subj, key_tuple]);
            caps.push((name_of(r), d));
        }
    }
}
