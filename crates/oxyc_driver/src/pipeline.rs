//! The compiler proper: one module's source text -> C text, through every stage.
//! (Owned by the pipeline; the rest of the driver treats it as a black box.)

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use oxyc_syntax::Diagnostic;

/// Options that change the generated C.
#[derive(Debug, Clone)]
pub struct CompileOptions {
    /// 0..=3, from -O0..-O3. Also passed to the C compiler.
    pub opt_level: u8,
    /// Target Python version (syntax newer than this is rejected).
    pub python_version: oxyc_syntax::PythonVersion,
    /// Make every interpreted fallback an error (`--strict`).
    pub strict: bool,
    /// Report what is interpreted and why (`--explain`).
    pub explain: bool,
    /// Split a large module's C into up to this many translation units (at least 1).
    pub c_units: usize,
    /// Also print the final IR (`ModuleArtifacts::ir_text`, for --emit-ir).
    pub emit_ir: bool,
    /// The module's import root and whether it is a package's `__init__`: warn about
    /// relative imports that cannot resolve (see `imports`).
    pub import_root: Option<(PathBuf, bool)>,
    /// The interfaces of the modules compiled in the same build (see
    /// `oxyc_types::xmod`): calls to their functions through this module's imports
    /// become direct C calls when the function found at run time is theirs.
    pub interfaces: Option<Arc<oxyc_types::xmod::Interfaces>>,
}

impl CompileOptions {
    fn externs<'x>(&'x self, module_name: &'x str) -> oxyc_types::xmod::Externs<'x> {
        oxyc_types::xmod::Externs {
            current: module_name,
            is_package: self.import_root.as_ref().is_some_and(|(_, p)| *p),
            modules: self.interfaces.as_deref(),
        }
    }
}

/// What `module_name` shows the other modules compiled with it (its early-bound
/// functions' signatures: bodies do not matter), or None when it does not get
/// through the front end (its own build reports why).
pub fn interface_of(
    module_name: &str,
    source: &str,
    opts: &CompileOptions,
) -> Option<oxyc_types::xmod::ModuleInterface> {
    let module = oxyc_syntax::parse_module(source, opts.python_version).ok()?;
    let sem = oxyc_sema::analyze(&module, opts.strict);
    if sem.has_errors() {
        return None;
    }
    let externs = oxyc_types::xmod::Externs {
        modules: None,
        ..opts.externs(module_name)
    };
    Some(oxyc_types::check_module_with(&module, &sem, externs).interface)
}

/// What compiling one module produces.
#[derive(Debug, Clone)]
pub struct ModuleArtifacts {
    /// The C translation units (one, unless a large module was split; see
    /// `oxyc_codegen::emit_units`); each `#include`s "oxyc_rt.h".
    pub c_units: Vec<String>,
    /// The final IR, as text (with `CompileOptions::emit_ir`; else empty).
    pub ir_text: String,
    /// Non-fatal diagnostics (warnings, notes).
    pub warnings: Vec<Diagnostic>,
}

/// Compile one module to C. `module_name` is the import name (`pkg.mod` or `mod`);
/// `path` is the file name shown in tracebacks and `#line` directives.
///
/// With `OXYC_TIMINGS` set in the environment, the time each stage took goes to
/// stderr.
pub fn compile_to_c(
    module_name: &str,
    path: &str,
    source: &str,
    opts: &CompileOptions,
) -> Result<ModuleArtifacts, Vec<Diagnostic>> {
    let mut timer = Timer::new(module_name);
    let module = oxyc_syntax::parse_module(source, opts.python_version)?;
    timer.lap("parse");
    let sem = oxyc_sema::analyze(&module, opts.strict);
    timer.lap("sema");
    let (errors, mut warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = sem
        .diagnostics
        .iter()
        .cloned()
        .partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some((root, is_package)) = &opts.import_root {
        warnings.extend(crate::imports::check_relative_imports(
            &module.body,
            module_name,
            *is_package,
            root,
        ));
    }
    let types = oxyc_types::check_module_with(&module, &sem, opts.externs(module_name));
    timer.lap("types");
    let lines = oxyc_syntax::LineIndex::new(source);
    let cx = oxyc_irbuild::ModCx {
        module: &module,
        sem: &sem,
        types: &types,
        lines: &lines,
        source,
    };
    let mut ir = oxyc_irbuild::build_module(&cx, module_name, path)?;
    timer.lap("irbuild");
    oxyc_passes::run_all(&mut ir, opts.opt_level);
    timer.lap("passes");
    let ir_text = if opts.emit_ir {
        oxyc_ir::print_module(&ir)
    } else {
        String::new()
    };
    let c_units = oxyc_codegen::emit_units(&ir, opts.c_units.max(1));
    timer.lap("codegen");
    warnings.retain(|w| opts.explain || w.severity != oxyc_syntax::Severity::Note);
    Ok(ModuleArtifacts {
        c_units,
        ir_text,
        warnings,
    })
}

/// Stage times, printed to stderr when `OXYC_TIMINGS` is set.
struct Timer<'a> {
    module: &'a str,
    last: Option<Instant>,
}

impl<'a> Timer<'a> {
    fn new(module: &'a str) -> Timer<'a> {
        let on = std::env::var_os("OXYC_TIMINGS").is_some();
        Timer {
            module,
            last: on.then(Instant::now),
        }
    }

    fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "oxyc timing: {} {stage}: {:.2} ms",
                self.module,
                (now - last).as_secs_f64() * 1e3
            );
            self.last = Some(now);
        }
    }
}
