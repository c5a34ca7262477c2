//! Lowering of each construct, checked on the shape of the produced AST.

mod common;

use common::*;
use oxyc_syntax::ast::*;

fn int(e: &Expr) -> &IntLit {
    match &e.kind {
        ExprKind::Int(i) => i,
        other => panic!("not an int: {other:#?}"),
    }
}

#[test]
fn int_literals() {
    assert_eq!(int(&expr("42")), &IntLit::Small(42));
    assert_eq!(int(&expr("0x_FF")), &IntLit::Small(255));
    assert_eq!(int(&expr("0o17")), &IntLit::Small(15));
    assert_eq!(int(&expr("0b1010")), &IntLit::Small(10));
    assert_eq!(int(&expr("1_000_000")), &IntLit::Small(1_000_000));
    assert_eq!(int(&expr("9223372036854775807")), &IntLit::Small(i64::MAX));
    assert_eq!(
        int(&expr("9223372036854775808")),
        &IntLit::Big("9223372036854775808".into())
    );
    assert_eq!(
        int(&expr("18446744073709551615")),
        &IntLit::Big("18446744073709551615".into())
    );
    assert_eq!(
        int(&expr("123_456_789_012_345_678_901_234_567_890")),
        &IntLit::Big("123456789012345678901234567890".into())
    );
    assert_eq!(
        int(&expr("0xFFFF_FFFF_FFFF_FFFF_FFFF")),
        &IntLit::Big("1208925819614629174706175".into())
    );
    assert_eq!(int(&expr("0b1".to_owned().as_str())), &IntLit::Small(1));
    assert_eq!(
        int(&expr(&format!("0B1{}", "0".repeat(80)))),
        &IntLit::Big("1208925819614629174706176".into())
    );
    assert_eq!(
        int(&expr("0o7777777777777777777777777")),
        &IntLit::Big("37778931862957161709567".into())
    );
    // `-5` is a unary minus applied to 5.
    match expr("-5").kind {
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => {
            assert_eq!(int(&operand), &IntLit::Small(5))
        }
        other => panic!("{other:#?}"),
    }
}

#[test]
fn huge_decimal_literal_is_rejected_like_cpython() {
    let ok = format!("x = {}\n", "9".repeat(4300));
    parse_ok(&ok);
    let bad = format!("x = {}\n", "9".repeat(4301));
    let diags = parse_err(&bad);
    assert!(diags[0].message.contains("4301 digits"), "{diags:#?}");
    assert_eq!(diags[0].span.start, 4);
    // Hexadecimal has no such limit.
    parse_ok(&format!("x = 0x{}\n", "f".repeat(6000)));
}

#[test]
fn other_literals() {
    assert!(matches!(expr("1.5").kind, ExprKind::Float(f) if f == 1.5));
    assert!(matches!(expr("1_0.2_5e1").kind, ExprKind::Float(f) if f == 102.5));
    assert!(matches!(expr("3j").kind, ExprKind::Complex(f) if f == 3.0));
    assert!(matches!(expr("2.5J").kind, ExprKind::Complex(f) if f == 2.5));
    assert!(matches!(expr("True").kind, ExprKind::Bool(true)));
    assert!(matches!(expr("False").kind, ExprKind::Bool(false)));
    assert!(matches!(expr("None").kind, ExprKind::NoneLit));
    assert!(matches!(expr("...").kind, ExprKind::Ellipsis));
    match expr(r#"'a\n' "b" '''c'''"#).kind {
        ExprKind::Str(s) => assert_eq!(s, "a\nbc"),
        other => panic!("{other:#?}"),
    }
    match expr(r#"r'\d' u'é'"#).kind {
        ExprKind::Str(s) => assert_eq!(s, "\\dé"),
        other => panic!("{other:#?}"),
    }
    match expr(r#"b'\x00\xff' rb'\n'"#).kind {
        ExprKind::Bytes(b) => assert_eq!(b, vec![0, 255, b'\\', b'n']),
        other => panic!("{other:#?}"),
    }
    match expr(r#"'\N{GREEK SMALL LETTER ALPHA}\u00e9\U0001F600'"#).kind {
        ExprKind::Str(s) => assert_eq!(s, "αé😀"),
        other => panic!("{other:#?}"),
    }
}

#[test]
fn surrogate_escapes_are_refused_not_mangled() {
    let diags = parse_err("x = 'a\\ud800'\n");
    assert!(diags[0].message.contains("surrogate"), "{diags:#?}");
    let diags = parse_err("x = f'{y}\\udfff'\n");
    assert!(diags[0].message.contains("surrogate"), "{diags:#?}");
    // Raw strings and escaped backslashes are fine.
    parse_ok("x = r'\\ud800' + '\\\\ud800'\n");
}

fn parts(e: Expr) -> Vec<FStringPart> {
    match e.kind {
        ExprKind::FString(p) => p,
        other => panic!("not an f-string: {other:#?}"),
    }
}

