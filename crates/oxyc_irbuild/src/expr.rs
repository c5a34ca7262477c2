//! Expressions.

use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{BuildKind, Const, OpKind, Prim, RType, Reg};
use oxyc_sema::NameRes;
use oxyc_syntax::ast::{BinOp, BoolOp, CmpOp, Comprehension, Expr, ExprKind, IntLit, UnaryOp};
use oxyc_types::Ty;

pub(crate) const SHORT_MAX: i64 = (1 << 62) - 1;
pub(crate) const SHORT_MIN: i64 = -(1 << 62);

/// The value of an int literal (`5`, `-5`) that fits a short int.
fn short_literal(lit: &Expr) -> Option<i64> {
    let v = match &lit.kind {
        ExprKind::Int(IntLit::Small(v)) => *v,
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => match &operand.kind {
            ExprKind::Int(IntLit::Small(v)) => v.checked_neg()?,
            _ => return None,
        },
        ExprKind::UnaryOp {
            op: UnaryOp::UAdd,
            operand,
        } => match &operand.kind {
            ExprKind::Int(IntLit::Small(v)) => *v,
            _ => return None,
        },
        _ => return None,
    };
    (SHORT_MIN..=SHORT_MAX).contains(&v).then_some(v)
}

/// `a op b` of two ints by Python's rules, when it is a short int (None for the
/// operators whose result is not an int, division by zero, negative shifts and
/// results out of the short range).
fn fold_int(op: BinOp, a: i64, b: i64) -> Option<i64> {
    let (a, b) = (i128::from(a), i128::from(b));
    let v = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => a * b,
        BinOp::FloorDiv if b != 0 => a.div_euclid(b) - i128::from(b < 0 && a.rem_euclid(b) != 0),
        BinOp::Mod if b != 0 => {
            let r = a.rem_euclid(b);
            if b < 0 && r != 0 { r + b } else { r }
        }
        BinOp::LShift if (0..64).contains(&b) => a.checked_shl(b as u32)?,
        BinOp::RShift if b >= 0 => a >> b.min(127),
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        _ => return None,
    };
    (i128::from(SHORT_MIN)..=i128::from(SHORT_MAX))
        .contains(&v)
        .then_some(v as i64)
}

impl<'a> FnBuilder<'a> {
    pub fn ty(&self, e: &Expr) -> Ty {
        self.cx.types.exprs.get(e.id).clone()
    }

    pub fn expr(&mut self, e: &'a Expr) -> Val {
        // Ops report the line of their own expression (a multi-line statement's error
        // points at the failing part, as in CPython).
        let saved = self.line;
        // (An attribute, and a call CPython 3.11 makes as a method call, report the
        // attribute's line, as it does for a chain over several lines:
        // `(s\n .upper()\n .missing())`.)
        let at = match &e.kind {
            ExprKind::Attribute { attr, .. } => attr.span.start,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => match &func.kind {
                ExprKind::Attribute { attr, .. } if method_call_form(args, keywords) => {
                    attr.span.start
                }
                _ => e.span.start,
            },
            _ => e.span.start,
        };
        self.line = self.cx.line_of(at);
        let v = self.expr_at_line(e);
        self.line = saved;
        v
    }

