//! Statements, loops and exception handling.

use crate::builder::{FnBuilder, LoopCtx, Unwind, Val, rtype_of};
use oxyc_ir::{Const, ErrEdge, Op, OpKind, Prim, RType, Reg, Terminator};
use oxyc_sema::NameRes;
use oxyc_syntax::ast::{
    Alias, BinOp, ExceptHandler, Expr, ExprKind, IntLit, Stmt, StmtKind, UnaryOp, WithItem,
};
use oxyc_types::Ty;

impl<'a> FnBuilder<'a> {
    pub fn stmts(&mut self, body: &'a [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    pub fn stmt(&mut self, s: &'a Stmt) {
        self.line = self.cx.line_of(s.span.start);
        match &s.kind {
            StmtKind::Expr(e) => {
                if !self.vec_append(e) {
                    self.expr(e);
                }
            }
            StmtKind::Assign { targets, value } => {
                if let [target] = &targets[..]
                    && (self.store_vec_empty(target, value)
                        || self.store_split_without_tuple(target, value)
                        || self.store_word_masked(target, value)
                        || self.store_char_at(target, value)
                        || self.unpack_without_tuple(target, value))
                {
                    return;
                }
                let v = self.expr(value);
                for t in targets {
                    self.assign_target(t, v.clone());
                }
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(value) = value {
                    if self.store_vec_empty(target, value)
                        || self.store_split_without_tuple(target, value)
                        || self.store_word_masked(target, value)
                        || self.store_char_at(target, value)
                    {
                        return;
                    }
                    let v = self.expr(value);
                    self.assign_target(target, v);
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::Return(v) => {
                if let (
                    Some(items),
                    Some(Expr {
                        kind: ExprKind::Tuple(elts),
                        ..
                    }),
                ) = (&self.unboxed_ret, v)
                    && items.len() == elts.len()
                {
                    let vals = elts.iter().map(|e| self.expr(e)).collect();
                    self.return_items(vals);
                    return;
                }
                // A tuple local kept as its items, returned as the same items.
                if let (Some(items), Some(e)) = (self.unboxed_ret.clone(), v)
                    && let Some(n) = self.split_local(e)
                    && self.split[&n].iter().map(|(_, t)| t).eq(items.iter())
                {
                    let vals = self.split_items(&n);
                    self.return_items(vals);
                    return;
                }
                let val = match v {
                    Some(e) => self.expr(e),
                    None => self.none(),
                };
                self.do_return(val);
            }
            StmtKind::If { test, body, orelse } => {
                let cond = self.condition(test);
                let (t, f, done) = (self.new_block(), self.new_block(), self.new_block());
                self.branch(cond, t, f);
                let base = self.narrowed.clone();
                self.switch_to(t);
                self.apply_narrowing(test, true);
                self.stmts(body);
                let t_end = self.falls_through().then(|| self.narrowed.clone());
                self.goto(done);
                self.switch_to(f);
                self.narrowed = base;
                self.apply_narrowing(test, false);
                self.stmts(orelse);
                let f_end = self.falls_through().then(|| self.narrowed.clone());
                self.goto(done);
                self.switch_to(done);
                self.narrowed = match (t_end, f_end) {
                    (Some(a), Some(b)) => crate::narrow::join(&a, &b),
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    (None, None) => Default::default(),
                };
            }
            StmtKind::While { test, body, orelse } => {
                let (header, body_blk, cont, else_blk, after) = (
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                );
                // The back edge may bring in anything the loop assigns.
                self.forget_assigned(std::slice::from_ref(s));
                self.goto(header);
                self.switch_to(header);
                let cond = self.condition(test);
                self.branch(cond, body_blk, else_blk);
                let base = self.narrowed.clone();
                self.switch_to(body_blk);
                self.apply_narrowing(test, true);
                self.loops.push(LoopCtx {
                    brk: after,
                    cont,
                    unwind_len: self.unwind.len(),
                });
                self.stmts(body);
                self.loops.pop();
                self.goto(cont);
                self.switch_to(cont);
                self.emit(OpKind::CheckSignals);
                self.goto(header);
                self.switch_to(else_blk);
                self.narrowed = base.clone();
                self.stmts(orelse);
                self.goto(after);
                self.switch_to(after);
                self.narrowed = base;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async: true,
            } => {
                self.forget_assigned(std::slice::from_ref(s));
                let base = self.narrowed.clone();
                self.async_for(iter, target, body, orelse);
                self.narrowed = base;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                let versioned = is_small_innermost(body);
                self.forget_assigned(std::slice::from_ref(s));
                let base = self.narrowed.clone();
                self.for_loop(
                    iter,
                    target,
                    // (A versioned loop lowers the body twice: each copy starts afresh.)
                    &mut |b| {
                        b.narrowed = base.clone();
                        b.stmts(body)
                    },
                    orelse,
                    None,
                    versioned,
                );
                self.narrowed = base;
            }
            StmtKind::Break | StmtKind::Continue => {
                let Some(l) = self.loops.last() else {
                    self.error(s.span, "'break' or 'continue' outside loop");
                    return;
                };
                let (target, depth) = if matches!(s.kind, StmtKind::Break) {
                    (l.brk, l.unwind_len)
                } else {
                    (l.cont, l.unwind_len)
                };
                self.unwind_to(depth);
                self.goto(target);
            }
            StmtKind::Pass | StmtKind::Global(_) => {}
            StmtKind::Raise { exc, cause } => self.raise(exc.as_ref(), cause.as_ref()),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                // A handler (or finally) can start anywhere in the body: keep only
                // what holds throughout, and learn nothing new inside.
                self.forget_assigned(std::slice::from_ref(s));
                let base = self.narrowed.clone();
                self.no_narrowing += 1;
                let is_star = *is_star;
                if finalbody.is_empty() {
                    self.try_handlers(body, handlers, orelse, is_star);
                } else {
                    self.try_finally(finalbody, &mut |b| {
                        if handlers.is_empty() {
                            b.stmts(body);
                            b.stmts(orelse);
                        } else {
                            b.try_handlers(body, handlers, orelse, is_star);
                        }
                    });
                }
                self.no_narrowing -= 1;
                self.narrowed = base;
            }
            StmtKind::Assert { test, msg } => {
                let (check, fail, done) = (self.new_block(), self.new_block(), self.new_block());
                let enabled = self.prim(Prim::AssertsEnabled, vec![]);
                self.branch(enabled, check, done);
                self.switch_to(check);
                let cond = self.condition(test);
                self.branch(cond, done, fail);
                self.switch_to(fail);
                let m = match msg {
                    Some(m) => {
                        let v = self.expr(m);
                        self.box_val(&v)
                    }
                    None => self.konst(Const::None, RType::Obj),
                };
                // CPython reports a failed assert at its test's line.
                self.line = self.cx.line_of(test.span.start);
                self.prim_void(Prim::RaiseAssert, vec![m]);
                self.switch_to(done);
                self.apply_assert_hints(test);
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    self.import(a);
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.import_from(module.as_deref(), names, *level),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t);
                }
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                // A suppressed exception can leave the body anywhere: after the
                // statement, only what held before it and was not rebound holds.
                self.forget_assigned(std::slice::from_ref(s));
                let base = self.narrowed.clone();
                self.with_items(items, body, *is_async);
                self.narrowed = base;
            }
            StmtKind::FunctionDef(def) => self.def_stmt(def),
            StmtKind::Match { subject, cases } => self.match_stmt(s, subject, cases),
            StmtKind::Nonlocal(_) => {}
            // A class in a function or under a module-level statement (sema allows no
            // other nested class here; top-level classes do not come through here).
            StmtKind::ClassDef(c) if self.class_body.is_none() => {
                let index = self.scope.map_or(0, |s| s.stmt_index);
                self.class_def(index, c, false);
            }
            StmtKind::ClassDef(_) | StmtKind::Unsupported { .. } => {
                self.error(s.span, "this statement cannot be compiled here");
            }
        }
    }

    /// Run the cleanups of every region above `depth` (innermost first).
    pub fn unwind_to(&mut self, depth: usize) {
        let mut i = self.unwind.len();
        while i > depth {
            i -= 1;
            match &self.unwind[i] {
                Unwind::ExceptScope { prev } => {
                    let prev = *prev;
                    self.prim_void(Prim::SetHandledExc, vec![prev]);
                }
                Unwind::ClearName { name } => {
                    let name = *name;
                    self.clear_name(name);
                }
                Unwind::KeepAlive { reg } => {
                    let reg = *reg;
                    self.prim_void(Prim::KeepAlive, vec![reg]);
                }
                Unwind::WithExit {
                    exit,
                    handlers_len,
                    line,
                    is_async,
                    native,
                } => {
                    let (exit, handlers_len, line, is_async, native) =
                        (*exit, *handlers_len, *line, *is_async, *native);
                    let saved_handlers = self.handlers.split_off(handlers_len);
                    let saved_line = std::mem::replace(&mut self.line, line);
                    if is_async {
                        self.async_exit_none(exit, native);
                    } else {
                        self.prim_void(Prim::WithExitNone, vec![exit]);
                    }
                    self.line = saved_line;
                    self.handlers.extend(saved_handlers);
                }
                Unwind::Finally { body, handlers_len } => {
                    let (body, handlers_len) = (*body, *handlers_len);
                    // Run the finally body as if outside its try: truncate the stacks.
                    let saved_unwind = self.unwind.split_off(i);
                    let saved_handlers = self.handlers.split_off(handlers_len);
                    // Loops around the `try` stay visible: `break`/`continue` in a
                    // finally body cancel the pending return/break/continue.
                    let inner = self
                        .loops
                        .iter()
                        .position(|l| l.unwind_len > i)
                        .unwrap_or(self.loops.len());
                    let saved_loops = self.loops.split_off(inner);
                    self.stmts(body);
                    self.loops.extend(saved_loops);
                    self.handlers.extend(saved_handlers);
                    self.unwind.extend(saved_unwind);
                }
            }
        }
    }

    pub fn do_return(&mut self, v: Val) {
        if let Some(items) = self.unboxed_ret.clone() {
            // (Every `return` of such a function is a tuple display, and its body ends
            // with one: only an unreachable return gets here. Any tuple of that length
            // would do.)
            let obj = self.box_val(&v);
            let n = self.konst(Const::Int(items.len() as i64), RType::Ssize);
            let tuple = self.prim(Prim::Unpack, vec![obj, n]);
            let vals = items
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let idx = self.konst(Const::Int(i as i64), RType::Ssize);
                    let item = self.prim(Prim::TupleItemUnchecked, vec![tuple, idx]);
                    let r = self.coerce(&Val::new(item, Ty::Object), t, Some("tuple item"));
                    Val::new(r, t.clone())
                })
                .collect();
            self.return_items(vals);
            return;
        }
        let ret_ty = self.ret_ty.clone();
        let what = format!("{}() return value", self.name);
        let r = self.coerce(&v, &ret_ty, Some(&what));
        let r = if self.unwind.is_empty() {
            r
        } else {
            // Keep the value in a register of its own while finally bodies run.
            let keep = self.temp(rtype_of(&ret_ty));
            self.assign(keep, r);
            self.unwind_to(0);
            keep
        };
        self.terminate(Terminator::Return(r));
    }

    /// Return the items of an unboxed tuple result (`unboxed_ret`): item 0 as the
    /// result, the others through `StoreRet`, once the `finally` bodies have run.
    fn return_items(&mut self, vals: Vec<Val>) {
        let items = self.unboxed_ret.clone().unwrap_or_default();
        // Each in a register of its own: finally bodies may run, and an item may be a
        // variable they rebind.
        let regs: Vec<Reg> = vals
            .iter()
            .zip(&items)
            .map(|(v, t)| {
                let r = match t {
                    // (Typed exactly so: see `oxyc_types::unboxed`.)
                    Ty::Int | Ty::Float | Ty::Bool => self.coerce(v, t, None),
                    _ => self.box_val(v),
                };
                let keep = self.temp(rtype_of(t));
                self.assign(keep, r);
                keep
            })
            .collect();
        self.unwind_to(0);
        for (i, r) in regs.iter().enumerate().skip(1) {
            self.emit(OpKind::StoreRet {
                index: i as u32,
                src: *r,
            });
        }
        match regs.first() {
            Some(&r0) => self.terminate(Terminator::Return(r0)),
            None => self.terminate(Terminator::RaiseExit),
        }
    }

    /// The `k` items of `value` without a tuple, all evaluated (in order) before any is
    /// stored: a tuple display of `k` items, or a call of a function that returns its
    /// tuple unboxed. `Err` with the value itself for another call (a tuple when the
    /// items are of another count); None (nothing emitted) for other expressions.
    pub(crate) fn items_without_tuple(
        &mut self,
        value: &'a Expr,
        k: usize,
    ) -> Option<Result<Vec<Val>, Val>> {
        match &value.kind {
            ExprKind::Tuple(elts)
                if elts.len() == k
                    && !elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_))) =>
            {
                let vals = elts
                    .iter()
                    .map(|e| {
                        let v = self.expr(e);
                        // (A copy: `a, b = b, a` and `p = (p[1], p[0])` must not see
                        // their sources rebound.)
                        let keep = self.temp(self.reg_ty(v.reg));
                        self.assign(keep, v.reg);
                        Val::new(keep, v.ty)
                    })
                    .collect();
                Some(Ok(vals))
            }
            ExprKind::Call { .. } => {
                self.want_parts = true;
                let v = self.expr(value);
                self.want_parts = false;
                Some(match self.parts.take() {
                    Some(parts) if parts.len() == k => Ok(parts),
                    Some(parts) => Err(Val::new(self.tuple_of(&parts), Ty::Object)),
                    None => Err(v),
                })
            }
            _ => None,
        }
    }

    /// `p = (x, y)` and `p = f(...)` (`f` returning its tuple unboxed) for a tuple
    /// local kept as its items: the items go to its registers, all of them evaluated
    /// first. False (nothing emitted) for other assignments.
    fn store_split_without_tuple(&mut self, target: &'a Expr, value: &'a Expr) -> bool {
        let Some(n) = self.split_local(target) else {
            return false;
        };
        let k = self.split[&n].len();
        let vals = match self.items_without_tuple(value, k) {
            Some(Ok(vals)) => vals,
            Some(Err(v)) => {
                self.store_split(&n, v);
                return true;
            }
            None => return false,
        };
        self.store_split_items(&n, vals);
        true
    }

    /// `a, b = x, y` and `a, b = f(...)` where `f` returns its tuple unboxed: the
    /// items go to the targets without a tuple in between (all of them evaluated
    /// first, as CPython does). False (nothing emitted) for other assignments.
    fn unpack_without_tuple(&mut self, target: &'a Expr, value: &'a Expr) -> bool {
        let (ExprKind::Tuple(targets) | ExprKind::List(targets)) = &target.kind else {
            return false;
        };
        if targets
            .iter()
            .any(|t| matches!(t.kind, ExprKind::Starred(_)))
        {
            return false;
        }
        if let Some(n) = self.split_local(value)
            && self.split[&n].len() == targets.len()
        {
            // (The targets cannot be the local itself: it is a tuple, they take items.)
            let vals = self.split_items(&n);
            for (t, v) in targets.iter().zip(vals) {
                self.assign_target(t, v);
            }
            return true;
        }
        let vals = match self.items_without_tuple(value, targets.len()) {
            Some(Ok(vals)) => vals,
            // (Not such a call, or items of another count: unpack the value, which
            // raises for the latter.)
            Some(Err(v)) => {
                self.assign_target(target, v);
                return true;
            }
            None => return false,
        };
        for (t, v) in targets.iter().zip(vals) {
            self.assign_target(t, v);
        }
        true
    }

    fn raise(&mut self, exc: Option<&'a Expr>, cause: Option<&'a Expr>) {
        match exc {
            Some(e) => {
                let v = self.expr(e);
                let b = self.box_val(&v);
                match cause {
                    Some(c) => {
                        let cv = self.expr(c);
                        let cb = self.box_val(&cv);
                        self.prim_void(Prim::RaiseFrom, vec![b, cb]);
                    }
                    None => self.prim_void(Prim::Raise, vec![b]),
                }
            }
            None => match self.caught.last() {
                Some(&e) => self.reraise(e),
                None => self.prim_void(Prim::Reraise, vec![]),
            },
        }
    }

    /// Re-raise a caught exception without adding a traceback entry.
    fn reraise(&mut self, exc: oxyc_ir::Reg) {
        let target = self.handler();
        let line = self.line;
        let i = self.cur.0 as usize;
        self.blocks[i].ops.push(Op {
            kind: OpKind::Prim {
                dst: None,
                prim: Prim::RestoreExc,
                args: vec![exc],
            },
            line,
            err: Some(ErrEdge {
                target,
                cleanup: vec![],
                traceback: false,
            }),
        });
        self.terminate(Terminator::Unreachable);
    }

    /// `try` with `except` (or `except*`) clauses and an optional `else`.
    fn try_handlers(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        is_star: bool,
    ) {
        if is_star {
            self.try_star(body, handlers, orelse);
        } else {
            self.try_except(body, handlers, orelse);
        }
    }

    fn try_except(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: &'a [Stmt]) {
        let (handler_blk, else_blk, after) = (self.new_block(), self.new_block(), self.new_block());
        self.handlers.push(handler_blk);
        self.stmts(body);
        self.handlers.pop();
        self.goto(else_blk);

        self.switch_to(handler_blk);
        let exc = self.prim(Prim::FetchExc, vec![]);
        let prev = self.prim(Prim::GetHandledExc, vec![]);
        self.prim_void(Prim::SetHandledExc, vec![exc]);
        let fail = self.new_block();
        self.handlers.push(fail);
        self.unwind.push(Unwind::ExceptScope { prev });
        self.caught.push(exc);
        for h in handlers {
            if let Some(t) = &h.type_ {
                self.line = self.cx.line_of(h.span.start);
                let tv = self.expr(t);
                let tb = self.box_val(&tv);
                let m = self.prim(Prim::ExcMatches, vec![exc, tb]);
                let (yes, no) = (self.new_block(), self.new_block());
                self.branch(m, yes, no);
                self.switch_to(yes);
                self.except_body(h, exc, prev, after);
                self.switch_to(no);
            } else {
                self.except_body(h, exc, prev, after);
                break;
            }
        }
        // No clause matched: re-raise.
        self.caught.pop();
        self.unwind.pop();
        self.handlers.pop();
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        self.reraise(exc);

        self.switch_to(fail);
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        let outer = self.handler();
        self.goto(outer);

        self.switch_to(else_blk);
        self.stmts(orelse);
        self.goto(after);
        self.switch_to(after);
    }

    /// `try: body` with `except* T as eg:` clauses (PEP 654), as CPython 3.11 runs
    /// it. The exception the body raised (`orig`) becomes the handled one and a
    /// star state (`oxy_star_begin`) keeps what is still unhandled. Each clause
    /// evaluates its type and takes the matching part (`oxy_star_match`: a group
    /// split by type, a naked exception wrapped in a group of one), which becomes
    /// the handled exception and the value of `eg`; what the clause raises is kept
    /// (`oxy_star_raised`) and the next clause runs all the same. At the end,
    /// `oxy_star_result` combines what was raised and what no clause matched into
    /// the one exception to re-raise (no traceback entry added), or None: then the
    /// statement ends, skipping `else`. (`return`, `break` and `continue` cannot
    /// leave an `except*` clause: sema reports them as CPython's compiler does.)
    fn try_star(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: &'a [Stmt]) {
        let (handler_blk, else_blk, after) = (self.new_block(), self.new_block(), self.new_block());
        self.handlers.push(handler_blk);
        self.stmts(body);
        self.handlers.pop();
        self.goto(else_blk);

        self.switch_to(handler_blk);
        let orig = self.prim(Prim::FetchExc, vec![]);
        let prev = self.prim(Prim::GetHandledExc, vec![]);
        self.prim_void(Prim::SetHandledExc, vec![orig]);
        // An error in a clause's type or its match leaves the statement.
        let fail = self.new_block();
        self.handlers.push(fail);
        self.unwind.push(Unwind::ExceptScope { prev });
        let state = self.prim(Prim::StarBegin, vec![orig]);
        for h in handlers {
            let next = self.new_block();
            self.line = self.cx.line_of(h.span.start);
            let Some(t) = &h.type_ else {
                self.error(h.span, "expected one or more exception types");
                continue;
            };
            let tv = self.expr(t);
            let tb = self.box_val(&tv);
            let part = self.prim(Prim::StarMatch, vec![state, tb]);
            let no_match = self.prim(Prim::ObjIsNone, vec![part]);
            let matched = self.new_block();
            self.branch(no_match, next, matched);

            self.switch_to(matched);
            self.prim_void(Prim::SetHandledExc, vec![part]);
            let raised = self.new_block();
            self.handlers.push(raised);
            if let Some(n) = &h.name {
                self.store_name(&n.name, Val::new(part, Ty::Object));
                self.unwind.push(Unwind::ClearName { name: &n.name });
            }
            self.caught.push(part);
            self.stmts(&h.body);
            self.caught.pop();
            if let Some(n) = &h.name {
                self.unwind.pop();
                self.clear_name(&n.name);
            }
            self.handlers.pop();
            self.goto(next);

            // The clause raised: `eg = None; del eg`, keep the exception, go on.
            self.switch_to(raised);
            let exc = self.prim(Prim::FetchExc, vec![]);
            if let Some(n) = &h.name {
                self.clear_name(&n.name);
            }
            self.prim_void(Prim::StarRaised, vec![state, exc]);
            self.goto(next);
            self.switch_to(next);
        }
        let result = self.prim(Prim::StarResult, vec![orig, state]);
        self.unwind.pop();
        self.handlers.pop();
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        let nothing = self.prim(Prim::ObjIsNone, vec![result]);
        let reraise = self.new_block();
        self.branch(nothing, after, reraise);
        self.switch_to(reraise);
        self.reraise(result);

        self.switch_to(fail);
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        let outer = self.handler();
        self.goto(outer);

        self.switch_to(else_blk);
        self.stmts(orelse);
        self.goto(after);
        self.switch_to(after);
    }

    fn except_body(
        &mut self,
        h: &'a ExceptHandler,
        exc: oxyc_ir::Reg,
        prev: oxyc_ir::Reg,
        after: oxyc_ir::BlockId,
    ) {
        let Some(n) = &h.name else {
            self.stmts(&h.body);
            self.prim_void(Prim::SetHandledExc, vec![prev]);
            self.goto(after);
            return;
        };
        let v = Val::new(exc, Ty::Object);
        self.store_name(&n.name, v);
        self.unwind.push(Unwind::ClearName { name: &n.name });
        let raised = self.new_block();
        self.handlers.push(raised);
        self.stmts(&h.body);
        self.handlers.pop();
        self.unwind.pop();
        self.clear_name(&n.name);
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        self.goto(after);
        // The body raised: `name = None; del name` with the new exception held
        // aside, then it goes on.
        self.switch_to(raised);
        let e = self.prim(Prim::FetchExc, vec![]);
        self.clear_name(&n.name);
        self.reraise(e);
    }

    fn try_finally(&mut self, finalbody: &'a [Stmt], body: &mut dyn FnMut(&mut FnBuilder<'a>)) {
        let exc_blk = self.new_block();
        let handlers_len = self.handlers.len();
        self.handlers.push(exc_blk);
        self.unwind.push(Unwind::Finally {
            body: finalbody,
            handlers_len,
        });
        body(self);
        self.unwind.pop();
        self.handlers.pop();
        // Normal exit.
        self.stmts(finalbody);
        let after = self.new_block();
        self.goto(after);
        // Exceptional exit: run the body with the exception as the handled one, re-raise.
        self.switch_to(exc_blk);
        let exc = self.prim(Prim::FetchExc, vec![]);
        let prev = self.prim(Prim::GetHandledExc, vec![]);
        self.prim_void(Prim::SetHandledExc, vec![exc]);
        let fail = self.new_block();
        self.handlers.push(fail);
        self.unwind.push(Unwind::ExceptScope { prev });
        // (A bare `raise` here re-raises the exception in flight.)
        self.caught.push(exc);
        self.stmts(finalbody);
        self.caught.pop();
        self.unwind.pop();
        self.handlers.pop();
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        self.reraise(exc);
        self.switch_to(fail);
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        let outer = self.handler();
        self.goto(outer);
        self.switch_to(after);
    }

    /// `with a as x, b as y: body`, lowered as nested `with` statements, each like
    /// CPython 3.11: evaluate the manager, look up `__enter__` then `__exit__` on its
    /// type, call `__enter__`, bind the target (inside the protected region), run the
    /// body; leave it through `__exit__(None, None, None)` (also on `return`, `break`,
    /// `continue`: see `Unwind::WithExit`), or, on an exception, through
    /// `__exit__(type, exc, tb)` with the exception as the handled one, re-raising it
    /// unless the result is true.
    /// `async with` (`is_async`) is the same with `__aenter__`/`__aexit__` whose
    /// results are awaited.
    fn with_items(&mut self, items: &'a [WithItem], body: &'a [Stmt], is_async: bool) {
        let Some((item, rest)) = items.split_first() else {
            self.stmts(body);
            return;
        };
        let line = self.line;
        let mgr = self.expr(&item.context_expr);
        let mgr_ty = mgr.ty.clone();
        let mgr = self.box_val(&mgr);
        self.line = line;
        let mut native = None;
        let (value, exit) =
            if is_async && let Some((v, e, n)) = self.native_async_enter(mgr, &mgr_ty) {
                native = Some(n);
                (v, e)
            } else {
                let (enter, exit) = if is_async {
                    (
                        self.prim(Prim::AsyncWithLookupEnter, vec![mgr]),
                        self.prim(Prim::AsyncWithLookupExit, vec![mgr]),
                    )
                } else {
                    (
                        self.prim(Prim::WithLookupEnter, vec![mgr]),
                        self.prim(Prim::WithLookupExit, vec![mgr]),
                    )
                };
                let value = self.temp(RType::Obj);
                self.emit(OpKind::CallObj {
                    dst: value,
                    callable: enter,
                    args: vec![],
                    kwnames: None,
                });
                if is_async {
                    (self.await_obj(value, Prim::GetAwaitableAenter).reg, exit)
                } else {
                    (value, exit)
                }
            };

        let exc_blk = self.new_block();
        let handlers_len = self.handlers.len();
        self.handlers.push(exc_blk);
        self.unwind.push(Unwind::WithExit {
            exit,
            handlers_len,
            line,
            is_async,
            native,
        });
        if let Some(target) = &item.optional_vars {
            self.assign_target(target, Val::new(value, Ty::Object));
        }
        self.with_items(rest, body, is_async);
        self.unwind.pop();
        self.handlers.pop();
        // Normal exit.
        self.line = line;
        if is_async {
            self.async_exit_none(exit, native);
        } else {
            self.prim_void(Prim::WithExitNone, vec![exit]);
        }
        let after = self.new_block();
        self.goto(after);

        // Exceptional exit: `__exit__` runs with the exception as the handled one.
        self.switch_to(exc_blk);
        self.line = line;
        let exc = self.prim(Prim::FetchExc, vec![]);
        let prev = self.prim(Prim::GetHandledExc, vec![]);
        self.prim_void(Prim::SetHandledExc, vec![exc]);
        let fail = self.new_block();
        self.handlers.push(fail);
        let suppress = if is_async {
            self.async_exit_exc(exit, exc, native)
        } else {
            self.prim(Prim::WithExitExc, vec![exit, exc])
        };
        self.handlers.pop();
        let (swallow, reraise) = (self.new_block(), self.new_block());
        self.branch(suppress, swallow, reraise);
        self.switch_to(reraise);
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        self.reraise(exc);
        self.switch_to(swallow);
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        self.goto(after);
        // `__exit__` itself raised (the new exception's context is `exc`).
        self.switch_to(fail);
        self.prim_void(Prim::SetHandledExc, vec![prev]);
        let outer = self.handler();
        self.goto(outer);
        self.switch_to(after);
    }

    // ---- assignment ----

    pub fn assign_target(&mut self, target: &'a Expr, v: Val) {
        match &target.kind {
            ExprKind::Name(n) => self.store_name(n, v),
            ExprKind::Attribute { value, attr } => {
                let o = self.expr(value);
                if let Some(field) = self.native_field(&o.ty, &attr.name) {
                    self.set_field(o.reg, &attr.name, field, &v);
                    return;
                }
                if self.speculative_set_field(&o, &attr.name, &v) {
                    return;
                }
                if self.foreign_set_field(&o, &attr.name, &v) {
                    return;
                }
                let val = self.box_val(&v);
                let obj = self.box_val(&o);
                let name = self.str_const(&attr.name);
                self.prim_void(Prim::ObjSetAttr, vec![obj, name, val]);
            }
            ExprKind::Subscript { value, index } => {
                let c = self.expr(value);
                if let (Ty::List(elem), false) =
                    (&c.ty, matches!(index.kind, ExprKind::Slice { .. }))
                {
                    let i = self.expr(index);
                    if i.ty.is_intlike() {
                        let elem = (**elem).clone();
                        let idx = self.coerce(&i, &Ty::Int, None);
                        let item = self.coerce(&v, &elem, Some("list item"));
                        let item = self.box_val(&Val::new(item, elem));
                        self.prim_void(Prim::ListSetItem, vec![c.reg, idx, item]);
                        return;
                    }
                    let key = self.box_val(&i);
                    let val = self.box_val(&v);
                    self.prim_void(Prim::ObjSetItem, vec![c.reg, key, val]);
                    return;
                }
                let obj = self.box_val(&c);
                let (key, hash) = self.keyed_subscript(&c, index);
                let val = self.box_val(&v);
                self.keyed_setitem(obj, key, val, hash);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let obj = self.box_val(&v);
                let star = items
                    .iter()
                    .position(|t| matches!(t.kind, ExprKind::Starred(_)));
                let tuple = match star {
                    None => {
                        let n = self.konst(Const::Int(items.len() as i64), RType::Ssize);
                        self.prim(Prim::Unpack, vec![obj, n])
                    }
                    // `a, *b, c = v`: the tuple holds the list `b` at the star's place.
                    Some(s) => {
                        let before = self.konst(Const::Int(s as i64), RType::Ssize);
                        let after = (items.len() - s - 1) as i64;
                        let after = self.konst(Const::Int(after), RType::Ssize);
                        self.prim(Prim::UnpackEx, vec![obj, before, after])
                    }
                };
                let tys = oxyc_types::unpacked_tys(&v.ty, items);
                for (i, (t, ety)) in items.iter().zip(tys).enumerate() {
                    let idx = self.konst(Const::Int(i as i64), RType::Ssize);
                    let item = self.prim(Prim::TupleItemUnchecked, vec![tuple, idx]);
                    let item = if Some(i) == star {
                        Val::new(item, Ty::any_list())
                    } else if ety == Ty::Object {
                        Val::new(item, Ty::Object)
                    } else {
                        let r = self.coerce(&Val::new(item, Ty::Object), &ety, Some("tuple item"));
                        Val::new(r, ety)
                    };
                    self.assign_target(t, item);
                }
            }
            // (Only inside a tuple or list target: sema rejects the others.)
            ExprKind::Starred(inner) => self.assign_target(inner, v),
            _ => self.error(target.span, "cannot assign to this expression"),
        }
    }

    pub fn store_name(&mut self, n: &str, v: Val) {
        if let Some(scope) = self.comp.last()
            && let Some(slot) = scope.get(n).cloned()
        {
            let r = self.coerce(&v, &slot.ty, Some("comprehension variable"));
            self.assign(slot.reg, r);
            return;
        }
        // In a class body: the class namespace.
        if let Some(ns) = self.class_body {
            let b = self.box_val(&v);
            self.ns_store(ns, n, b);
            return;
        }
        match self.cx.sem.resolve(self.scope, n) {
            NameRes::Cell | NameRes::Free => self.store_cell(n, v),
            NameRes::Local if self.split.contains_key(n) => self.store_split(n, v),
            NameRes::Local if self.vecs.contains_key(n) => self.store_vec_other(),
            NameRes::Local if self.tokens.contains_key(n) => self.store_token(n, v),
            NameRes::Local if self.locals.contains_key(n) => {
                let reg = self.locals[n];
                let ty = self.local_tys.get(n).cloned().unwrap_or(Ty::Object);
                let what = format!("local variable '{n}' in {}()", self.name);
                let r = self.coerce(&v, &ty, Some(&what));
                self.assign(reg, r);
                self.stored_word_local(n, reg);
                // An `Optional[C]` local given a value known to be a `C` is not None.
                match (&ty, &v.ty) {
                    (Ty::OptInstance(a), Ty::Instance(b))
                        if self.no_narrowing == 0 && self.is_native_subclass(b, a) =>
                    {
                        self.narrowed.insert(n.to_string(), Ty::Instance(a.clone()));
                    }
                    _ => self.forget_narrowing(n),
                }
            }
            _ => {
                let b = self.box_val(&v);
                self.emit(OpKind::StoreGlobal {
                    name: n.to_string(),
                    src: b,
                });
            }
        }
    }

    /// The end of an `except ... as n` body: `n = None; del n`, which never fails
    /// (the body may have deleted or rebound `n`).
    fn clear_name(&mut self, n: &str) {
        let plain_local = self.class_body.is_none()
            && !self.comp.iter().any(|s| s.contains_key(n))
            && self.cx.sem.resolve(self.scope, n) == NameRes::Local
            && (self.locals.contains_key(n) || self.split.contains_key(n));
        if !plain_local {
            let none = self.none();
            self.store_name(n, none);
        }
        self.unbind_name(n);
    }

    fn unbind_name(&mut self, n: &str) {
        if let Some(ns) = self.class_body
            && !self.comp.iter().any(|s| s.contains_key(n))
        {
            let key = self.str_const(n);
            self.prim_void(Prim::ClassDelName, vec![ns, key]);
            return;
        }
        match self.cx.sem.resolve(self.scope, n) {
            NameRes::Cell => self.delete_cell(n, false),
            NameRes::Free => self.delete_cell(n, true),
            NameRes::Local if self.split.contains_key(n) => self.unbind_split(n),
            NameRes::Local if self.locals.contains_key(n) => {
                let reg = self.locals[n];
                self.forget_narrowing(n);
                self.emit(OpKind::Undef { reg });
                self.unbound_word_local(n);
            }
            _ => self.emit(OpKind::DelGlobal {
                name: n.to_string(),
            }),
        }
    }

    fn delete(&mut self, t: &'a Expr) {
        match &t.kind {
            ExprKind::Name(n) => {
                if self.cx.sem.resolve(self.scope, n) == NameRes::Local
                    && self.locals.contains_key(n.as_str())
                {
                    self.refresh_word_local(n);
                    let reg = self.locals[n.as_str()];
                    self.emit(OpKind::CheckBound {
                        reg,
                        name: n.clone(),
                    });
                }
                if self.cx.sem.resolve(self.scope, n) == NameRes::Local
                    && self.split.contains_key(n.as_str())
                {
                    self.split_items(n);
                }
                self.unbind_name(n);
            }
            ExprKind::Attribute { value, attr } => {
                let o = self.expr(value);
                let obj = self.box_val(&o);
                let name = self.str_const(&attr.name);
                self.prim_void(Prim::ObjDelAttr, vec![obj, name]);
            }
            ExprKind::Subscript { value, index } => {
                let o = self.expr(value);
                let obj = self.box_val(&o);
                let key = self.subscript_key(index);
                self.prim_void(Prim::ObjDelItem, vec![obj, key]);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i);
                }
            }
            _ => self.error(t.span, "cannot delete this expression"),
        }
    }

    /// The boxed key of a subscript target (a slice object for `a[i:j]`).
    fn subscript_key(&mut self, index: &'a Expr) -> oxyc_ir::Reg {
        match &index.kind {
            ExprKind::Slice { lower, upper, step } => {
                self.slice(lower.as_deref(), upper.as_deref(), step.as_deref())
            }
            _ => {
                let i = self.expr(index);
                self.box_val(&i)
            }
        }
    }

    /// The key of `c[index]` (see `subscript_key`) and, when `c` is typed dict and the
    /// key tuple, its hash (`tuple_key_hash`).
    fn keyed_subscript(&mut self, c: &Val, index: &'a Expr) -> (Reg, Option<Reg>) {
        if matches!(c.ty, Ty::Dict(..)) && !matches!(index.kind, ExprKind::Slice { .. }) {
            let i = self.expr(index);
            let key = self.box_val(&i);
            return (key, self.tuple_key_hash(&i));
        }
        (self.subscript_key(index), None)
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) {
        match &target.kind {
            ExprKind::Name(n) => {
                let cur = self.load_name(n);
                let rhs = self.expr(value);
                let ty = oxyc_types::binop_ty(op, &cur.ty, &rhs.ty, value);
                // Growing a str variable: let it grow in place. Only where a failure
                // leaves the function (the variable is dead then, its value consumed).
                let local = self.comp.is_empty()
                    && self.cx.sem.resolve(self.scope, n) == NameRes::Local
                    && self.locals.contains_key(n.as_str());
                let obj_typed = matches!(cur.ty, Ty::Str | Ty::Object)
                    && matches!(rhs.ty, Ty::Str | Ty::Object);
                if op == BinOp::Add
                    && local
                    && obj_typed
                    && self.handlers.len() == 1
                    && self
                        .unwind
                        .iter()
                        .all(|u| matches!(u, Unwind::KeepAlive { .. }))
                {
                    let r = self.prim(Prim::IAddSteal, vec![cur.reg, rhs.reg]);
                    let res_ty = if ty == Ty::Str { Ty::Str } else { Ty::Object };
                    self.store_name(n, Val::new(r, res_ty));
                    return;
                }
                let r = self.binop(op, cur, rhs, &ty, true);
                self.store_name(n, r);
            }
            ExprKind::Attribute { value: obj_e, attr } => {
                let o = self.expr(obj_e);
                if let Some((c, f, fty)) = self.native_field(&o.ty, &attr.name) {
                    let cur = self.get_field(o.reg, c, f, &fty);
                    let rhs = self.expr(value);
                    let res_ty = oxyc_types::binop_ty(op, &fty, &rhs.ty, value);
                    let r = self.binop(op, cur, rhs, &res_ty, true);
                    self.set_field(o.reg, &attr.name, (c, f, fty), &r);
                    return;
                }
                let obj = self.box_val(&o);
                let name = self.str_const(&attr.name);
                let cur = Val::new(self.prim(Prim::ObjGetAttr, vec![obj, name]), Ty::Object);
                let rhs = self.expr(value);
                let r = self.binop(op, cur, rhs, &Ty::Object, true);
                let rb = self.box_val(&r);
                self.prim_void(Prim::ObjSetAttr, vec![obj, name, rb]);
            }
            ExprKind::Subscript {
                value: obj_e,
                index,
            } => {
                let o = self.expr(obj_e);
                // `xs[i] += v` on a typed list: read, compute and store the item
                // directly (the index is evaluated once, as the interpreter does).
                if let Ty::List(elem) = &o.ty
                    && !matches!(index.kind, ExprKind::Slice { .. })
                {
                    let elem = (**elem).clone();
                    let i = self.expr(index);
                    if i.ty.is_intlike() {
                        let idx = self.coerce(&i, &Ty::Int, None);
                        let cur = if elem == Ty::Int {
                            Val::new(self.prim(Prim::ListGetItemInt, vec![o.reg, idx]), Ty::Int)
                        } else {
                            let item = Val::new(
                                self.prim(Prim::ListGetItem, vec![o.reg, idx]),
                                Ty::Object,
                            );
                            let r = self.coerce(&item, &elem, Some("list item"));
                            Val::new(r, elem.clone())
                        };
                        let rhs = self.expr(value);
                        let res_ty = oxyc_types::binop_ty(op, &elem, &rhs.ty, value);
                        let r = self.binop(op, cur, rhs, &res_ty, true);
                        let item = self.coerce(&r, &elem, Some("list item"));
                        let item = self.box_val(&Val::new(item, elem));
                        self.prim_void(Prim::ListSetItem, vec![o.reg, idx, item]);
                        return;
                    }
                    let key = self.box_val(&i);
                    let cur = Val::new(self.prim(Prim::ObjGetItem, vec![o.reg, key]), Ty::Object);
                    let rhs = self.expr(value);
                    let r = self.binop(op, cur, rhs, &Ty::Object, true);
                    let rb = self.box_val(&r);
                    self.prim_void(Prim::ObjSetItem, vec![o.reg, key, rb]);
                    return;
                }
                let obj = self.box_val(&o);
                let (key, hash) = self.keyed_subscript(&o, index);
                let cur = self.keyed_getitem(obj, key, hash);
                let rhs = self.expr(value);
                let r = self.binop(op, Val::new(cur, Ty::Object), rhs, &Ty::Object, true);
                let rb = self.box_val(&r);
                self.keyed_setitem(obj, key, rb, hash);
            }
            _ => self.error(target.span, "cannot assign to this expression"),
        }
    }

    // ---- loops ----

    /// `for target in iter: body else: orelse`. `after_iter` runs once the iterable
    /// has been evaluated (comprehensions open their scope there).
    pub fn for_loop(
        &mut self,
        iter: &'a Expr,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        after_iter: Option<&mut dyn FnMut(&mut FnBuilder<'a>)>,
        versioned: bool,
    ) {
        if self.is_vec_loop(iter, target) {
            return self.vec_loop(iter, target, body, orelse, after_iter);
        }
        if self.is_token_loop(iter, target) {
            return self.token_loop(iter, target, body, orelse, after_iter);
        }
        if let Some(args) = self.range_args(iter) {
            return self.range_loop(args, target, body, orelse, after_iter, versioned);
        }
        if let Some(args) = self.zip_args(iter) {
            return self.zip_loop(args, None, target, body, orelse, after_iter);
        }
        if let Some((args, start)) = self.enumerate_args(iter, target) {
            return self.zip_loop(args, Some(start), target, body, orelse, after_iter);
        }
        if let Some(walk) = self.dict_walk_args(iter, target) {
            return self.dict_loop(walk, target, body, orelse, after_iter);
        }
        // What holds at every iteration start (the caller forgot what the loop binds).
        let loop_narrowed = self.narrowed.clone();
        let it_val = self.expr(iter);
        if let Some(f) = after_iter {
            f(self);
        }
        let elem_ty = self.cx.types.exprs.get(target.id).clone();
        let boxed = self.box_val(&it_val);
        // The iterable is evaluated once: rebinding its variable in the body must not
        // change (or free) what is being walked.
        let obj = self.temp(RType::Obj);
        self.assign(obj, boxed);
        let (header, body_blk, cont, else_blk, after) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        // The iterator lives until the loop is left (a `break` does not drop it
        // early: a generator's `finally` runs after the body, as in CPython).
        // An exact list is walked by index, like its own iterator does (the length is
        // re-read every step), and so are an exact tuple, and an exact str (its items are the 1-character
        // strings its iterator gives); anything else through the iterator protocol.
        // Bytes and bytearrays too, their items unboxed when bound to an `int` name.
        let walk = match it_val.ty {
            Ty::Object | Ty::List(_) => Some(LIST_WALK),
            Ty::Tuple(_) | Ty::TupleVar(_) => Some(TUPLE_WALK),
            Ty::Str => Some(STR_WALK),
            Ty::Bytes => Some(BYTES_WALK),
            Ty::ByteArray => Some(BYTEARRAY_WALK),
            _ => None,
        };
        let int_item = walk
            .and_then(|w| w.int_item)
            .filter(|_| elem_ty == Ty::Int && matches!(target.kind, ExprKind::Name(_)));
        // A character read with `ord()` (see `word_local`): its code point only, on
        // the exact str's walk.
        let char_word = self
            .word_local(target, crate::word_local::WordKind::Char)
            .filter(|_| it_val.ty == Ty::Str);
        let body_main = self.new_block();
        let item = self.temp(if int_item.is_some() {
            RType::Int
        } else {
            RType::Obj
        });
        let iterator = if let Some(walk) = walk {
            let is_list = self.prim(walk.check, vec![obj]);
            let it = self.temp(RType::Obj);
            let (mk_iter, no_iter, h_list, h_iter, l_item, i_item) = (
                self.new_block(),
                self.new_block(),
                self.new_block(),
                self.new_block(),
                self.new_block(),
                self.new_block(),
            );
            self.branch(is_list, no_iter, mk_iter);
            self.switch_to(mk_iter);
            let real = self.prim(Prim::ObjGetIter, vec![obj]);
            self.assign(it, real);
            let idx = self.temp(RType::Ssize);
            let zero = self.konst(Const::Int(0), RType::Ssize);
            self.assign(idx, zero);
            self.goto(header);
            self.switch_to(no_iter);
            let none = self.konst(Const::None, RType::Obj);
            self.assign(it, none);
            let zero = self.konst(Const::Int(0), RType::Ssize);
            self.assign(idx, zero);
            self.goto(header);
            self.switch_to(header);
            self.branch(is_list, h_list, h_iter);
            self.switch_to(h_list);
            let n = self.prim(walk.len, vec![obj]);
            let more = self.prim(Prim::SsizeLt, vec![idx, n]);
            self.branch(more, l_item, else_blk);
            self.switch_to(l_item);
            if let Some(w) = char_word {
                let x = self.prim(Prim::StrReadChar, vec![obj, idx]);
                let one = self.konst(Const::Int(1), RType::Ssize);
                let next = self.prim(Prim::SsizeAdd, vec![idx, one]);
                self.assign(idx, next);
                self.set_word(w, x);
                self.goto(body_main);
            } else {
                let x = self.prim(int_item.unwrap_or(walk.item), vec![obj, idx]);
                let one = self.konst(Const::Int(1), RType::Ssize);
                let next = self.prim(Prim::SsizeAdd, vec![idx, one]);
                self.assign(idx, next);
                self.assign(item, x);
                self.goto(body_blk);
            }
            self.switch_to(h_iter);
            let y = self.prim(Prim::ObjIterNext, vec![it]);
            let done = self.prim(Prim::IsNull, vec![y]);
            self.branch(done, else_blk, i_item);
            self.switch_to(i_item);
            let y = match int_item {
                Some(_) => self.coerce(&Val::new(y, Ty::Object), &Ty::Int, Some("loop item")),
                None => y,
            };
            self.assign(item, y);
            self.goto(body_blk);
            it
        } else {
            let it = self.prim(Prim::ObjGetIter, vec![obj]);
            self.goto(header);
            self.switch_to(header);
            let y = self.prim(Prim::ObjIterNext, vec![it]);
            let done = self.prim(Prim::IsNull, vec![y]);
            let got = self.new_block();
            self.branch(done, else_blk, got);
            self.switch_to(got);
            self.assign(item, y);
            self.goto(body_blk);
            it
        };
        self.switch_to(body_blk);
        if int_item.is_some() {
            self.assign_target(target, Val::new(item, Ty::Int));
        } else {
            self.bind_loop_item(target, item);
        }
        self.goto(body_main);
        self.switch_to(body_main);
        self.finish_for(
            iterator,
            header,
            cont,
            else_blk,
            after,
            body,
            orelse,
            loop_narrowed,
        );
    }

    /// The rest of a `for` loop over `walker` (an iterator, or what is walked in
    /// place) once its header and item blocks are made: the body, then the step back
    /// to `header` (`iterator_loop_body`); the `else` clause, which starts from what
    /// held when the loop began (`narrowed`); and the end, which keeps `walker` alive
    /// until the loop is left.
    #[allow(clippy::too_many_arguments)]
    pub fn finish_for(
        &mut self,
        walker: oxyc_ir::Reg,
        header: oxyc_ir::BlockId,
        cont: oxyc_ir::BlockId,
        else_blk: oxyc_ir::BlockId,
        after: oxyc_ir::BlockId,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        narrowed: crate::narrow::Narrowed,
    ) {
        self.iterator_loop_body(walker, after, cont, header, body);
        self.switch_to(else_blk);
        self.narrowed = narrowed;
        self.stmts(orelse);
        self.goto(after);
        self.switch_to(after);
        self.prim_void(Prim::KeepAlive, vec![walker]);
    }

    /// The body of a loop over `iterator` (kept alive until the loop is left, by
    /// `break`, `return` or an exception too), then the step to the next iteration:
    /// `continue` lands at `cont`, which checks for signals and goes back to `header`.
    pub fn iterator_loop_body(
        &mut self,
        iterator: oxyc_ir::Reg,
        brk: oxyc_ir::BlockId,
        cont: oxyc_ir::BlockId,
        header: oxyc_ir::BlockId,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
    ) {
        self.unwind.push(Unwind::KeepAlive { reg: iterator });
        self.loops.push(LoopCtx {
            brk,
            cont,
            unwind_len: self.unwind.len(),
        });
        body(self);
        self.loops.pop();
        self.unwind.pop();
        self.goto(cont);
        self.switch_to(cont);
        self.emit(OpKind::CheckSignals);
        self.goto(header);
    }

    /// `range(...)` with int arguments: the loop becomes a C loop.
    fn range_args(&self, iter: &'a Expr) -> Option<&'a [Expr]> {
        // Any argument type: range() converts each with __index__, and so do we.
        self.builtin_call_args(iter, "range", 3)
    }

    fn range_loop(
        &mut self,
        args: &'a [Expr],
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        after_iter: Option<&mut dyn FnMut(&mut FnBuilder<'a>)>,
        versioned: bool,
    ) {
        let loop_narrowed = self.narrowed.clone();
        // A literal step's sign is known statically.
        let literal_step = args.get(2).and_then(literal_int);
        let literal_start = match args {
            [_] => Some(0),
            _ => args.first().and_then(literal_int),
        };
        // A small literal start and step (by far the common case: `range(n)`,
        // `range(1, n)`, `range(0, n, 2)`): one loop over a C counter, whatever the
        // stop. A long stop is clamped just outside the short range; the counter gets
        // there only after 2**54 iterations or more, and the loop then raises
        // OverflowError rather than go on (docs/differences.md). So no general copy of
        // the body is needed.
        let clamps = literal_start.is_some_and(|v| v.unsigned_abs() <= CLAMP_START_MAX)
            && (args.len() < 3 || literal_step.is_some_and(|v| v.unsigned_abs() <= CLAMP_STEP_MAX));
        let stop_at = usize::from(args.len() > 1);
        // Evaluate every argument, then convert them in order (as range() does).
        let evaluated: Vec<Val> = args.iter().map(|a| self.expr(a)).collect();
        let mut vals = Vec::new();
        let mut clamped_stop = None;
        for (k, v) in evaluated.iter().enumerate() {
            let r = if v.ty.is_intlike() {
                self.coerce(v, &Ty::Int, None)
            } else {
                let b = self.box_val(v);
                let i = self.prim(Prim::ObjIndex, vec![b]);
                self.known_obj(Val::new(i, Ty::Object), &Ty::Int).reg
            };
            if clamps && k == stop_at {
                // Converted to the C bound at once: no copy of the variable, no
                // reference taken.
                clamped_stop = Some(self.prim(Prim::IntRangeBound, vec![r]));
                vals.push(r);
                continue;
            }
            // The bounds are evaluated once: copy them out of any variable.
            let t = self.temp(RType::Int);
            self.assign(t, r);
            vals.push(t);
        }
        let (start, stop, step) = match vals.as_slice() {
            [stop] => (self.konst(Const::Int(0), RType::Int), *stop, None),
            [start, stop] => (*start, *stop, None),
            [start, stop, step] => (*start, *stop, Some(*step)),
            _ => return,
        };
        if let Some(f) = after_iter {
            f(self);
        }
        let step_reg = match step {
            Some(s) => s,
            None => self.konst(Const::Int(1), RType::Int),
        };
        let sign = match (step, literal_step) {
            (None, _) => StepSign::Up,
            (Some(_), Some(v)) if v > 0 => StepSign::Up,
            (Some(_), Some(v)) if v < 0 => StepSign::Down,
            (Some(_), Some(_)) => {
                self.prim_void(Prim::RaiseRangeStepZero, vec![]);
                StepSign::Up
            }
            (Some(_), None) => {
                let zero = self.konst(Const::Int(0), RType::Int);
                let is_zero = self.prim(Prim::IntEq, vec![step_reg, zero]);
                let (bad, ok) = (self.new_block(), self.new_block());
                self.branch(is_zero, bad, ok);
                self.switch_to(bad);
                self.prim_void(Prim::RaiseRangeStepZero, vec![]);
                self.switch_to(ok);
                StepSign::Dynamic(self.prim(Prim::IntGt, vec![step_reg, zero]))
            }
        };
        let (else_blk, after) = (self.new_block(), self.new_block());
        if let Some(stop_c) = clamped_stop {
            let i0 = self.prim(Prim::IntShortToSsize, vec![start]);
            let step_c = self.prim(Prim::IntShortToSsize, vec![step_reg]);
            let ran_out = self.new_block();
            let bounds = (i0, stop_c, step_c);
            self.counted_loop(bounds, &C_COUNTER, sign, target, body, ran_out, after);
            self.switch_to(ran_out);
            let check = match sign {
                StepSign::Down => Prim::RangeRanOutBelow,
                _ => Prim::RangeRanOutAbove,
            };
            self.prim_void(check, vec![stop_c]);
            self.goto(else_blk);
        } else if versioned {
            // Loop versioning: when the bounds are short ints (practically always) the
            // counter is a C integer and the loop variable a known-short int, so the C
            // compiler drops every tag check on it. The general loop below handles
            // ranges over huge ints.
            let all_short = self.prim(Prim::IntAllShort3, vec![start, stop, step_reg]);
            let (fast_blk, slow_blk) = (self.new_block(), self.new_block());
            self.branch(all_short, fast_blk, slow_blk);
            self.switch_to(fast_blk);
            let i0 = self.prim(Prim::IntShortToSsize, vec![start]);
            let stop_c = self.prim(Prim::IntShortToSsize, vec![stop]);
            let step_c = self.prim(Prim::IntShortToSsize, vec![step_reg]);
            let bounds = (i0, stop_c, step_c);
            self.counted_loop(bounds, &C_COUNTER, sign, target, body, else_blk, after);
            self.switch_to(slow_blk);
        }
        if clamped_stop.is_none() {
            self.counted_loop(
                (start, stop, step_reg),
                &TAGGED_COUNTER,
                sign,
                target,
                body,
                else_blk,
                after,
            );
        }
        self.switch_to(else_blk);
        self.narrowed = loop_narrowed.clone();
        self.stmts(orelse);
        self.goto(after);
        self.switch_to(after);
    }

    /// `for target in range(start, stop, step)` over a counter of one representation;
    /// the loop exits to `else_blk`, `break` goes to `after`.
    #[allow(clippy::too_many_arguments)]
    fn counted_loop(
        &mut self,
        (start, stop, step): (oxyc_ir::Reg, oxyc_ir::Reg, oxyc_ir::Reg),
        ops: &CounterOps,
        sign: StepSign,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        else_blk: oxyc_ir::BlockId,
        after: oxyc_ir::BlockId,
    ) {
        let cur = self.temp(ops.rtype);
        self.assign(cur, start);
        let (header, body_blk, cont) = (self.new_block(), self.new_block(), self.new_block());
        self.goto(header);
        self.switch_to(header);
        let cond = match sign {
            StepSign::Up => self.prim(ops.lt, vec![cur, stop]),
            StepSign::Down => self.prim(ops.gt, vec![cur, stop]),
            StepSign::Dynamic(pos) => {
                let c = self.temp(RType::Bool);
                let (up, down, join) = (self.new_block(), self.new_block(), self.new_block());
                self.branch(pos, up, down);
                self.switch_to(up);
                let lt = self.prim(ops.lt, vec![cur, stop]);
                self.assign(c, lt);
                self.goto(join);
                self.switch_to(down);
                let gt = self.prim(ops.gt, vec![cur, stop]);
                self.assign(c, gt);
                self.goto(join);
                self.switch_to(join);
                c
            }
        };
        self.branch(cond, body_blk, else_blk);
        self.switch_to(body_blk);
        let value = match ops.to_int {
            Some(p) => self.prim(p, vec![cur]),
            None => cur,
        };
        self.assign_target(target, Val::new(value, Ty::Int));
        self.loops.push(LoopCtx {
            brk: after,
            cont,
            unwind_len: self.unwind.len(),
        });
        body(self);
        self.loops.pop();
        self.goto(cont);
        self.switch_to(cont);
        let next = self.prim(ops.add, vec![cur, step]);
        self.assign(cur, next);
        self.emit(OpKind::CheckSignals);
        self.goto(header);
    }

    /// Loop used by comprehensions (no `else`).
    pub fn for_loop_over(
        &mut self,
        iter: &'a Expr,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        after_iter: &mut dyn FnMut(&mut FnBuilder<'a>),
        innermost: bool,
    ) {
        self.for_loop(iter, target, body, &[], Some(after_iter), innermost);
    }

    // ---- imports ----

    fn import(&mut self, a: &'a Alias) {
        let name = self.str_const(&a.name);
        let none = self.konst(Const::None, RType::Obj);
        let level = self.konst(Const::Int(0), RType::Ssize);
        let top = self.prim(Prim::Import, vec![name, none, level]);
        match &a.asname {
            Some(asname) => {
                let leaf = if a.name.contains('.') {
                    let full = self.str_const(&a.name);
                    self.prim(Prim::ImportLeaf, vec![top, full])
                } else {
                    top
                };
                self.store_name(&asname.name, Val::new(leaf, Ty::Object));
            }
            None => {
                let first = a.name.split('.').next().unwrap_or("").to_string();
                self.store_name(&first, Val::new(top, Ty::Object));
            }
        }
    }

    fn import_from(&mut self, module: Option<&str>, names: &'a [Alias], level: u32) {
        let modname = self.str_const(module.unwrap_or(""));
        let fromlist: Vec<_> = names.iter().map(|a| a.name.clone()).collect();
        let fl = self.konst(Const::StrTuple(fromlist), RType::Obj);
        let lv = self.konst(Const::Int(level as i64), RType::Ssize);
        let m = self.prim(Prim::Import, vec![modname, fl, lv]);
        for a in names {
            if a.name == "*" {
                self.prim_void(Prim::ImportStar, vec![m]);
                continue;
            }
            let n = self.str_const(&a.name);
            let v = self.prim(Prim::ImportFrom, vec![m, n]);
            let bind = a
                .asname
                .as_ref()
                .map_or(a.name.as_str(), |x| x.name.as_str());
            self.store_name(bind, Val::new(v, Ty::Object));
        }
    }
}