fn lit(p: &FStringPart) -> &str {
    match p {
        FStringPart::Literal(s) => s,
        other => panic!("not a literal: {other:#?}"),
    }
}

#[test]
fn fstring_basic_parts() {
    let p = parts(expr(r#"f"a{x}b{{c}}\n{y!r}""#));
    assert_eq!(p.len(), 4, "{p:#?}");
    assert_eq!(lit(&p[0]), "a");
    match &p[1] {
        FStringPart::Interpolation {
            expr,
            conversion,
            format_spec,
            debug_text,
        } => {
            assert_eq!(name(expr), "x");
            assert_eq!(*conversion, None);
            assert!(format_spec.is_none());
            assert!(debug_text.is_none());
        }
        other => panic!("{other:#?}"),
    }
    // `{{`/`}}` are unescaped, and literal pieces are merged.
    assert_eq!(lit(&p[2]), "b{c}\n");
    assert!(matches!(
        &p[3],
        FStringPart::Interpolation {
            conversion: Some('r'),
            ..
        }
    ));
    for (src, c) in [("f'{x!s}'", 's'), ("f'{x!a}'", 'a')] {
        let p = parts(expr(src));
        assert!(
            matches!(&p[0], FStringPart::Interpolation { conversion: Some(cc), .. } if *cc == c)
        );
    }
    assert!(parts(expr("f''")).is_empty());
}

#[test]
fn fstring_nested_format_spec() {
    let p = parts(expr(r#"f"{value:>{width}.{prec}f}!""#));
    assert_eq!(p.len(), 2);
    match &p[0] {
        FStringPart::Interpolation {
            expr,
            format_spec: Some(spec),
            conversion: None,
            ..
        } => {
            assert_eq!(name(expr), "value");
            assert_eq!(spec.len(), 5, "{spec:#?}");
            assert_eq!(lit(&spec[0]), ">");
            assert!(
                matches!(&spec[1], FStringPart::Interpolation { expr, .. } if name(expr) == "width")
            );
            assert_eq!(lit(&spec[2]), ".");
            assert!(
                matches!(&spec[3], FStringPart::Interpolation { expr, .. } if name(expr) == "prec")
            );
            assert_eq!(lit(&spec[4]), "f");
        }
        other => panic!("{other:#?}"),
    }
    assert_eq!(lit(&p[1]), "!");
    // Nested f-strings inside replacement fields.
    let p = parts(expr(r#"f"{f'{x:{y}}'}""#));
    match &p[0] {
        FStringPart::Interpolation { expr, .. } => {
            let inner = parts((**expr).clone());
            assert!(
                matches!(&inner[0], FStringPart::Interpolation { format_spec: Some(s), .. } if s.len() == 1)
            );
        }
        other => panic!("{other:#?}"),
    }
}

#[test]
fn fstring_debug_text() {
    let cases: [(&str, &str, Option<char>, bool); 5] = [
        // source, debug text, conversion, has spec
        ("f'{x=}'", "x=", Some('r'), false),
        ("f'{ x = }'", " x = ", Some('r'), false),
        ("f'{x=!s}'", "x=", Some('s'), false),
        ("f'{x=:>10}'", "x=", None, true),
        ("f'{x.y + 1=}'", "x.y + 1=", Some('r'), false),
    ];
    for (src, text, conv, has_spec) in cases {
        let p = parts(expr(src));
        assert_eq!(p.len(), 1, "{src}: {p:#?}");
        match &p[0] {
            FStringPart::Interpolation {
                debug_text,
                conversion,
                format_spec,
                ..
            } => {
                assert_eq!(debug_text.as_deref(), Some(text), "{src}");
                assert_eq!(*conversion, conv, "{src}");
                assert_eq!(format_spec.is_some(), has_spec, "{src}");
            }
            other => panic!("{other:#?}"),
        }
    }
    // An empty spec is still a spec (CPython: `f"{x=:}"` formats with str, not repr).
    let p = parts(expr("f'{x=:}'"));
    assert!(
        matches!(&p[0], FStringPart::Interpolation { conversion: None, format_spec: Some(s), .. } if s.is_empty())
    );
}

#[test]
fn fstring_implicit_concatenation() {
    let p = parts(expr(r#""a" f"{x}" "b" 'c' f"d{y}" """e""""#));
    assert_eq!(p.len(), 5, "{p:#?}");
    assert_eq!(lit(&p[0]), "a");
    assert!(matches!(&p[1], FStringPart::Interpolation { expr, .. } if name(expr) == "x"));
    assert_eq!(lit(&p[2]), "bcd");
    assert!(matches!(&p[3], FStringPart::Interpolation { expr, .. } if name(expr) == "y"));
    assert_eq!(lit(&p[4]), "e");
    let p = parts(expr(r#"f"{x}" "tail""#));
    assert_eq!(p.len(), 2);
    assert_eq!(lit(&p[1]), "tail");
}

#[test]
fn fstring_pep701_needs_312() {
    let src = "x = f'{'nested'}'\n";
    parse_ok_for(src, PY312);
    let diags = parse_err_for(src, PY311);
    assert!(
        diags[0].help.as_deref().unwrap_or("").contains("3.12"),
        "{diags:#?}"
    );
}

#[test]
fn function_def_everything() {
    let src = "@dec\n@mod.dec(1)\nasync def f(a: int, b=1, /, c: str = 'x', *args: int, d, e: float = 2.0, **kw: object) -> bool:\n    \"\"\"Doc.\"\"\"\n    return True\n";
    let StmtKind::FunctionDef(f) = stmt(src) else {
        panic!()
    };
    assert_eq!(f.name.name, "f");
    assert_eq!(text(src, f.name.span), "f");
    assert!(f.is_async);
    assert!(!f.has_type_params);
    assert_eq!(f.decorators.len(), 2);
    assert_eq!(name(&f.decorators[0]), "dec");
    assert!(matches!(f.decorators[1].kind, ExprKind::Call { .. }));
    let p = &f.params;
    let names = |ps: &[Param]| ps.iter().map(|p| p.name.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&p.posonly), ["a", "b"]);
    assert_eq!(names(&p.args), ["c"]);
    assert_eq!(
        p.vararg.as_ref().map(|p| p.name.name.as_str()),
        Some("args")
    );
    assert_eq!(names(&p.kwonly), ["d", "e"]);
    assert_eq!(p.kwarg.as_ref().map(|p| p.name.name.as_str()), Some("kw"));
    assert_eq!(name(p.posonly[0].annotation.as_ref().unwrap()), "int");
    assert!(p.posonly[0].default.is_none());
    assert!(matches!(
        p.posonly[1].default.as_ref().unwrap().kind,
        ExprKind::Int(IntLit::Small(1))
    ));
    assert_eq!(text(src, p.args[0].span), "c: str = 'x'");
    assert!(p.kwonly[0].default.is_none() && p.kwonly[0].annotation.is_none());
    assert!(p.vararg.as_ref().unwrap().annotation.is_some());
    assert_eq!(p.all().count(), 7);
    assert_eq!(name(f.returns.as_ref().unwrap()), "bool");
    assert_eq!(f.docstring.as_deref(), Some("Doc."));
    assert_eq!(f.body.len(), 2, "the docstring statement stays in the body");
}

#[test]
fn docstrings() {
    let doc = |src: &str| match stmt(src) {
        StmtKind::FunctionDef(f) => f.docstring,
        other => panic!("{other:#?}"),
    };
    assert_eq!(doc("def f():\n    'a' 'b'\n"), Some("ab".into()));
    assert_eq!(doc("def f():\n    f'a'\n"), None);
    assert_eq!(doc("def f():\n    b'a'\n"), None);
    assert_eq!(doc("def f():\n    x = 'a'\n"), None);
    assert_eq!(doc("def f(): pass\n"), None);
}

#[test]
fn class_def() {
    let src = "@dataclass\nclass C(Base, metaclass=Meta, **extra):\n    x: int = 0\n";
    let StmtKind::ClassDef(c) = stmt(src) else {
        panic!()
    };
    assert_eq!(c.name.name, "C");
    assert_eq!(c.decorators.len(), 1);
    assert_eq!(c.bases.len(), 1);
    assert_eq!(c.keywords.len(), 2);
    assert_eq!(
        c.keywords[0].arg.as_ref().map(|a| a.name.as_str()),
        Some("metaclass")
    );
    assert!(c.keywords[1].arg.is_none());
    assert!(matches!(
        c.body[0].kind,
        StmtKind::AnnAssign { value: Some(_), .. }
    ));
    assert!(!c.has_type_params);
    let StmtKind::ClassDef(c) = stmt("class D: pass\n") else {
        panic!()
    };
    assert!(c.bases.is_empty() && c.keywords.is_empty());
}

#[test]
fn pep695_type_params_need_312() {
    let src = "def f[T](x: T) -> T: ...\n";
    let diags = parse_err_for(src, PY311);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].message.contains("type parameter"), "{diags:#?}");
    assert!(diags[0].message.contains("3.11"), "{diags:#?}");
    let help = diags[0].help.as_deref().unwrap();
    assert!(
        help.contains("needs Python 3.12 or newer") && help.contains("targets Python 3.11"),
        "{help}"
    );
    assert_eq!(text(src, diags[0].span), "[T]");

    let m = parse_ok_for(src, PY312);
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    assert!(f.has_type_params);
    let m = parse_ok_for("class C[T]: pass\n", PY312);
    assert!(matches!(&m.body[0].kind, StmtKind::ClassDef(c) if c.has_type_params));
}

#[test]
fn newer_syntax_is_rejected_per_target() {
    let diags = parse_err_for("match x:\n    case 1: pass\n", PY39);
    assert!(
        diags[0].message.contains("`match` statement") && diags[0].message.contains("3.9"),
        "{diags:#?}"
    );
    assert!(diags[0].help.as_deref().unwrap().contains("3.10"));

    let diags = parse_err_for("try:\n    pass\nexcept* E:\n    pass\n", PY310);
    assert!(diags[0].message.contains("except*"), "{diags:#?}");

    let diags = parse_err_for("type X = int\n", PY311);
    assert!(diags[0].message.contains("`type` alias"), "{diags:#?}");

    let diags = parse_err_for("x = t'{y}'\n", PY312);
    assert!(diags[0].message.contains("t-string"), "{diags:#?}");
}

#[test]
fn match_statements_are_lowered() {
    let src = "match x:\n    case [a, *rest] if a:\n        pass\n    case {'k': P(y=v)} | (v as w):\n        pass\n";
    let m = parse_ok_for(src, PY311);
    let StmtKind::Match { subject, cases } = &m.body[0].kind else {
        panic!("not a match: {:?}", m.body[0].kind);
    };
    assert_eq!(text(src, m.body[0].span), src.trim_end());
    assert_eq!(text(src, subject.span), "x");
    assert_eq!(cases.len(), 2);
    assert!(cases[0].guard.is_some());
    let PatternKind::Sequence(items) = &cases[0].pattern.kind else {
        panic!("not a sequence pattern");
    };
    assert!(matches!(items[1].kind, PatternKind::Star(Some(_))));
    let PatternKind::Or(alts) = &cases[1].pattern.kind else {
        panic!("not an or pattern");
    };
    assert!(matches!(alts[0].kind, PatternKind::Mapping { .. }));
    assert!(matches!(alts[1].kind, PatternKind::As { .. }));
    assert_eq!(text(src, alts[1].span), "v as w");
    // Every bound name and value is an expression with its own id.
    let mut names = Vec::new();
    walk_stmts(&m.body, &mut |e| {
        if let ExprKind::Name(n) = &e.kind {
            names.push(n.clone());
        }
    });
    assert_eq!(names, ["x", "a", "rest", "a", "P", "v", "v", "w"]);
}

#[test]
fn unsupported_statements() {
    let m = parse_ok_for("type X = list[int]\n", PY312);
    assert!(matches!(
        m.body[0].kind,
        StmtKind::Unsupported {
            what: "`type` alias statement"
        }
    ));
}

#[test]
fn tstrings_are_diagnosed_on_314() {
    let diags = parse_err_for("x = t'{y}'\n", PY314);
    assert!(diags[0].message.contains("template strings"), "{diags:#?}");
}

#[test]
fn comprehensions() {
    match expr("[x * 2 for x in xs if x if y for z in x]").kind {
        ExprKind::ListComp { elt, generators } => {
            assert!(matches!(
                elt.kind,
                ExprKind::BinOp {
                    op: BinOp::Mult,
                    ..
                }
            ));
            assert_eq!(generators.len(), 2);
            assert_eq!(generators[0].ifs.len(), 2);
            assert!(!generators[0].is_async);
        }
        other => panic!("{other:#?}"),
    }
    assert!(matches!(
        expr("{x for x in y}").kind,
        ExprKind::SetComp { .. }
    ));
    assert!(matches!(
        expr("(x for x in y)").kind,
        ExprKind::GeneratorExp { .. }
    ));
    match expr("{k: v for k, v in items}").kind {
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            assert_eq!(name(&key), "k");
            assert_eq!(name(&value), "v");
            assert!(matches!(generators[0].target.kind, ExprKind::Tuple(ref t) if t.len() == 2));
        }
        other => panic!("{other:#?}"),
    }
    let m = parse_ok("async def f():\n    return [x async for x in y]\n");
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    match &f.body[0].kind {
        StmtKind::Return(Some(Expr {
            kind: ExprKind::ListComp { generators, .. },
            ..
        })) => {
            assert!(generators[0].is_async)
        }
        other => panic!("{other:#?}"),
    }
}

#[test]
fn lambda_starred_named_await_yield() {
    match expr("lambda a, b=1, *c, d, **e: a").kind {
        ExprKind::Lambda { params, body } => {
            assert_eq!(params.all().count(), 5);
            assert_eq!(name(&body), "a");
        }
        other => panic!("{other:#?}"),
    }
    match expr("lambda: 0").kind {
        ExprKind::Lambda { params, .. } => assert_eq!(params.all().count(), 0),
        other => panic!("{other:#?}"),
    }
    match stmt("a, *b = c\n") {
        StmtKind::Assign { targets, .. } => match &targets[0].kind {
            ExprKind::Tuple(elts) => assert!(matches!(elts[1].kind, ExprKind::Starred(_))),
            other => panic!("{other:#?}"),
        },
        other => panic!("{other:#?}"),
    }
    match expr("(y := f(x))").kind {
        ExprKind::Named { target, value } => {
            assert_eq!(name(&target), "y");
            assert!(matches!(value.kind, ExprKind::Call { .. }));
        }
        other => panic!("{other:#?}"),
    }
    let m = parse_ok("async def f():\n    await g()\n");
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    assert!(matches!(
        &f.body[0].kind,
        StmtKind::Expr(Expr {
            kind: ExprKind::Await(_),
            ..
        })
    ));
    let m = parse_ok("def g():\n    yield\n    yield 1\n    x = yield from h()\n");
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    assert!(matches!(
        &f.body[0].kind,
        StmtKind::Expr(Expr {
            kind: ExprKind::Yield(None),
            ..
        })
    ));
    assert!(matches!(
        &f.body[1].kind,
        StmtKind::Expr(Expr {
            kind: ExprKind::Yield(Some(_)),
            ..
        })
    ));
    assert!(matches!(
        &f.body[2].kind,
        StmtKind::Assign {
            value: Expr {
                kind: ExprKind::YieldFrom(_),
                ..
            },
            ..
        }
    ));
}

#[test]
fn subscripts_slices_attributes() {
    let src = "a.b[1:2, ::3, :]";
    let e = expr(src);
    match e.kind {
        ExprKind::Subscript { value, index } => {
            match &value.kind {
                ExprKind::Attribute { value, attr } => {
                    assert_eq!(name(value), "a");
                    assert_eq!(attr.name, "b");
                    assert_eq!(text(src, attr.span), "b");
                }
                other => panic!("{other:#?}"),
            }
            match &index.kind {
                ExprKind::Tuple(elts) => {
                    assert!(matches!(
                        &elts[0].kind,
                        ExprKind::Slice {
                            lower: Some(_),
                            upper: Some(_),
                            step: None
                        }
                    ));
                    assert!(matches!(
                        &elts[1].kind,
                        ExprKind::Slice {
                            lower: None,
                            upper: None,
                            step: Some(_)
                        }
                    ));
                    assert!(matches!(
                        &elts[2].kind,
                        ExprKind::Slice {
                            lower: None,
                            upper: None,
                            step: None
                        }
                    ));
                }
                other => panic!("{other:#?}"),
            }
        }
        other => panic!("{other:#?}"),
    }
}

#[test]
fn calls() {
    let src = "f(a, *b, k=1, *c, **d)";
    match expr(src).kind {
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            assert_eq!(name(&func), "f");
            assert_eq!(args.len(), 3);
            assert!(matches!(args[1].kind, ExprKind::Starred(_)));
            assert!(matches!(args[2].kind, ExprKind::Starred(_)));
            assert_eq!(keywords.len(), 2);
            assert_eq!(keywords[0].arg.as_ref().unwrap().name, "k");
            assert_eq!(text(src, keywords[0].span), "k=1");
            assert!(keywords[1].arg.is_none());
            assert_eq!(text(src, keywords[1].span), "**d");
            // Ids follow the written order: `*c` comes after `k=1`.
            assert!(keywords[0].value.id < args[2].id);
        }
        other => panic!("{other:#?}"),
    }
    assert!(
        matches!(expr("f(x for x in y)").kind, ExprKind::Call { ref args, .. } if matches!(args[0].kind, ExprKind::GeneratorExp { .. }))
    );
}

#[test]
fn collections_and_operators() {
    match expr("{1: 2, **m, 'k': v}").kind {
        ExprKind::Dict(items) => {
            assert_eq!(items.len(), 3);
            assert!(items[0].0.is_some());
            assert!(items[1].0.is_none());
            assert_eq!(name(&items[1].1), "m");
        }
        other => panic!("{other:#?}"),
    }
    assert!(matches!(expr("{}").kind, ExprKind::Dict(ref d) if d.is_empty()));
    assert!(matches!(expr("{1, 2}").kind, ExprKind::Set(ref s) if s.len() == 2));
    assert!(matches!(expr("[1, 2, 3]").kind, ExprKind::List(ref s) if s.len() == 3));
    assert!(matches!(expr("()").kind, ExprKind::Tuple(ref s) if s.is_empty()));
    assert!(matches!(expr("1,").kind, ExprKind::Tuple(ref s) if s.len() == 1));
    match expr("a and b and c or d").kind {
        ExprKind::BoolOp {
            op: BoolOp::Or,
            values,
        } => {
            assert!(
                matches!(&values[0].kind, ExprKind::BoolOp { op: BoolOp::And, values } if values.len() == 3)
            );
        }
        other => panic!("{other:#?}"),
    }
    match expr("a < b <= c is not d not in e").kind {
        ExprKind::Compare {
            ops, comparators, ..
        } => {
            assert_eq!(ops, vec![CmpOp::Lt, CmpOp::LtE, CmpOp::IsNot, CmpOp::NotIn]);
            assert_eq!(comparators.len(), 4);
        }
        other => panic!("{other:#?}"),
    }
    match expr("a if t else b").kind {
        ExprKind::IfExp { test, body, orelse } => {
            assert_eq!((name(&test), name(&body), name(&orelse)), ("t", "a", "b"));
            // Pre-order in source order: the IfExp, then `a`, `t`, `b`.
            assert!(body.id < test.id && test.id < orelse.id);
        }
        other => panic!("{other:#?}"),
    }
    let ops = [
        ("+", BinOp::Add),
        ("-", BinOp::Sub),
        ("*", BinOp::Mult),
        ("@", BinOp::MatMult),
        ("/", BinOp::Div),
        ("%", BinOp::Mod),
        ("**", BinOp::Pow),
        ("<<", BinOp::LShift),
        (">>", BinOp::RShift),
        ("|", BinOp::BitOr),
        ("^", BinOp::BitXor),
        ("&", BinOp::BitAnd),
        ("//", BinOp::FloorDiv),
    ];
    for (sym, op) in ops {
        assert!(
            matches!(expr(&format!("a {sym} b")).kind, ExprKind::BinOp { op: o, .. } if o == op),
            "{sym}"
        );
        assert!(
            matches!(stmt(&format!("a {sym}= b\n")), StmtKind::AugAssign { op: o, .. } if o == op),
            "{sym}="
        );
        assert_eq!(op.symbol(), sym);
    }
    for (src, op) in [
        ("~a", UnaryOp::Invert),
        ("not a", UnaryOp::Not),
        ("+a", UnaryOp::UAdd),
        ("-a", UnaryOp::USub),
    ] {
        assert!(
            matches!(expr(src).kind, ExprKind::UnaryOp { op: o, .. } if o == op),
            "{src}"
        );
    }
}

#[test]
fn assignments() {
    match stmt("a = b = 1\n") {
        StmtKind::Assign { targets, value } => {
            assert_eq!(targets.len(), 2);
            assert!(matches!(value.kind, ExprKind::Int(IntLit::Small(1))));
        }
        other => panic!("{other:#?}"),
    }
    match stmt("x: list[int]\n") {
        StmtKind::AnnAssign {
            target,
            annotation,
            value: None,
            simple: true,
        } => {
            assert_eq!(name(&target), "x");
            assert!(matches!(annotation.kind, ExprKind::Subscript { .. }));
        }
        other => panic!("{other:#?}"),
    }
    assert!(matches!(
        stmt("(x): int = 1\n"),
        StmtKind::AnnAssign { simple: false, .. }
    ));
    assert!(matches!(stmt("del a, b[0]\n"), StmtKind::Delete(ref t) if t.len() == 2));
}

#[test]
fn control_flow() {
    let src = "if a:\n    pass\nelif b:\n    break\nelif c:\n    continue\nelse:\n    x = 1\n";
    let m = parse_ok(src);
    let StmtKind::If { test, body, orelse } = &m.body[0].kind else {
        panic!()
    };
    assert_eq!(name(test), "a");
    assert!(matches!(body[0].kind, StmtKind::Pass));
    assert_eq!(orelse.len(), 1);
    assert_eq!(text(src, orelse[0].span), &src[15..src.len() - 1]);
    let StmtKind::If { test, body, orelse } = &orelse[0].kind else {
        panic!()
    };
    assert_eq!(name(test), "b");
    assert!(matches!(body[0].kind, StmtKind::Break));
    let StmtKind::If { test, body, orelse } = &orelse[0].kind else {
        panic!()
    };
    assert_eq!(name(test), "c");
    assert!(matches!(body[0].kind, StmtKind::Continue));
    assert!(matches!(orelse[0].kind, StmtKind::Assign { .. }));

    match stmt("for i, j in x:\n    pass\nelse:\n    pass\n") {
        StmtKind::For {
            target,
            orelse,
            is_async: false,
            ..
        } => {
            assert!(matches!(target.kind, ExprKind::Tuple(_)));
            assert_eq!(orelse.len(), 1);
        }
        other => panic!("{other:#?}"),
    }
    match stmt("while x:\n    pass\nelse:\n    pass\n") {
        StmtKind::While { orelse, .. } => assert_eq!(orelse.len(), 1),
        other => panic!("{other:#?}"),
    }
    let m = parse_ok(
        "async def f():\n    async for x in y:\n        pass\n    async with a as b, c:\n        pass\n",
    );
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    assert!(matches!(
        f.body[0].kind,
        StmtKind::For { is_async: true, .. }
    ));
    match &f.body[1].kind {
        StmtKind::With {
            items,
            is_async: true,
            ..
        } => {
            assert_eq!(items.len(), 2);
            assert!(items[0].optional_vars.is_some());
            assert!(items[1].optional_vars.is_none());
        }
        other => panic!("{other:#?}"),
    }
}

#[test]
fn exceptions() {
    let src = "try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nexcept C:\n    raise\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n";
    match stmt(src) {
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            is_star: false,
        } => {
            assert_eq!(body.len(), 1);
            assert_eq!(handlers.len(), 3);
            assert!(matches!(
                handlers[0].type_.as_ref().unwrap().kind,
                ExprKind::Tuple(_)
            ));
            assert_eq!(handlers[0].name.as_ref().unwrap().name, "e");
            assert!(text(src, handlers[0].span).starts_with("except (A, B) as e:"));
            assert!(matches!(
                handlers[0].body[0].kind,
                StmtKind::Raise {
                    exc: Some(_),
                    cause: Some(_)
                }
            ));
            assert!(matches!(
                handlers[1].body[0].kind,
                StmtKind::Raise {
                    exc: None,
                    cause: None
                }
            ));
            assert!(handlers[2].type_.is_none());
            assert_eq!(orelse.len(), 1);
            assert_eq!(finalbody.len(), 1);
        }
        other => panic!("{other:#?}"),
    }
    assert!(matches!(
        stmt("try:\n    pass\nexcept* E:\n    pass\n"),
        StmtKind::Try { is_star: true, .. }
    ));
    assert!(matches!(
        stmt("assert x, 'msg'\n"),
        StmtKind::Assert { msg: Some(_), .. }
    ));
    assert!(matches!(
        stmt("assert x\n"),
        StmtKind::Assert { msg: None, .. }
    ));
}

#[test]
fn imports_and_scopes() {
    match stmt("import os.path as p, sys\n") {
        StmtKind::Import(names) => {
            assert_eq!(names[0].name, "os.path");
            assert_eq!(names[0].asname.as_ref().unwrap().name, "p");
            assert_eq!(names[1].name, "sys");
            assert!(names[1].asname.is_none());
        }
        other => panic!("{other:#?}"),
    }
    match stmt("from ..pkg . mod import (a as b, c)\n") {
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => {
            assert_eq!(module.as_deref(), Some("pkg.mod"));
            assert_eq!(level, 2);
            assert_eq!(names.len(), 2);
        }
        other => panic!("{other:#?}"),
    }
    match stmt("from . import x\n") {
        StmtKind::ImportFrom {
            module: None,
            level: 1,
            ..
        } => {}
        other => panic!("{other:#?}"),
    }
    match stmt("from m import *\n") {
        StmtKind::ImportFrom {
            names, level: 0, ..
        } => assert_eq!(names[0].name, "*"),
        other => panic!("{other:#?}"),
    }
    let m = parse_ok("def f():\n    global a, b\n    def g():\n        nonlocal c\n");
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    assert!(matches!(&f.body[0].kind, StmtKind::Global(n) if n.len() == 2 && n[1].name == "b"));
    let StmtKind::FunctionDef(g) = &f.body[1].kind else {
        panic!()
    };
    assert!(matches!(&g.body[0].kind, StmtKind::Nonlocal(n) if n[0].name == "c"));
}

#[test]
fn spans_are_byte_offsets() {
    let src = "é = 1\nx = 'ü' + y\n";
    let m = parse_ok(src);
    assert_eq!(text(src, m.body[0].span), "é = 1");
    match &m.body[1].kind {
        StmtKind::Assign { value, .. } => {
            assert_eq!(text(src, value.span), "'ü' + y");
            let ExprKind::BinOp { right, .. } = &value.kind else {
                panic!()
            };
            assert_eq!(text(src, right.span), "y");
        }
        other => panic!("{other:#?}"),
    }
}

#[test]
fn ids_are_sequential_over_a_big_module() {
    let src = r#"
import os
from x import y as z

@decorate(1, key=2)
class C(Base, metaclass=M):
    attr: int = 3
    def method(self, a: int = 1, *args: str, b: float = 2.0, **kw) -> "C":
        """Docstring."""
        for i, j in enumerate(args):
            if i > 2 and not j or a is None:
                continue
            elif i:
                break
            else:
                self.x[i:j:2] += [k ** 2 for k in range(i) if k % 2]
        with open(f"{a!r:>{b}} {a=}") as fh, lock:
            data = {**kw, "k": fh.read(), 1: {1, 2}, 2: (3, *args)}
        try:
            raise ValueError(data) from None
        except (ValueError, TypeError) as e:
            x = lambda q, r=1: q if r else -q
        finally:
            del data
        assert a, "msg"
        return (yield from gen()) or (y := 3)

async def main():
    await main()
    async for v in aiter():
        print(v, sep="", *[1], **{})
    return {k: v async for k, v in g() if k}
"#;
    let m = parse_ok(src); // parse_ok runs check_ids
    assert!(m.expr_count > 80, "{}", m.expr_count);
    let mut count = 0;
    walk_stmts(&m.body, &mut |_| count += 1);
    assert_eq!(count, m.expr_count);
}

#[test]
fn syntax_error_spans() {
    let src = "x = (1 +\ny = 2\n";
    let diags = parse_err(src);
    assert!(
        diags
            .iter()
            .all(|d| d.message.starts_with("invalid syntax: ")),
        "{diags:#?}"
    );

    let src = "def f(:\n    pass\n";
    let diags = parse_err(src);
    assert_eq!(diags[0].span.start, 6, "{diags:#?}");
    assert_eq!(text(src, diags[0].span), ":");

    let src = "a = 1\nb = = 2\n";
    let diags = parse_err(src);
    assert_eq!(text(src, diags[0].span), "=");
    assert_eq!(diags[0].span.start, 10);

    let diags = parse_err("if x:\npass\n");
    assert!(diags[0].message.contains("indent"), "{diags:#?}");
    // Sorted by position.
    let diags = parse_err("a = (\nb = )\nc = ]\n");
    assert!(diags.windows(2).all(|w| w[0].span.start <= w[1].span.start));
}

#[test]
fn null_bytes_and_nesting() {
    let diags = parse_err("x = 1\0\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].span, oxyc_syntax::Span::new(5, 6));
    assert!(diags[0].message.contains("null bytes"));

    let deep = format!("x = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let diags = parse_err(&deep);
    assert!(
        diags[0].message.contains("too many nested parentheses"),
        "{diags:#?}"
    );
    assert_eq!(diags[0].span.start, 4 + 200);

    let ok = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
    parse_ok(&ok);

    let unary = format!("x = {}1\n", "not ".repeat(100_000));
    assert!(parse_err(&unary)[0].message.contains("nested too deeply"));
    let chain = format!("x = {}1\n", "1 + ".repeat(100_000));
    assert!(parse_err(&chain)[0].message.contains("nested too deeply"));
    let lambdas = format!("f = {}0\n", "lambda: ".repeat(50_000));
    assert!(parse_err(&lambdas)[0].message.contains("nested too deeply"));
    let fstrings = format!("x = {}{}\n", "f'{".repeat(300), "}'".repeat(300));
    assert!(
        parse_err_for(&fstrings, PY312)[0]
            .message
            .contains("nested")
    );
}

#[test]
fn deep_but_allowed_nesting_works() {
    // Right at the limits: the big parser stack and the guard have to agree.
    let unary = format!("x = {}1\n", "-".repeat(990));
    parse_ok(&unary);
    let chain = format!("x = {}1\n", "a + ".repeat(990));
    let m = parse_ok(&chain);
    assert_eq!(m.expr_count, 1 + 990 * 2 + 1);
    let mut src = String::new();
    for i in 0..99 {
        src.push_str(&" ".repeat(i));
        src.push_str("if x:\n");
    }
    src.push_str(&" ".repeat(99));
    src.push_str(&format!("y = {}1{}\n", "(".repeat(200), ")".repeat(200)));
    parse_ok(&src);
    let mut elifs = String::from("if a:\n    pass\n");
    for _ in 0..900 {
        elifs.push_str("elif a:\n    pass\n");
    }
    let m = parse_ok(&elifs);
    assert_eq!(m.expr_count, 901);
}

#[test]
fn universal_newlines_like_cpython() {
    // CPython reads `\r\n` and `\r` as `\n`, inside string literals too; escapes stay.
    let src = "x = '''a\r\nb\rc'''\r\ny = b'''d\r\ne''' + '\\r\\n'\r\nz = f'''{x}\r\n'''\r\n";
    let m = parse_ok(src);
    let value = |i: usize| match &m.body[i].kind {
        StmtKind::Assign { value, .. } => value.clone(),
        other => panic!("{other:#?}"),
    };
    assert!(matches!(&value(0).kind, ExprKind::Str(s) if s == "a\nb\nc"));
    match &value(1).kind {
        ExprKind::BinOp { left, right, .. } => {
            assert!(matches!(&left.kind, ExprKind::Bytes(b) if b == b"d\ne"));
            assert!(matches!(&right.kind, ExprKind::Str(s) if s == "\r\n"));
        }
        other => panic!("{other:#?}"),
    }
    let p = parts(value(2));
    assert_eq!(lit(&p[1]), "\n");
    // Spans are offsets into the original text, `\r`s included.
    assert_eq!(text(src, m.body[0].span), "x = '''a\r\nb\rc'''");
    assert_eq!(text(src, m.body[1].span), "y = b'''d\r\ne''' + '\\r\\n'");
    assert_eq!(text(src, m.body[2].span), "z = f'''{x}\r\n'''");
    let src = "a = 1\r\nb = = 2\r\n";
    let diags = parse_err(src);
    assert_eq!(text(src, diags[0].span), "=");
    assert_eq!(diags[0].span.start, 11);
}
