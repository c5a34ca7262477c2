//! The static call graph of direct calls: which functions can recurse, and where the
//! recursion-depth checks go.
//!
//! Only a cycle of direct (native) calls can nest without bound inside compiled code;
//! every other path back into compiled code goes through the interpreter, which counts
//! its own frames. So a check is needed only on the call edges inside a cycle (a
//! strongly connected component of the call graph), and only once per path through a
//! function: [`place_depth_checks`] puts a `check_depth` before the first such call on
//! each path. A call that returns without calling (the leaves of a recursion, most of
//! its calls) then pays nothing, and the C compiler keeps their path short.
//!
//! A direct call into another compiled module (`CallExtern`, `CallXMethod`) may be part of a cycle
//! this module cannot see: it always counts as one.

use oxyc_ir::{BlockId, Function, Module, Op, OpKind};

/// Mark the functions on a cycle of direct calls and insert their depth checks.
pub fn mark_recursive(m: &mut Module) {
    let n = m.functions.len();
    let callees: Vec<Vec<usize>> = m.functions.iter().map(|f| direct_callees(f, n)).collect();
    let scc = components(&callees);
    let mut size = vec![0usize; n];
    for &c in &scc {
        size[c] += 1;
    }
    for (i, f) in m.functions.iter_mut().enumerate() {
        let calls_out = f.blocks.iter().flat_map(|b| &b.ops).any(|op| {
            matches!(
                op.kind,
                OpKind::CallExtern { .. } | OpKind::CallXMethod { .. }
            )
        });
        f.recursive = size[scc[i]] > 1 || callees[i].contains(&i) || calls_out;
        if f.recursive {
            place_depth_checks(f, |callee| callee < n && scc[callee] == scc[i]);
        }
    }
}

fn direct_callees(f: &Function, n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = f
        .blocks
        .iter()
        .flat_map(|b| &b.ops)
        .filter_map(|op| match &op.kind {
            OpKind::Call { func, .. } => Some(func.0 as usize),
            _ => None,
        })
        .filter(|&c| c < n)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Strongly connected components (Tarjan, iterative): the component id of each node.
fn components(succ: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = succ.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, position in its successor list)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = work.last_mut() {
            if let Some(&w) = succ[v].get(*pos) {
                *pos += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

/// Insert a `check_depth` before each call for which `in_cycle(callee)` holds (and each
/// call into another module), unless
/// every path to it already passed one. The check shares the call's error edge.
///
/// A forward "must" analysis: a block starts checked only if all its normal
/// predecessors end checked. Exception handlers start unchecked, since the failing op
/// may come before the check (or be the check).
pub fn place_depth_checks(f: &mut Function, in_cycle: impl Fn(usize) -> bool) {
    let nb = f.blocks.len();
    let needs = |op: &Op| match &op.kind {
        OpKind::Call { func, .. } => in_cycle(func.0 as usize),
        OpKind::CallExtern { .. } | OpKind::CallXMethod { .. } => true,
        _ => false,
    };
    let mut handler = vec![false; nb];
    for b in &f.blocks {
        for op in &b.ops {
            if let Some(e) = &op.err
                && let Some(h) = handler.get_mut(e.target.0 as usize)
            {
                *h = true;
            }
        }
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); nb];
    for (i, b) in f.blocks.iter().enumerate() {
        for BlockId(s) in b.term.successors() {
            if let Some(p) = preds.get_mut(s as usize) {
                p.push(i);
            }
        }
    }
    let entry = f.entry.0 as usize;
    let starts_unchecked = |i: usize| i == entry || handler[i] || preds[i].is_empty();
    // Optimistic start (everything checked), then lower to the fixpoint.
    let mut out = vec![true; nb];
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..nb {
            let mut state = !starts_unchecked(i) && preds[i].iter().all(|&p| out[p]);
            state |= f.blocks[i].ops.iter().any(needs);
            if state != out[i] {
                out[i] = state;
                changed = true;
            }
        }
    }
    for (i, block) in f.blocks.iter_mut().enumerate() {
        let mut state = !starts_unchecked(i) && preds[i].iter().all(|&p| out[p]);
        let ops = std::mem::take(&mut block.ops);
        let mut new_ops = Vec::with_capacity(ops.len() + 1);
        for op in ops {
            if needs(&op) && !state {
                new_ops.push(Op {
                    kind: OpKind::CheckDepth,
                    line: op.line,
                    err: op.err.clone(),
                });
                state = true;
            }
            new_ops.push(op);
        }
        block.ops = new_ops;
    }
}
