//! Splitting a large module's C into translation units that compile in parallel.
//!
//! The C compiler's time grows with the amount of code, and one big file keeps one
//! core busy. Native functions move to other units in groups that no direct call
//! crosses (a caller and its callees stay together, so the C compiler can still inline
//! them), balanced by size. Generator functions stay in the first unit with their
//! wrappers, which build their frames.

use oxyc_ir::{Module, OpKind};

/// Roughly this many IR ops of function bodies per unit (about 2,200 lines of C;
/// on two cores, units this size pack around the runtime's two better than larger ones);
/// a smaller module stays one unit.
pub const UNIT_WEIGHT: usize = 1100;

/// What the first unit holds for each function besides its body (wrapper, code
/// object info), in IR ops of the same amount of C compiler time.
const WRAPPER_WEIGHT: usize = 25;

/// Which unit each function's body goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub units: usize,
    /// Per function (by `FuncId`): its unit.
    pub unit_of: Vec<usize>,
}

/// Split `m` into at most `max_units` units.
pub fn plan(m: &Module, max_units: usize) -> Plan {
    let n = m.functions.len();
    let single = Plan {
        units: 1,
        unit_of: vec![0; n],
    };
    let weight: Vec<usize> = m
        .functions
        .iter()
        .map(|f| f.blocks.iter().map(|b| b.ops.len() + 1).sum())
        .collect();
    let total: usize = weight.iter().sum();
    let units = max_units.min(total / UNIT_WEIGHT).max(1);
    if units == 1 {
        return single;
    }
    // Groups of functions joined by direct calls (union-find).
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (i, f) in m.functions.iter().enumerate() {
        for op in f.blocks.iter().flat_map(|b| &b.ops) {
            if let OpKind::Call { func, .. } = &op.kind {
                let j = func.0 as usize;
                if j < n {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
            }
        }
    }
    // Group weights; a group with a generator (or the module body, which runs once)
    // is pinned to the first unit.
    let mut group_weight = vec![0usize; n];
    let mut pinned = vec![false; n];
    for (i, w) in weight.iter().enumerate() {
        let g = find(&mut parent, i);
        group_weight[g] += w;
        if m.functions[i].is_generator || m.body.0 as usize == i {
            pinned[g] = true;
        }
    }
    let mut load = vec![0usize; units];
    let mut unit_of_group = vec![0usize; n];
    // The first unit also holds the wrappers, classes and initialiser: about as much
    // C as a function of this many ops for every function.
    load[0] = WRAPPER_WEIGHT * n;
    for g in 0..n {
        if find(&mut parent, g) == g && pinned[g] {
            load[0] += group_weight[g];
        }
    }
    // Largest groups first, each to the least loaded unit (ties: the lowest unit).
    let mut groups: Vec<usize> = (0..n)
        .filter(|&g| find(&mut parent, g) == g && !pinned[g])
        .collect();
    groups.sort_by(|&a, &b| group_weight[b].cmp(&group_weight[a]).then(a.cmp(&b)));
    for g in groups {
        let (u, _) = load
            .iter()
            .enumerate()
            .min_by(|(ua, la), (ub, lb)| la.cmp(lb).then(ua.cmp(ub)))
            .unwrap_or((0, &0));
        load[u] += group_weight[g];
        unit_of_group[g] = u;
    }
    let mut unit_of: Vec<usize> = (0..n)
        .map(|i| unit_of_group[find(&mut parent, i)])
        .collect();
    // Number the units that received something densely (the first always exists).
    let mut used: Vec<usize> = unit_of.clone();
    used.push(0);
    used.sort_unstable();
    used.dedup();
    if used.len() == 1 {
        return single;
    }
    for u in &mut unit_of {
        *u = used.iter().position(|x| x == u).unwrap_or(0);
    }
    Plan {
        units: used.len(),
        unit_of,
    }
}
