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

use oxyc_ir::{Function, OpKind};

/// Mark the reads whose check an earlier read on every path already made.
pub fn run(f: &mut Function, hooked: &[bool]) {
    let n = f.blocks.len();
    if n == 0 || !f.blocks.iter().any(|b| b.ops.iter().any(is_checked_read)) {
        return;
    }
    // Predecessors by ordinary edges; a block entered by an error edge (a handler)
    // starts unchecked.
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
    let entry = f.entry.0 as usize;
    // Must-analysis: `checked_in[b]` holds when every path into `b` ends with a
    // checked read followed by harmless ops only. Start from "all" and shrink.
    let mut checked_in: Vec<bool> = (0..n)
        .map(|b| b != entry && !entered_by_error[b] && !preds[b].is_empty())
        .collect();
    let mut checked_out: Vec<bool> = (0..n)
        .map(|b| transfer(f, hooked, b, checked_in[b]))
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for b in 0..n {
            if !checked_in[b] {
                continue;
            }
            if preds[b].iter().any(|&p| !checked_out[p]) {
                checked_in[b] = false;
                checked_out[b] = transfer(f, hooked, b, false);
                changed = true;
            }
        }
    }
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (bi, b) in f.blocks.iter().enumerate() {
        let mut checked = checked_in[bi];
        for (oi, op) in b.ops.iter().enumerate() {
            if is_checked_read(op) {
                if checked {
                    marks.push((bi, oi));
                }
                checked = true;
            } else if !crate::borrow::harmless(f, hooked, op) {
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
        } else if !crate::borrow::harmless(f, hooked, op) {
            checked = false;
        }
    }
    checked
}
