use super::*;
use oxyc_syntax::{PythonVersion, parse_module};

fn sem(src: &str) -> SemModule<'static> {
    // Tests keep the module for the whole run.
    let m: &'static _ = Box::leak(Box::new(
        parse_module(src, PythonVersion::PY311).expect("parses"),
    ));
    analyze(m, false)
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
    let s = sem(
        "def a():\n    return locals()\ndef f():\n    try:\n        pass\n    finally:\n        try:\n            pass\n        finally:\n            try:\n                pass\n            finally:\n                pass\ndef g(x: int) -> int:\n    return x\n",
    );
    assert!(matches!(s.items[0], ItemMode::Interpreted { .. }));
    assert!(matches!(s.items[1], ItemMode::Interpreted { .. }));
    assert_eq!(s.items[2], ItemMode::Compiled);
    assert_eq!(s.functions.len(), 1);
    assert!(!s.has_errors());
    // A class nested in a class compiles (its methods too), at any depth; one with a
    // class statement under an `if` of its body runs interpreted, and the enclosing
    // class still compiles.
    let nested = sem(
        "class C:\n    class D:\n        def n(self) -> int:\n            return 2\n    def m(self) -> int:\n        return 1\n",
    );
    assert_eq!(nested.items[0], ItemMode::Compiled);
    assert_eq!(nested.functions.len(), 2);
    assert!(!nested.has_errors());
    let deep = sem(
        "class C:\n    class D:\n        class E:\n            def e(self) -> int:\n                return 3\n    def m(self) -> int:\n        return 1\n",
    );
    assert_eq!(deep.items[0], ItemMode::Compiled);
    assert_eq!(deep.functions.len(), 2);
    assert!(!deep.has_errors());
    let src = "class C:\n    class D:\n        if True:\n            class E: pass\n    def m(self) -> int:\n        return 1\n";
    let refused = sem(src);
    assert_eq!(refused.items[0], ItemMode::Compiled);
    assert_eq!(refused.functions.len(), 1);
    let m = parse_module(src, PythonVersion::PY311).expect("parses");
    let strict = analyze(&m, true);
    assert!(strict.has_errors());
    let m = parse_module("class C:\n    class D: pass\n", PythonVersion::PY311).expect("parses");
    assert!(!analyze(&m, true).has_errors());
}

#[test]
fn invalid_programs_are_errors() {
    assert!(sem("return 1\n").has_errors());
    assert!(sem("break\n").has_errors());
    assert!(!sem("for i in range(3):\n    break\n").has_errors());
    assert!(sem("def f():\n    continue\n").has_errors());
}

#[test]
fn except_star_compiles_but_cannot_be_left_early() {
    let s = sem(concat!(
        "def f(xs):\n",
        "    try:\n",
        "        return g()\n",
        "    except* ValueError as eg:\n",
        "        for x in xs:\n",
        "            if x:\n",
        "                break\n",
        "            continue\n",
        "        def inner():\n",
        "            return 1\n",
        "    else:\n",
        "        return 2\n",
        "    finally:\n",
        "        pass\n",
    ));
    assert!(!s.has_errors());
    assert_eq!(s.items[0], ItemMode::Compiled);
    let star_exit = |src: &str| {
        let m: &'static _ = Box::leak(Box::new(
            parse_module(src, PythonVersion::PY311).expect("parses"),
        ));
        let errors: Vec<String> = m
            .body
            .iter()
            .flat_map(support::invalid_program)
            .map(|d| d.message)
            .collect();
        errors
            .iter()
            .any(|e| e.contains("cannot appear in an except* block"))
    };
    let clause = |body: &str| format!("def f():\n    try:\n        pass\n    except* E:\n{body}");
    assert!(star_exit(&clause("        return 1\n")));
    assert!(star_exit(&clause(
        "        for x in y:\n            return\n"
    )));
    assert!(star_exit(&clause(
        "        try:\n            pass\n        finally:\n            return\n"
    )));
    assert!(star_exit(
        "for i in y:\n    try:\n        pass\n    except* E:\n        break\n"
    ));
    assert!(star_exit(
        "while y:\n    try:\n        pass\n    except* E:\n        if y:\n            continue\n"
    ));
    // Not an error: a loop inside the clause, its `else`, the `try` body.
    assert!(!star_exit(&clause(
        "        for x in y:\n            break\n        else:\n            pass\n"
    )));
    assert!(!star_exit(
        "for i in y:\n    try:\n        break\n    except* E:\n        pass\n"
    ));
    // Outside a function, `return` is that error first (as in CPython).
    let m = parse_module(
        "try:\n    pass\nexcept* E:\n    return 1\n",
        PythonVersion::PY311,
    )
    .expect("parses");
    let msgs: Vec<String> = support::invalid_program(&m.body[0])
        .into_iter()
        .map(|d| d.message)
        .collect();
    assert_eq!(msgs, vec!["'return' outside function".to_string()]);
}

