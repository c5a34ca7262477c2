//! Stage 3: types.
//!
//! Types are declared by annotations (parameters, returns, annotated locals) and inferred
//! for other locals by a flow-insensitive fixpoint: a local's type is the join of the
//! types of every value assigned to it. Anything unknown is `object`, which the later
//! stages handle through the generic (boxed, C API) path. The result is a table of
//! expression types keyed by [`ExprId`] and the type of every local, per function.

mod annot;
mod infer;
pub mod split;
mod unboxed;
pub mod xmod;

pub use annot::{type_of_annotation, type_of_annotation_with};
pub use infer::{
    FuncSig, FuncTypes, ModuleTypes, binop_dunder, binop_ty, check_module, check_module_with,
    constant_ty, coroutine_method_of, field_ty, method_of, unary_dunder, unpacked_tys,
};
pub use unboxed::param_index;

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
    ByteArray,
    /// `list[T]` (T is Object when not declared).
    List(Box<Ty>),
    /// `dict[K, V]`.
    Dict(Box<Ty>, Box<Ty>),
    /// `tuple[A, B]` of fixed length.
    Tuple(Vec<Ty>),
    /// `tuple[T, ...]` or a tuple of unknown shape.
    TupleVar(Box<Ty>),
    Set,
    /// Something iterated to get `T`s (`Iterator[T]`, `Iterable[T]`,
    /// `Generator[T, ...]`): any object, whose items are checked as `T`s.
    Iter(Box<Ty>),
    /// An instance of the module's native class of this name (or of a subclass).
    Instance(String),
    /// The same or None (`Optional[C]`, `C | None`).
    OptInstance(String),
    /// What an annotation naming a native class of *another* module compiled in the
    /// same build means (`pkg.mod.Class`, the full dotted name): a hint, never
    /// checked — that module may run interpreted or be rebuilt — so every use tests
    /// the object's exact type against the class at run time (see `xmod`).
    Foreign(String),
    /// The same or None.
    OptForeign(String),
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
            (Ty::Instance(c) | Ty::OptInstance(c), Ty::None)
            | (Ty::None, Ty::Instance(c) | Ty::OptInstance(c)) => Ty::OptInstance(c.clone()),
            (Ty::Instance(a) | Ty::OptInstance(a), Ty::Instance(b) | Ty::OptInstance(b))
                if a == b =>
            {
                Ty::OptInstance(a.clone())
            }
            (Ty::Foreign(c) | Ty::OptForeign(c), Ty::None)
            | (Ty::None, Ty::Foreign(c) | Ty::OptForeign(c)) => Ty::OptForeign(c.clone()),
            (Ty::Foreign(a) | Ty::OptForeign(a), Ty::Foreign(b) | Ty::OptForeign(b)) if a == b => {
                Ty::OptForeign(a.clone())
            }
            (Ty::List(_), Ty::List(_)) => Ty::any_list(),
            (Ty::Dict(..), Ty::Dict(..)) => Ty::any_dict(),
            (Ty::Tuple(_) | Ty::TupleVar(_), Ty::Tuple(_) | Ty::TupleVar(_)) => {
                Ty::TupleVar(Box::new(Ty::Object))
            }
            _ => Ty::Object,
        }
    }

    /// The Python type name checked at a typed boundary (None = no check).
    pub fn check_name(&self) -> Option<String> {
        let simple = match self {
            Ty::Int => "int",
            Ty::Float => "float",
            Ty::Bool => "bool",
            Ty::Str => "str",
            Ty::None => "None",
            Ty::Bytes => "bytes",
            Ty::ByteArray => "bytearray",
            Ty::List(_) => "list",
            Ty::Dict(..) => "dict",
            Ty::Tuple(_) | Ty::TupleVar(_) => "tuple",
            Ty::Set => "set",
            Ty::Instance(c) => return Some(c.clone()),
            Ty::OptInstance(c) => return Some(format!("Optional[{c}]")),
            Ty::Object | Ty::Bottom | Ty::Iter(_) | Ty::Foreign(_) | Ty::OptForeign(_) => {
                return None;
            }
        };
        Some(simple.to_string())
    }

    /// The native class of an `Instance` or `OptInstance`.
    pub fn native_class(&self) -> Option<&str> {
        match self {
            Ty::Instance(c) | Ty::OptInstance(c) => Some(c),
            _ => None,
        }
    }

    /// The class (full dotted name) of a `Foreign` or `OptForeign`.
    pub fn foreign_class(&self) -> Option<&str> {
        match self {
            Ty::Foreign(c) | Ty::OptForeign(c) => Some(c),
            _ => None,
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
            Ty::ByteArray => write!(f, "bytearray"),
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
            Ty::Iter(t) => write!(f, "Iterable[{t}]"),
            Ty::Instance(c) => write!(f, "{c}"),
            Ty::OptInstance(c) => write!(f, "Optional[{c}]"),
            Ty::Foreign(c) => write!(f, "{c}"),
            Ty::OptForeign(c) => write!(f, "Optional[{c}]"),
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
    /// Every type recorded.
    pub fn all(&self) -> impl Iterator<Item = &Ty> {
        self.types.iter()
    }
    pub(crate) fn set(&mut self, id: ExprId, ty: Ty) {
        if let Some(slot) = self.types.get_mut(id.0 as usize) {
            *slot = ty;
        }
    }
}

#[cfg(test)]
mod tests;
