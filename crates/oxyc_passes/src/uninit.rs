//! Unbound locals: drop `CheckBound` where a local is definitely assigned; where it
//! may be unbound, keep the check (and give float/bool locals a "bound" flag, since
//! they have no spare value to mean "unbound").

use crate::bitset::BitSet;
use crate::cfg::{predecessors, reverse_postorder};
use oxyc_ir::{BlockId, Const, Function, Op, OpKind, RType, RegInfo, RegKind};

/// Definitely-assigned registers at the start of each block.
fn analyze(f: &Function) -> Vec<BitSet> {
    let n = f.regs.len();
    let nb = f.blocks.len();
    let mut entry = BitSet::new(n);
    for (i, r) in f.regs.iter().enumerate() {
        if r.kind != RegKind::Local {
            entry.insert(i); // params and temps are always assigned before use
        }
    }
    let preds = predecessors(f);
    let order = reverse_postorder(f);
    let mut ins: Vec<BitSet> = vec![BitSet::full(n); nb];
    // States flowing along each edge: normal ends and error edges (state before the op).
    let mut changed = true;
    while changed {
        changed = false;
        for &b in &order {
            let mut inb = if b == f.entry {
                entry.clone()
            } else {
                BitSet::full(n)
            };
            for &p in &preds[b.0 as usize] {
                for st in edge_states(f, p, b, &ins[p.0 as usize]) {
                    inb.intersect_with(&st);
                }
            }
            if inb != ins[b.0 as usize] {
                ins[b.0 as usize] = inb;
                changed = true;
            }
        }
    }
    ins
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

/// The states that flow from `p` into `s` (one per edge).
fn edge_states(f: &Function, p: BlockId, s: BlockId, inp: &BitSet) -> Vec<BitSet> {
    let mut out = Vec::new();
    let mut st = inp.clone();
    let block = f.block(p);
    for op in &block.ops {
        if op.err.as_ref().is_some_and(|e| e.target == s) {
            out.push(st.clone());
        }
        transfer(op, &mut st);
    }
    if block.term.successors().any(|t| t == s) {
        out.push(st);
    }
    out
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
