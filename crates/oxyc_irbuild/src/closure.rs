//! Functions as values: `def` statements that are not plain module-level definitions
//! (nested, decorated, conditional), `lambda`, and the cells through which nested
//! functions share variables with the functions around them.
//!
//! A captured variable lives in a cell (a `PyCell`): the function that owns it makes
//! the cell on entry (`cell_new`), and every function that captures it finds the same
//! cell in its closure tuple (`LoadFree`). The closure tuple of a function object
//! holds its captured cells in `FuncScope::freevars` order, then the values of its
//! defaults; its wrapper receives the tuple as `self`.

use crate::ModCx;
use crate::builder::{FnBuilder, Val};
use oxyc_ir::{BuildKind, FuncId, OpKind, Prim, RType, Reg, RegKind};
use oxyc_sema::FuncScope;
use oxyc_syntax::ast::{Expr, FunctionDef};
use oxyc_types::Ty;

impl<'a> FnBuilder<'a> {
    /// On entry of a function: find the captured cells in the closure and put the
    /// locals that inner functions capture into new cells (parameters keep their
    /// argument).
    pub fn closure_entry(&mut self, scope: &'a FuncScope<'a>, types: &oxyc_types::FuncTypes) {
        let local_tys = &types.locals;
        for (i, n) in scope.freevars.iter().enumerate() {
            let dst = self.new_reg(RType::Obj, RegKind::Borrowed, n);
            self.emit(OpKind::LoadFree {
                dst,
                index: i as u32,
            });
            self.locals.insert(n.clone(), dst);
            let ty = local_tys.get(n).cloned().unwrap_or(Ty::Object);
            self.local_tys.insert(n.clone(), ty);
        }
        for n in &scope.cellvars {
            let ty = local_tys.get(n).cloned().unwrap_or(Ty::Object);
            let cell = match self.locals.get(n).copied() {
                Some(param) if scope.params.contains(n) => {
                    let b = self.box_val(&Val::new(param, ty.clone()));
                    self.prim(Prim::CellNew, vec![b])
                }
                _ => self.prim(Prim::CellNewEmpty, vec![]),
            };
            let reg = self.new_reg(RType::Obj, RegKind::Local, n);
            self.assign(reg, cell);
            self.locals.insert(n.clone(), reg);
            self.local_tys.insert(n.clone(), ty);
        }
    }

    /// Read a captured variable (`NameRes::Cell` or `NameRes::Free`).
    pub fn load_cell(&mut self, n: &str, free: bool) -> Val {
        let ty = self.local_tys.get(n).cloned().unwrap_or(Ty::Object);
        let Some(&cell) = self.locals.get(n) else {
            return self.none();
        };
        let key = self.str_const(n);
        let prim = if free { Prim::FreeGet } else { Prim::CellGet };
        let v = self.prim(prim, vec![cell, key]);
        let what = format!("variable '{n}' in {}()", self.name);
        let r = self.coerce(&Val::new(v, Ty::Object), &ty, Some(&what));
        Val::new(r, ty)
    }

    /// Bind a captured variable.
    pub fn store_cell(&mut self, n: &str, v: Val) {
        let ty = self.local_tys.get(n).cloned().unwrap_or(Ty::Object);
        let Some(&cell) = self.locals.get(n) else {
            return;
        };
        let what = format!("local variable '{n}' in {}()", self.name);
        let r = self.coerce(&v, &ty, Some(&what));
        let b = self.box_val(&Val::new(r, ty));
        self.prim_void(Prim::CellSet, vec![cell, b]);
    }

    /// `del` of a captured variable (an error when unbound).
    pub fn delete_cell(&mut self, n: &str, free: bool) {
        let Some(&cell) = self.locals.get(n) else {
            return;
        };
        let key = self.str_const(n);
        let prim = if free { Prim::FreeDel } else { Prim::CellDel };
        self.prim_void(prim, vec![cell, key]);
    }

