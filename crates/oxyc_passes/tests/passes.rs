//! The passes on IR built from real source: the final IR is snapshotted, and the
//! reference-counting discipline is checked op by op.

use oxyc_ir::{OpKind, RType, RegKind, Terminator};
use oxyc_syntax::{LineIndex, PythonVersion, parse_module};

fn final_ir(src: &str) -> oxyc_ir::Module {
    final_ir_on(src, 1)
}

fn final_ir_on(src: &str, threads: usize) -> oxyc_ir::Module {
    let module = parse_module(src, PythonVersion::PY311).expect("parses");
    let sem = oxyc_sema::analyze(&module, false);
    let types = oxyc_types::check_module(&module, &sem);
    let lines = LineIndex::new(src);
    let cx = oxyc_irbuild::ModCx {
        module: &module,
        sem: &sem,
        types: &types,
        lines: &lines,
        source: src,
    };
    let mut ir = oxyc_irbuild::build_module(&cx, "m", "m.py").expect("builds");
    oxyc_passes::run_all_on(&mut ir, 2, threads);
    ir
}

#[test]
fn threads_change_nothing() {
    // Functions of different sizes, so the shares differ in count.
    let mut src =
        String::from("class P:\n    def __init__(self, x: int) -> None:\n        self.x = x\n\n");
    for i in 0..40 {
        src.push_str(&format!(
            "def f{i}(n: int, xs: list[int]) -> int:\n    t = {i}\n"
        ));
        for k in 0..(i % 7) {
            src.push_str(&format!(
                "    for j in range(n):\n        t += xs[j % len(xs)] * {k}\n"
            ));
        }
        src.push_str("    p = P(t)\n    return p.x\n\n");
    }
    let one = oxyc_ir::print_module(&final_ir_on(&src, 1));
    for threads in [2, 3, 8, 100] {
        assert_eq!(
            oxyc_ir::print_module(&final_ir_on(&src, threads)),
            one,
            "{threads} threads"
        );
    }
}

#[test]
fn fib_final_ir() {
    let ir = final_ir(
        "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
    );
    insta::assert_snapshot!(oxyc_ir::print_module(&ir));
}

