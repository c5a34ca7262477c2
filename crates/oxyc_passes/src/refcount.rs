//! Reference counting made explicit.
//!
//! Discipline: a live refcounted register owns one reference. A value is released
//! (`DecRef`) right where it dies — after its last use, on a CFG edge into a block where
//! it is not live, or in the cleanup list of an error edge. Operands an op steals are
//! incref'd first when they stay live. Parameters that the function never reassigns are
//! borrowed from the caller and never released.
//!
//! Named locals keep their value as the interpreter does: until they are rebound (the
//! old value is released just before the new one is stored), deleted, or the function
//! returns — not merely until their last use — so `__del__`, weak references and
//! finalizers see the same lifetimes. Int locals are the exception: an `oxy_int`
//! holds a short value or an exact int (never a subclass instance), which has no
//! finalizer and no weak references, so they die at their last use like
//! temporaries (their releases often cancel against the read that made them).
//!
//! Int registers that only ever hold short ints (`shortint`) own nothing and are
//! never counted.

use crate::bitset::BitSet;
use oxyc_ir::{Block, BlockId, Function, Op, OpKind, RType, Reg, RegKind, Terminator};

pub fn run(f: &mut Function) {
    let n = f.regs.len();
    let mut defined = BitSet::new(n);
    // Temporaries defined once, by an object constant: the module keeps the constant
    // alive, so they need not own a reference (no incref when loaded, no release).
    let mut defs = vec![0u32; n];
    let mut const_def = vec![false; n];
    for b in &f.blocks {
        for op in &b.ops {
            if let Some(d) = op.def() {
                defined.insert(d.0 as usize);
                defs[d.0 as usize] += 1;
                if matches!(op.kind, OpKind::Const { .. }) {
                    const_def[d.0 as usize] = true;
                }
            }
        }
    }
    for (i, r) in f.regs.iter_mut().enumerate() {
        if r.kind == RegKind::Temp && r.ty == RType::Obj && const_def[i] && defs[i] == 1 {
            r.kind = RegKind::Borrowed;
        }
    }
    // Ints that are short by construction own nothing (see `shortint`).
    let short = crate::shortint::short_ints(f, false);
    let refcounted: Vec<bool> = f
        .regs
        .iter()
        .zip(&short)
        .map(|(r, s)| r.ty.is_refcounted() && !s)
        .collect();
    let borrowed: Vec<bool> = f
        .regs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (r.kind == RegKind::Param && !defined.contains(i)) || r.kind == RegKind::Borrowed
        })
        .collect();
    let owned = |r: Reg| refcounted[r.0 as usize] && !borrowed[r.0 as usize];
    let is_obj: Vec<bool> = f.regs.iter().map(|r| r.ty == RType::Obj).collect();

    // (Int locals die at their last use: see the module comment.)
    let is_local: Vec<bool> = f
        .regs
        .iter()
        .map(|r| r.kind == RegKind::Local && r.ty != RType::Int)
        .collect();
    let named = |r: Reg| is_local[r.0 as usize] && owned(r);
    let live_in = liveness(f, &owned, &named);
    // Registers that may be released while empty: locals (maybe unbound) and results of
    // primitives that return NULL for "nothing" (an exhausted iterator).
    let mut maybe_null: Vec<bool> = f.regs.iter().map(|r| r.kind != RegKind::Temp).collect();
    for b in &f.blocks {
        for op in &b.ops {
            if let OpKind::Prim {
                dst: Some(d), prim, ..
            } = &op.kind
                && (prim.desc().err == oxyc_ir::ErrKind::NullOccurred
                    || prim.desc().err == oxyc_ir::ErrKind::Never)
            {
                maybe_null[d.0 as usize] = true;
            }
        }
    }
    let holds_in = holds_value(f);
    let may_in = may_hold(f);
    let nb = f.blocks.len();
    let mut new_blocks: Vec<Block> = Vec::new();

    for (bi, holds_start) in holds_in.into_iter().enumerate() {
        // (The ops move out and back: only the terminator is copied.)
        let block = Block {
            ops: std::mem::take(&mut f.blocks[bi].ops),
            term: f.blocks[bi].term.clone(),
            term_line: f.blocks[bi].term_line,
        };
        // `may[i]`: registers that may hold a value before op i (last: at the end).
        let mut may: Vec<BitSet> = Vec::with_capacity(block.ops.len() + 1);
        let mut mstate = may_in[bi].clone();
        for op in &block.ops {
            may.push(mstate.clone());
            step_may(op, &mut mstate);
        }
        may.push(mstate);
        let may_end = may[block.ops.len()].clone();
        // A named local that is certainly unbound here needs no release.
        let unbound = |r: Reg, state: &BitSet| named(r) && !state.contains(r.0 as usize);
        // `holds[i]`: registers certainly holding a value after op i (the last entry is
        // the state at the terminator). A release of one of those needs no NULL check.
        let mut holds: Vec<BitSet> = Vec::with_capacity(block.ops.len() + 1);
        let mut state = holds_start;
        for op in &block.ops {
            step_holds(op, &mut state);
            holds.push(state.clone());
        }
        let at_end = state;
        // Live set before the terminator.
        let mut live = BitSet::new(n);
        for s in block.term.successors() {
            live.union_with(&live_in[s.0 as usize]);
        }
        let mut term_prefix: Vec<Op> = Vec::new();
        match &block.term {
            Terminator::Return(r) => {
                if !owned(*r) && refcounted[r.0 as usize] {
                    term_prefix.push(mk(OpKind::IncRef { reg: *r }, block.term_line));
                }
                // Named locals live until the return, and are released there.
                for l in (0..n)
                    .map(|i| Reg(i as u32))
                    .filter(|l| named(*l) && l != r && may_end.contains(l.0 as usize))
                {
                    let kind = if maybe_null[l.0 as usize] && !at_end.contains(l.0 as usize) {
                        OpKind::XDecRef { reg: l }
                    } else {
                        OpKind::DecRef { reg: l }
                    };
                    term_prefix.push(mk(kind, block.term_line));
                    live.insert(l.0 as usize);
                }
                live.insert(r.0 as usize);
            }
            Terminator::Branch { cond, .. } => live.insert(cond.0 as usize),
            _ => {}
        }
        // Edge releases for branches.
        let mut term = block.term.clone();
        if let Terminator::Branch { cond, then_, else_ } = block.term {
            let redirect = |target: BlockId, new_blocks: &mut Vec<Block>| -> BlockId {
                let dying: Vec<Reg> = live
                    .iter()
                    .map(|i| Reg(i as u32))
                    .filter(|r| owned(*r) && !live_in[target.0 as usize].contains(r.0 as usize))
                    .filter(|r| !unbound(*r, &may_end))
                    .collect();
                if dying.is_empty() {
                    return target;
                }
                let id = BlockId((nb + new_blocks.len()) as u32);
                new_blocks.push(Block {
                    ops: dying
                        .into_iter()
                        .map(|r| {
                            let kind = if maybe_null[r.0 as usize] && !at_end.contains(r.0 as usize)
                            {
                                OpKind::XDecRef { reg: r }
                            } else {
                                OpKind::DecRef { reg: r }
                            };
                            mk(kind, block.term_line)
                        })
                        .collect(),
                    term: Terminator::Goto(target),
                    term_line: block.term_line,
                });
                id
            };
            let t = redirect(then_, &mut new_blocks);
            let e = redirect(else_, &mut new_blocks);
            term = Terminator::Branch {
                cond,
                then_: t,
                else_: e,
            };
        }
        // Walk the ops backwards.
        let mut rev: Vec<Op> = term_prefix.into_iter().rev().collect();
        let nops = block.ops.len();
        let mut ops = block.ops;
        for oi in (0..nops).rev() {
            let op = &ops[oi];
            let live_after = live.clone();
            let mut before = live_after.clone();
            if let Some(d) = op.def() {
                before.remove(d.0 as usize);
            }
            op.each_use(|u| before.insert(u.0 as usize));
            // Rebinding a named local: its old value lives up to here and is released
            // just before the op.
            let rebound = rebinds(op, &named);
            if let Some(d) = rebound {
                before.insert(d.0 as usize);
            }
            if let Some(e) = &op.err {
                before.union_with(&live_in[e.target.0 as usize]);
            }
            let stolen = op.stolen();
            // Releases after the op.
            let mut dying: Vec<Reg> = before
                .iter()
                .map(|i| Reg(i as u32))
                .filter(|r| owned(*r) && !live_after.contains(r.0 as usize) && !stolen.contains(r))
                .filter(|r| !unbound(*r, &may[oi + 1]))
                .collect();
            if let Some(d) = op.def()
                && owned(d)
                && !live_after.contains(d.0 as usize)
                && !dying.contains(&d)
            {
                dying.push(d);
            }
            // Ops are pushed in reverse: releases first, then the op, then increfs.
            for r in dying.iter().rev() {
                // Null-tolerant where a dying value may be an unbound local or a NULL
                // result; plain where a temporary is known to hold a value.
                let kind = if maybe_null[r.0 as usize] && !holds[oi].contains(r.0 as usize) {
                    OpKind::XDecRef { reg: *r }
                } else {
                    OpKind::DecRef { reg: *r }
                };
                rev.push(mk(kind, op.line));
            }
            let line = op.line;
            let def = op.def();
            let cleanup = op.err.as_ref().map(|e| {
                let mut cleanup: Vec<Reg> = before
                    .iter()
                    .map(|i| Reg(i as u32))
                    .filter(|r| {
                        // A stolen operand that stays live was given an extra
                        // reference for the op to take: its own still needs releasing.
                        owned(*r)
                            && !live_in[e.target.0 as usize].contains(r.0 as usize)
                            && Some(*r) != def
                            && (!stolen.contains(r) || live_after.contains(r.0 as usize))
                            && !unbound(*r, &may[oi])
                    })
                    .collect();
                cleanup.sort();
                cleanup
            });
            let mut op2 = std::mem::replace(&mut ops[oi], mk(OpKind::CheckSignals, 0));
            if let (Some(e), Some(cleanup)) = (&mut op2.err, cleanup) {
                e.cleanup = cleanup;
            }
            if let OpKind::Yield { dst, held, .. } = &mut op2.kind {
                // Owned values that stay held while the frame is suspended here.
                *held = live_after
                    .iter()
                    .map(|i| Reg(i as u32))
                    .filter(|r| {
                        owned(*r) && r != dst && !unbound(*r, &may[oi + 1]) && is_obj[r.0 as usize]
                    })
                    .collect();
            }
            rev.push(op2);
            for r in &stolen {
                if !refcounted[r.0 as usize] {
                    continue;
                }
                if live_after.contains(r.0 as usize) || !owned(*r) {
                    rev.push(mk(OpKind::IncRef { reg: *r }, line));
                }
            }
            if let Some(d) = rebound
                && may[oi].contains(d.0 as usize)
            {
                let held = if oi == 0 {
                    false
                } else {
                    holds[oi - 1].contains(d.0 as usize)
                };
                let kind = if held {
                    OpKind::DecRef { reg: d }
                } else {
                    OpKind::XDecRef { reg: d }
                };
                rev.push(mk(kind, line));
            }
            live = before;
        }
        // Owned parameters enter with a borrowed reference: take our own.
        if BlockId(bi as u32) == f.entry {
            for (i, r) in f.regs.iter().enumerate() {
                let reg = Reg(i as u32);
                if r.kind == RegKind::Param && owned(reg) && live.contains(i) {
                    rev.push(mk(OpKind::IncRef { reg }, f.line));
                }
            }
        }
        rev.reverse();
        f.blocks[bi].ops = rev;
        f.blocks[bi].term = term;
    }
    f.blocks.extend(new_blocks);
}

