//! `oxyc build`: each module's source → pipeline → C → object → extension module, with
//! several modules in parallel.
//!
//! Outputs appear atomically: the C compiler links into a temporary file in the output
//! directory, which is renamed over `NAME<EXT_SUFFIX>` only when everything succeeded, so
//! a failed build never leaves a half-written module nor replaces a working one.

use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use oxyc_syntax::LineIndex;
use oxyc_types::xmod::Interfaces;

use crate::cache::{self, Cache, KeyHasher};
use crate::cc::{self, CcConfig, Runtime, Slots};
use crate::config;
use crate::error::{DriverError, IoAction, IoError, ModuleError, SourceDiagnostics};
use crate::fsutil::{self, TempOutput};
use crate::package::{self, Filter, FoundModule};
use crate::pipeline::{self, CompileOptions};
use crate::python::{self, Interpreter};

/// Everything `oxyc build` takes from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Modules (`.py` files), package directories and import roots to compile; empty: the
    /// `compile` list of `[tool.oxyc]`.
    pub files: Vec<PathBuf>,
    /// Globs (root-relative module paths): only matching modules found in directories are
    /// compiled. Added to `[tool.oxyc] include`.
    pub include: Vec<String>,
    /// Globs: modules found in directories that match stay ordinary Python. Added to
    /// `[tool.oxyc] exclude`.
    pub exclude: Vec<String>,
    /// Where `[tool.oxyc]` comes from.
    pub config: ConfigSource,
    /// Tracebacks name package modules by their path below the import root
    /// (`pkg/mod.py`) instead of the absolute path of the source: for builds that are
    /// installed elsewhere (wheels). Python's `traceback` module then shows the file and
    /// line, though not the source text.
    pub relative_paths: bool,
    /// Where outputs go; `None`: beside each source file.
    pub out_dir: Option<PathBuf>,
    /// The target interpreter; `None`: `python3` on PATH.
    pub python: Option<PathBuf>,
    /// 0..=3 (`-O0`..`-O3`).
    pub opt_level: u8,
    /// Compile C with debug information (`-g`).
    pub debug: bool,
    /// Also write `NAME.ir` (the final IR) beside the output.
    pub emit_ir: bool,
    /// Also write `NAME.c` (the generated C) beside the output.
    pub emit_c: bool,
    /// Write each module's C (`NAME.c`) and the runtime (`oxyc_rt.h`, `oxyc_rt.c`,
    /// `oxyc_rt_hot.c`, in the output directory) instead of compiling: for another build system's C compiler
    /// (the setuptools helper). Needs `out_dir`.
    pub c_only: bool,
    /// Print each C compiler command.
    pub verbose: bool,
    /// How many modules to compile at once; `None`: one per CPU.
    pub jobs: Option<NonZeroUsize>,
    /// Make every interpreted fallback an error.
    pub strict: bool,
    /// Report (as notes) what runs interpreted and why.
    pub explain: bool,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            files: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            config: ConfigSource::Auto,
            relative_paths: false,
            out_dir: None,
            python: None,
            opt_level: 2,
            debug: false,
            emit_ir: false,
            emit_c: false,
            c_only: false,
            verbose: false,
            jobs: None,
            strict: false,
            explain: false,
        }
    }
}

/// Which pyproject.toml `oxyc build` reads `[tool.oxyc]` from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigSource {
    /// `./pyproject.toml` if there is one.
    #[default]
    Auto,
    /// This file (it must exist).
    File(PathBuf),
    /// None (`--no-config`).
    Ignore,
}

/// How far a build has got, for progress lines.
#[derive(Debug, Clone)]
pub struct Progress<'a> {
    /// Modules finished so far, this one included.
    pub done: usize,
    pub total: usize,
    /// The source file as given on the command line.
    pub file: &'a str,
    /// How long this module took.
    pub elapsed: Duration,
}

