//! Argument forwarding: the decorator idiom
//!
//! ```python
//! def wrapper(*args, **kwargs):
//!     ...
//!     return fn(*args, **kwargs)
//! ```
//!
//! makes a tuple and a dict per call only to take them apart again. When a
//! function's only parameters are `*args` and `**kwargs` and the body does nothing
//! with them but pass them on whole in such calls (their items are not checked
//! against an annotation there, packed or not), the function
//! is marked [`Function::forwards`]: its C function receives the caller's argument
//! array and keyword names, and each forwarding call hands them to the callee as
//! they came (`Prim::CallForward`). What the callee sees is the same: the same
//! positional values in order, the same keywords in order.
//!
//! Runs before reference counting.

use oxyc_ir::{Function, Module, OpKind, Prim, Reg, Terminator};

/// Mark and rewrite every function that only forwards its `*args, **kwargs`.
/// (Compiled callers that call one directly still pass a tuple and a dict: the
/// code generator gives them an entry point that spreads them out again.)
pub fn run(module: &mut Module) {
    for f in &mut module.functions {
        rewrite(f);
    }
}

/// One forwarding call found in the body.
struct Site {
    /// (block, op) of `t = call_star_tuple(callee, args)`.
    tuple_op: (usize, usize),
    /// (block, op) of `d = call_kw_copy(callee, kwargs)`, for `f(*args, **kwargs)`.
    dict_op: Option<(usize, usize)>,
    /// (block, op) of the call itself.
    call_op: (usize, usize),
}

fn rewrite(f: &mut Function) {
    let k = f.kinds;
    let eligible = f.is_python_callable
        && !f.is_generator
        && k.npos == 0
        && k.nkwonly == 0
        && k.varargs
        && k.varkw
        && f.params.len() == 2
        && f.params.iter().all(|p| p.check.is_none());
    if !eligible {
        return;
    }
    let (args, kwargs) = (Reg(0), Reg(1));
    let Some((sites, bound_checks)) = find_sites(f, args, kwargs) else {
        return;
    };
    if sites.is_empty() {
        return;
    }
    let mut dead: Vec<(usize, usize)> = bound_checks;
    for s in &sites {
        let (b, i) = s.call_op;
        let op = &mut f.blocks[b].ops[i];
        if let OpKind::Prim { dst, prim, args: a } = &op.kind {
            let callee = a[0];
            let prim = if *prim == Prim::ObjCallStar {
                Prim::CallForward
            } else {
                Prim::CallForwardPos
            };
            op.kind = OpKind::Prim {
                dst: *dst,
                prim,
                args: vec![callee, args],
            };
        }
        dead.push(s.tuple_op);
        dead.extend(s.dict_op);
    }
    // Drop the tuple and dict ops (last first, so indices stay valid).
    dead.sort_unstable();
    for (b, i) in dead.into_iter().rev() {
        f.blocks[b].ops.remove(i);
    }
    f.forwards = true;
}

/// The forwarding calls, if `args` and `kwargs` are used by nothing else (and never
/// written); `None` otherwise.
/// Also the (block, op) of the checks that they are bound.
#[allow(clippy::type_complexity)]
fn find_sites(f: &Function, args: Reg, kwargs: Reg) -> Option<(Vec<Site>, Vec<(usize, usize)>)> {
    // Where each register is defined and read.
    let mut defs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); f.regs.len()];
    let mut uses: Vec<Vec<(usize, usize)>> = vec![Vec::new(); f.regs.len()];
    let mut bound_checks = Vec::new();
    for (b, block) in f.blocks.iter().enumerate() {
        for (i, op) in block.ops.iter().enumerate() {
            // (Parameters are bound: the checks that `uninit` would drop go now.)
            if let OpKind::CheckBound { reg, .. } = op.kind
                && (reg == args || reg == kwargs)
            {
                bound_checks.push((b, i));
                continue;
            }
            if let Some(d) = op.def() {
                defs.get_mut(d.0 as usize)?.push((b, i));
            }
            for u in op.uses() {
                uses.get_mut(u.0 as usize)?.push((b, i));
            }
        }
        let term_use = match &block.term {
            Terminator::Branch { cond, .. } => Some(*cond),
            Terminator::Return(r) => Some(*r),
            _ => None,
        };
        if let Some(r) = term_use {
            // A use by a terminator: index past the ops (never a forwarding site).
            uses.get_mut(r.0 as usize)?.push((b, usize::MAX));
        }
    }
    if !defs[args.0 as usize].is_empty() || !defs[kwargs.0 as usize].is_empty() {
        return None;
    }
    let prim_at = |(b, i): (usize, usize)| -> Option<(Option<Reg>, Prim, &[Reg])> {
        match &f.blocks.get(b)?.ops.get(i)?.kind {
            OpKind::Prim { dst, prim, args } => Some((*dst, *prim, args.as_slice())),
            _ => None,
        }
    };
    // The one use of `r`, with its single definition at `def`.
    let only_use = |r: Reg| -> Option<(usize, usize)> {
        match (defs[r.0 as usize].as_slice(), uses[r.0 as usize].as_slice()) {
            ([_], [u]) => Some(*u),
            _ => None,
        }
    };
    let mut sites = Vec::new();
    let mut dict_ops_seen = 0;
    for &at in &uses[args.0 as usize] {
        let (Some(t), Prim::CallStarTuple, [callee, a]) = prim_at(at)? else {
            return None;
        };
        if *a != args {
            return None;
        }
        let call_at = only_use(t)?;
        let (_, call_prim, call_args) = prim_at(call_at)?;
        let dict_op = match (call_prim, call_args) {
            (Prim::ObjCallStarNoKw, [c, tt]) if c == callee && *tt == t => None,
            (Prim::ObjCallStar, [c, tt, d]) if c == callee && *tt == t => {
                // `d = call_kw_copy(callee, kwargs)`, read by this call only.
                let [d_at] = defs[d.0 as usize].as_slice() else {
                    return None;
                };
                let (_, Prim::CallKwCopy, [c2, kw]) = prim_at(*d_at)? else {
                    return None;
                };
                if c2 != callee || *kw != kwargs || only_use(*d)? != call_at {
                    return None;
                }
                dict_ops_seen += 1;
                Some(*d_at)
            }
            _ => return None,
        };
        sites.push(Site {
            tuple_op: at,
            dict_op,
            call_op: call_at,
        });
    }
    // Every read of `kwargs` must be one of the dict copies found above.
    if uses[kwargs.0 as usize].len() != dict_ops_seen {
        return None;
    }
    Some((sites, bound_checks))
}
