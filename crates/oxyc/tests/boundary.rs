//! Compiled-only behaviour at the boundary with interpreted code (these differ from the
//! interpreter on purpose, or cannot be compared by output): TypeError messages for
//! wrong argument types, annotated locals and returns; RecursionError instead of a
//! crash; traceback entries of compiled frames; Ctrl-C stopping a long compiled loop.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> String {
    std::env::var("OXYC_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn build(out: &Path, files: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_oxyc"))
        .arg("build")
        .arg("-o")
        .arg(out)
        .args(files.iter().map(|f| root().join(f)))
        .status()
        .expect("run oxyc");
    assert!(status.success(), "oxyc build failed for {files:?}");
}

#[test]
fn boundary_checks_hold_for_compiled_code() {
    let out = tempfile::tempdir().expect("tempdir");
    build(out.path(), &["tests/harness/boundary_cases.py"]);
    let run = Command::new(python())
        .args([
            "-c",
            "import boundary_cases as m; m.check(); m.check_stack_guard()",
        ])
        .current_dir(out.path())
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success()
            && stdout.contains("boundary checks passed")
            && stdout.lines().last() == Some("stack guard check passed"),
        "boundary checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn ctrl_c_interrupts_long_compiled_loops() {
    let out = tempfile::tempdir().expect("tempdir");
    build(out.path(), &["tests/harness/sigint_case.py"]);
    for kind in ["while", "range"] {
        let run = Command::new(python())
            .arg(root().join("tests/harness/sigint_case.py"))
            .arg("--check")
            .arg(out.path())
            .args(["--loop", kind])
            .output()
            .expect("run python");
        assert!(
            run.status.success(),
            "Ctrl-C check ({kind} loop) failed:\n{}\n{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

#[test]
fn ctrl_c_interrupts_deep_compiled_recursion() {
    let out = tempfile::tempdir().expect("tempdir");
    let src = out.path().join("sigrec.py");
    std::fs::write(
        &src,
        "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
    )
    .expect("write source");
    let status = Command::new(env!("CARGO_BIN_EXE_oxyc"))
        .arg("build")
        .arg(&src)
        .status()
        .expect("run oxyc");
    assert!(status.success());
    // The child computes fib(60) (hours); SIGINT must stop it within seconds.
    let checker = r#"
import subprocess, sys, time, signal
child = "import sigrec\ntry:\n    print('started', flush=True)\n    sigrec.fib(60)\nexcept KeyboardInterrupt:\n    print('interrupted', flush=True)\n"
p = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
assert p.stdout.readline().strip() == "started"
time.sleep(0.3)
t = time.time()
p.send_signal(signal.SIGINT)
out, _ = p.communicate(timeout=5)
assert p.returncode == 0 and "interrupted" in out, (p.returncode, out)
assert time.time() - t < 2.0
print("ok")
"#;
    let run = Command::new(python())
        .args(["-c", checker])
        .current_dir(out.path())
        .output()
        .expect("python");
    assert!(
        run.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}
