//! The target interpreter: which Python the extension is built for.
//!
//! One subprocess asks it for its include directory, `EXT_SUFFIX`, version, executable
//! and platform. The answer is cached (`<cache>/python/<key>.json`) so repeated builds do
//! not start Python. The key is the interpreter's resolved path with its size and mtime;
//! a hit is also checked against the mtime of the real executable it reported (an
//! upgrade in place changes it). When the interpreter is a `#!` script — a pyenv/asdf
//! shim, a wrapper — which Python it runs depends on the environment, so the key then
//! also covers `PATH`, the usual selector variables (`PYENV_VERSION`, `VIRTUAL_ENV`,
//! `CONDA_PREFIX`), the working directory and the contents of the version files a shim
//! consults (`.python-version` / `.tool-versions` from the working directory upwards,
//! `$PYENV_ROOT/version`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::cache::{Cache, KeyHasher};
use crate::fsutil::{self, mtime_ns};

/// The interpreter used when `--python` is not given.
pub const DEFAULT_PYTHON: &str = "python3";

/// What the target interpreter reports about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PythonConfig {
    /// `sys.executable`: the real interpreter binary.
    pub executable: PathBuf,
    /// `sysconfig.get_paths()["include"]`: where `Python.h` lives.
    pub include_dir: PathBuf,
    /// `sysconfig.get_config_var("EXT_SUFFIX")`, e.g. `.cpython-311-x86_64-linux-gnu.so`.
    pub ext_suffix: String,
    /// `sys.version_info[:2]`.
    pub major: u8,
    pub minor: u8,
    /// `sysconfig.get_platform()`, e.g. `linux-x86_64`.
    pub platform: String,
    /// `sys.implementation.name`; oxyc targets `cpython`.
    pub implementation: String,
}

impl PythonConfig {
    pub fn version(&self) -> oxyc_syntax::PythonVersion {
        oxyc_syntax::PythonVersion {
            major: self.major,
            minor: self.minor,
        }
    }
}

/// A resolved target interpreter and its configuration.
#[derive(Debug, Clone)]
pub struct Interpreter {
    /// What to run: the path that was found on PATH or given with `--python`.
    pub command: PathBuf,
    pub config: PythonConfig,
}

#[derive(Debug, Error)]
pub enum PythonError {
    #[error("cannot find the Python interpreter `{name}` (use --python PATH to name one)")]
    NotFound { name: String },
    #[error("cannot run the Python interpreter `{}`: {source}", program.display())]
    Spawn {
        program: PathBuf,
        source: std::io::Error,
    },
    #[error("the Python interpreter `{}` failed to report its configuration ({status}){}", program.display(), indent_output(stderr))]
    Failed {
        program: PathBuf,
        status: String,
        stderr: String,
    },
    #[error("cannot understand what `{}` reported about itself: {detail}", program.display())]
    BadOutput { program: PathBuf, detail: String },
    #[error(
        "the Python headers are missing: `{}` has no Python.h (install the development \
         package for this Python, e.g. python3-dev)",
        include_dir.display()
    )]
    NoHeaders { include_dir: PathBuf },
    #[error("`{}` is {detail}; oxyc builds extension modules for CPython 3", program.display())]
    Unsupported { program: PathBuf, detail: String },
    #[error(
        "`{}` is CPython {major}.{minor}; oxyc builds extension modules for CPython 3.11 \
         for now (its C runtime relies on 3.11's object layouts): name a 3.11 interpreter \
         with --python",
        program.display()
    )]
    Version {
        program: PathBuf,
        major: u8,
        minor: u8,
    },
}

fn indent_output(s: &str) -> String {
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = &lines[lines.len().saturating_sub(20)..];
    tail.iter().map(|l| format!("\n  {l}")).collect()
}

/// The program the interpreter runs; it prints one JSON object on its last line.
const QUERY: &str = r#"
import json, sys, sysconfig
print(json.dumps({
    "executable": sys.executable,
    "include_dir": sysconfig.get_paths()["include"],
    "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
    "major": sys.version_info[0],
    "minor": sys.version_info[1],
    "platform": sysconfig.get_platform(),
    "implementation": sys.implementation.name,
}))
"#;

/// Bump when the cached JSON's meaning changes.
const CACHE_FORMAT: &str = "python-config-v1";

#[derive(Serialize, Deserialize)]
struct CacheEntry {
    /// mtime (ns since the epoch) of `config.executable` when the entry was written.
    executable_mtime: Option<u128>,
    config: PythonConfig,
}

