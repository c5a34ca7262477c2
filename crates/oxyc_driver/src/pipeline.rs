//! The compiler proper: one module's source text -> C text, through every stage.
//! (Owned by the pipeline; the rest of the driver treats it as a black box.)

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
}

/// What compiling one module produces.
#[derive(Debug, Clone)]
pub struct ModuleArtifacts {
    /// The complete C translation unit; it `#include`s "oxyc_rt.h".
    pub c_source: String,
    /// The final IR, as text (for --emit-ir).
    pub ir_text: String,
    /// Non-fatal diagnostics (warnings, notes).
    pub warnings: Vec<Diagnostic>,
}

/// Compile one module to C. `module_name` is the import name (`pkg.mod` or `mod`);
/// `path` is the file name shown in tracebacks and `#line` directives.
pub fn compile_to_c(
    module_name: &str,
    path: &str,
    source: &str,
    opts: &CompileOptions,
) -> Result<ModuleArtifacts, Vec<Diagnostic>> {
    let module = oxyc_syntax::parse_module(source, opts.python_version)?;
    let sem = oxyc_sema::analyze(&module, opts.strict);
    let (errors, mut warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = sem
        .diagnostics
        .iter()
        .cloned()
        .partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    let types = oxyc_types::check_module(&module, &sem);
    let lines = oxyc_syntax::LineIndex::new(source);
    let cx = oxyc_irbuild::ModCx {
        module: &module,
        sem: &sem,
        types: &types,
        lines: &lines,
        source,
    };
    let mut ir = oxyc_irbuild::build_module(&cx, module_name, path)?;
    oxyc_passes::run_all(&mut ir, opts.opt_level);
    let ir_text = oxyc_ir::print_module(&ir);
    let c_source = oxyc_codegen::emit_module(&ir);
    warnings.retain(|w| opts.explain || w.severity != oxyc_syntax::Severity::Note);
    Ok(ModuleArtifacts {
        c_source,
        ir_text,
        warnings,
    })
}
