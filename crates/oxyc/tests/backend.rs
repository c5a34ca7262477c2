//! The PEP 517 backend `oxyc.build` (python/oxyc/build.py) on the example project:
//! `pip wheel` through it, the wheel installed into a fresh venv and imported there (its
//! own tests run against it), the pure-Python fallback, the sdist, editable installs,
//! keep-sources = false, and a failed compile. The backend runs from the repository's
//! python/ directory with the `oxyc` binary of this build (`OXYC`), and pip installs
//! with `--no-index --no-build-isolation`: nothing is downloaded.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{PROBE, Project, check, ext_suffix, probe_expected, repo_root, stderr, stdout};

/// `python3 ARGS` that can import `oxyc` (the backend) and find the oxyc binary.
/// The tests of this file run in parallel threads, and `maturin build` may relink
/// `target/debug/oxyc` (the binary the others run) while it packs it: the other tests
/// hold this shared while they run, maturin's build holds it exclusively.
static OXYC_BINARY: std::sync::RwLock<()> = std::sync::RwLock::new(());

fn binary_in_use() -> std::sync::RwLockReadGuard<'static, ()> {
    OXYC_BINARY.read().unwrap_or_else(|e| e.into_inner())
}

fn backend_python(p: &Project) -> Command {
    let mut cmd = Command::new("python3");
    cmd.current_dir(p.dir())
        .env("PYTHONPATH", repo_root().join("python"))
        .env("OXYC", env!("CARGO_BIN_EXE_oxyc"))
        .env("OXYC_CACHE_DIR", p.cache())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("OXYC_SKIP_COMPILE")
        .env_remove("CC")
        .env_remove("CFLAGS");
    cmd
}

/// Call one backend hook directly: `oxyc.build.HOOK(DIR)`; returns the file name.
fn hook(p: &Project, hook: &str, dir: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = backend_python(p);
    cmd.envs(env.iter().copied()).args([
        "-c",
        &format!("import sys, oxyc.build as b; print(b.{hook}(sys.argv[1]))"),
    ]);
    cmd.arg(dir);
    cmd.output().expect("python3")
}

/// A fresh virtual environment; returns its python.
fn venv(dir: &Path) -> PathBuf {
    check(
        Command::new("python3")
            .args(["-m", "venv"])
            .arg(dir)
            .output()
            .unwrap(),
        "python3 -m venv",
    );
    dir.join("bin/python")
}

fn pip_install(python: &Path, args: &[&std::ffi::OsStr]) {
    check(
        Command::new(python)
            .args([
                "-m",
                "pip",
                "install",
                "--no-index",
                "--no-deps",
                "--disable-pip-version-check",
                "-q",
            ])
            .args(args)
            .env("PYTHONPATH", repo_root().join("python"))
            .output()
            .unwrap(),
        "pip install",
    );
}

/// The names in a zip archive, and a check of RECORD (every file listed with its sha256).
fn wheel_contents(wheel: &Path) -> Vec<String> {
    let out = check(
        Command::new("python3")
            .args([
                "-c",
                r#"
import base64, csv, hashlib, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
record = [n for n in names if n.endswith(".dist-info/RECORD")]
assert len(record) == 1, record
rows = {r[0]: r for r in csv.reader(io.StringIO(z.read(record[0]).decode()))}
assert set(rows) == set(names), set(rows) ^ set(names)
for n in names:
    if n == record[0]:
        continue
    data = z.read(n)
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert rows[n][1] == "sha256=" + digest and rows[n][2] == str(len(data)), n
print("\n".join(names))
"#,
            ])
            .arg(wheel)
            .output()
            .unwrap(),
        "reading the wheel",
    );
    stdout(&out).lines().map(str::to_owned).collect()
}

