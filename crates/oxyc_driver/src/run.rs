//! `oxyc run FILE.py [ARGS...]`: compile into the cache, then run it the way
//! `python3 FILE.py ARGS...` would.
//!
//! # Caching
//!
//! The module is built into `<cache>/run/<script>/<key>/<name><EXT_SUFFIX>`, where
//! `<script>` hashes the script's absolute path and the key hashes
//! the source bytes, the script's absolute path (it is compiled into tracebacks), the oxyc
//! version and build (the executable's size and mtime), the embedded C runtime, the target
//! interpreter (executable, version, include dir, EXT_SUFFIX, platform), the C compiler
//! (CC and its mtime, CFLAGS) and the flags (-O, -g). When that file exists nothing is
//! compiled: no pipeline, no C compiler. After a new build, only the newest
//! four builds of the same script are kept.
//!
//! # How the compiled module runs as `__main__` (the contract with the generated code)
//!
//! oxyc replaces itself (`exec`, on Unix) with
//!
//! ```text
//! <python> -c <BOOTSTRAP> <cached .so> <module name> FILE.py ARGS...
//! ```
//!
//! and the bootstrap, in the target interpreter:
//!
//! 1. sets `sys.argv = ["FILE.py", ARGS...]` (FILE.py as given, like Python does);
//! 2. sets `sys.path[0]` to the directory of the script, symlinks resolved (Python's rule
//!    for scripts), unless `-P`/`PYTHONSAFEPATH` is in force;
//! 3. creates the module with `importlib.machinery.ExtensionFileLoader` under its own
//!    name (so the import system calls `PyInit_<name>`, as for any import) — this is the
//!    *create* phase of multi-phase initialisation (PEP 489), which must not run any of
//!    the module's code;
//! 4. before the module's code runs, does what Python does for a script's module:
//!    `__name__ = "__main__"`, `__file__` = the script's absolute path (so
//!    `os.path.dirname(__file__)` finds data files beside the script, not in the cache),
//!    `__spec__ = None`, `__package__ = None`, `__builtins__`, and
//!    `sys.modules["__main__"] = module`;
//! 5. runs the *exec* phase (`loader.exec_module`: the `Py_mod_exec` slot, which runs the
//!    module body). `SystemExit` passes through (exit status as usual); any other uncaught
//!    exception is re-raised with the bootstrap's own frames (`<string>`, frozen
//!    importlib) cut from the front of its traceback, so Python prints the traceback from
//!    the script's first line and exits with status 1 (`KeyboardInterrupt` ends the
//!    process by SIGINT, as in Python).
//!
//! So the whole contract for the generated code is:
//!
//! * use multi-phase initialisation: `PyInit_<name>` returns `PyModuleDef_Init(&def)`,
//!   and the module body runs in the `Py_mod_exec` slot, not in `PyInit_<name>` or a
//!   `Py_mod_create` slot;
//! * read the module's `__name__` (and `__file__`) from its dict when the exec slot runs
//!   — never bake the import name into the body — so `if __name__ == "__main__":` blocks
//!   run, and functions and classes get `__module__ == "__main__"` as in Python.
//!
//! No environment variable is involved: one (say `OXYC_MAIN_MODULE=<name>`) would be
//! inherited by every process the script starts, where importing a compiled module of the
//! same name would wrongly run it as `__main__`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::build::{self, Emit, ModuleJob, Reporter, Toolchain};
use crate::cache::KeyHasher;
use crate::cc;
use crate::error::{DriverError, ModuleError};
use crate::fsutil;
use crate::python;

/// Everything `oxyc run` takes from the command line.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub file: PathBuf,
    /// The script's arguments (`sys.argv[1:]`).
    pub args: Vec<OsString>,
    pub python: Option<PathBuf>,
    pub opt_level: u8,
    pub debug: bool,
    pub verbose: bool,
}

/// The program given to `python -c`; argv: `<.so> <module name> <script> <args>...`.
pub const BOOTSTRAP: &str = r#"import sys
def _oxyc_main():
    import builtins, os
    from importlib.machinery import ExtensionFileLoader
    from importlib.util import module_from_spec, spec_from_file_location
    so, name, script = sys.argv[1:4]
    del sys.argv[:3]
    if not getattr(sys.flags, "safe_path", False):
        sys.path[0] = os.path.dirname(os.path.realpath(script))
    loader = ExtensionFileLoader(name, so)
    module = module_from_spec(spec_from_file_location(name, so, loader=loader))
    module.__name__ = "__main__"
    module.__file__ = os.path.abspath(script)
    module.__spec__ = None
    module.__package__ = None
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    loader.exec_module(module)
try:
    _oxyc_main()
except SystemExit:
    raise
except BaseException as _oxyc_exc:
    _oxyc_tb = _oxyc_exc.__traceback__
    while _oxyc_tb is not None and (
        _oxyc_tb.tb_frame.f_code.co_filename == "<string>"
        or _oxyc_tb.tb_frame.f_code.co_filename.startswith("<frozen ")
    ):
        _oxyc_tb = _oxyc_tb.tb_next
    _oxyc_exc.__traceback__ = _oxyc_tb
    del _oxyc_tb
    raise
"#;

