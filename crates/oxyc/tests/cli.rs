//! The `oxyc` binary from the outside: exit statuses, messages, files written (or not).
//! Every test works in its own temporary directory with its own cache.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

struct Env {
    tmp: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(tmp.path().join("src")).expect("src dir");
        Env { tmp }
    }

    /// Where sources go (and outputs, by default); the cache lives elsewhere.
    fn src(&self) -> PathBuf {
        self.tmp.path().join("src")
    }

    fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.src().join(name);
        std::fs::write(&path, content).expect("write source");
        path
    }

    /// `oxyc ARGS` run in src/, with a private cache and no colour.
    fn oxyc(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_oxyc"));
        cmd.current_dir(self.src())
            .env("OXYC_CACHE_DIR", self.tmp.path().join("cache"))
            .env("NO_COLOR", "1")
            .env_remove("CC")
            .env_remove("CFLAGS")
            .env_remove("LDFLAGS");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.oxyc().args(args).output().expect("run oxyc")
    }

    /// The names of the files in src/, sorted.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.src())
            .expect("read src")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The target interpreter's EXT_SUFFIX, e.g. `.cpython-311-x86_64-linux-gnu.so`.
fn ext_suffix() -> &'static str {
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

fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "oxyc panicked:\n{err}");
    assert_ne!(out.status.code(), Some(101), "oxyc panicked:\n{err}");
}

// ---------------------------------------------------------------------------------------
// The command line itself

