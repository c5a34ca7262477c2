//! Stage 5: passes over the IR, in order:
//! 1. `cfg::cleanup` drops unreachable blocks;
//! 2. `uninit` keeps an unbound-local check only where a local may be unbound;
//! 3. `refcount` makes reference counting explicit (inc/dec refs, error-edge cleanups);
//! 4. `peephole` removes redundant work (before reference counting), and
//!    `hash_reuse` lets the lookups of one tuple key share its hash;
//! 5. `borrow` lets short-lived field reads borrow instead of owning, and stores
//!    hand a dying value's reference to the field (after it);
//! 6. `check_sink` moves a type check that an exact-type dispatch repeats to the
//!    dispatch's fallback (after `refcount`: it keeps the error-edge releases right);
//! 7. `const_guard` lets a module-constant read reuse the check of an earlier one
//!    when nothing in between can run Python code (after them all);
//! 8. module-wide, `accessor` lets calls of field accessors borrow their result
//!    (after the per-function passes: it reads the callees' final IR).
//!
//! Module-wide, `callgraph` first marks the functions that can recurse, and
//! `forward` passes `*args, **kwargs` on without packing them.
//!
//! Every pass takes a function and leaves a valid function; each is testable alone.
//! The per-function passes of a large module run on several threads.

pub mod accessor;
mod bitset;
pub mod borrow;
pub mod callgraph;
pub mod cfg;
pub mod check_sink;
pub mod const_guard;
pub mod forward;
pub mod frame;
pub mod hash_reuse;
pub mod peephole;
pub mod refcount;
pub mod shortint;
pub mod uninit;

use oxyc_ir::{Function, Module};

/// Below this many IR ops in all, a module's functions go through the passes on the
/// calling thread; above it they are shared out between threads (each function's
/// passes are independent of the others', so the result is the same).
const PARALLEL_MIN_OPS: usize = 8_000;

/// At most this many threads run the passes of one module.
const MAX_THREADS: usize = 4;

/// Pass names, in the order of the timing slots.
const PASS_NAMES: [&str; 6] = [
    "callgraph",
    "cfg",
    "uninit",
    "peephole",
    "refcount",
    "borrow",
];

type Times = [std::time::Duration; 6];

/// Run every pass on every function.
pub fn run_all(module: &mut Module, opt_level: u8) {
    let total: usize = module.functions.iter().map(ops_of).sum();
    let threads = if total < PARALLEL_MIN_OPS {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(MAX_THREADS)
    };
    run_all_on(module, opt_level, threads);
}

/// [`run_all`] with the per-function passes shared out between `threads` threads.
pub fn run_all_on(module: &mut Module, opt_level: u8, threads: usize) {
    // With OXYC_TIMINGS set, each pass's total time (summed over threads) goes to
    // stderr.
    let timing = std::env::var_os("OXYC_TIMINGS").is_some();
    let mut times: Times = Default::default();
    timed(timing, &mut times[0], &mut || {
        callgraph::mark_recursive(module);
        if opt_level > 0 {
            forward::run(module);
        }
    });
    let hooked = module.getattr_hooked();
    let families = check_sink::Families::of(module);
    let weights: Vec<usize> = module.functions.iter().map(ops_of).collect();
    let total: usize = weights.iter().sum();
    let threads = threads.clamp(1, module.functions.len().max(1));
    if threads == 1 {
        for f in &mut module.functions {
            per_function(f, opt_level, &hooked, &families, timing, &mut times);
        }
    } else {
        // Contiguous shares of about equal weight.
        let mut shares: Vec<&mut [Function]> = Vec::with_capacity(threads);
        let mut rest: &mut [Function] = &mut module.functions;
        let mut taken = 0;
        let mut acc = 0;
        for (i, w) in weights.iter().enumerate() {
            acc += w;
            if acc * threads >= total * (shares.len() + 1) && shares.len() + 1 < threads {
                let (head, tail) = std::mem::take(&mut rest).split_at_mut(i + 1 - taken);
                shares.push(head);
                rest = tail;
                taken = i + 1;
            }
        }
        shares.push(rest);
        let hooked = &hooked;
        let families = &families;
        let results: Vec<Times> = std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .into_iter()
                .map(|fs| {
                    scope.spawn(move || {
                        let mut t: Times = Default::default();
                        for f in fs {
                            per_function(f, opt_level, hooked, families, timing, &mut t);
                        }
                        t
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        for t in results {
            for (sum, d) in times.iter_mut().zip(t) {
                *sum += d;
            }
        }
    }
    if opt_level > 0 {
        timed(timing, &mut times[5], &mut || {
            accessor::run(module, &hooked)
        });
    }
    if timing {
        for (name, d) in PASS_NAMES.iter().zip(times) {
            eprintln!(
                "oxyc timing:   pass {name}: {:.2} ms",
                d.as_secs_f64() * 1e3
            );
        }
    }
}

/// The passes of one function, in order.
fn per_function(
    f: &mut Function,
    opt_level: u8,
    hooked: &[bool],
    families: &check_sink::Families,
    timing: bool,
    t: &mut Times,
) {
    let [_, t_cfg, t_uninit, t_peephole, t_refcount, t_borrow] = t;
    timed(timing, t_cfg, &mut || cfg::cleanup(f));
    timed(timing, t_uninit, &mut || uninit::run(f));
    if opt_level > 0 {
        timed(timing, t_peephole, &mut || {
            peephole::run(f);
            hash_reuse::run(f);
        });
    }
    timed(timing, t_refcount, &mut || refcount::run(f));
    if opt_level > 0 {
        timed(timing, t_borrow, &mut || {
            borrow::run(f, hooked);
            check_sink::run(f, families);
        });
    }
    timed(timing, t_cfg, &mut || cfg::cleanup(f));
    if opt_level > 0 {
        timed(timing, t_borrow, &mut || const_guard::run(f, hooked));
    }
}

fn timed(on: bool, total: &mut std::time::Duration, f: &mut dyn FnMut()) {
    if on {
        let start = std::time::Instant::now();
        f();
        *total += start.elapsed();
    } else {
        f();
    }
}

/// A function's size in IR ops (and terminators).
fn ops_of(f: &Function) -> usize {
    f.blocks.iter().map(|b| b.ops.len() + 1).sum()
}
