//! Operators on native instances: `a + b` where `a`'s class defines a compiled
//! `__add__` calls it directly when nothing else can take priority: `type(a)` is
//! exactly the class and `b` is not an instance of a subclass of it (whose reflected
//! method Python would try first). Otherwise the interpreter's operator protocol runs,
//! and its result is checked against the method's return annotation.

use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{FuncId, OpKind, RType, Reg};
use oxyc_syntax::ast::{BinOp, UnaryOp};
use oxyc_types::Ty;

/// How a method call on a native instance dispatches: for each compiled
/// implementation, the native classes whose instances resolve the name to it.
pub type Groups = Vec<(Vec<u32>, usize)>;

impl<'a> FnBuilder<'a> {
    /// Dispatch groups for method `name` called on a value of native class `class`
    /// (any class of its native family), for a call whose arguments every
    /// implementation must accept (`fits`). None unless every class of the family
    /// resolves `name` to a plain compiled method with exactly the signature of
    /// `class`'s own.
    pub fn method_groups_with(
        &self,
        class: &str,
        name: &str,
        fits: &dyn Fn(&oxyc_syntax::ast::FunctionDef) -> bool,
    ) -> Option<Groups> {
        let ci = self.cx.sem.native_named(class)?;
        let base_fi = oxyc_types::method_of(self.cx.sem, class, name)?;
        let base_sig = &self.cx.types.sigs[base_fi];
        let mut groups: Groups = Vec::new();
        for k in self.native_family(ci as u32) {
            let kname = &self.cx.sem.native[k as usize].name;
            let fi = oxyc_types::method_of(self.cx.sem, kname, name)?;
            let def = self.cx.sem.functions[fi].def()?;
            let sig = &self.cx.types.sigs[fi];
            let plain = def.decorators.is_empty()
                && fits(def)
                && sig.params.len() == base_sig.params.len()
                && sig.params[1..] == base_sig.params[1..]
                && sig.ret == base_sig.ret;
            if !plain {
                return None;
            }
            match groups.iter_mut().find(|(_, f)| *f == fi) {
                Some((ks, _)) => ks.push(k),
                None => groups.push((vec![k], fi)),
            }
        }
        Some(groups)
    }

    /// `groups` in the order an exact-type dispatch tests them: a group with a
    /// class no native class derives from (usually an instantiated one: a base
    /// with subclasses is often abstract) first, and among those the groups of
    /// fewer classes first (an override in one leaf class before an implementation
    /// that a whole subtree inherits: the specific classes are usually the many
    /// instances). (Codegen orders each group's classes leaves first too.)
    pub fn leaves_first(&self, mut groups: Groups) -> Groups {
        let native = &self.cx.sem.native;
        let is_base = |k: u32| native.iter().any(|c| c.base == Some(k as usize));
        groups.sort_by_key(|(classes, _)| (classes.iter().all(|k| is_base(*k)), classes.len()));
        groups
    }

    /// Dispatch groups of a dunder method on a value of type `ty`.
    fn native_dunder(&self, ty: &Ty, name: &str, arity: usize) -> Option<Groups> {
        // Exactly the operands as parameters: the direct call passes no defaults (a
        // `__pow__(self, other, mod=None)` goes through the protocol).
        let groups = self.method_groups_with(ty.native_class()?, name, &|def| {
            def.params.all_positional() && def.params.all().count() == arity
        })?;
        // A method that may return NotImplemented needs the full protocol.
        let declines = groups
            .iter()
            .any(|(_, fi)| self.cx.types.sigs[*fi].may_decline);
        (!declines).then_some(groups)
    }

    pub fn native_binop(&mut self, op: BinOp, l: &Val, r: &Val, inplace: bool) -> Option<Val> {
        let plain = oxyc_types::binop_dunder(op);
        let ipl = format!("__i{}", &plain[2..]);
        let groups = if inplace {
            self.native_dunder(&l.ty, &ipl, 2)
                .or_else(|| self.native_dunder(&l.ty, plain, 2))?
        } else {
            self.native_dunder(&l.ty, plain, 2)?
        };
        let sig = self.cx.types.sigs[groups[0].1].clone();
        let fi = groups[0].1;
        let result = self.temp(rtype_of(&sig.ret));
        let (slow, done) = (self.new_block(), self.new_block());
        // A right operand of a builtin type cannot be a subclass instance, whose
        // reflected method Python would try first.
        let r_builtin = builtin_operand(&r.ty);
        for (classes, gfi) in groups {
            let (test_r, fast, next) = (self.new_block(), self.new_block(), self.new_block());
            let is = self.temp(RType::Bool);
            self.emit(OpKind::TypeIs {
                dst: is,
                obj: l.reg,
                classes: classes.clone(),
                method: None,
            });
            self.branch(is, test_r, next);
            self.switch_to(test_r);
            if r_builtin {
                self.goto(fast);
            } else {
                // No instance of a (native or Python) subclass of the left operand's
                // class on the right.
                let rb = self.box_val(r);
                let ok = self.temp(RType::Bool);
                self.emit(OpKind::NoSubclassOf {
                    dst: ok,
                    obj: rb,
                    class: classes[0],
                });
                self.branch(ok, fast, slow);
            }
            self.switch_to(fast);
            let gsig = self.cx.types.sigs[gfi].clone();
            let what = format!("{}() argument", self.cx.sem.functions[gfi].name);
            let args = vec![
                self.coerce(l, &gsig.params[0], None),
                self.coerce(r, &gsig.params[1], Some(&what)),
            ];
            self.direct_method(gfi, args, result);
            self.goto(done);
            self.switch_to(next);
        }
        self.goto(slow);
        self.switch_to(slow);
        let g = self.generic_binop(op, l.clone(), r.clone(), &Ty::Object, inplace);
        self.checked_into(g, &sig.ret, fi, result);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, sig.ret))
    }

    pub fn native_unary(&mut self, op: UnaryOp, v: &Val) -> Option<Val> {
        let name = oxyc_types::unary_dunder(op)?;
        let groups = self.native_dunder(&v.ty, name, 1)?;
        let fi = groups[0].1;
        let sig = self.cx.types.sigs[fi].clone();
        let result = self.temp(rtype_of(&sig.ret));
        let (slow, done) = (self.new_block(), self.new_block());
        for (classes, gfi) in groups {
            let (fast, next) = (self.new_block(), self.new_block());
            let is = self.temp(RType::Bool);
            self.emit(OpKind::TypeIs {
                dst: is,
                obj: v.reg,
                classes,
                method: None,
            });
            self.branch(is, fast, next);
            self.switch_to(fast);
            let gsig = self.cx.types.sigs[gfi].clone();
            let args = vec![self.coerce(v, &gsig.params[0], None)];
            self.direct_method(gfi, args, result);
            self.goto(done);
            self.switch_to(next);
        }
        self.goto(slow);
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
            bound: true,
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

/// A value of a builtin type: never an instance of a subclass of a native class, whose
/// reflected operator method Python would try first.
pub fn builtin_operand(t: &Ty) -> bool {
    matches!(
        t,
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
    )
}