#[test]
fn version() {
    let out = Env::new().run(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        format!("oxyc {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_teaches_with_examples() {
    let env = Env::new();
    for args in [&["--help"][..], &["help"]] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}");
        let text = stdout(&out);
        for needle in [
            "oxyc build fib.py && python3 -c \"import fib\"",
            "oxyc run script.py arg1",
            "oxyc build -O3 --emit-c mod.py",
            "build",
            "run",
        ] {
            assert!(text.contains(needle), "{args:?} lacks {needle:?}:\n{text}");
        }
    }
    let out = env.run(&["help", "build"]);
    assert!(out.status.success());
    for needle in [
        "--out-dir",
        "--python",
        "--emit-ir",
        "--emit-c",
        "-O <LEVEL>",
        "--jobs",
    ] {
        assert!(stdout(&out).contains(needle), "build help lacks {needle}");
    }
    let out = env.run(&["run", "--help"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("sys.argv"));
}

#[test]
fn usage_errors_exit_with_2() {
    let env = Env::new();
    env.write("m.py", "x = 1\n");
    for args in [
        &[][..],
        &["build"],
        &["run"],
        &["build", "-O9", "m.py"],
        &["frobnicate"],
        &["build", "-j", "0", "m.py"],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_no_panic(&out);
    }
    assert_eq!(env.files(), ["m.py"]);
}

// ---------------------------------------------------------------------------------------
// Bad input: a diagnostic, exit status 1, no output written or replaced, never a panic

#[test]
fn a_syntax_error_is_reported_with_location_and_leaves_old_output_alone() {
    let env = Env::new();
    env.write(
        "bad.py",
        "def f(x: int) -> int:\n    return x +\n\nprint(f(1))\n",
    );
    let so = format!("bad{}", ext_suffix());
    let old = b"an earlier, working build".to_vec();
    env.write(&so, &old);

    let out = env.run(&["build", "bad.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&out);
    let err = stderr(&out);
    assert!(err.contains("error: "), "{err}");
    assert!(err.contains("--> bad.py:2:15"), "{err}");
    assert!(err.contains("2 |     return x +"), "{err}");
    assert!(err.contains('^'), "{err}");
    assert_eq!(std::fs::read(env.src().join(&so)).expect("old output"), old);
    let mut expected = vec!["bad.py".to_owned(), so];
    expected.sort();
    assert_eq!(env.files(), expected);
}

#[test]
fn emit_flags_write_nothing_when_compilation_fails() {
    let env = Env::new();
    env.write("bad.py", "x = (\n");
    let out = env.run(&["build", "--emit-c", "--emit-ir", "bad.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(env.files(), ["bad.py"]);
    // An output directory the failed build would have created is not left behind;
    // one that was there stays.
    let out = env.run(&["build", "-o", "newdir", "bad.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(env.files(), ["bad.py"]);
    std::fs::create_dir(env.src().join("kept")).expect("dir");
    let out = env.run(&["build", "-o", "kept", "bad.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(env.src().join("kept").is_dir());
}

#[test]
fn random_bytes_fail_cleanly() {
    let env = Env::new();
    // A fixed pseudo-random sequence, so a failure can be reproduced.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut files = Vec::new();
    for i in 0..8 {
        let bytes: Vec<u8> = (0..1000 + i * 300).map(|_| next() as u8).collect();
        files.push(env.write(&format!("rnd{i}.py"), bytes));
    }
    // Random *text* too, so the parser (not just the UTF-8 check) sees garbage.
    let alphabet: Vec<char> =
        "()[]{}:;,.=+-*/%<>!&|^~@'\"#\\\n\t abcxyz019_éλ😀deflambdaifwhileasyncf\"{"
            .chars()
            .collect();
    for i in 0..8 {
        let text: String = (0..400 + i * 100)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        files.push(env.write(&format!("txt{i}.py"), text));
    }
    let mut args = vec!["build".to_owned()];
    args.extend(
        files
            .iter()
            .map(|f| f.file_name().expect("name").to_string_lossy().into_owned()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = env.run(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_no_panic(&out);
    assert!(stderr(&out).contains("rnd0.py"), "{}", stderr(&out));
    assert!(
        !env.files().iter().any(|f| f.ends_with(ext_suffix())),
        "{:?}",
        env.files()
    );
}

#[test]
fn a_missing_file_is_named() {
    let env = Env::new();
    let out = env.run(&["build", "nowhere/missing.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&out);
    assert!(
        stderr(&out).contains("nowhere/missing.py"),
        "{}",
        stderr(&out)
    );

    let out = env.run(&["run", "missing_script.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("missing_script.py"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_empty_directory_or_a_bad_module_name_is_an_error() {
    let env = Env::new();
    // Directories are inputs (packages, directories of modules); one without modules is
    // an error naming it.
    std::fs::create_dir(env.src().join("pkg.py")).expect("dir");
    let out = env.run(&["build", "pkg.py"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("`pkg.py` holds no Python modules"), "{err}");
    env.write("my-module.py", "x = 1\n");
    let out = env.run(&["build", "my-module.py"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("`my-module` is not a valid module name"),
        "{err}"
    );
    // A Python identifier outside ASCII is a valid name oxyc cannot take: said so.
    env.write("caf\u{e9}.py", "x = 1\n");
    let out = env.run(&["build", "caf\u{e9}.py"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("is a valid Python module name, but oxyc compiles only ASCII module names"),
        "{err}"
    );
}

#[test]
fn a_missing_interpreter_is_named() {
    let env = Env::new();
    env.write("m.py", "x = 1\n");
    let out = env.run(&["build", "--python", "/no/such/python3", "m.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/no/such/python3"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn two_inputs_with_one_output_are_a_usage_error() {
    let env = Env::new();
    std::fs::create_dir(env.src().join("a")).expect("dir");
    std::fs::create_dir(env.src().join("b")).expect("dir");
    env.write("a/m.py", "x = 1\n");
    env.write("b/m.py", "x = 2\n");
    let out = env.run(&["build", "-o", "out", "a/m.py", "b/m.py"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a/m.py") && stderr(&out).contains("b/m.py"),
        "{}",
        stderr(&out)
    );
}

/// The rendered diagnostics, exactly: they are the user interface for bad input.
#[test]
fn diagnostic_snapshots() {
    let cases = [
        (
            "unclosed",
            "def f(x: int) -> int:\n    y = (x +\n         1\n    return y\n",
        ),
        (
            "newer_syntax",
            "def first[T](xs: list[T]) -> T:\n    return xs[0]\n",
        ),
        (
            "bad_indent",
            "def greet(name: str) -> str:\nreturn \"héllo \" + name\n",
        ),
        (
            "except_star_exit",
            "def parse(text: str) -> int:\n    try:\n        return int(text)\n    except* ValueError:\n        return 0\n",
        ),
    ];
    for (name, source) in cases {
        let env = Env::new();
        let file = format!("{name}.py");
        env.write(&file, source);
        let out = env.run(&["build", &file]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        insta::assert_snapshot!(name, stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------
// Building and running, end to end through the pipeline.

#[test]
fn builds_a_module_that_python_imports() {
    let env = Env::new();
    env.write(
        "fib.py",
        "def fib(n: int) -> int:\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n",
    );
    let out = env.run(&["build", "--emit-c", "--emit-ir", "fib.py"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut expected = vec![
        "fib.c".to_owned(),
        "fib.ir".to_owned(),
        "fib.py".to_owned(),
        format!("fib{}", ext_suffix()),
    ];
    expected.sort();
    assert_eq!(env.files(), expected);
    let out = Command::new("python3")
        .current_dir(env.src())
        .args([
            "-c",
            "import fib; print(fib.fib(20), fib.__file__.endswith('.so'))",
        ])
        .output()
        .expect("python3");
    assert_eq!(stdout(&out), "6765 True\n", "{}", stderr(&out));
    // A traceback names the source by its absolute path (as when the interpreter
    // imports it from a directory on sys.path), so it shows the line from anywhere.
    env.write("boom.py", "def boom(n: int) -> int:\n    return n // 0\n");
    let out = env.run(&["build", "boom.py"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = Command::new("python3")
        .current_dir(std::env::temp_dir())
        .args([
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import boom; boom.boom(1)",
            env.src().to_str().expect("utf-8 path"),
        ])
        .output()
        .expect("python3");
    let err = stderr(&out);
    let shown = format!(
        "File \"{}\", line 2, in boom",
        env.src().join("boom.py").display()
    );
    assert!(err.contains(&shown), "{err}");
    assert!(err.contains("return n // 0"), "{err}");
    for f in ["boom.py".to_owned(), format!("boom{}", ext_suffix())] {
        std::fs::remove_file(env.src().join(f)).expect("remove");
    }

    // Built again, unchanged: the C compiler does not run, the output is written anew.
    std::fs::remove_file(env.src().join(format!("fib{}", ext_suffix()))).expect("remove");
    let out = env.run(&["build", "-v", "fib.py"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("-fPIC"), "{}", stderr(&out));
    assert!(stderr(&out).contains("C unchanged"), "{}", stderr(&out));
    assert!(env.src().join(format!("fib{}", ext_suffix())).is_file());
    // A different optimisation level is a different build.
    let out = env.run(&["build", "-v", "-O1", "fib.py"]);
    assert!(stderr(&out).contains("-O1"), "{}", stderr(&out));
}

#[test]
fn builds_many_modules_into_an_output_directory_and_reports_each_failure() {
    let env = Env::new();
    for i in 0..5 {
        env.write(
            &format!("m{i}.py"),
            format!("def f() -> int:\n    return {i}\n"),
        );
    }
    env.write("broken.py", "def f(:\n");
    let out = env.run(&[
        "build",
        "-o",
        "out",
        "-j",
        "3",
        "m0.py",
        "m1.py",
        "broken.py",
        "m2.py",
        "m3.py",
        "m4.py",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.py:1:"), "{}", stderr(&out));
    let built = std::fs::read_dir(env.src().join("out"))
        .expect("out")
        .count();
    assert_eq!(built, 5);
}

#[test]
fn a_c_compiler_failure_shows_the_command_and_keeps_the_old_output() {
    let env = Env::new();
    env.write("m.py", "def f() -> int:\n    return 1\n");
    let so = format!("m{}", ext_suffix());
    env.write(&so, b"earlier build");
    let cc = env.tmp.path().join("failing-cc");
    std::fs::write(
        &cc,
        "#!/bin/sh\necho 'm.c:1:1: error: the compiler is broken today' >&2\nexit 1\n",
    )
    .expect("cc");
    make_executable(&cc);
    let out = env
        .oxyc()
        .env("CC", &cc)
        .args(["build", "m.py"])
        .output()
        .expect("oxyc");
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&out);
    let err = stderr(&out);
    assert!(err.contains(&format!("command: {}", cc.display())), "{err}");
    assert!(err.contains("the compiler is broken today"), "{err}");
    assert_eq!(
        std::fs::read(env.src().join(&so)).expect("old output"),
        b"earlier build"
    );
    let mut expected = vec!["m.py".to_owned(), so];
    expected.sort();
    assert_eq!(env.files(), expected, "no temporary file left behind");

    // CC=false: the same, with a compiler that prints nothing.
    let out = env
        .oxyc()
        .env("CC", "false")
        .args(["build", "m.py"])
        .output()
        .expect("oxyc");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("command: false "), "{}", stderr(&out));
}

const MAIN_SCRIPT: &str = r#"import sys

def greet(name: str) -> str:
    return "hello " + name

if __name__ == "__main__":
    print(greet(sys.argv[1]), len(sys.argv), sys.argv[0])
    if sys.argv[-1] == "fail":
        raise ValueError("asked to fail")
    sys.exit(int(sys.argv[2]))
"#;

#[test]
fn run_behaves_like_python() {
    let env = Env::new();
    env.write("script.py", MAIN_SCRIPT);
    let out = env.run(&["run", "script.py", "world", "3", "-v"]);
    assert_eq!(
        stdout(&out),
        "hello world 4 script.py\n",
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(3));
    let python = Command::new("python3")
        .current_dir(env.src())
        .args(["script.py", "world", "3", "-v"])
        .output()
        .expect("python3");
    assert_eq!(stdout(&out), stdout(&python));

    // An uncaught exception: a traceback naming the script, exit status 1.
    let out = env.run(&["run", "script.py", "world", "0", "fail"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("Traceback (most recent call last):"),
        "{err}"
    );
    assert!(err.contains("script.py\", line 9"), "{err}");
    assert!(err.ends_with("ValueError: asked to fail\n"), "{err}");
    assert!(
        !err.contains("<frozen") && !err.contains("<string>"),
        "{err}"
    );

    // Nothing is written beside the script.
    assert_eq!(env.files(), ["script.py"]);
}

#[test]
fn run_reuses_its_cache() {
    let env = Env::new();
    env.write("script.py", MAIN_SCRIPT);
    let first = env.run(&["run", "-v", "script.py", "a", "0"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("-fPIC"),
        "the first run compiles:\n{}",
        stderr(&first)
    );
    let second = env.run(&["run", "-v", "script.py", "b", "0"]);
    assert_eq!(stdout(&second), "hello b 3 script.py\n");
    assert!(
        !stderr(&second).contains("-fPIC"),
        "the second run compiles nothing:\n{}",
        stderr(&second)
    );
    assert!(
        !stderr(&second).contains("query sysconfig"),
        "nor asks Python:\n{}",
        stderr(&second)
    );
    // A change to the source is seen.
    env.write("script.py", MAIN_SCRIPT.replace("hello ", "bye "));
    let third = env.run(&["run", "script.py", "c", "0"]);
    assert_eq!(stdout(&third), "bye c 3 script.py\n", "{}", stderr(&third));

    // Old builds of the script are pruned: at most four are kept.
    for i in 0..5 {
        env.write(
            "script.py",
            MAIN_SCRIPT.replace("hello ", &format!("v{i} ")),
        );
        let out = env.run(&["run", "script.py", "d", "0"]);
        assert_eq!(
            stdout(&out),
            format!("v{i} d 3 script.py\n"),
            "{}",
            stderr(&out)
        );
    }
    let run_dir = env.tmp.path().join("cache/run");
    let scripts: Vec<_> = std::fs::read_dir(&run_dir)
        .expect("run dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(scripts.len(), 1);
    assert_eq!(
        std::fs::read_dir(&scripts[0]).expect("script dir").count(),
        4
    );
}

#[test]
fn run_takes_any_file_name_and_runs_from_elsewhere() {
    let env = Env::new();
    std::fs::create_dir(env.src().join("tools")).expect("dir");
    env.write(
        "tools/my-tool.py",
        "import sys\nif __name__ == '__main__':\n    print(sys.argv)\n",
    );
    let out = env.run(&["run", "tools/my-tool.py", "--flag", "-x"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "['tools/my-tool.py', '--flag', '-x']\n");
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) {}