#[test]
fn asynchronous_generator_expressions_are_async_generators() {
    let s = sem(concat!(
        "async def f(ag):\n",
        "    a = (x async for x in ag)\n",
        "    b = (await x for x in ag)\n",
        "    c = (x for x in ag if await x)\n",
        "    d = ([y async for y in x] for x in ag)\n",
        "    e = ((y async for y in x) for x in ag)\n",
        "    h = (x for x in await ag)\n",
        "    return all(x async for x in ag)\n",
        "def p(ag):\n",
        "    return (x async for x in ag)\n",
    ));
    assert!(!s.has_errors());
    assert_eq!(s.items, vec![ItemMode::Compiled, ItemMode::Compiled]);
    let genexps: Vec<(bool, bool)> = s
        .functions
        .iter()
        .filter(|f| f.name == "<genexpr>")
        .map(|f| (f.is_async_gen, f.is_async))
        .collect();
    // a, b, c, d async; e's outer plain, its inner async; h plain (its first
    // iterable is awaited outside it); the argument of all() is not inlined; p's.
    assert_eq!(
        genexps,
        vec![
            (true, true),
            (true, true),
            (true, true),
            (true, true),
            (false, false),
            (true, true),
            (false, false),
            (true, true),
            (true, true),
        ]
    );
}

#[test]
fn nested_functions_capture_through_cells() {
    let s = sem(concat!(
        "def outer(a):\n",
        "    b = 1\n",
        "    c = 2\n",
        "    def mid():\n",
        "        def inner():\n",
        "            nonlocal b\n",
        "            b = a\n",
        "        return inner\n",
        "    f = lambda: c\n",
        "    return mid, f\n",
    ));
    let names: Vec<&str> = s.functions.iter().map(|f| f.qualname.as_str()).collect();
    assert_eq!(
        names,
        [
            "outer",
            "outer.<locals>.mid",
            "outer.<locals>.mid.<locals>.inner",
            "outer.<locals>.<lambda>"
        ]
    );
    let outer = &s.functions[0];
    assert_eq!(outer.cellvars.iter().collect::<Vec<_>>(), ["a", "b", "c"]);
    assert!(outer.freevars.is_empty());
    // `mid` only passes `a` and `b` through to `inner`.
    let mid = &s.functions[1];
    assert!(mid.freevars.contains("a") && mid.freevars.contains("b"));
    assert!(!mid.freevars.contains("c"));
    assert_eq!(mid.parent, Some(0));
    let inner = &s.functions[2];
    assert_eq!(s.resolve(Some(inner), "b"), NameRes::Free);
    assert!(inner.nonlocals.contains("b"));
    assert_eq!(s.resolve(Some(outer), "b"), NameRes::Cell);
    assert!(s.functions[3].freevars.contains("c"));
    assert!(outer.top_level && !outer.has_closure() && mid.has_closure());
}

#[test]
fn global_in_a_function_hides_the_name_from_inner_functions() {
    let s = sem(concat!(
        "def f():\n",
        "    global x\n",
        "    x = 1\n",
        "    def g():\n",
        "        return x\n",
        "    return g\n",
    ));
    assert!(s.functions[0].cellvars.is_empty());
    assert_eq!(s.resolve(Some(&s.functions[1]), "x"), NameRes::Global);
}

#[test]
fn capturing_a_comprehension_variable_runs_interpreted() {
    let s = sem("def f():\n    return [lambda: i for i in range(3)]\n");
    assert!(matches!(s.items[0], ItemMode::Interpreted { .. }));
    // A lambda whose default takes the value is fine.
    let s = sem("def f():\n    return [lambda i=i: i for i in range(3)]\n");
    assert_eq!(s.items[0], ItemMode::Compiled);
}

