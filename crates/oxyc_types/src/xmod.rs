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
//!
//! The interface also shows the module's native classes (`XClass`): their C layout
//! and method tables, under a layout hash that the using module compiles into its
//! slot for the class and the defining module into a capsule in the class's dict;
//! another module's class is `Ty::Foreign` in the using module, a hint that every
//! use tests against the object's exact type (see "cross-module classes" in
//! `runtime/oxyc_rt.h`).

use crate::Ty;
use indexmap::IndexMap;
use oxyc_sema::{FuncScope, ImportBinding, SemModule};
use oxyc_syntax::ast::{self, ExprKind, IntLit, Keyword, UnaryOp};

/// Bump when the C calling convention of native functions changes: modules built
/// by different conventions then never call each other directly.
const ABI: &str = "oxyc-xcall-2";

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

/// A native class of a compiled module, as other modules see it: its C layout
/// (the struct that starts with its base's), and the compiled plain methods its
/// instances answer (own or inherited: the class's *method table*, in this order).
/// Instances are recognised at run time by the capsule `__oxyc_xclass__` in the
/// class's own dict, which carries `layout` (see `runtime/oxyc_rt.h`,
/// "cross-module classes").
#[derive(Debug, Clone, PartialEq)]
pub struct XClass {
    /// The defining module's full dotted name.
    pub module: String,
    pub name: String,
    /// Its native base (a class of the same module), if any.
    pub base: Option<String>,
    /// The fields this class adds (its base's come first), with their types as
    /// other modules see them (`export_ty`).
    pub fields: Vec<(String, Ty)>,
    /// Instances have a weak-reference slot (only a root class decides).
    pub weakrefs: bool,
    /// A class of its native family is a frozen dataclass: stores go through
    /// `__setattr__`.
    pub frozen: bool,
    /// Method table: each compiled plain method `obj.name(...)` reaches when nothing
    /// overrides it, with its signature (the first parameter, the instance, as
    /// `object`).
    pub methods: IndexMap<String, XMethod>,
    /// No class of its chain defines `__init__` (a call with no arguments only
    /// allocates the instance).
    pub bare_init: bool,
    /// Hash of everything above, of the base's layout and of the C layout
    /// conventions (never 0).
    pub layout: u64,
}

/// An entry of a class's method table.
#[derive(Debug, Clone, PartialEq)]
pub struct XMethod {
    /// The function implementing it in the defining module (`SemModule::functions`).
    pub func: usize,
    pub sig: XFunc,
    /// It may return NotImplemented (a dunder then needs the whole operator protocol).
    pub declines: bool,
}

impl XClass {
    /// `module.Class`: how `Ty::Foreign` names it.
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.module, self.name)
    }
}

/// What a compiled module exports to the others of its build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleInterface {
    pub module: String,
    pub functions: IndexMap<String, XFunc>,
    /// Its native classes (those whose family has no `__getattr__`).
    pub classes: IndexMap<String, XClass>,
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

