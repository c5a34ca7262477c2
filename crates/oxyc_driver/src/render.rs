//! Rendering errors and diagnostics for people: the one place where driver values turn
//! into text. Diagnostics look like rustc's:
//!
//! ```text
//! error: expected an expression
//!  --> bad.py:2:9
//!   |
//! 2 | x = 1 +
//!   |        ^
//!   |
//!   = help: ...
//! ```
//!
//! Colour is used only when stderr is a terminal and `NO_COLOR` is unset (or empty).

use std::io::{IsTerminal, Write};
use std::time::Duration;

use annotate_snippets::{Level, Renderer, Snippet};
use oxyc_syntax::{Diagnostic, LineIndex, Severity, Span};

use crate::cc::{CcError, SHOWN_OUTPUT_LINES};
use crate::error::{DriverError, ModuleError, SourceDiagnostics};

/// The most characters of one source line a diagnostic shows.
const MAX_SHOWN_LINE: usize = 120;

/// A long single line cut to about `MAX_SHOWN_LINE` characters around the span's
/// start, with `...` where text was cut; the span moved and clipped to match.
fn window(excerpt: &str, start: usize, end: usize) -> (String, usize, usize) {
    if excerpt.contains('\n') || excerpt.chars().count() <= MAX_SHOWN_LINE {
        return (excerpt.to_string(), start, end);
    }
    let floor = |mut i: usize| {
        while i > 0 && !excerpt.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(start.saturating_sub(MAX_SHOWN_LINE / 3));
    let mut to = from;
    for (n, (i, c)) in excerpt[from..].char_indices().enumerate() {
        if n == MAX_SHOWN_LINE {
            break;
        }
        to = from + i + c.len_utf8();
    }
    let head = if from > 0 { "..." } else { "" };
    let tail = if to < excerpt.len() { "..." } else { "" };
    let shown = format!("{head}{}{tail}", &excerpt[from..to]);
    let start = head.len() + (start - from);
    let end = head.len() + (end.min(to) - from);
    (shown, start, end.max(start))
}

/// Renders to text; [`Console`] adds where the text goes.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    fn renderer(self) -> Renderer {
        if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
    }

    /// `error: message` (or `warning:` / `note:`), one line per line of `message`.
    fn headline(self, level: Level, message: &str) -> String {
        self.renderer().render(level.title(message)).to_string()
    }

    /// Every diagnostic of a file, each with its source line and caret.
    pub fn diagnostics(self, file: &SourceDiagnostics) -> String {
        let index = LineIndex::new(&file.source);
        let mut out = String::new();
        for diag in &file.diagnostics {
            out.push_str(&self.diagnostic(&file.path, &file.source, &index, diag));
            out.push_str("\n\n");
        }
        out
    }

    fn diagnostic(self, path: &str, source: &str, index: &LineIndex, diag: &Diagnostic) -> String {
        let level = match diag.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Note => Level::Note,
        };
        let mut span = clamp_span(source, diag.span);
        if span.start as usize == source.len() && source.ends_with('\n') {
            // "Unexpected end of file" points past the final newline, at a line that shows
            // nothing; point at the end of the last line instead, as Python does.
            span = Span::new(span.start - 1, span.start - 1);
        }
        // Only the lines the span covers go to the renderer: it then has little to scan, and
        // the line numbers come from our LineIndex.
        let first_line = index.line(span.start);
        let last_line = index
            .line(if span.end > span.start {
                span.end - 1
            } else {
                span.end
            })
            .max(first_line);
        let slice_start = index.line_start(first_line).unwrap_or(0).min(span.start) as usize;
        let slice_end = index
            .line_start(last_line + 1)
            .map_or(source.len(), |next| next as usize)
            .max(span.end as usize)
            .min(source.len());
        let excerpt = source.get(slice_start..slice_end).unwrap_or("");
        let excerpt = excerpt.strip_suffix('\n').unwrap_or(excerpt);
        let excerpt = excerpt.strip_suffix('\r').unwrap_or(excerpt);
        let local_start = (span.start as usize - slice_start).min(excerpt.len());
        let local_end = (span.end as usize - slice_start).clamp(local_start, excerpt.len());
        // (Columns count characters; `get` keeps a span off a character boundary from
        // panicking here.)
        let col = |text: &str, at: usize| text.get(..at).map_or(at, |t| t.chars().count()) + 1;
        let real_col = col(excerpt, local_start);
        let (excerpt, local_start, local_end) = window(excerpt, local_start, local_end);
        let shown_col = col(&excerpt, local_start);
        let mut message = level.title(&diag.message).snippet(
            Snippet::source(&excerpt)
                .line_start(first_line as usize)
                .origin(path)
                .fold(true)
                .annotation(level.span(local_start..local_end)),
        );
        if let Some(help) = &diag.help {
            message = message.footer(Level::Help.title(help));
        }
        let text = self.renderer().render(message).to_string();
        if shown_col == real_col {
            return text;
        }
        // The renderer counts the column in the cut line: give the line's own.
        text.replacen(
            &format!("{path}:{first_line}:{shown_col}"),
            &format!("{path}:{first_line}:{real_col}"),
            1,
        )
    }

    /// A module's failure.
    pub fn module_error(self, err: &ModuleError) -> String {
        match err {
            ModuleError::Diagnostics(file) if file.error_count() > 0 => self.diagnostics(file),
            ModuleError::Diagnostics(file) => {
                // Failed without an error among the diagnostics: still say that it failed.
                let mut out = self.diagnostics(file);
                out.push_str(
                    &self.headline(Level::Error, &format!("could not compile `{}`", file.path)),
                );
                out.push('\n');
                out
            }
            ModuleError::CCompiler(cc) => self.cc_error(cc),
            other => format!("{}\n", self.headline(Level::Error, &other.to_string())),
        }
    }

    /// An error that stopped the whole invocation.
    pub fn driver_error(self, err: &DriverError) -> String {
        match err {
            DriverError::Module(module) => self.module_error(module),
            other => format!("{}\n", self.headline(Level::Error, &other.to_string())),
        }
    }

    /// The failure, the command that was run and the first lines of what it printed.
    pub fn cc_error(self, err: &CcError) -> String {
        let mut out = self.headline(Level::Error, &err.to_string());
        out.push('\n');
        out.push_str(&format!("  command: {}\n", err.command()));
        let lines: Vec<&str> = err.output().lines().collect();
        for line in lines.iter().take(SHOWN_OUTPUT_LINES) {
            out.push_str(&format!("  | {line}\n"));
        }
        if lines.len() > SHOWN_OUTPUT_LINES {
            out.push_str(&format!(
                "  | ... ({} more lines)\n",
                lines.len() - SHOWN_OUTPUT_LINES
            ));
        }
        out
    }
}

