use crate::*;
use oxyc_syntax::{PythonVersion, parse_module};

fn locals(src: &str) -> (ModuleTypes, oxyc_sema::SemModule<'static>) {
    // Tests keep the module for the whole run.
    let m: &'static _ = Box::leak(Box::new(
        parse_module(src, PythonVersion::PY311).expect("parses"),
    ));
    let sem = oxyc_sema::analyze(m, false);
    (check_module(m, &sem), sem)
}

fn local_ty(src: &str, name: &str) -> Ty {
    let (t, _) = locals(src);
    t.funcs[0].locals.get(name).cloned().expect("local exists")
}

#[test]
fn annotations_declare_parameter_types() {
    let (t, _) = locals(
        "def f(a: int, b: float, c: str, d: list[int], e, g: 'int') -> bool:\n    return True\n",
    );
    assert_eq!(
        t.sigs[0].params,
        vec![
            Ty::Int,
            Ty::Float,
            Ty::Str,
            Ty::list(Ty::Int),
            Ty::Object,
            Ty::Int
        ]
    );
    assert_eq!(t.sigs[0].ret, Ty::Bool);
}

#[test]
fn locals_are_inferred_to_a_fixpoint() {
    let src = "def f(n: int) -> int:\n    s = 0\n    i = 0\n    while i < n:\n        s = s + i * 2\n        i += 1\n    return s\n";
    assert_eq!(local_ty(src, "s"), Ty::Int);
    assert_eq!(local_ty(src, "i"), Ty::Int);
}

#[test]
fn mixed_assignments_widen_to_object() {
    assert_eq!(
        local_ty("def f():\n    x = 1\n    x = 'a'\n", "x"),
        Ty::Object
    );
    assert_eq!(
        local_ty("def f():\n    x = 1\n    x = True\n", "x"),
        Ty::Object
    );
    assert_eq!(
        local_ty("def f():\n    x = 1.5\n    x = x / 2\n", "x"),
        Ty::Float
    );
}

#[test]
fn range_loops_give_int_and_pow_needs_a_literal() {
    let src =
        "def f(n: int):\n    t = 0\n    for i in range(n):\n        t = i ** 2\n    u = n ** n\n";
    assert_eq!(local_ty(src, "i"), Ty::Int);
    assert_eq!(local_ty(src, "t"), Ty::Int);
    assert_eq!(local_ty(src, "u"), Ty::Object);
}

#[test]
fn builtins_and_compiled_calls_have_result_types() {
    let src = "def g(x: int) -> float:\n    return 1.0\ndef f(s: str):\n    a = len(s)\n    b = g(1)\n    c = s[0]\n    d = abs(-2.5)\n    e = (1, 'x')[1]\n";
    let (t, _) = locals(src);
    let l = &t.funcs[1].locals;
    assert_eq!(l["a"], Ty::Int);
    assert_eq!(l["b"], Ty::Float);
    assert_eq!(l["c"], Ty::Str);
    assert_eq!(l["d"], Ty::Float);
    assert_eq!(l["e"], Ty::Str);
}

#[test]
fn local_class_call_is_not_the_module_class() {
    let (t, sem) = locals(
        "class C:\n    def m(self) -> str:\n        return 'top'\ndef f() -> int:\n    class C:\n        def m(self) -> int:\n            return 1\n    return C().m()\n",
    );
    let fi = sem.functions.iter().position(|f| f.name == "f").expect("f");
    assert_eq!(t.funcs[fi].locals.get("C"), Some(&Ty::Object));
    // `C().m()`: the call of the local class is an object, its method unknown.
    let Some(oxyc_sema::FuncNode::Def(d)) = Some(sem.functions[fi].node) else {
        panic!("def")
    };
    let oxyc_syntax::ast::StmtKind::Return(Some(ret)) = &d.body[1].kind else {
        panic!("return")
    };
    assert_eq!(*t.exprs.get(ret.id), Ty::Object);
}
