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
    let s = sem(
        "with open('x') as fh:\n    pass\ndef f():\n    return lambda: 1\ndef g(x: int) -> int:\n    return x\n",
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
