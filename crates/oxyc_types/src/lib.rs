//! Stage 3: types.
//!
//! Types are declared by annotations (parameters, returns, annotated locals) and inferred
//! for other locals by a flow-insensitive fixpoint: a local's type is the join of the
//! types of every value assigned to it. Anything unknown is `object`, which the later
//! stages handle through the generic (boxed, C API) path. The result is a table of
//! expression types keyed by [`ExprId`] and the type of every local, per function.

mod annot;
mod infer;

pub use annot::{type_of_annotation, type_of_annotation_with};
pub use infer::{
    FuncSig, FuncTypes, ModuleTypes, binop_ty, check_module, constant_ty, field_ty, method_of,
};

use oxyc_syntax::ast::ExprId;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// Not yet known (only during inference).
    Bottom,
    Int,
    Float,
    Bool,
    Str,
    None,
    Bytes,
    /// `list[T]` (T is Object when not declared).
    List(Box<Ty>),
    /// `dict[K, V]`.
    Dict(Box<Ty>, Box<Ty>),
    /// `tuple[A, B]` of fixed length.
    Tuple(Vec<Ty>),
    /// `tuple[T, ...]` or a tuple of unknown shape.
    TupleVar(Box<Ty>),
    Set,
    /// An instance of the module's native class of this name (or of a subclass).
    Instance(String),
    /// Anything else.
    Object,
}

impl Ty {
    pub fn list(elem: Ty) -> Ty {
        Ty::List(Box::new(elem))
    }
    pub fn any_list() -> Ty {
        Ty::List(Box::new(Ty::Object))
    }
    pub fn any_dict() -> Ty {
        Ty::Dict(Box::new(Ty::Object), Box::new(Ty::Object))
    }
    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Bool)
    }
    /// int or bool (bool is an int subclass).
    pub fn is_intlike(&self) -> bool {
        matches!(self, Ty::Int | Ty::Bool)
    }

    /// Least upper bound: equal types join to themselves, everything else to object.
    pub fn join(&self, other: &Ty) -> Ty {
        match (self, other) {
            (Ty::Bottom, t) | (t, Ty::Bottom) => t.clone(),
            (a, b) if a == b => a.clone(),
            (Ty::List(_), Ty::List(_)) => Ty::any_list(),
            (Ty::Dict(..), Ty::Dict(..)) => Ty::any_dict(),
            (Ty::Tuple(_) | Ty::TupleVar(_), Ty::Tuple(_) | Ty::TupleVar(_)) => {
                Ty::TupleVar(Box::new(Ty::Object))
            }
            _ => Ty::Object,
        }
    }

    /// The Python type name checked at a typed boundary (None = no check).
    pub fn check_name(&self) -> Option<&str> {
        match self {
            Ty::Int => Some("int"),
            Ty::Float => Some("float"),
            Ty::Bool => Some("bool"),
            Ty::Str => Some("str"),
            Ty::None => Some("None"),
            Ty::Bytes => Some("bytes"),
            Ty::List(_) => Some("list"),
            Ty::Dict(..) => Some("dict"),
            Ty::Tuple(_) | Ty::TupleVar(_) => Some("tuple"),
            Ty::Set => Some("set"),
            Ty::Instance(c) => Some(c),
            Ty::Object | Ty::Bottom => None,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Bottom => write!(f, "<unknown>"),
            Ty::Int => write!(f, "int"),
            Ty::Float => write!(f, "float"),
            Ty::Bool => write!(f, "bool"),
            Ty::Str => write!(f, "str"),
            Ty::None => write!(f, "None"),
            Ty::Bytes => write!(f, "bytes"),
            Ty::List(t) => write!(f, "list[{t}]"),
            Ty::Dict(k, v) => write!(f, "dict[{k}, {v}]"),
            Ty::Tuple(ts) => {
                write!(f, "tuple[")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{t}")?;
                }
                write!(f, "]")
            }
            Ty::TupleVar(t) => write!(f, "tuple[{t}, ...]"),
            Ty::Set => write!(f, "set"),
            Ty::Instance(c) => write!(f, "{c}"),
            Ty::Object => write!(f, "object"),
        }
    }
}

/// Expression types of one function, indexed by ExprId.
#[derive(Debug, Clone, Default)]
pub struct ExprTypes {
    types: Vec<Ty>,
}

impl ExprTypes {
    pub fn new(count: u32) -> ExprTypes {
        ExprTypes {
            types: vec![Ty::Bottom; count as usize],
        }
    }
    pub fn get(&self, id: ExprId) -> &Ty {
        static OBJECT: Ty = Ty::Object;
        match self.types.get(id.0 as usize) {
            Some(Ty::Bottom) | None => &OBJECT,
            Some(t) => t,
        }
    }
    pub(crate) fn set(&mut self, id: ExprId, ty: Ty) {
        if let Some(slot) = self.types.get_mut(id.0 as usize) {
            *slot = ty;
        }
    }
}

#[cfg(test)]
mod tests;
