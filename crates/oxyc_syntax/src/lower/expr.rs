//! Expressions, parameters, arguments and comprehensions.
//!
//! Ids are handed out in pre-order and source order: a node takes its id, then its
//! children are lowered left to right as they appear in the text (so `a if t else b`
//! lowers `a` before `t`, and call arguments keep their written interleaving).

use ruff_python_ast as r;
use ruff_python_ast::StringFlags;
use ruff_text_size::{Ranged, TextRange};

use super::Lowerer;
use super::int::{IntError, MAX_STR_DIGITS, lower_int};
use crate::ast::{self, ExprKind};

impl Lowerer<'_> {
    pub(crate) fn expr(&mut self, e: &r::Expr) -> ast::Expr {
        let id = self.fresh_id();
        let kind = self.expr_kind(e);
        ast::Expr {
            id,
            span: self.span(e.range()),
            kind,
        }
    }

    pub(crate) fn bexpr(&mut self, e: &r::Expr) -> Box<ast::Expr> {
        Box::new(self.expr(e))
    }

    pub(crate) fn opt_expr(&mut self, e: Option<&r::Expr>) -> Option<ast::Expr> {
        e.map(|e| self.expr(e))
    }

    pub(crate) fn exprs(&mut self, es: &[r::Expr]) -> Vec<ast::Expr> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    fn expr_kind(&mut self, e: &r::Expr) -> ExprKind {
        match e {
            r::Expr::BoolOp(b) => ExprKind::BoolOp {
                op: bool_op(b.op),
                values: self.exprs(&b.values),
            },
            r::Expr::Named(n) => ExprKind::Named {
                target: self.bexpr(&n.target),
                value: self.bexpr(&n.value),
            },
            r::Expr::BinOp(b) => ExprKind::BinOp {
                left: self.bexpr(&b.left),
                op: bin_op(b.op),
                right: self.bexpr(&b.right),
            },
            r::Expr::UnaryOp(u) => ExprKind::UnaryOp {
                op: unary_op(u.op),
                operand: self.bexpr(&u.operand),
            },
            r::Expr::Lambda(l) => {
                let params = match &l.parameters {
                    Some(p) => self.parameters(p),
                    None => ast::Parameters::default(),
                };
                ExprKind::Lambda {
                    params: Box::new(params),
                    body: self.bexpr(&l.body),
                }
            }
            r::Expr::If(i) => {
                // Written `body if test else orelse`.
                let body = self.bexpr(&i.body);
                let test = self.bexpr(&i.test);
                let orelse = self.bexpr(&i.orelse);
                ExprKind::IfExp { test, body, orelse }
            }
            r::Expr::Dict(d) => ExprKind::Dict(
                d.items
                    .iter()
                    .map(|item| {
                        let key = self.opt_expr(item.key.as_ref());
                        (key, self.expr(&item.value))
                    })
                    .collect(),
            ),
            r::Expr::Set(s) => ExprKind::Set(self.exprs(&s.elts)),
            r::Expr::ListComp(c) => {
                self.check_comprehension_elt(&c.elt);
                ExprKind::ListComp {
                    elt: self.bexpr(&c.elt),
                    generators: self.comprehensions(&c.generators),
                }
            }
            r::Expr::SetComp(c) => {
                self.check_comprehension_elt(&c.elt);
                ExprKind::SetComp {
                    elt: self.bexpr(&c.elt),
                    generators: self.comprehensions(&c.generators),
                }
            }
            r::Expr::Generator(c) => {
                self.check_comprehension_elt(&c.elt);
                ExprKind::GeneratorExp {
                    elt: self.bexpr(&c.elt),
                    generators: self.comprehensions(&c.generators),
                }
            }
            r::Expr::DictComp(c) => {
                let key = match &c.key {
                    Some(key) => self.bexpr(key),
                    None => {
                        // `{**d for d in ds}` (PEP 798, Python 3.15).
                        self.error_with_help(
                            c.range,
                            "dictionary unpacking in a dict comprehension is not supported by oxyc",
                            "build the dict with an explicit loop and `update`",
                        );
                        return ExprKind::NoneLit;
                    }
                };
                let value = self.bexpr(&c.value);
                ExprKind::DictComp {
                    key,
                    value,
                    generators: self.comprehensions(&c.generators),
                }
            }
            r::Expr::Await(a) => ExprKind::Await(self.bexpr(&a.value)),
            r::Expr::Yield(y) => ExprKind::Yield(y.value.as_deref().map(|v| self.bexpr(v))),
            r::Expr::YieldFrom(y) => ExprKind::YieldFrom(self.bexpr(&y.value)),
            r::Expr::Compare(c) => ExprKind::Compare {
                left: self.bexpr(&c.left),
                ops: c.ops.iter().map(|&op| cmp_op(op)).collect(),
                comparators: self.exprs(&c.comparators),
            },
            r::Expr::Call(c) => {
                let func = self.bexpr(&c.func);
                let (args, keywords) = self.arguments(&c.arguments);
                ExprKind::Call {
                    func,
                    args,
                    keywords,
                }
            }
            r::Expr::FString(f) => ExprKind::FString(self.fstring(&f.value)),
            r::Expr::TString(t) => {
                self.error_with_help(
                    t.range,
                    "template strings (t-strings) are not supported by oxyc yet",
                    "build the value with an f-string or string.Template instead",
                );
                ExprKind::NoneLit
            }
            r::Expr::StringLiteral(s) => {
                for part in &s.value {
                    self.check_surrogates(part.flags, part.content_range());
                }
                ExprKind::Str(s.value.to_str().to_owned())
            }
            r::Expr::BytesLiteral(b) => ExprKind::Bytes(b.value.bytes().collect()),
            r::Expr::NumberLiteral(n) => match &n.value {
                r::Number::Int(int) => match lower_int(int) {
                    Ok(lit) => ExprKind::Int(lit),
                    Err(IntError::TooManyDigits(digits)) => {
                        self.error_with_help(
                            n.range,
                            format!(
                                "integer literal has {digits} digits, over CPython's limit of \
                                 {MAX_STR_DIGITS} digits for integer string conversion"
                            ),
                            "write huge integer literals in hexadecimal (`0x...`); CPython \
                             rejects this literal too",
                        );
                        ExprKind::NoneLit
                    }
                    Err(IntError::Malformed) => {
                        self.error(n.range, "invalid integer literal");
                        ExprKind::NoneLit
                    }
                },
                r::Number::Float(f) => ExprKind::Float(*f),
                r::Number::Complex { imag, .. } => ExprKind::Complex(*imag),
            },
            r::Expr::BooleanLiteral(b) => ExprKind::Bool(b.value),
            r::Expr::NoneLiteral(_) => ExprKind::NoneLit,
            r::Expr::EllipsisLiteral(_) => ExprKind::Ellipsis,
            r::Expr::Attribute(a) => ExprKind::Attribute {
                value: self.bexpr(&a.value),
                attr: self.ident(&a.attr),
            },
            r::Expr::Subscript(s) => ExprKind::Subscript {
                value: self.bexpr(&s.value),
                index: self.bexpr(&s.slice),
            },
            r::Expr::Starred(s) => ExprKind::Starred(self.bexpr(&s.value)),
            r::Expr::Name(n) => ExprKind::Name(n.id.to_string()),
            r::Expr::List(l) => ExprKind::List(self.exprs(&l.elts)),
            r::Expr::Tuple(t) => ExprKind::Tuple(self.exprs(&t.elts)),
            r::Expr::Slice(s) => ExprKind::Slice {
                lower: s.lower.as_deref().map(|e| self.bexpr(e)),
                upper: s.upper.as_deref().map(|e| self.bexpr(e)),
                step: s.step.as_deref().map(|e| self.bexpr(e)),
            },
            r::Expr::IpyEscapeCommand(c) => {
                // Only produced in IPython mode, which oxyc never uses.
                self.error(c.range, "IPython escape commands are not Python syntax");
                ExprKind::NoneLit
            }
        }
    }

    /// `[*x for x in xs]` (PEP 798, Python 3.15): the AST could hold it, but every later
    /// stage would read it as a list of starred values; refuse it plainly instead.
    fn check_comprehension_elt(&mut self, elt: &r::Expr) {
        if let r::Expr::Starred(s) = elt {
            self.error_with_help(
                s.range,
                "unpacking in a comprehension is not supported by oxyc",
                "use a nested loop (`for y in x`) instead of `*x`",
            );
        }
    }

    fn comprehensions(&mut self, gens: &[r::Comprehension]) -> Vec<ast::Comprehension> {
        gens.iter()
            .map(|g| ast::Comprehension {
                target: self.expr(&g.target),
                iter: self.expr(&g.iter),
                ifs: self.exprs(&g.ifs),
                is_async: g.is_async,
            })
            .collect()
    }

    /// Positional arguments (with `*x` as `Starred`) and keywords (`**m` has no name),
    /// lowered in the order they are written.
    pub(crate) fn arguments(&mut self, args: &r::Arguments) -> (Vec<ast::Expr>, Vec<ast::Keyword>) {
        let mut positional = Vec::with_capacity(args.args.len());
        let mut keywords = Vec::with_capacity(args.keywords.len());
        for arg in args.iter_source_order() {
            match arg {
                r::ArgOrKeyword::Arg(e) => positional.push(self.expr(e)),
                r::ArgOrKeyword::Keyword(k) => keywords.push(ast::Keyword {
                    arg: k.arg.as_ref().map(|a| self.ident(a)),
                    value: self.expr(&k.value),
                    span: self.span(k.range),
                }),
            }
        }
        (positional, keywords)
    }

    pub(crate) fn parameters(&mut self, p: &r::Parameters) -> ast::Parameters {
        // Source order is exactly posonly, args, *vararg, kwonly, **kwarg.
        ast::Parameters {
            posonly: p
                .posonlyargs
                .iter()
                .map(|p| self.param_with_default(p))
                .collect(),
            args: p.args.iter().map(|p| self.param_with_default(p)).collect(),
            vararg: p.vararg.as_deref().map(|p| self.param(p)),
            kwonly: p
                .kwonlyargs
                .iter()
                .map(|p| self.param_with_default(p))
                .collect(),
            kwarg: p.kwarg.as_deref().map(|p| self.param(p)),
        }
    }

    fn param_with_default(&mut self, p: &r::ParameterWithDefault) -> ast::Param {
        let annotation = self.opt_expr(p.parameter.annotation.as_deref());
        let default = self.opt_expr(p.default.as_deref());
        ast::Param {
            name: self.ident(&p.parameter.name),
            annotation,
            default,
            span: self.span(p.range),
        }
    }

    fn param(&mut self, p: &r::Parameter) -> ast::Param {
        let annotation = self.opt_expr(p.annotation.as_deref());
        ast::Param {
            name: self.ident(&p.name),
            annotation,
            default: None,
            span: self.span(p.range),
        }
    }

    pub(crate) fn ident(&self, i: &r::Identifier) -> ast::Ident {
        ast::Ident {
            name: i.id.to_string(),
            span: self.span(i.range),
        }
    }

    /// ruff turns `\ud800`-style escapes into U+FFFD (a Rust `String` cannot hold a lone
    /// surrogate); a Python `str` can. Refuse rather than silently change the value.
    pub(crate) fn check_surrogates(&mut self, flags: impl StringFlags, content: TextRange) {
        if flags.prefix().is_raw() {
            return;
        }
        if has_surrogate_escape(self.text(content)) {
            self.error_with_help(
                content,
                "string literal contains a surrogate escape (`\\ud800`-`\\udfff`), which oxyc \
                 cannot represent yet",
                "build the string at run time, e.g. with `chr(0xd800)`",
            );
        }
    }
}

