use super::*;
use oxyc_syntax::{PythonVersion, parse_module};

fn sem(src: &str) -> SemModule {
    let m = parse_module(src, PythonVersion::PY311).expect("parses");
    analyze(&m, false)
}

#[test]
fn locals_globals_and_builtins() {
    let s = sem(
        "N = 3\ndef f(a: int) -> int:\n    global N\n    b = a + N\n    N = b\n    return len([b])\n",
    );
    let f = &s.functions[0];
    assert_eq!(f.params, vec!["a"]);
    assert!(f.locals.contains("b"));
    assert!(!f.locals.contains("N"));
    assert_eq!(s.resolve(Some(f), "a"), NameRes::Local);
    assert_eq!(s.resolve(Some(f), "N"), NameRes::Global);
    assert_eq!(s.resolve(Some(f), "len"), NameRes::Builtin);
    assert_eq!(s.resolve(Some(f), "undefined_name"), NameRes::Global);
}

#[test]
fn early_binding_needs_a_single_binding() {
    let s = sem("def f() -> int:\n    return 1\ndef g() -> int:\n    return 2\ng = 5\n");
    assert!(s.early_bound.contains_key("f"));
    assert!(!s.early_bound.contains_key("g"));
}

#[test]
fn shadowed_builtin_is_global() {
    let s = sem("def len(x): return 0\ndef f(): return len([])\n");
    assert_eq!(s.resolve(Some(&s.functions[1]), "len"), NameRes::Global);
}

#[test]
fn unsupported_constructs_fall_back_to_the_interpreter() {
    let s =
        sem("g = lambda: 1\ndef f():\n    return lambda: 1\ndef g(x: int) -> int:\n    return x\n");
    assert!(matches!(s.items[0], ItemMode::Interpreted { .. }));
    assert!(matches!(s.items[1], ItemMode::Interpreted { .. }));
    assert_eq!(s.items[2], ItemMode::Compiled);
    assert_eq!(s.functions.len(), 1);
    assert!(!s.has_errors());
    // A class nested in a class runs interpreted; the enclosing class compiles.
    let nested =
        sem("class C:\n    class D:\n        pass\n    def m(self) -> int:\n        return 1\n");
    assert_eq!(nested.items[0], ItemMode::Compiled);
    assert_eq!(nested.functions.len(), 1);
    assert!(!nested.has_errors());
    let strict = analyze(
        &parse_module("class C:\n    class D: pass\n", PythonVersion::PY311).expect("parses"),
        true,
    );
    assert!(strict.has_errors());
}

#[test]
fn invalid_programs_are_errors() {
    assert!(sem("return 1\n").has_errors());
    assert!(sem("break\n").has_errors());
    assert!(!sem("for i in range(3):\n    break\n").has_errors());
    assert!(sem("def f():\n    continue\n").has_errors());
}

#[test]
fn with_walrus_and_starred_targets_compile() {
    let s = sem(concat!(
        "def f(xs: list[int]) -> int:\n",
        "    with open('x') as fh, open('y') as (a, b):\n",
        "        first, *rest = xs\n",
        "    ys = [y for x in xs if (y := x + 1) > 2]\n",
        "    while (n := len(xs)) > 3:\n",
        "        xs.pop()\n",
        "    d = {k: (v := k) for k in xs}\n",
        "    return n\n",
        "with open('z') as g:\n",
        "    (h := 1)\n",
    ));
    assert_eq!(s.items[0], ItemMode::Compiled);
    assert_eq!(s.items[1], ItemMode::Compiled);
    let f = &s.functions[0];
    for n in ["fh", "a", "b", "first", "rest", "y", "n", "v", "d", "ys"] {
        assert!(f.locals.contains(n), "{n} is a local");
    }
    assert!(!f.locals.contains("x") && !f.locals.contains("k"));
    assert!(s.globals.contains("g") && s.globals.contains("h"));
    // Still interpreted: `async with`, a walrus in a class body or an annotation.
    let s = sem(concat!(
        "async def f():\n    async with a:\n        pass\n",
        "class C:\n    x = (y := 1)\n",
        "def g(a: (t := int)) -> None:\n    pass\n",
        "def h() -> None:\n    x: (t := int) = 1\n",
        "class D:\n    def m(self, a: int = (t := 1)) -> None:\n        pass\n",
    ));
    assert!(
        s.items
            .iter()
            .all(|m| matches!(m, ItemMode::Interpreted { .. }))
    );
    assert!(!s.has_errors());
}