/// Receives what happens during a build, as it happens (from several threads).
pub trait Reporter: Sync {
    /// Non-fatal diagnostics of a module that compiled.
    fn warnings(&self, file: &SourceDiagnostics);
    /// Something the user should know that is not about one module's source.
    fn note(&self, _message: &str) {}
    /// A module finished, successfully or not.
    fn module_finished(&self, progress: &Progress<'_>, result: &Result<(), &ModuleError>);
    /// Every module has finished.
    fn build_finished(&self, _summary: &BuildSummary) {}
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildSummary {
    /// The extension modules written, in the order the sources were given.
    pub built: Vec<PathBuf>,
    /// Modules left as ordinary Python by include/exclude globs (their sources).
    pub excluded: Vec<PathBuf>,
    /// How many modules failed (each was reported when it did).
    pub failed: usize,
}

impl BuildSummary {
    pub fn success(&self) -> bool {
        self.failed == 0
    }
}

/// Build every module of `opts.files`. Module failures are reported through `reporter`
/// and counted in the summary (the other modules still build); an `Err` means nothing
/// could be built at all (no interpreter, bad usage, unwritable output directory).
pub fn build(opts: &BuildOptions, reporter: &dyn Reporter) -> Result<BuildSummary, DriverError> {
    let project = match &opts.config {
        ConfigSource::Ignore => None,
        ConfigSource::File(path) => Some(config::load(path)?),
        ConfigSource::Auto => {
            let path = Path::new(config::PYPROJECT);
            if path.is_file() {
                Some(config::load(path)?)
            } else {
                None
            }
        }
    };
    let mut include = Vec::new();
    let mut exclude = Vec::new();
    let mut inputs = opts.files.clone();
    if let Some(project) = &project {
        include.extend(project.oxyc.include.iter().cloned());
        exclude.extend(project.oxyc.exclude.iter().cloned());
        if inputs.is_empty() {
            inputs = project.compile_paths();
        }
    }
    include.extend(opts.include.iter().cloned());
    exclude.extend(opts.exclude.iter().cloned());
    if inputs.is_empty() {
        return Err(DriverError::Usage(
            "no input files (name .py files or package directories, or list them in \
             `[tool.oxyc] compile` of pyproject.toml)"
                .into(),
        ));
    }
    let filter = Filter::new(&include, &exclude)?;
    if opts.c_only && opts.out_dir.is_none() {
        return Err(DriverError::Usage(
            "--c-only writes C files and the runtime into a directory: give it with -o".into(),
        ));
    }
    let modules = package::discover(&inputs, &filter)?;
    // An output directory this build creates goes again if nothing lands in it (a
    // failed build leaves nothing behind).
    let _created = match &opts.out_dir {
        Some(dir) => {
            let guard = RemoveIfEmpty((!dir.exists()).then(|| dir.clone()));
            fsutil::create_dir_all(dir)?;
            guard
        }
        None => RemoveIfEmpty(None),
    };
    let mut toolchain = Toolchain::new(
        opts.python.as_deref(),
        opts.opt_level,
        opts.debug,
        opts.verbose,
    )?;
    toolchain.strict = opts.strict;
    toolchain.explain = opts.explain;
    toolchain.c_only = opts.c_only;
    let cpus = opts
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    toolchain.set_parallelism(cpus);
    if let (true, Some(dir)) = (opts.c_only, &opts.out_dir) {
        fsutil::write_atomic(&dir.join("oxyc_rt.h"), cc::RUNTIME_HEADER.as_bytes())?;
        for source in cc::RUNTIME_SOURCES {
            fsutil::write_atomic(&dir.join(source.name), source.text.as_bytes())?;
        }
    }
    let ext_suffix = toolchain.python.config.ext_suffix.clone();
    let mut excluded = Vec::new();
    let mut jobs: Vec<ModuleJob> = Vec::new();
    let mut data_copied: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for m in &modules {
        let job = ModuleJob::for_module(m, opts.out_dir.as_deref(), opts.relative_paths);
        // With -o, a package's sources go beside its extensions, so the output directory
        // is the whole package (ordinary modules included) and tracebacks find the lines.
        if opts.out_dir.is_some() && !m.explicit && !opts.c_only {
            copy_source(
                &m.source,
                &job.out_dir.join(format!("{}.py", job.file_stem)),
            )?;
            // ... and so are its data files (a grammar, templates), once per package.
            let dir = fsutil::parent_dir(&m.source);
            if m.rel.contains('/') && data_copied.insert(dir.to_path_buf()) {
                copy_package_data(dir, &job.out_dir, &ext_suffix)?;
            }
        }
        if m.compiled {
            jobs.push(job);
        } else {
            let stale = job.out_dir.join(format!("{}{ext_suffix}", job.file_stem));
            if stale.is_file() {
                reporter.note(&format!(
                    "`{}` is excluded from compilation, but `{}` (an earlier build) is still \
                     there and is what Python imports; delete it",
                    m.source.display(),
                    stale.display()
                ));
            }
            excluded.push(m.source.clone());
        }
    }
    check_distinct_outputs(&jobs, &ext_suffix)?;
    let emit = Emit {
        ir: opts.emit_ir,
        c: opts.emit_c,
    };

    let workers = cpus.min(jobs.len());
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let results: Vec<OnceLock<Result<PathBuf, ()>>> =
        jobs.iter().map(|_| OnceLock::new()).collect();
    let toolchain = &toolchain;
    std::thread::scope(|scope| {
        if !opts.c_only && !jobs.is_empty() {
            // An empty cache's runtime compiles while the front ends run (its errors
            // go to the first module that needs it).
            scope.spawn(|| toolchain.ensure_runtime());
        }
        if jobs.len() > 1 {
            let _ = toolchain
                .interfaces
                .set(Arc::new(toolchain.interfaces_of(&jobs, workers)));
        }
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let started = Instant::now();
                    let result = toolchain.build_module(job, emit, reporter);
                    let progress = Progress {
                        done: finished.fetch_add(1, Ordering::Relaxed) + 1,
                        total: jobs.len(),
                        file: &job.display,
                        elapsed: started.elapsed(),
                    };
                    reporter.module_finished(&progress, &result.as_ref().map(|_| ()));
                    if let Some(slot) = results.get(i) {
                        let _ = slot.set(result.map_err(|_| ()));
                    }
                }
            });
        }
    });

    let mut summary = BuildSummary {
        excluded,
        ..BuildSummary::default()
    };
    for slot in results {
        match slot.into_inner() {
            Some(Ok(path)) => summary.built.push(path),
            _ => summary.failed += 1,
        }
    }
    reporter.build_finished(&summary);
    Ok(summary)
}