impl<'x> Externs<'x> {
    /// The native class of another compiled module named `qualified`
    /// (`pkg.mod.Class`), never one of this module's own.
    pub fn class(&self, qualified: &str) -> Option<&'x XClass> {
        let (module, name) = qualified.rsplit_once('.')?;
        if module == self.current {
            return None;
        }
        self.modules?.get(module)?.classes.get(name)
    }

    /// A type from another module's interface as this module sees it: a class of
    /// this module's own (an import cycle) or one no longer in the build is `object`.
    pub fn localize(&self, t: &Ty) -> Ty {
        match t {
            Ty::Foreign(c) | Ty::OptForeign(c) if self.class(c).is_none() => Ty::Object,
            Ty::List(e) => Ty::List(Box::new(self.localize(e))),
            Ty::TupleVar(e) => Ty::TupleVar(Box::new(self.localize(e))),
            Ty::Iter(e) => Ty::Iter(Box::new(self.localize(e))),
            Ty::Dict(k, v) => Ty::Dict(Box::new(self.localize(k)), Box::new(self.localize(v))),
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.localize(t)).collect()),
            t => t.clone(),
        }
    }

    /// The classes of `class`'s module that derive from it (not itself).
    pub fn subclasses(&self, class: &XClass) -> Vec<&'x XClass> {
        let Some(m) = self.modules.and_then(|ms| ms.get(&class.module)) else {
            return Vec::new();
        };
        m.classes
            .values()
            .filter(|k| {
                let mut b = k.base.as_deref();
                while let Some(bn) = b {
                    if bn == class.name {
                        return true;
                    }
                    b = m.classes.get(bn).and_then(|x| x.base.as_deref());
                }
                false
            })
            .collect()
    }

    /// The field `name` of foreign class `qualified` or of one of its bases: the
    /// class that declares it and its type.
    pub fn field(&self, qualified: &str, name: &str) -> Option<(&'x XClass, &'x Ty)> {
        let mut c = self.class(qualified);
        while let Some(k) = c {
            if let Some((_, t)) = k.fields.iter().find(|(n, _)| n == name) {
                return Some((k, t));
            }
            c = k
                .base
                .as_ref()
                .and_then(|b| self.class(&format!("{}.{b}", k.module)));
        }
        None
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

/// Type `t` of module `module` as the other modules see it: its own native
/// classes by full dotted name (`Foreign`: checked by the caller where the callee
/// relies on it), a class it imports from elsewhere as `object` (unchecked in this
/// module: and so the interface does not depend on the other modules').
pub fn export_ty(module: &str, t: &Ty) -> Ty {
    match t {
        Ty::Instance(c) => Ty::Foreign(format!("{module}.{c}")),
        Ty::OptInstance(c) => Ty::OptForeign(format!("{module}.{c}")),
        Ty::Foreign(_) | Ty::OptForeign(_) | Ty::Bottom => Ty::Object,
        Ty::List(e) => Ty::List(Box::new(export_ty(module, e))),
        Ty::TupleVar(e) => Ty::TupleVar(Box::new(export_ty(module, e))),
        Ty::Iter(e) => Ty::Iter(Box::new(export_ty(module, e))),
        Ty::Dict(k, v) => Ty::Dict(
            Box::new(export_ty(module, k)),
            Box::new(export_ty(module, v)),
        ),
        Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| export_ty(module, t)).collect()),
        t => t.clone(),
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
/// or `**kwargs` (its types as `export_ty` shows them).
pub fn export(module: &str, f: &FuncScope<'_>, params: &[Ty], ret: &Ty) -> Option<XFunc> {
    if !f.top_level {
        return None;
    }
    export_sig(module, &f.name, f, params, ret, false)
}

/// The signature of a function or (`method`: its first parameter is the instance,
/// exported as `object`) a method, if it can be called directly from another module.
fn export_sig(
    module: &str,
    name: &str,
    f: &FuncScope<'_>,
    params: &[Ty],
    ret: &Ty,
    method: bool,
) -> Option<XFunc> {
    let def = f.def()?;
    let ps = &def.params;
    if ps.vararg.is_some() || ps.kwarg.is_some() || f.is_generator {
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
        .enumerate()
        .map(|(i, ((p, kind), ty))| XParam {
            name: p.name.name.clone(),
            kind,
            ty: if method && i == 0 {
                Ty::Object
            } else {
                export_ty(module, ty)
            },
            default: p.default.as_ref().map(DefaultLit::of),
        })
        .collect();
    if xparams.len() != params.len() {
        return None;
    }
    let ret = export_ty(module, ret);
    let mut text = format!("{ABI}\0{module}\0{name}\0");
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
        name: name.to_string(),
        params: xparams,
        ret,
        sig: fnv1a(&text),
    })
}

/// The native classes module `module` shows the others (`fields`: the types of the
/// fields each adds, `sigs`: every function's signature, both indexed like `sem`'s).
/// A class whose native family has a `__getattr__` (an unset field asks it) or is
/// abstract is left out.
pub fn export_classes(
    module: &str,
    sem: &SemModule<'_>,
    fields: &[IndexMap<String, Ty>],
    sigs: &[crate::FuncSig],
) -> IndexMap<String, XClass> {
    let native = &sem.native;
    let root = |mut c: usize| {
        while let Some(b) = native[c].base {
            c = b;
        }
        c
    };
    let mut hooked = vec![false; native.len()];
    let mut frozen = vec![false; native.len()];
    for (ci, c) in native.iter().enumerate() {
        let r = root(ci);
        hooked[r] |= c.class_attrs.contains("__getattr__") || c.abc;
        frozen[r] |= c.frozen;
    }
    let mut out: IndexMap<String, XClass> = IndexMap::new();
    for (ci, c) in native.iter().enumerate() {
        if hooked[root(ci)] {
            continue;
        }
        let base = c.base.map(|b| native[b].name.clone());
        let base_layout = match &base {
            Some(b) => match out.get(b) {
                Some(x) => x.layout,
                None => continue,
            },
            None => 0,
        };
        // The method table: every name of the class and its bases, base first.
        let mut chain = vec![ci];
        while let Some(b) = native[*chain.last().unwrap_or(&ci)].base {
            chain.push(b);
        }
        let mut methods: IndexMap<String, XMethod> = IndexMap::new();
        for &k in chain.iter().rev() {
            for name in &native[k].class_attrs {
                if methods.contains_key(name) {
                    continue;
                }
                let Some(fi) = crate::method_of(sem, &c.name, name) else {
                    continue;
                };
                let (Some(f), Some(sig)) = (sem.functions.get(fi), sigs.get(fi)) else {
                    continue;
                };
                if let Some(x) = export_sig(module, name, f, &sig.params, &sig.ret, true) {
                    let declines = sig.may_decline;
                    methods.insert(
                        name.clone(),
                        XMethod {
                            func: fi,
                            sig: x,
                            declines,
                        },
                    );
                }
            }
        }
        let fields: Vec<(String, Ty)> = fields
            .get(ci)
            .map(|fs| {
                fs.iter()
                    .map(|(n, t)| (n.clone(), export_ty(module, t)))
                    .collect()
            })
            .unwrap_or_default();
        let weakrefs = c.base.is_none() && c.weakrefs;
        let fz = frozen[root(ci)];
        let bare_init = chain
            .iter()
            .all(|&k| !native[k].class_attrs.contains("__init__"));
        let mut text = format!(
            "{ABI}\0class\0{module}\0{}\0{:?}:{base_layout:016x}\0w{weakrefs}\0z{fz}\0i{bare_init}\0",
            c.name, base
        );
        for (n, t) in &fields {
            text.push_str(&format!("{n}:{t}\0"));
        }
        for (n, m) in &methods {
            text.push_str(&format!("{n}={:016x}:{}\0", m.sig.sig, m.declines));
        }
        out.insert(
            c.name.clone(),
            XClass {
                module: module.to_string(),
                name: c.name.clone(),
                base,
                fields,
                weakrefs,
                frozen: fz,
                methods,
                bare_init,
                layout: fnv1a(&text),
            },
        );
    }
    out
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

/// Where a name is looked up: run-time code sees the module's imports; annotations
/// also see those under `if TYPE_CHECKING:` (`SemModule::type_imports`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    AtRunTime,
    InAnnotation,
}

