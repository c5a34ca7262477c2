//! `oxyc build` on whole packages: the example project (tests/packages/demo_project) built
//! from its `[tool.oxyc]`, imported, run against its own tests; globs; the build cache seen
//! through a C compiler wrapper that logs every invocation; bad input.

mod common;

use std::path::Path;
use std::process::Command;

use common::{
    PROBE, Project, check, ext_suffix, logging_cc, probe_expected, stderr, stdout, take_log,
    walk_files,
};

fn python_with_path(path: &Path) -> Command {
    let mut cmd = Command::new("python3");
    cmd.env("PYTHONPATH", path)
        .env("PYTHONDONTWRITEBYTECODE", "1");
    cmd
}

#[test]
fn a_package_builds_from_pyproject_into_an_importable_tree() {
    let p = Project::new();
    let out = p.tmp.path().join("out");
    check(
        p.oxyc().args(["build", "-o"]).arg(&out).output().unwrap(),
        "oxyc build -o out",
    );
    // Extension modules under their package directories; the excluded module and every
    // source copied beside them.
    let pkg = out.join("demo_pkg");
    for m in [
        "__init__",
        "core",
        "util/__init__",
        "util/text",
        "shapes/square",
    ] {
        assert!(
            pkg.join(format!("{m}{}", ext_suffix())).is_file(),
            "{m} not built"
        );
    }
    assert!(!pkg.join(format!("plugins{}", ext_suffix())).exists());

    let probe = check(
        python_with_path(&out)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(true));

    // The project's own tests against the compiled build.
    let tests = check(
        python_with_path(&out)
            .current_dir(p.tmp.path())
            .arg(p.dir().join("tests/test_demo.py"))
            .output()
            .unwrap(),
        "the package's tests",
    );
    assert!(
        stdout(&tests).ends_with("all passed\n"),
        "{}",
        stdout(&tests)
    );

    // A compiled module's traceback names its source (the copy in the output tree), and
    // `traceback` shows the line.
    let tb = python_with_path(&out)
        .current_dir(p.tmp.path())
        .args([
            "-c",
            "import traceback\nfrom demo_pkg.shapes.square import total_area\ntry:\n    total_area([1])\nexcept AttributeError:\n    traceback.print_exc()",
        ])
        .output()
        .unwrap();
    let text = stderr(&tb);
    assert!(
        text.contains(&format!(
            "File \"{}\", line 20, in total_area",
            out.join("demo_pkg/shapes/square.py").display()
        )) && text.contains("total += s.area()"),
        "{text}"
    );
}