/// Find the interpreter (`python` if given, else `python3` on PATH) and get its
/// configuration, from the cache when possible.
pub fn find(
    python: Option<&Path>,
    cache: &Cache,
    verbose: bool,
) -> Result<Interpreter, PythonError> {
    let command = resolve(python)?;
    let key = cache_key(&command);
    let entry_path = key
        .as_ref()
        .map(|k| cache.subdir("python").join(format!("{k}.json")));
    if let Some(path) = &entry_path
        && let Some(config) = read_cached(path)
    {
        validate(&command, &config)?;
        return Ok(Interpreter { command, config });
    }
    let config = query(&command, verbose)?;
    validate(&command, &config)?;
    if let Some(path) = &entry_path {
        // The cache is an optimisation: failing to write it is not an error.
        let entry = CacheEntry {
            executable_mtime: mtime_ns(&config.executable),
            config: config.clone(),
        };
        if let Ok(json) = serde_json::to_vec_pretty(&entry)
            && fsutil::create_dir_all(fsutil::parent_dir(path)).is_ok()
        {
            let _ = fsutil::write_atomic(path, &json);
        }
    }
    Ok(Interpreter { command, config })
}

/// `--python PATH` as given (it may be relative) when it names a file with a directory
/// part; otherwise the name is looked up on PATH like a shell would.
fn resolve(python: Option<&Path>) -> Result<PathBuf, PythonError> {
    let name = python.unwrap_or(Path::new(DEFAULT_PYTHON));
    fsutil::find_program(name).ok_or_else(|| PythonError::NotFound {
        name: name.display().to_string(),
    })
}

/// The cache key for an interpreter, or `None` when it cannot be identified (then the
/// interpreter is asked every time).
fn cache_key(command: &Path) -> Option<String> {
    let real = std::fs::canonicalize(command).ok()?;
    let meta = std::fs::metadata(&real).ok()?;
    let mut key = KeyHasher::new(CACHE_FORMAT);
    key.path(&real)
        .str(&meta.len().to_string())
        .str(&mtime_ns(&real)?.to_string());
    if is_script(&real) {
        add_shim_context(&mut key);
    }
    Some(key.finish())
}

fn is_script(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"#!"
}

