//! Borrowed results of accessors (module-wide, after the per-function passes).
//!
//! A method such as `def output(self): return self.b if self.d == FORWARD else self.a`
//! returns a new reference to a field of its receiver, and a caller that only reads
//! through it (`self.output().value = v`) releases it a few ops later. The increment
//! and the release are two read-modify-writes of the same word, and when the next
//! step of a loop touches the same object they form a chain the processor has to wait
//! for (a DeltaBlue plan's `execute` ran 40% faster without them).
//!
//! An *accessor* is a function every `return` of which gives a field read from one of
//! its parameters, with nothing after the read that can run Python code or release an
//! object (`borrow::harmless`). Such a field still holds the value when the function
//! returns, and keeps holding it while the caller does nothing harmful either: the
//! caller holds the parameter. So a call whose result is released after harmless ops
//! only calls a *borrowing copy* of the accessor (`Function::borrowing_copy_of`) that
//! returns the field borrowed, and the release goes away. Where the call's result
//! joins a fallback's (an exact-type dispatch: `r = call f(x)` or `r = x.f()`, then a
//! shared block reads `r` and releases it), the shared block is split and the call's
//! path gets a copy of its window without the release.

use crate::borrow::harmless;
use oxyc_ir::{
    Block, BlockId, FuncId, Function, Module, Op, OpKind, RType, Reg, RegKind, Terminator,
};

/// How many blocks back from a `return` the field read may be (through jumps).
const MAX_DEPTH: usize = 4;

pub fn run(m: &mut Module, hooked: &[bool]) {
    let n = m.functions.len();
    let fields: Vec<Option<Vec<Reg>>> = m
        .functions
        .iter()
        .map(|f| {
            if f.id == m.body {
                None
            } else {
                returned_fields(f, hooked)
            }
        })
        .collect();
    // Copies are numbered after every existing function, in the order first needed.
    let mut copies: Vec<Option<FuncId>> = vec![None; n];
    let mut order: Vec<usize> = Vec::new();
    for fi in 0..n {
        let f = &mut m.functions[fi];
        let defs = def_counts(f);
        let mut bi = 0;
        while bi < f.blocks.len() {
            let mut i = 0;
            while i < f.blocks[bi].ops.len() {
                if let OpKind::Call { dst, func, .. } = f.blocks[bi].ops[i].kind
                    && let Some(Some(_)) = fields.get(func.0 as usize)
                    && f.reg(dst).kind == RegKind::Temp
                    && defs[dst.0 as usize] == 1
                    && rewrite_site(f, hooked, bi, i, dst)
                {
                    let g = func.0 as usize;
                    let id = *copies[g].get_or_insert_with(|| {
                        order.push(g);
                        FuncId((n + order.len() - 1) as u32)
                    });
                    if let OpKind::Call { func, .. } = &mut f.blocks[bi].ops[i].kind {
                        *func = id;
                    }
                    f.regs[dst.0 as usize].kind = RegKind::Borrowed;
                }
                i += 1;
            }
            bi += 1;
        }
    }
    for g in order {
        let mut t = m.functions[g].clone();
        t.id = FuncId(m.functions.len() as u32);
        t.is_python_callable = false;
        t.export = None;
        t.borrowing_copy_of = Some(FuncId(g as u32));
        for r in fields[g].iter().flatten() {
            t.regs[r.0 as usize].kind = RegKind::Borrowed;
        }
        m.functions.push(t);
    }
}