/// Does this (non-raw) literal text contain `\uXXXX` / `\UXXXXXXXX` naming a surrogate?
pub(crate) fn has_surrogate_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'\\') {
            i += 1;
            continue;
        }
        let width = match bytes.get(i + 1) {
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => {
                // Any other escape, including `\\`: skip the escaped character.
                i += 2;
                continue;
            }
        };
        if let Some(hex) = text.get(i + 2..i + 2 + width)
            && let Ok(code) = u32::from_str_radix(hex, 16)
            && (0xD800..=0xDFFF).contains(&code)
        {
            return true;
        }
        i += 2;
    }
    false
}

pub(crate) fn bin_op(op: r::Operator) -> ast::BinOp {
    use ast::BinOp as B;
    match op {
        r::Operator::Add => B::Add,
        r::Operator::Sub => B::Sub,
        r::Operator::Mult => B::Mult,
        r::Operator::MatMult => B::MatMult,
        r::Operator::Div => B::Div,
        r::Operator::Mod => B::Mod,
        r::Operator::Pow => B::Pow,
        r::Operator::LShift => B::LShift,
        r::Operator::RShift => B::RShift,
        r::Operator::BitOr => B::BitOr,
        r::Operator::BitXor => B::BitXor,
        r::Operator::BitAnd => B::BitAnd,
        r::Operator::FloorDiv => B::FloorDiv,
    }
}

