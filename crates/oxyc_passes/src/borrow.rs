//! Borrowed field reads and stealing field stores (run after `refcount`).
//!
//! `t = obj.f` takes a new reference that is dropped again a few ops later
//! (`dec_ref t`). When nothing in between can run Python code or release an object,
//! the field keeps the value alive all along: the read may borrow it, and the
//! increment and the release both go away.
//!
//! The window between the read and the release must hold only ops that cannot call
//! back into Python or free objects that may own the field: field reads, constants,
//! type tests, unboxed arithmetic and comparisons, identity tests, increments,
//! stores into unboxed fields and releases of unboxed ints (freeing a big int runs
//! no code). `t` must not be
//! stolen or copied there. Error edges in the window stop releasing `t`.
//!
//! The converse for stores (`steal_stores`): `obj.f = v` where `v` is released
//! right after gives the field `v`'s own reference.

use oxyc_ir::{Function, Op, OpKind, Prim, RType, Reg, RegKind};

/// `hooked`: `Module::getattr_hooked` (reads of those classes' fields may run code).
pub fn run(f: &mut Function, hooked: &[bool]) {
    hand_over_rebound(f);
    let mut borrowed: Vec<Reg> = Vec::new();
    for bi in 0..f.blocks.len() {
        let mut i = 0;
        while i < f.blocks[bi].ops.len() {
            if let Some(j) = borrowable(f, hooked, bi, i) {
                let t = f.blocks[bi].ops[i].def().unwrap_or(Reg(0));
                let block = &mut f.blocks[bi];
                for op in &mut block.ops[i + 1..j] {
                    if let Some(e) = &mut op.err {
                        e.cleanup.retain(|r| *r != t);
                    }
                }
                block.ops.remove(j);
                borrowed.push(t);
            }
            i += 1;
        }
    }
    for t in borrowed {
        f.regs[t.0 as usize].kind = RegKind::Borrowed;
    }
    steal_stores(f);
}

/// `obj.f = v` followed by the release of `v` (its last use): the field takes `v`'s
/// reference over instead of an increment now and a decrement a few ops later. Ops
/// in between must not mention `v`; their error edges stop releasing it (the field
/// owns it). A store of an int that is short by construction owns nothing and never
/// increments either.
fn steal_stores(f: &mut Function) {
    let short = crate::shortint::short_ints(f, false);
    for b in &mut f.blocks {
        // (Removing a later release leaves the indices up to `i` as they were.)
        let mut i = 0;
        while i < b.ops.len() {
            if let OpKind::SetField {
                src, steal: false, ..
            } = b.ops[i].kind
                && (short.get(src.0 as usize).copied().unwrap_or(false)
                    || take_release(&mut b.ops, i, src))
                && let OpKind::SetField { steal, .. } = &mut b.ops[i].kind
            {
                *steal = true;
            }
            i += 1;
        }
    }
}

/// Remove the release of `src` that ends its life a few ops after `ops[i]`, if no op in
/// between mentions it or needs it on an error path; those error paths stop releasing it.
fn take_release(ops: &mut Vec<Op>, i: usize, src: Reg) -> bool {
    let mut end = None;
    for (j, op) in ops.iter().enumerate().skip(i + 1) {
        if matches!(op.kind, OpKind::DecRef { reg } | OpKind::XDecRef { reg } if reg == src) {
            end = Some(j);
            break;
        }
        let mentions = op.uses().contains(&src) || op.def() == Some(src);
        let keeps = op.err.as_ref().is_some_and(|e| !e.cleanup.contains(&src));
        if mentions || keeps {
            return false;
        }
    }
    let Some(j) = end else { return false };
    for op in &mut ops[i + 1..j] {
        if let Some(e) = &mut op.err {
            e.cleanup.retain(|r| *r != src);
        }
    }
    ops.remove(j);
    true
}

/// `x = op(x, ...)` where the op steals `x` (in-place `str +=`): the reference-counting
/// pass keeps the local's reference until the rebinding (`inc_ref x; t = op(x, ..);
/// dec_ref x; x = t`), so the string is shared during the append and gets copied —
/// quadratic in a loop. Hand the local's own reference over instead, as the
/// interpreter does. Only where a failure leaves the function (the local is never
/// read again; CPython unbinds it in that case).
fn hand_over_rebound(f: &mut Function) {
    let raise_exit: Vec<bool> = f
        .blocks
        .iter()
        .map(|b| b.ops.is_empty() && b.term == oxyc_ir::Terminator::RaiseExit)
        .collect();
    for b in &mut f.blocks {
        let mut k = 0;
        while k + 3 < b.ops.len() {
            let matched = match (
                &b.ops[k].kind,
                &b.ops[k + 1],
                &b.ops[k + 2].kind,
                &b.ops[k + 3].kind,
            ) {
                (
                    OpKind::IncRef { reg: x },
                    op,
                    OpKind::DecRef { reg: x2 } | OpKind::XDecRef { reg: x2 },
                    OpKind::Assign { dst, src },
                ) => {
                    x == x2
                        && dst == x
                        && op.def() == Some(*src)
                        && matches!(op.kind, OpKind::Prim { .. })
                        && op.stolen().first() == Some(x)
                        && op.uses().iter().filter(|u| *u == x).count() == 1
                        && op
                            .err
                            .as_ref()
                            .is_none_or(|e| raise_exit[e.target.0 as usize])
                }
                _ => false,
            };
            if matched {
                b.ops.remove(k + 2);
                b.ops.remove(k);
            }
            k += 1;
        }
    }
}

