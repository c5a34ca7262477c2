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
        "async def a():\n    pass\ndef f():\n    try:\n        pass\n    except Exception:\n        yield 1\ndef g(x: int) -> int:\n    return x\n",
    );
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
    let m = parse_module("class C:\n    class D: pass\n", PythonVersion::PY311).expect("parses");
    let strict = analyze(&m, true);
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