/// Registers that certainly hold a value (not NULL / `OXY_INT_ERR`) at the start of each
/// block: a forward "must" analysis. Parameters start set; a register is set by a def
/// that cannot leave it empty and cleared by `Undef` (`del x`); an error edge carries
/// the state from before the failing op.
fn holds_value(f: &Function) -> Vec<BitSet> {
    let n = f.regs.len();
    let nb = f.blocks.len();
    let mut entry = BitSet::new(n);
    for (i, r) in f.regs.iter().enumerate() {
        if r.kind == RegKind::Param {
            entry.insert(i);
        }
    }
    // None = not reached yet (the identity of the meet).
    let mut ins: Vec<Option<BitSet>> = vec![None; nb];
    ins[f.entry.0 as usize] = Some(entry.clone());
    let meet = |slot: &mut Option<BitSet>, s: &BitSet| -> bool {
        match slot {
            None => {
                *slot = Some(s.clone());
                true
            }
            Some(old) => old.intersect_changed(s),
        }
    };
    let order = crate::cfg::reverse_postorder(f);
    let mut changed = true;
    while changed {
        changed = false;
        for bi in order.iter().map(|b| b.0 as usize) {
            let Some(mut state) = ins[bi].clone() else {
                continue;
            };
            if BlockId(bi as u32) == f.entry {
                state.intersect_with(&entry);
            }
            for op in &f.blocks[bi].ops {
                if let Some(e) = &op.err
                    && let Some(slot) = ins.get_mut(e.target.0 as usize)
                {
                    changed |= meet(slot, &state);
                }
                step_holds(op, &mut state);
            }
            for s in f.blocks[bi].term.successors() {
                if let Some(slot) = ins.get_mut(s.0 as usize) {
                    changed |= meet(slot, &state);
                }
            }
        }
    }
    ins.into_iter()
        .map(|s| s.unwrap_or_else(|| BitSet::new(n)))
        .collect()
}

