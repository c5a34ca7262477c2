//! Operators on native instances: `a + b` where `a`'s class defines a compiled
//! `__add__` calls it directly when nothing else can take priority: `type(a)` is
//! exactly the class and `b` is not an instance of a subclass of it (whose reflected
//! method Python would try first). Otherwise the interpreter's operator protocol runs,
//! and its result is checked against the method's return annotation.

use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{FuncId, OpKind, RType, Reg};
use oxyc_syntax::ast::{BinOp, UnaryOp};
use oxyc_types::Ty;

impl<'a> FnBuilder<'a> {
    /// The compiled plain method `name` of the native class of `ty`, if any, with
    /// its parameter count: (class index, function index).
    fn native_dunder(&self, ty: &Ty, name: &str, arity: usize) -> Option<(u32, usize)> {
        let class = ty.native_class()?;
        let ci = self.cx.sem.native_named(class)?;
        let fi = oxyc_types::method_of(self.cx.sem, class, name)?;
        let def = self.cx.sem.functions[fi].def(self.cx.module)?;
        let params: Vec<_> = def.params.all().collect();
        let plain = def.decorators.is_empty()
            && params.len() >= arity
            && params[arity..].iter().all(|p| p.default.is_some());
        plain.then_some((ci as u32, fi))
    }

    pub fn native_binop(&mut self, op: BinOp, l: &Val, r: &Val, inplace: bool) -> Option<Val> {
        let plain = oxyc_types::binop_dunder(op);
        let ipl = format!("__i{}", &plain[2..]);
        let (ci, fi) = if inplace {
            self.native_dunder(&l.ty, &ipl, 2)
                .or_else(|| self.native_dunder(&l.ty, plain, 2))?
        } else {
            self.native_dunder(&l.ty, plain, 2)?
        };
        let sig = self.cx.types.sigs[fi].clone();
        let exact = self.temp(RType::Bool);
        self.emit(OpKind::TypeIs {
            dst: exact,
            obj: l.reg,
            class: ci,
        });
        // A right operand of a builtin type cannot be a subclass instance.
        let r_builtin = matches!(
            r.ty,
            Ty::Int
                | Ty::Float
                | Ty::Bool
                | Ty::Str
                | Ty::Bytes
                | Ty::None
                | Ty::List(_)
                | Ty::Dict(..)
                | Ty::Tuple(_)
                | Ty::TupleVar(_)
                | Ty::Set
        );
        let (check_r, fast, slow, done) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        self.branch(exact, check_r, slow);
        self.switch_to(check_r);
        if r_builtin {
            self.goto(fast);
        } else {
            let rb = self.box_val(r);
            let ok = self.temp(RType::Bool);
            self.emit(OpKind::NoSubclassOf {
                dst: ok,
                obj: rb,
                class: ci,
            });
            self.branch(ok, fast, slow);
        }
        let result = self.temp(rtype_of(&sig.ret));
        self.switch_to(fast);
        let what = format!("{}() argument", self.cx.sem.functions[fi].name);
        let args = vec![
            self.coerce(l, &sig.params[0], None),
            self.coerce(r, &sig.params[1], Some(&what)),
        ];
        self.direct_method(fi, args, result);
        self.goto(done);
        self.switch_to(slow);
        let g = self.generic_binop(op, l.clone(), r.clone(), &Ty::Object, inplace);
        self.checked_into(g, &sig.ret, fi, result);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, sig.ret))
    }

    pub fn native_unary(&mut self, op: UnaryOp, v: &Val) -> Option<Val> {
        let name = oxyc_types::unary_dunder(op)?;
        let (ci, fi) = self.native_dunder(&v.ty, name, 1)?;
        let sig = self.cx.types.sigs[fi].clone();
        let exact = self.temp(RType::Bool);
        self.emit(OpKind::TypeIs {
            dst: exact,
            obj: v.reg,
            class: ci,
        });
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(exact, fast, slow);
        let result = self.temp(rtype_of(&sig.ret));
        self.switch_to(fast);
        let args = vec![self.coerce(v, &sig.params[0], None)];
        self.direct_method(fi, args, result);
        self.goto(done);
        self.switch_to(slow);
        let g = self.generic_unary(op, v);
        self.checked_into(g, &sig.ret, fi, result);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, sig.ret))
    }

    fn direct_method(&mut self, fi: usize, args: Vec<Reg>, result: Reg) {
        let ret = self.cx.types.sigs[fi].ret.clone();
        let dst = self.temp(rtype_of(&ret));
        self.emit(OpKind::Call {
            dst,
            func: FuncId(fi as u32),
            args,
        });
        self.assign(result, dst);
    }

    /// `result = g` converted to the return type of function `fi` (checked).
    fn checked_into(&mut self, g: Val, ret: &Ty, fi: usize, result: Reg) {
        let what = format!("return value of {}()", self.cx.sem.functions[fi].name);
        let r = self.coerce(&g, ret, Some(&what));
        self.assign(result, r);
    }
}
