//! `async def` bodies. A coroutine runs in the generator frame machinery: each
//! `await` delegates to the awaited object's iterator as `yield from` does, so the
//! event loop's `send`/`throw` reach whatever is awaited at the bottom. `async for`
//! and `async with` are built from awaits (`async with` shares `with_items`).

use crate::builder::{FnBuilder, Val};
use oxyc_ir::{BuildKind, OpKind, Prim, Reg};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt};
use oxyc_types::Ty;

impl<'a> FnBuilder<'a> {
    /// `await x`.
    pub fn await_expr(&mut self, x: &'a Expr) -> Val {
        let v = self.expr(x);
        let b = self.box_val(&v);
        self.await_obj(b, Prim::GetAwaitable)
    }

    /// Await the object in `obj`; `get` makes its iterator (and picks the message
    /// when it cannot be awaited).
    pub fn await_obj(&mut self, obj: Reg, get: Prim) -> Val {
        let it = self.prim(get, vec![obj]);
        self.delegate(it)
    }

    /// `async for target in iter: body` (`else: orelse`), as CPython 3.11: take the
    /// async iterator (`__aiter__`), then per step await `__anext__()`; a
    /// StopAsyncIteration from that step (raised by the call or by the await) ends
    /// the loop.
    pub fn async_for(
        &mut self,
        iter: &'a Expr,
        target: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) {
        self.async_for_loop(iter, target, &mut |b| b.stmts(body), orelse, None);
    }

    /// `async for` with its body built by `body` (`after_iter` runs once the
    /// iterable is evaluated: a comprehension opens its scope there).
    pub fn async_for_loop(
        &mut self,
        iter: &'a Expr,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
        after_iter: Option<&mut dyn FnMut(&mut FnBuilder<'a>)>,
    ) {
        let b = self.async_iterable(iter);
        let aiter = self.prim(Prim::GetAiter, vec![b]);
        if let Some(f) = after_iter {
            f(self);
        }
        self.async_iter_loop(aiter, target, body, orelse);
    }

    /// The iterable of an `async for`, boxed. CPython's compiler makes a list
    /// display there a tuple (as for any `for`), which the TypeError for a value
    /// without `__aiter__` names.
    pub fn async_iterable(&mut self, iter: &'a Expr) -> Reg {
        if let ExprKind::List(items) = &iter.kind
            && !items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)))
        {
            return self.build_seq(items, BuildKind::Tuple);
        }
        let v = self.expr(iter);
        self.box_val(&v)
    }

    /// The loop of `async for` over the async iterator `aiter` (what `__aiter__`
    /// returned): await `__anext__()` per step until StopAsyncIteration.
    pub fn async_iter_loop(
        &mut self,
        aiter: Reg,
        target: &'a Expr,
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
        orelse: &'a [Stmt],
    ) {
        let (header, stop, reraise, cont, else_blk, after) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        let loop_narrowed = self.narrowed.clone();
        self.goto(header);
        self.switch_to(header);
        self.handlers.push(stop);
        let step = self.prim(Prim::GetAnext, vec![aiter]);
        let item = self.delegate(step);
        self.handlers.pop();
        self.assign_target(target, Val::new(item.reg, Ty::Object));
        self.iterator_loop_body(aiter, after, cont, header, body);

        // The step raised: StopAsyncIteration ends the loop, anything else goes on.
        self.switch_to(stop);
        let ended = self.prim(Prim::AsyncForStop, vec![]);
        self.branch(ended, else_blk, reraise);
        self.switch_to(reraise);
        let outer = self.handler();
        self.goto(outer);

        self.switch_to(else_blk);
        self.narrowed = loop_narrowed;
        self.stmts(orelse);
        self.goto(after);
        self.switch_to(after);
        self.prim_void(Prim::KeepAlive, vec![aiter]);
    }

    /// Leave an `async with` normally: `await __aexit__(None, None, None)`.
    pub fn async_exit_none(&mut self, exit: Reg) {
        let none = self.none();
        let r = self.temp(oxyc_ir::RType::Obj);
        self.emit(OpKind::CallObj {
            dst: r,
            callable: exit,
            args: vec![none.reg, none.reg, none.reg],
            kwnames: None,
        });
        self.await_obj(r, Prim::GetAwaitableAexit);
    }

    /// Leave an `async with` by the exception `exc`: is the result of
    /// `await __aexit__(type, exc, tb)` true (suppress it)?
    pub fn async_exit_exc(&mut self, exit: Reg, exc: Reg) -> Reg {
        let r = self.prim(Prim::AsyncExitExc, vec![exit, exc]);
        let v = self.await_obj(r, Prim::GetAwaitableAexit);
        self.truthy(&v)
    }
}
