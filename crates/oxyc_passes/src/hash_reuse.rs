//! Hash reuse: a tuple key looked up several times is hashed once.
//!
//! `oxyc_irbuild` puts a `Prim::HashPure` of the key before each set or dict lookup
//! whose key is typed tuple (`key in s`, `s.add(key)`, `d[key]`, `d[key] = v`,
//! `d.get(key)`), and hands its answer to the lookup. The answer depends on the key
//! object alone: a pure key (ints, strs, floats, tuples of them...) cannot change
//! its hash, and any other key answers -1 ("hash it yourself") every time, with no
//! effect. So a later `HashPure` of the same register becomes a copy of an earlier
//! answer when that answer is available on every path to it: the earlier op ran,
//! and neither the key register nor the answer's register was written since.
//!
//! A forward "available expressions" analysis over the blocks. The targets of error
//! edges start with nothing available (an edge leaves its block part way through).
//! Runs before reference counting; the answers are plain C integers.

use std::collections::HashMap;

use crate::bitset::BitSet;
use crate::cfg;
use oxyc_ir::{Function, OpKind, Prim, Reg};

/// Called at each site with what is available just before it.
type OnSite<'a> = Option<&'a mut dyn FnMut(usize, &BitSet)>;

/// One `dst = HashPure(key)` op.
struct Site {
    block: usize,
    index: usize,
    dst: Reg,
    key: Reg,
}

pub fn run(f: &mut Function) {
    let mut sites = Vec::new();
    for (block, b) in f.blocks.iter().enumerate() {
        for (index, op) in b.ops.iter().enumerate() {
            if let OpKind::Prim {
                dst: Some(dst),
                prim: Prim::HashPure,
                args,
            } = &op.kind
                && let [key] = args[..]
            {
                sites.push(Site {
                    block,
                    index,
                    dst: *dst,
                    key,
                });
            }
        }
    }
    if sites.len() < 2 {
        return;
    }
    // The sites a write of a register makes unavailable (as key or as answer), and
    // the site at each (block, op).
    let mut kills: HashMap<Reg, Vec<usize>> = HashMap::new();
    let mut at: HashMap<(usize, usize), usize> = HashMap::new();
    for (s, site) in sites.iter().enumerate() {
        kills.entry(site.key).or_default().push(s);
        kills.entry(site.dst).or_default().push(s);
        at.insert((site.block, site.index), s);
    }
    let n = f.blocks.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut err_target = vec![false; n];
    for (b, block) in f.blocks.iter().enumerate() {
        for s in block.term.successors() {
            preds[s.0 as usize].push(b);
        }
        for op in &block.ops {
            if let Some(e) = &op.err {
                err_target[e.target.0 as usize] = true;
            }
        }
    }
    let transfer = |b: usize, state: &mut BitSet, mut on_site: OnSite| {
        for (i, op) in f.blocks[b].ops.iter().enumerate() {
            let site = at.get(&(b, i)).copied();
            if let (Some(s), Some(cb)) = (site, on_site.as_deref_mut()) {
                cb(s, state);
            }
            if let Some(r) = op.def()
                && let Some(ks) = kills.get(&r)
            {
                for &k in ks {
                    state.remove(k);
                }
            }
            if let Some(s) = site {
                state.insert(s);
            }
        }
    };
    let order = cfg::reverse_postorder(f);
    let entry = f.entry.0 as usize;
    let mut out: Vec<BitSet> = vec![BitSet::full(sites.len()); n];
    let entry_state = |b: usize, out: &[BitSet]| {
        if b == entry || err_target[b] || preds[b].is_empty() {
            return BitSet::new(sites.len());
        }
        let mut s = BitSet::full(sites.len());
        for &p in &preds[b] {
            s.intersect_with(&out[p]);
        }
        s
    };
    let mut changed = true;
    while changed {
        changed = false;
        for &b in &order {
            let b = b.0 as usize;
            let mut state = entry_state(b, &out);
            transfer(b, &mut state, None);
            if state != out[b] {
                out[b] = state;
                changed = true;
            }
        }
    }
    // Each site with an earlier answer for its key available: a copy of it.
    let mut copies: Vec<(usize, usize, Reg, Reg)> = Vec::new();
    for &b in &order {
        let b = b.0 as usize;
        let mut state = entry_state(b, &out);
        let mut found = |s: usize, avail: &BitSet| {
            let site = &sites[s];
            if let Some(e) = avail
                .iter()
                .find(|&e| e != s && sites[e].key == site.key && sites[e].dst != site.dst)
            {
                copies.push((site.block, site.index, site.dst, sites[e].dst));
            }
        };
        transfer(b, &mut state, Some(&mut found));
    }
    for (b, i, dst, src) in copies {
        let op = &mut f.blocks[b].ops[i];
        op.kind = OpKind::Assign { dst, src };
        op.err = None;
    }
}