#[test]
fn pip_wheel_through_the_backend_installs_a_compiled_package() {
    let _binary = binary_in_use();
    let p = Project::new();
    let dist = p.tmp.path().join("dist");
    let out = check(
        backend_python(&p)
            .args([
                "-m",
                "pip",
                "wheel",
                ".",
                "--no-build-isolation",
                "--no-deps",
                "--no-index",
                "--disable-pip-version-check",
                "-w",
            ])
            .arg(&dist)
            .output()
            .unwrap(),
        "pip wheel",
    );
    let _ = out;
    let wheels: Vec<PathBuf> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(wheels.len(), 1, "{wheels:?}");
    let wheel = &wheels[0];
    let name = wheel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("demo_pkg-0.3.1-cp3"), "{name}");
    assert!(!name.contains("none-any"), "{name}");
    let contents = wheel_contents(wheel);
    assert!(contents.contains(&format!("demo_pkg/util/text{}", ext_suffix())));
    assert!(contents.contains(&"demo_pkg/util/text.py".to_owned()));
    assert!(contents.contains(&"demo_pkg/plugins.py".to_owned()));
    assert!(
        !contents
            .iter()
            .any(|n| n.starts_with("demo_pkg/plugins.cpython"))
    );

    let env = p.tmp.path().join("venv");
    let python = venv(&env);
    pip_install(&python, &[wheel.as_os_str()]);
    // From a neutral directory, with nothing on PYTHONPATH: the installed package.
    let probe = check(
        Command::new(&python)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .env_remove("PYTHONPATH")
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(true));
    let tests = check(
        Command::new(&python)
            .current_dir(p.tmp.path())
            .arg(p.dir().join("tests/test_demo.py"))
            .env_remove("PYTHONPATH")
            .output()
            .unwrap(),
        "the package's tests",
    );
    assert!(
        stdout(&tests).ends_with("all passed\n"),
        "{}",
        stdout(&tests)
    );
    // The console script from [project.scripts] runs the compiled module.
    let script = check(
        Command::new(env.join("bin/demo-fib"))
            .arg("30")
            .output()
            .unwrap(),
        "demo-fib",
    );
    assert_eq!(stdout(&script), "832040\n");
}

#[test]
fn without_a_compiler_or_with_skip_compile_the_wheel_is_pure_python() {
    let _binary = binary_in_use();
    let p = Project::new();
    let dist = p.tmp.path().join("dist");
    let skipped = check(
        hook(&p, "build_wheel", &dist, &[("OXYC_SKIP_COMPILE", "1")]),
        "build_wheel",
    );
    assert_eq!(stdout(&skipped), "demo_pkg-0.3.1-py3-none-any.whl\n");
    assert!(
        stderr(&skipped).contains("OXYC_SKIP_COMPILE is set: building a pure-Python wheel"),
        "{}",
        stderr(&skipped)
    );
    let wheel = dist.join("demo_pkg-0.3.1-py3-none-any.whl");
    let contents = wheel_contents(&wheel);
    assert!(contents.contains(&"demo_pkg/core.py".to_owned()));
    assert!(!contents.iter().any(|n| n.ends_with(".so")), "{contents:?}");
    std::fs::remove_file(&wheel).unwrap();

    let no_cc = check(
        hook(&p, "build_wheel", &dist, &[("CC", "/nonexistent/cc")]),
        "build_wheel without a C compiler",
    );
    assert!(
        stderr(&no_cc).contains("no C compiler found (`/nonexistent/cc`"),
        "{}",
        stderr(&no_cc)
    );
    assert_eq!(stdout(&no_cc), "demo_pkg-0.3.1-py3-none-any.whl\n");

    let env = p.tmp.path().join("venv");
    let python = venv(&env);
    pip_install(&python, &[wheel.as_os_str()]);
    let probe = check(
        Command::new(&python)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(false));
}

#[test]
fn the_sdist_holds_sources_only() {
    let _binary = binary_in_use();
    let p = Project::new();
    // Build products in the checkout (an in-place build) must stay out of the sdist.
    check(
        p.oxyc().args(["build", "src/demo_pkg"]).output().unwrap(),
        "in-place build",
    );
    assert!(
        p.dir()
            .join(format!("src/demo_pkg/core{}", ext_suffix()))
            .is_file()
    );
    let dist = p.tmp.path().join("dist");
    let out = check(hook(&p, "build_sdist", &dist, &[]), "build_sdist");
    assert_eq!(stdout(&out), "demo_pkg-0.3.1.tar.gz\n");
    let list = check(
        Command::new("python3")
            .args([
                "-c",
                "import sys, tarfile; print('\\n'.join(sorted(tarfile.open(sys.argv[1]).getnames())))",
            ])
            .arg(dist.join("demo_pkg-0.3.1.tar.gz"))
            .output()
            .unwrap(),
        "listing the sdist",
    );
    let names = stdout(&list);
    let expected = [
        "PKG-INFO",
        "pyproject.toml",
        "src/demo_pkg/__init__.py",
        "src/demo_pkg/cli.py",
        "src/demo_pkg/core.py",
        "src/demo_pkg/cycle_a.py",
        "src/demo_pkg/cycle_b.py",
        "src/demo_pkg/plugins.py",
        "src/demo_pkg/shapes/__init__.py",
        "src/demo_pkg/shapes/circle.py",
        "src/demo_pkg/shapes/square.py",
        "src/demo_pkg/util/__init__.py",
        "src/demo_pkg/util/text.py",
        "tests/test_demo.py",
    ];
    let mut want: Vec<String> = expected
        .iter()
        .map(|n| format!("demo_pkg-0.3.1/{n}"))
        .collect();
    want.sort();
    assert_eq!(names, want.join("\n") + "\n");

    // The sdist builds a compiled wheel again (what pip does with an sdist).
    let unpacked = p.tmp.path().join("unpacked");
    check(
        Command::new("python3")
            .args([
                "-c",
                "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])",
            ])
            .arg(dist.join("demo_pkg-0.3.1.tar.gz"))
            .arg(&unpacked)
            .output()
            .unwrap(),
        "unpacking the sdist",
    );
    let out = check(
        backend_python(&p)
            .current_dir(unpacked.join("demo_pkg-0.3.1"))
            .args([
                "-c",
                "import sys, oxyc.build as b; print(b.build_wheel(sys.argv[1]))",
            ])
            .arg(&dist)
            .output()
            .unwrap(),
        "build_wheel from the sdist",
    );
    assert!(stdout(&out).contains("-cp3"), "{}", stdout(&out));
}