/// What decides which Python a shim or wrapper script runs.
fn add_shim_context(key: &mut KeyHasher) {
    for var in [
        "PATH",
        "PYENV_VERSION",
        "PYENV_ROOT",
        "VIRTUAL_ENV",
        "CONDA_PREFIX",
        "ASDF_PYTHON_VERSION",
    ] {
        let value = std::env::var_os(var).unwrap_or_default();
        key.str(var).field(value.as_encoded_bytes());
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    key.path(&cwd);
    let mut dir = Some(cwd.as_path());
    while let Some(d) = dir {
        for file in [".python-version", ".tool-versions"] {
            if let Ok(bytes) = std::fs::read(d.join(file)) {
                key.path(&d.join(file)).field(&bytes);
            }
        }
        dir = d.parent();
    }
    let pyenv_root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    if let Some(root) = pyenv_root
        && let Ok(bytes) = std::fs::read(root.join("version"))
    {
        key.str("pyenv-global").field(&bytes);
    }
}

fn read_cached(path: &Path) -> Option<PythonConfig> {
    let bytes = std::fs::read(path).ok()?;
    let entry: CacheEntry = serde_json::from_slice(&bytes).ok()?;
    // A Python upgraded in place (same wrapper, new binary) invalidates the entry.
    if entry.executable_mtime != mtime_ns(&entry.config.executable) {
        return None;
    }
    if !entry.config.include_dir.join("Python.h").is_file() {
        return None;
    }
    Some(entry.config)
}

fn query(command: &Path, verbose: bool) -> Result<PythonConfig, PythonError> {
    if verbose {
        eprintln!("{} -c <query sysconfig>", command.display());
    }
    let output = Command::new(command)
        .arg("-c")
        .arg(QUERY)
        // Whatever the caller's environment says, the answer must be plain UTF-8 JSON.
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONSTARTUP")
        .output()
        .map_err(|source| PythonError::Spawn {
            program: command.to_path_buf(),
            source,
        })?;
    if !output.status.success() {
        return Err(PythonError::Failed {
            program: command.to_path_buf(),
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    parse_config(command, &output.stdout)
}

/// The last non-empty line of stdout is the JSON (a sitecustomize may print before it).
fn parse_config(command: &Path, stdout: &[u8]) -> Result<PythonConfig, PythonError> {
    let bad = |detail: String| PythonError::BadOutput {
        program: command.to_path_buf(),
        detail,
    };
    let text =
        std::str::from_utf8(stdout).map_err(|e| bad(format!("output is not UTF-8 ({e})")))?;
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .ok_or_else(|| bad("no output".into()))?;
    // EXT_SUFFIX is None on interpreters that cannot build extensions.
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
    if value
        .get("ext_suffix")
        .is_some_and(serde_json::Value::is_null)
    {
        return Err(PythonError::Unsupported {
            program: command.to_path_buf(),
            detail: "an interpreter without EXT_SUFFIX (it cannot load extension modules)".into(),
        });
    }
    serde_json::from_value(value).map_err(|e| bad(e.to_string()))
}

fn validate(command: &Path, config: &PythonConfig) -> Result<(), PythonError> {
    if config.implementation != "cpython" || config.major != 3 {
        return Err(PythonError::Unsupported {
            program: command.to_path_buf(),
            detail: format!(
                "{} {}.{}",
                config.implementation, config.major, config.minor
            ),
        });
    }
    if (config.major, config.minor) != SUPPORTED {
        return Err(PythonError::Version {
            program: command.to_path_buf(),
            major: config.major,
            minor: config.minor,
        });
    }
    if !config.include_dir.join("Python.h").is_file() {
        return Err(PythonError::NoHeaders {
            include_dir: config.include_dir.clone(),
        });
    }
    Ok(())
}

/// The one CPython version the runtime is written for (it reads ints', tuples' and
/// frames' fields as 3.11 lays them out).
const SUPPORTED: (u8, u8) = (3, 11);

/// The interpreter's identity for cache keys of things built for it.
pub fn identity(interp: &Interpreter, key: &mut KeyHasher) {
    let c = &interp.config;
    key.path(&c.executable)
        .path(&c.include_dir)
        .str(&c.ext_suffix)
        .str(&format!("{}.{}", c.major, c.minor))
        .str(&c.platform);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_last_json_line() {
        let out = br#"noise from sitecustomize
{"executable": "/usr/bin/python3", "include_dir": "/usr/include/python3.11", "ext_suffix": ".cpython-311-x86_64-linux-gnu.so", "major": 3, "minor": 11, "platform": "linux-x86_64", "implementation": "cpython"}
"#;
        let c = parse_config(Path::new("python3"), out).unwrap();
        assert_eq!(c.ext_suffix, ".cpython-311-x86_64-linux-gnu.so");
        assert_eq!((c.major, c.minor), (3, 11));
    }

    #[test]
    fn rejects_garbage_and_missing_ext_suffix() {
        assert!(matches!(
            parse_config(Path::new("p"), b""),
            Err(PythonError::BadOutput { .. })
        ));
        assert!(matches!(
            parse_config(Path::new("p"), b"{not json"),
            Err(PythonError::BadOutput { .. })
        ));
        assert!(matches!(
            parse_config(Path::new("p"), &[0xff, 0xfe]),
            Err(PythonError::BadOutput { .. })
        ));
        let no_suffix = br#"{"executable": "x", "include_dir": "y", "ext_suffix": null, "major": 3, "minor": 11, "platform": "p", "implementation": "cpython"}"#;
        assert!(matches!(
            parse_config(Path::new("p"), no_suffix),
            Err(PythonError::Unsupported { .. })
        ));
    }

    #[test]
    fn only_cpython_3_11_is_a_target() {
        let config = |minor: u8| PythonConfig {
            executable: PathBuf::from("/usr/bin/python3"),
            include_dir: PathBuf::from("/no/such/include"),
            ext_suffix: ".so".into(),
            major: 3,
            minor,
            platform: "linux-x86_64".into(),
            implementation: "cpython".into(),
        };
        let err = validate(Path::new("python3.12"), &config(12)).unwrap_err();
        assert!(matches!(err, PythonError::Version { minor: 12, .. }));
        let text = err.to_string();
        assert!(
            text.contains("CPython 3.12") && text.contains("--python"),
            "{text}"
        );
        // 3.11 passes this check (and then needs its headers).
        assert!(matches!(
            validate(Path::new("python3.11"), &config(11)),
            Err(PythonError::NoHeaders { .. })
        ));
    }

    #[test]
    fn a_missing_interpreter_is_reported_by_name() {
        let err = resolve(Some(Path::new("no-such-python-oxyc-test"))).unwrap_err();
        assert!(
            err.to_string().contains("no-such-python-oxyc-test"),
            "{err}"
        );
    }
}
