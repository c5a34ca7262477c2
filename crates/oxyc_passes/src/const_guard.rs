//! Module-constant reads that reuse an earlier check (run last).
//!
//! A read of a module int constant bound to a short literal (`LoadConstInt` with a
//! `value`) is that literal while the module dict's version is the one at which the
//! constants were last verified: each read compares two words. Only Python code can
//! change the module dict (another thread runs only when this one calls into code
//! that lets it), so where every path to a read passes through another such read
//! and then only through ops that cannot run Python code (`borrow::harmless`: no
//! calls, no releases of objects, no allocation that may collect garbage), the
//! answer of that earlier check still holds: the read is marked `known`, and the C
//! reuses the earlier answer (a local) instead of loading and comparing again.
//!
//! A release of an object (`dec_ref`, or a field store's release of the old value)
//! runs Python code only when it frees the object (`__del__`, or a weak reference
//! callback, through what the object owned). So it does not end the window: the
//! code generator re-checks the constants in its deallocation branch
//! (`recheck_sites`: the releases some `known` read relies on), where a changed
//! constant sends the rest of the call to the twin (or clears `oxy_cok`). A loop's
//! poll for signals is treated the same way (its handlers run in a rare branch).
//!
//! Where checked and unchecked paths join (a loop head, reached from the loop's
//! usual path with the constants checked and from its entry or a rarer path after
//! a call without), a check at the end of each unchecked predecessor that leads
//! nowhere else makes the join checked (`inserted_checks`), so the loop's reads
//! need no test on the usual path.

use oxyc_ir::{Function, OpKind, RType};

/// Mark the reads whose check an earlier read on every path already made.
pub fn run(f: &mut Function, hooked: &[bool]) {
    let n = f.blocks.len();
    if n == 0 || !f.blocks.iter().any(|b| b.ops.iter().any(is_checked_read)) {
        return;
    }
    let g = Graph::of(f);
    let ends = inserted_checks(f, hooked);
    let (checked_in, _) = checked(f, hooked, &g, &ends);
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (bi, b) in f.blocks.iter().enumerate() {
        let mut checked = checked_in[bi];
        for (oi, op) in b.ops.iter().enumerate() {
            if is_checked_read(op) {
                if checked {
                    marks.push((bi, oi));
                }
                checked = true;
            } else if !passes_check(f, hooked, op) {
                checked = false;
            }
        }
    }
    for (bi, oi) in marks {
        if let OpKind::LoadConstInt { known, .. } = &mut f.blocks[bi].ops[oi].kind {
            *known = true;
        }
    }
}

/// Predecessors by ordinary edges, and the blocks entered by an error edge (a
/// handler starts unchecked).
struct Graph {
    preds: Vec<Vec<usize>>,
    entered_by_error: Vec<bool>,
}

impl Graph {
    fn of(f: &Function) -> Graph {
        let n = f.blocks.len();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut entered_by_error = vec![false; n];
        for (bi, b) in f.blocks.iter().enumerate() {
            for s in b.term.successors() {
                if let Some(p) = preds.get_mut(s.0 as usize) {
                    p.push(bi);
                }
            }
            for op in &b.ops {
                if let Some(e) = &op.err
                    && let Some(x) = entered_by_error.get_mut(e.target.0 as usize)
                {
                    *x = true;
                }
            }
        }
        Graph {
            preds,
            entered_by_error,
        }
    }
}

/// Must-analysis: `checked_in[b]` holds when every path into `b` ends with a check
/// (a checked read, or one of the checks `ends` adds at the end of a block) followed
/// by ops that leave it valid only. Start from "all" and shrink. Also `checked_out`.
fn checked(f: &Function, hooked: &[bool], g: &Graph, ends: &[bool]) -> (Vec<bool>, Vec<bool>) {
    let n = f.blocks.len();
    let entry = f.entry.0 as usize;
    let out =
        |b: usize, inn: bool| ends.get(b).copied().unwrap_or(false) || transfer(f, hooked, b, inn);
    let mut checked_in: Vec<bool> = (0..n)
        .map(|b| b != entry && !g.entered_by_error[b] && !g.preds[b].is_empty())
        .collect();
    let mut checked_out: Vec<bool> = (0..n).map(|b| out(b, checked_in[b])).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for b in 0..n {
            if !checked_in[b] {
                continue;
            }
            if g.preds[b].iter().any(|&p| !checked_out[p]) {
                checked_in[b] = false;
                checked_out[b] = out(b, false);
                changed = true;
            }
        }
    }
    (checked_in, checked_out)
}

