//! Small local simplifications (run before reference counting).

use std::collections::HashMap;

use oxyc_ir::{Const, Function, OpKind, Prim, RType, Reg};

pub fn run(f: &mut Function) {
    for b in &mut f.blocks {
        // `x = x` does nothing.
        b.ops
            .retain(|op| !matches!(&op.kind, OpKind::Assign { dst, src } if dst == src));
    }
    index_by_counter(f);
    unboxed_copies(f);
    boxed_constants(f);
    word_shifts(f);
}

/// An int or bool field read right after it was stored (`self.state = ...`, then
/// `self.state >> 33`) is the value stored: the read becomes a copy. (Storing one
/// releases at most an int: no finalizer runs in between. Not a float field: the
/// store turns the one NaN that marks an unset field into another.)
///
/// And `x >> k`, for a constant `k` from 2 to 63, of an int just made from a 64-bit
/// word (a masked expression, `(a * b + c) & 0xFFFFFFFFFFFFFFFF`, stored and read
/// back) shifts the word: that int is the word read as unsigned, so the shift is the
/// word's, and the result is short. No long int is shifted.
///
/// Works within a block, as `index_by_counter` does.
fn word_shifts(f: &mut Function) {
    for bi in 0..f.blocks.len() {
        // Int register -> the word register it was made from; int constants.
        let mut word_of: HashMap<Reg, Reg> = HashMap::new();
        let mut konst: HashMap<Reg, i64> = HashMap::new();
        let mut last_store: Option<(Reg, u32, u32, Reg)> = None;
        let ops = std::mem::take(&mut f.blocks[bi].ops);
        let mut out = Vec::with_capacity(ops.len());
        for mut op in ops {
            if let OpKind::GetField {
                dst,
                obj,
                class,
                field,
            } = op.kind
                && let Some((o, c, k, src)) = last_store
                && (o, c, k) == (obj, class, field)
                && f.ty(dst) == f.ty(src)
                && matches!(f.ty(src), RType::Int | RType::Bool)
            {
                op.kind = OpKind::Assign { dst, src };
                op.err = None;
            }
            last_store = match op.kind {
                OpKind::SetField {
                    obj,
                    class,
                    field,
                    src,
                    ..
                } => Some((obj, class, field, src)),
                _ => None,
            };
            if let OpKind::Prim {
                dst: Some(d),
                prim: Prim::IntRShift,
                args,
            } = &op.kind
                && let [x, k] = args[..]
                && let (Some(&w), Some(&k)) = (word_of.get(&x), konst.get(&k))
                && (2..64).contains(&k)
            {
                let d = *d;
                let count = new_reg(f, RType::Ssize);
                let shifted = new_reg(f, RType::Ssize);
                let line = op.line;
                out.push(oxyc_ir::Op {
                    kind: OpKind::Const {
                        dst: count,
                        value: Const::Int(k),
                    },
                    line,
                    err: None,
                });
                out.push(oxyc_ir::Op {
                    kind: OpKind::Prim {
                        dst: Some(shifted),
                        prim: Prim::W64Shr,
                        args: vec![w, count],
                    },
                    line,
                    err: None,
                });
                op.kind = OpKind::Prim {
                    dst: Some(d),
                    prim: Prim::IntFromU64,
                    args: vec![shifted],
                };
            }
            let word = match &op.kind {
                OpKind::Prim {
                    prim: Prim::IntFromU64,
                    args,
                    ..
                } => args.first().copied(),
                OpKind::Assign { src, .. } => word_of.get(src).copied(),
                _ => None,
            };
            let value = match &op.kind {
                OpKind::Const {
                    value: Const::Int(v),
                    ..
                } => Some(*v),
                _ => None,
            };
            if let Some(d) = op.def() {
                word_of.retain(|k, v| *k != d && *v != d);
                konst.remove(&d);
                if let Some(w) = word {
                    word_of.insert(d, w);
                }
                if let Some(v) = value {
                    konst.insert(d, v);
                }
            }
            out.push(op);
        }
        f.blocks[bi].ops = out;
    }
}

/// A new temporary register of representation `ty`.
fn new_reg(f: &mut Function, ty: RType) -> Reg {
    f.regs.push(oxyc_ir::RegInfo {
        name: String::new(),
        ty,
        kind: oxyc_ir::RegKind::Temp,
    });
    Reg((f.regs.len() - 1) as u32)
}

