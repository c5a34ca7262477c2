//! Annotations -> types.

use crate::Ty;
use oxyc_syntax::ast::{Expr, ExprKind};

/// The type an annotation declares. Unknown or unsupported forms are `object` (checked
/// nowhere, handled generically), never an error.
pub fn type_of_annotation(e: &Expr) -> Ty {
    type_of_annotation_with(e, &|_| None, &|_| true)
}

/// Like [`type_of_annotation`], with `class` naming the types of other names and
/// dotted names (the module's native classes, those of other modules of the build),
/// and `standard` saying whether a name or dotted name (`List`, `typing.List`) means
/// the builtin or `typing` type it spells, rather than something the module bound to
/// that name (its own `class Dict`, `ast.List`).
pub fn type_of_annotation_with(
    e: &Expr,
    class: &dyn Fn(&Expr) -> Option<Ty>,
    standard: &dyn Fn(&Expr) -> bool,
) -> Ty {
    let type_of_annotation = |e: &Expr| type_of_annotation_with(e, class, standard);
    match &e.kind {
        ExprKind::NoneLit => Ty::None,
        ExprKind::Name(n) => simple(n)
            .filter(|_| standard(e))
            .or_else(|| class(e))
            .unwrap_or(Ty::Object),
        ExprKind::Attribute { attr, .. } => simple(&attr.name)
            .filter(|_| standard(e))
            .or_else(|| class(e))
            .unwrap_or(Ty::Object),
        ExprKind::Str(s) => match oxyc_syntax::parse_module(s, oxyc_syntax::PythonVersion::PY311) {
            Ok(m) => match m.body.as_slice() {
                [stmt] => match &stmt.kind {
                    oxyc_syntax::ast::StmtKind::Expr(inner) => type_of_annotation(inner),
                    _ => Ty::Object,
                },
                _ => Ty::Object,
            },
            Err(_) => Ty::Object,
        },
        ExprKind::Subscript { value, index } => {
            if !standard(value) {
                return Ty::Object;
            }
            let head = match &value.kind {
                ExprKind::Name(n) => n.as_str(),
                ExprKind::Attribute { attr, .. } => attr.name.as_str(),
                _ => return Ty::Object,
            };
            let args: Vec<&Expr> = match &index.kind {
                ExprKind::Tuple(items) => items.iter().collect(),
                _ => vec![index.as_ref()],
            };
            match (head, args.as_slice()) {
                ("list" | "List", [t]) => Ty::list(type_of_annotation(t)),
                ("dict" | "Dict", [k, v]) => Ty::Dict(
                    Box::new(type_of_annotation(k)),
                    Box::new(type_of_annotation(v)),
                ),
                ("tuple" | "Tuple", [t, dots]) if matches!(dots.kind, ExprKind::Ellipsis) => {
                    Ty::TupleVar(Box::new(type_of_annotation(t)))
                }
                ("tuple" | "Tuple", items) => {
                    // `tuple[()]` is the empty tuple.
                    if let [one] = items
                        && matches!(&one.kind, ExprKind::Tuple(v) if v.is_empty())
                    {
                        return Ty::Tuple(vec![]);
                    }
                    Ty::Tuple(items.iter().map(|t| type_of_annotation(t)).collect())
                }
                ("set" | "Set", [_]) => Ty::Set,
                ("Iterator" | "Iterable" | "Generator" | "Collection" | "Sequence", [t, ..]) => {
                    Ty::Iter(Box::new(type_of_annotation(t)))
                }
                ("Optional", [t]) => optional(type_of_annotation(t)),
                ("Union", [a, b]) => match (type_of_annotation(a), type_of_annotation(b)) {
                    (Ty::None, t) | (t, Ty::None) => optional(t),
                    _ => Ty::Object,
                },
                ("Final", [t]) => type_of_annotation(t),
                _ => Ty::Object,
            }
        }
        ExprKind::BinOp {
            left,
            op: oxyc_syntax::ast::BinOp::BitOr,
            right,
        } => match (type_of_annotation(left), type_of_annotation(right)) {
            (Ty::None, t) | (t, Ty::None) => optional(t),
            _ => Ty::Object,
        },
        _ => Ty::Object,
    }
}

/// `Optional[t]`: kept precise only for native classes.
fn optional(t: Ty) -> Ty {
    match t {
        Ty::Instance(c) | Ty::OptInstance(c) => Ty::OptInstance(c),
        Ty::Foreign(c) | Ty::OptForeign(c) => Ty::OptForeign(c),
        _ => Ty::Object,
    }
}

fn simple(name: &str) -> Option<Ty> {
    Some(match name {
        "int" => Ty::Int,
        "float" => Ty::Float,
        "bool" => Ty::Bool,
        "str" => Ty::Str,
        "bytes" => Ty::Bytes,
        "bytearray" => Ty::ByteArray,
        "list" | "List" => Ty::any_list(),
        "dict" | "Dict" => Ty::any_dict(),
        "tuple" | "Tuple" => Ty::TupleVar(Box::new(Ty::Object)),
        "set" | "Set" => Ty::Set,
        _ => return None,
    })
}
