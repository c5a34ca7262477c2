//! Generators: `yield` and `yield from` in a generator function's body.
//!
//! The body is one IR function like any other; each `yield` is a `Yield` op that
//! suspends it (codegen keeps the registers in a heap frame and resumes at the op).
//! `yield from it` is a loop: send into the sub-iterator, yield what it yields, and
//! hand an exception thrown in at the yield to the sub-iterator's `throw()`.

use crate::builder::{FnBuilder, LoopCtx, Val};
use oxyc_ir::{Const, OpKind, Prim, RType};
use oxyc_syntax::ast::{BinOp, CmpOp, Expr, ExprKind};
use oxyc_types::Ty;

impl<'a> FnBuilder<'a> {
    /// `yield value`: the value sent in (None for `next()`).
    pub fn yield_expr(&mut self, value: Option<&'a Expr>) -> Val {
        let v = match value {
            Some(e) => self.expr(e),
            None => self.none(),
        };
        let mut b = self.box_val(&v);
        // In an async generator the value is wrapped: what the body yields bare is
        // an await passing something up to the event loop.
        if self.scope.is_some_and(|s| s.is_async_gen) {
            b = self.prim(Prim::AgenWrap, vec![b]);
        }
        let dst = self.temp(RType::Obj);
        self.emit(OpKind::Yield {
            dst,
            value: b,
            held: Vec::new(),
        });
        Val::new(dst, Ty::Object)
    }

    /// `yield from iterable`: the sub-iterator's return value.
    pub fn yield_from(&mut self, iterable: &'a Expr) -> Val {
        let x = self.expr(iterable);
        let xb = self.box_val(&x);
        let it = self.prim(Prim::YieldFromIter, vec![xb]);
        self.delegate(it)
    }

    /// Delegate to the iterator `it` until it finishes (`yield from`, `await`):
    /// yield what it yields, send in what is sent, throw in what is thrown; its
    /// return value is the result.
    pub fn delegate(&mut self, it: oxyc_ir::Reg) -> Val {
        let cur = self.temp(RType::Obj);
        let yield_blk = self.new_block();
        let throw_blk = self.new_block();
        let finish = self.new_block();

        // First step: next(it).
        let none = self.none();
        let first = self.prim(Prim::YieldFromSend, vec![it, none.reg]);
        self.check_step(first, cur, yield_blk, finish);

        // Yield what it yields; an exception thrown in goes to its throw().
        self.switch_to(yield_blk);
        self.handlers.push(throw_blk);
        let sent = self.temp(RType::Obj);
        self.push(
            OpKind::Yield {
                dst: sent,
                value: cur,
                held: Vec::new(),
            },
            true,
            false,
        );
        self.handlers.pop();
        let next = self.prim(Prim::YieldFromSend, vec![it, sent]);
        self.check_step(next, cur, yield_blk, finish);

        self.switch_to(throw_blk);
        let thrown = self.prim(Prim::YieldFromThrow, vec![it]);
        self.check_step(thrown, cur, yield_blk, finish);

        self.switch_to(finish);
        let r = self.prim(Prim::YieldFromResult, vec![]);
        Val::new(r, Ty::Object)
    }

    /// A generator expression where it stands: the iterator of its first iterable
    /// (its async iterator, `__aiter__()`, for `async for`), handed to a new
    /// generator of its function (an async generator when it is asynchronous).
    pub fn genexp(&mut self, e: &'a Expr) -> Val {
        let ExprKind::GeneratorExp { generators, .. } = &e.kind else {
            return self.none();
        };
        let Some(g) = generators.first() else {
            return self.none();
        };
        let it = if g.is_async {
            let fb = self.async_iterable(&g.iter);
            self.prim(Prim::GetAiter, vec![fb])
        } else {
            let first = self.expr(&g.iter);
            let fb = self.box_val(&first);
            self.prim(Prim::ObjGetIter, vec![fb])
        };
        let f = self.lambda(e);
        let dst = self.temp(RType::Obj);
        self.emit(OpKind::CallObj {
            dst,
            callable: f.reg,
            args: vec![it],
            kwnames: None,
        });
        Val::new(dst, Ty::Object)
    }