/// Removes its directory when dropped, if the directory is empty (`remove_dir` never
/// removes anything else).
struct RemoveIfEmpty(Option<PathBuf>);

impl Drop for RemoveIfEmpty {
    fn drop(&mut self) {
        if let Some(dir) = &self.0 {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Two inputs with the same module name and output directory would overwrite each other.
fn check_distinct_outputs(jobs: &[ModuleJob], ext_suffix: &str) -> Result<(), DriverError> {
    let mut seen: Vec<(PathBuf, &ModuleJob)> = Vec::with_capacity(jobs.len());
    for job in jobs {
        if job.name.is_err() {
            continue;
        }
        let out = job.out_dir.join(format!("{}{ext_suffix}", job.file_stem));
        let key = std::path::absolute(&out).unwrap_or_else(|_| out.clone());
        if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
            return Err(DriverError::Usage(format!(
                "`{}` and `{}` would both be built as `{}`; build them into different directories with -o",
                other.display,
                job.display,
                out.display()
            )));
        }
        seen.push((key, job));
    }
    Ok(())
}

/// Which extra artifacts to write beside the output.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Emit {
    pub ir: bool,
    pub c: bool,
}

/// One module to build.
#[derive(Debug, Clone)]
pub(crate) struct ModuleJob {
    /// The file to read.
    pub source: PathBuf,
    /// The file as the user named it (diagnostics, progress).
    pub display: String,
    /// The file name compiled into the module, for tracebacks.
    pub trace_path: String,
    /// The full import name (`pkg.sub.mod`), or the component that is not an identifier.
    pub name: Result<String, String>,
    /// The output's file name without EXT_SUFFIX: the last component of the name,
    /// `__init__` for a package.
    pub file_stem: String,
    pub out_dir: PathBuf,
    /// For a module in a package: its import root, where relative imports are checked.
    pub import_root: Option<PathBuf>,
}

impl ModuleJob {
    pub(crate) fn for_module(
        m: &FoundModule,
        out_dir: Option<&Path>,
        relative_paths: bool,
    ) -> ModuleJob {
        let display = m.source.display().to_string();
        let in_package = m.rel.contains('/');
        ModuleJob {
            source: m.source.clone(),
            // A module's traceback path is the absolute path of its source (for a
            // package module, the copy in the output tree with -o), as when the
            // interpreter imports it from a directory on sys.path: tracebacks then show
            // its lines from any working directory. With `relative_paths` (builds
            // shipped elsewhere: wheels) it is relative to the import root, so the C
            // (and the build cache) does not depend on where the build ran.
            trace_path: match (in_package, relative_paths, out_dir) {
                (false, true, _) => display.clone(),
                (false, false, _) => std::path::absolute(&m.source)
                    .unwrap_or_else(|_| m.source.clone())
                    .display()
                    .to_string(),
                (true, true, _) => m.rel.clone(),
                (true, false, Some(out)) => {
                    let copy = out.join(m.rel_dir()).join(format!("{}.py", m.file_stem()));
                    std::path::absolute(&copy)
                        .unwrap_or(copy)
                        .display()
                        .to_string()
                }
                (true, false, None) => std::path::absolute(&m.source)
                    .unwrap_or_else(|_| m.source.clone())
                    .display()
                    .to_string(),
            },
            display,
            name: m.name.clone(),
            file_stem: m.file_stem(),
            import_root: in_package.then(|| m.root.clone()),
            out_dir: match out_dir {
                Some(out) => out.join(m.rel_dir()),
                None => fsutil::parent_dir(&m.source).to_path_buf(),
            },
        }
    }
}

/// Copy the data files of package directory `dir` into `out`: its files other than
/// Python sources, bytecode and extension modules, and everything under its
/// subdirectories that are not packages (those get their own copy), except hidden
/// files and `__pycache__`.
fn copy_package_data(dir: &Path, out: &Path, ext_suffix: &str) -> Result<(), DriverError> {
    fn walk(dir: &Path, out: &Path, top: bool, ext_suffix: &str) -> Result<(), DriverError> {
        let entries = std::fs::read_dir(dir).map_err(|e| IoError::new(IoAction::Read, dir, e))?;
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "__pycache__" {
                continue;
            }
            let path = entry.path();
            // (A linked directory is not followed: it may lead back up the tree.)
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if path.is_dir() {
                if !link && !path.join("__init__.py").is_file() {
                    walk(&path, &out.join(&name), false, ext_suffix)?;
                }
            } else if path.is_file() {
                let code = [".py", ".pyc", ".pyo", ext_suffix]
                    .iter()
                    .any(|s| name.ends_with(s));
                if !(top && code) {
                    copy_source(&path, &out.join(&name))?;
                }
            }
        }
        Ok(())
    }
    walk(dir, out, true, ext_suffix)
}

