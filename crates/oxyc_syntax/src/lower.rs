//! Lowering from ruff's AST to oxyc's AST (the only module that knows ruff's types).
//!
//! `parse_and_lower` runs, in order:
//! 1. input checks ruff cannot make for us: size (ruff asserts < 4 GiB), NUL bytes (CPython
//!    rejects them), universal newlines (CPython turns `\r\n` and `\r` into `\n` before
//!    tokenizing, which changes string values; spans are mapped back to the original
//!    text), and the nesting guard (see [`guard`]) that keeps the recursive parser and
//!    lowering away from stack overflows;
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
mod pattern;
mod stmt;
mod version;

use std::borrow::Cow;

use ruff_python_parser::{Mode, ParseOptions};
use ruff_text_size::TextRange;

use crate::{Diagnostic, PythonVersion, Span, ast};

/// Stack for the parsing thread. The guard bounds the depth of everything recursive; the
/// worst inputs at its limits need about 4 MiB in a debug build (`tests/limits.rs`), so
/// this is a 16x margin. Only touched pages are committed.
const PARSE_STACK_SIZE: usize = 64 * 1024 * 1024;

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
    // CPython reads source with universal newlines: `\r\n` and `\r` are `\n`, also
    // inside string literals. ruff keeps them, so normalise first and map spans back.
    let (normalized, offsets) = normalize_newlines(source);
    let source: &str = &normalized;
    let offsets = &offsets;
    if let Some((violation, start, end)) = guard::check(source) {
        return Err(vec![
            Diagnostic::error(offsets.span_of(start, end), violation.message())
                .with_help(violation.help()),
        ]);
    }

    let work = || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            parse_checked(source, offsets, target)
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

fn parse_checked(
    source: &str,
    offsets: &OffsetMap,
    target: PythonVersion,
) -> Result<ast::Module, Vec<Diagnostic>> {
    let options = ParseOptions::from(Mode::Module).with_target_version(version::to_ruff(target));
    let parsed = ruff_python_parser::parse_unchecked(source, options);

    let mut diags: Vec<Diagnostic> = Vec::new();
    for error in parsed.errors() {
        diags.push(Diagnostic::error(
            offsets.span(error.location),
            format!("invalid syntax: {}", lower_first(&error.error.to_string())),
        ));
    }
    for error in parsed.unsupported_syntax_errors() {
        diags.push(version::unsupported_syntax(
            error,
            offsets.span(error.range),
            target,
        ));
    }
    if !diags.is_empty() {
        return Err(finish(diags));
    }

    let Some(parsed) = parsed.try_into_module() else {
        return Err(vec![internal_error()]);
    };
    let module = parsed.syntax();
    let mut lowerer = Lowerer::new(source, offsets);
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

/// `source` with `\r\n` and lone `\r` turned into `\n`, and the map back to offsets in
/// the original text (borrowed, with an empty map, when there is no `\r` at all).
fn normalize_newlines(source: &str) -> (Cow<'_, str>, OffsetMap) {
    if !source.contains('\r') {
        return (Cow::Borrowed(source), OffsetMap::default());
    }
    let bytes = source.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut removed = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\r' {
            if bytes.get(i + 1) == Some(&b'\n') {
                // Drop the `\r`; the `\n` that follows lands at `out.len()`.
                removed.push(out.len() as u32);
            } else {
                out.push(b'\n');
            }
        } else {
            out.push(b);
        }
        i += 1;
    }
    // Only ASCII `\r` bytes were dropped or replaced, so this is still UTF-8.
    match String::from_utf8(out) {
        Ok(text) => (Cow::Owned(text), OffsetMap { removed }),
        Err(_) => (Cow::Borrowed(source), OffsetMap::default()),
    }
}

/// Offsets in the newline-normalised text -> offsets in the original text.
#[derive(Debug, Default)]
pub(crate) struct OffsetMap {
    /// Normalised offsets of the `\n`s whose `\r` was dropped (sorted).
    removed: Vec<u32>,
}

impl OffsetMap {
    fn offset(&self, off: u32) -> u32 {
        // Every dropped `\r` before `off` shifts it by one; an offset at the `\n` of a
        // `\r\n` maps to the `\r`, so a span of the line break covers both bytes.
        off.saturating_add(self.removed.partition_point(|&q| q < off) as u32)
    }

    fn span_of(&self, start: u32, end: u32) -> Span {
        Span::new(self.offset(start), self.offset(end))
    }

    pub(crate) fn span(&self, range: TextRange) -> Span {
        self.span_of(range.start().to_u32(), range.end().to_u32())
    }
}

/// Lowering state: the next expression id and the diagnostics found so far.
pub(crate) struct Lowerer<'src> {
    /// The newline-normalised source that ruff parsed (ruff's ranges index into it).
    pub(crate) source: &'src str,
    offsets: &'src OffsetMap,
    pub(crate) next_id: u32,
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'src> Lowerer<'src> {
    fn new(source: &'src str, offsets: &'src OffsetMap) -> Self {
        Lowerer {
            source,
            offsets,
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

    /// The span in the original source text of a range in the parsed text.
    pub(crate) fn span(&self, range: TextRange) -> Span {
        self.offsets.span(range)
    }

    pub(crate) fn error(&mut self, range: TextRange, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(self.span(range), message));
    }

    pub(crate) fn error_with_help(
        &mut self,
        range: TextRange,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error(self.span(range), message).with_help(help));
    }

    /// Source text of a range ("" if the range is somehow out of bounds).
    pub(crate) fn text(&self, range: TextRange) -> &'src str {
        self.source
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or("")
    }
}
