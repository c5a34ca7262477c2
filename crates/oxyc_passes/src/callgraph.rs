//! The static call graph of direct calls: which functions can recurse.
//!
//! Only a function on a cycle of direct (native) calls can nest without bound inside
//! compiled code; every other path back into compiled code goes through the
//! interpreter, which counts its own frames. So only those functions pay for a
//! recursion-depth check.

use oxyc_ir::{Module, OpKind};

pub fn mark_recursive(m: &mut Module) {
    let n = m.functions.len();
    let callees: Vec<Vec<usize>> = m
        .functions
        .iter()
        .map(|f| {
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
        })
        .collect();
    for start in 0..n {
        // Can `start` reach itself?
        let mut seen = vec![false; n];
        let mut stack = callees[start].clone();
        let mut found = false;
        while let Some(f) = stack.pop() {
            if f == start {
                found = true;
                break;
            }
            if !seen[f] {
                seen[f] = true;
                stack.extend(&callees[f]);
            }
        }
        m.functions[start].recursive = found;
    }
}
