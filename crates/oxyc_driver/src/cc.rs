//! The system C compiler, driven directly with `std::process::Command`.
//!
//! `CC` names the compiler (default `cc`); it may carry a launcher and arguments
//! (`CC="ccache gcc -m64"`), split on whitespace like `make` does. `CFLAGS` are added
//! after oxyc's own flags, so they win (`CFLAGS=-O0` overrides `-O2`); `CFLAGS` and
//! `LDFLAGS` are both passed when linking.
//!
//! The C runtime (`runtime/oxyc_rt.h`, `runtime/oxyc_rt.c`, embedded in the binary) is
//! compiled once per (runtime sources, Python include dir, compiler, flags, opt level,
//! -g) into `<cache>/runtime/<key>/oxyc_rt.o`, with the header beside it, and linked
//! into every module.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

use crate::cache::{Cache, KeyHasher};
use crate::error::ModuleError;
use crate::fsutil::{self, TempOutput};
use crate::python::PythonConfig;

/// The runtime header every generated C file includes (`#include "oxyc_rt.h"`).
pub const RUNTIME_HEADER: &str = include_str!("../../../runtime/oxyc_rt.h");
/// The runtime's implementation, compiled once and linked into every module.
pub const RUNTIME_SOURCE: &str = include_str!("../../../runtime/oxyc_rt.c");

/// How many lines of the compiler's output an error shows.
pub const SHOWN_OUTPUT_LINES: usize = 20;

#[derive(Debug, Error)]
pub enum CcError {
    #[error(
        "cannot run the C compiler `{program}` while {doing}: {source} (set CC to choose another C compiler)"
    )]
    Spawn {
        doing: String,
        program: String,
        command: String,
        source: std::io::Error,
    },
    #[error("the C compiler failed while {doing} ({status})")]
    Failed {
        doing: String,
        command: String,
        status: String,
        output: String,
    },
}

impl CcError {
    /// The command line that was run, shell-quoted.
    pub fn command(&self) -> &str {
        match self {
            CcError::Spawn { command, .. } | CcError::Failed { command, .. } => command,
        }
    }

    /// What the compiler printed (stderr, then stdout); empty if it never ran.
    pub fn output(&self) -> &str {
        match self {
            CcError::Spawn { .. } => "",
            CcError::Failed { output, .. } => output,
        }
    }
}

/// The C compiler and the flags that go with it.
#[derive(Debug, Clone)]
pub struct CcConfig {
    /// `CC`, split: the program (or launcher, like `ccache`) ...
    program: OsString,
    /// ... and the arguments that follow it.
    program_args: Vec<OsString>,
    cflags: Vec<OsString>,
    ldflags: Vec<OsString>,
    /// 0..=3 → `-O0`..`-O3`.
    pub opt_level: u8,
    /// `-g` instead of `-g0`.
    pub debug: bool,
    /// Print each command to stderr before running it.
    pub verbose: bool,
}

impl CcConfig {
    /// From the environment (`CC`, `CFLAGS`, `LDFLAGS`) and the command-line flags.
    pub fn from_env(opt_level: u8, debug: bool, verbose: bool) -> CcConfig {
        CcConfig::new(
            split_env("CC"),
            split_env("CFLAGS"),
            split_env("LDFLAGS"),
            opt_level,
            debug,
            verbose,
        )
    }

    /// `cc`: the compiler and its leading arguments (empty: `cc`).
    pub fn new(
        cc: Vec<OsString>,
        cflags: Vec<OsString>,
        ldflags: Vec<OsString>,
        opt_level: u8,
        debug: bool,
        verbose: bool,
    ) -> CcConfig {
        let mut cc = cc.into_iter();
        let program = cc.next().unwrap_or_else(|| OsString::from("cc"));
        CcConfig {
            program,
            program_args: cc.collect(),
            cflags,
            ldflags,
            opt_level: opt_level.min(3),
            debug,
            verbose,
        }
    }

