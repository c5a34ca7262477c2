//! String formatting: f-strings, and `"...".format(...)` and `"..." % (...)` with a
//! literal template. Each is lowered to one formatting primitive per field (chosen by
//! the field's static type: `oxy_format_int`, `oxy_format_float`, `oxy_format_str`,
//! else `format()` itself) and a join of the pieces.
//!
//! A template the lowering does not understand, or a call whose arguments do not fit
//! it (a missing field, a conversion for another type, `*args`), is left to the
//! ordinary method call or `%` operator, which then raise CPython's own errors.

use crate::builder::{FnBuilder, Val};
use oxyc_ir::{BuildKind, Const, OpKind, Prim, RType, Reg};
use oxyc_syntax::ast::{Expr, ExprKind, FStringPart, Keyword};
use oxyc_types::Ty;

/// A piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Lit(String),
    /// `format(args[arg], spec)`, after the conversion (`!r`, `!s`, `!a`).
    Field {
        arg: usize,
        conversion: Option<char>,
        spec: String,
    },
    /// printf-style `%s`, `%r`, `%a`: the conversion's text padded to `width`
    /// (on the right when `left`).
    Text {
        arg: usize,
        conversion: char,
        width: usize,
        left: bool,
    },
}

/// What a `%` conversion needs of its value's static type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    Any,
    Int,
    Float,
}

