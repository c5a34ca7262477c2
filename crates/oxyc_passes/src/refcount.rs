//! Reference counting made explicit.
//!
//! Discipline: a live refcounted register owns one reference. A value is released
//! (`DecRef`) right where it dies — after its last use, on a CFG edge into a block where
//! it is not live, or in the cleanup list of an error edge. Operands an op steals are
//! incref'd first when they stay live. Parameters that the function never reassigns are
//! borrowed from the caller and never released.

use crate::bitset::BitSet;
use oxyc_ir::{Block, BlockId, Function, Op, OpKind, Reg, RegKind, Terminator};

pub fn run(f: &mut Function) {
    let n = f.regs.len();
    let mut defined = BitSet::new(n);
    for b in &f.blocks {
        for op in &b.ops {
            if let Some(d) = op.def() {
                defined.insert(d.0 as usize);
            }
        }
    }
    let refcounted: Vec<bool> = f.regs.iter().map(|r| r.ty.is_refcounted()).collect();
    let borrowed: Vec<bool> = f
        .regs
        .iter()
        .enumerate()
        .map(|(i, r)| r.kind == RegKind::Param && !defined.contains(i))
        .collect();
    let owned = |r: Reg| refcounted[r.0 as usize] && !borrowed[r.0 as usize];

    let live_in = liveness(f, &owned);
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
    let nb = f.blocks.len();
    let mut new_blocks: Vec<Block> = Vec::new();

    for bi in 0..nb {
        let block = f.blocks[bi].clone();
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
                    .collect();
                if dying.is_empty() {
                    return target;
                }
                let id = BlockId((nb + new_blocks.len()) as u32);
                new_blocks.push(Block {
                    ops: dying
                        .into_iter()
                        .map(|r| mk(OpKind::XDecRef { reg: r }, block.term_line))
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
        for op in block.ops.iter().rev() {
            let live_after = live.clone();
            let mut before = live_after.clone();
            if let Some(d) = op.def() {
                before.remove(d.0 as usize);
            }
            for u in op.uses() {
                before.insert(u.0 as usize);
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
                let kind = if maybe_null[r.0 as usize] {
                    OpKind::XDecRef { reg: *r }
                } else {
                    OpKind::DecRef { reg: *r }
                };
                rev.push(mk(kind, op.line));
            }
            let mut op2 = op.clone();
            if let Some(e) = &mut op2.err {
                let mut cleanup: Vec<Reg> = before
                    .iter()
                    .map(|i| Reg(i as u32))
                    .filter(|r| {
                        owned(*r)
                            && !live_in[e.target.0 as usize].contains(r.0 as usize)
                            && Some(*r) != op.def()
                            && !stolen.contains(r)
                    })
                    .collect();
                cleanup.sort();
                e.cleanup = cleanup;
            }
            rev.push(op2);
            for r in &stolen {
                if !refcounted[r.0 as usize] {
                    continue;
                }
                if live_after.contains(r.0 as usize) || !owned(*r) {
                    rev.push(mk(OpKind::IncRef { reg: *r }, op.line));
                }
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

fn mk(kind: OpKind, line: u32) -> Op {
    Op {
        kind,
        line,
        err: None,
    }
}

/// Live-in sets of owned registers for every block.
fn liveness(f: &Function, owned: &dyn Fn(Reg) -> bool) -> Vec<BitSet> {
    let n = f.regs.len();
    let nb = f.blocks.len();
    let mut live_in = vec![BitSet::new(n); nb];
    let mut changed = true;
    while changed {
        changed = false;
        for bi in (0..nb).rev() {
            let block = &f.blocks[bi];
            let mut live = BitSet::new(n);
            for s in block.term.successors() {
                live.union_with(&live_in[s.0 as usize]);
            }
            match &block.term {
                Terminator::Return(r) | Terminator::Branch { cond: r, .. } => {
                    live.insert(r.0 as usize)
                }
                _ => {}
            }
            for op in block.ops.iter().rev() {
                if let Some(d) = op.def() {
                    live.remove(d.0 as usize);
                }
                for u in op.uses() {
                    live.insert(u.0 as usize);
                }
                if let Some(e) = &op.err {
                    live.union_with(&live_in[e.target.0 as usize]);
                }
            }
            // Keep only owned registers in the sets (others need no release).
            let mut filtered = BitSet::new(n);
            for i in live.iter() {
                if owned(Reg(i as u32)) {
                    filtered.insert(i);
                }
            }
            if filtered != live_in[bi] {
                live_in[bi] = filtered;
                changed = true;
            }
        }
    }
    live_in
}
