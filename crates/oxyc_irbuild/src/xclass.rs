//! Native classes of *other* modules compiled in the same build (`Ty::Foreign`):
//! their instances' fields are read and written in place and their compiled methods
//! called directly, each time after a test of the object's exact type against the
//! class as this module was compiled to see it (`XTypeIs`: recognised at run time
//! by its layout hash, see `oxyc_types::xmod::XClass`). Anything else — a Python
//! subclass, None, the class's module run interpreted or rebuilt with another
//! layout — takes the ordinary attribute access or method call.

use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{Const, OpKind, Prim, RType, Reg};
use oxyc_syntax::ast::{Expr, Keyword};
use oxyc_types::Ty;
use oxyc_types::xmod::{self, DefaultLit, XBind, XClass, XParam};

impl<'a> FnBuilder<'a> {
    /// The index of foreign class `qualified` in this module's `xclasses`.
    fn xclass_index(&self, qualified: &str) -> Option<u32> {
        self.cx
            .types
            .xclasses
            .iter()
            .position(|c| c.qualified() == qualified)
            .map(|i| i as u32)
    }

    fn xclass(&self, k: u32) -> &'a XClass {
        let cx = self.cx;
        &cx.types.xclasses[k as usize]
    }

    /// Foreign class `k` and the classes of its module that derive from it.
    fn xfamily(&self, k: u32) -> Vec<u32> {
        let xs = &self.cx.types.xclasses;
        let root = &xs[k as usize];
        (0..xs.len() as u32)
            .filter(|&i| {
                let mut c = Some(&xs[i as usize]);
                while let Some(x) = c {
                    if x.module == root.module && x.name == root.name {
                        return true;
                    }
                    c = x
                        .base
                        .as_ref()
                        .and_then(|b| xs.iter().find(|y| y.module == x.module && &y.name == b));
                }
                false
            })
            .collect()
    }

    /// Field `attr` of foreign class `k` or of a base: (declaring class, index, type).
    fn xfield(&self, k: u32, attr: &str) -> Option<(u32, u32, Ty)> {
        let mut c = Some(k);
        while let Some(ci) = c {
            let x = self.xclass(ci);
            if let Some(j) = x.fields.iter().position(|(n, _)| n == attr) {
                return Some((ci, j as u32, x.fields[j].1.clone()));
            }
            c = x
                .base
                .as_ref()
                .and_then(|b| self.xclass_index(&format!("{}.{b}", x.module)));
        }
        None
    }

    fn xtype_is(&mut self, obj: Reg, classes: Vec<u32>) -> Reg {
        self.xtype_is_for(obj, classes, None)
    }

    /// [`Self::xtype_is`] for the dispatch of a call of `method` (`TypeIs::method`).
    fn xtype_is_for(&mut self, obj: Reg, classes: Vec<u32>, method: Option<&str>) -> Reg {
        let dst = self.temp(RType::Bool);
        self.emit(OpKind::XTypeIs {
            dst,
            obj,
            classes,
            method: method.map(str::to_string),
        });
        dst
    }

    /// `obj.attr` where `obj` is typed as a native class of another module.
    pub fn foreign_get_field(&mut self, obj: &Val, attr: &str) -> Option<Val> {
        let k = self.xclass_index(obj.ty.foreign_class()?)?;
        let (decl, j, fty) = self.xfield(k, attr)?;
        let family = self.xfamily(k);
        let result = self.temp(rtype_of(&fty));
        let is = self.xtype_is(obj.reg, family);
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(is, fast, slow);
        self.switch_to(fast);
        let dst = self.temp(rtype_of(&fty));
        self.emit(OpKind::XGetField {
            dst,
            obj: obj.reg,
            class: decl,
            field: j,
        });
        self.assign(result, dst);
        self.goto(done);
        self.switch_to(slow);
        let name = self.str_const(attr);
        let g = self.prim(Prim::ObjGetAttr, vec![obj.reg, name]);
        let what = format!("attribute '{attr}'");
        let r = self.coerce(&Val::new(g, Ty::Object), &fty, Some(&what));
        self.assign(result, r);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, fty))
    }

    /// `obj.attr = v` where `obj` is typed as a native class of another module: in
    /// place when the value has the field's type (converted as the class's setter
    /// converts), else through the setter (which raises).
    pub fn foreign_set_field(&mut self, obj: &Val, attr: &str, v: &Val) -> bool {
        let Some(k) = obj.ty.foreign_class().and_then(|q| self.xclass_index(q)) else {
            return false;
        };
        let Some((decl, j, fty)) = self.xfield(k, attr) else {
            return false;
        };
        if self.xclass(k).frozen {
            return false;
        }
        let family = self.xfamily(k);
        let is = self.xtype_is(obj.reg, family);
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(is, fast, slow);
        self.switch_to(fast);
        let src = match fty.foreign_class() {
            // (The defining module relies on the field holding its class.)
            Some(q) => {
                let Some(fk) = self.xclass_index(q) else {
                    return false;
                };
                let b = self.box_val(v);
                let ok = self.temp(RType::Bool);
                self.emit(OpKind::XIsInstance {
                    dst: ok,
                    obj: b,
                    class: fk,
                    optional: matches!(fty, Ty::OptForeign(_)),
                });
                let store = self.new_block();
                self.branch(ok, store, slow);
                self.switch_to(store);
                b
            }
            None => {
                let owner = &self.xclass(decl).name;
                let what = format!("attribute '{attr}' of '{owner}' objects");
                self.coerce(v, &fty, Some(&what))
            }
        };
        self.emit(OpKind::XSetField {
            obj: obj.reg,
            class: decl,
            field: j,
            src,
        });
        self.goto(done);
        self.switch_to(slow);
        let name = self.str_const(attr);
        let b = self.box_val(v);
        self.prim_void(Prim::ObjSetAttr, vec![obj.reg, name, b]);
        self.goto(done);
        self.switch_to(done);
        true
    }

    /// `obj.name(args)` where `obj` is typed as a native class of another module
    /// whose method table has `name`: one exact-type test per class of its family,
    /// each a direct C call of that class's entry (so an override in a compiled
    /// subclass is called), and the ordinary method call for anything else.
    pub fn foreign_method_call(
        &mut self,
        recv: &Val,
        name: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Option<Val> {
        let k = self.xclass_index(recv.ty.foreign_class()?)?;
        let kws = xmod::keyword_names(keywords)?;
        let base = self.xclass(k).methods.get(name)?;
        // (The instance binds to the first parameter.)
        let plan = xmod::plan(&base.sig, args.len() + 1, &kws)?;
        let res_ty = base.sig.result_ty();
        let members: Vec<(u32, u32)> = self
            .xfamily(k)
            .into_iter()
            .filter_map(|c| {
                let (i, _, m) = self.xclass(c).methods.get_full(name)?;
                (xmod::plan(&m.sig, args.len() + 1, &kws).as_ref() == Some(&plan))
                    .then_some((c, i as u32))
            })
            .collect();
        let (values, kw_values) = self.eval_call_args(args, keywords);
        let recv_box = self.box_val(recv);
        let self_val = Val::new(recv_box, Ty::Object);
        let result = self.temp(rtype_of(&res_ty));
        let (slow, done) = (self.new_block(), self.new_block());
        for (c, i) in members {
            let m = &self.xclass(c).methods[i as usize];
            let is = self.xtype_is_for(recv_box, vec![c], Some(name));
            let (fast, next) = (self.new_block(), self.new_block());
            self.branch(is, fast, next);
            self.switch_to(fast);
            let mut regs = Vec::with_capacity(m.sig.params.len());
            let mut ok = true;
            for (p, b) in m.sig.params.iter().zip(&plan) {
                let v = match b {
                    XBind::Arg(0) => Some(self_val.clone()),
                    XBind::Arg(a) => values.get(a - 1).cloned(),
                    XBind::Kw(kw) => kw_values.get(*kw).cloned(),
                    XBind::Default(d) => Some(self.default_lit(d)),
                };
                let Some(v) = v else {
                    ok = false;
                    break;
                };
                let Some(r) = self.xarg(&v, p, name, next) else {
                    ok = false;
                    break;
                };
                regs.push(r);
            }
            if !ok {
                self.goto(next);
                self.switch_to(next);
                continue;
            }
            let dst = self.temp(rtype_of(&m.sig.ret));
            let mret = m.sig.ret.clone();
            self.emit(OpKind::CallXMethod {
                dst,
                class: c,
                method: i,
                args: regs,
            });
            let r = self.coerce(&Val::new(dst, mret), &res_ty, None);
            self.assign(result, r);
            self.goto(done);
            self.switch_to(next);
        }
        self.goto(slow);
        self.switch_to(slow);
        let mut boxed: Vec<Reg> = Vec::with_capacity(values.len() + kw_values.len());
        for v in values.iter().chain(&kw_values) {
            boxed.push(self.box_val(v));
        }
        let kwnames = (!kws.is_empty()).then(|| kws.iter().map(|k| k.to_string()).collect());
        let g = self.temp(RType::Obj);
        self.emit(OpKind::CallMethod {
            dst: g,
            obj: recv_box,
            name: name.to_string(),
            args: boxed,
            kwnames,
        });
        let what = format!("return value of {name}()");
        let r = self.coerce(&Val::new(g, Ty::Object), &res_ty, Some(&what));
        self.assign(result, r);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, res_ty))
    }

    /// `l op r` where `l` is typed as a native class of another module whose method
    /// table has the operator's method (one that never returns NotImplemented): when
    /// `l`'s exact type is a class of its family and `r` is of a builtin type or of
    /// `l`'s very type (so no reflected method of a subclass comes first), a direct
    /// call of that class's entry; the operator's full protocol otherwise.
    pub fn foreign_binop(
        &mut self,
        op: oxyc_syntax::ast::BinOp,
        l: &Val,
        r: &Val,
        inplace: bool,
    ) -> Option<Val> {
        let k = self.xclass_index(l.ty.foreign_class()?)?;
        let plain = oxyc_types::binop_dunder(op);
        let ipl = format!("__i{}", &plain[2..]);
        let usable = |x: &XClass, name: &str| {
            x.methods
                .get(name)
                .is_some_and(|m| !m.declines && xmod::plan(&m.sig, 2, &[]).is_some())
        };
        let name = if inplace && usable(self.xclass(k), &ipl) {
            ipl
        } else if usable(self.xclass(k), plain) {
            plain.to_string()
        } else {
            return None;
        };
        let res_ty = self.xclass(k).methods.get(&name)?.sig.result_ty();
        let members = self.xmethod_members(k, &name, &|x| usable(x, &name));
        let r_builtin = crate::dunder::builtin_operand(&r.ty);
        let lb = self.box_val(l);
        let rb = self.box_val(r);
        let result = self.temp(rtype_of(&res_ty));
        let (slow, done) = (self.new_block(), self.new_block());
        for (c, i) in members {
            let (test_r, fast, next) = (self.new_block(), self.new_block(), self.new_block());
            let is = self.xtype_is(lb, vec![c]);
            self.branch(is, test_r, next);
            self.switch_to(test_r);
            if r_builtin {
                self.goto(fast);
            } else {
                let same = self.xtype_is(rb, vec![c]);
                self.branch(same, fast, slow);
            }
            self.switch_to(fast);
            let args = [Val::new(lb, Ty::Object), r.clone()];
            self.xmethod_direct((c, i), &name, &args, (result, &res_ty), (slow, done));
            self.switch_to(next);
        }
        self.goto(slow);
        self.switch_to(slow);
        let g = self.generic_binop(
            op,
            Val::new(lb, Ty::Object),
            Val::new(rb, Ty::Object),
            &Ty::Object,
            inplace,
        );
        let what = format!("return value of {name}()");
        let v = self.coerce(&g, &res_ty, Some(&what));
        self.assign(result, v);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, res_ty))
    }

    /// The direct call of method `i` of class `c` (an operator's fast path): each
    /// argument passed as its parameter wants (`xarg`, which goes to `slow` when a value
    /// does not fit), the call through the class's method table, its result converted
    /// into `result`, then `done`. Without the parameters, straight to `slow`.
    fn xmethod_direct(
        &mut self,
        (c, i): (u32, u32),
        name: &str,
        args: &[Val],
        (result, res_ty): (oxyc_ir::Reg, &Ty),
        (slow, done): (oxyc_ir::BlockId, oxyc_ir::BlockId),
    ) {
        let m = &self.xclass(c).methods[i as usize];
        if m.sig.params.len() < args.len() {
            self.goto(slow);
            return;
        }
        let (params, mret) = (m.sig.params[..args.len()].to_vec(), m.sig.ret.clone());
        let mut regs = Vec::with_capacity(args.len());
        for (a, p) in args.iter().zip(&params) {
            let Some(r) = self.xarg(a, p, name, slow) else {
                self.goto(slow);
                return;
            };
            regs.push(r);
        }
        let dst = self.temp(rtype_of(&mret));
        self.emit(OpKind::CallXMethod {
            dst,
            class: c,
            method: i,
            args: regs,
        });
        let v = self.coerce(&Val::new(dst, mret), res_ty, None);
        self.assign(result, v);
        self.goto(done);
    }

    /// The classes of `k`'s family whose method `name` is `usable`, each with the
    /// method's index in its table (one direct call per class).
    fn xmethod_members(
        &self,
        k: u32,
        name: &str,
        usable: &dyn Fn(&XClass) -> bool,
    ) -> Vec<(u32, u32)> {
        self.xfamily(k)
            .into_iter()
            .filter_map(|c| {
                let x = self.xclass(c);
                let (i, _, _) = x.methods.get_full(name)?;
                usable(x).then_some((c, i as u32))
            })
            .collect()
    }

    /// A unary operator (`-v`, `+v`, `~v`; `abs(v)` is a call) on an instance of another
    /// module's native class: a direct call through the class's method table when the
    /// operand's exact type is a class of the family whose method is usable; the
    /// interpreter's protocol otherwise (a Python subclass's override wins).
    pub fn foreign_unary(&mut self, op: oxyc_syntax::ast::UnaryOp, v: &Val) -> Option<Val> {
        let k = self.xclass_index(v.ty.foreign_class()?)?;
        let name = oxyc_types::unary_dunder(op)?;
        let usable = |x: &XClass| {
            x.methods
                .get(name)
                .is_some_and(|m| !m.declines && xmod::plan(&m.sig, 1, &[]).is_some())
        };
        if !usable(self.xclass(k)) {
            return None;
        }
        let res_ty = self.xclass(k).methods.get(name)?.sig.result_ty();
        let members = self.xmethod_members(k, name, &usable);
        let vb = self.box_val(v);
        let result = self.temp(rtype_of(&res_ty));
        let (slow, done) = (self.new_block(), self.new_block());
        for (c, i) in members {
            let (fast, next) = (self.new_block(), self.new_block());
            let is = self.xtype_is(vb, vec![c]);
            self.branch(is, fast, next);
            self.switch_to(fast);
            let args = [Val::new(vb, Ty::Object)];
            self.xmethod_direct((c, i), name, &args, (result, &res_ty), (slow, done));
            self.switch_to(next);
        }
        self.goto(slow);
        self.switch_to(slow);
        let g = self.generic_unary(op, &Val::new(vb, Ty::Object));
        let what = format!("return value of {name}()");
        let r = self.coerce(&g, &res_ty, Some(&what));
        self.assign(result, r);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, res_ty))
    }

    /// `C(args)` where `C` names a native class of another module: when the object
    /// found is that class (`XClassReady`), the instance is allocated here and its
    /// compiled `__init__` called directly through the method table (native classes
    /// have no `__new__` and no metaclass); anything else bound to the name gets an
    /// ordinary call.
    pub fn foreign_construct(
        &mut self,
        func: &'a Expr,
        class: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Option<Val> {
        let k = self.xclass_index(class)?;
        let kws = xmod::keyword_names(keywords)?;
        if args
            .iter()
            .any(|a| matches!(a.kind, oxyc_syntax::ast::ExprKind::Starred(_)))
        {
            return None;
        }
        let x = self.xclass(k);
        let init = match x.methods.get_full("__init__") {
            Some((i, _, m)) => {
                let plan = xmod::plan(&m.sig, args.len() + 1, &kws)?;
                Some((i as u32, m, plan))
            }
            None if x.bare_init && args.is_empty() && keywords.is_empty() => None,
            None => return None,
        };
        // (Nothing is emitted before every argument is known to have a way in.)
        if let Some((_, m, plan)) = &init {
            let known = m.sig.params.iter().zip(plan).skip(1).all(|(p, b)| {
                !matches!(b, XBind::Arg(0))
                    && p.ty
                        .foreign_class()
                        .is_none_or(|q| self.xclass_index(q).is_some())
            });
            if !known {
                return None;
            }
        }
        let ty = Ty::Foreign(class.to_string());
        let callable = self.module_path(func);
        let (values, kw_values) = self.eval_call_args(args, keywords);
        let result = self.temp(RType::Obj);
        let ready = self.temp(RType::Bool);
        self.emit(OpKind::XClassReady {
            dst: ready,
            callable,
            class: k,
        });
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(ready, fast, slow);
        self.switch_to(fast);
        match init {
            None => {
                let obj = self.temp(RType::Obj);
                self.emit(OpKind::XNewInstance { dst: obj, class: k });
                self.assign(result, obj);
            }
            Some((i, m, plan)) => {
                // The arguments are checked before the instance exists (an argument
                // the class would reject goes the ordinary way, before any
                // allocation a `__del__` could see).
                let mut regs = Vec::with_capacity(m.sig.params.len());
                for (p, b) in m.sig.params.iter().zip(&plan).skip(1) {
                    let v = match b {
                        XBind::Arg(a) => values.get(a.saturating_sub(1)).cloned(),
                        XBind::Kw(kw) => kw_values.get(*kw).cloned(),
                        XBind::Default(d) => Some(self.default_lit(d)),
                    };
                    let v = match v {
                        Some(v) => v,
                        None => self.none(),
                    };
                    let r = match self.xarg(&v, p, "__init__", slow) {
                        Some(r) => r,
                        None => self.box_val(&v),
                    };
                    regs.push(r);
                }
                let obj = self.temp(RType::Obj);
                self.emit(OpKind::XNewInstance { dst: obj, class: k });
                regs.insert(0, obj);
                let dst = self.temp(rtype_of(&m.sig.ret));
                self.emit(OpKind::CallXMethod {
                    dst,
                    class: k,
                    method: i,
                    args: regs,
                });
                let r = self.box_val(&Val::new(dst, m.sig.ret.clone()));
                self.prim_void(Prim::InitReturnedNone, vec![r]);
                self.assign(result, obj);
            }
        }
        self.goto(done);
        self.switch_to(slow);
        let mut boxed: Vec<Reg> = Vec::with_capacity(values.len() + kw_values.len());
        for v in values.iter().chain(&kw_values) {
            boxed.push(self.box_val(v));
        }
        let kwnames = (!kws.is_empty()).then(|| kws.iter().map(|k| k.to_string()).collect());
        let g = self.temp(RType::Obj);
        self.emit(OpKind::CallObj {
            dst: g,
            callable,
            args: boxed,
            kwnames,
        });
        self.assign(result, g);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, ty))
    }

    /// Argument `v` for parameter `p` of a direct call into another module (`func`
    /// its name, for messages): converted and checked as the callee's wrapper would;
    /// an instance the callee relies on being of one of its native classes is
    /// tested instead, and anything else goes to `otherwise` (the ordinary call,
    /// whose wrapper raises). None when the class is unknown here.
    pub fn xarg(
        &mut self,
        v: &Val,
        p: &XParam,
        func: &str,
        otherwise: oxyc_ir::BlockId,
    ) -> Option<Reg> {
        if let Some(q) = p.ty.foreign_class() {
            let k = self.xclass_index(q)?;
            let b = self.box_val(v);
            let ok = self.temp(RType::Bool);
            self.emit(OpKind::XIsInstance {
                dst: ok,
                obj: b,
                class: k,
                optional: matches!(p.ty, Ty::OptForeign(_)),
            });
            let cont = self.new_block();
            self.branch(ok, cont, otherwise);
            self.switch_to(cont);
            return Some(b);
        }
        let what = format!("{func}() argument '{}'", p.name);
        Some(self.coerce(v, &p.ty, Some(&what)))
    }

    /// A parameter's literal default, as the callee's own wrapper would supply it.
    pub fn default_lit(&mut self, d: &DefaultLit) -> Val {
        match d {
            DefaultLit::Int(v) => {
                let c = if (crate::expr::SHORT_MIN..=crate::expr::SHORT_MAX).contains(v) {
                    Const::Int(*v)
                } else {
                    Const::BigInt(v.to_string())
                };
                Val::new(self.konst(c, RType::Int), Ty::Int)
            }
            DefaultLit::BigInt(digits) => Val::new(
                self.konst(Const::BigInt(digits.clone()), RType::Int),
                Ty::Int,
            ),
            DefaultLit::Float(v) => Val::new(self.konst(Const::Float(*v), RType::Float), Ty::Float),
            DefaultLit::Str(s) => Val::new(self.str_const(s), Ty::Str),
            DefaultLit::Bytes(b) => {
                Val::new(self.konst(Const::Bytes(b.clone()), RType::Obj), Ty::Bytes)
            }
            DefaultLit::Bool(b) => Val::new(self.konst(Const::Bool(*b), RType::Bool), Ty::Bool),
            DefaultLit::None | DefaultLit::Computed => self.none(),
        }
    }
}
