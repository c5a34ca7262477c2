//! `match` statements and their patterns (PEP 634).

use ruff_python_ast as r;
use ruff_text_size::Ranged;

use super::Lowerer;
use crate::ast::{self, ExprKind, PatternKind, StmtKind};

impl Lowerer<'_> {
    pub(crate) fn match_stmt(&mut self, m: &r::StmtMatch) -> StmtKind {
        let subject = self.expr(&m.subject);
        let cases = m
            .cases
            .iter()
            .map(|c| ast::MatchCase {
                span: self.span(c.range),
                pattern: self.pattern(&c.pattern),
                guard: self.opt_expr(c.guard.as_deref()),
                body: self.stmts(&c.body),
            })
            .collect();
        StmtKind::Match { subject, cases }
    }

    /// A name a pattern binds, as a `Name` expression (an assignment target).
    fn bound_name(&mut self, i: &r::Identifier) -> ast::Expr {
        if i.id.as_str() == "_" {
            self.error(i.range, "cannot use '_' as a target");
        }
        ast::Expr {
            id: self.fresh_id(),
            span: self.span(i.range),
            kind: ExprKind::Name(i.id.to_string()),
        }
    }

    fn pattern(&mut self, p: &r::Pattern) -> ast::Pattern {
        let kind = match p {
            r::Pattern::MatchValue(v) => {
                let e = self.expr(&v.value);
                if !is_value_pattern(&e) {
                    self.error(
                        v.range,
                        "patterns may only match literals and attribute lookups",
                    );
                }
                PatternKind::Value(e)
            }
            r::Pattern::MatchSingleton(s) => {
                let kind = match s.value {
                    r::Singleton::None => ExprKind::NoneLit,
                    r::Singleton::True => ExprKind::Bool(true),
                    r::Singleton::False => ExprKind::Bool(false),
                };
                PatternKind::Singleton(ast::Expr {
                    id: self.fresh_id(),
                    span: self.span(s.range),
                    kind,
                })
            }
            r::Pattern::MatchSequence(s) => {
                let items: Vec<ast::Pattern> = s.patterns.iter().map(|p| self.pattern(p)).collect();
                let stars = items
                    .iter()
                    .filter(|p| matches!(p.kind, PatternKind::Star(_)))
                    .count();
                if stars > 1 {
                    self.error(s.range, "multiple starred names in sequence pattern");
                }
                PatternKind::Sequence(items)
            }
            r::Pattern::MatchStar(s) => {
                PatternKind::Star(s.name.as_ref().map(|n| self.bound_name(n)))
            }
            r::Pattern::MatchMapping(m) => {
                let mut keys = Vec::new();
                let mut patterns = Vec::new();
                for (k, v) in m.keys.iter().zip(m.patterns.iter()) {
                    let key = self.expr(k);
                    if !is_value_pattern(&key)
                        && !matches!(key.kind, ExprKind::NoneLit | ExprKind::Bool(_))
                    {
                        self.error(
                            k.range(),
                            "mapping pattern keys may only match literals and attribute lookups",
                        );
                    }
                    keys.push(key);
                    patterns.push(self.pattern(v));
                }
                let rest = m.rest.as_ref().map(|n| self.bound_name(n));
                PatternKind::Mapping {
                    keys,
                    patterns,
                    rest,
                }
            }
            r::Pattern::MatchClass(c) => {
                let cls = self.expr(&c.cls);
                if !is_dotted_name(&cls) {
                    self.error(c.cls.range(), "invalid syntax: expected a class name");
                }
                let patterns = c
                    .arguments
                    .patterns
                    .iter()
                    .map(|p| self.pattern(p))
                    .collect();
                let mut kwd_attrs = Vec::new();
                let mut kwd_patterns = Vec::new();
                for k in &c.arguments.keywords {
                    kwd_attrs.push(self.ident(&k.attr));
                    kwd_patterns.push(self.pattern(&k.pattern));
                }
                PatternKind::Class {
                    cls,
                    patterns,
                    kwd_attrs,
                    kwd_patterns,
                }
            }
            r::Pattern::MatchAs(a) => match (&a.pattern, &a.name) {
                (None, None) => PatternKind::Capture(None),
                (None, Some(n)) => PatternKind::Capture(Some(self.bound_name(n))),
                (Some(inner), Some(n)) => PatternKind::As {
                    pattern: Box::new(self.pattern(inner)),
                    name: self.bound_name(n),
                },
                (Some(inner), None) => {
                    // (The parser does not build this; `p as _` is an error.)
                    self.error(a.range, "cannot use '_' as a target");
                    return self.pattern(inner);
                }
            },
            r::Pattern::MatchOr(o) => {
                PatternKind::Or(o.patterns.iter().map(|p| self.pattern(p)).collect())
            }
        };
        ast::Pattern {
            span: self.span(p.range()),
            kind,
        }
    }
}

fn is_dotted_name(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) => true,
        ExprKind::Attribute { value, .. } => is_dotted_name(value),
        _ => false,
    }
}

fn is_number(e: &ast::Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Complex(_)
    )
}

/// What a value pattern (or mapping key) may be: a literal number, string or bytes,
/// a negated number, `real ± imag`, or a dotted name with at least one dot.
fn is_value_pattern(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Complex(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_) => true,
        ExprKind::UnaryOp {
            op: ast::UnaryOp::USub,
            operand,
        } => is_number(operand),
        ExprKind::BinOp {
            left,
            op: ast::BinOp::Add | ast::BinOp::Sub,
            right,
        } => {
            let real = match &left.kind {
                ExprKind::UnaryOp {
                    op: ast::UnaryOp::USub,
                    operand,
                } => matches!(operand.kind, ExprKind::Int(_) | ExprKind::Float(_)),
                ExprKind::Int(_) | ExprKind::Float(_) => true,
                _ => false,
            };
            real && matches!(right.kind, ExprKind::Complex(_))
        }
        ExprKind::Attribute { value, .. } => is_dotted_name(value),
        _ => false,
    }
}
