//! oxyc's own Python AST.
//!
//! Every later stage works on these types, never on ruff's: `lower.rs` is the one place
//! that knows the ruff AST, so a parser upgrade touches one module. The tree is plain
//! data: owned, cloneable, with a byte [`Span`] on every node and a unique [`ExprId`] on
//! every expression (the type checker keys its tables by it).

use crate::span::Span;

/// Unique (per module) id of an expression node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub body: Vec<Stmt>,
    /// Number of expression ids handed out (ids are `0..expr_count`).
    pub expr_count: u32,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub span: Span,
    pub kind: StmtKind,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: several targets, one value.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        /// The target is a bare name, not in parentheses (`x: int`, not `(x): int`):
        /// only then does it declare the name (CPython's `simple`).
        simple: bool,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return(Option<Expr>),
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        is_async: bool,
    },
    Break,
    Continue,
    Pass,
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
        /// `except*`
        is_star: bool,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// `import a.b as c, d`
    Import(Vec<Alias>),
    /// `from .mod import a as b` (`module` is None for `from . import x`).
    ImportFrom {
        module: Option<String>,
        names: Vec<Alias>,
        level: u32,
    },
    Global(Vec<Ident>),
    Nonlocal(Vec<Ident>),
    Delete(Vec<Expr>),
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    /// `match subject: case ...` (PEP 634).
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },
    /// A statement kind the AST does not model yet (`type X = ...`).
    /// Later stages report it with a diagnostic naming `what`.
    Unsupported {
        what: &'static str,
    },
}

/// One `case pattern if guard: body` of a `match` statement.
#[derive(Debug, Clone)]
pub struct MatchCase {
    pub span: Span,
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub span: Span,
    pub kind: PatternKind,
}

/// A pattern (PEP 634). Every name a pattern binds is an `ExprKind::Name` expression,
/// so walkers see it as an assignment target.
#[derive(Debug, Clone)]
pub enum PatternKind {
    /// A literal (number, string, bytes, `-1`, `1+2j`) or a dotted value (`Color.RED`):
    /// matches when `subject == value`.
    Value(Expr),
    /// `None`, `True`, `False`: matches when `subject is value`.
    Singleton(Expr),
    /// `x` (a capture) or `_` (the wildcard, `None`): matches anything.
    Capture(Option<Expr>),
    /// `[p, *rest, q]` / `(p, q)`: items may include one `Star`.
    Sequence(Vec<Pattern>),
    /// `*rest` or `*_` (`None`), only inside a sequence pattern.
    Star(Option<Expr>),
    /// `{key: p, ..., **rest}`: keys are literals or dotted values.
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<Expr>,
    },
    /// `Cls(p, ..., attr=q, ...)`.
    Class {
        cls: Expr,
        patterns: Vec<Pattern>,
        kwd_attrs: Vec<Ident>,
        kwd_patterns: Vec<Pattern>,
    },
    /// `p as name`.
    As { pattern: Box<Pattern>, name: Expr },
    /// `p | q | ...`.
    Or(Vec<Pattern>),
}

#[derive(Debug, Clone)]
pub struct Alias {
    /// Dotted name as written (`os.path`), or `*`.
    pub name: String,
    pub asname: Option<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct WithItem {
    pub context_expr: Expr,
    pub optional_vars: Option<Expr>,
}

#[derive(Debug, Clone)]
pub struct ExceptHandler {
    pub span: Span,
    /// `None` for a bare `except:`.
    pub type_: Option<Expr>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub struct FunctionDef {
    /// The name it is bound to (mangled for a private method: `_C__m`).
    pub name: Ident,
    /// For a private method, its own name (`__m`): `__name__`, tracebacks.
    pub orig_name: Option<String>,
    pub params: Parameters,
    pub returns: Option<Expr>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub is_async: bool,
    /// PEP 695 type parameters present (`def f[T](...)`).
    pub has_type_params: bool,
    pub docstring: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Parameters {
    pub posonly: Vec<Param>,
    pub args: Vec<Param>,
    pub vararg: Option<Param>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Param>,
}

impl FunctionDef {
    /// `__name__`: the name as written.
    pub fn display_name(&self) -> &str {
        self.orig_name.as_deref().unwrap_or(&self.name.name)
    }
}

impl Parameters {
    /// Positional-only then positional-or-keyword parameters, in order.
    pub fn positional(&self) -> impl Iterator<Item = &Param> {
        self.posonly.iter().chain(self.args.iter())
    }
    /// Only positional-or-keyword parameters (no `/`, `*`, `*args`, `**kwargs`).
    pub fn is_simple(&self) -> bool {
        self.posonly.is_empty()
            && self.vararg.is_none()
            && self.kwonly.is_empty()
            && self.kwarg.is_none()
    }
    /// Every parameter can be bound by position (no `*args`, keyword-only
    /// parameters or `**kwargs`; positional-only ones are fine).
    pub fn all_positional(&self) -> bool {
        self.vararg.is_none() && self.kwonly.is_empty() && self.kwarg.is_none()
    }
    /// Every parameter in declaration order.
    pub fn all(&self) -> impl Iterator<Item = &Param> {
        self.posonly
            .iter()
            .chain(self.args.iter())
            .chain(self.vararg.iter())
            .chain(self.kwonly.iter())
            .chain(self.kwarg.iter())
    }
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Ident,
    pub annotation: Option<Expr>,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ClassDef {
    pub name: Ident,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub has_type_params: bool,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub id: ExprId,
    pub span: Span,
    pub kind: ExprKind,
}

/// An integer literal: small values inline, others as decimal digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntLit {
    Small(i64),
    /// Decimal digits of a non-negative integer that does not fit in i64.
    Big(String),
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Name(String),
    Int(IntLit),
    Float(f64),
    /// Imaginary literal `3j` (the imaginary part).
    Complex(f64),
    Str(String),
    Bytes(Vec<u8>),
    Bool(bool),
    NoneLit,
    Ellipsis,
    FString(Vec<FStringPart>),
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: `ops.len() == comparators.len()`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    Call {
        func: Box<Expr>,
        /// Positional arguments; `*x` appears as `ExprKind::Starred`.
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: Ident,
    },
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// Entries; a `None` key is `**mapping`.
    Dict(Vec<(Option<Expr>, Expr)>),
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Lambda {
        params: Box<Parameters>,
        body: Box<Expr>,
    },
    Starred(Box<Expr>),
    /// `target := value`
    Named {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
}

#[derive(Debug, Clone)]
pub enum FStringPart {
    Literal(String),
    Interpolation {
        expr: Box<Expr>,
        /// `!r`, `!s`, `!a`
        conversion: Option<char>,
        /// The format spec, itself made of parts (it may contain `{...}`).
        format_spec: Option<Vec<FStringPart>>,
        /// For `f"{x=}"`: the literal text `x=` (with its whitespace) to print first.
        debug_text: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Keyword {
    /// `None` for `**mapping`.
    pub arg: Option<Ident>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mult => "*",
            BinOp::MatMult => "@",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
            BinOp::FloorDiv => "//",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Invert,
    Not,
    UAdd,
    USub,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}