    /// The body of a generator expression's function: walk `.0`, bind the first
    /// target, test its conditions, run the other `for` clauses as a comprehension
    /// does, and yield each element.
    pub fn genexp_body(&mut self, e: &'a Expr) {
        let ExprKind::GeneratorExp { elt, generators } = &e.kind else {
            return;
        };
        let Some((g, rest)) = generators.split_first() else {
            return;
        };
        let Some(&it) = self.locals.get(".0") else {
            return;
        };
        if g.is_async {
            // `.0` is an async iterator: each step awaits its `__anext__()`.
            self.async_iter_loop(
                it,
                &g.target,
                &mut |b| {
                    b.comp_conditions(&g.ifs);
                    b.comprehension(rest, &mut |b| {
                        b.yield_expr(Some(elt));
                    });
                },
                &[],
            );
            return;
        }
        let (header, got, after) = (self.new_block(), self.new_block(), self.new_block());
        self.goto(header);
        self.switch_to(header);
        let y = self.prim(Prim::ObjIterNext, vec![it]);
        let done = self.prim(Prim::IsNull, vec![y]);
        self.branch(done, after, got);
        self.switch_to(got);
        let item = self.temp(RType::Obj);
        self.assign(item, y);
        let elem_ty = self.cx.types.exprs.get(g.target.id).clone();
        let v = if elem_ty != Ty::Object && matches!(g.target.kind, ExprKind::Name(_)) {
            let r = self.coerce(&Val::new(item, Ty::Object), &elem_ty, Some("loop item"));
            Val::new(r, elem_ty)
        } else {
            Val::new(item, Ty::Object)
        };
        self.assign_target(&g.target, v);
        self.loops.push(LoopCtx {
            brk: after,
            cont: header,
            unwind_len: self.unwind.len(),
        });
        for cond in &g.ifs {
            let c = self.expr(cond);
            let t = self.truthy(&c);
            let next = self.new_block();
            self.branch(t, next, header);
            self.switch_to(next);
        }
        self.comprehension(rest, &mut |b| {
            b.yield_expr(Some(elt));
        });
        self.loops.pop();
        self.emit(OpKind::CheckSignals);
        self.goto(header);
        self.switch_to(after);
    }

