//! The driver's errors. They are values all the way up and are rendered exactly once, at
//! the edge (see [`crate::render`]). Display gives a one-line message; the renderer adds
//! the source snippet for diagnostics and the command and output for C compiler failures.

use std::io;
use std::path::{Path, PathBuf};

use oxyc_syntax::Diagnostic;
use thiserror::Error;

use crate::cc::CcError;
use crate::python::PythonError;

/// Something that stops the whole invocation (as opposed to one module of a build).
#[derive(Debug, Error)]
pub enum DriverError {
    /// Bad command-line usage that the argument parser could not catch (exit status 2).
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Python(#[from] PythonError),
    #[error("cannot find a cache directory: set OXYC_CACHE_DIR, XDG_CACHE_HOME or HOME")]
    NoCacheDir,
    #[error(transparent)]
    Io(#[from] IoError),
    /// `[tool.oxyc]` in pyproject.toml is unreadable or wrong.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// A path on the command line (or in `[tool.oxyc] compile`) names no module.
    #[error(transparent)]
    Input(#[from] crate::package::InputError),
    /// The one module of `oxyc run` failed to build.
    #[error(transparent)]
    Module(Box<ModuleError>),
    #[error("cannot run `{}`: {source}", program.display())]
    Exec { program: PathBuf, source: io::Error },
}

impl DriverError {
    /// The process exit status this error maps to: 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            DriverError::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl From<ModuleError> for DriverError {
    fn from(e: ModuleError) -> DriverError {
        DriverError::Module(Box::new(e))
    }
}

/// Why one module failed to build. The other modules of the build still go ahead.
#[derive(Debug, Error)]
pub enum ModuleError {
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "`{}` is not valid UTF-8 (first bad byte at line {line}, column {col}); \
         oxyc reads Python source as UTF-8",
        path.display()
    )]
    NotUtf8 { path: PathBuf, line: u32, col: u32 },
    #[error(
        "`{}` declares the source encoding `{declared}` (line {line}){}; oxyc reads UTF-8 \
         and Latin-1 sources, and ASCII ones under other declarations: convert the file to \
         UTF-8 (`iconv -f {declared} -t utf-8`) and drop the declaration",
        path.display(),
        if *bad_line == 0 { String::new() } else { format!(", and has a byte it cannot read as such at line {bad_line}, column {col}") }
    )]
    Encoding {
        path: PathBuf,
        declared: String,
        line: u32,
        bad_line: u32,
        col: u32,
    },
    #[error("cannot compile `{}`: {}", path.display(), module_name_problem(stem))]
    BadModuleName { path: PathBuf, stem: String },
    #[error("could not compile `{}` ({} error{})", .0.path, .0.error_count(), if .0.error_count() == 1 { "" } else { "s" })]
    Diagnostics(SourceDiagnostics),
    #[error(transparent)]
    CCompiler(#[from] CcError),
    #[error("cannot build `{}`: the C runtime failed to compile (see the error above)", path.display())]
    RuntimeUnavailable { path: PathBuf },
    #[error(transparent)]
    Io(#[from] IoError),
    #[error(
        "internal compiler error while compiling `{}`: {message}\n\
         this is a bug in oxyc; please report it with the input file",
        path.display()
    )]
    Internal { path: PathBuf, message: String },
}

/// The diagnostics of one source file, with what is needed to render them.
#[derive(Debug, Clone)]
pub struct SourceDiagnostics {
    /// The file name as shown to the user (as given on the command line).
    pub path: String,
    /// The source text the spans point into.
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl SourceDiagnostics {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// What the driver was doing to a file when an I/O error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    Read,
    Write,
    Create,
    Rename,
}

impl std::fmt::Display for IoAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IoAction::Read => "read",
            IoAction::Write => "write",
            IoAction::Create => "create",
            IoAction::Rename => "move into place",
        })
    }
}

#[derive(Debug, Error)]
#[error("cannot {action} `{}`: {source}", path.display())]
pub struct IoError {
    pub action: IoAction,
    pub path: PathBuf,
    pub source: io::Error,
}

impl IoError {
    pub fn new(action: IoAction, path: &Path, source: io::Error) -> IoError {
        IoError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Why `stem` cannot name a compiled module.
fn module_name_problem(stem: &str) -> String {
    let identifier_like = stem
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && stem.chars().all(|c| c.is_alphanumeric() || c == '_');
    if identifier_like && !stem.is_ascii() {
        format!(
            "`{stem}` is a valid Python module name, but oxyc compiles only ASCII module \
             names (letters, digits and `_`): rename the file"
        )
    } else {
        format!(
            "`{stem}` is not a valid module name (it must be a Python identifier: letters, \
             digits and `_`, not starting with a digit, not a keyword)"
        )
    }
}
