//! Which direct calls the C compiler is made to inline.
//!
//! A call between compiled functions costs about twenty instructions beyond the
//! callee's work (saving and restoring registers, moving arguments, testing the
//! result), which is most of the cost of a small method such as an accessor or a
//! `send(packet)` that updates a few fields. The C compiler's own inliner judges a
//! function by all of its C, and ours is mostly cold: error exits, slow paths of int
//! operations, the constants twin. So it leaves small functions out of line, even
//! those declared `inline`.
//!
//! The plan here decides it instead: a function that is *absorbed* gets a second C
//! entry, `<name>_inline`, declared `always_inline`, and the call sites on its
//! callers' hot paths call that one (the main copy of a body, not the twin, not a
//! cold block, not the copy for long ints). Everything else — wrappers, method
//! tables, other call sites — calls `<name>`, which is the same body out of line.
//!
//! Growth is bounded twice: a function is absorbed only if its own ops plus those of
//! the calls it absorbs in turn stay within `ABSORB_OPS`, and each caller takes in at
//! most `GROWTH_OPS` ops of absorbed bodies (its sites in order). Functions on a
//! cycle of direct calls are never absorbed (the inlining would not end), nor are
//! generators, closures and functions that forward `*args, **kwargs`.

use oxyc_ir::{Function, Module, OpKind};

/// The most IR ops an absorbed function may weigh, with what it absorbs itself.
/// (450, with `GROWTH_OPS` 1536, saved 1.1% of constraints' instructions, 1.0% of
/// raytrace's and 0.6% of scheduler's, but made a cold build of build_speed.py's
/// 500-line module 34% slower: left at 192/768.)
const ABSORB_OPS: usize = 192;

/// The most IR ops of absorbed bodies one caller takes in (768 rather than 512:
/// a dispatch over four implementations of a method can then take in all the
/// hot ones — scheduler 3% fewer instructions, raytrace 0.9%, constraints +0.1%).
const GROWTH_OPS: usize = 768;

/// Per function (by `FuncId`): whether it is absorbed (has an `_inline` entry), and
/// the call sites (block, op) of its own body that call an `_inline` entry.
#[derive(Debug, Default)]
pub struct Absorb {
    pub absorbed: Vec<bool>,
    pub sites: Vec<Vec<(usize, usize)>>,
}

impl Absorb {
    /// Is `f` absorbed (does it have an `_inline` entry)?
    pub fn is_absorbed(&self, f: usize) -> bool {
        self.absorbed.get(f).copied().unwrap_or(false)
    }

    /// Does the call at (block, op) of function `f` call its callee's `_inline` entry?
    pub fn inlines(&self, f: usize, at: (usize, usize)) -> bool {
        self.sites
            .get(f)
            .is_some_and(|s| s.binary_search(&at).is_ok())
    }
}

/// Could `f` be absorbed at all (whatever its size)? Not one with nested or
/// successive loops: its time is its loops', not the call, and in a larger function
/// the C compiler may keep fewer of their values in registers (measured: an
/// insertion sort absorbed into its caller ran 3% more instructions).
fn candidate(m: &Module, f: &Function) -> bool {
    f.id != m.body
        && !f.recursive
        && !f.is_generator
        && !f.has_closure
        && !f.forwards
        && oxyc_passes::cfg::back_edges(f, oxyc_passes::cfg::Edges::Jumps) <= 1
}

/// IR ops and terminators of `f` (the measure `inline_hint` uses).
fn own_ops(f: &Function) -> usize {
    f.blocks.iter().map(|b| b.ops.len() + 1).sum()
}

pub fn plan(m: &Module) -> Absorb {
    let n = m.functions.len();
    let mut absorb = Absorb {
        absorbed: vec![false; n],
        sites: vec![Vec::new(); n],
    };
    // Per function: its weight with what it absorbs (None: not computed yet).
    let mut weight: Vec<Option<usize>> = vec![None; n];
    // Callees before callers: a depth-first walk (iterative: a module may chain many
    // functions). Functions off every cycle only call functions off every cycle or
    // on cycles of their own, which are never absorbed, so the walk ends.
    for root in 0..n {
        let mut stack: Vec<(usize, bool)> = vec![(root, false)];
        while let Some((fi, expanded)) = stack.pop() {
            if weight[fi].is_some() {
                continue;
            }
            let f = &m.functions[fi];
            if !expanded {
                stack.push((fi, true));
                for callee in hot_calls(f).into_iter().map(|(_, c)| c) {
                    if callee < n
                        && weight[callee].is_none()
                        && callee != fi
                        && candidate(m, &m.functions[callee])
                    {
                        stack.push((callee, false));
                    }
                }
                continue;
            }
            let mut growth = 0;
            for (at, callee) in hot_calls(f) {
                if callee == fi || !absorb.is_absorbed(callee) {
                    continue;
                }
                let w = weight[callee].unwrap_or(usize::MAX);
                if growth + w <= GROWTH_OPS {
                    growth += w;
                    absorb.sites[fi].push(at);
                }
            }
            absorb.sites[fi].sort_unstable();
            let total = own_ops(f) + growth;
            weight[fi] = Some(total);
            absorb.absorbed[fi] = candidate(m, f) && total <= ABSORB_OPS;
        }
    }
    // A function no hot site calls keeps its one entry (the module's `bench()`).
    let mut called = vec![false; n];
    for (fi, sites) in absorb.sites.iter().enumerate() {
        for &(bi, i) in sites {
            if let Some(OpKind::Call { func, .. }) = m.functions[fi]
                .blocks
                .get(bi)
                .and_then(|b| b.ops.get(i))
                .map(|op| &op.kind)
                && let Some(c) = called.get_mut(func.0 as usize)
            {
                *c = true;
            }
        }
    }
    for (a, c) in absorb.absorbed.iter_mut().zip(called) {
        *a &= c;
    }
    absorb
}

/// The direct calls of `f`'s body outside its cold blocks: (block, op) and callee.
fn hot_calls(f: &Function) -> Vec<((usize, usize), usize)> {
    let cold = crate::func::cold_blocks(f);
    let mut out = Vec::new();
    for (bi, b) in f.blocks.iter().enumerate() {
        if cold.get(bi).copied().unwrap_or(false) {
            continue;
        }
        for (i, op) in b.ops.iter().enumerate() {
            if let OpKind::Call { func, .. } = &op.kind {
                out.push(((bi, i), func.0 as usize));
            }
        }
    }
    out
}
