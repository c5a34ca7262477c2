//! The C runtime, proven against CPython: `tests/runtime/test_runtime.py` builds a small
//! extension around the runtime functions and compares them with Python's own operators.

use std::path::Path;
use std::process::Command;

#[test]
fn c_runtime_matches_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var("OXYC_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let out = Command::new(python)
        .arg(root.join("tests/runtime/test_runtime.py"))
        .env("OXY_RT_QUICK", "1")
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "runtime differential test failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
