//! The driver's back half end to end, without the pipeline: hand-written C for a module
//! is compiled and linked with the real runtime by the real C compiler, imported by the
//! real interpreter, and run as `__main__` through the `oxyc run` bootstrap. Needs
//! `python3` (with headers) and `cc`, like every build.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::build::{ModuleJob, Toolchain};
use crate::cache::Cache;
use crate::cc::CcConfig;
use crate::error::ModuleError;
use crate::python;
use crate::render::Style;
use crate::run::BOOTSTRAP;

/// A module in the shape the contract in run.rs asks for: multi-phase init, the body runs
/// in the exec slot and reads `__name__` then; the body is Python code compiled as `s.py`.
const MODULE_C: &str = r#"
#include "oxyc_rt.h"

static const char BODY[] =
    "import sys\n"
    "ran_as = __name__\n"
    "def boom():\n"
    "    raise ValueError('boom')\n"
    "if __name__ == '__main__':\n"
    "    print('main', sys.argv, __file__.endswith('s.py'), sys.path[0] == SCRIPT_DIR)\n"
    "    if sys.argv[1:] == ['raise']:\n"
    "        boom()\n"
    "    raise SystemExit(int(sys.argv[1]))\n";

static int m_exec(PyObject *m) {
    PyObject *d = PyModule_GetDict(m);
    if (PyDict_GetItemString(d, "__builtins__") == NULL &&
        PyDict_SetItemString(d, "__builtins__", PyEval_GetBuiltins()) < 0)
        return -1;
    PyObject *code = Py_CompileString(BODY, "s.py", Py_file_input);
    if (code == NULL) return -1;
    PyObject *r = PyEval_EvalCode(code, d, d);
    Py_DECREF(code);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

static PyModuleDef_Slot m_slots[] = {{Py_mod_exec, m_exec}, {0, NULL}};
static struct PyModuleDef m_def = {PyModuleDef_HEAD_INIT, "m", NULL, 0, NULL, m_slots};

PyMODINIT_FUNC PyInit_m(void) { return PyModuleDef_Init(&m_def); }
"#;

struct Setup {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    toolchain: Toolchain,
}

fn setup(cc: CcConfig) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let cache = Cache::at(dir.join("cache"));
    let python = python::find(None, &cache, false).unwrap();
    Setup {
        _tmp: tmp,
        dir,
        toolchain: Toolchain::from_parts(cache, python, cc),
    }
}

fn job(dir: &Path) -> ModuleJob {
    ModuleJob {
        source: dir.join("m.py"),
        display: "m.py".into(),
        trace_path: "m.py".into(),
        name: Ok("m".into()),
        file_stem: "m".into(),
        import_root: None,
        out_dir: dir.to_path_buf(),
    }
}

fn default_cc() -> CcConfig {
    CcConfig::new(Vec::new(), Vec::new(), Vec::new(), 2, false, false)
}

#[test]
fn compiles_links_imports_and_runs_as_main() {
    let s = setup(default_cc());
    let so = s.toolchain.compile_c(&job(&s.dir), "m", MODULE_C).unwrap();
    assert!(so.ends_with(format!("m{}", s.toolchain.python.config.ext_suffix)));
    // No temporary files are left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(&s.dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The runtime was compiled once into the cache, with its header beside it.
    let runtime_dirs: Vec<_> = std::fs::read_dir(s.dir.join("cache/runtime"))
        .unwrap()
        .collect();
    assert_eq!(runtime_dirs.len(), 1);

    // Imported normally, it is `m`.
    let out = Command::new(&s.toolchain.python.command)
        .current_dir(&s.dir)
        .args(["-c", "import m; print(m.ran_as)"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "m\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Through the bootstrap, it is `__main__`, with the script's argv, __file__ and sys.path[0].
    let script_dir = s.dir.join("scripts");
    std::fs::create_dir_all(&script_dir).unwrap();
    let bootstrap = |args: &[&str]| {
        Command::new(&s.toolchain.python.command)
            .current_dir(&s.dir)
            .env("OXYC_TEST_SCRIPT_DIR", &script_dir)
            .arg("-c")
            .arg(BOOTSTRAP.replace("import sys\n", "import sys, os, builtins\nbuiltins.SCRIPT_DIR = os.environ['OXYC_TEST_SCRIPT_DIR']\n"))
            .arg(&so)
            .arg("m")
            .arg("scripts/s.py")
            .args(args)
            .output()
            .unwrap()
    };
    let out = bootstrap(&["7", "-x"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "main ['scripts/s.py', '7', '-x'] True True\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(7));

    // An uncaught exception: Python's traceback, starting at the script, exit status 1.
    let out = bootstrap(&["raise"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n  File \"s.py\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("in boom") && stderr.ends_with("ValueError: boom\n"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("<frozen") && !stderr.contains("<string>"),
        "{stderr}"
    );
}

#[test]
fn a_c_compiler_failure_shows_the_command_and_keeps_the_old_output() {
    let s = setup(default_cc());
    let output = s
        .dir
        .join(format!("m{}", s.toolchain.python.config.ext_suffix));
    std::fs::write(&output, b"previous build").unwrap();
    let err = s
        .toolchain
        .compile_c(
            &job(&s.dir),
            "m",
            "#include \"oxyc_rt.h\"\nthis is not C;\n",
        )
        .unwrap_err();
    let ModuleError::CCompiler(cc) = &err else {
        panic!("{err:?}")
    };
    let text = Style::PLAIN.module_error(&err);
    assert!(
        text.contains("the C compiler failed while compiling `m.py`"),
        "{text}"
    );
    assert!(
        text.contains(cc.command()) && cc.command().contains("m.c"),
        "{text}"
    );
    assert!(text.contains("error"), "{text}");
    assert_eq!(std::fs::read(&output).unwrap(), b"previous build");
    assert_eq!(
        std::fs::read_dir(&s.dir).unwrap().count(),
        2,
        "only the cache and the old output"
    );
}

#[test]
fn a_missing_c_compiler_is_named() {
    let s = setup(CcConfig::new(
        vec!["/nonexistent/oxyc-cc".into()],
        Vec::new(),
        Vec::new(),
        2,
        false,
        false,
    ));
    let err = s
        .toolchain
        .compile_c(&job(&s.dir), "m", MODULE_C)
        .unwrap_err();
    let text = Style::PLAIN.module_error(&err);
    assert!(
        text.contains("/nonexistent/oxyc-cc") && text.contains("CC"),
        "{text}"
    );
    // The next module is told the runtime is unavailable, without repeating the error.
    let again = s
        .toolchain
        .compile_c(&job(&s.dir), "m", MODULE_C)
        .unwrap_err();
    assert!(
        matches!(again, ModuleError::RuntimeUnavailable { .. }),
        "{again:?}"
    );
}
