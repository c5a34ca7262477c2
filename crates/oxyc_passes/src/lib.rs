//! Stage 5: passes over the IR, in order:
//! 1. `cfg::cleanup` drops unreachable blocks;
//! 2. `uninit` keeps an unbound-local check only where a local may be unbound;
//! 3. `refcount` makes reference counting explicit (inc/dec refs, error-edge cleanups);
//! 4. `peephole` removes redundant work (before reference counting);
//! 5. `borrow` lets short-lived field reads borrow instead of owning, and stores
//!    hand a dying value's reference to the field (after it);
//! 6. `const_guard` lets a module-constant read reuse the check of an earlier one
//!    when nothing in between can run Python code (after them all);
//!
//! Module-wide, `callgraph` first marks the functions that can recurse, and
//! `forward` passes `*args, **kwargs` on without packing them.
//!
//! Every pass takes a function and leaves a valid function; each is testable alone.

mod bitset;
pub mod borrow;
pub mod callgraph;
pub mod cfg;
pub mod const_guard;
pub mod forward;
pub mod frame;
pub mod peephole;
pub mod refcount;
pub mod shortint;
pub mod uninit;

use oxyc_ir::Module;

/// Run every pass on every function.
pub fn run_all(module: &mut Module, opt_level: u8) {
    // With OXYC_TIMINGS set, each pass's total time goes to stderr.
    let mut times = std::env::var_os("OXYC_TIMINGS").map(|_| [std::time::Duration::ZERO; 6]);
    let mut timed = |k: usize, f: &mut dyn FnMut()| match &mut times {
        Some(t) => {
            let start = std::time::Instant::now();
            f();
            t[k] += start.elapsed();
        }
        None => f(),
    };
    timed(0, &mut || {
        callgraph::mark_recursive(module);
        if opt_level > 0 {
            forward::run(module);
        }
    });
    let hooked = module.getattr_hooked();
    for f in &mut module.functions {
        timed(1, &mut || cfg::cleanup(f));
        timed(2, &mut || uninit::run(f));
        if opt_level > 0 {
            timed(3, &mut || peephole::run(f));
        }
        timed(4, &mut || refcount::run(f));
        if opt_level > 0 {
            timed(5, &mut || borrow::run(f, &hooked));
        }
        timed(1, &mut || cfg::cleanup(f));
        if opt_level > 0 {
            timed(5, &mut || const_guard::run(f, &hooked));
        }
    }
    if let Some(t) = times {
        let names = [
            "callgraph",
            "cfg",
            "uninit",
            "peephole",
            "refcount",
            "borrow",
        ];
        for (name, d) in names.iter().zip(t) {
            eprintln!(
                "oxyc timing:   pass {name}: {:.2} ms",
                d.as_secs_f64() * 1e3
            );
        }
    }
}
