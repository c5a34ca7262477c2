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

mod xmod_tests {
    use crate::xmod::{DefaultLit, Externs, Interfaces, XBind, XParamKind, plan};
    use crate::*;
    use oxyc_syntax::{PythonVersion, parse_module};

    fn typed(
        name: &str,
        src: &str,
        interfaces: Option<&'static Interfaces>,
    ) -> (ModuleTypes, &'static oxyc_syntax::ast::Module) {
        let m: &'static _ = Box::leak(Box::new(
            parse_module(src, PythonVersion::PY311).expect("parses"),
        ));
        let sem: &'static _ = Box::leak(Box::new(oxyc_sema::analyze(m, false)));
        let externs = Externs {
            current: name,
            is_package: false,
            modules: interfaces,
        };
        (check_module_with(m, sem, externs), m)
    }

    fn interfaces(mods: &[(&str, &str)]) -> &'static Interfaces {
        let mut all = Interfaces::new();
        for (name, src) in mods {
            let (t, _) = typed(name, src, None);
            all.insert(name.to_string(), t.interface);
        }
        Box::leak(Box::new(all))
    }

    const LIB: &str = "\
import os
class P:
    pass
def add(a: int, b: int = 2, /, *, c: float = -1.5) -> int:
    return a + b
def name(s: str, sep: str = 'x', k: int = len('ab')) -> str:
    return s + sep
def star(*a: int) -> int:
    return 0
def takes_p(p: P) -> int:
    return 0
def gives(xs: list[int]) -> dict[str, tuple[int, float]]:
    return {}
def gen(n: int):
    yield n
def twice(x: int) -> int:
    return x
twice = add
";

    #[test]
    fn the_interface_is_the_portable_early_bound_functions() {
        let (t, _) = typed("pkg.lib", LIB, None);
        let names: Vec<&str> = t.interface.functions.keys().map(String::as_str).collect();
        // (`star` has *args, `gen` is a generator, `twice` is rebound.)
        assert_eq!(names, ["add", "name", "takes_p", "gives"]);
        // The module's own native class, by full dotted name (checked by callers).
        assert_eq!(
            t.interface.functions["takes_p"].params[0].ty,
            Ty::Foreign("pkg.lib.P".into())
        );
        let add = &t.interface.functions["add"];
        assert_eq!(add.module, "pkg.lib");
        let kinds: Vec<XParamKind> = add.params.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [XParamKind::PosOnly, XParamKind::PosOnly, XParamKind::KwOnly]
        );
        assert_eq!(add.params[1].default, Some(DefaultLit::Int(2)));
        assert_eq!(add.params[2].default, Some(DefaultLit::Float(-1.5)));
        assert_eq!(
            t.interface.functions["name"].params[2].default,
            Some(DefaultLit::Computed)
        );
    }

    #[test]
    fn signatures_hash_the_interface_not_the_body() {
        let sig = |src: &str| typed("pkg.lib", src, None).0.interface.functions["add"].sig;
        let base = sig(LIB);
        assert_eq!(base, sig(&LIB.replace("return a + b", "return b + a")));
        assert_ne!(base, sig(&LIB.replace("b: int = 2", "b: int = 3")));
        assert_ne!(
            base,
            sig(&LIB.replace(
                ") -> int:\n    return a + b",
                ") -> float:\n    return a + b"
            ))
        );
        assert_ne!(base, sig(&LIB.replace(", /, *", ", *")));
        assert_ne!(
            base,
            typed("pkg.other", LIB, None).0.interface.functions["add"].sig
        );
    }

    #[test]
    fn calls_bind_as_cpython_binds_them() {
        let (t, _) = typed("pkg.lib", LIB, None);
        let add = &t.interface.functions["add"];
        assert_eq!(
            plan(add, 1, &[]),
            Some(vec![
                XBind::Arg(0),
                XBind::Default(DefaultLit::Int(2)),
                XBind::Default(DefaultLit::Float(-1.5))
            ])
        );
        assert_eq!(
            plan(add, 2, &["c"]),
            Some(vec![XBind::Arg(0), XBind::Arg(1), XBind::Kw(0)])
        );
        // Positional-only by keyword, too many, unknown, twice: CPython raises.
        assert_eq!(plan(add, 1, &["b"]), None);
        assert_eq!(plan(add, 3, &[]), None);
        assert_eq!(plan(add, 1, &["d"]), None);
        assert_eq!(plan(add, 0, &[]), None);
        let name = &t.interface.functions["name"];
        assert_eq!(plan(name, 1, &["k", "sep"]).map(|p| p.len()), Some(3));
        // A default computed when the def ran: the ordinary call.
        assert_eq!(plan(name, 2, &[]), None);
    }

    #[test]
    fn calls_through_imports_are_typed_by_the_callee() {
        let lib = interfaces(&[("pkg.lib", LIB)]);
        let src = "\
import pkg.lib
import pkg.lib as L
from pkg import lib
from pkg.lib import add, name as nm
from .lib import gives
def f(x: int) -> None:
    a = add(x)
    b = L.add(x, 3, c=2.0)
    c = pkg.lib.add(1)
    d = lib.add(2)
    e = nm('s', k=1)
    g = gives([1])
    h = [add for add in [1]]
    i = L.star(1)
    j = add(x, b=1)
";
        let (t, m) = typed("pkg.main", src, Some(lib));
        let ty = |n: &str| t.funcs[0].locals[n].clone();
        for n in ["a", "b", "c", "d"] {
            assert_eq!(ty(n), Ty::Int, "{n}");
        }
        assert_eq!(ty("e"), Ty::Str);
        assert_eq!(
            ty("g"),
            Ty::Dict(
                Box::new(Ty::Str),
                Box::new(Ty::Tuple(vec![Ty::Int, Ty::Float]))
            )
        );
        // Not exported, or a call CPython would refuse: the ordinary call.
        assert_eq!(ty("i"), Ty::Object);
        assert_eq!(ty("j"), Ty::Object);
        assert_eq!(t.xcalls.len(), 6);
        let sites: Vec<String> = t
            .xsites
            .iter()
            .map(|x| format!("{}.{}", x.module, x.name))
            .collect();
        assert_eq!(sites, ["pkg.lib.add", "pkg.lib.name", "pkg.lib.gives"]);
        // The module calling itself, or without interfaces: nothing.
        assert!(typed("pkg.lib", src, Some(lib)).0.xcalls.is_empty());
        assert!(typed("pkg.main", src, None).0.xcalls.is_empty());
        let _ = m;
    }

    const GEOM: &str = "\
class Point:
    def __init__(self, x: int, y: float) -> None:
        self.x = x
        self.y = y
    def norm(self, k: int = 2) -> float:
        return self.x + self.y
