//! The pipeline as a whole: deterministic output on every run-test file, strict mode.

use oxyc_driver::pipeline::{CompileOptions, compile_to_c};
use oxyc_syntax::PythonVersion;
use std::path::Path;

fn opts() -> CompileOptions {
    CompileOptions {
        opt_level: 2,
        python_version: PythonVersion::PY311,
        strict: false,
        explain: false,
        c_units: 4,
        emit_ir: true,
        import_root: None,
        interfaces: None,
    }
}

fn run_test_sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/run");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("tests/run")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            // (As the driver reads sources: a PEP 263 declaration is honoured.)
            let text = oxyc_driver::build::read_source(&p).expect("readable");
            (name, text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn same_input_gives_byte_identical_c() {
    for (name, src) in run_test_sources() {
        let a = compile_to_c(&name, "x.py", &src, &opts()).expect("compiles");
        let b = compile_to_c(&name, "x.py", &src, &opts()).expect("compiles");
        assert!(a.c_units == b.c_units, "{name}: C differs between two runs");
        assert!(
            a.ir_text == b.ir_text,
            "{name}: IR differs between two runs"
        );
    }
}

#[test]
fn strict_mode_rejects_interpreted_fallbacks() {
    // (A nested class with a class statement under an `if` runs interpreted.)
    let src =
        "class C:\n    class D:\n        if True:\n            class E:\n                pass\n";
    let strict = CompileOptions {
        strict: true,
        ..opts()
    };
    let errs = compile_to_c("m", "m.py", src, &strict).expect_err("strict rejects nested classes");
    assert!(errs[0].message.contains("class `C.D`"), "{:?}", errs[0]);
    assert!(compile_to_c("m", "m.py", src, &opts()).is_ok());
}