/// Make a span safe to slice `source` with: inside the text, `start <= end`, on character
/// boundaries. Spans come from other stages; a bad one must not crash the renderer.
fn clamp_span(source: &str, span: Span) -> Span {
    let len = source.len();
    let mut start = (span.start as usize).min(len);
    let mut end = (span.end as usize).clamp(start, len);
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    while !source.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start as u32, end as u32)
}

/// Where the driver's messages go: stderr, coloured when it is a terminal and `NO_COLOR`
/// is unset, with progress lines for multi-module builds on a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Console {
    pub style: Style,
    /// Print `[3/15] compiled strings.py (2.1s)` lines.
    pub progress: bool,
}

impl Console {
    pub fn stderr() -> Console {
        let tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Console {
            style: Style {
                color: tty && !no_color,
            },
            progress: tty,
        }
    }

    /// Write already-rendered text to stderr in one piece (so parallel modules do not
    /// interleave). A closed stderr is not worth dying for.
    pub fn print(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = err.write_all(b"\n");
        }
    }

    pub fn error(&self, err: &DriverError) {
        self.print(&self.style.driver_error(err));
    }
}

impl crate::build::Reporter for Console {
    fn warnings(&self, file: &SourceDiagnostics) {
        self.print(&self.style.diagnostics(file));
    }

    fn note(&self, message: &str) {
        self.print(&self.style.headline(Level::Warning, message));
    }