class Point3(Point):
    def __init__(self, x: int, y: float, z: str) -> None:
        super().__init__(x, y)
        self.z = z
    def norm(self, k: int = 2) -> float:
        return 0.0
class Hooked:
    def __init__(self) -> None:
        self.v = 1
    def __getattr__(self, name: str) -> int:
        return 0
";

    #[test]
    fn classes_export_their_layout_and_method_table() {
        let (t, _) = typed("pkg.geom", GEOM, None);
        let names: Vec<&str> = t.interface.classes.keys().map(String::as_str).collect();
        // (A family with `__getattr__` is not shown.)
        assert_eq!(names, ["Point", "Point3"]);
        let p3 = &t.interface.classes["Point3"];
        assert_eq!(p3.base.as_deref(), Some("Point"));
        assert_eq!(p3.fields, [("z".to_string(), Ty::Str)]);
        let table: Vec<&str> = p3.methods.keys().map(String::as_str).collect();
        assert_eq!(table, ["__init__", "norm"]);
        assert_eq!(p3.methods["norm"].sig.params[0].ty, Ty::Object);
        let layout =
            |src: &str, c: &str| typed("pkg.geom", src, None).0.interface.classes[c].layout;
        let base = layout(GEOM, "Point");
        // A method body does not change the layout; a field, a method signature and
        // the base's layout do.
        assert_eq!(
            base,
            layout(
                &GEOM.replace("return self.x + self.y", "return 1.0"),
                "Point"
            )
        );
        assert_ne!(base, layout(&GEOM.replace("y: float", "y: int"), "Point"));
        assert_ne!(
            base,
            layout(
                &GEOM.replace(
                    "k: int = 2) -> float:\n        return self",
                    "k: int = 3) -> float:\n        return self"
                ),
                "Point"
            )
        );
        assert_ne!(
            layout(GEOM, "Point3"),
            layout(
                &GEOM.replace("self.y = y", "self.y = y\n        self.w = 0"),
                "Point3"
            )
        );
    }

    #[test]
    fn another_modules_classes_type_annotations_fields_and_calls() {
        let geom = interfaces(&[("pkg.geom", GEOM)]);
        let src = "\
import pkg.geom as g
from pkg.geom import Point, Hooked
from typing import Optional
def f(p: Point, q: Optional[g.Point3], h: Hooked) -> None:
    a = p.x
    b = p.norm()
    c = Point(1, 2.0)
    d = g.Point3(1, 2.0, 's').z
    e = h.v
";
        let (t, _) = typed("pkg.use", src, Some(geom));
        let ty = |n: &str| t.funcs[0].locals[n].clone();
        assert_eq!(ty("p"), Ty::Foreign("pkg.geom.Point".into()));
        assert_eq!(ty("q"), Ty::OptForeign("pkg.geom.Point3".into()));
        assert_eq!(ty("h"), Ty::Object);
        assert_eq!(ty("a"), Ty::Int);
        assert_eq!(ty("b"), Ty::Float);
        assert_eq!(ty("c"), Ty::Foreign("pkg.geom.Point".into()));
        assert_eq!(ty("d"), Ty::Str);
        assert_eq!(ty("e"), Ty::Object);
        assert_eq!(t.xnews.len(), 2);
        let seen: Vec<String> = t.xclasses.iter().map(|c| c.qualified()).collect();
        assert_eq!(seen, ["pkg.geom.Point", "pkg.geom.Point3"]);
        // Never a class parameter check: a foreign class is a hint.
        assert_eq!(ty("p").check_name(), None);
        // Without the interfaces, or in the defining module itself: objects.
        let (alone, _) = typed("pkg.use", src, None);
        assert_eq!(alone.funcs[0].locals["p"], Ty::Object);
        assert!(alone.xclasses.is_empty());
    }
}