fn unary_op(op: r::UnaryOp) -> ast::UnaryOp {
    match op {
        r::UnaryOp::Invert => ast::UnaryOp::Invert,
        r::UnaryOp::Not => ast::UnaryOp::Not,
        r::UnaryOp::UAdd => ast::UnaryOp::UAdd,
        r::UnaryOp::USub => ast::UnaryOp::USub,
    }
}

fn bool_op(op: r::BoolOp) -> ast::BoolOp {
    match op {
        r::BoolOp::And => ast::BoolOp::And,
        r::BoolOp::Or => ast::BoolOp::Or,
    }
}

fn cmp_op(op: r::CmpOp) -> ast::CmpOp {
    use ast::CmpOp as C;
    match op {
        r::CmpOp::Eq => C::Eq,
        r::CmpOp::NotEq => C::NotEq,
        r::CmpOp::Lt => C::Lt,
        r::CmpOp::LtE => C::LtE,
        r::CmpOp::Gt => C::Gt,
        r::CmpOp::GtE => C::GtE,
        r::CmpOp::Is => C::Is,
        r::CmpOp::IsNot => C::IsNot,
        r::CmpOp::In => C::In,
        r::CmpOp::NotIn => C::NotIn,
    }
}

#[cfg(test)]
mod tests {
    use super::has_surrogate_escape;

    #[test]
    fn surrogate_escapes() {
        assert!(has_surrogate_escape(r"a\ud800b"));
        assert!(has_surrogate_escape(r"\U0000DFFF"));
        assert!(!has_surrogate_escape(r"\\ud800"));
        assert!(!has_surrogate_escape(r"\u00e9 \U0001F600"));
        assert!(!has_surrogate_escape(r"\ud7ff\ue000"));
        assert!(!has_surrogate_escape("\\u12"));
        assert!(!has_surrogate_escape("é\\"));
    }
}