    fn module_finished(&self, p: &crate::build::Progress<'_>, result: &Result<(), &ModuleError>) {
        let mut text = String::new();
        if let Err(err) = result {
            text.push_str(&self.style.module_error(err));
        }
        if self.progress && p.total > 1 {
            let verb = if result.is_ok() { "compiled" } else { "failed" };
            text.push_str(&format!(
                "[{}/{}] {verb} {} ({})\n",
                p.done,
                p.total,
                p.file,
                seconds(p.elapsed)
            ));
        }
        if !text.is_empty() {
            self.print(&text);
        }
    }

    fn build_finished(&self, summary: &crate::build::BuildSummary) {
        let total = summary.built.len() + summary.failed;
        if summary.failed > 0 && total > 1 {
            let text = format!("{} of {total} modules failed to compile", summary.failed);
            self.print(&self.style.headline(Level::Error, &text));
        }
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str, span: Span, help: Option<&str>) -> String {
        let mut diag = Diagnostic::error(span, "something is wrong");
        diag.help = help.map(str::to_owned);
        Style::PLAIN.diagnostics(&SourceDiagnostics {
            path: "m.py".into(),
            source: source.into(),
            diagnostics: vec![diag],
        })
    }

    #[test]
    fn shows_location_line_and_caret() {
        let out = render(
            "a = 1\nbé = (2 +\nc = 3\n",
            Span::new(14, 15),
            Some("close it"),
        );
        assert!(out.contains("error: something is wrong"), "{out}");
        assert!(out.contains("--> m.py:2:8"), "{out}");
        assert!(out.contains("2 | bé = (2 +"), "{out}");
        assert!(out.contains("^"), "{out}");
        assert!(out.contains("help: close it"), "{out}");
        assert!(!out.contains("c = 3"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_span_and_keep_their_column() {
        let digits = "9".repeat(5000);
        let src = format!("x = {digits}\n");
        let out = render(&src, Span::new(4, 5004), None);
        assert!(out.contains("--> m.py:1:5"), "{out}");
        assert!(out.len() < 600, "{}", out.len());
        assert!(out.contains("x = 999") && out.contains("..."), "{out}");
        let items = "1, ".repeat(100);
        let src = format!("x = [{items}(é]\n");
        let at = src.find('(').unwrap() as u32;
        let out = render(&src, Span::new(at, at + 1), None);
        assert!(out.contains("--> m.py:1:306"), "{out}");
        assert!(out.contains("| ...") && out.contains("1, 1, (é]"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 140), "{out}");
    }

    #[test]
    fn end_of_file_is_shown_on_the_last_line() {
        let out = render("x = (1 +\n    2\n", Span::new(14, 14), None);
        assert!(out.contains("--> m.py:2:6"), "{out}");
        assert!(out.contains("2 |     2"), "{out}");
    }

    #[test]
    fn warnings_and_notes_render_with_their_level() {
        let mut d = Diagnostic::error(Span::new(0, 1), "unused");
        d.severity = Severity::Warning;
        let out = Style::PLAIN.diagnostics(&SourceDiagnostics {
            path: "m.py".into(),
            source: "x = 1\n".into(),
            diagnostics: vec![d],
        });
        assert!(out.starts_with("warning: unused"), "{out}");
    }

    /// Spans from other stages may be empty, past the end, reversed or inside a character:
    /// rendering must never panic.
    #[test]
    fn any_span_renders_without_panicking() {
        let sources = [
            "",
            "\n",
            "x",
            "é",
            "a\r\nb\r\n",
            "a\n\n\nb",
            "\t\u{0}é\u{1F600}\n x",
            "x\n",
        ];
        for source in sources {
            for start in 0..=source.len() as u32 + 2 {
                for end in 0..=source.len() as u32 + 2 {
                    let out = render(source, Span::new(start, end), None);
                    assert!(
                        out.contains("--> m.py:"),
                        "{source:?} {start}..{end}: {out}"
                    );
                }
            }
        }
    }

    #[test]
    fn cc_errors_show_the_command_and_the_first_lines() {
        let output: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        let err = CcError::Failed {
            doing: "compiling `m.py`".into(),
            command: "cc -c m.c".into(),
            status: "exit status: 1".into(),
            output,
        };
        let out = Style::PLAIN.cc_error(&err);
        assert!(out.contains("cc -c m.c"), "{out}");
        assert!(
            out.contains("line 20\n") && !out.contains("line 21\n"),
            "{out}"
        );
        assert!(out.contains("10 more lines"), "{out}");
    }
}