/// The field reads whose values `f` returns, if every `return` returns one.
fn returned_fields(f: &Function, hooked: &[bool]) -> Option<Vec<Reg>> {
    if f.is_generator
        || f.has_closure
        || f.forwards
        || f.recursive
        || f.borrowing_copy_of.is_some()
        || f.ret != RType::Obj
        || !f.ret_extra.is_empty()
    {
        return None;
    }
    let preds = jump_preds(f);
    let defs = def_counts(f);
    let mut found: Vec<Reg> = Vec::new();
    let mut chain: Vec<Reg> = Vec::new();
    let mut any = false;
    for (bi, b) in f.blocks.iter().enumerate() {
        if let Terminator::Return(r) = b.term {
            any = true;
            let end = b.ops.len();
            let mut path = Path {
                found: &mut found,
                chain: &mut chain,
            };
            trace(f, hooked, &preds, &defs, bi, end, r, MAX_DEPTH, &mut path)?;
        }
    }
    // The value is borrowed in the copy, in every register it passes through on its
    // way to a `return` (a local `x = self.a` too): nothing else may read, release or
    // make those registers, nor an error edge release them (a handler that uses `x`
    // and raises would release the field's own reference).
    for op in f.blocks.iter().flat_map(|b| &b.ops) {
        let copy_on_path = matches!(op.kind, OpKind::Assign { dst, src }
            if chain.contains(&dst) && chain.contains(&src));
        let read_made = found.contains(&op.def().unwrap_or(Reg(u32::MAX)))
            && matches!(op.kind, OpKind::GetField { .. });
        let mentions = op.uses().iter().any(|u| chain.contains(u))
            || op.def().is_some_and(|d| chain.contains(&d));
        let cleans = op
            .err
            .as_ref()
            .is_some_and(|e| e.cleanup.iter().any(|c| chain.contains(c)));
        if (mentions && !copy_on_path && !read_made) || cleans {
            return None;
        }
    }
    (any && !found.is_empty()).then_some(found)
}

/// Per register: how many ops make it.
fn def_counts(f: &Function) -> Vec<u32> {
    let mut defs = vec![0u32; f.regs.len()];
    for op in f.blocks.iter().flat_map(|b| &b.ops) {
        if let Some(d) = op.def() {
            defs[d.0 as usize] += 1;
        }
    }
    defs
}

/// What `trace` collects: the field reads, and every register on their way to a
/// `return`.
struct Path<'a> {
    found: &'a mut Vec<Reg>,
    chain: &'a mut Vec<Reg>,
}

/// Follow the value `r` returned at `ops[..end]` of block `bi` back to the field read
/// that made it, through copies and jumps; push that read's register.
#[allow(clippy::too_many_arguments)]
fn trace(
    f: &Function,
    hooked: &[bool],
    preds: &[Option<Vec<usize>>],
    defs: &[u32],
    bi: usize,
    end: usize,
    mut r: Reg,
    depth: usize,
    path: &mut Path,
) -> Option<()> {
    let ops = &f.blocks[bi].ops;
    if !path.chain.contains(&r) {
        path.chain.push(r);
    }
    for op in ops[..end].iter().rev() {
        if op.def() == Some(r) {
            match op.kind {
                OpKind::Assign { src, .. } => {
                    r = src;
                    if !path.chain.contains(&r) {
                        path.chain.push(r);
                    }
                    continue;
                }
                OpKind::GetField {
                    dst, obj, class, ..
                } => {
                    let info = f.reg(dst);
                    let param = (obj.0 as usize) < f.nargs()
                        && f.reg(obj).kind == RegKind::Param
                        && defs[obj.0 as usize] == 0;
                    let ok = param
                        && info.kind == RegKind::Temp
                        && info.ty == RType::Obj
                        && defs[dst.0 as usize] == 1
                        && !hooked.get(class as usize).copied().unwrap_or(true);
                    if !ok {
                        return None;
                    }
                    if !path.found.contains(&dst) {
                        path.found.push(dst);
                    }
                    return Some(());
                }
                _ => return None,
            }
        }
        if !harmless(f, hooked, op) || op.uses().contains(&r) {
            return None;
        }
        if op.err.as_ref().is_some_and(|e| e.cleanup.contains(&r)) {
            return None;
        }
    }
    // Not made in this block: in each block that jumps here.
    if depth == 0 || bi == f.entry.0 as usize {
        return None;
    }
    let ps = preds.get(bi)?.as_ref()?;
    if ps.is_empty() {
        return None;
    }
    for &p in ps {
        let pend = f.blocks[p].ops.len();
        trace(f, hooked, preds, defs, p, pend, r, depth - 1, path)?;
    }
    Some(())
}

