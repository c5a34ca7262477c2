//! Control-flow graph utilities and unreachable-block removal.

use oxyc_ir::{BlockId, Function, Terminator};

/// Successors of a block, including the targets of its ops' error edges.
pub fn successors(f: &Function, b: BlockId) -> Vec<BlockId> {
    let block = f.block(b);
    let mut out: Vec<BlockId> = block
        .ops
        .iter()
        .filter_map(|o| o.err.as_ref().map(|e| e.target))
        .collect();
    out.extend(block.term.successors());
    out.sort();
    out.dedup();
    out
}

pub fn predecessors(f: &Function) -> Vec<Vec<BlockId>> {
    let mut preds = vec![Vec::new(); f.blocks.len()];
    for i in 0..f.blocks.len() {
        for s in successors(f, BlockId(i as u32)) {
            preds[s.0 as usize].push(BlockId(i as u32));
        }
    }
    preds
}

/// Which edges a walk of the control flow follows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Edges {
    /// The terminators' jumps only.
    Jumps,
    /// Those and the ops' error edges.
    WithErrors,
}

/// How many edges of `f`'s control flow go back to a block on the path that reached
/// them, in a depth-first walk from the entry (one per loop, roughly).
pub fn back_edges(f: &Function, edges: Edges) -> usize {
    let nb = f.blocks.len();
    let succ = |b: BlockId| -> Vec<BlockId> {
        match edges {
            Edges::Jumps => f.blocks[b.0 as usize].term.successors().collect(),
            Edges::WithErrors => successors(f, b),
        }
        .into_iter()
        .filter(|s| (s.0 as usize) < nb)
        .collect()
    };
    if f.entry.0 as usize >= nb {
        return 0;
    }
    // 0: unseen, 1: on the path, 2: done.
    let mut state = vec![0u8; nb];
    let mut count = 0;
    let mut stack: Vec<(BlockId, Vec<BlockId>)> = vec![(f.entry, succ(f.entry))];
    state[f.entry.0 as usize] = 1;
    while let Some(top) = stack.last_mut() {
        match top.1.pop() {
            Some(next) => match state[next.0 as usize] {
                0 => {
                    state[next.0 as usize] = 1;
                    stack.push((next, succ(next)));
                }
                1 => count += 1,
                _ => {}
            },
            None => {
                state[top.0.0 as usize] = 2;
                stack.pop();
            }
        }
    }
    count
}

/// Does some path from the entry come back to a block it has been through (a loop,
/// including one through an error edge)?
pub fn has_cycle(f: &Function) -> bool {
    back_edges(f, Edges::WithErrors) > 0
}

/// Remove blocks unreachable from the entry and renumber the rest (entry stays 0).
pub fn cleanup(f: &mut Function) {
    let n = f.blocks.len();
    let mut reachable = vec![false; n];
    let mut stack = vec![f.entry];
    while let Some(b) = stack.pop() {
        if reachable[b.0 as usize] {
            continue;
        }
        reachable[b.0 as usize] = true;
        let block = f.block(b);
        stack.extend(
            block
                .ops
                .iter()
                .filter_map(|o| o.err.as_ref().map(|e| e.target)),
        );
        stack.extend(block.term.successors());
    }
    let mut remap = vec![BlockId(u32::MAX); n];
    let mut next = 0u32;
    for i in 0..n {
        if reachable[i] {
            remap[i] = BlockId(next);
            next += 1;
        }
    }
    let old = std::mem::take(&mut f.blocks);
    for (i, mut b) in old.into_iter().enumerate() {
        if !reachable[i] {
            continue;
        }
        for op in &mut b.ops {
            if let Some(e) = &mut op.err {
                e.target = remap[e.target.0 as usize];
            }
        }
        b.term = match b.term {
            Terminator::Goto(t) => Terminator::Goto(remap[t.0 as usize]),
            Terminator::Branch { cond, then_, else_ } => Terminator::Branch {
                cond,
                then_: remap[then_.0 as usize],
                else_: remap[else_.0 as usize],
            },
            t => t,
        };
        f.blocks.push(b);
    }
    f.entry = remap[f.entry.0 as usize];
}

/// Reverse post-order of the reachable blocks (a good order for forward dataflow).
pub fn reverse_postorder(f: &Function) -> Vec<BlockId> {
    let n = f.blocks.len();
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    // Iterative DFS with an explicit stack of (block, next successor index).
    let succ: Vec<Vec<BlockId>> = (0..n).map(|i| successors(f, BlockId(i as u32))).collect();
    let mut stack: Vec<(BlockId, usize)> = vec![(f.entry, 0)];
    seen[f.entry.0 as usize] = true;
    while let Some((b, i)) = stack.pop() {
        let succs = &succ[b.0 as usize];
        if i < succs.len() {
            stack.push((b, i + 1));
            let s = succs[i];
            if !seen[s.0 as usize] {
                seen[s.0 as usize] = true;
                stack.push((s, 0));
            }
        } else {
            order.push(b);
        }
    }
    order.reverse();
    order
}
