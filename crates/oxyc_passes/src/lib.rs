//! Stage 5: passes over the IR, in order:
//! 1. `cfg::cleanup` drops unreachable blocks;
//! 2. `uninit` keeps an unbound-local check only where a local may be unbound;
//! 3. `refcount` makes reference counting explicit (inc/dec refs, error-edge cleanups);
//! 4. `peephole` removes redundant work (before reference counting);
//! 5. `borrow` lets short-lived field reads borrow instead of owning (after it);
//!
//! Module-wide, `callgraph` first marks the functions that can recurse.
//!
//! Every pass takes a function and leaves a valid function; each is testable alone.

mod bitset;
pub mod borrow;
pub mod callgraph;
pub mod cfg;
pub mod peephole;
pub mod refcount;
pub mod shortint;
pub mod uninit;

use oxyc_ir::Module;

/// Run every pass on every function.
pub fn run_all(module: &mut Module, opt_level: u8) {
    callgraph::mark_recursive(module);
    let hooked = module.getattr_hooked();
    for f in &mut module.functions {
        cfg::cleanup(f);
        uninit::run(f);
        if opt_level > 0 {
            peephole::run(f);
        }
        refcount::run(f);
        if opt_level > 0 {
            borrow::run(f, &hooked);
        }
        cfg::cleanup(f);
    }
}