    /// `all(...)`, `any(...)` or `sum(...)` of a generator expression that sema chose
    /// to inline (`INLINE_CONSUMERS`): a loop in this function, which stops where the
    /// builtin would stop consuming the generator.
    pub fn inline_consumer(&mut self, name: &str, g: &'a Expr) -> Option<Val> {
        let ExprKind::GeneratorExp { elt, generators } = &g.kind else {
            return None;
        };
        if self.cx.sem.func_of_lambda(g).is_some() {
            return None;
        }
        let done = self.new_block();
        // An exception in the loop leaves "the generator": PEP 479 applies.
        let pep479 = self.new_block();
        self.handlers.push(pep479);
        let (res, ty) = match name {
            "all" | "any" => {
                let res = self.temp(RType::Bool);
                let start = self.konst(Const::Bool(name == "all"), RType::Bool);
                self.assign(res, start);
                let stop_on_true = name == "any";
                self.comprehension(generators, &mut |b| {
                    let v = b.expr(elt);
                    let t = b.truthy(&v);
                    let (stop, go_on) = (b.new_block(), b.new_block());
                    if stop_on_true {
                        b.branch(t, stop, go_on);
                    } else {
                        b.branch(t, go_on, stop);
                    }
                    b.switch_to(stop);
                    let r = b.konst(Const::Bool(stop_on_true), RType::Bool);
                    b.assign(res, r);
                    b.goto(done);
                    b.switch_to(go_on);
                });
                (res, Ty::Bool)
            }
            "sum" => {
                let elt_ty = self.cx.types.exprs.get(elt.id).clone();
                let acc_ty = if elt_ty == Ty::Int {
                    Ty::Int
                } else {
                    Ty::Object
                };
                let acc = self.temp(crate::rtype_of(&acc_ty));
                let zero = self.konst(Const::Int(0), RType::Int);
                let z = self.coerce(&Val::new(zero, Ty::Int), &acc_ty, None);
                self.assign(acc, z);
                self.comprehension(generators, &mut |b| {
                    let v = b.expr(elt);
                    let cur = Val::new(acc, acc_ty.clone());
                    let s = b.binop(BinOp::Add, cur, v, &acc_ty, false);
                    let r = b.coerce(&s, &acc_ty, None);
                    b.assign(acc, r);
                });
                (acc, acc_ty)
            }
            "min" | "max" => {
                // The first item, then each one that compares strictly smaller
                // (larger): the first of equal items wins, as in the builtin.
                let elt_ty = self.cx.types.exprs.get(elt.id).clone();
                let acc_ty = match elt_ty {
                    Ty::Int | Ty::Float => elt_ty,
                    _ => Ty::Object,
                };
                let acc = self.temp(crate::rtype_of(&acc_ty));
                let placeholder = match acc_ty {
                    Ty::Int => self.konst(Const::Int(0), RType::Int),
                    Ty::Float => self.konst(Const::Float(0.0), RType::Float),
                    _ => self.none().reg,
                };
                self.assign(acc, placeholder);
                let have = self.temp(RType::Bool);
                let no = self.konst(Const::Bool(false), RType::Bool);
                self.assign(have, no);
                let op = if name == "min" { CmpOp::Lt } else { CmpOp::Gt };
                self.comprehension(generators, &mut |b| {
                    let v = b.expr(elt);
                    let v = Val::new(b.coerce(&v, &acc_ty, None), acc_ty.clone());
                    let (first, compare, take, next) =
                        (b.new_block(), b.new_block(), b.new_block(), b.new_block());
                    b.branch(have, compare, first);
                    b.switch_to(first);
                    let yes = b.konst(Const::Bool(true), RType::Bool);
                    b.assign(have, yes);
                    b.goto(take);
                    b.switch_to(compare);
                    let c = b.cmp(op, v.clone(), Val::new(acc, acc_ty.clone()));
                    let t = b.truthy(&c);
                    b.branch(t, take, next);
                    b.switch_to(take);
                    b.assign(acc, v.reg);
                    b.goto(next);
                    b.switch_to(next);
                });
                let (empty, ok) = (self.new_block(), self.new_block());
                self.branch(have, ok, empty);
                self.switch_to(empty);
                let is_max = self.konst(Const::Bool(name == "max"), RType::Bool);
                self.push(
                    OpKind::Prim {
                        dst: None,
                        prim: Prim::RaiseEmptyMinMax,
                        args: vec![is_max],
                    },
                    true,
                    true,
                );
                self.terminate(oxyc_ir::Terminator::Unreachable);
                self.switch_to(ok);
                (acc, acc_ty)
            }
            _ => {
                self.handlers.pop();
                return None;
            }
        };
        self.handlers.pop();
        self.goto(done);
        self.switch_to(pep479);
        self.push(
            OpKind::Prim {
                dst: None,
                prim: Prim::ReraisePep479,
                args: vec![],
            },
            true,
            false,
        );
        self.terminate(oxyc_ir::Terminator::Unreachable);
        self.switch_to(done);
        Some(Val::new(res, ty))
    }

    /// After a step of `yield from`: NULL (no error) means finished, else yield it.
    fn check_step(
        &mut self,
        step: oxyc_ir::Reg,
        cur: oxyc_ir::Reg,
        yield_blk: oxyc_ir::BlockId,
        finish: oxyc_ir::BlockId,
    ) {
        let done = self.prim(Prim::IsNull, vec![step]);
        let got = self.new_block();
        self.branch(done, finish, got);
        self.switch_to(got);
        self.assign(cur, step);
        self.goto(yield_blk);
    }
}
