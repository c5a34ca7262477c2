//! The errors CPython's compiler reports in `match` statements: unreachable cases
//! after an irrefutable pattern, names bound twice, alternatives binding different
//! names, repeated class-pattern attributes and duplicate literal mapping keys.

use oxyc_syntax::Diagnostic;
use oxyc_syntax::ast::{Expr, ExprKind, IntLit, MatchCase, Pattern, PatternKind, UnaryOp};

/// Check every case of one `match` statement (the first error in each case, as
/// CPython's compiler stops at the first).
pub fn check_cases(cases: &[MatchCase], out: &mut Vec<Diagnostic>) {
    let n = cases.len();
    for (i, case) in cases.iter().enumerate() {
        // Only the last case, or one with a guard, may be irrefutable.
        let allow = case.guard.is_some() || i + 1 == n;
        let mut stores = Vec::new();
        if let Err(d) = check(&case.pattern, allow, &mut stores) {
            out.push(d);
            return;
        }
    }
}

fn store(name: &Expr, stores: &mut Vec<String>) -> Result<(), Diagnostic> {
    let ExprKind::Name(n) = &name.kind else {
        return Ok(());
    };
    if stores.contains(n) {
        return Err(Diagnostic::error(
            name.span,
            format!("multiple assignments to name '{n}' in pattern"),
        ));
    }
    stores.push(n.clone());
    Ok(())
}

fn check(p: &Pattern, allow: bool, stores: &mut Vec<String>) -> Result<(), Diagnostic> {
    match &p.kind {
        PatternKind::Value(_) | PatternKind::Singleton(_) => Ok(()),
        PatternKind::Capture(None) if !allow => Err(Diagnostic::error(
            p.span,
            "wildcard makes remaining patterns unreachable",
        )),
        PatternKind::Capture(Some(n)) if !allow => {
            let name = match &n.kind {
                ExprKind::Name(s) => s.as_str(),
                _ => "",
            };
            Err(Diagnostic::error(
                p.span,
                format!("name capture '{name}' makes remaining patterns unreachable"),
            ))
        }
        PatternKind::Capture(name) | PatternKind::Star(name) => match name {
            Some(n) => store(n, stores),
            None => Ok(()),
        },
        PatternKind::Sequence(items) => {
            for item in items {
                check(item, true, stores)?;
            }
            Ok(())
        }
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        } => {
            let mut seen: Vec<String> = Vec::new();
            for k in keys {
                if let Some((key, repr)) = literal_key(k) {
                    if seen.contains(&key) {
                        return Err(Diagnostic::error(
                            k.span,
                            format!("mapping pattern checks duplicate key ({repr})"),
                        ));
                    }
                    seen.push(key);
                }
            }
            for item in patterns {
                check(item, true, stores)?;
            }
            match rest {
                Some(r) => store(r, stores),
                None => Ok(()),
            }
        }
        PatternKind::Class {
            patterns,
            kwd_attrs,
            kwd_patterns,
            ..
        } => {
            for (i, a) in kwd_attrs.iter().enumerate() {
                if kwd_attrs[..i].iter().any(|b| b.name == a.name) {
                    return Err(Diagnostic::error(
                        a.span,
                        format!("attribute name repeated in class pattern: {}", a.name),
                    ));
                }
            }
            for item in patterns.iter().chain(kwd_patterns) {
                check(item, true, stores)?;
            }
            Ok(())
        }
        PatternKind::As { pattern, name } => {
            check(pattern, allow, stores)?;
            store(name, stores)
        }
        PatternKind::Or(alts) => {
            let mut control: Option<Vec<String>> = None;
            for (i, alt) in alts.iter().enumerate() {
                let mut own = Vec::new();
                check(alt, allow && i + 1 == alts.len(), &mut own)?;
                match &control {
                    None => control = Some(own),
                    Some(c) => {
                        let same = c.len() == own.len() && own.iter().all(|n| c.contains(n));
                        if !same {
                            return Err(Diagnostic::error(
                                alt.span,
                                "alternative patterns bind different names",
                            ));
                        }
                    }
                }
            }
            for n in control.unwrap_or_default() {
                if stores.contains(&n) {
                    return Err(Diagnostic::error(
                        p.span,
                        format!("multiple assignments to name '{n}' in pattern"),
                    ));
                }
                stores.push(n);
            }
            Ok(())
        }
    }
}