    fn expr_at_line(&mut self, e: &'a Expr) -> Val {
        let ty = self.ty(e);
        if matches!(
            e.kind,
            ExprKind::ListComp { .. } | ExprKind::SetComp { .. } | ExprKind::DictComp { .. }
        ) {
            // A comprehension is a loop: a walrus in it rebinds on every iteration.
            self.forget_walrus_in(e);
        }
        match &e.kind {
            ExprKind::Int(IntLit::Small(v)) => {
                let c = if (SHORT_MIN..=SHORT_MAX).contains(v) {
                    Const::Int(*v)
                } else {
                    Const::BigInt(v.to_string())
                };
                Val::new(self.konst(c, RType::Int), Ty::Int)
            }
            ExprKind::Int(IntLit::Big(digits)) => Val::new(
                self.konst(Const::BigInt(digits.clone()), RType::Int),
                Ty::Int,
            ),
            ExprKind::Float(f) => Val::new(self.konst(Const::Float(*f), RType::Float), Ty::Float),
            ExprKind::Complex(f) => {
                Val::new(self.konst(Const::Complex(*f), RType::Obj), Ty::Object)
            }
            ExprKind::Bool(b) => Val::new(self.konst(Const::Bool(*b), RType::Bool), Ty::Bool),
            ExprKind::NoneLit => self.none(),
            ExprKind::Ellipsis => Val::new(self.konst(Const::Ellipsis, RType::Obj), Ty::Object),
            ExprKind::Str(s) => Val::new(self.str_const(s), Ty::Str),
            ExprKind::Bytes(b) => {
                Val::new(self.konst(Const::Bytes(b.clone()), RType::Obj), Ty::Bytes)
            }
            ExprKind::FString(parts) => {
                let r = self.fstring(parts);
                Val::new(r, Ty::Str)
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::BinOp { left, op, right } => {
                if *op == BinOp::BitAnd
                    && ty == Ty::Int
                    && let Some(v) = self.masked_and(left, right)
                {
                    return v;
                }
                if *op == BinOp::Mod
                    && let ExprKind::Str(t) = &left.kind
                    && let Some(r) = self.percent_format(t, right)
                {
                    return Val::new(r, Ty::Str);
                }
                if *op == BinOp::Add
                    && ty == Ty::Str
                    && let Some(v) = self.str_chain(e)
                {
                    return v;
                }
                // Two short int literals (`1 << 20`): folded, as CPython's compiler
                // folds them.
                if let (Some(a), Some(b)) = (short_literal(left), short_literal(right))
                    && let Some(v) = fold_int(*op, a, b)
                {
                    return Val::new(self.konst(Const::Int(v), RType::Int), Ty::Int);
                }
                let l = self.expr(left);
                let r = self.expr(right);
                self.binop(*op, l, r, &ty, false)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.expr(operand);
                self.unary(*op, v)
            }
            ExprKind::BoolOp { op, values } => self.boolop(*op, values, &ty),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators, &ty),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e, func, args, keywords),
            ExprKind::Attribute { value, attr } => {
                let v = self.expr(value);
                if let Some((c, f, fty)) = self.native_field(&v.ty, &attr.name) {
                    if self.field_unstored(c, &attr.name) {
                        return self.guarded_field(&v, (c, f, fty), &attr.name);
                    }
                    return self.get_field(v.reg, c, f, &fty);
                }
                if let Some(r) = self.speculative_get_field(&v, &attr.name) {
                    return r;
                }
                if let Some(r) = self.foreign_get_field(&v, &attr.name) {
                    return r;
                }
                let obj = self.box_val(&v);
                let name = self.str_const(&attr.name);
                Val::new(self.prim(Prim::ObjGetAttr, vec![obj, name]), Ty::Object)
            }
            ExprKind::Subscript { value, index } => self.subscript(value, index, &ty),
            ExprKind::Slice { lower, upper, step } => {
                let r = self.slice(lower.as_deref(), upper.as_deref(), step.as_deref());
                Val::new(r, Ty::Object)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let result = self.temp(rtype_of(&ty));
                let cond = self.condition(test);
                let (t, f, done) = (self.new_block(), self.new_block(), self.new_block());
                self.branch(cond, t, f);
                let base = self.narrowed.clone();
                self.switch_to(t);
                self.apply_narrowing(test, true);
                let a = self.expr(body);
                let a = self.coerce(&a, &ty, None);
                self.assign(result, a);
                let t_end = std::mem::replace(&mut self.narrowed, base);
                self.goto(done);
                self.switch_to(f);
                self.apply_narrowing(test, false);
                let b = self.expr(orelse);
                let b = self.coerce(&b, &ty, None);
                self.assign(result, b);
                self.goto(done);
                self.switch_to(done);
                self.narrowed = crate::narrow::join(&t_end, &self.narrowed);
                Val::new(result, ty)
            }
            ExprKind::List(items) => Val::new(self.build_seq(items, BuildKind::List), ty),
            ExprKind::Tuple(items) => Val::new(self.build_seq(items, BuildKind::Tuple), ty),
            ExprKind::Set(items) => Val::new(self.build_seq(items, BuildKind::Set), ty),
            ExprKind::Dict(entries) => {
                let mut keys = Vec::new();
                let mut values = Vec::new();
                let simple = entries.iter().all(|(k, _)| k.is_some());
                if simple && entries.len() >= LITERAL_TABLE_ITEMS {
                    let keys: Option<Vec<Const>> = entries
                        .iter()
                        .map(|(k, _)| k.as_ref().and_then(literal_value))
                        .collect();
                    let values: Option<Vec<Const>> =
                        entries.iter().map(|(_, v)| literal_value(v)).collect();
                    if let (Some(keys), Some(values)) = (keys, values) {
                        let k = self.konst(Const::Tuple(keys), RType::Obj);
                        let v = self.konst(Const::Tuple(values), RType::Obj);
                        return Val::new(self.prim(Prim::DictFromTuples, vec![k, v]), ty);
                    }
                }
                if simple {
                    for (k, v) in entries {
                        if let Some(k) = k {
                            let kv = self.expr(k);
                            keys.push(self.box_val(&kv));
                            let vv = self.expr(v);
                            values.push(self.box_val(&vv));
                        }
                    }
                    let dst = self.temp(RType::Obj);
                    self.emit(OpKind::BuildDict { dst, keys, values });
                    return Val::new(dst, ty);
                }
                let dst = self.temp(RType::Obj);
                self.emit(OpKind::BuildDict {
                    dst,
                    keys: vec![],
                    values: vec![],
                });
                for (k, v) in entries {
                    match k {
                        Some(k) => {
                            let kv = self.expr(k);
                            let kb = self.box_val(&kv);
                            let vv = self.expr(v);
                            let vb = self.box_val(&vv);
                            self.prim_void(Prim::DictSetItem, vec![dst, kb, vb]);
                        }
                        None => {
                            let m = self.expr(v);
                            let mb = self.box_val(&m);
                            self.prim_void(Prim::DictUpdate, vec![dst, mb]);
                        }
                    }
                }
                Val::new(dst, ty)
            }
            ExprKind::ListComp { elt, generators } => {
                let dst = self.temp(RType::Obj);
                self.emit(OpKind::Build {
                    dst,
                    kind: BuildKind::List,
                    items: vec![],
                });
                self.comprehension(generators, &mut |b| {
                    let v = b.expr(elt);
                    let bv = b.box_val(&v);
                    b.prim_void(Prim::ListAppend, vec![dst, bv]);
                });
                Val::new(dst, ty)
            }
            ExprKind::SetComp { elt, generators } => {
                let dst = self.temp(RType::Obj);
                self.emit(OpKind::Build {
                    dst,
                    kind: BuildKind::Set,
                    items: vec![],
                });
                self.comprehension(generators, &mut |b| {
                    let v = b.expr(elt);
                    let bv = b.box_val(&v);
                    b.prim_void(Prim::SetAdd, vec![dst, bv]);
                });
                Val::new(dst, ty)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                let dst = self.temp(RType::Obj);
                self.emit(OpKind::BuildDict {
                    dst,
                    keys: vec![],
                    values: vec![],
                });
                self.comprehension(generators, &mut |b| {
                    let k = b.expr(key);
                    let kb = b.box_val(&k);
                    let v = b.expr(value);
                    let vb = b.box_val(&v);
                    b.prim_void(Prim::DictSetItem, vec![dst, kb, vb]);
                });
                Val::new(dst, ty)
            }
            ExprKind::Lambda { .. } => self.lambda(e),
            ExprKind::Yield(v) => self.yield_expr(v.as_deref()),
            ExprKind::YieldFrom(x) => self.yield_from(x),
            ExprKind::Await(x) => {
                // (Typed by the awaited coroutine function's annotation: checked.)
                let v = self.await_expr(x);
                let t = self.ty(e);
                if t == Ty::Object {
                    v
                } else {
                    let r = self.coerce(&v, &t, Some("awaited value"));
                    Val::new(r, t)
                }
            }
            ExprKind::GeneratorExp { .. } => self.genexp(e),
            ExprKind::Named { target, value } => {
                // `(n := v)` is `v`, also stored to `n` (in a comprehension: to the
                // enclosing function's `n`; sema rejects a clash with a comprehension
                // variable, so `store_name` never finds `n` among them).
                let v = self.expr(value);
                match &target.kind {
                    ExprKind::Name(n) => self.store_name(n, v.clone()),
                    _ => self.error(target.span, "cannot assign to this expression"),
                }
                v
            }
            ExprKind::Starred(_) => {
                self.error(e.span, "this expression cannot be compiled here");
                self.none()
            }
        }
    }

    pub fn load_name(&mut self, n: &str) -> Val {
        // `__class__` in a method: the class its class statement created.
        if n == "__class__"
            && self
                .scope
                .is_some_and(|s| !s.locals.contains(n) && !s.freevars.contains(n))
            && let Some(dst) = self.class_object(oxyc_ir::ClassCellRead::Name)
        {
            return Val::new(dst, Ty::Object);
        }
        for scope in self.comp.iter().rev() {
            if let Some(v) = scope.get(n) {
                return v.clone();
            }
        }
        // (A comprehension's first iterable is evaluated in the class scope, before its
        // own scope has names; everything else in it sees the globals.)
        let function_variable = self.class_bound.as_ref().is_some_and(|b| !b.contains(n))
            && matches!(
                self.cx.sem.resolve(self.scope, n),
                NameRes::Local | NameRes::Cell | NameRes::Free
            );
        if let Some(ns) = self.class_body
            && self.comp.iter().all(|s| s.is_empty())
            && !function_variable
        {
            let key = self.str_const(n);
            return Val::new(self.prim(Prim::ClassLoadName, vec![ns, key]), Ty::Object);
        }
        match self.cx.sem.resolve(self.scope, n) {
            NameRes::Cell => self.load_cell(n, false),
            NameRes::Free => self.load_cell(n, true),
            NameRes::Local => match self.locals.get(n) {
                Some(&r) => {
                    self.refresh_word_local(n);
                    let ty = self
                        .narrowed_ty(n)
                        .or_else(|| self.local_tys.get(n))
                        .cloned()
                        .unwrap_or(Ty::Object);
                    self.emit(OpKind::CheckBound {
                        reg: r,
                        name: n.to_string(),
                    });
                    if self.walrus_targets.contains(n) {
                        let copy = self.temp(self.regs[r.0 as usize].ty);
                        self.assign(copy, r);
                        return Val::new(copy, ty);
                    }
                    Val::new(r, ty)
                }
                None if self.split.contains_key(n) => self.load_split(n),
                None if self.vecs.contains_key(n) => self.load_vec(n),
                None if self.tokens.contains_key(n) => self.load_token(n),
                None => Val::new(self.load_global(n), Ty::Object),
            },
            NameRes::Global => {
                if let Some(lit) = self.cx.sem.constants.get(n)
                    && oxyc_types::constant_ty(lit) == Ty::Int
                {
                    let dst = self.temp(RType::Int);
                    self.emit(OpKind::LoadConstInt {
                        dst,
                        name: n.to_string(),
                        what: format!("module constant '{n}'"),
                        value: short_literal(lit),
                        known: false,
                    });
                    return Val::new(dst, Ty::Int);
                }
                let g = Val::new(self.load_global(n), Ty::Object);
                if let Some(ty) = self.cx.types.globals.get(n) {
                    let what = format!("module variable '{n}'");
                    let r = self.coerce(&g, ty, Some(&what));
                    return Val::new(r, ty.clone());
                }
                match self.cx.sem.constants.get(n) {
                    // A module constant has its literal's type (checked on the way in).
                    Some(lit) => {
                        let ty = oxyc_types::constant_ty(lit);
                        let what = format!("module constant '{n}'");
                        let r = self.coerce(&g, &ty, Some(&what));
                        Val::new(r, ty)
                    }
                    None => g,
                }
            }
            NameRes::Builtin => {
                let dst = self.temp(RType::Obj);
                self.emit(OpKind::LoadBuiltin {
                    dst,
                    name: n.to_string(),
                });
                Val::new(dst, Ty::Object)
            }
        }
    }

    fn load_global(&mut self, n: &str) -> oxyc_ir::Reg {
        let dst = self.temp(RType::Obj);
        self.emit(OpKind::LoadGlobal {
            dst,
            name: n.to_string(),
        });
        dst
    }

    pub fn binop(&mut self, op: BinOp, l: Val, r: Val, ty: &Ty, inplace: bool) -> Val {
        use BinOp::*;
        if let Some(v) = self.native_binop(op, &l, &r, inplace) {
            return v;
        }
        if let Some(v) = self.foreign_binop(op, &l, &r, inplace) {
            return v;
        }
        let both_int = l.ty.is_intlike() && r.ty.is_intlike();
        match ty {
            Ty::Int if both_int => {
                let a = self.coerce(&l, &Ty::Int, None);
                let b = self.coerce(&r, &Ty::Int, None);
                let p = match op {
                    Add => Prim::IntAdd,
                    Sub => Prim::IntSub,
                    Mult => Prim::IntMul,
                    FloorDiv => Prim::IntFloorDiv,
                    Mod => Prim::IntMod,
                    Pow => Prim::IntPow,
                    LShift => Prim::IntLShift,
                    RShift => Prim::IntRShift,
                    BitAnd => Prim::IntAnd,
                    BitOr => Prim::IntOr,
                    BitXor => Prim::IntXor,
                    Div | MatMult => return self.generic_binop(op, l, r, ty, inplace),
                };
                Val::new(self.prim(p, vec![a, b]), Ty::Int)
            }
            Ty::Bool if l.ty == Ty::Bool && r.ty == Ty::Bool => {
                let p = match op {
                    BitAnd => Prim::BoolAnd,
                    BitOr => Prim::BoolOr,
                    BitXor => Prim::BoolXor,
                    _ => return self.generic_binop(op, l, r, ty, inplace),
                };
                Val::new(self.prim(p, vec![l.reg, r.reg]), Ty::Bool)
            }
            Ty::Float if both_int && op == Div => {
                let a = self.coerce(&l, &Ty::Int, None);
                let b = self.coerce(&r, &Ty::Int, None);
                Val::new(self.prim(Prim::IntTrueDiv, vec![a, b]), Ty::Float)
            }
            Ty::Float if l.ty.is_numeric() && r.ty.is_numeric() => {
                let a = self.coerce(&l, &Ty::Float, None);
                let b = self.coerce(&r, &Ty::Float, None);
                let p = match op {
                    Add => Prim::FloatAdd,
                    Sub => Prim::FloatSub,
                    Mult => Prim::FloatMul,
                    Div => Prim::FloatDiv,
                    FloorDiv => Prim::FloatFloorDiv,
                    Mod => Prim::FloatMod,
                    Pow => Prim::FloatPow,
                    _ => return self.generic_binop(op, l, r, ty, inplace),
                };
                Val::new(self.prim(p, vec![a, b]), Ty::Float)
            }
            Ty::Str if op == Add && l.ty == Ty::Str && r.ty == Ty::Str => {
                let res = self.prim(Prim::StrConcat, vec![l.reg, r.reg]);
                // (A subclass's __add__ may return anything: checked, not trusted.)
                let r = self.coerce(&Val::new(res, Ty::Object), &Ty::Str, Some("result of +"));
                Val::new(r, Ty::Str)
            }
            _ => self.generic_binop(op, l, r, ty, inplace),
        }
    }

    /// `a + b + c` (to 5 operands) of values typed str: one new str when all are
    /// exact strs (`oxy_cat_pair` / `oxy_cat_next*`, which add a subclass operand at
    /// the interpreter's points instead); None for a shorter chain or other operands.
    fn str_chain(&mut self, e: &'a Expr) -> Option<Val> {
        let mut operands: Vec<&'a Expr> = Vec::new();
        let mut cur = e;
        while let ExprKind::BinOp {
            left,
            op: BinOp::Add,
            right,
        } = &cur.kind
        {
            if self.ty(cur) != Ty::Str || self.ty(right) != Ty::Str {
                return None;
            }
            operands.push(right);
            cur = left;
        }
        if self.ty(cur) != Ty::Str {
            return None;
        }
        operands.push(cur);
        operands.reverse();
        if !(3..=5).contains(&operands.len()) {
            return None;
        }
        let mut vals: Vec<Reg> = Vec::new();
        for o in &operands[..2] {
            let v = self.expr(o);
            vals.push(v.reg);
        }
        let mut sum = self.prim(Prim::CatPair, vec![vals[0], vals[1]]);
        let n = operands.len();
        for (k, o) in operands.iter().enumerate().skip(2) {
            let x = self.expr(o).reg;
            let last = self.konst(Const::Int(i64::from(k == n - 1)), RType::CInt);
            let prim = match k {
                2 => Prim::CatNext2,
                3 => Prim::CatNext3,
                _ => Prim::CatNext4,
            };
            let mut args = vals.clone();
            args.extend([sum, x, last]);
            sum = self.prim(prim, args);
            vals.push(x);
        }
        // (A subclass's __add__ may return anything: checked, as for one +.)
        let r = self.coerce(&Val::new(sum, Ty::Object), &Ty::Str, Some("result of +"));
        Some(Val::new(r, Ty::Str))
    }

    pub fn generic_binop(&mut self, op: BinOp, l: Val, r: Val, ty: &Ty, inplace: bool) -> Val {
        use BinOp::*;
        let a = self.box_val(&l);
        let b = self.box_val(&r);
        let p = match (op, inplace) {
            (Add, false) => Prim::ObjAdd,
            (Sub, false) => Prim::ObjSub,
            (Mult, false) => Prim::ObjMul,
            (MatMult, false) => Prim::ObjMatMul,
            (Div, false) => Prim::ObjTrueDiv,
            (FloorDiv, false) => Prim::ObjFloorDiv,
            (Mod, false) => Prim::ObjMod,
            (Pow, false) => Prim::ObjPow,
            (LShift, false) => Prim::ObjLShift,
            (RShift, false) => Prim::ObjRShift,
            (BitAnd, false) => Prim::ObjAnd,
            (BitOr, false) => Prim::ObjOr,
            (BitXor, false) => Prim::ObjXor,
            (Add, true) => Prim::ObjIAdd,
            (Sub, true) => Prim::ObjISub,
            (Mult, true) => Prim::ObjIMul,
            (MatMult, true) => Prim::ObjIMatMul,
            (Div, true) => Prim::ObjITrueDiv,
            (FloorDiv, true) => Prim::ObjIFloorDiv,
            (Mod, true) => Prim::ObjIMod,
            (Pow, true) => Prim::ObjIPow,
            (LShift, true) => Prim::ObjILShift,
            (RShift, true) => Prim::ObjIRShift,
            (BitAnd, true) => Prim::ObjIAnd,
            (BitOr, true) => Prim::ObjIOr,
            (BitXor, true) => Prim::ObjIXor,
        };
        let res = Val::new(self.prim(p, vec![a, b]), Ty::Object);
        self.known_obj(res, ty)
    }

    /// Convert a boxed result whose Python type is known to be `ty` (no check needed).
    pub fn known_obj(&mut self, v: Val, ty: &Ty) -> Val {
        if let Ty::Instance(c) | Ty::OptInstance(c) = ty {
            // Compiled code reads a native instance's fields directly: always check.
            let r = self.coerce(&v, ty, Some(&format!("a {c} value")));
            return Val::new(r, ty.clone());
        }
        if *ty == Ty::Object || rtype_of(ty) == RType::Obj {
            return Val::new(v.reg, ty.clone());
        }
        let r = self.coerce(&v, ty, None);
        Val::new(r, ty.clone())
    }

    fn unary(&mut self, op: UnaryOp, v: Val) -> Val {
        if let Some(r) = self.native_unary(op, &v) {
            return r;
        }
        if let Some(r) = self.foreign_unary(op, &v) {
            return r;
        }
        match (op, &v.ty) {
            (UnaryOp::Not, _) => {
                let c = self.truthy(&v);
                let b = self.cond_to_bool(c);
                Val::new(self.prim(Prim::BoolNot, vec![b]), Ty::Bool)
            }
            (UnaryOp::USub, Ty::Int | Ty::Bool) => {
                let i = self.coerce(&v, &Ty::Int, None);
                Val::new(self.prim(Prim::IntNeg, vec![i]), Ty::Int)
            }
            (UnaryOp::USub, Ty::Float) => {
                Val::new(self.prim(Prim::FloatNeg, vec![v.reg]), Ty::Float)
            }
            (UnaryOp::UAdd, Ty::Int | Ty::Bool) => {
                Val::new(self.coerce(&v, &Ty::Int, None), Ty::Int)
            }
            (UnaryOp::UAdd, Ty::Float) => v,
            (UnaryOp::Invert, Ty::Int | Ty::Bool) => {
                let i = self.coerce(&v, &Ty::Int, None);
                Val::new(self.prim(Prim::IntInvert, vec![i]), Ty::Int)
            }
            _ => self.generic_unary(op, &v),
        }
    }

    /// A unary operator through the interpreter's protocol (`not` is never passed).
    pub fn generic_unary(&mut self, op: UnaryOp, v: &Val) -> Val {
        let b = self.box_val(v);
        let p = match op {
            UnaryOp::USub => Prim::ObjNeg,
            UnaryOp::UAdd => Prim::ObjPos,
            _ => Prim::ObjInvert,
        };
        Val::new(self.prim(p, vec![b]), Ty::Object)
    }

    /// The truth of `e` as a condition (a Bool or CInt register). `and`, `or` and
    /// `not` become branches: their operands are never boxed to pick a value.
    pub fn condition(&mut self, e: &'a Expr) -> oxyc_ir::Reg {
        match &e.kind {
            ExprKind::BoolOp { op, values } if !values.is_empty() => {
                let result = self.temp(RType::Bool);
                let done = self.new_block();
                let base = self.narrowed.clone();
                for (i, v) in values.iter().enumerate() {
                    let c = self.condition(v);
                    let c = self.cond_to_bool(c);
                    self.assign(result, c);
                    if i + 1 < values.len() {
                        // The next operand runs only if this one was true (`and`) or
                        // false (`or`).
                        self.apply_narrowing(v, matches!(op, BoolOp::And));
                        let next = self.new_block();
                        match op {
                            BoolOp::And => self.branch(c, next, done),
                            BoolOp::Or => self.branch(c, done, next),
                        }
                        self.switch_to(next);
                    }
                }
                self.goto(done);
                self.switch_to(done);
                self.narrowed = crate::narrow::join(&base, &self.narrowed);
                result
            }
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => {
                let c = self.condition(operand);
                let b = self.cond_to_bool(c);
                self.prim(Prim::BoolNot, vec![b])
            }
            _ => {
                let v = self.expr(e);
                self.truthy(&v)
            }
        }
    }

    /// Turn a Bool-or-CInt condition register into a Bool register.
    pub fn cond_to_bool(&mut self, c: oxyc_ir::Reg) -> oxyc_ir::Reg {
        if self.regs[c.0 as usize].ty == RType::CInt {
            self.prim(Prim::CIntToBool, vec![c])
        } else {
            c
        }
    }

    fn boolop(&mut self, op: BoolOp, values: &'a [Expr], ty: &Ty) -> Val {
        let result = self.temp(rtype_of(ty));
        let done = self.new_block();
        let base = self.narrowed.clone();
        for (i, e) in values.iter().enumerate() {
            let v = self.expr(e);
            let r = self.coerce(&v, ty, None);
            self.assign(result, r);
            if i + 1 == values.len() {
                self.goto(done);
            } else {
                let c = self.truthy(&v);
                let next = self.new_block();
                match op {
                    BoolOp::And => self.branch(c, next, done),
                    BoolOp::Or => self.branch(c, done, next),
                }
                self.switch_to(next);
                self.apply_narrowing(e, matches!(op, BoolOp::And));
            }
        }
        self.switch_to(done);
        self.narrowed = crate::narrow::join(&base, &self.narrowed);
        Val::new(result, ty.clone())
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr], ty: &Ty) -> Val {
        // A character kept as its code point, tested against a literal.
        if let Some((op, text)) = crate::word_local::char_compare(ops, comparators)
            && let Some(w) = self.word_local(left, crate::word_local::WordKind::Char)
            && let ExprKind::Name(n) = &left.kind
        {
            let v = self.char_compare(n, w, op, &comparators[0], text);
            return self.retype(v, ty);
        }
        if let Some((op, text)) = crate::word_local::char_compare(ops, comparators)
            && let Some(v) = self.char_compare_at(left, op, &comparators[0], text)
        {
            return self.retype(v, ty);
        }
        let mut l = self.expr(left);
        if ops.len() == 1 {
            let r = self.expr(&comparators[0]);
            let v = self.cmp(ops[0], l, r);
            return self.retype(v, ty);
        }
        let result = self.temp(rtype_of(ty));
        let done = self.new_block();
        for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
            let r = self.expr(c);
            let v = self.cmp(*op, l, r.clone());
            let v = self.retype(v, ty);
            self.assign(result, v.reg);
            if i + 1 == ops.len() {
                self.goto(done);
            } else {
                let cond = self.truthy(&v);
                let next = self.new_block();
                self.branch(cond, next, done);
                self.switch_to(next);
            }
            l = r;
        }
        self.switch_to(done);
        Val::new(result, ty.clone())
    }

    fn retype(&mut self, v: Val, ty: &Ty) -> Val {
        if v.ty == *ty {
            return v;
        }
        if *ty == Ty::Object {
            let b = self.box_val(&v);
            return Val::new(b, Ty::Object);
        }
        let r = self.coerce(&v, ty, None);
        Val::new(r, ty.clone())
    }

    /// The hash of a key typed tuple, computed once for the set and dict lookups
    /// that take it (`Prim::HashPure`: -1 at run time, "hash it yourself", unless
    /// the key is a pure value; `oxyc_passes::hash_reuse` shares it between the
    /// lookups of one key).
    pub fn tuple_key_hash(&mut self, key: &Val) -> Option<oxyc_ir::Reg> {
        if !matches!(key.ty, Ty::Tuple(_) | Ty::TupleVar(_)) {
            return None;
        }
        let k = self.box_val(key);
        Some(self.prim(Prim::HashPure, vec![k]))
    }

    /// `obj[key]`, through the dict lookup given the key's hash when there is one.
    pub fn keyed_getitem(
        &mut self,
        obj: oxyc_ir::Reg,
        key: oxyc_ir::Reg,
        hash: Option<oxyc_ir::Reg>,
    ) -> oxyc_ir::Reg {
        match hash {
            Some(h) => self.prim(Prim::DictGetItemH, vec![obj, key, h]),
            None => self.prim(Prim::ObjGetItem, vec![obj, key]),
        }
    }

    /// `obj[key] = val`, likewise.
    pub fn keyed_setitem(
        &mut self,
        obj: oxyc_ir::Reg,
        key: oxyc_ir::Reg,
        val: oxyc_ir::Reg,
        hash: Option<oxyc_ir::Reg>,
    ) {
        match hash {
            Some(h) => self.prim_void(Prim::DictSetItemH, vec![obj, key, val, h]),
            None => self.prim_void(Prim::ObjSetItem, vec![obj, key, val]),
        }
    }

    pub fn cmp(&mut self, op: CmpOp, l: Val, r: Val) -> Val {
        let both_int = l.ty.is_intlike() && r.ty.is_intlike();
        let both_float = matches!((&l.ty, &r.ty), (Ty::Float, Ty::Float));
        match op {
            CmpOp::Is | CmpOp::IsNot => {
                let a = self.box_val(&l);
                let b = self.box_val(&r);
                let mut res = self.prim(Prim::ObjIs, vec![a, b]);
                if op == CmpOp::IsNot {
                    res = self.prim(Prim::BoolNot, vec![res]);
                }
                return Val::new(res, Ty::Bool);
            }
            CmpOp::In | CmpOp::NotIn => {
                let a = self.box_val(&l);
                let b = self.box_val(&r);
                let c = if l.ty == Ty::Str && r.ty == Ty::Str {
                    self.prim(Prim::StrContains, vec![a, b])
                } else if matches!(r.ty, Ty::Set | Ty::Dict(..))
                    && let Some(h) = self.tuple_key_hash(&l)
                {
                    self.prim(Prim::ContainsH, vec![a, b, h])
                } else {
                    self.prim(Prim::ObjContains, vec![a, b])
                };
                let mut res = self.prim(Prim::CIntToBool, vec![c]);
                if op == CmpOp::NotIn {
                    res = self.prim(Prim::BoolNot, vec![res]);
                }
                return Val::new(res, Ty::Bool);
            }
            _ => {}
        }
        if both_int {
            let a = self.coerce(&l, &Ty::Int, None);
            let b = self.coerce(&r, &Ty::Int, None);
            let p = match op {
                CmpOp::Eq => Prim::IntEq,
                CmpOp::NotEq => Prim::IntNe,
                CmpOp::Lt => Prim::IntLt,
                CmpOp::LtE => Prim::IntLe,
                CmpOp::Gt => Prim::IntGt,
                _ => Prim::IntGe,
            };
            return Val::new(self.prim(p, vec![a, b]), Ty::Bool);
        }
        if both_float {
            let p = match op {
                CmpOp::Eq => Prim::FloatEq,
                CmpOp::NotEq => Prim::FloatNe,
                CmpOp::Lt => Prim::FloatLt,
                CmpOp::LtE => Prim::FloatLe,
                CmpOp::Gt => Prim::FloatGt,
                _ => Prim::FloatGe,
            };
            return Val::new(self.prim(p, vec![l.reg, r.reg]), Ty::Bool);
        }
        if l.ty == Ty::Str && r.ty == Ty::Str && matches!(op, CmpOp::Eq | CmpOp::NotEq) {
            let p = if op == CmpOp::Eq {
                Prim::StrEq
            } else {
                Prim::StrNe
            };
            let c = self.prim(p, vec![l.reg, r.reg]);
            return Val::new(self.prim(Prim::CIntToBool, vec![c]), Ty::Bool);
        }
        if l.ty == Ty::Str && r.ty == Ty::Str {
            let k = match op {
                CmpOp::Lt => 0,
                CmpOp::LtE => 1,
                CmpOp::Gt => 2,
                _ => 3,
            };
            let k = self.konst(Const::Int(k), RType::CInt);
            let c = self.prim(Prim::StrOrder, vec![l.reg, r.reg, k]);
            return Val::new(self.prim(Prim::CIntToBool, vec![c]), Ty::Bool);
        }
        // Mixed int/float (exact comparison) and everything else: rich comparison.
        let a = self.box_val(&l);
        let b = self.box_val(&r);
        let p = match op {
            CmpOp::Eq => Prim::ObjEq,
            CmpOp::NotEq => Prim::ObjNe,
            CmpOp::Lt => Prim::ObjLt,
            CmpOp::LtE => Prim::ObjLe,
            CmpOp::Gt => Prim::ObjGt,
            _ => Prim::ObjGe,
        };
        let res = self.prim(p, vec![a, b]);
        if l.ty.is_numeric() && r.ty.is_numeric() {
            // A comparison of builtin numbers always gives a bool.
            return self.known_obj(Val::new(res, Ty::Object), &Ty::Bool);
        }
        Val::new(res, Ty::Object)
    }

    /// `tuple(xs[lo:hi])` with `xs` a typed list and int (or absent) bounds: the tuple
    /// is made from the list's items directly, without the intermediate list (for an
    /// exact list with short bounds; otherwise the slice and then `tuple()`).
    pub fn list_slice_tuple(&mut self, x: &'a Expr) -> Option<Val> {
        let ExprKind::Subscript { value, index } = &x.kind else {
            return None;
        };
        let ExprKind::Slice {
            lower,
            upper,
            step: None,
        } = &index.kind
        else {
            return None;
        };
        let int_bound = |b: &Option<Box<Expr>>| {
            b.as_deref()
                .is_none_or(|e| self.cx.types.exprs.get(e.id).is_intlike())
        };
        if !matches!(self.cx.types.exprs.get(value.id), Ty::List(_))
            || !int_bound(lower)
            || !int_bound(upper)
        {
            return None;
        }
        let v = self.expr(value);
        if !matches!(v.ty, Ty::List(_)) {
            // (Not what inference said: evaluate the rest the ordinary way.)
            let lo = lower.as_deref().map(|e| self.expr(e));
            let hi = upper.as_deref().map(|e| self.expr(e));
            let got = self.generic_slice(&v, &[lo, hi]);
            return Some(Val::new(self.prim(Prim::SeqTuple, vec![got]), Ty::Object));
        }
        let mut flags = 0;
        let mut regs = vec![v.reg];
        for (k, b) in [lower, upper].into_iter().enumerate() {
            match b.as_deref() {
                Some(e) => {
                    let bv = self.expr(e);
                    flags |= 1 << k;
                    regs.push(self.coerce(&bv, &Ty::Int, None));
                }
                None => regs.push(self.konst(Const::Int(0), RType::Int)),
            }
        }
        regs.push(self.konst(Const::Int(flags), RType::CInt));
        Some(Val::new(self.prim(Prim::ListSliceTuple, regs), Ty::Object))
    }

    /// `v[lo:hi]` through the object protocol, from bound values already evaluated.
    fn generic_slice(&mut self, v: &Val, bounds: &[Option<Val>]) -> oxyc_ir::Reg {
        let parts: Vec<oxyc_ir::Reg> = bounds
            .iter()
            .map(|b| match b {
                Some(b) => self.box_val(b),
                None => self.none().reg,
            })
            .collect();
        let none = self.none().reg;
        let s = self.prim(Prim::SliceNew, vec![parts[0], parts[1], none]);
        let obj = self.box_val(v);
        self.prim(Prim::ObjGetItem, vec![obj, s])
    }

    fn subscript(&mut self, value: &'a Expr, index: &'a Expr, ty: &Ty) -> Val {
        // An item of a tuple local kept as its items.
        if let Some(n) = self.split_local(value)
            && let Some(i) = crate::tuple_local::literal_index(index, self.split[&n].len())
        {
            let items = self.split_items(&n);
            return items[i].clone();
        }
        let v = self.expr(value);
        // xs[lo:hi] of a typed list, str or tuple with int bounds: copied directly.
        if let (
            Ty::List(_) | Ty::Str | Ty::Tuple(_) | Ty::TupleVar(_),
            ExprKind::Slice {
                lower,
                upper,
                step: None,
            },
        ) = (&v.ty, &index.kind)
        {
            let bounds: Vec<Option<Val>> = [lower, upper]
                .into_iter()
                .map(|b| b.as_deref().map(|e| self.expr(e)))
                .collect();
            if bounds.iter().flatten().all(|b| b.ty.is_intlike()) {
                let mut flags = 0;
                let mut regs = vec![v.reg];
                for (k, b) in bounds.iter().enumerate() {
                    match b {
                        Some(b) => {
                            flags |= 1 << k;
                            regs.push(self.coerce(b, &Ty::Int, None));
                        }
                        None => regs.push(self.konst(Const::Int(0), RType::Int)),
                    }
                }
                regs.push(self.konst(Const::Int(flags), RType::CInt));
                let r = self.prim(Prim::ListSlice, regs);
                return self.known_obj(Val::new(r, Ty::Object), ty);
            }
            // Bounds of other types: the generic slice, from the values at hand.
            let got = self.generic_slice(&v, &bounds);
            return self.known_obj(Val::new(got, Ty::Object), ty);
        }
        if let ExprKind::Slice { lower, upper, step } = &index.kind {
            let s = self.slice(lower.as_deref(), upper.as_deref(), step.as_deref());
            let obj = self.box_val(&v);
            let res = Val::new(self.prim(Prim::ObjGetItem, vec![obj, s]), Ty::Object);
            return self.known_obj(res, ty);
        }
        let i = self.expr(index);
        match (&v.ty, i.ty.is_intlike()) {
            (Ty::Str, true) => {
                let idx = self.coerce(&i, &Ty::Int, None);
                Val::new(self.prim(Prim::StrGetItem, vec![v.reg, idx]), Ty::Str)
            }
            (Ty::Bytes | Ty::ByteArray, true) => {
                let idx = self.coerce(&i, &Ty::Int, None);
                let prim = if v.ty == Ty::Bytes {
                    Prim::BytesGetItem
                } else {
                    Prim::ByteArrayGetItem
                };
                Val::new(self.prim(prim, vec![v.reg, idx]), Ty::Int)
            }
            (Ty::List(elem), true) if **elem == Ty::Int => {
                let idx = self.coerce(&i, &Ty::Int, None);
                Val::new(self.prim(Prim::ListGetItemInt, vec![v.reg, idx]), Ty::Int)
            }
            (Ty::List(_), true) => {
                let idx = self.coerce(&i, &Ty::Int, None);
                let item = Val::new(self.prim(Prim::ListGetItem, vec![v.reg, idx]), Ty::Object);
                let r = self.coerce(&item, ty, Some("list item"));
                Val::new(r, ty.clone())
            }
            (Ty::Tuple(_) | Ty::TupleVar(_), true) => {
                let idx = self.coerce(&i, &Ty::Int, None);
                let item = Val::new(self.prim(Prim::TupleGetItem, vec![v.reg, idx]), Ty::Object);
                let r = self.coerce(&item, ty, Some("tuple item"));
                Val::new(r, ty.clone())
            }
            _ => {
                let obj = self.box_val(&v);
                let key = self.box_val(&i);
                let hash = if matches!(v.ty, Ty::Dict(..)) {
                    self.tuple_key_hash(&i)
                } else {
                    None
                };
                let item = Val::new(self.keyed_getitem(obj, key, hash), Ty::Object);
                let what = if matches!(v.ty, Ty::Dict(..)) {
                    Some("dict value")
                } else {
                    None
                };
                if what.is_some() && *ty != Ty::Object {
                    let r = self.coerce(&item, ty, what);
                    return Val::new(r, ty.clone());
                }
                self.known_obj(item, ty)
            }
        }
    }

    pub fn slice(
        &mut self,
        lower: Option<&'a Expr>,
        upper: Option<&'a Expr>,
        step: Option<&'a Expr>,
    ) -> oxyc_ir::Reg {
        let mut parts = Vec::new();
        for p in [lower, upper, step] {
            let r = match p {
                Some(e) => {
                    let v = self.expr(e);
                    self.box_val(&v)
                }
                None => self.none().reg,
            };
            parts.push(r);
        }
        self.prim(Prim::SliceNew, parts)
    }

    /// Build a list / tuple / set display (with `*x` items).
    pub fn build_seq(&mut self, items: &'a [Expr], kind: BuildKind) -> oxyc_ir::Reg {
        // A tuple of literals is the module's constant, as the interpreter folds it:
        // one object, whichever function and however often it is evaluated.
        if kind == BuildKind::Tuple
            && !items.is_empty()
            && let Some(consts) = items.iter().map(literal_value).collect::<Option<Vec<_>>>()
        {
            return self.konst(Const::Tuple(consts), RType::Obj);
        }
        if let Some(table) = literal_table(items) {
            // A data table: one tuple made at module initialisation (the tuple itself,
            // as the interpreter's constant; a new list or set from it each time).
            let t = self.konst(Const::Tuple(table), RType::Obj);
            return match kind {
                BuildKind::Tuple => t,
                BuildKind::List => self.prim(Prim::TupleToList, vec![t]),
                BuildKind::Set => self.prim(Prim::TupleToSet, vec![t]),
            };
        }
        let starred = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !starred {
            let mut regs = Vec::new();
            for i in items {
                let v = self.expr(i);
                regs.push(self.box_val(&v));
            }
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::Build {
                dst,
                kind,
                items: regs,
            });
            return dst;
        }
        let list = self.temp(RType::Obj);
        self.emit(OpKind::Build {
            dst: list,
            kind: BuildKind::List,
            items: vec![],
        });
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    let v = self.expr(inner);
                    let b = self.box_val(&v);
                    self.prim_void(Prim::ListExtend, vec![list, b]);
                }
                _ => {
                    let v = self.expr(i);
                    let b = self.box_val(&v);
                    self.prim_void(Prim::ListAppend, vec![list, b]);
                }
            }
        }
        match kind {
            BuildKind::List => list,
            BuildKind::Tuple => self.prim(Prim::ListToTuple, vec![list]),
            BuildKind::Set => {
                let set = self.temp(RType::Obj);
                self.emit(OpKind::Build {
                    dst: set,
                    kind: BuildKind::Set,
                    items: vec![],
                });
                let dst = self.temp(RType::Obj);
                self.emit(OpKind::CallMethod {
                    dst,
                    obj: set,
                    name: "update".into(),
                    args: vec![list],
                    kwnames: None,
                });
                set
            }
        }
    }

    /// Lower the loops of a comprehension; `body` emits the innermost element.
    pub fn comprehension(
        &mut self,
        generators: &'a [Comprehension],
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
    ) {
        self.comp.push(Default::default());
        self.comp_level(generators, body);
        // The comprehension's scope ends here (in CPython its frame goes away): its
        // variables release their last values now, not when the function returns.
        if let Some(scope) = self.comp.pop() {
            let mut regs: Vec<oxyc_ir::Reg> = scope.values().map(|v| v.reg).collect();
            regs.sort();
            for reg in regs {
                if self.regs[reg.0 as usize].ty.is_refcounted() {
                    self.emit(OpKind::Undef { reg });
                }
            }
        }
    }

    /// A comprehension clause's `if` conditions: a false one goes on to the next
    /// item (the `continue` of the loop the clause opened).
    pub fn comp_conditions(&mut self, ifs: &'a [Expr]) {
        let skip = self.loops.last().map(|l| l.cont);
        for cond in ifs {
            let c = self.expr(cond);
            let t = self.truthy(&c);
            let next = self.new_block();
            if let Some(skip) = skip {
                self.branch(t, next, skip);
            }
            self.switch_to(next);
        }
    }

    fn comp_level(
        &mut self,
        generators: &'a [Comprehension],
        body: &mut dyn FnMut(&mut FnBuilder<'a>),
    ) {
        let Some((g, rest)) = generators.split_first() else {
            body(self);
            return;
        };
        // Comprehension variables live in the comprehension's own scope, which opens
        // once the first iterable has been evaluated in the enclosing scope.
        let mut names = Vec::new();
        oxyc_sema::target_names(&g.target, &mut names);
        let innermost = rest.is_empty();
        let mut body_fn = |b: &mut FnBuilder<'a>| {
            b.comp_conditions(&g.ifs);
            b.comp_level(rest, body);
        };
        let mut open_scope = |b: &mut FnBuilder<'a>| {
            for n in &names {
                let ty = b.target_ty(&g.target, n);
                let r = b.new_reg(rtype_of(&ty), oxyc_ir::RegKind::Local, n);
                if let Some(scope) = b.comp.last_mut() {
                    scope.insert(n.clone(), Val::new(r, ty));
                }
            }
        };
        if g.is_async {
            self.async_for_loop(&g.iter, &g.target, &mut body_fn, &[], Some(&mut open_scope));
        } else {
            self.for_loop_over(&g.iter, &g.target, &mut body_fn, &mut open_scope, innermost);
        }
    }

    /// The declared type of name `n` bound by comprehension target `t`.
    fn target_ty(&self, t: &Expr, n: &str) -> Ty {
        // A name bound twice by one target (`for n, _, _ in ...`) takes values of
        // either position: any object.
        let mut names = Vec::new();
        oxyc_sema::target_names(t, &mut names);
        if names.iter().filter(|m| m.as_str() == n).count() > 1 {
            return Ty::Object;
        }
        match &t.kind {
            ExprKind::Name(m) if m == n => self.cx.types.exprs.get(t.id).clone(),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    let ty = self.target_ty(i, n);
                    if ty != Ty::Bottom && contains_name(i, n) {
                        return ty;
                    }
                }
                Ty::Object
            }
            ExprKind::Starred(inner) => self.target_ty(inner, n),
            _ => Ty::Object,
        }
    }
}

