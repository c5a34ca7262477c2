//! Which registers of a generator (or coroutine) must live in its heap frame.
//!
//! A generator's C function returns at every `Yield` and is called again to resume:
//! a register whose value is needed after some resumption must survive in the frame
//! object. Every other register lives only between two suspensions and can be a C
//! local of the resume function (re-initialised at each entry), which keeps the
//! frame — one per live generator or coroutine object — small.
//!
//! The analysis is plain backward liveness over the final IR (after reference
//! counting, so the releases at `return` and on error paths are uses), with each
//! op's error edge a branch: to its target, after its cleanup releases the listed
//! registers. A register is kept in the frame when it is live when the body is
//! resumed after some `Yield` (the value sent in, the yield's `dst`, excepted: it is
//! defined right there), on either way out of the yield (the value sent, or the
//! exception thrown in, which takes the yield's error edge). Parameters always
//! stay (the entry points store them into the frame), and so does every register
//! the garbage collector visits in a suspended frame (`Yield::held`).

use crate::bitset::BitSet;
use oxyc_ir::{Function, Op, OpKind, Reg, Terminator};

/// `frame[r]`: register `r` lives in the generator's frame. Meaningless (all
/// false but the parameters) for a function that is not a generator.
pub fn frame_regs(f: &Function) -> Vec<bool> {
    let n = f.regs.len();
    let nb = f.blocks.len();
    let mut live_in = vec![BitSet::new(n); nb];
    // Backward: successors first (post-order), so one round mostly settles it.
    let order = crate::cfg::reverse_postorder(f);
    let mut changed = true;
    while changed {
        changed = false;
        for bi in order.iter().rev().map(|b| b.0 as usize) {
            let live = block_live_in(f, bi, &live_in, &mut |_, _, _| {});
            if live != live_in[bi] {
                live_in[bi] = live;
                changed = true;
            }
        }
    }
    let mut frame: Vec<bool> = (0..n).map(|i| i < f.params.len()).collect();
    for bi in order.iter().map(|b| b.0 as usize) {
        block_live_in(f, bi, &live_in, &mut |op, sent, thrown| {
            if let OpKind::Yield { dst, held, .. } = &op.kind {
                for r in sent.iter().filter(|r| *r != dst.0 as usize) {
                    frame[r] = true;
                }
                for r in thrown.iter() {
                    frame[r] = true;
                }
                for r in held {
                    frame[r.0 as usize] = true;
                }
            }
        });
    }
    frame
}

/// The registers live on entry to block `bi`, given the successors' sets; `seen` is
/// called for each op with what is live right after it on the fall-through way (its
/// definition included) and on its error edge (its cleanup included).
fn block_live_in(
    f: &Function,
    bi: usize,
    live_in: &[BitSet],
    seen: &mut dyn FnMut(&Op, &BitSet, &BitSet),
) -> BitSet {
    let n = f.regs.len();
    let block = &f.blocks[bi];
    let mut live = BitSet::new(n);
    for s in block.term.successors() {
        live.union_with(&live_in[s.0 as usize]);
    }
    match &block.term {
        Terminator::Return(r) => live.insert(r.0 as usize),
        Terminator::Branch { cond, .. } => live.insert(cond.0 as usize),
        _ => {}
    }
    for op in block.ops.iter().rev() {
        let mut on_error = BitSet::new(n);
        if let Some(e) = &op.err {
            on_error.union_with(&live_in[e.target.0 as usize]);
            for r in &e.cleanup {
                on_error.insert(r.0 as usize);
            }
        }
        seen(op, &live, &on_error);
        if let Some(d) = op.def() {
            live.remove(d.0 as usize);
        }
        // (On the error path the op defined nothing.)
        live.union_with(&on_error);
        op.each_use(|u: Reg| live.insert(u.0 as usize));
    }
    live
}