#[test]
fn tuple_results_returned_unboxed() {
    let unboxed = |src: &str| {
        let (t, _) = locals(src);
        t.unboxed_returns[0].clone()
    };
    let both = Some(vec![Ty::Int, Ty::Str]);
    assert_eq!(
        unboxed("def f(a: int, s: str) -> tuple[int, str]:\n    return a, s\n"),
        both
    );
    assert_eq!(
        unboxed(
            "def f(a: int, s: str) -> tuple[int, str]:\n    if a:\n        return (a + 1, s)\n    return a, 'x'\n"
        ),
        both
    );
    // Not: a tuple from elsewhere, a constant one, an item typed otherwise (a bool
    // for an int), a body that may fall off its end, a method, a generator.
    for src in [
        "def f(t: tuple[int, str]) -> tuple[int, str]:\n    return t\n",
        "def f() -> tuple[int, str]:\n    return 1, 'x'\n",
        "def f(s: str) -> tuple[int, str]:\n    return True, s\n",
        "def f(a: int, s: str) -> tuple[int, str]:\n    if a:\n        return a, s\n",
        "class C:\n    def f(self, a: int, s: str) -> tuple[int, str]:\n        return a, s\n",
        "def f(a: int, s: str) -> tuple[int, str]:\n    yield 1\n    return a, s\n",
        "def f(a: int) -> tuple[int, int, int, int, int]:\n    return a, a, a, a, a\n",
    ] {
        assert_eq!(unboxed(src), None, "{src}");
    }
}

#[test]
fn tuple_params_taken_unboxed() {
    let params = |src: &str| {
        let (t, _) = locals(src);
        t.unboxed_params[0].clone()
    };
    let pair = Some(vec![Ty::Int, Ty::Float]);
    assert_eq!(
        params(
            "def f(p: tuple[int, float], n: int) -> float:\n    a, b = p\n    return a + b + p[-1] + len(p)\n"
        ),
        vec![pair.clone(), None]
    );
    // Passed on to itself (a greatest fixpoint), by keyword too.
    assert_eq!(
        params(
            "def f(n: int, p: tuple[int, float]) -> float:\n    if n:\n        return f(n - 1, p=p)\n    return p[0]\n"
        ),
        vec![None, pair.clone()]
    );
    // Passed on to a parameter that stays a tuple: neither is unboxed.
    assert_eq!(
        params(
            "def f(p: tuple[int, float]) -> str:\n    return g(p)\n\ndef g(q: tuple[int, float]) -> str:\n    return str(q)\n"
        ),
        vec![None]
    );
    // Not: returned, printed, iterated, captured, with a default, `*args`, unused,
    // of a method, a generator, a decorated function, too many items.
    for src in [
        "def f(p: tuple[int, float]) -> tuple[int, float]:\n    return p\n",
        "def f(p: tuple[int, float]) -> None:\n    print(p)\n",
        "def f(p: tuple[int, int]) -> int:\n    return sum(x for x in p)\n",
        "def f(p: tuple[int, int]) -> int:\n    g = lambda: p[0]\n    return g()\n",
        "def f(p: tuple[int, int] = (1, 2)) -> int:\n    return p[0]\n",
        "def f(p: tuple[int, int]) -> int:\n    return 0\n",
        "class C:\n    def f(self, p: tuple[int, int]) -> int:\n        return p[0]\n",
        "def f(p: tuple[int, int]):\n    yield p[0]\n",
        "import functools\n@functools.cache\ndef f(p: tuple[int, int]) -> int:\n    return p[0]\n",
        "def f(p: tuple[int, int, int, int, int]) -> int:\n    return p[0]\n",
    ] {
        assert!(params(src).iter().all(Option::is_none), "{src}");
    }
}
