//! `tests/run/match_statement.py` must compile entirely: with `--strict`, any
//! function the compiler would leave to the interpreter is an error.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_match_run_test_compiles_without_interpreted_fallback() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_oxyc"))
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .env("OXYC_CACHE_DIR", out_dir.path().join("cache"))
        .args(["build", "--strict", "--explain", "-o"])
        .arg(out_dir.path())
        .arg("tests/run/match_statement.py")
        .output()
        .expect("run oxyc");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("runs interpreted"), "{stderr}");
}
