//! Snapshots (insta) of a lowered module and of the diagnostics for bad inputs.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always` and `git diff`).

mod common;

use common::*;
use oxyc_syntax::{Diagnostic, LineIndex, PythonVersion, parse_module};

#[test]
fn lowered_module() {
    let src = "\
def greet(name: str, *, times: int = 2) -> str:
    \"\"\"Say hello.\"\"\"
    return f\"hi {name!r:>{times}} {times=}\" * times

if __name__ == \"__main__\":
    print(greet(\"world\"), 0x_10, [x for x in range(3) if x])
";
    let module = parse_ok(src);
    insta::assert_debug_snapshot!(module);
}

fn render(src: &str, target: PythonVersion) -> String {
    let diags: Vec<Diagnostic> = parse_module(src, target).expect_err("should not parse");
    let index = LineIndex::new(src);
    let mut out = String::new();
    for d in diags {
        let (line, col) = index.line_col(src, d.span.start);
        let snippet = src.get(d.span.range()).unwrap_or("<out of range>");
        out.push_str(&format!(
            "{line}:{col} {:?} {:?}: {}\n",
            d.span, snippet, d.message
        ));
        if let Some(help) = d.help {
            out.push_str(&format!("    help: {help}\n"));
        }
    }
    out
}

#[test]
fn diagnostics_syntax_error() {
    insta::assert_snapshot!(render("def f(x:\n    return x +\n", PY311));
}

#[test]
fn diagnostics_newer_syntax() {
    insta::assert_snapshot!(render(
        "def first[T](xs: list[T]) -> T:\n    return xs[0]\n\ntype Pair = tuple[int, int]\n",
        PY311
    ));
}

#[test]
fn diagnostics_input_limits() {
    let mut out = render("x = 1\0\n", PY311);
    out.push_str(&render(
        &format!("y = {}0{}\n", "(".repeat(300), ")".repeat(300)),
        PY311,
    ));
    out.push_str(&render("match command:\n    case 'go': pass\n", PY39));
    insta::assert_snapshot!(out);
}
