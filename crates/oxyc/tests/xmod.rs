//! Cross-module calls (tests/xmod): modules compiled in one build call each other's
//! functions directly, and behave as interpreted — with a callee monkeypatched, a
//! module left out of the build, an import cycle, a callee run interpreted after all,
//! and a callee rebuilt with another signature than its callers were compiled
//! against. The build cache recompiles a caller only when its view of a callee
//! changed. Native classes of one module (geom) are used in place from another
//! (geouse), and the same way as interpreted when geom runs interpreted or was
//! rebuilt with another layout.

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
        self.run_module("xpkg.main", dir)
    }

    /// Module `module`'s tests through the run-test harness.
    fn run_module(&self, module: &str, dir: &Path) -> String {
        let out = Command::new("python3")
            .arg(repo_root().join("tests/harness/run_file.py"))
            .arg(module)
            .arg("--path")
            .arg(dir)
            .current_dir(self.tmp.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .expect("run python3");
        stdout(&check(out, &format!("{module} from {}", dir.display())))
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
    for m in [
        "__init__", "main", "mathx", "shapes", "cyc_a", "cyc_b", "geom", "geouse", "tcheck",
        "dictuse",
    ] {
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
        // (Functions taking or returning a native instance.)
        "xpkg.shapes.make",
        "xpkg.shapes.norm2",
    ] {
        assert!(
            main.contains(&format!("/* {callee}, direct */")),
            "no direct call of {callee} in main.c"
        );
    }
    assert!(t.c_of("cyc_a").contains("/* xpkg.cyc_b.pong, direct */"));
    assert!(t.c_of("cyc_b").contains("/* xpkg.cyc_a.ping, direct */"));
    // ... but not what cannot be: a function its module rebinds, a module left out
    // of the build.
    for callee in ["xpkg.mathx.rebound", "xpkg.plain."] {
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
    // The runtime's two units, then a compile and a link per module (10).
    assert_eq!(first.len(), 2 + 2 * 10, "{first:?}");

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

/// Runs `code` with `dir` first on the module path; its stdout.
fn python(dir: &Path, code: &str) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sys; sys.path.insert(0, {:?})\n{code}",
            dir.to_string_lossy()
        ))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("run python3");
    stdout(&check(out, "python3 -c"))
}

#[test]
fn native_classes_of_another_module_are_used_directly_and_agree_with_the_interpreter() {
    let t = Tree::new();
    t.build_all(None);
    let interpreted = t.run_module("xpkg.geouse", &t.src());
    assert!(
        interpreted.ends_with("-- 7 passed, 0 failed\n"),
        "{interpreted}"
    );
    assert_eq!(
        t.run_module("xpkg.geouse", &t.out()),
        interpreted,
        "compiled run differs"
    );
    // Attributes set from outside on geom's instances (their instance __dict__),
    // read and called from another compiled module.
    let dict_interpreted = t.run_module("xpkg.dictuse", &t.src());
    assert!(
        dict_interpreted.ends_with("-- 3 passed, 0 failed\n"),
        "{dict_interpreted}"
    );
    assert_eq!(
        t.run_module("xpkg.dictuse", &t.out()),
        dict_interpreted,
        "compiled dictuse differs"
    );

    // geouse reads and writes the fields of geom's instances in place, in the struct
    // it declares from geom's interface, after an exact-type test through the slot
    // of each class...
    let c = t.c_of("geouse");
    for class in ["Point", "Point3", "Node", "Pair"] {
        assert!(
            c.contains(&format!(
                "/* class xpkg.geom.{class} of another module, layout 0x"
            )),
            "{class} not seen from geouse"
        );
    }
    assert!(c.contains("oxy_xclass_is(&oxy_xc["), "no exact-type test");
    assert!(c.contains("((oxy_xobj_0 *)"), "no field access in place");
    // ... calls their methods through the class's method table, one direct call per
    // compiled class that may override it (Point3.norm1) ...
    for method in [
        "xpkg.geom.Point.norm1",
        "xpkg.geom.Point3.norm1",
        "xpkg.geom.Point.scaled",
        "xpkg.geom.Point.label",
        "xpkg.geom.Point.moved",
        "xpkg.geom.Node.total",
        // (Operators: `acc + v`, `v * 2.0`, and `acc += v` through `__add__`.)
        "xpkg.geom.V2.__add__",
        "xpkg.geom.V2.__mul__",
        // (`-v` through `__neg__`.)
        "xpkg.geom.V2.__neg__",
    ] {
        assert!(
            c.contains(&format!("/* {method}, direct */")),
            "no direct call of {method} in geouse.c"
        );
    }
    // (`__sub__` may return NotImplemented: the operator's whole protocol.)
    assert!(!c.contains("/* xpkg.geom.V2.__sub__, direct */"));
    // ... constructs them (allocation and a direct call of the compiled `__init__`,
    // when the name holds the class) ...
    assert!(c.contains("oxy_xclass_ready(&oxy_xc["));
    for init in [
        "xpkg.geom.Point.__init__",
        "xpkg.geom.Point3.__init__",
        "xpkg.geom.Node.__init__",
    ] {
        assert!(c.contains(&format!("/* {init}, direct */")), "{init}");
    }
    // ... and calls the functions taking and returning instances directly.
    for f in [
        "xpkg.geom.dot",
        "xpkg.geom.make_point",
        "xpkg.geom.first_name",
    ] {
        assert!(c.contains(&format!("/* {f}, direct */")), "{f}");
    }
    // A class whose unset fields ask `__getattr__` is not shown to other modules.
    assert!(!c.contains("xpkg.geom.Weird"));

    // Annotations naming the classes through imports under `if TYPE_CHECKING:`
    // (which never run) give the same direct access.
    let tc_interpreted = t.run_module("xpkg.tcheck", &t.src());
    assert!(
        tc_interpreted.ends_with("-- 3 passed, 0 failed\n"),
        "{tc_interpreted}"
    );
    assert_eq!(t.run_module("xpkg.tcheck", &t.out()), tc_interpreted);
    let tc = t.c_of("tcheck");
    for class in ["Point", "Node"] {
        assert!(
            tc.contains(&format!(
                "/* class xpkg.geom.{class} of another module, layout 0x"
            )),
            "{class} not seen from tcheck"
        );
    }
    assert!(tc.contains("/* xpkg.geom.Point.norm1, direct */"));

    // Stores of the wrong type raise the class's own TypeError (never a crash), in
    // place or through its setter.
    let checks = python(
        &t.out(),
        r#"
from xpkg.geouse import store_x, store_next
from xpkg.geom import Point, Node
p, n = Point(1, 2), Node(1.0, "a")
for f, o, v in [(store_x, p, "s"), (store_next, n, 5), (store_next, n, p)]:
    try:
        f(o, v)
        print("stored")
    except TypeError as e:
        print(e)
store_next(n, Node(2.0, "b"))
print(n.total())
"#,
    );
    assert_eq!(
        checks,
        "attribute 'x' of 'Point' objects must be int, not str\n\
         attribute 'nxt' of 'Node' objects must be Optional[Node], not int\n\
         attribute 'nxt' of 'Node' objects must be Optional[Node], not Point\n\
         3.0\n"
    );

    // geom run interpreted after all: the same code takes the ordinary paths.
    let mixed = t.tmp.path().join("mixed");
    copy_tree(&t.out(), &mixed);
    for m in ["__init__", "geouse"] {
        std::fs::copy(extension(&t.out(), m), extension(&mixed, m)).expect("copy");
    }
    assert!(!extension(&mixed, "geom").exists());
    assert_eq!(
        t.run_module("xpkg.geouse", &mixed),
        interpreted,
        "run with geom interpreted"
    );
}

