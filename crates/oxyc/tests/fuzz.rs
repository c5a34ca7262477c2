//! Randomized differential test of typed int/float arithmetic: the same seeded random
//! arguments through the interpreted and the compiled `tests/fuzz/int_float_ops.py`
//! give the same results, exception types and messages.

use std::path::Path;
use std::process::Command;

#[test]
fn random_arithmetic_matches_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = tempfile::tempdir().expect("tempdir");
    let status = Command::new(env!("CARGO_BIN_EXE_oxyc"))
        .arg("build")
        .arg("-o")
        .arg(out.path())
        .arg(root.join("tests/fuzz/int_float_ops.py"))
        .status()
        .expect("run oxyc");
    assert!(status.success());
    let python = std::env::var("OXYC_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let run = Command::new(python)
        .arg(root.join("tests/fuzz/check.py"))
        .arg(root.join("tests/fuzz"))
        .arg(out.path())
        .args(["100000", "2026"])
        .output()
        .expect("run python");
    assert!(
        run.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}