/// Compile `opts.file` (or reuse the cached build) and run it. On Unix this does not
/// return on success: the process becomes the Python interpreter.
pub fn run(opts: &RunOptions, reporter: &dyn Reporter) -> Result<ExitCode, DriverError> {
    let toolchain = Toolchain::new(
        opts.python.as_deref(),
        opts.opt_level,
        opts.debug,
        opts.verbose,
    )?;
    let name = main_module_name(&opts.file);
    let module = cached_build(&toolchain, opts, &name, reporter)?;

    let mut command = Command::new(&toolchain.python.command);
    command
        .arg("-c")
        .arg(BOOTSTRAP)
        .arg(&module)
        .arg(&name)
        .arg(&opts.file)
        .args(&opts.args);
    if opts.verbose {
        eprintln!(
            "{} -c <oxyc bootstrap> {} {name} {}",
            toolchain.python.command.display(),
            module.display(),
            cc::shell_words(
                &std::iter::once(opts.file.as_os_str())
                    .chain(opts.args.iter().map(OsString::as_os_str))
                    .collect::<Vec<_>>()
            )
        );
    }
    exec(command, &toolchain.python.command)
}

#[cfg(unix)]
fn exec(mut command: Command, program: &Path) -> Result<ExitCode, DriverError> {
    use std::os::unix::process::CommandExt;
    // Only returns if the exec failed.
    let source = command.exec();
    Err(DriverError::Exec {
        program: program.to_path_buf(),
        source,
    })
}

#[cfg(not(unix))]
fn exec(mut command: Command, program: &Path) -> Result<ExitCode, DriverError> {
    let status = command.status().map_err(|source| DriverError::Exec {
        program: program.to_path_buf(),
        source,
    })?;
    let code = status.code().unwrap_or(1);
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}

/// The path of the compiled module, built now unless the cache already has it.
fn cached_build(
    toolchain: &Toolchain,
    opts: &RunOptions,
    name: &str,
    reporter: &dyn Reporter,
) -> Result<PathBuf, DriverError> {
    let bytes = std::fs::read(&opts.file).map_err(|source| ModuleError::Read {
        path: opts.file.clone(),
        source,
    })?;
    let absolute = std::path::absolute(&opts.file).unwrap_or_else(|_| opts.file.clone());

    let mut key = KeyHasher::new("run-v1");
    key.str(env!("CARGO_PKG_VERSION"));
    if let Ok(exe) = std::env::current_exe() {
        let len = std::fs::metadata(&exe).map(|m| m.len()).unwrap_or(0);
        key.path(&exe)
            .str(&len.to_string())
            .str(&fsutil::mtime_ns(&exe).unwrap_or(0).to_string());
    }
    key.str(&cc::runtime_hash());
    python::identity(&toolchain.python, &mut key);
    toolchain.cc.identity(&mut key);
    key.path(&absolute).str(name).field(&bytes);
    let cache_root = std::path::absolute(toolchain.cache.root())
        .unwrap_or_else(|_| toolchain.cache.root().to_path_buf());
    let script_dir = cache_root
        .join("run")
        .join(KeyHasher::new("run-script").path(&absolute).finish());
    let dir = script_dir.join(key.finish());
    let module = dir.join(format!("{name}{}", toolchain.python.config.ext_suffix));
    if module.is_file() {
        return Ok(module);
    }

    let source = build::decode_source(&opts.file, bytes)?;
    fsutil::create_dir_all(&dir)?;
    let job = ModuleJob {
        source: opts.file.clone(),
        display: opts.file.display().to_string(),
        trace_path: absolute.display().to_string(),
        name: Ok(name.to_owned()),
        file_stem: name.to_owned(),
        import_root: None,
        out_dir: dir,
    };
    let module = toolchain.build_from_source(&job, &source, Emit::default(), reporter)?;
    prune(&script_dir, &module);
    Ok(module)
}

/// How many builds of one script the cache keeps (for switching between flags or
/// interpreters without rebuilding each time).
const KEPT_BUILDS_PER_SCRIPT: usize = 4;

/// Remove all but the newest few builds of one script; every edit of a script makes a
/// new one. Best effort: a failure only leaves some garbage behind.
fn prune(script_dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(script_dir) else {
        return;
    };
    let mut builds: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| !keep.starts_with(p))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    builds.sort_by_key(|b| std::cmp::Reverse(b.0));
    for (_, old) in builds.into_iter().skip(KEPT_BUILDS_PER_SCRIPT - 1) {
        let _ = std::fs::remove_dir_all(old);
    }
}

/// The name the script is compiled under. It runs as `__main__`, so this only names the
/// C symbols: the file stem when that is a valid module name, else a sanitised version
/// of it (`my-script` → `my_script`), so any file can be run.
fn main_module_name(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if build::is_module_name(&stem) {
        return stem;
    }
    let mut name: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !build::is_module_name(&name) {
        name.insert(0, '_');
    }
    if !build::is_module_name(&name) {
        name = "__oxyc_script".to_owned();
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_file_name_gives_a_module_name() {
        for (file, expected) in [
            ("s.py", "s"),
            ("dir/my-script.py", "my_script"),
            ("2fast.py", "_2fast"),
            ("class.py", "_class"),
            ("café.py", "caf_"),
            ("", "_"),
        ] {
            let name = main_module_name(Path::new(file));
            assert_eq!(name, expected, "{file}");
            assert!(build::is_module_name(&name));
        }
    }
}