#[test]
fn editable_installs_run_the_checkout() {
    let _binary = binary_in_use();
    let p = Project::new();
    let env = p.tmp.path().join("venv");
    let python = venv(&env);
    check(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--no-index",
                "--no-build-isolation",
                "--disable-pip-version-check",
                "-q",
                "-e",
            ])
            .arg(p.dir())
            .env("PYTHONPATH", repo_root().join("python"))
            .env("OXYC", env!("CARGO_BIN_EXE_oxyc"))
            .output()
            .unwrap(),
        "pip install -e",
    );
    let show = || {
        let out = check(
            Command::new(&python)
                .current_dir(p.tmp.path())
                .args([
                    "-c",
                    "import demo_pkg.core as c; print(c.__file__); print(c.fib(10))",
                ])
                .output()
                .unwrap(),
            "import",
        );
        stdout(&out)
    };
    let source = p.dir().join("src/demo_pkg/core.py");
    let canonical = std::fs::canonicalize(&source).unwrap();
    assert_eq!(show(), format!("{}\n55\n", canonical.display()));
    // An edit in the checkout is what the environment runs.
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("    return a\n", "    return a + 1\n"),
    )
    .unwrap();
    assert_eq!(show(), format!("{}\n56\n", canonical.display()));
}

#[test]
fn keep_sources_false_ships_extensions_alone() {
    let _binary = binary_in_use();
    let p = Project::new();
    let pyproject = p.dir().join("pyproject.toml");
    let text = std::fs::read_to_string(&pyproject).unwrap();
    std::fs::write(&pyproject, format!("{text}keep-sources = false\n")).unwrap();
    let dist = p.tmp.path().join("dist");
    check(hook(&p, "build_wheel", &dist, &[]), "build_wheel");
    let wheel = std::fs::read_dir(&dist)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let contents = wheel_contents(&wheel);
    let py: Vec<&String> = contents.iter().filter(|n| n.ends_with(".py")).collect();
    assert_eq!(py, ["demo_pkg/plugins.py"], "{contents:?}");
    // Installed, it works without the sources.
    let env = p.tmp.path().join("venv");
    let python = venv(&env);
    pip_install(&python, &[wheel.as_os_str()]);
    let probe = check(
        Command::new(&python)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(true));
}