#[test]
fn unbound_check_kept_only_where_needed() {
    let ir =
        final_ir("def f(c: bool) -> int:\n    if c:\n        x = 1\n    y = 2\n    return x + y\n");
    let f = &ir.functions[0];
    let checks: Vec<_> = f
        .blocks
        .iter()
        .flat_map(|b| &b.ops)
        .filter_map(|o| match &o.kind {
            OpKind::CheckBound { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(checks, vec!["x".to_string()], "only `x` may be unbound");
}

/// Every owned register defined in a straight-line function is released, moved into a
/// variable or returned: exactly once.
#[test]
fn every_object_is_released_or_returned() {
    let ir = final_ir("def f(a, b):\n    c = a + b\n    d = c * a\n    return d - 1\n");
    let f = &ir.functions[0];
    for b in &f.blocks {
        for op in &b.ops {
            if let Some(d) = op.def() {
                // (Borrowed registers, such as the boxed constant `1`, own nothing.)
                if f.ty(d) != RType::Obj
                    || matches!(f.reg(d).kind, RegKind::Param | RegKind::Borrowed)
                {
                    continue;
                }
                let releases = f
                    .blocks
                    .iter()
                    .flat_map(|b| &b.ops)
                    .filter(|o| matches!(o.kind, OpKind::DecRef { reg } | OpKind::XDecRef { reg } if reg == d))
                    .count();
                let returned = f.blocks.iter().any(|b| b.term == Terminator::Return(d));
                // `x = temp` moves the reference into the variable.
                let moved = f
                    .blocks
                    .iter()
                    .flat_map(|b| &b.ops)
                    .filter(|o| matches!(o.kind, OpKind::Assign { src, .. } if src == d))
                    .count();
                assert_eq!(
                    releases + returned as usize + moved,
                    1,
                    "register {d} in\n{}",
                    oxyc_ir::print_module(&ir)
                );
            }
        }
    }
}

/// `s += t` on a str local hands the local's own reference to the in-place append (so
/// CPython can grow the string instead of copying it: linear, not quadratic, in a
/// loop), and a field read released right away borrows.
#[test]
fn str_append_hands_over_the_local() {
    let ir = final_ir(
        "def f(n: int, p: str) -> str:\n    r = ''\n    for i in range(n):\n        r += p\n    return r\n",
    );
    let f = &ir.functions[0];
    let mut appends = 0;
    for b in &f.blocks {
        for (k, op) in b.ops.iter().enumerate() {
            if let OpKind::Prim { prim, args, .. } = &op.kind
                && *prim == oxyc_ir::Prim::IAddSteal
            {
                appends += 1;
                let before = k.checked_sub(1).map(|j| &b.ops[j].kind);
                assert!(
                    !matches!(before, Some(OpKind::IncRef { reg }) if *reg == args[0]),
                    "the local is incref'd before the append"
                );
                assert!(
                    matches!(b.ops.get(k + 1).map(|o| &o.kind), Some(OpKind::Assign { dst, .. }) if *dst == args[0]),
                    "the result is stored straight back"
                );
            }
        }
    }
    assert!(appends > 0, "the loop uses the in-place append");
}

/// Ints that are short by construction (lengths, literals, remainders by a short
/// divisor, copies) are never reference counted; anything that may overflow is.
#[test]
fn short_ints_are_not_counted() {
    let ir = final_ir(
        "def f(n: int, xs: list[int]) -> int:\n    k = len(xs)\n    m = n % 7\n    c = 5\n    c = k\n    t = n + 1\n    return k + m + c + t\n",
    );
    let f = &ir.functions[0];
    let short = oxyc_passes::shortint::short_ints(f, false);
    let named = |name: &str| {
        f.regs
            .iter()
            .position(|r| r.name == name)
            .unwrap_or_else(|| panic!("no local {name}"))
    };
    for local in ["k", "m", "c"] {
        assert!(short[named(local)], "{local} is short");
    }
    for local in ["n", "t"] {
        assert!(!short[named(local)], "{local} may be long");
    }
    assert!(short_ints_params(f), "with parameters short, n is too");
    for op in f.blocks.iter().flat_map(|b| &b.ops) {
        if let OpKind::IncRef { reg } | OpKind::DecRef { reg } | OpKind::XDecRef { reg } = op.kind {
            assert!(!short[reg.0 as usize], "{reg} is short but counted");
        }
        if let Some(e) = &op.err {
            for r in &e.cleanup {
                assert!(!short[r.0 as usize], "{r} is short but released");
            }
        }
    }
}

fn short_ints_params(f: &oxyc_ir::Function) -> bool {
    let short = oxyc_passes::shortint::short_ints(f, true);
    let n = f.regs.iter().position(|r| r.name == "n").expect("n");
    short[n]
}

/// A coroutine's frame keeps what is used after an `await` (and its parameters), not
/// the temporaries and locals that die before the next suspension.
#[test]
fn generator_frame_keeps_only_what_crosses_a_suspension() {
    let src = "async def tick() -> int:\n    return 1\n\nasync def f(n: int) -> int:\n    a = n * 3\n    b = a + 1\n    c = await tick()\n    d = b * c\n    return d + n\n";
    let ir = final_ir(src);
    let f = ir
        .functions
        .iter()
        .find(|f| f.name == "f")
        .expect("f is compiled");
    let frame = oxyc_passes::frame::frame_regs(f);
    let kept = |name: &str| {
        f.regs
            .iter()
            .enumerate()
            .find(|(_, r)| r.name == name)
            .map(|(i, _)| frame[i])
            .unwrap_or_else(|| panic!("local {name} exists"))
    };
    assert!(kept("n"), "a parameter stays in the frame");
    assert!(kept("b"), "`b` is used after the await");
    assert!(!kept("a"), "`a` dies before the await");
    assert!(!kept("d"), "`d` lives after the await only");
    // The awaited coroutine object is held across the suspension.
    let held: Vec<usize> = f
        .blocks
        .iter()
        .flat_map(|b| &b.ops)
        .filter_map(|o| match &o.kind {
            OpKind::Yield { held, .. } => Some(held.iter().map(|r| r.0 as usize)),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(!held.is_empty(), "something is held at the await");
    assert!(
        held.iter().all(|r| frame[*r]),
        "what the collector visits is in the frame"
    );
    let in_frame = frame.iter().filter(|k| **k).count();
    assert!(
        in_frame * 2 < f.regs.len(),
        "most registers are C locals ({in_frame} of {})",
        f.regs.len()
    );
}

/// The `HashPure` ops left in function `name`, and the copies made of one.
fn hash_ops(ir: &oxyc_ir::Module, name: &str) -> usize {
    let f = ir
        .functions
        .iter()
        .find(|f| f.name == name)
        .expect("function");
    f.blocks
        .iter()
        .flat_map(|b| &b.ops)
        .filter(|o| {
            matches!(
                o.kind,
                OpKind::Prim {
                    prim: oxyc_ir::Prim::HashPure,
                    ..
                }
            )
        })
        .count()
}

#[test]
fn a_tuple_key_is_hashed_once_per_value() {
    let ir = final_ir(
        "def once(s: set[tuple[int, int]], d: dict[tuple[int, int], int], a: int) -> int:\n\
         \x20   key = (a, a + 1)\n\
         \x20   if key in s:\n\
         \x20       return d[key]\n\
         \x20   s.add(key)\n\
         \x20   d[key] = d.get(key, 0) + 1\n\
         \x20   return 0\n\
         \n\
         def rebound(s: set[tuple[int, int]], n: int) -> int:\n\
         \x20   key = (n, n)\n\
         \x20   hits = 0\n\
         \x20   for i in range(n):\n\
         \x20       if key in s:\n\
         \x20           hits += 1\n\
         \x20       key = (i, n)\n\
         \x20       s.add(key)\n\
         \x20   return hits\n\
         \n\
         def one_branch(s: set[tuple[int, int]], a: int) -> bool:\n\
         \x20   key = (a, a)\n\
         \x20   if a > 0:\n\
         \x20       s.add(key)\n\
         \x20   return key in s\n",
    );
    // Five lookups of one key: one hash.
    assert_eq!(hash_ops(&ir, "once"), 1);
    // The key changes between `in` and `add`: both hash (`in` sees the key of the
    // previous iteration or the first one; `add` the new one).
    assert_eq!(hash_ops(&ir, "rebound"), 2);
    // Hashed on one path only: the `in` after the join hashes again.
    assert_eq!(hash_ops(&ir, "one_branch"), 2);
}

#[test]
fn cycles_are_loops_only() {
    let cases = [
        (
            "x = 1\nif x:\n    y = 2\nelse:\n    y = 3\ntry:\n    z = 1 // y\nexcept ZeroDivisionError:\n    z = 0\n",
            false,
        ),
        (
            "def f(n: int) -> int:\n    return n + 1\n\nprint([f(k) for k in (1, 2)][0] if f(0) else 0)\n",
            true,
        ),
        ("t = 0\nfor i in range(10):\n    t += i\n", true),
        ("n = 3\nwhile n:\n    n -= 1\n", true),
        ("def g() -> int:\n    return 1\n", false),
    ];
    for (src, looped) in cases {
        let ir = final_ir(src);
        let body = &ir.functions[ir.body.0 as usize];
        assert_eq!(oxyc_passes::cfg::has_cycle(body), looped, "{src}");
    }
}

/// Whether `f` calls a borrowing copy (see `oxyc_passes::accessor`), and whether the path of
/// such a call releases the result: in its block, or in the block it jumps to (where
/// an exact-type dispatch joins its fallback, the result is copied first).
fn calls_copy_and_releases(ir: &oxyc_ir::Module, f: &oxyc_ir::Function) -> (bool, bool) {
    let mut copy = false;
    let mut released = false;
    for b in &f.blocks {
        for op in &b.ops {
            let OpKind::Call { dst, func, .. } = op.kind else {
                continue;
            };
            copy |= ir.functions[func.0 as usize].borrowing_copy_of.is_some();
            let mut held = vec![dst];
            held.extend(b.ops.iter().filter_map(|o| match o.kind {
                OpKind::Assign { dst: u, src } if src == dst => Some(u),
                _ => None,
            }));
            let mut path: Vec<&oxyc_ir::Op> = b.ops.iter().collect();
            if let Terminator::Goto(next) = b.term {
                path.extend(&f.block(next).ops);
            }
            released |= path.iter().any(
                |o| matches!(o.kind, OpKind::DecRef { reg } | OpKind::XDecRef { reg } if held.contains(&reg)),
            );
        }
    }
    (copy, released)
}

/// A call of a method that returns a field of its receiver, whose result is only
/// read through before it would be released, borrows the field (calls a copy that
/// returns it borrowed); one whose result outlives a call does not.
#[test]
fn accessor_results_are_borrowed_only_across_harmless_ops() {
    let src = "\
class C:
    def __init__(self, v: int) -> None:
        self.v = v

class P:
    def __init__(self, c: C, d: C, way: int) -> None:
        self.c = c
        self.d = d
        self.way = way

    def get(self) -> C:
        return self.c if self.way == 1 else self.d

    def make(self) -> C:
        return C(self.way)

def read(p: P) -> int:
    return p.get().v

def write(p: P, k: int) -> None:
    p.get().v = k

def fresh(p: P) -> int:
    return p.make().v

def g() -> int:
    return 1

def across_call(p: P) -> None:
    p.get().v += g()
";
    let ir = final_ir(src);
    let by_name = |name: &str| {
        ir.functions
            .iter()
            .find(|f| f.name == name && f.borrowing_copy_of.is_none())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    for name in ["read", "write"] {
        assert_eq!(
            calls_copy_and_releases(&ir, by_name(name)),
            (true, false),
            "{name}:\n{}",
            oxyc_ir::print_module(&ir)
        );
    }
    // `make` returns a new object, not a field; `across_call` keeps the result
    // while `g()` runs (which could replace the field).
    for name in ["fresh", "across_call"] {
        assert_eq!(
            calls_copy_and_releases(&ir, by_name(name)),
            (false, true),
            "{name}:\n{}",
            oxyc_ir::print_module(&ir)
        );
    }
    // The borrowing copy of `get` reads its fields without owning them and is not callable
    // from Python.
    let copy = ir
        .functions
        .iter()
        .find(|f| f.borrowing_copy_of.is_some())
        .expect("a borrowing copy");
    assert_eq!(
        ir.functions[copy.borrowing_copy_of.unwrap().0 as usize].name,
        "get"
    );
    assert!(!copy.is_python_callable);
    let borrowed_reads = copy
        .blocks
        .iter()
        .flat_map(|b| &b.ops)
        .filter(|o| matches!(o.kind, OpKind::GetField { dst, .. } if copy.reg(dst).kind == RegKind::Borrowed && copy.ty(dst) == RType::Obj))
        .count();
    assert_eq!(borrowed_reads, 2);
}
