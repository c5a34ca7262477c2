//! The differential run tests: every `tests/run/*.py` module is run interpreted by
//! CPython and compiled by oxyc; both runs must pass and print the same output.
//!
//! All modules are compiled by one `oxyc build` invocation (the C compiles run in
//! parallel). `OXYC_RUN_FILTER=name` restricts the run to files whose name contains it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn python() -> String {
    std::env::var("OXYC_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

struct Outcome {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn run_harness(root: &Path, module: &str, path: &Path) -> Outcome {
    let out = Command::new(python())
        .arg(root.join("tests/harness/run_file.py"))
        .arg(module)
        .arg("--path")
        .arg(path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("run python3");
    Outcome {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  interpreted: {x}\n  compiled:    {y}", i + 1);
        }
    }
    format!(
        "one output is a prefix of the other ({} vs {} lines)",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn run_tests_interpreted_and_compiled_agree() {
    let root = repo_root();
    let filter = std::env::var("OXYC_RUN_FILTER").unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/run"))
        .expect("tests/run exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .filter(|p| {
            p.file_stem()
                .is_some_and(|s| s.to_string_lossy().contains(&filter))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no run tests found");

    let out_dir = tempfile::tempdir().expect("temp dir");
    let build = Command::new(env!("CARGO_BIN_EXE_oxyc"))
        .arg("build")
        .arg("-o")
        .arg(out_dir.path())
        .args(&files)
        .output()
        .expect("run oxyc");
    let build_err = String::from_utf8_lossy(&build.stderr).into_owned();
    assert!(
        !build_err.contains("panicked"),
        "oxyc panicked:\n{build_err}"
    );

    let modules: Vec<String> = files
        .iter()
        .map(|f| {
            f.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let results: Vec<(String, Result<(), String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = modules
            .iter()
            .map(|m| {
                let (root, out, build_err) = (&root, out_dir.path(), &build_err);
                s.spawn(move || {
                    let so_exists = std::fs::read_dir(out).ok().is_some_and(|d| {
                        d.filter_map(|e| e.ok()).any(|e| {
                            let n = e.file_name().to_string_lossy().into_owned();
                            n.starts_with(&format!("{m}.")) && n.ends_with(".so")
                        })
                    });
                    if !so_exists {
                        return (
                            m.clone(),
                            Err(format!("not compiled; oxyc said:\n{build_err}")),
                        );
                    }
                    let interp = run_harness(root, m, &root.join("tests/run"));
                    let comp = run_harness(root, m, out);
                    let mut problems = Vec::new();
                    if !interp.ok {
                        problems.push(format!("interpreted run failed:\n{}", interp.stderr));
                    }
                    if !comp.ok {
                        problems.push(format!(
                            "compiled run failed:\n{}{}",
                            comp.stderr,
                            tail(&comp.stdout)
                        ));
                    }
                    if interp.ok && comp.ok && interp.stdout != comp.stdout {
                        problems.push(format!(
                            "outputs differ at {}",
                            first_difference(&interp.stdout, &comp.stdout)
                        ));
                    }
                    (
                        m.clone(),
                        if problems.is_empty() {
                            Ok(())
                        } else {
                            Err(problems.join("\n"))
                        },
                    )
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(m, r)| r.as_ref().err().map(|e| format!("=== {m}\n{e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} run-test files failed:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let start = lines.len().saturating_sub(15);
    format!("last stdout lines:\n{}", lines[start..].join("\n"))
}
