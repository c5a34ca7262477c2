//! `async def` bodies. A coroutine runs in the generator frame machinery: each
//! `await` delegates to the awaited object's iterator as `yield from` does, so the
//! event loop's `send`/`throw` reach whatever is awaited at the bottom. `async for`
//! and `async with` are built from awaits (`async with` shares `with_items`).

use crate::bind;
use crate::builder::{FnBuilder, NativeExit, Val};
use oxyc_ir::{BuildKind, Const, FuncId, OpKind, Prim, RType, Reg};
use oxyc_syntax::ast::{Expr, ExprKind, Stmt};
use oxyc_types::Ty;

impl<'a> FnBuilder<'a> {
    /// `await x`.
    pub fn await_expr(&mut self, x: &'a Expr) -> Val {
        let v = self.expr(x);
        let b = self.box_val(&v);
        if self.just_made_coroutine(b) {
            // (A new compiled coroutine is its own awaitable.)
            return self.delegate(b);
        }
        self.await_obj(b, Prim::GetAwaitable)
    }

    /// Was `r` just made by a direct call of a compiled coroutine function (the
    /// last op of the current block)?
    fn just_made_coroutine(&self, r: Reg) -> bool {
        let last = self.blocks[self.cur.0 as usize].ops.last().map(|o| &o.kind);
        let Some(OpKind::Call { dst, func, .. }) = last else {
            return false;
        };
        let f = &self.cx.sem.functions[func.0 as usize];
        *dst == r && f.is_generator && f.is_async && !f.is_async_gen
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
        let item = self.anext_item(aiter);
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
    pub fn async_exit_none(&mut self, exit: Reg, native: Option<NativeExit>) {
        let none = self.none();
        let after = self.new_block();
        if let Some(n) = native {
            // Entered through the compiled `__aenter__`: call the compiled `__aexit__`,
            // awaited right there (a direct await runs it on the C stack: see
            // `oxyc_codegen`'s `inline_awaits`).
            let (fast, slow) = (self.new_block(), self.new_block());
            self.branch(n.flag, fast, slow);
            self.switch_to(fast);
            let args = [none.clone(), none.clone(), none.clone()];
            let c = self.call_coroutine_method(n.fi, exit, &args);
            self.delegate(c);
            self.goto(after);
            self.switch_to(slow);
        }
        let c = self.temp(RType::Obj);
        self.emit(OpKind::CallObj {
            dst: c,
            callable: exit,
            args: vec![none.reg, none.reg, none.reg],
            kwnames: None,
        });
        // (The compiled `__aexit__`'s new coroutine is its own awaitable.)
        let it = self.prim(Prim::GetAwaitableAexit, vec![c]);
        self.delegate(it);
        self.goto(after);
        self.switch_to(after);
    }

    /// Leave an `async with` by the exception `exc`: is the result of
    /// `await __aexit__(type, exc, tb)` true (suppress it)?
    pub fn async_exit_exc(&mut self, exit: Reg, exc: Reg, native: Option<NativeExit>) -> Reg {
        let callable = match native {
            None => exit,
            Some(n) => {
                // (Entered natively: the exit register holds the manager, whose
                // `__aexit__` is looked up now — the same compiled method.)
                let callable = self.temp(RType::Obj);
                let (fast, slow, after) = (self.new_block(), self.new_block(), self.new_block());
                self.branch(n.flag, fast, slow);
                self.switch_to(fast);
                let m = self.prim(Prim::AsyncWithLookupExit, vec![exit]);
                self.assign(callable, m);
                self.goto(after);
                self.switch_to(slow);
                self.assign(callable, exit);
                self.goto(after);
                self.switch_to(after);
                callable
            }
        };
        let r = self.prim(Prim::AsyncExitExc, vec![callable, exc]);
        let v = self.await_obj(r, Prim::GetAwaitableAexit);
        self.truthy(&v)
    }

    /// `async with` on a value whose type is exactly a native class with compiled
    /// coroutine methods `__aenter__` and `__aexit__` (one implementation each in
    /// its family): call `__aenter__` directly, keep the manager as the exit
    /// register; any other value: the protocol (look up both, call the first).
    /// Returns what to delegate to for `await __aenter__()` (its awaitable), the
    /// exit register, and the flag telling the two apart at the exits.
    pub fn native_async_enter(&mut self, mgr: Reg, ty: &Ty) -> Option<(Reg, Reg, NativeExit)> {
        let class = match ty {
            Ty::Instance(c) | Ty::OptInstance(c) => c.clone(),
            Ty::Object => self.only_class_defining("__aenter__", false)?,
            _ => return None,
        };
        let (classes, enter_fi) = self.native_coroutine_method(&class, "__aenter__", 0)?;
        let (exit_classes, exit_fi) = self.native_coroutine_method(&class, "__aexit__", 3)?;
        if classes != exit_classes {
            return None;
        }
        let (value, exit, flag) = (
            self.temp(RType::Obj),
            self.temp(RType::Obj),
            self.temp(RType::Bool),
        );
        let (fast, slow, after) = (self.new_block(), self.new_block(), self.new_block());
        let is = self.temp(RType::Bool);
        self.emit(OpKind::TypeIs {
            dst: is,
            obj: mgr,
            classes,
            method: None,
        });
        self.branch(is, fast, slow);
        self.switch_to(fast);
        let t = self.konst(Const::Bool(true), RType::Bool);
        self.assign(flag, t);
        self.assign(exit, mgr);
        // (Awaited in each branch: a direct await of the compiled method runs it
        // on the C stack, see `oxyc_codegen`'s `inline_awaits`.)
        let v = self.call_coroutine_method(enter_fi, mgr, &[]);
        let w = self.delegate(v);
        self.assign(value, w.reg);
        self.goto(after);
        self.switch_to(slow);
        let f = self.konst(Const::Bool(false), RType::Bool);
        self.assign(flag, f);
        let enter = self.prim(Prim::AsyncWithLookupEnter, vec![mgr]);
        let e = self.prim(Prim::AsyncWithLookupExit, vec![mgr]);
        self.assign(exit, e);
        let v = self.temp(RType::Obj);
        self.emit(OpKind::CallObj {
            dst: v,
            callable: enter,
            args: vec![],
            kwnames: None,
        });
        let it = self.prim(Prim::GetAwaitableAenter, vec![v]);
        let w = self.delegate(it);
        self.assign(value, w.reg);
        self.goto(after);
        self.switch_to(after);
        Some((value, exit, NativeExit { flag, fi: exit_fi }))
    }

    /// One `async for` step: `await aiter.__anext__()`, the item. When its type is
    /// exactly a native class whose `__anext__` is a compiled coroutine method (one
    /// class of its family: see `native_coroutine_method`), a direct call of it
    /// (the interpreter's special-method lookup on the type finds that very
    /// function), awaited right there; anything else, the protocol.
    fn anext_item(&mut self, aiter: Reg) -> Val {
        let Some(class) = self.only_class_defining("__anext__", false) else {
            let step = self.prim(Prim::GetAnext, vec![aiter]);
            return self.delegate(step);
        };
        let Some((classes, fi)) = self.native_coroutine_method(&class, "__anext__", 0) else {
            let step = self.prim(Prim::GetAnext, vec![aiter]);
            return self.delegate(step);
        };
        let item = self.temp(RType::Obj);
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        let is = self.temp(RType::Bool);
        self.emit(OpKind::TypeIs {
            dst: is,
            obj: aiter,
            classes,
            method: None,
        });
        self.branch(is, fast, slow);
        self.switch_to(fast);
        let r = self.call_coroutine_method(fi, aiter, &[]);
        let v = self.delegate(r);
        self.assign(item, v.reg);
        self.goto(done);
        self.switch_to(slow);
        let r = self.prim(Prim::GetAnext, vec![aiter]);
        let v = self.delegate(r);
        self.assign(item, v.reg);
        self.goto(done);
        self.switch_to(done);
        Val::new(item, Ty::Object)
    }

    /// The classes whose instances answer special method `name` with one compiled
    /// coroutine method (`async def`, no decorator) taking `nargs` positional
    /// arguments after `self`, and that method: every class of the native family
    /// of `class` resolves `name` to that same method. None otherwise.
    pub fn native_coroutine_method(
        &self,
        class: &str,
        name: &str,
        nargs: usize,
    ) -> Option<(Vec<u32>, usize)> {
        let ci = self.cx.sem.native_named(class)?;
        let fi = oxyc_types::coroutine_method_of(self.cx.sem, class, name)?;
        bind::plan(self.cx.sem.functions[fi].def()?, 1, nargs, &[])?;
        let family = self.native_family(ci as u32);
        for &k in &family {
            let kname = &self.cx.sem.native[k as usize].name;
            if oxyc_types::coroutine_method_of(self.cx.sem, kname, name) != Some(fi) {
                return None;
            }
        }
        Some((family, fi))
    }

    /// Call coroutine method `fi` directly on `recv` (whose exact type was tested)
    /// with positional `args`: the coroutine object.
    pub fn call_coroutine_method(&mut self, fi: usize, recv: Reg, args: &[Val]) -> Reg {
        let mut regs = Vec::new();
        if let Some(def) = self.cx.sem.functions[fi].def()
            && let Some(plan) = bind::plan(def, 1, args.len(), &[])
        {
            let self_ty = self.cx.types.sigs[fi].params[0].clone();
            regs.push(self.coerce(&Val::new(recv, Ty::Object), &self_ty, None));
            regs.extend(self.bound_args(fi, 1, &plan, args, &[], &[]));
        }
        let dst = self.temp(RType::Obj);
        // (The receiver's class exists, so its methods have been made.)
        self.emit(OpKind::Call {
            dst,
            func: FuncId(fi as u32),
            args: regs,
            bound: true,
        });
        dst
    }
}
