//! The C emitter on IR built from real source: the C is readable (one function per
//! Python function, `#line` directives at the .py file), deterministic, and accepted by
//! the system C compiler with the real CPython and runtime headers.

use oxyc_syntax::{LineIndex, PythonVersion, parse_module};
use std::path::Path;
use std::process::Command;

const SRC: &str = "\
import math

LIMIT = 10

def area(r: float) -> float:
    return math.pi * r * r

def count(n: int, step: int = 1) -> int:
    total = 0
    for i in range(0, n, step):
        if i % 3 == 0:
            continue
        total += i
    return total

def describe(x) -> str:
    try:
        return f\"{x!r:>8}\"
    except ValueError as e:
        return str(e)
    finally:
        pass
";

fn c_of(src: &str) -> String {
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
    let mut ir = oxyc_irbuild::build_module(&cx, "shapes", "/src/shapes.py").expect("builds");
    oxyc_passes::run_all(&mut ir, 2);
    oxyc_codegen::emit_module(&ir)
}

#[test]
fn one_native_function_per_python_function_with_line_directives() {
    let c = c_of(SRC);
    for name in ["area", "count", "describe"] {
        let defs: Vec<&str> = c
            .lines()
            .filter(|l| l.starts_with(&format!("/* def {name} (line ")))
            .collect();
        // A function with int parameters also gets a copy for long ints (labelled).
        let primary = defs.iter().filter(|l| !l.contains("copy for long ints"));
        assert_eq!(primary.count(), 1, "{name}: {defs:?}");
    }
    assert!(
        c.contains("return oxy_f1_count_generic("),
        "count(n: int) dispatches long ints to its generic copy"
    );
    assert!(
        c.contains("static inline double oxy_f0_area(double r0_r, int oxy_depth)"),
        "typed signature (small: an inlining hint)"
    );
    assert!(
        c.contains("#line 6 \"/src/shapes.py\""),
        "line directive for `return math.pi * r * r`"
    );
    assert!(c.contains("PyMODINIT_FUNC PyInit_shapes(void)"));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(c_of(SRC), c_of(SRC));
}

#[test]
fn the_c_compiler_accepts_it() {
    let python = std::env::var("OXYC_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let Ok(out) = Command::new(&python)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['include'])",
        ])
        .output()
    else {
        panic!("{python} not found");
    };
    let include = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("shapes.c");
    std::fs::write(&file, c_of(SRC)).expect("write C");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let status = Command::new(cc.split_whitespace().next().unwrap_or("cc"))
        .args(cc.split_whitespace().skip(1))
        .args([
            "-fsyntax-only",
            "-Wall",
            "-Werror",
            "-Wno-unused-label",
            "-Wno-unused-variable",
            "-Wno-unused-but-set-variable",
            "-std=gnu11",
        ])
        .arg(format!("-I{include}"))
        .arg(format!("-I{}", runtime.display()))
        .arg(&file)
        .status()
        .expect("run the C compiler");
    assert!(status.success(), "the generated C does not compile cleanly");
}

/// The C of the module's body (from its definition to the next `/* def`).
fn body_c(c: &str) -> &str {
    let start = c
        .find("PyObject * oxy_module_body(int oxy_depth) {")
        .expect("the body is defined");
    let rest = &c[start..];
    &rest[..rest.find("\n/* def ").unwrap_or(rest.len())]
}

#[test]
fn a_body_without_loops_runs_once_and_calls_out_of_line() {
    // `isum` is small enough to be absorbed by callers on their hot paths; the body
    // runs once, is compiled at -O1, and must not take isum's loop in with it.
    let src = "def isum(n: int) -> int:\n    t = 0\n    for i in range(n):\n        t = (t * 31 + i) % 1000003\n    return t\n\nr = isum(10)\ndef again() -> int:\n    return isum(3) + 1\n";
    let c = c_of(src);
    let def_line = c
        .lines()
        .find(|l| l.contains("oxy_module_body(int oxy_depth) {"))
        .expect("the body is defined");
    assert!(def_line.starts_with("OXY_RUN_ONCE "), "{def_line}");
    let body = body_c(&c);
    assert!(
        body.contains("isum(") && !body.contains("isum_inline("),
        "{body}"
    );
    // Elsewhere the absorbed function is still taken in.
    assert!(
        c.contains("oxy_f0_isum_inline(r"),
        "isum is inlined in again()"
    );
    // With a loop of its own, the body keeps the usual optimisation.
    let looped = c_of("t = 0\nfor i in range(10):\n    t += i\n");
    assert!(
        looped
            .lines()
            .any(|l| l.contains("oxy_module_body(int oxy_depth) {") && !l.contains("OXY_RUN_ONCE")),
        "a body with a loop is not run-once"
    );
    assert!(
        body.contains("*oxy_body_lineno = 7;"),
        "the body stores its line: {body}"
    );
}
