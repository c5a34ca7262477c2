//! Cross-module calls: the *interface* a compiled module shows the other modules
//! compiled in the same build (its early-bound functions, their parameters, defaults
//! and types), and how a call in this module binds to a function of another one.
//!
//! A module's interface depends on its annotations and signatures only, never on
//! function bodies, so the C of a module that calls into another changes only when
//! what it sees of that module changes. Each exported function carries a signature
//! hash: the calling module compiles it into the call site, the defining module into
//! the function object, and a direct call happens only when the object found at run
//! time carries the same hash (see `runtime/oxyc_rt.h`, "cross-module calls").

use crate::Ty;
use indexmap::IndexMap;
use oxyc_sema::{FuncScope, ImportBinding, SemModule};
use oxyc_syntax::ast::{self, ExprKind, IntLit, Keyword, UnaryOp};

/// Bump when the C calling convention of native functions changes: modules built
/// by different conventions then never call each other directly.
const ABI: &str = "oxyc-xcall-1";

/// How a parameter binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XParamKind {
    PosOnly,
    Normal,
    KwOnly,
}

/// A parameter's default as the caller can supply it itself.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultLit {
    Int(i64),
    /// Decimal digits (with a leading `-` when negative) of an int outside i64.
    BigInt(String),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Bool(bool),
    None,
    /// Computed when the `def` ran: only the function's own wrapper has it, so a call
    /// that needs it takes the ordinary path.
    Computed,
}

impl DefaultLit {
    fn of(e: &ast::Expr) -> DefaultLit {
        match &e.kind {
            ExprKind::Int(IntLit::Small(v)) => DefaultLit::Int(*v),
            ExprKind::Int(IntLit::Big(d)) => DefaultLit::BigInt(d.clone()),
            ExprKind::Float(f) => DefaultLit::Float(*f),
            ExprKind::Str(s) => DefaultLit::Str(s.clone()),
            ExprKind::Bytes(b) => DefaultLit::Bytes(b.clone()),
            ExprKind::Bool(b) => DefaultLit::Bool(*b),
            ExprKind::NoneLit => DefaultLit::None,
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand,
            } => match &operand.kind {
                ExprKind::Int(IntLit::Small(v)) => match v.checked_neg() {
                    Some(n) => DefaultLit::Int(n),
                    None => DefaultLit::BigInt(format!("-{v}")),
                },
                ExprKind::Int(IntLit::Big(d)) => DefaultLit::BigInt(format!("-{d}")),
                ExprKind::Float(f) => DefaultLit::Float(-f),
                _ => DefaultLit::Computed,
            },
            _ => DefaultLit::Computed,
        }
    }

    fn key(&self) -> String {
        match self {
            DefaultLit::Int(v) => format!("i{v}"),
            DefaultLit::BigInt(d) => format!("I{d}"),
            DefaultLit::Float(f) => format!("f{:016x}", f.to_bits()),
            DefaultLit::Str(s) => format!("s{}:{s}", s.len()),
            DefaultLit::Bytes(b) => format!("b{b:?}"),
            DefaultLit::Bool(b) => format!("B{b}"),
            DefaultLit::None => "N".to_string(),
            DefaultLit::Computed => "?".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct XParam {
    pub name: String,
    pub kind: XParamKind,
    pub ty: Ty,
    pub default: Option<DefaultLit>,
}

/// An early-bound function of a compiled module, as other modules see it.
#[derive(Debug, Clone, PartialEq)]
pub struct XFunc {
    /// The defining module's full dotted name.
    pub module: String,
    pub name: String,
    /// In the order of the `def` (its native C function's parameter order).
    pub params: Vec<XParam>,
    pub ret: Ty,
    /// Hash of everything above and of the calling convention (never 0).
    pub sig: u64,
}

impl XFunc {
    /// The type a call's result has in the calling module: the return annotation,
    /// except `-> None` (nothing to gain from knowing it, and a replacement
    /// function that returns something else must not make the caller raise).
    pub fn result_ty(&self) -> Ty {
        match self.ret {
            Ty::None => Ty::Object,
            ref t => t.clone(),
        }
    }
}

/// What a compiled module exports to the others of its build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleInterface {
    pub module: String,
    pub functions: IndexMap<String, XFunc>,
}

/// The interfaces of the modules of one build, by full dotted name.
pub type Interfaces = IndexMap<String, ModuleInterface>;

/// The interfaces of the other modules compiled in the same build, as one module sees
/// them.
#[derive(Debug, Clone, Copy)]
pub struct Externs<'x> {
    /// This module's full dotted name.
    pub current: &'x str,
    /// This module is a package's `__init__`.
    pub is_package: bool,
    pub modules: Option<&'x IndexMap<String, ModuleInterface>>,
}

