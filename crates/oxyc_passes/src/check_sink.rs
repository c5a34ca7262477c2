//! Type checks that an exact-type dispatch makes redundant (after `refcount`).
//!
//! A value checked to be an instance of native class `C` (a `list[C]` loop item, a
//! `pop()` of one, ...) and then, with only releases and copies in between, the
//! receiver of a method call that dispatches on its exact type (`TypeIs` tests,
//! one per compiled implementation, then the ordinary call) is tested twice: once
//! against `C`'s native family and `C` itself, once against the implementations.
//! When the dispatch's tests cover every native class of the family, any value
//! one of them accepts would have passed the check, so the check moves to the
//! ordinary call's path, the only one left that can see a Python subclass or a
//! value of another type. It then raises the same TypeError, with the same line,
//! just after the copies and releases in between (the previous value of a loop
//! variable is released first; nothing else can tell). A copy into a register the
//! error path does not release — a loop variable that a handler, or the code after
//! it, still reads — keeps the check where it is: that variable must keep its
//! previous value when the check fails.

use oxyc_ir::{BlockId, ErrEdge, Function, Op, OpKind, Reg, Terminator};

/// Per native class (by index): its name and its native family (itself and every
/// class deriving from it), for `Module::classes`.
pub struct Families {
    classes: Vec<(String, Vec<u32>)>,
}

impl Families {
    pub fn of(m: &oxyc_ir::Module) -> Families {
        let derives = |mut k: usize, ci: usize| loop {
            if k == ci {
                return true;
            }
            match m.classes[k].base {
                Some(b) if (b as usize) < m.classes.len() => k = b as usize,
                _ => return false,
            }
        };
        let classes = (0..m.classes.len())
            .map(|ci| {
                let fam = (0..m.classes.len())
                    .filter(|&k| derives(k, ci))
                    .map(|k| k as u32)
                    .collect();
                (m.classes[ci].name.clone(), fam)
            })
            .collect();
        Families { classes }
    }

    /// The family of the class a `CheckType` names (the first class of that name,
    /// as the code generator's test picks it).
    fn family(&self, name: &str) -> Option<&[u32]> {
        self.classes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f.as_slice())
    }
}

pub fn run(f: &mut Function, families: &Families) {
    // (A generator's frame keeps what its error paths release: left alone.)
    if f.is_generator {
        return;
    }
    let n = f.blocks.len();
    let mut preds = vec![0usize; n];
    for b in &f.blocks {
        for s in b.term.successors() {
            if let Some(p) = preds.get_mut(s.0 as usize) {
                *p += 1;
            }
        }
        for op in &b.ops {
            if let Some(e) = &op.err
                && let Some(p) = preds.get_mut(e.target.0 as usize)
            {
                // (A handler is never a dispatch's fallback.)
                *p += 2;
            }
        }
    }
    for bi in 0..n {
        let Some((at, fallback, check)) = sinkable(f, families, &preds, bi) else {
            continue;
        };
        f.blocks[bi].ops.remove(at);
        f.blocks[fallback].ops.insert(0, check);
    }
}

/// In block `bi`: the index of a check the dispatch ending the block makes
/// redundant, the dispatch's fallback block, and the check to put there.
fn sinkable(
    f: &Function,
    families: &Families,
    preds: &[usize],
    bi: usize,
) -> Option<(usize, usize, Op)> {
    let ops = &f.blocks[bi].ops;
    let at = ops
        .iter()
        .rposition(|op| matches!(op.kind, OpKind::CheckType { .. }))?;
    let check = &ops[at];
    let OpKind::CheckType {
        src,
        expected,
        what,
        ..
    } = &check.kind
    else {
        return None;
    };
    let err = check.err.as_ref()?;
    let family = families.family(expected)?;
    // Copies and releases of other registers, then the first test: in this block,
    // or along jumps to blocks entered from the one before only (a loop item's
    // check, then the loop variable's store, then the body).
    let mut seq: Vec<&Op> = ops[at + 1..].iter().collect();
    let mut cur = bi;
    loop {
        let ends_in_test = !f.blocks[cur].ops.is_empty() || cur == bi;
        if ends_in_test
            && matches!(
                seq.last(),
                Some(Op {
                    kind: OpKind::TypeIs { .. },
                    ..
                })
            )
            && matches!(f.blocks[cur].term, Terminator::Branch { .. })
        {
            break;
        }
        match f.blocks[cur].term {
            Terminator::Goto(t)
                if preds.get(t.0 as usize) == Some(&1) && t.0 as usize != bi && seq.len() < 64 =>
            {
                cur = t.0 as usize;
                seq.extend(f.blocks[cur].ops.iter());
            }
            _ => return None,
        }
    }
    let mut alias: Vec<Reg> = vec![*src];
    let mut cleanup = err.cleanup.clone();
    let (last, between) = seq.split_last()?;
    for op in between {
        match op.kind {
            OpKind::DecRef { reg } | OpKind::XDecRef { reg } if !alias.contains(&reg) => {
                cleanup.retain(|r| *r != reg);
            }
            // (Only into a register the error path releases anyway, so dead there:
            // a loop variable a handler or the code after it still reads must keep
            // its previous value when the check fails.)
            OpKind::Assign { dst, src }
                if alias.contains(&src) && !alias.contains(&dst) && err.cleanup.contains(&dst) =>
            {
                cleanup.retain(|r| *r != src && *r != dst);
                cleanup.push(dst);
                alias.push(dst);
            }
            _ => return None,
        }
    }
    let OpKind::TypeIs {
        dst,
        obj,
        ref classes,
        ..
    } = last.kind
    else {
        return None;
    };
    if !alias.contains(&obj) {
        return None;
    }
    let Terminator::Branch { cond, else_, .. } = f.blocks[cur].term else {
        return None;
    };
    if cond != dst {
        return None;
    }
    // The rest of the chain: blocks of one test of the same register (or a plain
    // jump), each entered from the one before only.
    let mut covered: Vec<u32> = classes.clone();
    let mut next = else_;
    let mut steps = 0;
    let fallback = loop {
        steps += 1;
        if steps > f.blocks.len() {
            return None;
        }
        let b = f.blocks.get(next.0 as usize)?;
        if preds.get(next.0 as usize) != Some(&1) {
            return None;
        }
        match (b.ops.as_slice(), &b.term) {
            ([], Terminator::Goto(t)) => next = *t,
            (
                [
                    Op {
                        kind:
                            OpKind::TypeIs {
                                dst: d,
                                obj: o,
                                classes: more,
                                ..
                            },
                        ..
                    },
                ],
                Terminator::Branch {
                    cond: c, else_: e, ..
                },
            ) if c == d && o == &obj => {
                covered.extend(more.iter().copied());
                next = *e;
            }
            _ => break next,
        }
        if next == BlockId(bi as u32) || next == BlockId(cur as u32) {
            return None;
        }
    };
    if !family.iter().all(|k| covered.contains(k)) {
        return None;
    }
    if !cleanup.contains(&obj) {
        cleanup.push(obj);
    }
    let moved = Op {
        kind: OpKind::CheckType {
            src: obj,
            expected: expected.clone(),
            what: what.clone(),
        },
        line: check.line,
        err: Some(ErrEdge {
            target: err.target,
            cleanup,
            traceback: err.traceback,
        }),
    };
    Some((at, fallback.0 as usize, moved))
}
