//! Lowering from ruff's AST to oxyc's AST (the only module that knows ruff's types).
//!
//! `parse_and_lower` runs, in order:
//! 1. input checks ruff cannot make for us: size (ruff asserts < 4 GiB), NUL bytes (CPython
//!    rejects them), and the nesting guard (see [`guard`]) that keeps the recursive parser
//!    and lowering away from stack overflows;
//! 2. ruff's parser in `Module` mode with the target version, on a thread with a large
//!    stack (panics there become a diagnostic too, as a last line of defence);
//! 3. syntax errors and "syntax newer than the target" errors become [`Diagnostic`]s;
//! 4. only for a clean parse: lowering to [`ast`] ([`stmt`], [`expr`], [`fstring`]).
//!    Lowering reports what oxyc's AST cannot represent (t-strings, lone surrogate
//!    escapes, ...) as diagnostics as well; statements it does not model yet become
//!    [`ast::StmtKind::Unsupported`] for later stages to report.

mod expr;
mod fstring;
pub(crate) mod guard;
mod int;
mod stmt;
mod version;

use ruff_python_parser::{Mode, ParseOptions};
use ruff_text_size::TextRange;

use crate::{Diagnostic, PythonVersion, Span, ast};

/// Stack for the parsing thread. The guard bounds the depth of everything recursive;
/// this leaves a wide margin even for unoptimised builds. Only touched pages are committed.
const PARSE_STACK_SIZE: usize = 256 * 1024 * 1024;

pub(crate) fn parse_and_lower(
    source: &str,
    target: PythonVersion,
) -> Result<ast::Module, Vec<Diagnostic>> {
    if u32::try_from(source.len()).is_err() {
        return Err(vec![Diagnostic::error(
            Span::new(0, 0),
            "source file too large (oxyc handles files up to 4 GiB)",
        )]);
    }
    if let Some(pos) = source.bytes().position(|b| b == 0) {
        let pos = pos as u32;
        return Err(vec![
            Diagnostic::error(
                Span::new(pos, pos + 1),
                "source code cannot contain null bytes",
            )
            .with_help("remove the NUL character; CPython rejects it too"),
        ]);
    }
    if let Some((violation, start, end)) = guard::check(source) {
        return Err(vec![
            Diagnostic::error(Span::new(start, end), violation.message())
                .with_help(violation.help()),
        ]);
    }

    let work = || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            parse_checked(source, target)
        }))
        .unwrap_or_else(|_| Err(vec![internal_error()]))
    };
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("oxyc-parse".into())
            .stack_size(PARSE_STACK_SIZE)
            .spawn_scoped(scope, work);
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(vec![internal_error()])),
            // No thread (resource limits): the guard still bounds the recursion, so run here.
            Err(_) => work(),
        }
    })
}

fn internal_error() -> Diagnostic {
    Diagnostic::error(
        Span::new(0, 0),
        "internal error: the parser crashed on this file",
    )
    .with_help("this is a bug in oxyc; please report it with the file attached")
}

fn parse_checked(source: &str, target: PythonVersion) -> Result<ast::Module, Vec<Diagnostic>> {
    let options = ParseOptions::from(Mode::Module).with_target_version(version::to_ruff(target));
    let parsed = ruff_python_parser::parse_unchecked(source, options);

    let mut diags: Vec<Diagnostic> = Vec::new();
    for error in parsed.errors() {
        diags.push(Diagnostic::error(
            span(error.location),
            format!("invalid syntax: {}", lower_first(&error.error.to_string())),
        ));
    }
    for error in parsed.unsupported_syntax_errors() {
        diags.push(version::unsupported_syntax(error, target));
    }
    if !diags.is_empty() {
        return Err(finish(diags));
    }

    let Some(parsed) = parsed.try_into_module() else {
        return Err(vec![internal_error()]);
    };
    let module = parsed.syntax();
    let mut lowerer = Lowerer::new(source);
    let body = lowerer.stmts(&module.body);
    if !lowerer.diags.is_empty() {
        return Err(finish(lowerer.diags));
    }
    Ok(ast::Module {
        body,
        expr_count: lowerer.next_id,
    })
}

/// Sorted by position (then message, for determinism), exact duplicates removed (ruff's recovery can repeat itself).
fn finish(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by(|a, b| {
        (a.span.start, a.span.end)
            .cmp(&(b.span.start, b.span.end))
            .then_with(|| a.message.cmp(&b.message))
    });
    diags.dedup();
    diags
}

/// `Expected ...` -> `expected ...`, leaving words like `IPython` alone.
fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(message.get(first.len_utf8()..).unwrap_or("").chars())
            .collect(),
        _ => message.to_owned(),
    }
}

pub(crate) fn span(range: TextRange) -> Span {
    Span::new(range.start().to_u32(), range.end().to_u32())
}

/// Lowering state: the next expression id and the diagnostics found so far.
pub(crate) struct Lowerer<'src> {
    pub(crate) source: &'src str,
    pub(crate) next_id: u32,
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'src> Lowerer<'src> {
    fn new(source: &'src str) -> Self {
        Lowerer {
            source,
            next_id: 0,
            diags: Vec::new(),
        }
    }

    /// The next id, in pre-order: a node takes its id before its children are lowered.
    pub(crate) fn fresh_id(&mut self) -> ast::ExprId {
        let id = ast::ExprId(self.next_id);
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    pub(crate) fn error(&mut self, range: TextRange, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(span(range), message));
    }

    pub(crate) fn error_with_help(
        &mut self,
        range: TextRange,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error(span(range), message).with_help(help));
    }

    /// Source text of a range ("" if the range is somehow out of bounds).
    pub(crate) fn text(&self, range: TextRange) -> &'src str {
        self.source
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or("")
    }
}