/// Registers that may hold a value at the start of each block (a forward "may"
/// analysis: any def sets, `Undef` clears). A named local outside this set is still
/// unbound and needs no release.
fn may_hold(f: &Function) -> Vec<BitSet> {
    let n = f.regs.len();
    let nb = f.blocks.len();
    let mut ins = vec![BitSet::new(n); nb];
    for (i, r) in f.regs.iter().enumerate() {
        if r.kind == RegKind::Param {
            ins[f.entry.0 as usize].insert(i);
        }
    }
    let order = crate::cfg::reverse_postorder(f);
    let mut changed = true;
    while changed {
        changed = false;
        for bi in order.iter().map(|b| b.0 as usize) {
            let mut state = ins[bi].clone();
            let flow = |target: usize, state: &BitSet, ins: &mut Vec<BitSet>| {
                ins.get_mut(target)
                    .is_some_and(|slot| slot.union_changed(state))
            };
            for op in &f.blocks[bi].ops {
                if let Some(e) = &op.err {
                    changed |= flow(e.target.0 as usize, &state, &mut ins);
                }
                step_may(op, &mut state);
            }
            for s in f.blocks[bi].term.successors() {
                changed |= flow(s.0 as usize, &state, &mut ins);
            }
        }
    }
    ins
}

fn step_may(op: &Op, state: &mut BitSet) {
    match &op.kind {
        OpKind::Undef { reg } => state.remove(reg.0 as usize),
        _ => {
            if let Some(d) = op.def() {
                state.insert(d.0 as usize);
            }
        }
    }
}