/// Copy a module's source into the output tree (not onto itself), atomically.
fn copy_source(source: &Path, dest: &Path) -> Result<(), DriverError> {
    let same = match (std::fs::canonicalize(source), std::fs::canonicalize(dest)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Ok(());
    }
    let bytes = std::fs::read(source).map_err(|e| IoError::new(IoAction::Read, source, e))?;
    fsutil::create_dir_all(fsutil::parent_dir(dest))?;
    fsutil::write_atomic(dest, &bytes)?;
    Ok(())
}

/// What every module of one invocation shares: the interpreter, the C compiler, the
/// cache and the compiled runtime (built the first time a module needs it).
pub(crate) struct Toolchain {
    pub cache: Cache,
    pub python: Interpreter,
    pub cc: CcConfig,
    /// Interpreted fallbacks are errors (`--strict`).
    pub strict: bool,
    /// Report what runs interpreted and why (`--explain`).
    pub explain: bool,
    /// Write the C and stop (`--c-only`).
    pub c_only: bool,
    /// A large module's C is split into up to this many files compiled in parallel.
    pub c_units: usize,
    /// The interfaces of the modules compiled in this invocation (with two or more):
    /// what each module sees of the others (see `oxyc_types::xmod`).
    pub interfaces: OnceLock<Arc<Interfaces>>,
    runtime: OnceLock<Option<Runtime>>,
    /// Why the runtime failed to compile, until a module reports it.
    runtime_failure: Mutex<Option<ModuleError>>,
    /// C compiler processes running at once, across modules (one per CPU).
    slots: Slots,
}

/// Most translation units one module's C is split into (see `oxyc_codegen::emit_units`:
/// only a large module is split). A fixed number, so that the C does not depend on the
/// machine; the units of one module compile as far in parallel as there are CPUs.
pub const MAX_C_UNITS: usize = 4;

impl Toolchain {
    pub fn new(
        python: Option<&Path>,
        opt_level: u8,
        debug: bool,
        verbose: bool,
    ) -> Result<Toolchain, DriverError> {
        let cache = Cache::locate()?;
        let python = python::find(python, &cache, verbose)?;
        Ok(Toolchain::from_parts(
            cache,
            python,
            CcConfig::from_env(opt_level, debug, verbose),
        ))
    }

    pub fn from_parts(cache: Cache, python: Interpreter, cc: CcConfig) -> Toolchain {
        Toolchain {
            cache,
            python,
            cc,
            strict: false,
            explain: false,
            c_only: false,
            c_units: MAX_C_UNITS,
            interfaces: OnceLock::new(),
            runtime: OnceLock::new(),
            runtime_failure: Mutex::new(None),
            slots: Slots::new(std::thread::available_parallelism().map_or(1, NonZeroUsize::get)),
        }
    }

