//! Statements.

use ruff_python_ast as r;
use ruff_text_size::{Ranged, TextRange};

use super::Lowerer;
use super::expr::bin_op;
use crate::ast::{self, StmtKind};

impl Lowerer<'_> {
    pub(crate) fn stmts(&mut self, body: &[r::Stmt]) -> Vec<ast::Stmt> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&mut self, s: &r::Stmt) -> ast::Stmt {
        let kind = match s {
            r::Stmt::FunctionDef(f) => StmtKind::FunctionDef(Box::new(self.function_def(f))),
            r::Stmt::ClassDef(c) => StmtKind::ClassDef(Box::new(self.class_def(c))),
            r::Stmt::Return(ret) => StmtKind::Return(self.opt_expr(ret.value.as_deref())),
            r::Stmt::Delete(d) => StmtKind::Delete(self.exprs(&d.targets)),
            r::Stmt::TypeAlias(_) => StmtKind::Unsupported {
                what: "`type` alias statement",
            },
            r::Stmt::Assign(a) => StmtKind::Assign {
                targets: self.exprs(&a.targets),
                value: self.expr(&a.value),
            },
            r::Stmt::AugAssign(a) => StmtKind::AugAssign {
                target: self.expr(&a.target),
                op: bin_op(a.op),
                value: self.expr(&a.value),
            },
            r::Stmt::AnnAssign(a) => StmtKind::AnnAssign {
                target: self.expr(&a.target),
                annotation: self.expr(&a.annotation),
                value: self.opt_expr(a.value.as_deref()),
                simple: a.simple,
            },
            r::Stmt::For(f) => StmtKind::For {
                target: self.expr(&f.target),
                iter: self.expr(&f.iter),
                body: self.stmts(&f.body),
                orelse: self.stmts(&f.orelse),
                is_async: f.is_async,
            },
            r::Stmt::While(w) => StmtKind::While {
                test: self.expr(&w.test),
                body: self.stmts(&w.body),
                orelse: self.stmts(&w.orelse),
            },
            r::Stmt::If(i) => self.if_stmt(i),
            r::Stmt::With(w) => StmtKind::With {
                items: w
                    .items
                    .iter()
                    .map(|item| ast::WithItem {
                        context_expr: self.expr(&item.context_expr),
                        optional_vars: self.opt_expr(item.optional_vars.as_deref()),
                    })
                    .collect(),
                body: self.stmts(&w.body),
                is_async: w.is_async,
            },
            r::Stmt::Match(m) => self.match_stmt(m),
            r::Stmt::Raise(raise) => StmtKind::Raise {
                exc: self.opt_expr(raise.exc.as_deref()),
                cause: self.opt_expr(raise.cause.as_deref()),
            },
            r::Stmt::Try(t) => StmtKind::Try {
                body: self.stmts(&t.body),
                handlers: t
                    .handlers
                    .iter()
                    .map(|h| {
                        let r::ExceptHandler::ExceptHandler(h) = h;
                        ast::ExceptHandler {
                            span: self.span(h.range),
                            type_: self.opt_expr(h.type_.as_deref()),
                            name: h.name.as_ref().map(|n| self.ident(n)),
                            body: self.stmts(&h.body),
                        }
                    })
                    .collect(),
                orelse: self.stmts(&t.orelse),
                finalbody: self.stmts(&t.finalbody),
                is_star: t.is_star,
            },
            r::Stmt::Assert(a) => StmtKind::Assert {
                test: self.expr(&a.test),
                msg: self.opt_expr(a.msg.as_deref()),
            },
            r::Stmt::Import(i) if i.is_lazy => StmtKind::Unsupported {
                what: "`lazy` import statement",
            },
            r::Stmt::Import(i) => StmtKind::Import(i.names.iter().map(|a| self.alias(a)).collect()),
            r::Stmt::ImportFrom(i) if i.is_lazy => StmtKind::Unsupported {
                what: "`lazy` import statement",
            },
            r::Stmt::ImportFrom(i) => StmtKind::ImportFrom {
                module: i.module.as_ref().map(|m| m.id.to_string()),
                names: i.names.iter().map(|a| self.alias(a)).collect(),
                level: i.level,
            },
            r::Stmt::Global(g) => StmtKind::Global(g.names.iter().map(|n| self.ident(n)).collect()),
            r::Stmt::Nonlocal(n) => {
                StmtKind::Nonlocal(n.names.iter().map(|n| self.ident(n)).collect())
            }
            r::Stmt::Expr(e) => StmtKind::Expr(self.expr(&e.value)),
            r::Stmt::Pass(_) => StmtKind::Pass,
            r::Stmt::Break(_) => StmtKind::Break,
            r::Stmt::Continue(_) => StmtKind::Continue,
            r::Stmt::IpyEscapeCommand(_) => StmtKind::Unsupported {
                what: "IPython escape command",
            },
        };
        ast::Stmt {
            span: self.span(s.range()),
            kind,
        }
    }

    fn function_def(&mut self, f: &r::StmtFunctionDef) -> ast::FunctionDef {
        // Source order: decorators, parameters, return annotation, body. PEP 695 type
        // parameters (and their bounds) are not lowered; `has_type_params` records them.
        let decorators = self.decorators(&f.decorator_list);
        let params = self.parameters(&f.parameters);
        let returns = self.opt_expr(f.returns.as_deref());
        let body = self.stmts(&f.body);
        ast::FunctionDef {
            name: self.ident(&f.name),
            orig_name: None,
            params,
            returns,
            docstring: docstring(&f.body),
            body,
            decorators,
            is_async: f.is_async,
            has_type_params: f.type_params.is_some(),
        }
    }

    fn class_def(&mut self, c: &r::StmtClassDef) -> ast::ClassDef {
        let decorators = self.decorators(&c.decorator_list);
        let (bases, keywords) = match &c.arguments {
            Some(args) => self.arguments(args),
            None => (Vec::new(), Vec::new()),
        };
        let body = self.stmts(&c.body);
        ast::ClassDef {
            name: self.ident(&c.name),
            bases,
            keywords,
            body,
            decorators,
            has_type_params: c.type_params.is_some(),
        }
    }

    fn alias(&self, a: &r::Alias) -> ast::Alias {
        ast::Alias {
            name: a.name.id.to_string(),
            asname: a.asname.as_ref().map(|n| self.ident(n)),
            span: self.span(a.range),
        }
    }

    fn decorators(&mut self, list: &[r::Decorator]) -> Vec<ast::Expr> {
        list.iter().map(|d| self.expr(&d.expression)).collect()
    }

    /// `if`/`elif`/`else`: each `elif` becomes an `If` alone in the `orelse` of the one
    /// before, spanning from its `elif` to the end of the whole statement. Built without
    /// recursion (chains can be long): lower every clause in source order, then fold.
    fn if_stmt(&mut self, i: &r::StmtIf) -> StmtKind {
        let test = self.expr(&i.test);
        let body = self.stmts(&i.body);
        let end = i.range.end();
        let mut elifs: Vec<(TextRange, ast::Expr, Vec<ast::Stmt>)> = Vec::new();
        let mut orelse: Vec<ast::Stmt> = Vec::new();
        for clause in &i.elif_else_clauses {
            match &clause.test {
                Some(t) => {
                    let t = self.expr(t);
                    let b = self.stmts(&clause.body);
                    elifs.push((TextRange::new(clause.range.start(), end), t, b));
                }
                None => orelse = self.stmts(&clause.body),
            }
        }
        for (range, test, body) in elifs.into_iter().rev() {
            orelse = vec![ast::Stmt {
                span: self.span(range),
                kind: StmtKind::If { test, body, orelse },
            }];
        }
        StmtKind::If { test, body, orelse }
    }
}

/// The docstring: the value of a first statement that is a plain string literal
/// (implicit concatenation included, f-strings excluded, as in CPython). The text is the
/// literal's value as written; CPython 3.13+ strips common indentation from `__doc__`,
/// which is the consumer's job.
fn docstring(body: &[r::Stmt]) -> Option<String> {
    match body.first() {
        Some(r::Stmt::Expr(e)) => match &*e.value {
            r::Expr::StringLiteral(s) => Some(s.value.to_str().to_owned()),
            _ => None,
        },
        _ => None,
    }
}