pub fn literal_int(e: &Expr) -> Option<i64> {
    match &e.kind {
        ExprKind::Int(IntLit::Small(v)) => Some(*v),
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => match &operand.kind {
            ExprKind::Int(IntLit::Small(v)) => Some(-*v),
            _ => None,
        },
        _ => None,
    }
}

/// Is a loop body small and free of nested loops? Such loops over `range()` are
/// versioned (compiled twice: a fast C-integer loop and the general one).
fn is_small_innermost(body: &[Stmt]) -> bool {
    fn count(body: &[Stmt], n: &mut usize) -> bool {
        for s in body {
            *n += 1;
            match &s.kind {
                StmtKind::For { .. } | StmtKind::While { .. } => return false,
                StmtKind::If { body, orelse, .. } if !count(body, n) || !count(orelse, n) => {
                    return false;
                }
                StmtKind::With { body, .. } if !count(body, n) => return false,
                StmtKind::Match { cases, .. } if !cases.iter().all(|c| count(&c.body, n)) => {
                    return false;
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                    ..
                } => {
                    if !count(body, n) || !count(orelse, n) || !count(finalbody, n) {
                        return false;
                    }
                    for h in handlers {
                        if !count(&h.body, n) {
                            return false;
                        }
                    }
                }
                _ => {}
            }
        }
        true
    }
    let mut n = 0;
    count(body, &mut n) && n <= 40
}