fn contains_name(t: &Expr, n: &str) -> bool {
    let mut v = Vec::new();
    oxyc_sema::target_names(t, &mut v);
    v.iter().any(|m| m == n)
}

/// Whether CPython 3.11 compiles `obj.name(args)` as a method call (`LOAD_METHOD`),
/// located at the attribute: no `*`/`**` arguments, and fewer than 30 stack slots.
fn method_call_form(args: &[Expr], keywords: &[oxyc_syntax::ast::Keyword]) -> bool {
    args.len() + keywords.len() + usize::from(!keywords.is_empty()) < 30
        && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
        && keywords.iter().all(|k| k.arg.is_some())
}

/// A display of at least this many items, all literals, is made from a tuple built
/// once at module initialisation (CPython folds such tuples into constants too). Below
/// it a display is built item by item, which later passes specialise.
const LITERAL_TABLE_ITEMS: usize = 16;

/// The items of a display, when there are at least `LITERAL_TABLE_ITEMS` and each is
/// a literal (`literal_value`).
fn literal_table(items: &[Expr]) -> Option<Vec<Const>> {
    if items.len() < LITERAL_TABLE_ITEMS {
        return None;
    }
    items.iter().map(literal_value).collect()
}

/// The value of a literal the interpreter folds into a constant: a number, a string,
/// bytes, `None`, `True`, `False`, `...`, a negated int or float, or a tuple of these.
/// (Not a negated imaginary number: `-1j` is `(-0-1j)`, not `0-1j`.)
fn literal_value(e: &Expr) -> Option<Const> {
    Some(match &e.kind {
        ExprKind::Int(IntLit::Small(i)) => Const::Int(*i),
        ExprKind::Int(IntLit::Big(d)) => Const::BigInt(d.clone()),
        ExprKind::Float(f) => Const::Float(*f),
        ExprKind::Complex(f) => Const::Complex(*f),
        ExprKind::Str(s) => Const::Str(s.clone()),
        ExprKind::Bytes(b) => Const::Bytes(b.clone()),
        ExprKind::Bool(b) => Const::Bool(*b),
        ExprKind::NoneLit => Const::None,
        ExprKind::Ellipsis => Const::Ellipsis,
        ExprKind::Tuple(items) => {
            Const::Tuple(items.iter().map(literal_value).collect::<Option<_>>()?)
        }
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => match &operand.kind {
            ExprKind::Int(IntLit::Small(i)) => match i.checked_neg() {
                Some(n) => Const::Int(n),
                None => Const::BigInt(format!("-{i}")),
            },
            ExprKind::Int(IntLit::Big(d)) => Const::BigInt(format!("-{d}")),
            ExprKind::Float(f) => Const::Float(-f),
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_literals_fold_by_python_rules() {
        let cases: &[(BinOp, i64, i64, Option<i64>)] = &[
            (BinOp::LShift, 1, 20, Some(1 << 20)),
            (BinOp::LShift, 1, 62, None),
            (BinOp::LShift, 1, -1, None),
            (BinOp::RShift, -7, 1, Some(-4)),
            (BinOp::RShift, 5, 500, Some(0)),
            (BinOp::FloorDiv, 7, -2, Some(-4)),
            (BinOp::FloorDiv, -7, -2, Some(3)),
            (BinOp::FloorDiv, -7, 2, Some(-4)),
            (BinOp::FloorDiv, 1, 0, None),
            (BinOp::Mod, 7, -2, Some(-1)),
            (BinOp::Mod, -7, 2, Some(1)),
            (BinOp::Mod, -6, -3, Some(0)),
            (BinOp::Mod, 1, 0, None),
            (BinOp::Mult, SHORT_MAX, 2, None),
            (BinOp::Sub, SHORT_MIN, 1, None),
            (BinOp::BitXor, 0b1100, 0b1010, Some(0b0110)),
            (BinOp::Div, 1, 2, None),
            (BinOp::Pow, 2, 3, None),
        ];
        for &(op, a, b, want) in cases {
            assert_eq!(fold_int(op, a, b), want, "{a} {op:?} {b}");
        }
    }
}
