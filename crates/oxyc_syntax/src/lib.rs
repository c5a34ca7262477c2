//! Stage 1 of the pipeline: source text -> oxyc AST.
//!
//! Owns the only dependency on Astral's ruff parser. `parse_module` parses, checks the
//! syntax against the target Python version and lowers ruff's tree to [`ast`].

pub mod ast;
pub mod diag;
mod lower;
pub mod mangle;
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

/// Limits on nesting, checked before parsing (CPython has the same first two). Later
/// stages may rely on them: no AST is deeper than about `MAX_DEPTH + 2 * MAX_BRACKETS`
/// levels, though a recursive pass over that still wants a few MiB of stack.
pub mod limits {
    pub use crate::lower::guard::{MAX_BRACKETS, MAX_DEPTH, MAX_INDENT};
}

/// Parse a module. Errors are syntax errors (or syntax newer than `target`), each with
/// its span; the compiler never panics on any input.
///
/// * Spans are byte offsets into `source` as given (CRLF included, although string
///   values see universal newlines as in CPython).
/// * Expression ids are `0..expr_count`, handed out in pre-order and source order.
/// * Syntax the AST has no node for (`match`, `type X = ...`) lowers to
///   [`ast::StmtKind::Unsupported`]; values it cannot represent (t-strings, lone surrogate
///   escapes, decimal literals over CPython's 4300-digit limit) are diagnostics here.
/// * Not checked here (the semantic stage's job, as in CPython's compiler): `return` /
///   `yield` outside a function, `break` outside a loop, `nonlocal` at module level, etc.
pub fn parse_module(source: &str, target: PythonVersion) -> Result<ast::Module, Vec<Diagnostic>> {
    let mut module = lower::parse_and_lower(source, target)?;
    mangle::run(&mut module);
    Ok(module)
}