/// A literal mapping key: an identity under Python's `==`/hash for numbers (`1`,
/// `1.0` and `True` are one key), and its repr for the message.
fn literal_key(e: &Expr) -> Option<(String, String)> {
    let num = |neg: bool, e: &Expr| -> Option<(String, String)> {
        let sign = if neg { "-" } else { "" };
        match &e.kind {
            ExprKind::Int(IntLit::Small(i)) => {
                let v = if neg { -i128::from(*i) } else { i128::from(*i) };
                Some((format!("n{v}"), v.to_string()))
            }
            ExprKind::Int(IntLit::Big(d)) => Some((format!("n{sign}{d}"), format!("{sign}{d}"))),
            ExprKind::Float(f) => {
                let v = if neg { -f } else { *f };
                let repr = float_repr(v);
                if v.fract() == 0.0 && v.abs() < 1e18 {
                    Some((format!("n{}", v as i128), repr))
                } else {
                    Some((format!("f{}", v.to_bits()), repr))
                }
            }
            ExprKind::Complex(f) => {
                let v = if neg { -f } else { *f };
                Some((format!("c{}", v.to_bits()), format!("{}j", float_repr(v))))
            }
            _ => None,
        }
    };
    match &e.kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Complex(_) => num(false, e),
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => num(true, operand),
        ExprKind::Bool(b) => Some((
            format!("n{}", i32::from(*b)),
            if *b { "True" } else { "False" }.to_string(),
        )),
        ExprKind::NoneLit => Some(("None".to_string(), "None".to_string())),
        ExprKind::Str(s) => Some((format!("s{s}"), str_repr(s))),
        ExprKind::Bytes(b) => Some((
            format!(
                "b{}",
                b.iter().map(|x| format!("{x:02x}")).collect::<String>()
            ),
            format!("b{}", str_repr(&String::from_utf8_lossy(b))),
        )),
        _ => None,
    }
}

fn float_repr(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        format!("{v:?}")
    }
}

/// Python's `repr()` of a str (close enough for an error message).
fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use oxyc_syntax::{PythonVersion, parse_module};

    /// The error messages sema reports for a module (parse errors included).
    fn errors(src: &str) -> Vec<String> {
        match parse_module(src, PythonVersion::PY311) {
            Err(diags) => diags.into_iter().map(|d| d.message).collect(),
            Ok(m) => crate::analyze(&m, false)
                .diagnostics
                .into_iter()
                .filter(|d| d.is_error())
                .map(|d| d.message)
                .collect(),
        }
    }

    fn in_match(cases: &str) -> String {
        format!("def f(v):\n    match v:\n{cases}")
    }

    #[test]
    fn valid_matches_have_no_errors() {
        let src = in_match(
            "        case [a, *rest] | (a, *rest) if a:\n            pass\n        case {'k': 1, **kw}:\n            pass\n        case P(x=0, y=yy) as p:\n            pass\n        case x if x:\n            pass\n        case _:\n            pass\n",
        );
        assert_eq!(errors(&src), Vec::<String>::new());
    }

    #[test]
    fn cpython_compile_errors() {
        let cases = [
            (
                "        case x:\n            pass\n        case 1:\n            pass\n",
                "name capture 'x' makes remaining patterns unreachable",
            ),
            (
                "        case _:\n            pass\n        case 1:\n            pass\n",
                "wildcard makes remaining patterns unreachable",
            ),
            (
                "        case _ | 1:\n            pass\n",
                "wildcard makes remaining patterns unreachable",
            ),
            (
                "        case (x) as y:\n            pass\n        case 1:\n            pass\n",
                "name capture 'x' makes remaining patterns unreachable",
            ),
            (
                "        case [x] | 1:\n            pass\n",
                "alternative patterns bind different names",
            ),
            (
                "        case [x, x]:\n            pass\n",
                "multiple assignments to name 'x' in pattern",
            ),
            (
                "        case P(x=1, x=2):\n            pass\n",
                "attribute name repeated in class pattern: x",
            ),
            (
                "        case {'a': 1, 'a': 2}:\n            pass\n",
                "mapping pattern checks duplicate key ('a')",
            ),
            (
                "        case {1: 1, 1.0: 2}:\n            pass\n",
                "mapping pattern checks duplicate key (1.0)",
            ),
            (
                "        case {True: 1, 1: 2}:\n            pass\n",
                "mapping pattern checks duplicate key (1)",
            ),
        ];
        for (case, message) in cases {
            let errs = errors(&in_match(case));
            assert_eq!(errs, vec![message.to_string()], "{case}");
        }
    }

    #[test]
    fn guarded_or_last_irrefutable_cases_are_fine() {
        let src = in_match(
            "        case x if x:\n            pass\n        case 1 | (2 as y) | y:\n            pass\n",
        );
        assert_eq!(
            errors(&src),
            vec!["alternative patterns bind different names".to_string()]
        );
        let src =
            in_match("        case x if x:\n            pass\n        case y:\n            pass\n");
        assert_eq!(errors(&src), Vec::<String>::new());
    }
}