#[test]
fn in_place_builds_with_command_line_globs() {
    let p = Project::new();
    let out = check(
        p.oxyc()
            .args([
                "build",
                "--no-config",
                "src/demo_pkg",
                "--exclude",
                "demo_pkg/cycle_*.py",
                "--exclude",
                "demo_pkg/shapes/*.py",
            ])
            .output()
            .unwrap(),
        "oxyc build in place",
    );
    assert_eq!(stderr(&out), "");
    let probe = check(
        python_with_path(&p.dir().join("src"))
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .output()
            .unwrap(),
        "probe",
    );
    let text = stdout(&probe);
    for (name, kind) in [
        ("demo_pkg", "compiled"),
        ("demo_pkg.core", "compiled"),
        ("demo_pkg.cycle_a", "python"),
        ("demo_pkg.cycle_b", "python"),
        ("demo_pkg.plugins", "compiled"),
        ("demo_pkg.shapes", "python"),
        ("demo_pkg.shapes.square", "python"),
        ("demo_pkg.util.text", "compiled"),
    ] {
        assert!(
            text.contains(&format!("{name}: {kind}\n")),
            "{name}: {text}"
        );
    }

    // Excluding a module that an earlier build compiled: the stale extension would win
    // over the .py, so oxyc says so.
    let again = check(
        p.oxyc()
            .args([
                "build",
                "--no-config",
                "src/demo_pkg",
                "--exclude",
                "demo_pkg/core.py",
            ])
            .output()
            .unwrap(),
        "rebuild",
    );
    assert!(
        stderr(&again).contains("core.py` is excluded from compilation")
            && stderr(&again).contains("delete it"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_no_op_rebuild_runs_no_c_compiler() {
    let p = Project::new();
    let (cc, log) = logging_cc(p.tmp.path());
    let out = p.tmp.path().join("out");
    let build = || {
        check(
            p.oxyc()
                .env("CC", &cc)
                .args(["build", "-o"])
                .arg(&out)
                .output()
                .unwrap(),
            "oxyc build",
        )
    };
    build();
    let first = take_log(&log);
    // The runtime's two units once each, then a compile and a link per compiled
    // module (10).
    // (The log has each command's `-o` path: a temporary beside the cached object.)
    for object in ["oxyc_rt.o", "oxyc_rt_hot.o"] {
        assert_eq!(
            first
                .iter()
                .filter(|l| l.contains(&format!("/.{object}.")))
                .count(),
            1,
            "{object}: {first:?}"
        );
    }
    assert_eq!(first.len(), 2 + 2 * 10, "{first:?}");

    build();
    assert_eq!(
        take_log(&log),
        Vec::<String>::new(),
        "no-op rebuild ran the C compiler"
    );

    // One function body changed: that module alone is compiled again (and linked).
    let core = p.dir().join("src/demo_pkg/core.py");
    let text = std::fs::read_to_string(&core).unwrap();
    std::fs::write(&core, text.replace("return out\n", "return out[:]\n")).unwrap();
    build();
    let third = take_log(&log);
    assert_eq!(third.len(), 2, "{third:?}");
    assert!(third.iter().all(|l| l.contains("core")), "{third:?}");

    // Corrupt cache entries (truncated modules and runtime object) are rebuilt, not used.
    let mut corrupted = 0;
    for sub in ["modules", "runtime"] {
        for entry in walk_files(&p.cache().join(sub)) {
            let name = entry.to_string_lossy().into_owned();
            if name.ends_with(".so") || name.ends_with(".o") {
                let bytes = std::fs::read(&entry).unwrap();
                std::fs::write(&entry, &bytes[..bytes.len() / 2]).unwrap();
                corrupted += 1;
            }
        }
    }
    assert!(corrupted >= 12, "{corrupted}");
    build();
    assert_eq!(take_log(&log).len(), 2 + 2 * 10);
    let probe = check(
        python_with_path(&out)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(true));
}

#[test]
fn bad_input_names_the_module_and_leaves_nothing_behind() {
    let p = Project::new();
    // A path that is not there.
    let out = p
        .oxyc()
        .args(["build", "src/no_such_pkg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot find `src/no_such_pkg`"),
        "{}",
        stderr(&out)
    );

    // A typo in [tool.oxyc].
    let pyproject = p.dir().join("pyproject.toml");
    let good = std::fs::read_to_string(&pyproject).unwrap();
    std::fs::write(&pyproject, good.replace("exclude =", "exclud =")).unwrap();
    let out = p.oxyc().arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("pyproject.toml") && stderr(&out).contains("exclud"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&pyproject, &good).unwrap();

    // A module that fails in the C compiler: the error names it, exit status 1, no
    // extension (or temporary file) for it; the others are built.
    let cc = p.tmp.path().join("failcc.sh");
    std::fs::write(
        &cc,
        "#!/bin/sh\ncase \"$*\" in *text.c*) echo 'text.c:1: error: injected failure' >&2; exit 1;; esac\nexec cc \"$@\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cc, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let dest = p.tmp.path().join("out");
    let out = p
        .oxyc()
        .env("CC", &cc)
        .args(["build", "-o"])
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("compiling `")
            && err.contains("util/text.py`")
            && err.contains("injected failure"),
        "{err}"
    );
    assert!(err.contains("1 of 10 modules failed"), "{err}");
    let util = dest.join("demo_pkg/util");
    let mut left: Vec<String> = std::fs::read_dir(&util)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let mut expected = vec![
        "__init__.py".to_owned(),
        format!("__init__{}", ext_suffix()),
        "text.py".to_owned(),
    ];
    expected.sort();
    assert_eq!(left, expected);
}

/// `oxyc test`: the project's tests run by pytest (installed from the package registry
/// into a scratch venv) against the compiled build; a failing test fails it.
#[test]
fn oxyc_test_runs_the_project_tests_against_the_compiled_build() {
    let p = Project::new();
    let env = p.tmp.path().join("venv");
    check(
        Command::new("python3")
            .args(["-m", "venv"])
            .arg(&env)
            .output()
            .unwrap(),
        "python3 -m venv",
    );
    let python = env.join("bin/python");
    check(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "pytest",
            ])
            .output()
            .unwrap(),
        "pip install pytest (from the package registry)",
    );
    let run = || {
        p.oxyc()
            .arg("test")
            .arg("--python")
            .arg(&python)
            .args(["--", "-q", "-p", "no:cacheprovider"])
            .output()
            .unwrap()
    };
    let out = check(run(), "oxyc test");
    // All of them, including the one that checks every module came from the build.
    assert!(stdout(&out).contains("8 passed"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("testing the compiled build (10 modules compiled, 1 left as Python)"),
        "{}",
        stderr(&out)
    );

    let tests = p.dir().join("tests/test_demo.py");
    let text = std::fs::read_to_string(&tests).unwrap();
    std::fs::write(
        &tests,
        text.replace("== [0, 1, 1, 2, 3, 5", "== [0, 1, 1, 2, 4, 5"),
    )
    .unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("1 failed, 7 passed"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn oxyc_test_needs_a_project() {
    let p = Project::new();
    let out = p
        .oxyc()
        .current_dir(p.tmp.path())
        .arg("test")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no pyproject.toml here"),
        "{}",
        stderr(&out)
    );
}

/// A relative import that cannot resolve is a warning at its line (it raises ImportError
/// only when it runs, and code may catch that); the module still builds.
#[test]
fn an_unresolvable_relative_import_is_a_warning_with_its_line() {
    let p = Project::new();
    let text = p.dir().join("src/demo_pkg/util/text.py");
    let source = std::fs::read_to_string(&text).unwrap();
    std::fs::write(
        &text,
        format!("{source}\ntry:\n    from ..speedups import fast\nexcept ImportError:\n    fast = None\n"),
    )
    .unwrap();
    let out = check(
        p.oxyc()
            .args(["build", "--no-config", "src/demo_pkg"])
            .output()
            .unwrap(),
        "oxyc build",
    );
    let err = stderr(&out);
    assert!(
        err.contains("warning: no module `demo_pkg.speedups` (ImportError when this runs)")
            && err.contains("src/demo_pkg/util/text.py:19:5"),
        "{err}"
    );
    assert!(
        p.dir()
            .join(format!("src/demo_pkg/util/text{}", ext_suffix()))
            .is_file()
    );
}

#[test]
fn an_output_tree_gets_the_package_data_and_a_launcher_main() {
    let p = Project::new();
    let src = p.tmp.path().join("datasrc");
    let pkg = src.join("datapkg");
    let files = [
        (
            "__init__.py",
            "from pathlib import Path\n\ndef grammar() -> str:\n    return (Path(__file__).parent / 'grammar.txt').read_text()\n",
        ),
        (
            "__main__.py",
            "from datapkg import grammar\nprint(grammar().strip())\n",
        ),
        ("grammar.txt", "expr: term\n"),
        ("py.typed", ""),
        ("templates/page.html", "<p>hi</p>\n"),
        ("sub/__init__.py", "X = 1\n"),
        ("sub/table.json", "{}\n"),
    ];
    for (rel, text) in files {
        let path = pkg.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    // An extension an earlier in-place build left in the sources is not copied.
    std::fs::write(pkg.join(format!("stale{}", ext_suffix())), "not a module").unwrap();
    let out = p.tmp.path().join("dataout");
    check(
        p.oxyc()
            .args(["build", "-o"])
            .arg(&out)
            .arg(&pkg)
            .output()
            .unwrap(),
        "oxyc build -o dataout datapkg",
    );
    let built = out.join("datapkg");
    for rel in [
        "grammar.txt",
        "py.typed",
        "templates/page.html",
        "sub/table.json",
    ] {
        assert!(built.join(rel).is_file(), "{rel} not copied");
    }
    assert!(!built.join(format!("stale{}", ext_suffix())).exists());
    // __main__.py stays Python, so `python -m datapkg` runs, reading its data.
    assert!(!built.join(format!("__main__{}", ext_suffix())).exists());
    assert!(built.join(format!("__init__{}", ext_suffix())).is_file());
    let run = check(
        python_with_path(&out)
            .current_dir(p.tmp.path())
            .args(["-m", "datapkg"])
            .output()
            .unwrap(),
        "python -m datapkg",
    );
    assert_eq!(stdout(&run), "expr: term\n");
}