    /// Everything about the compiler that changes an object or a linked module, for cache
    /// keys.
    pub fn identity(&self, key: &mut KeyHasher) {
        for arg in std::iter::once(&self.program).chain(&self.program_args) {
            key.field(arg.as_encoded_bytes());
        }
        // The compiler binary itself (or its launcher): an upgrade changes its mtime.
        if let Some(resolved) = fsutil::find_program(Path::new(&self.program)) {
            key.path(&resolved);
            if let Some(m) = fsutil::mtime_ns(&resolved) {
                key.str(&m.to_string());
            }
        }
        key.str("base flags");
        for arg in self.base_flags() {
            key.field(arg.as_encoded_bytes());
        }
        key.str("cflags");
        for arg in &self.cflags {
            key.field(arg.as_encoded_bytes());
        }
        key.str("ldflags");
        for arg in &self.ldflags {
            key.field(arg.as_encoded_bytes());
        }
        key.str(&format!("O{} g{}", self.opt_level, u8::from(self.debug)));
    }

    /// The flags oxyc always passes when compiling (part of every cache key).
    fn base_flags(&self) -> Vec<OsString> {
        vec![
            format!("-O{}", self.opt_level).into(),
            "-fPIC".into(),
            "-std=gnu11".into(),
            "-fno-strict-aliasing".into(),
            // gcc's hot/cold splitting guesses that recursive paths are cold and moves
            // them out of line, which makes recursive code up to 2x slower depending on
            // layout. Our slow paths are already cold functions. (clang ignores it.)
            "-fno-reorder-blocks-and-partition".into(),
            // Start every function on a cache line: call-heavy code (recursion, small
            // methods) otherwise varies by 10-15% with where the linker happens to
            // place it. Costs a little padding.
            "-falign-functions=64".into(),
            "-DNDEBUG".into(),
            if self.debug { "-g" } else { "-g0" }.into(),
        ]
    }

    /// Compile `source` to the object file `object`.
    pub fn compile(
        &self,
        source: &Path,
        object: &Path,
        include_dirs: &[&Path],
        doing: &str,
    ) -> Result<(), CcError> {
        let mut args: Vec<OsString> = vec!["-c".into()];
        args.extend(self.base_flags());
        for dir in include_dirs {
            let mut flag = OsString::from("-I");
            flag.push(dir.as_os_str());
            args.push(flag);
        }
        args.extend(self.cflags.iter().cloned());
        args.extend(["-o".into(), object.into(), source.into()]);
        self.run(&args, doing)
    }

    /// Link objects into the shared library (extension module) `output`.
    pub fn link_shared(
        &self,
        objects: &[&Path],
        output: &Path,
        doing: &str,
    ) -> Result<(), CcError> {
        let mut args: Vec<OsString> = Vec::new();
        if cfg!(target_os = "macos") {
            // Like CPython's LDSHARED: symbols resolve against the loading interpreter.
            args.extend([
                "-bundle".into(),
                "-undefined".into(),
                "dynamic_lookup".into(),
            ]);
        } else {
            args.push("-shared".into());
        }
        if self.debug {
            args.push("-g".into());
        }
        args.extend(self.cflags.iter().cloned());
        args.extend(["-o".into(), output.into()]);
        args.extend(objects.iter().map(|o| OsString::from(o.as_os_str())));
        args.extend(self.ldflags.iter().cloned());
        if cfg!(all(unix, not(target_os = "macos"))) {
            args.push("-lm".into());
        }
        self.run(&args, doing)
    }

    fn run(&self, args: &[OsString], doing: &str) -> Result<(), CcError> {
        let program = &self.program;
        let all: Vec<&OsStr> = std::iter::once(program)
            .chain(&self.program_args)
            .chain(args)
            .map(OsString::as_os_str)
            .collect();
        let command = shell_words(&all);
        if self.verbose {
            eprintln!("{command}");
        }
        let output = Command::new(program)
            .args(&self.program_args)
            .args(args)
            .output()
            .map_err(|source| CcError::Spawn {
                doing: doing.to_owned(),
                program: program.to_string_lossy().into_owned(),
                command: command.clone(),
                source,
            })?;
        let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !stdout.trim().is_empty() {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&stdout);
        }
        if !output.status.success() {
            return Err(CcError::Failed {
                doing: doing.to_owned(),
                command,
                status: output.status.to_string(),
                output: text,
            });
        }
        if self.verbose && !text.trim().is_empty() {
            eprint!("{text}");
        }
        Ok(())
    }
}

