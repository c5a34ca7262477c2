//! Lowering from ruff's AST to oxyc's AST (the only module that knows ruff's types).

use crate::{ast, Diagnostic, PythonVersion};

pub(crate) fn parse_and_lower(
    _source: &str,
    _target: PythonVersion,
) -> Result<ast::Module, Vec<Diagnostic>> {
    Err(vec![Diagnostic::error(crate::Span::default(), "parser not written yet")])
}
