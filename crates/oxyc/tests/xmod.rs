//! Cross-module calls (tests/xmod): modules compiled in one build call each other's
//! functions directly, and behave as interpreted — with a callee monkeypatched, a
//! module left out of the build, an import cycle, a callee run interpreted after all,
//! and a callee rebuilt with another signature than its callers were compiled
//! against. The build cache recompiles a caller only when its view of a callee
//! changed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{check, copy_tree, ext_suffix, logging_cc, repo_root, stderr, stdout, take_log};

/// A private copy of tests/xmod and a private cache.
struct Tree {
    tmp: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_tree(&repo_root().join("tests/xmod"), &tmp.path().join("src"));
        Tree { tmp }
    }

    fn src(&self) -> PathBuf {
        self.tmp.path().join("src")
    }

    fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    /// `oxyc build -o out ARGS` in the source directory.
    fn build(&self, args: &[&str], cc: Option<&Path>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_oxyc"));
        cmd.current_dir(self.src())
            .env("OXYC_CACHE_DIR", self.tmp.path().join("cache"))
            .env("NO_COLOR", "1")
            .env_remove("CFLAGS")
            .env_remove("LDFLAGS")
            .args(["build", "--no-config", "-o"])
            .arg(self.out())
            .args(args);
        match cc {
            Some(cc) => cmd.env("CC", cc),
            None => cmd.env_remove("CC"),
        };
        check(cmd.output().expect("run oxyc"), "oxyc build")
    }

    fn build_all(&self, cc: Option<&Path>) -> Output {
        self.build(&["xpkg", "--exclude", "xpkg/plain.py", "--emit-c"], cc)
    }

    /// `xpkg.main`'s tests through the run-test harness, with `dir` first on the path.
    fn run(&self, dir: &Path) -> String {
        let out = Command::new("python3")
            .arg(repo_root().join("tests/harness/run_file.py"))
            .arg("xpkg.main")
            .arg("--path")
            .arg(dir)
            .current_dir(self.tmp.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .expect("run python3");
        stdout(&check(out, &format!("xpkg.main from {}", dir.display())))
    }

    fn c_of(&self, module: &str) -> String {
        std::fs::read_to_string(self.out().join(format!("xpkg/{module}.c"))).expect("--emit-c")
    }
}

fn extension(dir: &Path, module: &str) -> PathBuf {
    dir.join(format!("xpkg/{module}{}", ext_suffix()))
}

#[test]
fn modules_built_together_call_each_other_directly_and_agree_with_the_interpreter() {
    let t = Tree::new();
    t.build_all(None);
    for m in ["__init__", "main", "mathx", "shapes", "cyc_a", "cyc_b"] {
        assert!(extension(&t.out(), m).is_file(), "{m} not built");
    }
    assert!(!extension(&t.out(), "plain").exists());

    let interpreted = t.run(&t.src());
    assert!(
        interpreted.ends_with("-- 12 passed, 0 failed\n"),
        "{interpreted}"
    );
    assert_eq!(t.run(&t.out()), interpreted, "compiled run differs");

    // The calls are direct C calls through the per-callee site (from-imports, module
    // aliases, dotted paths, relative imports, both ways around the import cycle)...
    let main = t.c_of("main");
    for callee in [
        "xpkg.mathx.add",
        "xpkg.mathx.mix",
        "xpkg.mathx.greet",
        "xpkg.mathx.triple",
        "xpkg.mathx.big",
        "xpkg.mathx.is_even",
        "xpkg.mathx.total",
        "xpkg.cyc_b.pong",
    ] {
        assert!(
            main.contains(&format!("/* {callee}, direct */")),
            "no direct call of {callee} in main.c"
        );
    }
    assert!(t.c_of("cyc_a").contains("/* xpkg.cyc_b.pong, direct */"));
    assert!(t.c_of("cyc_b").contains("/* xpkg.cyc_a.ping, direct */"));
    // ... but not what cannot be: a function its module rebinds, a class, a
    // function taking a native instance, a module left out of the build.
    for callee in [
        "xpkg.mathx.rebound",
        "xpkg.shapes.make",
        "xpkg.shapes.norm2",
        "xpkg.plain.",
    ] {
        assert!(!main.contains(&format!("/* {callee}")), "{callee}");
    }

    // Callee modules run interpreted after all (their extensions gone): the same
    // calls go the ordinary way.
    let mixed = t.tmp.path().join("mixed");
    copy_tree(&t.out(), &mixed);
    for m in ["__init__", "main", "shapes", "cyc_a"] {
        std::fs::copy(extension(&t.out(), m), extension(&mixed, m)).expect("copy");
    }
    assert!(!extension(&mixed, "mathx").exists());
    assert_eq!(
        t.run(&mixed),
        interpreted,
        "run with mathx and cyc_b interpreted"
    );
}

#[test]
fn a_callee_rebuilt_with_another_signature_is_called_the_ordinary_way() {
    let t = Tree::new();
    t.build_all(None);
    let expected = t.run(&t.src());
    // `triple` gets a second parameter; only mathx is rebuilt, so main still calls it
    // as `triple(x)`: its call site must notice and make an ordinary call.
    let mathx = t.src().join("xpkg/mathx.py");
    let text = std::fs::read_to_string(&mathx).unwrap();
    std::fs::write(
        &mathx,
        text.replace(
            "def triple(x: int) -> int:\n    return 3 * x",
            "def triple(x: int, k: int = 3) -> int:\n    return k * x",
        ),
    )
    .unwrap();
    let before = std::fs::read(extension(&t.out(), "main")).unwrap();
    let out = t.build(&["xpkg", "--include", "xpkg/mathx.py"], None);
    assert!(
        stderr(&out).contains("excluded from compilation"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(extension(&t.out(), "main")).unwrap(), before);
    assert_eq!(t.run(&t.out()), expected);
    assert_eq!(t.run(&t.src()), expected);
}

#[test]
fn a_body_change_recompiles_that_module_alone_a_signature_change_its_callers_too() {
    let t = Tree::new();
    let (cc, log) = logging_cc(t.tmp.path());
    t.build_all(Some(&cc));
    let first = take_log(&log);
    // The runtime, then a compile and a link per module (6).
    assert_eq!(first.len(), 1 + 2 * 6, "{first:?}");

    let mathx = t.src().join("xpkg/mathx.py");
    let text = std::fs::read_to_string(&mathx).unwrap();
    // A body changed: mathx alone is compiled again; main's view of it is the same.
    std::fs::write(&mathx, text.replace("return a + b", "return b + a")).unwrap();
    t.build_all(Some(&cc));
    let second = take_log(&log);
    assert_eq!(second.len(), 2, "{second:?}");
    assert!(second.iter().all(|l| l.contains("mathx")), "{second:?}");

    // A signature changed (`add`'s return type): mathx and main, which calls it,
    // are compiled again; the modules that do not call into mathx are not.
    let text = std::fs::read_to_string(&mathx).unwrap();
    std::fs::write(
        &mathx,
        text.replace(
            "def add(a: int, b: int) -> int:",
            "def add(a: int, b: int) -> object:",
        ),
    )
    .unwrap();
    t.build_all(Some(&cc));
    let third = take_log(&log);
    assert_eq!(third.len(), 4, "{third:?}");
    assert_eq!(
        third.iter().filter(|l| l.contains("mathx")).count(),
        2,
        "{third:?}"
    );
    assert_eq!(
        third.iter().filter(|l| l.contains("main")).count(),
        2,
        "{third:?}"
    );
    assert_eq!(t.run(&t.out()), t.run(&t.src()));
}