/// The blocks at whose end the code generator checks the constants (Main copy: a
/// jump to the twin on a change; otherwise the answer goes to `oxy_cok`), so that a
/// join where the constants are checked on some paths and not on others is checked
/// on all: typically a loop whose usual path keeps them checked all around, and whose
/// entry or a rarer path (a call) does not. Only a block that goes nowhere else
/// gets one, and only where a read follows the join.
pub fn inserted_checks(f: &Function, hooked: &[bool]) -> Vec<bool> {
    let n = f.blocks.len();
    let mut ends = vec![false; n];
    if n == 0 || !f.blocks.iter().any(|b| b.ops.iter().any(is_checked_read)) {
        return ends;
    }
    let g = Graph::of(f);
    let entry = f.entry.0 as usize;
    // Backward may-analysis: a checked read is reached from the start of `b` before
    // anything that would end a check's validity.
    let mut ahead = vec![false; n];
    let scan = |b: usize, mut a: bool| {
        for op in f.blocks[b].ops.iter().rev() {
            if is_checked_read(op) {
                a = true;
            } else if !passes_check(f, hooked, op) {
                a = false;
            }
        }
        a
    };
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..n).rev() {
            let out = f.blocks[b]
                .term
                .successors()
                .any(|s| ahead.get(s.0 as usize).copied().unwrap_or(false));
            if !ahead[b] && scan(b, out) {
                ahead[b] = true;
                changed = true;
            }
        }
    }
    let single_succ = |p: usize, b: usize| {
        let mut it = f.blocks[p].term.successors();
        it.next().is_some_and(|s| s.0 as usize == b) && it.next().is_none()
    };
    for _ in 0..n {
        let (cin, cout) = checked(f, hooked, &g, &ends);
        let mut added = false;
        for b in 0..n {
            if cin[b] || !ahead[b] || b == entry || g.entered_by_error[b] {
                continue;
            }
            let ps = &g.preds[b];
            if !ps.iter().any(|&p| cout[p]) {
                continue;
            }
            if ps.iter().all(|&p| cout[p] || single_succ(p, b)) {
                for &p in ps {
                    if !cout[p] {
                        ends[p] = true;
                        added = true;
                    }
                }
            }
        }
        if !added {
            break;
        }
    }
    ends
}

/// The reads that every path from the function's entry reaches through harmless ops
/// only (the ops of `borrow::harmless` and other reads): a test of the constants made
/// on entry still holds there.
pub fn entry_known(f: &Function, hooked: &[bool]) -> Vec<(usize, usize)> {
    let n = f.blocks.len();
    let entry = f.entry.0 as usize;
    if entry >= n {
        return Vec::new();
    }
    // `clean[b]`: nothing harmful ran on any path from the entry to the end of `b`,
    // for the blocks reached from the entry through clean blocks; start optimistic
    // and shrink. A handler (entered by an error edge) is never clean.
    let Graph {
        preds,
        entered_by_error,
    } = Graph::of(f);
    let harmful = |b: usize| {
        f.blocks[b]
            .ops
            .iter()
            .any(|op| !is_checked_read(op) && !crate::borrow::harmless(f, hooked, op))
    };
    let mut clean_in: Vec<bool> = (0..n)
        .map(|b| b == entry || (!entered_by_error[b] && !preds[b].is_empty()))
        .collect();
    if entered_by_error[entry] {
        return Vec::new();
    }
    let mut clean_out: Vec<bool> = (0..n).map(|b| clean_in[b] && !harmful(b)).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for b in 0..n {
            if !clean_in[b] {
                continue;
            }
            if preds[b].iter().any(|&p| !clean_out[p]) {
                clean_in[b] = false;
                clean_out[b] = false;
                changed = true;
            }
        }
    }
    let mut out = Vec::new();
    for (bi, b) in f.blocks.iter().enumerate() {
        let mut clean = clean_in[bi];
        for (oi, op) in b.ops.iter().enumerate() {
            if !clean {
                break;
            }
            if is_checked_read(op) {
                out.push((bi, oi));
            } else if !crate::borrow::harmless(f, hooked, op) {
                clean = false;
            }
        }
    }
    out
}

