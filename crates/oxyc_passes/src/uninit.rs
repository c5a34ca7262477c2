//! Unbound locals: drop `CheckBound` where a local is definitely assigned; where it
//! may be unbound, keep the check (and give float/bool locals a "bound" flag, since
//! they have no spare value to mean "unbound").

use crate::bitset::BitSet;
use crate::cfg::reverse_postorder;
use oxyc_ir::{Const, Function, Op, OpKind, RType, RegInfo, RegKind};

/// Definitely-assigned registers at the start of each block: a forward "must" analysis
/// (error edges carry the state from before the failing op). Unreached blocks (and
/// the ones only they reach) count as everything assigned.
fn analyze(f: &Function) -> Vec<BitSet> {
    let n = f.regs.len();
    let nb = f.blocks.len();
    let mut entry = BitSet::new(n);
    for (i, r) in f.regs.iter().enumerate() {
        if r.kind != RegKind::Local {
            entry.insert(i); // params and temps are always assigned before use
        }
    }
    // None = nothing flowed in yet (the identity of the meet).
    let mut ins: Vec<Option<BitSet>> = vec![None; nb];
    if let Some(slot) = ins.get_mut(f.entry.0 as usize) {
        *slot = Some(entry);
    }
    let meet = |slot: &mut Option<BitSet>, st: &BitSet| -> bool {
        match slot {
            None => {
                *slot = Some(st.clone());
                true
            }
            Some(old) => old.intersect_changed(st),
        }
    };
    let order = reverse_postorder(f);
    let mut changed = true;
    while changed {
        changed = false;
        for &b in &order {
            let Some(mut st) = ins[b.0 as usize].clone() else {
                continue;
            };
            let block = f.block(b);
            for op in &block.ops {
                if let Some(e) = &op.err
                    && let Some(slot) = ins.get_mut(e.target.0 as usize)
                {
                    changed |= meet(slot, &st);
                }
                transfer(op, &mut st);
            }
            for s in block.term.successors() {
                if let Some(slot) = ins.get_mut(s.0 as usize) {
                    changed |= meet(slot, &st);
                }
            }
        }
    }
    ins.into_iter()
        .map(|s| s.unwrap_or_else(|| BitSet::full(n)))
        .collect()
}

fn transfer(op: &Op, st: &mut BitSet) {
    match &op.kind {
        OpKind::Undef { reg } => st.remove(reg.0 as usize),
        _ => {
            if let Some(d) = op.def() {
                st.insert(d.0 as usize);
            }
        }
    }
}

pub fn run(f: &mut Function) {
    let ins = analyze(f);
    let mut flags: std::collections::HashMap<u32, oxyc_ir::Reg> = Default::default();
    let mut new_regs: Vec<RegInfo> = Vec::new();
    let base = f.regs.len();
    for (bi, block) in f.blocks.iter_mut().enumerate() {
        let mut st = ins[bi].clone();
        let mut out = Vec::with_capacity(block.ops.len());
        for op in block.ops.drain(..) {
            if let OpKind::CheckBound { reg, name } = &op.kind {
                if st.contains(reg.0 as usize) {
                    continue;
                }
                let ty = f.regs[reg.0 as usize].ty;
                if matches!(ty, RType::Float | RType::Bool | RType::CInt | RType::Ssize) {
                    let flag = *flags.entry(reg.0).or_insert_with(|| {
                        let r = oxyc_ir::Reg((base + new_regs.len()) as u32);
                        new_regs.push(RegInfo {
                            name: format!("{name}$bound"),
                            ty: RType::Bool,
                            kind: RegKind::Temp,
                        });
                        r
                    });
                    let mut op = op.clone();
                    op.kind = OpKind::CheckBound {
                        reg: flag,
                        name: name.clone(),
                    };
                    out.push(op);
                    continue;
                }
            }
            transfer(&op, &mut st);
            out.push(op);
        }
        block.ops = out;
    }
    if flags.is_empty() {
        return;
    }
    // Maintain the flags: set after every definition, cleared by `del`.
    for block in &mut f.blocks {
        let mut out = Vec::with_capacity(block.ops.len());
        for op in block.ops.drain(..) {
            let flag_update = match &op.kind {
                OpKind::Undef { reg } => flags.get(&reg.0).map(|f| (*f, false)),
                _ => op.def().and_then(|d| flags.get(&d.0)).map(|f| (*f, true)),
            };
            let line = op.line;
            out.push(op);
            if let Some((flag, v)) = flag_update {
                out.push(Op {
                    kind: OpKind::Const {
                        dst: flag,
                        value: Const::Bool(v),
                    },
                    line,
                    err: None,
                });
            }
        }
        block.ops = out;
    }
    f.regs.extend(new_regs);
}