#[test]
fn nonlocal_without_a_binding_runs_interpreted() {
    let s = sem("def f():\n    def g():\n        nonlocal zz\n        zz = 1\n    return g\n");
    assert!(matches!(s.items[0], ItemMode::Interpreted { .. }));
}

#[test]
fn decorated_functions_are_compiled_but_not_early_bound() {
    let s = sem("import functools\n@functools.lru_cache\ndef f(n: int) -> int:\n    return n\n");
    assert_eq!(s.items[1], ItemMode::Compiled);
    assert!(!s.early_bound.contains_key("f"));
}

#[test]
fn yield_makes_a_generator_function() {
    let s = sem("def f(n):\n    yield n\n    def g():\n        return 1\n    return g\n");
    assert_eq!(s.items[0], ItemMode::Compiled);
    assert!(s.functions[0].is_generator);
    assert!(!s.functions[1].is_generator);
    // Not early-bound: a call makes a generator, not a direct C call.
    assert!(!s.early_bound.contains_key("f"));
    // `yield` in a comprehension or at module level stays with the interpreter.
    let s = sem("def f():\n    return [(yield x) for x in range(3)]\n");
    assert!(matches!(s.items[0], ItemMode::Interpreted { .. }));
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
    // Still interpreted: a walrus in a class body or an annotation.
    let s = sem(concat!(
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

#[test]
fn global_in_a_class_body_rebinding_a_function_is_a_binding() {
    let s = sem(
        "def helper() -> str:\n    return 'def'\nclass C:\n    global helper\n    def helper() -> str:\n        return 'c'\n",
    );
    assert!(!s.early_bound.contains_key("helper"));
}

#[test]
fn imports_under_type_checking_are_seen_by_annotations_only() {
    let s = sem("from typing import TYPE_CHECKING\nimport typing\n\
         if TYPE_CHECKING:\n    from pkg.a import A\n    import pkg.b as b\n\
         if typing.TYPE_CHECKING:\n    from pkg.c import C\n\
         if not TYPE_CHECKING:\n    from pkg.d import D\n\
         if TYPE_CHECKING:\n    from pkg.e import E\nelse:\n    E = object\n\
         if TYPE_CHECKING:\n    x = 1\n    from pkg.f import F\n");
    let seen: Vec<&str> = s.type_imports.keys().map(String::as_str).collect();
    // (`D` is bound at run time; `E` twice.)
    assert_eq!(seen, ["A", "b", "C", "F"]);
    assert!(!s.imports.contains_key("A") && s.imports.contains_key("TYPE_CHECKING"));
    // A TYPE_CHECKING that is not typing's does not count.
    let s = sem("TYPE_CHECKING = True\nif TYPE_CHECKING:\n    from pkg.a import A\n");
    assert!(s.type_imports.is_empty());
}

/// The errors CPython's compiler (symbol table, `__future__`) reports: each program
/// below is refused by `compile()` with exactly this message, or accepted.
#[test]
fn compile_time_errors_match_cpython() {
    let errors = |src: &str| -> Vec<String> {
        sem(src)
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect()
    };
    let refused = [
        (
            "def f(a, b, a):\n    return a\n",
            "duplicate argument 'a' in function definition",
        ),
        (
            "g = lambda x, *, x=1: x\n",
            "duplicate argument 'x' in function definition",
        ),
        (
            "def f(**k):\n    return k\nf(a=1, b=2, a=3)\n",
            "keyword argument repeated: a",
        ),
        (
            "import os\nfrom __future__ import annotations\n",
            "from __future__ imports must occur at the beginning of the file",
        ),
        (
            "def f():\n    from __future__ import annotations\n",
            "from __future__ imports must occur at the beginning of the file",
        ),
        ("from __future__ import braces\n", "not a chance"),
        (
            "from __future__ import nosuch\n",
            "future feature nosuch is not defined",
        ),
        ("x = 1\nyield x\n", "'yield' outside function"),
        ("class A:\n    yield 1\n", "'yield' outside function"),
        (
            "async def g():\n    pass\nawait g()\n",
            "'await' outside function",
        ),
        (
            "def f():\n    return [(yield x) for x in range(3)]\n",
            "'yield' inside list comprehension",
        ),
        (
            "def f():\n    return list((yield x) for x in range(3))\n",
            "'yield' inside generator expression",
        ),
        (
            "nonlocal x\n",
            "nonlocal declaration not allowed at module level",
        ),
        (
            "x = 1\nnonlocal x\n",
            "name 'x' is assigned to before nonlocal declaration",
        ),
        (
            "def f():\n    x = 1\n    global x\n",
            "name 'x' is assigned to before global declaration",
        ),
        (
            "def f():\n    print(x)\n    global x\n",
            "name 'x' is used prior to global declaration",
        ),
        (
            "def f(x):\n    global x\n",
            "name 'x' is parameter and global",
        ),
        (
            "def f():\n    x: int\n    global x\n",
            "annotated name 'x' can't be global",
        ),
        (
            "def f():\n    global x\n    x: int = 1\n",
            "annotated name 'x' can't be global",
        ),
        (
            "x = 1\nglobal x\n",
            "name 'x' is assigned to before global declaration",
        ),
        (
            "class A:\n    x = 1\n    global x\n",
            "name 'x' is assigned to before global declaration",
        ),
        (
            "def f():\n    try:\n        pass\n    except E as e:\n        pass\n    global e\n",
            "name 'e' is assigned to before global declaration",
        ),
        (
            "def f():\n    y = 1\n    def g():\n        print(y)\n        nonlocal y\n    return g\n",
            "name 'y' is used prior to nonlocal declaration",
        ),
        (
            "class C(metaclass=type, metaclass=type):\n    pass\n",
            "keyword argument repeated: metaclass",
        ),
        (
            "def f(r):\n    return [[z for z in (yield)] for x in r]\n",
            "'yield' inside list comprehension",
        ),
        (
            "def f():\n    (x): int = 1\n    global x\n",
            "name 'x' is assigned to before global declaration",
        ),
        (
            "def f():\n    try:\n        pass\n    except ValueError:\n        global x\n    else:\n        x = 1\n",
            "name 'x' is assigned to before global declaration",
        ),
    ];
    for (src, msg) in refused {
        let got = errors(src);
        assert!(
            got.iter().any(|m| m == msg),
            "{src:?}: expected {msg:?}, got {got:?}"
        );
    }
    let accepted = [
        "\"\"\"doc\"\"\"\nfrom __future__ import annotations\nfrom __future__ import division\nx: int = 1\n",
        "def f():\n    global x\n    global x\n    x = 1\n",
        "def f():\n    global x\n    x = 1\n    return x\n",
        "def f():\n    def g():\n        return x\n    global x\n    x = 2\n    return g\n",
        "def f():\n    ys = [x for x in range(3)]\n    global x\n    x = ys\n",
        "def f():\n    import os\n    global os\n",
        "g = lambda: (yield)\n",
        "def f(a, *, b=2):\n    return f(a, b=b)\n",
        "global x\nx: int = 1\n",
        "def f():\n    global x\n    (x): int = 1\n",
        "def f():\n    (x): int\n    global x\n",
        "def f():\n    try:\n        global x\n        print(1)\n    except Exception as x:\n        pass\n",
        "def f():\n    try:\n        pass\n    except ValueError:\n        global e\n    except TypeError as e:\n        pass\n",
        "def f():\n    try:\n        pass\n    except ValueError:\n        x = 1\n    else:\n        global x\n",
    ];
    for src in accepted {
        assert_eq!(errors(src), Vec::<String>::new(), "{src:?}");
    }
}

/// The fields no code of the module stores: not those its own methods, a subclass's
/// methods, or code outside the classes store; stores through another class's
/// `self` do not count, and a dataclass's generated `__init__` stores them all.
#[test]
fn unstored_fields_are_the_ones_nothing_in_the_module_stores() {
    let s = sem("\
class Rule:
    code: int
    message: str
    weight: float
    origin: str
    seen: int

    def __init__(self) -> None:
        self.seen = 0

class Issue:
    def __init__(self, message: str) -> None:
        self.message = message

class Child(Rule):
    def bump(self) -> None:
        self.weight = 1.0

def tag(r: Rule) -> None:
    r.origin = 'x'

from dataclasses import dataclass

@dataclass
class D:
    a: int
");
    let unstored = |name: &str| -> Vec<String> {
        let c = s.native.iter().find(|c| c.name == name).expect("native");
        c.unstored.iter().cloned().collect()
    };
    assert_eq!(unstored("Rule"), vec!["code", "message"]);
    assert!(unstored("D").is_empty());
}