/// Direction of a `range()` step.
/// How a `for` loop walks an exact builtin sequence by index.
#[derive(Clone, Copy)]
struct IndexWalk {
    check: Prim,
    len: Prim,
    item: Prim,
    /// The item as an unboxed int, for bytes and bytearray.
    int_item: Option<Prim>,
}

const LIST_WALK: IndexWalk = IndexWalk {
    check: Prim::ListCheckExact,
    len: Prim::ListLen,
    item: Prim::ListItemUnchecked,
    int_item: None,
};

const TUPLE_WALK: IndexWalk = IndexWalk {
    check: Prim::TupleCheckExact,
    len: Prim::TupleLen,
    item: Prim::TupleItemUnchecked,
    int_item: None,
};

const STR_WALK: IndexWalk = IndexWalk {
    check: Prim::StrCheckExact,
    len: Prim::StrLen,
    item: Prim::StrCharAt,
    int_item: None,
};

const BYTES_WALK: IndexWalk = IndexWalk {
    check: Prim::BytesCheckExact,
    len: Prim::BytesLen,
    item: Prim::BytesItemUnchecked,
    int_item: Some(Prim::BytesItemInt),
};

const BYTEARRAY_WALK: IndexWalk = IndexWalk {
    check: Prim::ByteArrayCheckExact,
    len: Prim::ByteArrayLen,
    item: Prim::ByteArrayItemUnchecked,
    int_item: Some(Prim::ByteArrayItemInt),
};

