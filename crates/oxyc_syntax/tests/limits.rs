//! Inputs right at the nesting limits must parse: the guard's estimate and the parser
//! thread's stack have to agree (these need about 4 MiB in a debug build; the thread
//! gets 64 MiB).

mod common;
use common::*;

#[test]
fn worst_cases_at_the_limits() {
    let mut cases: Vec<(String, oxyc_syntax::PythonVersion)> = Vec::new();
    cases.push((
        format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200)),
        PY311,
    ));
    cases.push((
        format!("x = {}1{}\n", "-(".repeat(200), ")".repeat(200)),
        PY311,
    ));
    cases.push((
        format!("x = {}1{}\n", "[".repeat(200), "]".repeat(200)),
        PY311,
    ));
    cases.push((
        format!("x = {}1{}\n", "f(".repeat(200), ")".repeat(200)),
        PY311,
    ));
    cases.push((
        format!("x = {}1{}\n", "{".repeat(200), "}".repeat(200)),
        PY311,
    ));
    cases.push((
        format!("x = {}1{}\n", "lambda: (".repeat(199), ")".repeat(199)),
        PY311,
    ));
    cases.push((format!("x = {}1\n", "not ".repeat(995)), PY311));
    cases.push((format!("x = {}1\n", "- ".repeat(995)), PY311));
    cases.push((format!("x = {}1\n", "2 ** ".repeat(995)), PY311));
    cases.push((format!("x = {}1\n", "lambda: ".repeat(495)), PY311));
    cases.push((format!("x = {}1\n", "a if b else ".repeat(495)), PY311));
    cases.push((
        format!(
            "async def f():\n    x = {}1{}\n",
            "await (".repeat(199),
            ")".repeat(199)
        ),
        PY311,
    ));
    cases.push((format!("x = {}1\n", "a.b + ".repeat(495)), PY311));
    cases.push((
        format!("x = {}1{}\n", "f'{".repeat(100), "}'".repeat(100)),
        PY312,
    ));
    cases.push((
        format!("x = {}y{}\n", "[x for x in ".repeat(100), "]".repeat(100)),
        PY311,
    ));
    let mut src = String::new();
    for i in 0..99 {
        src.push_str(&" ".repeat(i));
        src.push_str(if i % 2 == 0 {
            "def f():\n"
        } else {
            "for x in y:\n"
        });
    }
    src.push_str(&" ".repeat(99));
    src.push_str(&format!("y = {}1{}\n", "-(".repeat(200), ")".repeat(200)));
    cases.push((src, PY311));
    // Flat chains are not limited at all.
    cases.push((
        format!("x = {}1\n", "a and b or c < d is not ".repeat(5000)),
        PY311,
    ));
    for (src, v) in &cases {
        parse_ok_for(src, *v);
    }
}