    /// The interfaces of `jobs` (front end only, `workers` modules at a time), by
    /// module name, in the order of `jobs`. A module that cannot be read or does not
    /// get through the front end has none (its own build reports why).
    ///
    /// This is the only thing a module's compilation sees of the others: their
    /// signatures, never their bodies. A module's C (and so its build cache entry)
    /// changes only when what it calls of another module changes.
    fn interfaces_of(&self, jobs: &[ModuleJob], workers: usize) -> Interfaces {
        let next = AtomicUsize::new(0);
        let found: Vec<OnceLock<oxyc_types::xmod::ModuleInterface>> =
            jobs.iter().map(|_| OnceLock::new()).collect();
        std::thread::scope(|scope| {
            for _ in 0..workers.max(1) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        let Ok(name) = &job.name else { continue };
                        let Ok(source) = read_source(&job.source) else {
                            continue;
                        };
                        let options = self.options(job, false);
                        // (A panic here is the module's own build's to report.)
                        let interface = catch_unwind(AssertUnwindSafe(|| {
                            pipeline::interface_of(name, &source, &options)
                        }));
                        if let (Ok(Some(interface)), Some(slot)) = (interface, found.get(i)) {
                            let _ = slot.set(interface);
                        }
                    }
                });
            }
        });
        // Two modules of one name (from different roots) are ambiguous: neither
        // is seen by the others.
        let named = |n: &str| jobs.iter().filter(|j| j.name.as_deref() == Ok(n)).count();
        found
            .into_iter()
            .filter_map(OnceLock::into_inner)
            .filter(|i| named(&i.module) == 1)
            .map(|i| (i.module.clone(), i))
            .collect()
    }

    /// The pipeline's options for `job`.
    fn options(&self, job: &ModuleJob, emit_ir: bool) -> CompileOptions {
        CompileOptions {
            opt_level: self.cc.opt_level,
            python_version: self.python.config.version(),
            strict: self.strict,
            explain: self.explain,
            // (For another build system: one file per module.)
            c_units: if self.c_only { 1 } else { self.c_units },
            emit_ir,
            import_root: job
                .import_root
                .clone()
                .map(|root| (root, job.file_stem == "__init__")),
            interfaces: self.interfaces.get().cloned(),
        }
    }

    /// Run up to `cpus` C compiler processes at once.
    pub fn set_parallelism(&mut self, cpus: usize) {
        self.slots = Slots::new(cpus);
    }

    /// The compiled runtime, compiled now unless an earlier build or request did;
    /// `None` if that failed (see [`Self::runtime`]).
    fn ensure_runtime(&self) -> Option<&Runtime> {
        self.runtime
            .get_or_init(|| {
                match cc::ensure_runtime(&self.cache, &self.cc, &self.python.config, &self.slots) {
                    Ok(runtime) => Some(runtime),
                    Err(err) => {
                        *self
                            .runtime_failure
                            .lock()
                            .unwrap_or_else(|e| e.into_inner()) = Some(err);
                        None
                    }
                }
            })
            .as_ref()
    }

    /// The compiled runtime for `job`. If it failed to compile, the first module to ask
    /// gets the compiler's error; the others get a short pointer to it.
    fn runtime(&self, job: &ModuleJob) -> Result<&Runtime, ModuleError> {
        if let Some(runtime) = self.ensure_runtime() {
            return Ok(runtime);
        }
        let failure = self
            .runtime_failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        Err(failure.unwrap_or_else(|| ModuleError::RuntimeUnavailable {
            path: job.source.clone(),
        }))
    }

    /// Build one module; returns the path of the extension module written.
    pub fn build_module(
        &self,
        job: &ModuleJob,
        emit: Emit,
        reporter: &dyn Reporter,
    ) -> Result<PathBuf, ModuleError> {
        let source = read_source(&job.source)?;
        self.build_from_source(job, &source, emit, reporter)
    }

    /// Build one module from its (already read) source text.
    pub fn build_from_source(
        &self,
        job: &ModuleJob,
        source: &str,
        emit: Emit,
        reporter: &dyn Reporter,
    ) -> Result<PathBuf, ModuleError> {
        let name = job
            .name
            .as_ref()
            .map_err(|stem| ModuleError::BadModuleName {
                path: job.source.clone(),
                stem: stem.clone(),
            })?;
        let options = self.options(job, emit.ir);
        let compiled = catch_unwind(AssertUnwindSafe(|| {
            pipeline::compile_to_c(name, &job.trace_path, source, &options)
        }))
        .map_err(|panic| ModuleError::Internal {
            path: job.source.clone(),
            message: panic_message(&panic),
        })?;
        let artifacts = compiled.map_err(|diagnostics| {
            ModuleError::Diagnostics(SourceDiagnostics {
                path: job.display.clone(),
                source: source.to_owned(),
                diagnostics,
            })
        })?;
        if !artifacts.warnings.is_empty() {
            reporter.warnings(&SourceDiagnostics {
                path: job.display.clone(),
                source: source.to_owned(),
                diagnostics: artifacts.warnings,
            });
        }

        fsutil::create_dir_all(&job.out_dir)?;
        if emit.ir {
            fsutil::write_atomic(
                &job.out_dir.join(format!("{}.ir", job.file_stem)),
                artifacts.ir_text.as_bytes(),
            )?;
        }
        if emit.c || self.c_only {
            for (k, unit) in artifacts.c_units.iter().enumerate() {
                fsutil::write_atomic(
                    &job.out_dir.join(unit_file_name(&job.file_stem, k)),
                    unit.as_bytes(),
                )?;
            }
        }
        if self.c_only {
            return Ok(job.out_dir.join(unit_file_name(&job.file_stem, 0)));
        }
        self.compile_units(job, name, &artifacts.c_units)
    }

    /// Compile generated C (one translation unit) and link it with the runtime into
    /// `<out_dir>/<name><EXT_SUFFIX>` (see `compile_units`).
    #[cfg(test)]
    pub fn compile_c(
        &self,
        job: &ModuleJob,
        name: &str,
        c_source: &str,
    ) -> Result<PathBuf, ModuleError> {
        self.compile_units(job, name, &[c_source.to_owned()])
    }

    /// Compile a module's generated C (its translation units, in parallel, and the runtime
    /// meanwhile if no earlier build left it in the cache) and link it all into
    /// `<out_dir>/<name><EXT_SUFFIX>`, replacing any earlier file there only when
    /// everything succeeded.
    ///
    /// The C compiler's work is cached by the C text (which is deterministic: the same
    /// source and flags give the same C): an unchanged module is copied from
    /// `<cache>/modules/` instead of being compiled again.
    pub fn compile_units(
        &self,
        job: &ModuleJob,
        name: &str,
        units: &[String],
    ) -> Result<PathBuf, ModuleError> {
        // Generated C needs the runtime's header only: its object may compile meanwhile.
        let include_dir = cc::prepare_runtime(&self.cache, &self.cc, &self.python.config)?;
        let ext_suffix = &self.python.config.ext_suffix;
        let output = job.out_dir.join(format!("{}{ext_suffix}", job.file_stem));
        let mut key = KeyHasher::new("module-v2");
        for unit in units {
            key.str(unit);
        }
        key.path(&include_dir)
            .path(&self.python.config.include_dir)
            .str(ext_suffix);
        self.cc.identity(&mut key);
        let modules = self.cache.subdir("modules");
        let cached = modules.join(format!("{}{ext_suffix}", key.finish()));

        let tmp = TempOutput::beside(&output);
        if let Some(bytes) = cache::verify(&cached)
            && std::fs::write(tmp.path(), &bytes).is_ok()
        {
            if self.cc.verbose {
                eprintln!("{}: C unchanged, reusing {}", job.display, cached.display());
            }
            cache::touch_checked(&cached);
            tmp.persist(&output)?;
            return Ok(output);
        }

        let work = tempfile::Builder::new()
            .prefix("oxyc-build-")
            .tempdir()
            .map_err(|e| IoError::new(IoAction::Create, &std::env::temp_dir(), e))?;
        debug_assert!(!name.contains('/'));
        let mut sources = Vec::with_capacity(units.len());
        for (k, unit) in units.iter().enumerate() {
            let c_file = work.path().join(unit_file_name(name, k));
            std::fs::write(&c_file, unit.as_bytes())
                .map_err(|e| IoError::new(IoAction::Write, &c_file, e))?;
            sources.push((c_file, work.path().join(format!("{name}.{k}.o"))));
        }
        let doing = format!("compiling `{}`", job.display);
        let includes = [
            self.python.config.include_dir.as_path(),
            include_dir.as_path(),
        ];
        let compile = |(c_file, object): &(PathBuf, PathBuf)| {
            let _slot = self.slots.acquire();
            self.cc.compile(c_file, object, &includes, &doing)
        };
        // The runtime (when not cached) is the longest job: it starts first.
        let (runtime, compiled) = std::thread::scope(|scope| {
            let runtime = scope.spawn(|| self.runtime(job).cloned());
            let others: Vec<_> = sources[1..]
                .iter()
                .map(|unit| scope.spawn(move || compile(unit)))
                .collect();
            let mut compiled = vec![sources.first().map_or(Ok(()), compile)];
            compiled.extend(
                others
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))),
            );
            let runtime = runtime
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (runtime, compiled)
        });
        // (A runtime that failed to build is the first thing to fix.)
        let runtime = runtime?;
        for result in compiled {
            result?;
        }
        let mut objects: Vec<&Path> = sources.iter().map(|(_, o)| o.as_path()).collect();
        objects.extend(runtime.objects.iter().map(PathBuf::as_path));
        self.cc
            .link_shared(&objects, tmp.path(), &format!("linking `{}`", job.display))?;

        // Keep a copy for the next build (best effort: the cache is only an optimisation).
        if fsutil::create_dir_all(&modules).is_ok()
            && let Ok(bytes) = std::fs::read(tmp.path())
            && cache::store_checked(&cached, &bytes)
        {
            // Each module is two files: the module and its checksum.
            cache::prune_lru(&modules, 2 * MAX_CACHED_MODULES);
        }
        tmp.persist(&output)?;
        Ok(output)
    }
}