#[test]
fn misplaced_walrus_and_starred_targets_are_errors() {
    for src in [
        "*a = [1]\n",
        "for *a in [[1]]:\n    pass\n",
        "a, *b, *c = [1, 2]\n",
        "(a, *b), (*c, *d) = [1], [2]\n",
        "x = [1 for *a in [[1]]]\n",
        "def f(xs):\n    return [x := 1 for x in xs]\n",
        "def f(xs):\n    return [y for y in (z := xs)]\n",
        "def f(xs):\n    return [[(j := 1) for i in xs] for j in xs]\n",
        "def f(a, b):\n    return [1 for x in a if (y := 0) for y in b]\n",
        "def f(c):\n    return [a for a in [b for b in c if (d := b)]]\n",
        "class K:\n    q = [w := 1 for _ in range(3)]\n",
        "x = *a\n",
        "for x in *a:\n    pass\n",
        "def f(a):\n    return *a\n",
    ] {
        assert!(sem(src).has_errors(), "{src}");
    }
    for src in [
        "a, *b = [1]\n",
        "(a, *b), *c = [[1]]\n",
        "def f(xs):\n    return [lambda: (x := 1) for x in xs]\n",
        "def f(xs):\n    return [[(k := 1) for i in xs] for j in xs]\n",
        "class K:\n    def m(self):\n        return [w := 1 for _ in range(3)]\n",
        "x = *a, b\nf(*a)\ny = [*a]\nz = {*a}\nw = a[*b]\n",
        "def f(a):\n    return *a, 1\n",
    ] {
        assert!(!sem(src).has_errors(), "{src}");
    }
}

/// `n` nested `head` statements around `inner` in a function.
fn nested(n: usize, head: &str, inner: &str) -> String {
    let mut src = "def f():\n".to_string();
    for i in 0..n {
        src += &format!("{}{head}\n", "    ".repeat(i + 1));
    }
    for line in inner.lines() {
        src += &format!("{}{line}\n", "    ".repeat(n + 1));
    }
    src
}

#[test]
fn too_many_statically_nested_blocks() {
    // CPython 3.11 keeps at most 20 blocks open per code object.
    assert!(!sem(&nested(20, "for x in y:", "pass")).has_errors());
    assert!(sem(&nested(21, "while x:", "pass")).has_errors());
    assert!(!sem(&nested(25, "if x:", "pass")).has_errors());
    // `with a, b`: one block per item.
    assert!(!sem(&nested(18, "for x in y:", "with a, b:\n    pass")).has_errors());
    assert!(sem(&nested(19, "for x in y:", "with a, b:\n    pass")).has_errors());
    // An except clause body is two blocks deep, a finally body one.
    let handler = "try:\n    pass\nexcept E:\n    for z in y:\n        pass";
    assert!(!sem(&nested(17, "for x in y:", handler)).has_errors());
    assert!(sem(&nested(18, "for x in y:", handler)).has_errors());
    let fin = "try:\n    pass\nfinally:\n    for z in y:\n        pass";
    assert!(!sem(&nested(18, "for x in y:", fin)).has_errors());
    assert!(sem(&nested(19, "for x in y:", fin)).has_errors());
    // A nested def starts afresh.
    assert!(
        !sem(&nested(
            15,
            "for x in y:",
            &nested(15, "for x in y:", "pass")
        ))
        .has_errors()
    );
}