impl<'a> FnBuilder<'a> {
    /// An f-string: its pieces, joined.
    pub(crate) fn fstring(&mut self, parts: &'a [FStringPart]) -> Reg {
        let mut pieces = Vec::new();
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    if !s.is_empty() {
                        pieces.push(self.str_const(s));
                    }
                }
                FStringPart::Interpolation {
                    expr,
                    conversion,
                    format_spec,
                    debug_text,
                } => {
                    if let Some(t) = debug_text {
                        pieces.push(self.str_const(t));
                    }
                    let v = self.expr(expr);
                    let spec = match format_spec.as_deref() {
                        None | Some([]) => Spec::Literal(""),
                        Some([FStringPart::Literal(s)]) => Spec::Literal(s),
                        Some(spec) => Spec::Reg(self.fstring(spec)),
                    };
                    pieces.push(self.format_value(&v, *conversion, spec));
                }
            }
        }
        self.join_pieces(pieces)
    }

    /// `template % right` with a literal template whose every conversion fits the
    /// static type of its value; None (nothing emitted) otherwise.
    pub(crate) fn percent_format(&mut self, template: &str, right: &'a Expr) -> Option<Reg> {
        let (pieces, needs) = parse_percent(template)?;
        let values: Vec<&'a Expr> = match &right.kind {
            ExprKind::Tuple(items) => items.iter().collect(),
            // (A str value may be a subclass with its own __rmod__, any other value
            // a tuple or a mapping: only numbers stand alone.)
            _ if needs.len() == 1 && matches!(self.ty(right), Ty::Int | Ty::Float) => {
                vec![right]
            }
            _ => return None,
        };
        if values.len() != needs.len()
            || values
                .iter()
                .any(|e| matches!(e.kind, ExprKind::Starred(_)))
        {
            return None;
        }
        for (e, need) in values.iter().zip(&needs) {
            let fits = match need {
                Needs::Any => true,
                Needs::Int => self.ty(e) == Ty::Int,
                Needs::Float => self.ty(e) == Ty::Float,
            };
            if !fits {
                return None;
            }
        }
        let vals: Vec<Val> = values.into_iter().map(|e| self.expr(e)).collect();
        Some(self.emit_pieces(&pieces, &vals))
    }

    /// `template.format(*args, **keywords)` with a literal template of plain
    /// fields; None (nothing emitted) otherwise.
    pub(crate) fn str_format_call(
        &mut self,
        template: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Option<Reg> {
        if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
            return None;
        }
        let mut names = Vec::new();
        for k in keywords {
            names.push(k.arg.as_ref()?.name.as_str());
        }
        let pieces = parse_format(template, args.len(), &names)?;
        // Every argument is evaluated, in order, whether a field uses it or not.
        let mut vals: Vec<Val> = args.iter().map(|a| self.expr(a)).collect();
        vals.extend(keywords.iter().map(|k| self.expr(&k.value)));
        Some(self.emit_pieces(&pieces, &vals))
    }

    fn emit_pieces(&mut self, pieces: &[Piece], vals: &[Val]) -> Reg {
        let mut regs = Vec::new();
        for p in pieces {
            let r = match p {
                Piece::Lit(s) => self.str_const(s),
                Piece::Field {
                    arg,
                    conversion,
                    spec,
                } => self.format_value(&vals[*arg], *conversion, Spec::Literal(spec)),
                Piece::Text {
                    arg,
                    conversion,
                    width,
                    left,
                } => {
                    let v = &vals[*arg];
                    let text = match conversion {
                        's' => self.str_of(v),
                        'r' => {
                            let b = self.box_val(v);
                            self.prim(Prim::ObjRepr, vec![b])
                        }
                        _ => {
                            let b = self.box_val(v);
                            self.prim(Prim::ObjAscii, vec![b])
                        }
                    };
                    if *width > 0 {
                        let w = self.konst(Const::Int(*width as i64), RType::Ssize);
                        let l = self.konst(Const::Int(i64::from(*left)), RType::CInt);
                        self.prim(Prim::StrPad, vec![text, w, l])
                    } else {
                        text
                    }
                }
            };
            regs.push(r);
        }
        self.join_pieces(regs)
    }

    /// `str(v)`: an int's or a float's digits are written directly.
    pub(crate) fn str_of(&mut self, v: &Val) -> Reg {
        match v.ty {
            Ty::Int => self.prim(Prim::IntToStr, vec![v.reg]),
            Ty::Float => self.prim(Prim::FloatToStr, vec![v.reg]),
            _ => {
                let b = self.box_val(v);
                self.prim(Prim::ObjStr, vec![b])
            }
        }
    }

    /// `format(v, spec)` after the conversion (`!r`, `!s`, `!a`), by v's static type.
    fn format_value(&mut self, v: &Val, conversion: Option<char>, spec: Spec<'_>) -> Reg {
        let v = match conversion {
            Some(c) => {
                let b = self.box_val(v);
                let prim = match c {
                    'r' => Prim::ObjRepr,
                    's' => Prim::ObjStr,
                    _ => Prim::ObjAscii,
                };
                Val::new(self.prim(prim, vec![b]), Ty::Str)
            }
            None => v.clone(),
        };
        if let Spec::Literal("") = spec
            && matches!(v.ty, Ty::Int | Ty::Float)
        {
            return self.str_of(&v);
        }
        let spec = match spec {
            Spec::Literal(s) => self.str_const(s),
            Spec::Reg(r) => r,
        };
        match v.ty {
            Ty::Int => self.prim(Prim::FormatInt, vec![v.reg, spec]),
            Ty::Float => self.prim(Prim::FormatFloat, vec![v.reg, spec]),
            Ty::Str => self.prim(Prim::FormatStr, vec![v.reg, spec]),
            _ => {
                let b = self.box_val(&v);
                self.prim(Prim::ObjFormat, vec![b, spec])
            }
        }
    }

    /// The pieces of a str, concatenated.
    fn join_pieces(&mut self, pieces: Vec<Reg>) -> Reg {
        match pieces.len() {
            0 => self.str_const(""),
            1 => pieces[0],
            _ => {
                let t = self.temp(RType::Obj);
                self.emit(OpKind::Build {
                    dst: t,
                    kind: BuildKind::Tuple,
                    items: pieces,
                });
                let sep = self.str_const("");
                self.prim(Prim::StrJoin, vec![sep, t])
            }
        }
    }
}

/// A format spec: known text, or a str computed at run time (`f"{x:{w}}"`).
#[derive(Clone, Copy)]
enum Spec<'s> {
    Literal(&'s str),
    Reg(Reg),
}

