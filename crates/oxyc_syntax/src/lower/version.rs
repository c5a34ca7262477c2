//! Target versions and "syntax newer (or older) than the target" diagnostics.

use ruff_python_parser::{UnsupportedSyntaxError, UnsupportedSyntaxErrorKind as K};

use super::lower_first;
use crate::{Diagnostic, PythonVersion, Span};

pub(super) fn to_ruff(v: PythonVersion) -> ruff_python_ast::PythonVersion {
    ruff_python_ast::PythonVersion {
        major: v.major,
        minor: v.minor,
    }
}

enum Change {
    Added(u8),
    Removed(u8),
}

/// When the syntax behind `kind` appeared (or went away), as a Python 3 minor version.
/// Mirrors ruff's private `changed_version` so the help can say which version is needed;
/// the match is exhaustive so a ruff upgrade that adds kinds fails to compile here.
fn changed(kind: K) -> Change {
    match kind {
        K::Match => Change::Added(10),
        K::Walrus => Change::Added(8),
        K::ExceptStar => Change::Added(11),
        K::UnparenthesizedNamedExpr(_) => Change::Added(9),
        K::ParenthesizedKeywordArgumentName => Change::Removed(8),
        K::StarTuple(_) => Change::Added(8),
        K::RelaxedDecorator(_) => Change::Added(9),
        K::PositionalOnlyParameter => Change::Added(8),
        K::TypeParameterList => Change::Added(12),
        K::LazyImportStatement => Change::Added(15),
        K::TypeAliasStatement => Change::Added(12),
        K::TypeParamDefault => Change::Added(13),
        K::Pep701FString(_) => Change::Added(12),
        K::ParenthesizedContextManager => Change::Added(9),
        K::StarExpressionInIndex => Change::Added(11),
        K::StarAnnotation => Change::Added(11),
        K::UnpackingInComprehension(_) => Change::Added(15),
        K::UnparenthesizedUnpackInFor => Change::Added(9),
        K::UnparenthesizedExceptionTypes => Change::Added(14),
        K::TemplateStrings => Change::Added(14),
    }
}

pub(super) fn unsupported_syntax(
    error: &UnsupportedSyntaxError,
    span: Span,
    target: PythonVersion,
) -> Diagnostic {
    // ruff's text names the feature and the version, e.g. "Cannot use `match` statement on
    // Python 3.9 (syntax was added in Python 3.10)".
    let message = lower_first(&error.to_string());
    let target_text = format!("{}.{}", target.major, target.minor);
    let help = match changed(error.kind) {
        Change::Added(minor) => format!(
            "this syntax needs Python 3.{minor} or newer; oxyc targets Python {target_text} \
             (the interpreter it builds for)"
        ),
        Change::Removed(minor) => format!(
            "this syntax was removed in Python 3.{minor}; oxyc targets Python {target_text} \
             (the interpreter it builds for)"
        ),
    };
    Diagnostic::error(span, message).with_help(help)
}
