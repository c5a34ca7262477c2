//! Small local simplifications (run before reference counting).

use std::collections::HashMap;

use oxyc_ir::{Function, OpKind, Prim, Reg};

pub fn run(f: &mut Function) {
    for b in &mut f.blocks {
        // `x = x` does nothing.
        b.ops
            .retain(|op| !matches!(&op.kind, OpKind::Assign { dst, src } if dst == src));
    }
    index_by_counter(f);
}

/// `lst[i]` where `i` was just tagged from a C `Py_ssize_t` (the counter of a versioned
/// `range()` loop) reads the list with the C index directly: no untag, no tag check.
///
/// Works within a block: `t = ssize_to_int(c); i = t; ... list_get_int(l, i)` becomes
/// `list_get_int_ssize(l, c)` as long as neither `c` nor `i` is redefined in between.
fn index_by_counter(f: &mut Function) {
    for b in &mut f.blocks {
        // Int register -> the Ssize register it was tagged from.
        let mut tagged: HashMap<Reg, Reg> = HashMap::new();
        for op in &mut b.ops {
            if let OpKind::Prim { prim, args, .. } = &mut op.kind
                && args.len() == 2
                && let Some(&counter) = tagged.get(&args[1])
            {
                let by_ssize = match prim {
                    Prim::ListGetItemInt => Some(Prim::ListGetIntSsize),
                    Prim::ListGetItem => Some(Prim::ListGetItemSsize),
                    _ => None,
                };
                if let Some(p) = by_ssize {
                    *prim = p;
                    args[1] = counter;
                }
            }
            let derived = match &op.kind {
                OpKind::Prim {
                    dst: Some(_),
                    prim: Prim::SsizeToInt,
                    args,
                } => args.first().copied(),
                OpKind::Assign { src, .. } => tagged.get(src).copied(),
                _ => None,
            };
            if let Some(d) = op.def() {
                tagged.retain(|k, v| *k != d && *v != d);
                if let Some(c) = derived {
                    tagged.insert(d, c);
                }
            }
        }
    }
}