impl Externs<'_> {
    /// No other compiled module.
    pub const NONE: Externs<'static> = Externs {
        current: "",
        is_package: false,
        modules: None,
    };

    /// Function `name` of compiled module `module` (never this module's own).
    pub fn function(&self, module: &str, name: &str) -> Option<&XFunc> {
        if module == self.current {
            return None;
        }
        self.modules?.get(module)?.functions.get(name)
    }
}

/// Where one parameter's value comes from in a cross-module call.
#[derive(Debug, Clone, PartialEq)]
pub enum XBind {
    Arg(usize),
    Kw(usize),
    Default(DefaultLit),
}

/// A call bound at compile time to a function of another compiled module.
#[derive(Debug, Clone)]
pub struct XCall {
    /// Index into `ModuleTypes::xsites`.
    pub site: usize,
    /// One per parameter of the callee, in its order.
    pub binds: Vec<XBind>,
}

/// Can values of this type cross modules as they are? (A native class is a C struct
/// of its own module: its name means nothing elsewhere.)
fn portable(t: &Ty) -> bool {
    match t {
        Ty::Instance(_) | Ty::OptInstance(_) | Ty::Bottom => false,
        Ty::List(e) | Ty::TupleVar(e) | Ty::Iter(e) => portable(e),
        Ty::Dict(k, v) => portable(k) && portable(v),
        Ty::Tuple(ts) => ts.iter().all(portable),
        _ => true,
    }
}

/// FNV-1a, 64 bits: stable across builds and machines (unlike std's hashers).
fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h.max(1)
}

/// The interface of function `f` (its signature `params`/`ret`) of module `module`,
/// if other modules may call it directly: an early-bound function without `*args`
/// or `**kwargs` whose parameter and return types mean the same in every module.
pub fn export(module: &str, f: &FuncScope<'_>, params: &[Ty], ret: &Ty) -> Option<XFunc> {
    let def = f.def()?;
    let ps = &def.params;
    if ps.vararg.is_some() || ps.kwarg.is_some() || f.is_generator || !f.top_level {
        return None;
    }
    if !params.iter().all(portable) || !portable(ret) {
        return None;
    }
    let kinds = ps
        .posonly
        .iter()
        .map(|p| (p, XParamKind::PosOnly))
        .chain(ps.args.iter().map(|p| (p, XParamKind::Normal)))
        .chain(ps.kwonly.iter().map(|p| (p, XParamKind::KwOnly)));
    let xparams: Vec<XParam> = kinds
        .zip(params)
        .map(|((p, kind), ty)| XParam {
            name: p.name.name.clone(),
            kind,
            ty: ty.clone(),
            default: p.default.as_ref().map(DefaultLit::of),
        })
        .collect();
    if xparams.len() != params.len() {
        return None;
    }
    let mut text = format!("{ABI}\0{module}\0{}\0", f.name);
    for p in &xparams {
        text.push_str(&format!(
            "{:?}:{}:{}={}\0",
            p.kind,
            p.name,
            p.ty,
            p.default.as_ref().map_or("-".to_string(), DefaultLit::key)
        ));
    }
    text.push_str(&format!("->{ret}"));
    Some(XFunc {
        module: module.to_string(),
        name: f.name.clone(),
        params: xparams,
        ret: ret.clone(),
        sig: fnv1a(&text),
    })
}