/// Index of the release that ends a borrowable window opened by the field read at
/// `ops[i]`, if any.
fn borrowable(f: &Function, hooked: &[bool], bi: usize, i: usize) -> Option<usize> {
    let ops = &f.blocks[bi].ops;
    let OpKind::GetField { dst: t, class, .. } = ops[i].kind else {
        return None;
    };
    if is_hooked(hooked, class) {
        return None;
    }
    let info = f.reg(t);
    if info.kind != RegKind::Temp || !matches!(info.ty, RType::Obj | RType::Int) {
        return None;
    }
    for (j, op) in ops.iter().enumerate().skip(i + 1) {
        match op.kind {
            OpKind::DecRef { reg } | OpKind::XDecRef { reg } if reg == t => return Some(j),
            _ => {}
        }
        if op.def() == Some(t) || op.stolen().contains(&t) {
            return None;
        }
        if !harmless(f, hooked, op) {
            // `t[i]` right before the release: the list is read first, and a path
            // that may run code (a list subclass, a big index) holds its own
            // reference to it meanwhile.
            let releases_next = ops.get(j + 1).is_some_and(
                |n| matches!(n.kind, OpKind::DecRef { reg } | OpKind::XDecRef { reg } if reg == t),
            );
            return (releases_next && indexes_list(op, t)).then_some(j + 1);
        }
    }
    None
}

/// Whether `op` indexes the list `t` (`list_getitem`, `list_get_int`): it is done
/// with `t` before anything it does can run Python code, or keeps `t` alive itself
/// (`oxy_list_getitem_slow`).
fn indexes_list(op: &Op, t: Reg) -> bool {
    matches!(
        &op.kind,
        OpKind::Prim { prim: Prim::ListGetItem | Prim::ListGetItemInt, args, .. }
            if args.first() == Some(&t) && args.iter().filter(|a| **a == t).count() == 1
    )
}

/// Can the op neither run Python code nor release an object?
pub(crate) fn harmless(f: &Function, hooked: &[bool], op: &Op) -> bool {
    match &op.kind {
        // (A read of an unset field may call __getattr__ where a class defines one.)
        OpKind::GetField { class, .. } => !is_hooked(hooked, *class),
        OpKind::Const { .. }
        | OpKind::LoadConstInt { .. }
        | OpKind::TypeIs { .. }
        | OpKind::NoSubclassOf { .. }
        | OpKind::CheckBound { .. }
        | OpKind::IncRef { .. }
        | OpKind::Unbox { .. } => true,
        // Copies move ownership without touching reference counts.
        OpKind::Assign { .. } => true,
        // A store into an int, float or bool field releases at most an int.
        OpKind::SetField { src, .. } => {
            matches!(f.reg(*src).ty, RType::Int | RType::Float | RType::Bool)
        }
        OpKind::DecRef { reg } | OpKind::XDecRef { reg } => f.reg(*reg).ty == RType::Int,
        OpKind::Prim { prim, .. } => harmless_prim(*prim),
        _ => false,
    }
}

fn is_hooked(hooked: &[bool], class: u32) -> bool {
    hooked.get(class as usize).copied().unwrap_or(true)
}

fn harmless_prim(p: Prim) -> bool {
    use Prim::*;
    matches!(
        p,
        IntAdd
            | IntSub
            | IntMul
            | IntFloorDiv
            | IntMod
            | IntLShift
            | IntRShift
            | IntAnd
            | IntOr
            | IntXor
            | IntNeg
            | IntInvert
            | IntAbs
            | IntEq
            | IntNe
            | IntLt
            | IntLe
            | IntGt
            | IntGe
            | IntToFloat
            | IntIsTrue
            | IntBox
            | BoolToInt
            | BoolToFloat
            | BoolBox
            | BoolNot
            | BoolEq
            | BoolAnd
            | BoolOr
            | BoolXor
            | AssertsEnabled
            | SsizeLt
            | SsizeGt
            // (Not IVecNew: its first call makes the type, which may collect garbage.)
            | IVecPush2
            | IVecPush3
            | IVecPush4
            | IVecLen
            | IVecGet
            | SplitInPlace
            | SplitStart
            | SplitEnd
            | StrLenExact
            | SsizeAdd
            | CIntToBool
            | SsizeToInt
            | SsizeIsTrue
            | FloatAdd
            | FloatSub
            | FloatMul
            | FloatDiv
            | FloatNeg
            | FloatAbs
            | FloatEq
            | FloatNe
            | FloatLt
            | FloatLe
            | FloatGt
            | FloatGe
            | FloatIsTrue
            | FloatBox
            | ObjIs
            | ObjIsNone
            | IsNull
            // Wrapping 64-bit arithmetic (a big int's low bits are read in C; a
            // result past the short range is a new int, which is not collectable).
            | IntLow64
            | IntFromU64
            | W64Add
            | W64Sub
            | W64Mul
            | W64Xor
            | W64Or
            | W64And
            | W64Shl
            | W64Neg
            | W64Invert
    )
}
