//! Small local simplifications (run before reference counting).

use oxyc_ir::{Function, OpKind};

pub fn run(f: &mut Function) {
    for b in &mut f.blocks {
        // `x = x` does nothing.
        b.ops
            .retain(|op| !matches!(&op.kind, OpKind::Assign { dst, src } if dst == src));
    }
}