/// The file of translation unit `k` of module file `stem`: `stem.c`, then `stem.1.c`...
pub fn unit_file_name(stem: &str, k: usize) -> String {
    if k == 0 {
        format!("{stem}.c")
    } else {
        format!("{stem}.{k}.c")
    }
}

/// How many compiled modules `<cache>/modules/` keeps (least recently used go first).
const MAX_CACHED_MODULES: usize = 256;

/// The source text: UTF-8 (a leading byte-order mark is dropped, as Python does).
pub fn read_source(path: &Path) -> Result<String, ModuleError> {
    let bytes = std::fs::read(path).map_err(|source| ModuleError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode_source(path, bytes)
}

/// Decode source bytes read from `path`: UTF-8, unless a PEP 263 declaration on the
/// first or second line (`# -*- coding: latin-1 -*-`) names Latin-1 (decoded as such)
/// or ASCII (checked). A file declaring another encoding that reads ASCII as ASCII
/// (`cp1252`, `iso-8859-15`, `shift_jis`, ...) must be plain ASCII, which such an
/// encoding reads alike; any other declaration (`utf-16`, `utf-7`, EBCDIC, a name
/// oxyc does not know) is refused.
pub(crate) fn decode_source(path: &Path, bytes: Vec<u8>) -> Result<String, ModuleError> {
    if let Some((declared, line)) = declared_encoding(&bytes) {
        let family = encoding_family(&declared);
        let refuse = |at: Option<usize>| {
            let (bad_line, col) = at.map_or((0, 0), |at| line_col_of(&bytes, at));
            Err(ModuleError::Encoding {
                path: path.to_path_buf(),
                declared: declared.clone(),
                line,
                bad_line,
                col,
            })
        };
        if bytes.starts_with(b"\xef\xbb\xbf") && !matches!(family, Encoding::Utf8) {
            // A UTF-8 byte-order mark says UTF-8: the declaration contradicts it.
            return refuse(Some(0));
        }
        match family {
            Encoding::Utf8 => {}
            Encoding::Latin1 => return Ok(bytes.iter().map(|&b| char::from(b)).collect()),
            Encoding::Other => return refuse(None),
            Encoding::Ascii | Encoding::AsciiCompatible if !bytes.is_ascii() => {
                return refuse(bytes.iter().position(|b| !b.is_ascii()));
            }
            Encoding::Ascii | Encoding::AsciiCompatible => {}
        }
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(err.as_bytes().get(..valid).unwrap_or_default())
                .unwrap_or_default();
            let (line, col) = LineIndex::new(prefix).line_col(prefix, valid as u32);
            Err(ModuleError::NotUtf8 {
                path: path.to_path_buf(),
                line,
                col,
            })
        }
    }
}