fn is_checked_read(op: &oxyc_ir::Op) -> bool {
    matches!(op.kind, OpKind::LoadConstInt { value: Some(_), .. })
}

/// Whether the constants are known checked at the end of block `b`.
fn transfer(f: &Function, hooked: &[bool], b: usize, mut checked: bool) -> bool {
    for op in &f.blocks[b].ops {
        if is_checked_read(op) {
            checked = true;
        } else if !passes_check(f, hooked, op) {
            checked = false;
        }
    }
    checked
}

/// Does a check of the constants still hold after `op`? For a release or a poll for
/// signals, only if its rare branch checks again (see `recheck_sites`).
fn passes_check(f: &Function, hooked: &[bool], op: &oxyc_ir::Op) -> bool {
    crate::borrow::harmless(f, hooked, op) || rechecks(f, op)
}

/// An op that runs Python code only in a rare branch, which can check the constants
/// again: a release of an object (`dec_ref`, `xdec_ref`, a store into an object
/// field, which releases the old value), when it frees the object; a loop's poll for
/// signals, when it runs their handlers (once in 4096 iterations at most).
pub fn rechecks(f: &Function, op: &oxyc_ir::Op) -> bool {
    match op.kind {
        OpKind::DecRef { reg } | OpKind::XDecRef { reg } => f.reg(reg).ty == RType::Obj,
        OpKind::SetField { src, .. } => f.reg(src).ty == RType::Obj,
        OpKind::CheckSignals => true,
        _ => false,
    }
}

/// The ops of `rechecks` (block, op) whose rare branch must check the constants
/// again: those from which some `known` read (marked by `run`) is reached through
/// harmless ops and other such ops only, before any other check. Sorted.
pub fn recheck_sites(f: &Function, hooked: &[bool]) -> Vec<(usize, usize)> {
    let n = f.blocks.len();
    let is_known = |op: &oxyc_ir::Op| {
        matches!(
            op.kind,
            OpKind::LoadConstInt {
                value: Some(_),
                known: true,
                ..
            }
        )
    };
    if !f.blocks.iter().any(|b| b.ops.iter().any(is_known)) {
        return Vec::new();
    }
    // Backward, a may-analysis: `need_in[b]`: a known read is reached from the start
    // of `b` before any check or harmful op. (Error edges lead to handlers, where
    // nothing is known.)
    let mut need_in = vec![false; n];
    let ends = inserted_checks(f, hooked);
    let scan = |b: usize, need: bool, sites: &mut Option<&mut Vec<(usize, usize)>>| {
        // (A check at the block's end: what follows relies on that one.)
        let mut need = need && !ends[b];
        for (oi, op) in f.blocks[b].ops.iter().enumerate().rev() {
            if is_known(op) {
                need = true;
            } else if is_checked_read(op) {
                need = false;
            } else if rechecks(f, op) {
                if need && let Some(s) = sites.as_mut() {
                    s.push((b, oi));
                }
            } else if !crate::borrow::harmless(f, hooked, op) {
                need = false;
            }
        }
        need
    };
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..n).rev() {
            let out = f.blocks[b]
                .term
                .successors()
                .any(|s| need_in.get(s.0 as usize).copied().unwrap_or(false));
            let inn = scan(b, out, &mut None);
            if inn && !need_in[b] {
                need_in[b] = true;
                changed = true;
            }
        }
    }
    let mut sites = Vec::new();
    for b in 0..n {
        let out = f.blocks[b]
            .term
            .successors()
            .any(|s| need_in.get(s.0 as usize).copied().unwrap_or(false));
        scan(b, out, &mut Some(&mut sites));
    }
    sites.sort_unstable();
    sites
}
