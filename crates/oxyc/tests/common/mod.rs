//! Helpers shared by the packaging tests: a private copy of the example project, the
//! `oxyc` binary with a private cache, Python subprocesses.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The example project in the repository.
pub fn demo_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/packages/demo_project")
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Copy a source tree, leaving out build products (`__pycache__`, extension modules,
/// `build/`, `dist/`).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "__pycache__" || name == "build" || name == "dist" || name.ends_with(".so") {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).expect("copy file");
        }
    }
}

/// A scratch directory holding a copy of the example project and a private oxyc cache.
pub struct Project {
    pub tmp: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_tree(&demo_project(), &tmp.path().join("demo_project"));
        Project { tmp }
    }

    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("demo_project")
    }

    pub fn cache(&self) -> PathBuf {
        self.tmp.path().join("cache")
    }

    /// `oxyc ARGS` in the project directory, with a private cache and no colour.
    pub fn oxyc(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_oxyc"));
        cmd.current_dir(self.dir())
            .env("OXYC_CACHE_DIR", self.cache())
            .env("NO_COLOR", "1")
            .env_remove("CC")
            .env_remove("CFLAGS")
            .env_remove("LDFLAGS")
            .env_remove("OXYC_SKIP_COMPILE");
        cmd
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Panic with both streams unless the command succeeded.
pub fn check(out: Output, what: &str) -> Output {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        stdout(&out),
        stderr(&out)
    );
    out
}

/// The target interpreter's EXT_SUFFIX, e.g. `.cpython-311-x86_64-linux-gnu.so`.
pub fn ext_suffix() -> &'static str {
    static SUFFIX: OnceLock<String> = OnceLock::new();
    SUFFIX.get_or_init(|| {
        let out = Command::new("python3")
            .args([
                "-c",
                "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))",
            ])
            .output()
            .expect("python3");
        stdout(&out).trim().to_owned()
    })
}

/// A Python snippet that imports every module of the example package and prints
/// `name: compiled|python`, then calls into it and prints the results.
pub const PROBE: &str = r#"
import importlib, sysconfig
suffix = sysconfig.get_config_var("EXT_SUFFIX")
for name in ["demo_pkg", "demo_pkg.core", "demo_pkg.cycle_a", "demo_pkg.cycle_b",
             "demo_pkg.plugins", "demo_pkg.cli", "demo_pkg.util", "demo_pkg.util.text",
             "demo_pkg.shapes", "demo_pkg.shapes.circle", "demo_pkg.shapes.square"]:
    m = importlib.import_module(name)
    kind = "compiled" if m.__file__.endswith(suffix) else "python" if m.__file__.endswith(".py") else m.__file__
    print(f"{name}: {kind}")
import demo_pkg
from demo_pkg import core, cycle_a, plugins
print(core.fib(90), core.primes_below(20), core.where())
print(cycle_a.ping(3), plugins.fib_banner(12), demo_pkg.describe())
try:
    core.fib("x")
except TypeError as e:
    print("TypeError:", e)
"#;

/// What [`PROBE`] prints for a build where everything but `plugins` is compiled.
pub fn probe_expected(compiled: bool) -> String {
    let kind = |excluded: bool| {
        if compiled && !excluded {
            "compiled"
        } else {
            "python"
        }
    };
    let mut s = String::new();
    for (name, excluded) in [
        ("demo_pkg", false),
        ("demo_pkg.core", false),
        ("demo_pkg.cycle_a", false),
        ("demo_pkg.cycle_b", false),
        ("demo_pkg.plugins", true),
        ("demo_pkg.cli", false),
        ("demo_pkg.util", false),
        ("demo_pkg.util.text", false),
        ("demo_pkg.shapes", false),
        ("demo_pkg.shapes.circle", false),
        ("demo_pkg.shapes.square", false),
    ] {
        s.push_str(&format!("{name}: {}\n", kind(excluded)));
    }
    s.push_str(
        "2880067194370816120 [2, 3, 5, 7, 11, 13, 17, 19] ('demo_pkg.core', 'demo_pkg', 'demo_pkg.core')\n",
    );
    s.push_str("['ping', 'pong', 'ping'] FIB(12) = 144! demo_pkg 0.3.1: fib(20) = 6765\n");
    if compiled {
        s.push_str("TypeError: fib() argument 'n' must be int, not str\n");
    } else {
        s.push_str("TypeError: 'str' object cannot be interpreted as an integer\n");
    }
    s
}

/// A C compiler wrapper that logs the output file of every invocation, then runs `cc`.
pub fn logging_cc(dir: &Path) -> (PathBuf, PathBuf) {
    let log = dir.join("cc.log");
    let script = dir.join("logcc.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprev=\nfor a in \"$@\"; do [ \"$prev\" = -o ] && echo \"$a\" >> '{}'; prev=$a; done\nexec cc \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    (script, log)
}

pub fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

pub fn take_log(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let _ = std::fs::remove_file(log);
    text.lines().map(str::to_owned).collect()
}
