//! Run tests that must compile entirely: with `--strict`, any function the compiler
//! would leave to the interpreter is an error. (The differential run test alone
//! would pass with interpreted fallbacks: both runs would agree.)

use std::path::PathBuf;
use std::process::Command;

/// `tests/run` files whose every statement must compile.
const FULLY_COMPILED: &[&str] = &[
    "tests/run/match_statement.py",
    "tests/run/except_star.py",
    "tests/run/async_genexp.py",
];

#[test]
fn these_run_tests_compile_without_interpreted_fallback() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_oxyc"))
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .env("OXYC_CACHE_DIR", out_dir.path().join("cache"))
        .args(["build", "--strict", "--explain", "-o"])
        .arg(out_dir.path())
        .args(FULLY_COMPILED)
        .output()
        .expect("run oxyc");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("runs interpreted"), "{stderr}");
}
