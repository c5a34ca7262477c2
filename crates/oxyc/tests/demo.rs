//! The README's first command: `oxyc run examples/demo.py` compiles the demo, runs it as
//! `__main__`, and the demo compares itself with an interpreted copy.

use std::path::Path;
use std::process::Command;

#[test]
fn readme_demo_runs_compiled_and_reports_speedups() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cache = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_oxyc"))
        .arg("run")
        .arg(root.join("examples/demo.py"))
        .env("OXYC_CACHE_DIR", cache.path())
        .output()
        .expect("run oxyc");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("speedup"),
        "the demo did not run compiled:\n{stdout}"
    );
    for name in ["count_primes", "leibniz", "collatz_longest"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(name))
            .expect("a row per function");
        let speedup: f64 = line
            .split_whitespace()
            .last()
            .and_then(|s| s.trim_end_matches('x').parse().ok())
            .expect("a speedup figure");
        // Not a benchmark: just proof that the compiled code is the one running.
        assert!(speedup > 2.0, "{line}");
    }
}