    /// A `def` statement that binds a new function object each time it runs: apply
    /// its decorators and bind the result to its name.
    pub fn def_stmt(&mut self, def: &'a FunctionDef) {
        let Some(fi) = self.cx.sem.func_of_def(def) else {
            self.error(
                def.name.span,
                "this function definition cannot be compiled here",
            );
            return;
        };
        let f = self.decorated_function(fi, def);
        self.store_name(&def.name.name, Val::new(f, Ty::Object));
    }

    /// What a `def` binds: its decorators evaluated (top to bottom), the function
    /// made, the decorators applied (bottom to top).
    pub fn decorated_function(&mut self, fi: usize, def: &'a FunctionDef) -> Reg {
        let decorators = self.eval_decorators(&def.decorators);
        let f = self.make_function(fi);
        self.apply_decorators(decorators, &def.decorators, f)
    }

    /// Decorator expressions, evaluated in order.
    pub fn eval_decorators(&mut self, decorators: &'a [Expr]) -> Vec<Reg> {
        decorators
            .iter()
            .map(|d| {
                let v = self.expr(d);
                self.box_val(&v)
            })
            .collect()
    }

    /// Apply evaluated decorators (`exprs`, their source) to `obj`, innermost (last
    /// written) first, each call at its decorator's line (as CPython reports it).
    pub fn apply_decorators(&mut self, decorators: Vec<Reg>, exprs: &[Expr], mut obj: Reg) -> Reg {
        let saved = self.line;
        for (d, e) in decorators.into_iter().zip(exprs).rev() {
            self.line = self.cx.line_of(e.span.start);
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::CallObj {
                dst,
                callable: d,
                args: vec![obj],
                kwnames: None,
            });
            obj = dst;
        }
        self.line = saved;
        obj
    }

    /// A `lambda` expression: a new function object.
    pub fn lambda(&mut self, e: &'a Expr) -> Val {
        match self.cx.sem.func_of_lambda(e) {
            Some(fi) => Val::new(self.make_function(fi), Ty::Object),
            None => {
                self.error(e.span, "this lambda cannot be compiled here");
                self.none()
            }
        }
    }

    /// A new function object for compiled function `fi`, with its defaults evaluated
    /// now and, for a closure, the cells it captures from this function.
    pub fn make_function(&mut self, fi: usize) -> Reg {
        let scope = &self.cx.sem.functions[fi];
        let dst = self.temp(RType::Obj);
        if !scope.has_closure() {
            if let Some(def) = scope.def() {
                self.store_defaults(fi, def);
            }
            self.emit(OpKind::MakeFunction {
                dst,
                func: FuncId(fi as u32),
                closure: None,
            });
            return dst;
        }
        let mut items = Vec::new();
        for n in &scope.freevars {
            match self.locals.get(n) {
                Some(&cell) => items.push(cell),
                None => {
                    self.error(
                        self.cx.module_span(scope),
                        format!("cannot find the variable `{n}` this function captures"),
                    );
                    return dst;
                }
            }
        }
        let fname = scope.display_name.clone();
        for (p, ty) in scope.parameters().all().zip(&self.cx.types.sigs[fi].params) {
            if let Some(d) = &p.default {
                let v = self.expr(d);
                let what = format!("default value of {fname}() argument '{}'", p.name.name);
                let r = self.coerce(&v, ty, Some(&what));
                items.push(self.box_val(&Val::new(r, ty.clone())));
            }
        }
        let tuple = self.temp(RType::Obj);
        self.emit(OpKind::Build {
            dst: tuple,
            kind: BuildKind::Tuple,
            items,
        });
        self.emit(OpKind::MakeFunction {
            dst,
            func: FuncId(fi as u32),
            closure: Some(tuple),
        });
        dst
    }
}

impl ModCx<'_> {
    /// Where a function is written (for errors).
    pub fn module_span(&self, scope: &FuncScope<'_>) -> oxyc_syntax::Span {
        match scope.node {
            oxyc_sema::FuncNode::Def(d) => d.name.span,
            oxyc_sema::FuncNode::Lambda(e) | oxyc_sema::FuncNode::GenExp(e) => e.span,
        }
    }
}