#[test]
fn a_class_rebuilt_with_another_layout_is_used_the_ordinary_way() {
    let t = Tree::new();
    t.build_all(None);
    let expected = t.run_module("xpkg.geouse", &t.src());
    // Point gets a field before its others (every field moves); only geom is
    // rebuilt, so geouse still has the old struct: it must notice the layout hash
    // and use attribute access and method calls instead.
    let geom = t.src().join("xpkg/geom.py");
    let text = std::fs::read_to_string(&geom).unwrap();
    let changed = text.replace(
        "        self.x = x\n        self.y = y\n",
        "        self.tag = \"t\"\n        self.x = x\n        self.y = y\n",
    );
    assert_ne!(changed, text);
    std::fs::write(&geom, changed).unwrap();
    let before = std::fs::read(extension(&t.out(), "geouse")).unwrap();
    t.build(&["xpkg", "--include", "xpkg/geom.py"], None);
    assert_eq!(
        std::fs::read(extension(&t.out(), "geouse")).unwrap(),
        before
    );
    assert_eq!(t.run_module("xpkg.geouse", &t.out()), expected);
    assert_eq!(t.run_module("xpkg.geouse", &t.src()), expected);
}

#[test]
fn a_method_body_change_recompiles_the_class_module_alone_a_field_change_its_users_too() {
    let t = Tree::new();
    let (cc, log) = logging_cc(t.tmp.path());
    t.build_all(Some(&cc));
    take_log(&log);
    let geom = t.src().join("xpkg/geom.py");
    let text = std::fs::read_to_string(&geom).unwrap();
    // A method body: geouse's view of geom (layout, method table) is the same.
    let body = text.replace(
        "return abs(self.x) + abs(self.y)\n",
        "return abs(self.y) + abs(self.x)\n",
    );
    assert_ne!(body, text);
    std::fs::write(&geom, &body).unwrap();
    t.build_all(Some(&cc));
    let second = take_log(&log);
    assert_eq!(second.len(), 2, "{second:?}");
    assert!(second.iter().all(|l| l.contains("geom")), "{second:?}");

    // A field: geom, and geouse, tcheck and dictuse, which read the fields in
    // place, are compiled again.
    let field = body.replace(
        "        self.x = x\n        self.y = y\n",
        "        self.x = x\n        self.y = y\n        self.tag = 0\n",
    );
    assert_ne!(field, body);
    std::fs::write(&geom, field).unwrap();
    t.build_all(Some(&cc));
    let third = take_log(&log);
    assert_eq!(third.len(), 8, "{third:?}");
    for user in ["geouse", "tcheck", "dictuse"] {
        assert_eq!(
            third.iter().filter(|l| l.contains(user)).count(),
            2,
            "{third:?}"
        );
    }
    assert_eq!(
        t.run_module("xpkg.geouse", &t.out()),
        t.run_module("xpkg.geouse", &t.src())
    );
}
