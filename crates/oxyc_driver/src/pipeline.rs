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
    let _ = (module_name, path, opts);
    let _module = oxyc_syntax::parse_module(source, opts.python_version)?;
    Err(vec![Diagnostic::error(oxyc_syntax::Span::default(), "code generation not written yet")])
}