/// The literal starts and steps of `range()` loops whose stop is clamped to the short
/// range (`oxyc_range_bound`): from such a start, with such a step, the counter needs at
/// least (2**62 - 2**32) / 256 > 2**53 iterations to reach the clamp, years of running.
const CLAMP_START_MAX: u64 = 1 << 32;
const CLAMP_STEP_MAX: u64 = 256;

#[derive(Clone, Copy)]
enum StepSign {
    Up,
    Down,
    /// Known at run time: the register holds `step > 0`.
    Dynamic(oxyc_ir::Reg),
}

/// The operations of a loop counter in one representation.
struct CounterOps {
    rtype: RType,
    lt: Prim,
    gt: Prim,
    add: Prim,
    /// How the counter becomes the loop variable (None: it already is a tagged int).
    to_int: Option<Prim>,
}

/// A C integer counter (all bounds short).
const C_COUNTER: CounterOps = CounterOps {
    rtype: RType::Ssize,
    lt: Prim::SsizeLt,
    gt: Prim::SsizeGt,
    add: Prim::SsizeAdd,
    to_int: Some(Prim::SsizeToInt),
};

/// A tagged-int counter (any bounds).
const TAGGED_COUNTER: CounterOps = CounterOps {
    rtype: RType::Int,
    lt: Prim::IntLt,
    gt: Prim::IntGt,
    add: Prim::IntAdd,
    to_int: None,
};
