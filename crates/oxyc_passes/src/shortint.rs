//! Int registers that can only ever hold a short (unboxed) int.
//!
//! A tagged int owns a reference only in its long form, so reference counting a
//! register that is short by construction is dead code: the C compiler folds it away,
//! but only after parsing and optimising every test and cold call. The reference
//! counting pass skips these registers, and the C emitter uses the same facts (with
//! the parameters assumed short) for the short-int copy of a function.
//!
//! A register is short when every op that defines it yields a short int: a literal in
//! the short range, a C count made a Python int (`len()`, a loop counter), a bool, a
//! code point or byte, `x % m` with a short `m` (the result is smaller than `m`), or a
//! copy of a short register. Everything else (arithmetic that may overflow, unboxed
//! objects, calls) may produce a long int.

use oxyc_ir::{Const, Function, OpKind, Prim, RType, Reg, RegKind};

/// The largest short int (`OXY_INT_SHORT_MAX` in the runtime): 2**62 - 1.
const SHORT_MAX: i64 = (1 << 62) - 1;
/// The smallest short int: -2**62.
const SHORT_MIN: i64 = -(1 << 62);

/// Per register: is it an int register that only ever holds a short int? With
/// `params_short`, the parameters count as short on entry (the caller checked).
pub fn short_ints(f: &Function, params_short: bool) -> Vec<bool> {
    let n = f.regs.len();
    let mut short: Vec<bool> = f
        .regs
        .iter()
        .map(|r| r.ty == RType::Int && (params_short || r.kind != RegKind::Param))
        .collect();
    // A generator's registers live in its frame across resumptions: leave them alone.
    if f.is_generator {
        return vec![false; n];
    }
    // Optimistic start, then drop every register with a def that may be long, until
    // nothing changes (copies make it a fixpoint).
    let mut changed = true;
    while changed {
        changed = false;
        for b in &f.blocks {
            for op in &b.ops {
                let Some(d) = op.def() else { continue };
                let di = d.0 as usize;
                if !short[di] {
                    continue;
                }
                let is = |r: &Reg| short.get(r.0 as usize).copied().unwrap_or(false);
                let ok = match &op.kind {
                    OpKind::Const {
                        value: Const::Int(v),
                        ..
                    } => (SHORT_MIN..=SHORT_MAX).contains(v),
                    OpKind::Assign { src, .. } => is(src),
                    // `del x`: empty again, never long.
                    OpKind::Undef { .. } => true,
                    OpKind::Prim { prim, args, .. } => match prim {
                        Prim::SsizeToInt
                        | Prim::BoolToInt
                        | Prim::Ord
                        | Prim::BytesGetItem
                        | Prim::ByteArrayGetItem
                        | Prim::IntBitLength => true,
                        Prim::IntMod => args.get(1).is_some_and(is),
                        _ => false,
                    },
                    _ => false,
                };
                if !ok {
                    short[di] = false;
                    changed = true;
                }
            }
        }
    }
    short
}