/// Per block: the blocks that reach it, when every one does by a `goto` (None when a
/// branch or an error edge reaches it).
fn jump_preds(f: &Function) -> Vec<Option<Vec<usize>>> {
    let n = f.blocks.len();
    let mut preds: Vec<Option<Vec<usize>>> = vec![Some(Vec::new()); n];
    for (bi, b) in f.blocks.iter().enumerate() {
        for op in &b.ops {
            if let Some(e) = &op.err
                && let Some(p) = preds.get_mut(e.target.0 as usize)
            {
                *p = None;
            }
        }
        match &b.term {
            Terminator::Goto(t) => {
                if let Some(Some(v)) = preds.get_mut(t.0 as usize) {
                    v.push(bi);
                }
            }
            Terminator::Branch { then_, else_, .. } => {
                for t in [then_, else_] {
                    if let Some(p) = preds.get_mut(t.0 as usize) {
                        *p = None;
                    }
                }
            }
            _ => {}
        }
    }
    preds
}

/// Can the result `t` of the call at `ops[i]` of block `bi` be borrowed? If so, drop
/// its release (splitting a shared block where the result joins another path's) and
/// say yes; otherwise leave the function as it was.
fn rewrite_site(f: &mut Function, hooked: &[bool], bi: usize, i: usize, t: Reg) -> bool {
    // Released in this block.
    if let Some(j) = window(f, hooked, &f.blocks[bi].ops, i + 1, t) {
        let ops = &mut f.blocks[bi].ops;
        strip_cleanup(&mut ops[i + 1..j], t);
        ops.remove(j);
        return true;
    }
    // Copied into a register that a shared block reads and releases: `u = t` last,
    // then `goto b`.
    let ops = &f.blocks[bi].ops;
    let Some(last) = ops.len().checked_sub(1) else {
        return false;
    };
    let OpKind::Assign { dst: u, src } = ops[last].kind else {
        return false;
    };
    let Terminator::Goto(b) = f.blocks[bi].term else {
        return false;
    };
    let b = b.0 as usize;
    if src != t
        || u == t
        || b == bi
        || b >= f.blocks.len()
        || f.reg(u).kind != RegKind::Temp
        || f.reg(u).ty != RType::Obj
        || !ops[i + 1..last]
            .iter()
            .all(|op| harmless(f, hooked, op) && !op.uses().contains(&t) && op.def() != Some(t))
    {
        return false;
    }
    let Some(j) = window(f, hooked, &f.blocks[b].ops, 0, u) else {
        return false;
    };
    // The shared block becomes `ops[..=j]` then a jump to its rest; the call's path
    // gets a copy of `ops[..j]` without the release (and without releasing `u` on
    // their error edges).
    let rest_id = BlockId(f.blocks.len() as u32);
    let copy_id = BlockId(f.blocks.len() as u32 + 1);
    let shared = &mut f.blocks[b];
    let rest_ops = shared.ops.split_off(j + 1);
    let rest = Block {
        ops: rest_ops,
        term: std::mem::replace(&mut shared.term, Terminator::Goto(rest_id)),
        term_line: shared.term_line,
    };
    let mut copy_ops: Vec<Op> = shared.ops[..j].to_vec();
    strip_cleanup(&mut copy_ops, u);
    let copy = Block {
        ops: copy_ops,
        term: Terminator::Goto(rest_id),
        term_line: rest.term_line,
    };
    f.blocks.push(rest);
    f.blocks.push(copy);
    f.blocks[bi].term = Terminator::Goto(copy_id);
    strip_cleanup(&mut f.blocks[bi].ops[i + 1..], t);
    true
}

/// Index of the release of `t` that ends a window of harmless ops from `ops[start]`
/// (none of which makes, takes over or copies `t`), if any.
fn window(f: &Function, hooked: &[bool], ops: &[Op], start: usize, t: Reg) -> Option<usize> {
    for (j, op) in ops.iter().enumerate().skip(start) {
        if matches!(op.kind, OpKind::DecRef { reg } if reg == t) {
            return Some(j);
        }
        if op.def() == Some(t) || op.stolen().contains(&t) || !harmless(f, hooked, op) {
            return None;
        }
    }
    None
}

/// The error edges of `ops` stop releasing `r` (it owns no reference there).
fn strip_cleanup(ops: &mut [Op], r: Reg) {
    for op in ops {
        if let Some(e) = &mut op.err {
            e.cleanup.retain(|c| *c != r);
        }
    }
}