fn import_of<'s>(sem: &'s SemModule<'_>, name: &str, seen: Seen) -> Option<&'s ImportBinding> {
    sem.imports.get(name).or_else(|| match seen {
        Seen::InAnnotation => sem.type_imports.get(name),
        Seen::AtRunTime => None,
    })
}

/// The module a dotted expression names when it is built from the module's imports:
/// `m` after `import pkg.mod as m`, `pkg.mod` after `import pkg.mod`, `mod` after
/// `from pkg import mod`. `is_global(name)`: the name is a module global there.
fn module_of(
    sem: &SemModule<'_>,
    externs: &Externs<'_>,
    e: &ast::Expr,
    is_global: &dyn Fn(&str) -> bool,
    seen: Seen,
) -> Option<String> {
    match &e.kind {
        ExprKind::Name(n) if is_global(n) => match import_of(sem, n, seen)? {
            ImportBinding::Module(m) => Some(m.clone()),
            b @ ImportBinding::From { name, .. } => {
                let base = b.source_module(externs.current, externs.is_package)?;
                Some(format!("{base}.{name}"))
            }
        },
        ExprKind::Attribute { value, attr } => {
            let base = module_of(sem, externs, value, is_global, seen)?;
            Some(format!("{base}.{}", attr.name))
        }
        _ => None,
    }
}

/// The module and name that `e` names through this module's imports: `f` after
/// `from pkg.mod import f`, `m.f` after `import pkg.mod as m`.
fn imported_name(
    sem: &SemModule<'_>,
    externs: &Externs<'_>,
    e: &ast::Expr,
    is_global: &dyn Fn(&str) -> bool,
    seen: Seen,
) -> Option<(String, String)> {
    let (module, name) = match &e.kind {
        ExprKind::Name(n) if is_global(n) => match import_of(sem, n, seen)? {
            b @ ImportBinding::From { name, .. } => (
                b.source_module(externs.current, externs.is_package)?,
                name.clone(),
            ),
            ImportBinding::Module(_) => return None,
        },
        ExprKind::Attribute { value, attr } => (
            module_of(sem, externs, value, is_global, seen)?,
            attr.name.clone(),
        ),
        _ => return None,
    };
    (module != externs.current).then_some((module, name))
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
    let (module, name) = imported_name(sem, externs, func, is_global, Seen::AtRunTime)?;
    externs.modules?.get(&module)?.functions.get(&name)
}

/// The native class of another compiled module that `e` (a callee, an `isinstance`
/// argument: run-time code) names through this module's imports.
pub fn class_named<'x>(
    sem: &SemModule<'_>,
    externs: &Externs<'x>,
    e: &ast::Expr,
    is_global: &dyn Fn(&str) -> bool,
) -> Option<&'x XClass> {
    class_seen(sem, externs, e, is_global, Seen::AtRunTime)
}

/// The native class of another compiled module that the annotation `e` names, also
/// through imports under `if TYPE_CHECKING:` (which type checkers see and the
/// interpreter never runs: the class is recognised by its instances' type).
pub fn annotation_class<'x>(
    sem: &SemModule<'_>,
    externs: &Externs<'x>,
    e: &ast::Expr,
    is_global: &dyn Fn(&str) -> bool,
) -> Option<&'x XClass> {
    class_seen(sem, externs, e, is_global, Seen::InAnnotation)
}

fn class_seen<'x>(
    sem: &SemModule<'_>,
    externs: &Externs<'x>,
    e: &ast::Expr,
    is_global: &dyn Fn(&str) -> bool,
    seen: Seen,
) -> Option<&'x XClass> {
    let (module, name) = imported_name(sem, externs, e, is_global, seen)?;
    externs.modules?.get(&module)?.classes.get(&name)
}

/// The keyword names of a call, None when one is `**mapping`.
pub fn keyword_names(keywords: &[Keyword]) -> Option<Vec<&str>> {
    keywords
        .iter()
        .map(|k| k.arg.as_ref().map(|a| a.name.as_str()))
        .collect()
}