/// The encoding a PEP 263 comment declares, and its line (1 or 2): the first match
/// of `coding[:=]\s*([-\w.]+)` in a comment that is the first line, or the second
/// when the first is blank or a comment, as the interpreter's tokenizer reads them.
fn declared_encoding(bytes: &[u8]) -> Option<(String, u32)> {
    // (Lines end as the interpreter reads them: at "\n", "\r\n" or a lone "\r".)
    let mut rest = bytes;
    let mut lines = std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = (0..rest.len())
            .find(|&i| oxyc_syntax::span::is_line_end(rest, i))
            .unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        Some(line)
    });
    for line_no in 1..=2u32 {
        let line = lines.next()?;
        let text = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
        let trimmed: Vec<u8> = text
            .iter()
            .copied()
            .skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
            .collect();
        if trimmed.first() != Some(&b'#') {
            // Only a blank first line lets the second declare.
            if trimmed.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return None;
        }
        let mut rest: &[u8] = &trimmed;
        while let Some(at) = find(rest, b"coding") {
            let after = &rest[at + 6..];
            if let Some((&sep, tail)) = after.split_first()
                && (sep == b':' || sep == b'=')
            {
                let name: Vec<u8> = tail
                    .iter()
                    .copied()
                    .skip_while(|b| matches!(b, b' ' | b'\t'))
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                    .collect();
                if !name.is_empty() {
                    return Some((String::from_utf8_lossy(&name).into_owned(), line_no));
                }
            }
            rest = after;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

enum Encoding {
    Utf8,
    Latin1,
    Ascii,
    /// Reads ASCII bytes as ASCII (but other bytes its own way).
    AsciiCompatible,
    Other,
}

/// What a declared encoding name reads as (Python's names and common aliases,
/// compared as the codec registry does: case and `-`/`_`/space alike).
fn encoding_family(name: &str) -> Encoding {
    let norm: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect();
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" | "utf_8_sig" => {
            Encoding::Utf8
        }
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "iso_8859_1_1987"
        | "8859" | "cp819" | "ibm819" | "iso8859" | "iso_latin_1" | "iso_ir_100"
        | "csisolatin1" => Encoding::Latin1,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "iso646_us" | "cp367" => {
            Encoding::Ascii
        }
        // (The tokenizer's own normalisation: `utf-8-...` is UTF-8, `latin-1-...` Latin-1.)
        n if n.starts_with("utf_8_") => Encoding::Utf8,
        n if ["latin_1_", "iso_8859_1_", "iso_latin_1_"]
            .iter()
            .any(|p| n.starts_with(p)) =>
        {
            Encoding::Latin1
        }
        // The Windows, ISO 8859, Mac, KOI8 and East Asian multi-byte families (not
        // the EBCDIC code pages among the `cp` names).
        n if n
            .strip_prefix("cp")
            .or_else(|| n.strip_prefix("windows_"))
            .is_some_and(|d| {
                !d.is_empty()
                    && d.bytes().all(|b| b.is_ascii_digit())
                    && !["037", "273", "424", "500", "875", "1026", "1140"].contains(&d)
            }) =>
        {
            Encoding::AsciiCompatible
        }
        n if [
            "iso_8859_",
            "iso8859_",
            "latin_",
            "mac_",
            "koi8_",
            "euc_",
            "gb",
            "big5",
            "shift_jis",
            "sjis",
            "hz",
            "johab",
            "tis_620",
            "ptcp154",
            "kz1048",
            "iso2022_",
        ]
        .iter()
        .any(|p| n.starts_with(p)) =>
        {
            Encoding::AsciiCompatible
        }
        _ => Encoding::Other,
    }
}