/// `box_int` of a register that only ever holds one int constant: that int object,
/// made once with the module's constants (as the interpreter's code constants are),
/// instead of a new int per execution (`x & 0xFFFFFFFFFFFF` in a loop).
fn boxed_constants(f: &mut Function) {
    let mut defs: HashMap<Reg, usize> = HashMap::new();
    let mut uses: HashMap<Reg, usize> = HashMap::new();
    let mut int_const: HashMap<Reg, i64> = HashMap::new();
    for b in &f.blocks {
        match &b.term {
            oxyc_ir::Terminator::Return(r) => *uses.entry(*r).or_default() += 1,
            oxyc_ir::Terminator::Branch { cond, .. } => *uses.entry(*cond).or_default() += 1,
            _ => {}
        }
        for op in &b.ops {
            for u in op.uses() {
                *uses.entry(u).or_default() += 1;
            }
            if let Some(d) = op.def() {
                *defs.entry(d).or_default() += 1;
                if let OpKind::Const {
                    value: Const::Int(v),
                    ..
                } = &op.kind
                    && f.ty(d) == RType::Int
                {
                    int_const.insert(d, *v);
                }
            }
        }
    }
    for b in &mut f.blocks {
        for op in &mut b.ops {
            if let OpKind::Prim {
                dst: Some(d),
                prim: Prim::IntBox,
                args,
            } = &op.kind
                && let Some(&src) = args.first()
                && defs.get(&src) == Some(&1)
                && let Some(&v) = int_const.get(&src)
                && f.regs[d.0 as usize].ty == RType::Obj
            {
                op.kind = OpKind::Const {
                    dst: *d,
                    value: Const::Int(v),
                };
                // (A constant cannot fail.)
                op.err = None;
                if let Some(n) = uses.get_mut(&src) {
                    *n -= 1;
                }
            }
        }
    }
    // The int constants only boxing used are gone.
    for b in &mut f.blocks {
        b.ops.retain(|op| {
            !matches!(&op.kind, OpKind::Const { dst, .. }
                if int_const.contains_key(dst) && defs.get(dst) == Some(&1) && uses.get(dst).is_none_or(|&n| n == 0))
        });
    }
}

/// `a[j + 1] = a[j]` on a `list[int]`: the element read is unboxed only to be boxed
/// again. A `list_get_int` whose result is used once, by a `box_int` later in the same
/// block, becomes one `list_getitem` (the element object itself, no new int).
fn unboxed_copies(f: &mut Function) {
    let mut uses: HashMap<Reg, usize> = HashMap::new();
    let mut defs: HashMap<Reg, usize> = HashMap::new();
    for b in &f.blocks {
        for op in &b.ops {
            for u in op.uses() {
                *uses.entry(u).or_default() += 1;
            }
            if let Some(d) = op.def() {
                *defs.entry(d).or_default() += 1;
            }
        }
        let term_uses = match &b.term {
            oxyc_ir::Terminator::Return(r) => vec![*r],
            oxyc_ir::Terminator::Branch { cond, .. } => vec![*cond],
            _ => vec![],
        };
        for u in term_uses {
            *uses.entry(u).or_default() += 1;
        }
    }
    for b in &mut f.blocks {
        let mut i = 0;
        while i < b.ops.len() {
            let (d, obj_prim) = match &b.ops[i].kind {
                OpKind::Prim {
                    dst: Some(d),
                    prim: Prim::ListGetItemInt,
                    ..
                } => (*d, Prim::ListGetItem),
                OpKind::Prim {
                    dst: Some(d),
                    prim: Prim::ListGetIntSsize,
                    ..
                } => (*d, Prim::ListGetItemSsize),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let single = uses.get(&d) == Some(&1) && defs.get(&d) == Some(&1);
            let boxed_at = single
                .then(|| {
                    b.ops[i + 1..].iter().position(|op| {
                        matches!(&op.kind, OpKind::Prim { prim: Prim::IntBox, args, .. } if args.first() == Some(&d))
                    })
                })
                .flatten()
                .map(|k| i + 1 + k);
            if let Some(k) = boxed_at
                && let OpKind::Prim { dst: Some(bx), .. } = b.ops[k].kind
                && defs.get(&bx) == Some(&1)
                && !b.ops[i + 1..k].iter().any(|op| op.uses().contains(&bx))
            {
                if let OpKind::Prim { dst, prim, .. } = &mut b.ops[i].kind {
                    *dst = Some(bx);
                    *prim = obj_prim;
                }
                b.ops.remove(k);
            }
            i += 1;
        }
    }
}

/// `lst[i]` where `i` was just tagged from a C `Py_ssize_t` (the counter of a versioned
/// `range()` loop) reads the list with the C index directly: no untag, no tag check.
///
/// Works within a block: `t = ssize_to_int(c); i = t; ... list_get_int(l, i)` becomes
/// `list_get_int_ssize(l, c)` as long as neither `c` nor `i` is redefined in between.
fn index_by_counter(f: &mut Function) {
    for b in &mut f.blocks {
        // Int register -> the Ssize register it was tagged from.
        let mut tagged: HashMap<Reg, Reg> = HashMap::new();
        for op in &mut b.ops {
            if let OpKind::Prim { prim, args, .. } = &mut op.kind
                && args.len() == 2
                && let Some(&counter) = tagged.get(&args[1])
            {
                let by_ssize = match prim {
                    Prim::ListGetItemInt => Some(Prim::ListGetIntSsize),
                    Prim::ListGetItem => Some(Prim::ListGetItemSsize),
                    _ => None,
                };
                if let Some(p) = by_ssize {
                    *prim = p;
                    args[1] = counter;
                }
            }
            let derived = match &op.kind {
                OpKind::Prim {
                    dst: Some(_),
                    prim: Prim::SsizeToInt,
                    args,
                } => args.first().copied(),
                OpKind::Assign { src, .. } => tagged.get(src).copied(),
                _ => None,
            };
            if let Some(d) = op.def() {
                tagged.retain(|k, v| *k != d && *v != d);
                if let Some(c) = derived {
                    tagged.insert(d, c);
                }
            }
        }
    }
}
