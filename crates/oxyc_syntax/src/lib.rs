//! Stage 1 of the pipeline: source text -> oxyc AST.
//!
//! Owns the only dependency on Astral's ruff parser. `parse_module` parses, checks the
//! syntax against the target Python version and lowers ruff's tree to [`ast`].

pub mod ast;
pub mod diag;
mod lower;
pub mod span;

pub use diag::{Diagnostic, Severity};
pub use span::{LineIndex, Span};

/// The Python version compiled for (syntax newer than this is rejected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PythonVersion {
    pub major: u8,
    pub minor: u8,
}

impl PythonVersion {
    pub const PY311: PythonVersion = PythonVersion {
        major: 3,
        minor: 11,
    };
}

/// Parse a module. Errors are syntax errors (or syntax newer than `target`), each with
/// its span; the compiler never panics on any input.
pub fn parse_module(source: &str, target: PythonVersion) -> Result<ast::Module, Vec<Diagnostic>> {
    lower::parse_and_lower(source, target)
}