fn split_env(name: &str) -> Vec<OsString> {
    match std::env::var_os(name) {
        None => Vec::new(),
        Some(value) => match value.to_str() {
            Some(s) => s.split_whitespace().map(OsString::from).collect(),
            None => vec![value],
        },
    }
}

/// A command line as a user could paste it into a shell.
pub fn shell_words(args: &[&OsStr]) -> String {
    let quote = |arg: &OsStr| {
        let s = arg.to_string_lossy();
        let plain = !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./=+,:@%^".contains(c));
        if plain {
            s.into_owned()
        } else {
            format!("'{}'", s.replace('\'', r"'\''"))
        }
    };
    args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ")
}

/// The compiled C runtime: link `objects` into every module and put `include_dir` on the
/// include path when compiling generated C.
#[derive(Debug, Clone)]
pub struct Runtime {
    pub include_dir: PathBuf,
    pub objects: Vec<PathBuf>,
}

/// A hash of the embedded runtime sources.
pub fn runtime_hash() -> String {
    KeyHasher::new("oxyc-runtime")
        .str(RUNTIME_HEADER)
        .str(RUNTIME_SOURCE)
        .finish()
}

/// The runtime's directory in the cache (its header is there when this returns): what
/// generated C needs to compile, before the runtime's object exists.
pub fn prepare_runtime(
    cache: &Cache,
    cc: &CcConfig,
    python: &PythonConfig,
) -> Result<PathBuf, ModuleError> {
    let mut key = KeyHasher::new("runtime-object-v1");
    key.str(&runtime_hash()).path(&python.include_dir);
    cc.identity(&mut key);
    let dir = cache.subdir("runtime").join(key.finish());
    let header = dir.join("oxyc_rt.h");
    if !header.is_file() {
        fsutil::create_dir_all(&dir)?;
        // Other processes may be doing the same right now: every file appears whole, by
        // rename, and they all write the same bytes.
        fsutil::write_atomic(&header, RUNTIME_HEADER.as_bytes())?;
    }
    Ok(dir)
}

/// Compile the runtime into the cache unless an earlier build already did.
pub fn ensure_runtime(
    cache: &Cache,
    cc: &CcConfig,
    python: &PythonConfig,
) -> Result<Runtime, ModuleError> {
    let dir = prepare_runtime(cache, cc, python)?;
    let object = dir.join("oxyc_rt.o");
    if crate::cache::verify(&object).is_some() {
        return Ok(Runtime {
            include_dir: dir,
            objects: vec![object],
        });
    }
    let source = dir.join("oxyc_rt.c");
    fsutil::write_atomic(&source, RUNTIME_SOURCE.as_bytes())?;
    let tmp = TempOutput::beside(&object);
    cc.compile(
        &source,
        tmp.path(),
        &[&python.include_dir, &dir],
        "compiling the oxyc C runtime",
    )?;
    let bytes = std::fs::read(tmp.path())
        .map_err(|e| crate::error::IoError::new(crate::error::IoAction::Read, tmp.path(), e))?;
    if !crate::cache::store_checked(&object, &bytes) {
        // The checksum could not be written: this build uses the object, the next one
        // will not trust it.
        tmp.persist(&object)?;
    }
    Ok(Runtime {
        include_dir: dir,
        objects: vec![object],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting() {
        let args: Vec<&OsStr> = ["cc", "-I/a b", "it's", "-O2", ""]
            .iter()
            .map(OsStr::new)
            .collect();
        assert_eq!(shell_words(&args), r#"cc '-I/a b' 'it'\''s' -O2 ''"#);
    }
}