/// How `nargs` positional arguments and keywords named `kws` bind to `f`'s
/// parameters, as CPython binds them; None when the call would raise or needs a
/// default the caller cannot supply (it then takes the ordinary path).
pub fn plan(f: &XFunc, nargs: usize, kws: &[&str]) -> Option<Vec<XBind>> {
    let npos = f
        .params
        .iter()
        .filter(|p| p.kind != XParamKind::KwOnly)
        .count();
    if nargs > npos {
        return None;
    }
    let mut out: Vec<Option<XBind>> = vec![None; f.params.len()];
    for (i, slot) in out.iter_mut().enumerate().take(nargs) {
        *slot = Some(XBind::Arg(i));
    }
    for (k, name) in kws.iter().enumerate() {
        let i = f
            .params
            .iter()
            .position(|p| p.kind != XParamKind::PosOnly && p.name == *name)?;
        if out[i].is_some() {
            return None;
        }
        out[i] = Some(XBind::Kw(k));
    }
    out.into_iter()
        .zip(&f.params)
        .map(|(b, p)| match (b, &p.default) {
            (Some(b), _) => Some(b),
            (None, Some(DefaultLit::Computed) | None) => None,
            (None, Some(d)) => Some(XBind::Default(d.clone())),
        })
        .collect()
}

/// The module a dotted expression names when it is built from the module's imports:
/// `m` after `import pkg.mod as m`, `pkg.mod` after `import pkg.mod`, `mod` after
/// `from pkg import mod`. `is_global(name)`: the name is a module global there.
pub fn module_of(
    sem: &SemModule<'_>,
    externs: &Externs<'_>,
    e: &ast::Expr,
    is_global: &dyn Fn(&str) -> bool,
) -> Option<String> {
    match &e.kind {
        ExprKind::Name(n) if is_global(n) => match sem.imports.get(n)? {
            ImportBinding::Module(m) => Some(m.clone()),
            b @ ImportBinding::From { name, .. } => {
                let base = b.source_module(externs.current, externs.is_package)?;
                Some(format!("{base}.{name}"))
            }
        },
        ExprKind::Attribute { value, attr } => {
            let base = module_of(sem, externs, value, is_global)?;
            Some(format!("{base}.{}", attr.name))
        }
        _ => None,
    }
}

/// The function of another compiled module that `func` (the callee expression of a
/// call) names through this module's imports: `f` after `from pkg.mod import f`,
/// `m.f` after `import pkg.mod as m`.
pub fn callee<'x>(
    sem: &SemModule<'_>,
    externs: &Externs<'x>,
    func: &ast::Expr,
    is_global: &dyn Fn(&str) -> bool,
) -> Option<&'x XFunc> {
    let modules = externs.modules?;
    let (module, name) = match &func.kind {
        ExprKind::Name(n) if is_global(n) => match sem.imports.get(n)? {
            b @ ImportBinding::From { name, .. } => (
                b.source_module(externs.current, externs.is_package)?,
                name.clone(),
            ),
            ImportBinding::Module(_) => return None,
        },
        ExprKind::Attribute { value, attr } => (
            module_of(sem, externs, value, is_global)?,
            attr.name.clone(),
        ),
        _ => return None,
    };
    if module == externs.current {
        return None;
    }
    modules.get(&module)?.functions.get(&name)
}

/// The keyword names of a call, None when one is `**mapping`.
pub fn keyword_names(keywords: &[Keyword]) -> Option<Vec<&str>> {
    keywords
        .iter()
        .map(|k| k.arg.as_ref().map(|a| a.name.as_str()))
        .collect()
}