/// A printf-style template: its pieces, and what each conversion needs of its value.
/// None for what the lowering leaves to `str.__mod__`: `%(key)s`, `*` widths,
/// `#`, `%c`, precisions of `%s` or `%d`, flags a conversion does not take, and
/// malformed templates.
fn parse_percent(t: &str) -> Option<(Vec<Piece>, Vec<Needs>)> {
    let mut pieces = Vec::new();
    let mut needs = Vec::new();
    let mut lit = String::new();
    let mut cs = t.chars().peekable();
    while let Some(c) = cs.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        if cs.peek() == Some(&'%') {
            cs.next();
            lit.push('%');
            continue;
        }
        let (mut minus, mut plus, mut space, mut zero) = (false, false, false, false);
        while let Some(&f) = cs.peek() {
            match f {
                '-' => minus = true,
                '+' => plus = true,
                ' ' => space = true,
                '0' => zero = true,
                _ => break,
            }
            cs.next();
        }
        let width = digits(&mut cs)?;
        let precision = if cs.peek() == Some(&'.') {
            cs.next();
            // ("%.f" is a precision of 0.)
            Some(digits(&mut cs)?.unwrap_or(0))
        } else {
            None
        };
        while matches!(cs.peek(), Some('h' | 'l' | 'L')) {
            cs.next();
        }
        let conv = cs.next()?;
        if !lit.is_empty() {
            pieces.push(Piece::Lit(std::mem::take(&mut lit)));
        }
        let arg = needs.len();
        match conv {
            's' | 'r' | 'a' => {
                if plus || space || zero || precision.is_some() {
                    return None;
                }
                pieces.push(Piece::Text {
                    arg,
                    conversion: conv,
                    width: width.unwrap_or(0),
                    left: minus,
                });
                needs.push(Needs::Any);
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let float = matches!(conv, 'f' | 'F' | 'e' | 'E' | 'g' | 'G');
                if precision.is_some() && !float {
                    return None;
                }
                let mut spec = String::new();
                if minus {
                    spec.push('<');
                } else if !zero {
                    spec.push('>');
                }
                if plus {
                    spec.push('+');
                } else if space {
                    spec.push(' ');
                }
                if zero && !minus {
                    spec.push('0');
                }
                if let Some(w) = width {
                    spec.push_str(&w.to_string());
                }
                if float {
                    spec.push_str(&format!(".{}", precision.unwrap_or(6)));
                }
                spec.push(match conv {
                    'i' | 'u' => 'd',
                    c => c,
                });
                pieces.push(Piece::Field {
                    arg,
                    conversion: None,
                    spec,
                });
                needs.push(if float { Needs::Float } else { Needs::Int });
            }
            _ => return None,
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    Some((pieces, needs))
}

/// A run of decimal digits (at most 4: longer widths and precisions are left to the
/// interpreter), or None when there is none; the outer None rejects the template.
fn digits(cs: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<Option<usize>> {
    let mut s = String::new();
    while let Some(&d) = cs.peek() {
        if !d.is_ascii_digit() {
            break;
        }
        s.push(d);
        cs.next();
    }
    match s.len() {
        0 => Some(None),
        1..=4 => s.parse().ok().map(Some),
        _ => None,
    }
}

/// A `str.format` template of fields `{}`, `{0}` or `{name}` (with `!r`, `!s`, `!a`
/// and a spec without nested fields), given `nargs` positional arguments and the
/// keyword `names`. None for anything else: attribute or item fields, nested
/// specs, mixed automatic and manual numbering, missing arguments, stray braces.
fn parse_format(t: &str, nargs: usize, names: &[&str]) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut cs = t.chars().peekable();
    // Automatic numbering: Some(next) once a `{}` is seen, and manual numbering
    // once a `{0}` is: the two cannot be mixed.
    let (mut auto, mut manual) = (None::<usize>, false);
    while let Some(c) = cs.next() {
        match c {
            '{' if cs.peek() == Some(&'{') => {
                cs.next();
                lit.push('{');
            }
            '}' if cs.peek() == Some(&'}') => {
                cs.next();
                lit.push('}');
            }
            '}' => return None,
            '{' => {
                let mut field = String::new();
                loop {
                    match cs.next()? {
                        '}' => break,
                        '{' => return None,
                        ch => field.push(ch),
                    }
                }
                let (head, spec) = match field.split_once(':') {
                    Some((h, s)) => (h, s.to_string()),
                    None => (field.as_str(), String::new()),
                };
                let (name, conversion) = match head.split_once('!') {
                    Some((n, c)) => {
                        let mut it = c.chars();
                        match (it.next(), it.next()) {
                            (Some(c @ ('r' | 's' | 'a')), None) => (n, Some(c)),
                            _ => return None,
                        }
                    }
                    None => (head, None),
                };
                let arg = if name.is_empty() {
                    if manual {
                        return None;
                    }
                    let k = auto.unwrap_or(0);
                    auto = Some(k + 1);
                    k
                } else if name.chars().all(|d| d.is_ascii_digit()) {
                    if auto.is_some() {
                        return None;
                    }
                    manual = true;
                    name.parse().ok()?
                } else if is_identifier(name) {
                    nargs + names.iter().position(|n| *n == name)?
                } else {
                    return None;
                };
                if (name.is_empty() || name.chars().all(|d| d.is_ascii_digit())) && arg >= nargs {
                    return None;
                }
                if !lit.is_empty() {
                    pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                pieces.push(Piece::Field {
                    arg,
                    conversion,
                    spec,
                });
            }
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    Some(pieces)
}

fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c == '_' || c.is_alphabetic())
        && cs.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(arg: usize, spec: &str) -> Piece {
        Piece::Field {
            arg,
            conversion: None,
            spec: spec.to_string(),
        }
    }

    #[test]
    fn percent_conversions_become_format_specs() {
        let (pieces, needs) = parse_percent("P|%d|%-8s|%5d|%+05d|%.2f|%-9.3e|%% %x").unwrap();
        assert_eq!(
            pieces,
            vec![
                Piece::Lit("P|".into()),
                field(0, ">d"),
                Piece::Lit("|".into()),
                Piece::Text {
                    arg: 1,
                    conversion: 's',
                    width: 8,
                    left: true
                },
                Piece::Lit("|".into()),
                field(2, ">5d"),
                Piece::Lit("|".into()),
                field(3, "+05d"),
                Piece::Lit("|".into()),
                field(4, ">.2f"),
                Piece::Lit("|".into()),
                field(5, "<9.3e"),
                Piece::Lit("|% ".into()),
                field(6, ">x"),
            ]
        );
        use Needs::*;
        assert_eq!(needs, vec![Int, Any, Int, Int, Float, Float, Int]);
    }

    #[test]
    fn percent_templates_left_to_the_interpreter() {
        for t in [
            "%(a)s", "%*d", "%#x", "%c", "%.3s", "%.3d", "%05s", "%", "%5", "%12345d",
        ] {
            assert!(parse_percent(t).is_none(), "{t}");
        }
    }

    #[test]
    fn format_fields_map_to_arguments() {
        let p = parse_format("S|{0}|{name}|{1:x}|{{{2!r:>4}}}", 3, &["name"]).unwrap();
        assert_eq!(
            p,
            vec![
                Piece::Lit("S|".into()),
                field(0, ""),
                Piece::Lit("|".into()),
                field(3, ""),
                Piece::Lit("|".into()),
                field(1, "x"),
                Piece::Lit("|{".into()),
                Piece::Field {
                    arg: 2,
                    conversion: Some('r'),
                    spec: ">4".into()
                },
                Piece::Lit("}".into()),
            ]
        );
        assert_eq!(
            parse_format("{}-{}", 2, &[]).unwrap(),
            vec![field(0, ""), Piece::Lit("-".into()), field(1, "")]
        );
    }

    #[test]
    fn format_templates_left_to_the_interpreter() {
        for t in [
            "{}{0}", "{0}{}", "{2}", "{x}", "{a.b}", "{0[1]}", "{:{}}", "}", "{", "{!x}", "{0!rs}",
        ] {
            assert!(parse_format(t, 2, &["a"]).is_none(), "{t}");
        }
    }
}