/// The effect of one op on the "holds a value" set (on its success path).
fn step_holds(op: &Op, state: &mut BitSet) {
    match &op.kind {
        OpKind::Undef { reg } => state.remove(reg.0 as usize),
        OpKind::Assign { dst, src } => {
            if state.contains(src.0 as usize) {
                state.insert(dst.0 as usize);
            } else {
                state.remove(dst.0 as usize);
            }
        }
        // Results that may be NULL without an error (an exhausted iterator, a missing
        // item) or that are not checked at all.
        OpKind::Prim {
            dst: Some(d), prim, ..
        } if matches!(
            prim.desc().err,
            oxyc_ir::ErrKind::NullOccurred | oxyc_ir::ErrKind::Never
        ) =>
        {
            state.remove(d.0 as usize)
        }
        _ => {
            if let Some(d) = op.def() {
                state.insert(d.0 as usize);
            }
        }
    }
}

fn mk(kind: OpKind, line: u32) -> Op {
    Op {
        kind,
        line,
        err: None,
    }
}

/// The named local an op rebinds (releasing its old value first), if any. An op that
/// also reads the local is left alone.
fn rebinds(op: &Op, named: &dyn Fn(Reg) -> bool) -> Option<Reg> {
    let d = op.def()?;
    (named(d) && !op.reads(d)).then_some(d)
}

/// Live-in sets of owned registers for every block.
fn liveness(f: &Function, owned: &dyn Fn(Reg) -> bool, named: &dyn Fn(Reg) -> bool) -> Vec<BitSet> {
    let n = f.regs.len();
    let nb = f.blocks.len();
    let mut owned_set = BitSet::new(n);
    let mut named_set = BitSet::new(n);
    for i in 0..n {
        if owned(Reg(i as u32)) {
            owned_set.insert(i);
        }
        if named(Reg(i as u32)) {
            named_set.insert(i);
        }
    }
    let mut live_in = vec![BitSet::new(n); nb];
    // Backward: successors first (post-order), so one round mostly settles it.
    let order = crate::cfg::reverse_postorder(f);
    let mut changed = true;
    while changed {
        changed = false;
        for bi in order.iter().rev().map(|b| b.0 as usize) {
            let block = &f.blocks[bi];
            let mut live = BitSet::new(n);
            for s in block.term.successors() {
                live.union_with(&live_in[s.0 as usize]);
            }
            match &block.term {
                Terminator::Return(r) => {
                    live.insert(r.0 as usize);
                    live.union_with(&named_set);
                }
                Terminator::Branch { cond: r, .. } => live.insert(r.0 as usize),
                _ => {}
            }
            for op in block.ops.iter().rev() {
                if let Some(d) = op.def() {
                    live.remove(d.0 as usize);
                }
                op.each_use(|u| live.insert(u.0 as usize));
                if let Some(d) = rebinds(op, named) {
                    live.insert(d.0 as usize);
                }
                if let Some(e) = &op.err {
                    live.union_with(&live_in[e.target.0 as usize]);
                }
            }
            // Keep only owned registers in the sets (others need no release).
            live.intersect_with(&owned_set);
            if live != live_in[bi] {
                live_in[bi] = live;
                changed = true;
            }
        }
    }
    live_in
}
