//! The system C compiler, driven directly with `std::process::Command`.
//!
//! `CC` names the compiler (default `cc`); it may carry a launcher and arguments
//! (`CC="ccache gcc -m64"`), split on whitespace like `make` does. `CFLAGS` are added
//! after oxyc's own flags, so they win (`CFLAGS=-O0` overrides `-O2`); `CFLAGS` and
//! `LDFLAGS` are both passed when linking.
//!
//! The C runtime (`runtime/oxyc_rt.h` and two translation units, embedded in the
//! binary) is compiled once per (runtime sources, Python include dir, compiler, flags,
//! opt level, -g) into `<cache>/runtime/<key>/*.o`, with the header beside them, and
//! linked into every module. `oxyc_rt_hot.c` (the runtime's own computation) is
//! compiled at the requested opt level; `oxyc_rt.c` (glue around CPython's API, where
//! its time goes) at `-Og` (`-O0` when that is asked for): on the benchmarks it
//! measured within 0.4% of `-O1` in instructions (callgrind), for 35% less compile time
//! than `-O1`, which matters because on an empty cache the runtime is a third of the
//! C compiler's work.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Condvar, Mutex};

use thiserror::Error;

use crate::cache::{Cache, KeyHasher};
use crate::error::ModuleError;
use crate::fsutil::{self, TempOutput};
use crate::python::PythonConfig;

/// The runtime header every generated C file includes (`#include "oxyc_rt.h"`).
pub const RUNTIME_HEADER: &str = include_str!("../../../runtime/oxyc_rt.h");
/// One translation unit of the runtime's implementation.
#[derive(Debug, Clone, Copy)]
pub struct RuntimeSource {
    /// File name (`oxyc_rt.c`), also the stem of its object in the cache.
    pub name: &'static str,
    pub text: &'static str,
    /// Compiled at `-Og` (glue code whose time is spent in CPython).
    pub glue: bool,
}

/// The runtime's implementation, compiled once and linked into every module. The
/// larger unit first: it starts compiling first.
pub const RUNTIME_SOURCES: [RuntimeSource; 2] = [
    RuntimeSource {
        name: "oxyc_rt.c",
        text: include_str!("../../../runtime/oxyc_rt.c"),
        glue: true,
    },
    RuntimeSource {
        name: "oxyc_rt_hot.c",
        text: include_str!("../../../runtime/oxyc_rt_hot.c"),
        glue: false,
    },
];

/// The optimisation flag of glue code at opt levels 1..=3 (see the module docs).
const GLUE_OPT_FLAG: &str = "-Og";

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
        self.flags_at(&self.opt_flag())
    }

    /// `-O{opt_level}`.
    fn opt_flag(&self) -> String {
        format!("-O{}", self.opt_level)
    }

    /// [`Self::base_flags`] with `opt_flag` (`-O2`, `-Og`) for the optimisation level.
    fn flags_at(&self, opt_flag: &str) -> Vec<OsString> {
        vec![
            opt_flag.into(),
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
        self.compile_at(&self.opt_flag(), source, object, include_dirs, doing)
    }

    /// [`Self::compile`] with another optimisation flag (`CFLAGS` still come last and
    /// win).
    fn compile_at(
        &self,
        opt_flag: &str,
        source: &Path,
        object: &Path,
        include_dirs: &[&Path],
        doing: &str,
    ) -> Result<(), CcError> {
        let mut args: Vec<OsString> = vec!["-c".into()];
        args.extend(self.flags_at(opt_flag));
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

/// A counting semaphore: how many C compiler processes may run at once.
pub struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

impl Slots {
    pub fn new(n: usize) -> Slots {
        Slots {
            free: Mutex::new(n.max(1)),
            freed: Condvar::new(),
        }
    }

    pub fn acquire(&self) -> SlotGuard<'_> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
        SlotGuard(self)
    }
}

pub struct SlotGuard<'a>(&'a Slots);

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        let mut free = self.0.free.lock().unwrap_or_else(|e| e.into_inner());
        *free += 1;
        self.0.freed.notify_one();
    }
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
    let mut key = KeyHasher::new("oxyc-runtime");
    key.str(RUNTIME_HEADER);
    for source in RUNTIME_SOURCES {
        key.str(source.name).str(source.text);
        key.str(if source.glue { GLUE_OPT_FLAG } else { "hot" });
    }
    key.finish()
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

/// Compile the runtime into the cache unless an earlier build already did. Its
/// translation units compile in parallel, each in one of `slots`.
pub fn ensure_runtime(
    cache: &Cache,
    cc: &CcConfig,
    python: &PythonConfig,
    slots: &Slots,
) -> Result<Runtime, ModuleError> {
    let dir = prepare_runtime(cache, cc, python)?;
    let results: Vec<Result<PathBuf, ModuleError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = RUNTIME_SOURCES
            .iter()
            .map(|source| {
                let dir = &dir;
                scope.spawn(move || ensure_object(cc, python, dir, source, slots))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let objects = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(Runtime {
        include_dir: dir,
        objects,
    })
}

/// The object of one runtime translation unit in `dir`, compiled unless cached.
fn ensure_object(
    cc: &CcConfig,
    python: &PythonConfig,
    dir: &Path,
    source: &RuntimeSource,
    slots: &Slots,
) -> Result<PathBuf, ModuleError> {
    let stem = source.name.strip_suffix(".c").unwrap_or(source.name);
    let object = dir.join(format!("{stem}.o"));
    if crate::cache::verify(&object).is_some() {
        return Ok(object);
    }
    let c_file = dir.join(source.name);
    fsutil::write_atomic(&c_file, source.text.as_bytes())?;
    let tmp = TempOutput::beside(&object);
    let _slot = slots.acquire();
    let opt_flag = if source.glue && cc.opt_level > 0 {
        GLUE_OPT_FLAG.to_owned()
    } else {
        cc.opt_flag()
    };
    cc.compile_at(
        &opt_flag,
        &c_file,
        tmp.path(),
        &[&python.include_dir, dir],
        &format!("compiling the oxyc C runtime ({})", source.name),
    )?;
    let bytes = std::fs::read(tmp.path())
        .map_err(|e| crate::error::IoError::new(crate::error::IoAction::Read, tmp.path(), e))?;
    if !crate::cache::store_checked(&object, &bytes) {
        // The checksum could not be written: this build uses the object, the next one
        // will not trust it.
        tmp.persist(&object)?;
    }
    Ok(object)
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
