use crate::{ModCx, build_module};
use oxyc_syntax::{LineIndex, PythonVersion, parse_module};

fn ir_of(src: &str) -> String {
    let module = parse_module(src, PythonVersion::PY311).expect("parses");
    let sem = oxyc_sema::analyze(&module, false);
    let types = oxyc_types::check_module(&module, &sem);
    let lines = LineIndex::new(src);
    let cx = ModCx {
        module: &module,
        sem: &sem,
        types: &types,
        lines: &lines,
        source: src,
    };
    let ir = build_module(&cx, "m", "m.py").expect("builds");
    oxyc_ir::print_module(&ir)
}

#[test]
fn int_arithmetic_stays_unboxed() {
    insta::assert_snapshot!(ir_of(
        "def f(a: int, b: int) -> int:\n    c = a * b + 1\n    return c // 2\n"
    ));
}

#[test]
fn untyped_code_goes_through_the_generic_path() {
    insta::assert_snapshot!(ir_of("def g(x, y):\n    return x + y\n"));
}

#[test]
fn range_loop_and_direct_call() {
    insta::assert_snapshot!(ir_of(
        "def sq(i: int) -> int:\n    return i * i\n\ndef total(n: int) -> int:\n    s = 0\n    for i in range(n):\n        s += sq(i)\n    return s\n"
    ));
}

#[test]
fn try_except_has_explicit_exception_edges() {
    insta::assert_snapshot!(ir_of(
        "def safe_div(a: float, b: float) -> float:\n    try:\n        return a / b\n    except ZeroDivisionError:\n        return 0.0\n"
    ));
}

#[test]
fn try_star_splits_clause_by_clause() {
    insta::assert_snapshot!(ir_of(
        "def f() -> None:\n    try:\n        g()\n    except* ValueError as eg:\n        h(eg)\n    except* (KeyError, OSError):\n        raise\n"
    ));
}

#[test]
fn interpreted_statements_become_snippets() {
    let ir = ir_of(
        "def g():\n    return locals()\n\nclass C:\n    class D:\n        if True:\n            class E:\n                pass\n\ndef f() -> int:\n    return 1\n",
    );
    assert!(
        ir.contains("snippet 0: interpreted (`locals()` (it inspects the calling frame))"),
        "{ir}"
    );
    assert!(ir.contains("exec_snippet 0"), "{ir}");
    // A nested class that cannot compile (a class statement under an `if` in its
    // body) runs interpreted in the (compiled) class's namespace.
    assert!(
        ir.contains("snippet 1: interpreted (a class nested in a class)"),
        "{ir}"
    );
    assert!(ir.contains("exec_in_class("), "{ir}");
}

#[test]
fn tuple_locals_keep_their_items() {
    // Only unpacked, indexed by literals and measured: no tuple is made or taken apart.
    let ir = ir_of(
        "def dm(a: int, b: int) -> tuple[int, int]:\n    return a // b, a % b\n\n\
         def f(n: int) -> int:\n    p = dm(n, 3)\n    q, r = p\n    t = (q, r * 2.5)\n    \
         return q + r + p[-1] + len(p) + int(t[1])\n",
    );
    let f = ir.split("def f(").nth(1).expect("f is built");
    for op in ["build_tuple", "unpack", "tuple_item"] {
        assert!(!f.contains(op), "`{op}` in:\n{f}");
    }
    assert!(
        f.contains("p_1: int (Local)") && f.contains("t_1: float (Local)"),
        "{f}"
    );
    // Another mention (here a call with the tuple) keeps the tuple.
    let ir = ir_of("def g(n: int) -> str:\n    p = (n, n)\n    return str(p)\n");
    assert!(ir.contains("build_tuple") && !ir.contains("p_1"), "{ir}");
}

#[test]
fn tuple_params_take_their_items() {
    // The function takes the items as parameters; its callers pass the items of a
    // display, of a split local and of an unboxed result, and unpack a tuple object.
    let ir = ir_of(
        "def dm(a: int, b: int) -> tuple[int, int]:\n    return a // b, a % b\n\n\
         def f(p: tuple[int, float]) -> float:\n    a, b = p\n    return a + b + p[1]\n\n\
         def g(n: int, xs: list[tuple[int, float]]) -> float:\n    t = (n, 2.5)\n    \
         return f((n, 1.5)) + f(t) + f(dm(n, 3)) + f(xs[0])\n",
    );
    assert!(ir.contains("def f((r0, r1) p: (int, float))"), "{ir}");
    let f = ir
        .split("def f(")
        .nth(1)
        .and_then(|s| s.split("def g(").next());
    let f = f.expect("f is built");
    for op in ["build_tuple", "unpack", "tuple_item"] {
        assert!(!f.contains(op), "`{op}` in:\n{f}");
    }
    let g = ir.split("def g(").nth(1).expect("g is built");
    assert!(!g.contains("build_tuple"), "{g}");
    // Only the tuple object is checked and taken apart.
    assert_eq!(g.matches("tuple_arg_len").count(), 1, "{g}");
    assert_eq!(g.matches("call f1(").count(), 4, "{g}");
}

#[test]
fn int_tuple_lists_filled_and_walked_stay_unboxed() {
    // `kept` is only filled, walked and measured: unboxed. `shown` is also printed,
    // `flags` gets bools: both stay lists.
    let ir = ir_of(
        "def f(n: int) -> int:\n    kept: list[tuple[int, int]] = []\n    for i in range(n):\n        kept.append((i, -i))\n    t = 0\n    for a, b in kept:\n        t += a * b\n    return t + len(kept)\n\n\
         def g(n: int) -> None:\n    shown: list[tuple[int, int]] = []\n    shown.append((n, n))\n    print(shown)\n\n\
         def h(x: bool) -> int:\n    flags: list[tuple[int, int]] = []\n    flags.append((x, 1))\n    return len(flags)\n",
    );
    let body = |name: &str| {
        let start = ir.find(&format!("def {name}(")).expect("function printed");
        let rest = &ir[start + 1..];
        let end = rest.find("\ndef ").map_or(rest.len(), |e| e + 1);
        rest[..end].to_string()
    };
    let f = body("f");
    assert!(
        f.contains("ivec_push2") && f.contains("ivec_get") && f.contains("ivec_len"),
        "{f}"
    );
    assert!(!f.contains("list_append"), "{f}");
    for name in ["g", "h"] {
        let b = body(name);
        assert!(!b.contains("ivec_"), "{name}: {b}");
    }
}

#[test]
fn split_tokens_only_stripped_are_walked_in_place() {
    // `t` is only stripped inside its loop: walked in place. `u` is also printed whole:
    // an ordinary str local walking the list.
    let ir = ir_of(
        "def f(s: str) -> list[str]:\n    out: list[str] = []\n    for t in s.split():\n        out.append(t.strip(',').lower())\n    return out\n\n\
         def g(s: str) -> None:\n    for u in s.split():\n        print(u.strip(), u)\n",
    );
    let body = |name: &str| {
        let start = ir.find(&format!("def {name}(")).expect("function printed");
        let rest = &ir[start + 1..];
        let end = rest.find("\ndef ").map_or(rest.len(), |e| e + 1);
        rest[..end].to_string()
    };
    let f = body("f");
    assert!(
        f.contains("split_walk") && f.contains("tok_strip_case"),
        "{f}"
    );
    assert!(!f.contains("str_split"), "{f}");
    let g = body("g");
    assert!(!g.contains("split_walk") && !g.contains("tok_strip"), "{g}");
}