#[test]
fn a_failed_compile_writes_no_wheel() {
    let _binary = binary_in_use();
    let p = Project::new();
    let core = p.dir().join("src/demo_pkg/core.py");
    std::fs::write(&core, "def broken(:\n    pass\n").unwrap();
    let dist = p.tmp.path().join("dist");
    let out = hook(&p, "build_wheel", &dist, &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("core.py") && err.contains("No wheel was written"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(&dist)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

/// The directory cargo builds into (`target/`), from the path of the oxyc binary under test
/// (`target/debug/oxyc`).
fn cargo_target_dir() -> PathBuf {
    let exe = Path::new(env!("CARGO_BIN_EXE_oxyc"));
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .expect("target dir")
}

/// oxyc's own wheel, as users get it: maturin (installed from PyPI into a scratch venv)
/// packs the debug binary this test run already built (same target directory and profile,
/// so cargo has nothing to do) with python/oxyc; installed into a fresh venv, it runs as
/// `oxyc` and `python -m oxyc`, and is the build backend of the example project with no
/// help from the environment (no OXYC, no PYTHONPATH).
#[test]
fn the_maturin_wheel_of_oxyc_works_from_a_venv() {
    let p = Project::new();
    let tools = p.tmp.path().join("tools");
    let tools_python = venv(&tools);
    check(
        Command::new(&tools_python)
            .args([
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "maturin>=1.5,<2",
            ])
            .output()
            .unwrap(),
        "pip install maturin (from the package registry)",
    );
    // maturin runs `cargo metadata` offline, which needs every package of the lock
    // file, those of other platforms too (a fresh registry cache has only what the
    // build for this one downloaded).
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    check(
        Command::new(cargo)
            .current_dir(repo_root())
            .args(["fetch", "--locked"])
            .output()
            .unwrap(),
        "cargo fetch (from the package registry)",
    );
    let dist = p.tmp.path().join("oxyc-dist");
    let rebuilding = OXYC_BINARY.write().unwrap_or_else(|e| e.into_inner());
    check(
        Command::new(tools.join("bin/maturin"))
            .current_dir(repo_root())
            .args(["build", "--profile", "dev", "--offline", "-o"])
            .arg(&dist)
            .env("CARGO_TARGET_DIR", cargo_target_dir())
            .output()
            .unwrap(),
        "maturin build",
    );
    drop(rebuilding);
    let wheel = std::fs::read_dir(&dist)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = wheel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("oxyc-") && name.ends_with(".whl"),
        "{name}"
    );

    let env = p.tmp.path().join("venv");
    let python = venv(&env);
    pip_install(&python, &[wheel.as_os_str()]);
    let version = check(
        Command::new(env.join("bin/oxyc"))
            .arg("--version")
            .output()
            .unwrap(),
        "oxyc --version",
    );
    assert!(
        stdout(&version).starts_with("oxyc "),
        "{}",
        stdout(&version)
    );
    let found = check(
        Command::new(&python)
            .args(["-c", "import oxyc; print(oxyc.find_oxyc_bin())"])
            .env_remove("OXYC")
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap(),
        "find_oxyc_bin",
    );
    assert_eq!(
        stdout(&found).trim(),
        env.join("bin/oxyc").display().to_string()
    );
    let via_module = check(
        Command::new(&python)
            .args(["-m", "oxyc", "--version"])
            .output()
            .unwrap(),
        "python -m oxyc",
    );
    assert_eq!(stdout(&via_module), stdout(&version));

    // The installed oxyc is the example project's build backend.
    let wheels = p.tmp.path().join("wheels");
    check(
        Command::new(&python)
            .current_dir(p.dir())
            .args([
                "-m",
                "pip",
                "wheel",
                ".",
                "--no-build-isolation",
                "--no-deps",
                "--no-index",
                "--disable-pip-version-check",
                "-w",
            ])
            .arg(&wheels)
            .env("OXYC_CACHE_DIR", p.cache())
            .env_remove("OXYC")
            .env_remove("PYTHONPATH")
            .output()
            .unwrap(),
        "pip wheel with the installed backend",
    );
    let demo = std::fs::read_dir(&wheels)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    pip_install(&python, &[demo.as_os_str()]);
    let probe = check(
        Command::new(&python)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .env_remove("PYTHONPATH")
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(true));
}

/// `setup(ext_modules=compile_modules([...]))`: oxyc writes C, setuptools compiles it
/// (in a venv, which has setuptools); the built tree imports with every module but the
/// excluded one compiled. OXYC_SKIP_COMPILE gives no extensions.
#[test]
fn the_setuptools_helper_builds_extensions_with_setuptools() {
    let _binary = binary_in_use();
    let p = Project::new();
    let proj = p.tmp.path().join("setuptools_project");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::copy(
        repo_root().join("tests/packages/setuptools_project/setup.py"),
        proj.join("setup.py"),
    )
    .unwrap();
    common::copy_tree(&p.dir().join("src"), &proj.join("src"));
    let python = venv(&p.tmp.path().join("venv"));
    let setup = |out: &str, skip: bool| {
        let mut cmd = Command::new(&python);
        cmd.current_dir(&proj)
            .args(["setup.py", "-q", "build", "--build-lib", out])
            .env("PYTHONPATH", repo_root().join("python"))
            .env("OXYC", env!("CARGO_BIN_EXE_oxyc"))
            .env("OXYC_CACHE_DIR", p.cache());
        if skip {
            cmd.env("OXYC_SKIP_COMPILE", "1");
        } else {
            cmd.env_remove("OXYC_SKIP_COMPILE");
        }
        check(cmd.output().unwrap(), "setup.py build")
    };
    setup("out", false);
    let probe = check(
        Command::new(&python)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .env("PYTHONPATH", proj.join("out"))
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(true));

    let skipped = setup("pure", true);
    assert!(
        stderr(&skipped).contains("OXYC_SKIP_COMPILE is set: no modules are compiled"),
        "{}",
        stderr(&skipped)
    );
    let probe = check(
        Command::new(&python)
            .current_dir(p.tmp.path())
            .args(["-c", PROBE])
            .env("PYTHONPATH", proj.join("pure"))
            .output()
            .unwrap(),
        "probe",
    );
    assert_eq!(stdout(&probe), probe_expected(false));
}