/// 1-based line and column of byte `at` (columns count bytes).
fn line_col_of(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = bytes.get(..at).unwrap_or_default();
    let ends = |i: &usize| oxyc_syntax::span::is_line_end(bytes, *i);
    let line = (0..before.len()).filter(ends).count() + 1;
    let col = at - (0..before.len()).rev().find(ends).map_or(0, |p| p + 1) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "the compiler panicked".to_owned()
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// An importable module name that is also a valid C identifier suffix (`PyInit_<name>`):
/// ASCII letters, digits and `_`, not starting with a digit, not a keyword.
pub fn is_module_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names() {
        for ok in ["fib", "_x", "a1", "match", "type", "Mod_2"] {
            assert!(is_module_name(ok), "{ok}");
        }
        for bad in ["", "1a", "my-mod", "class", "None", "café", "a.b", "a b"] {
            assert!(!is_module_name(bad), "{bad}");
        }
    }

    #[test]
    fn source_decoding() {
        let dir = tempfile::tempdir().unwrap();
        let bom = dir.path().join("bom.py");
        std::fs::write(&bom, b"\xef\xbb\xbfx = 1\n").unwrap();
        assert_eq!(read_source(&bom).unwrap(), "x = 1\n");
        let bad = dir.path().join("bad.py");
        std::fs::write(&bad, b"x = 1\ny = '\xff'\n").unwrap();
        match read_source(&bad) {
            Err(ModuleError::NotUtf8 { line, col, .. }) => assert_eq!((line, col), (2, 6)),
            other => panic!("{other:?}"),
        }
        // PEP 263 declarations.
        let latin = dir.path().join("latin.py");
        std::fs::write(&latin, b"# -*- coding: latin-1 -*-\ns = '\xe9\xff'\n").unwrap();
        assert_eq!(
            read_source(&latin).unwrap(),
            "# -*- coding: latin-1 -*-\ns = '\u{e9}\u{ff}'\n"
        );
        let second = dir.path().join("second.py");
        std::fs::write(
            &second,
            b"#!/usr/bin/env python3\n# vim: set fileencoding=iso-8859-1 :\nx = '\xe9'\n",
        )
        .unwrap();
        assert!(read_source(&second).unwrap().ends_with("x = '\u{e9}'\n"));
        let not_first = dir.path().join("late.py");
        std::fs::write(&not_first, b"x = 1\n# coding: latin-1\ny = '\xe9'\n").unwrap();
        assert!(matches!(
            read_source(&not_first),
            Err(ModuleError::NotUtf8 { .. })
        ));
        // Lines that end in a lone "\r" are lines too, as for the interpreter.
        let cr = dir.path().join("cr.py");
        std::fs::write(&cr, b"# comment\r# coding: latin-1\rx = '\xe9'\r").unwrap();
        assert_eq!(
            read_source(&cr).unwrap(),
            "# comment\r# coding: latin-1\rx = '\u{e9}'\r"
        );
        std::fs::write(&cr, b"x = 1\r# a\r# coding: latin-1\ry = '\xe9'\r").unwrap();
        match read_source(&cr) {
            Err(ModuleError::NotUtf8 { line, col, .. }) => assert_eq!((line, col), (4, 6)),
            other => panic!("{other:?}"),
        }
        let utf8 = dir.path().join("utf8.py");
        std::fs::write(&utf8, "# coding: UTF-8\ns = 'é'\n").unwrap();
        assert_eq!(read_source(&utf8).unwrap(), "# coding: UTF-8\ns = 'é'\n");
        let other = dir.path().join("cp.py");
        std::fs::write(&other, b"# coding: cp1252\nx = 1\n").unwrap();
        assert_eq!(read_source(&other).unwrap(), "# coding: cp1252\nx = 1\n");
        let utf7 = dir.path().join("utf7.py");
        std::fs::write(&utf7, b"# coding: utf-7\nx = 1+2\n").unwrap();
        assert!(matches!(
            read_source(&utf7),
            Err(ModuleError::Encoding { .. })
        ));
        let bom = dir.path().join("bomlatin.py");
        std::fs::write(&bom, b"\xef\xbb\xbf# coding: latin-1\nx = 1\n").unwrap();
        assert!(matches!(
            read_source(&bom),
            Err(ModuleError::Encoding { .. })
        ));
        std::fs::write(&other, b"# coding: cp1252\nx = '\x80'\n").unwrap();
        match read_source(&other) {
            Err(e @ ModuleError::Encoding { .. }) => {
                let msg = e.to_string();
                assert!(
                    msg.contains("cp1252") && msg.contains("line 2, column 6"),
                    "{msg}"
                );
            }
            other => panic!("{other:?}"),
        }
        let missing = dir.path().join("missing.py");
        let err = read_source(&missing).unwrap_err();
        assert!(err.to_string().contains("missing.py"), "{err}");
    }

    fn job_for(file: &str, out: Option<&Path>) -> ModuleJob {
        let found = package::discover(&[PathBuf::from(file)], &Filter::default()).unwrap();
        ModuleJob::for_module(&found[0], out, false)
    }

    #[test]
    fn clashing_outputs_are_a_usage_error() {
        let jobs = [
            job_for("a/m.py", Some(Path::new("out"))),
            job_for("b/m.py", Some(Path::new("out"))),
        ];
        assert!(matches!(
            check_distinct_outputs(&jobs, ".so"),
            Err(DriverError::Usage(_))
        ));
        let jobs = [job_for("a/m.py", None), job_for("b/m.py", None)];
        assert!(check_distinct_outputs(&jobs, ".so").is_ok());
    }
}
