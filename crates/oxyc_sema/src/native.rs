//! Which compiled classes become native classes: a C struct with typed fields instead
//! of an instance `__dict__`.
//!
//! A class is native when its layout can be known statically: no metaclass keyword, no
//! class decorators (a decorator may replace or rebuild the class), at most one base
//! and that base an earlier native class, `Generic[...]` or `object`, no `__new__`,
//! `__dict__`, `__weakref__` or attribute hooks of its own, `__slots__` only as a
//! literal list of names, and no class attribute that is also an instance attribute.
//! Its fields are its slots, or else the class-level annotations without a value and
//! the attributes its methods assign through their first parameter (`self.x = ...`),
//! in order of first appearance, after the fields of its base.

use indexmap::{IndexMap, IndexSet};
use oxyc_syntax::ast::{self, ClassDef, Expr, ExprKind, Stmt, StmtKind};

/// A native class.
#[derive(Debug, Clone)]
pub struct NativeClass {
    /// Index of the class statement in the module body.
    pub stmt_index: usize,
    pub name: String,
    /// Index of the native base class in `SemModule::native`.
    pub base: Option<usize>,
    /// Fields this class adds (its base's come first), with their declared
    /// annotation, if any.
    pub fields: IndexMap<String, Option<Expr>>,
    /// Names its body binds (methods and class attributes).
    pub class_attrs: IndexSet<String>,
    /// Names its body binds more than once (`n = deco(n)` after `def n`): compiled
    /// callers must not take such a name for the `def`.
    pub rebound: IndexSet<String>,
    /// Names its body binds to properties (`self.p = v` runs the setter).
    pub properties: IndexSet<String>,
    /// Decorated with `@dataclass`: its fields are hidden while the decorator runs
    /// (so that it sees the class-level defaults) and the methods the decorator adds
    /// count as class attributes.
    pub dataclass: bool,
    /// `@dataclass(frozen=True)`: stores to the fields of its family go through
    /// `__setattr__` (which raises FrozenInstanceError), never straight to the struct.
    pub frozen: bool,
    /// Instances take weak references: no literal `__slots__` in the class or its
    /// native bases (such a class has no `__weakref__`, as in CPython).
    pub weakrefs: bool,
    /// The class body has a literal `__slots__`: its own fields are slots in CPython
    /// (deleting an unset one raises AttributeError with just the name).
    pub slotted: bool,
    /// An abstract base class (`ABC`, `metaclass=ABCMeta`, or a native base that is).
    pub abc: bool,
    /// Its fields that nothing in the module stores (declared by a bare annotation,
    /// provided by subclasses elsewhere as class attributes or properties, or by
    /// other code): compiled reads of them take the ordinary lookup unless the
    /// instance's class is one of the module's native classes.
    pub unstored: IndexSet<String>,
    /// Its base is a class defined in Python (`ABC`, `Generic[T]`), or its native
    /// base's is: such bases are cycle-collected types, and a type derived from one
    /// is one too, so its instances must be allocated and freed as GC objects.
    pub python_base: bool,
}

/// Is class `c` an ABC: `metaclass=ABCMeta`, an `ABC` base, or a native ABC base?
fn is_abc_class(
    c: &ClassDef,
    earlier: &[NativeClass],
    bound_once: &dyn Fn(&str) -> bool,
    imports: ModuleImports,
) -> bool {
    c.keywords.iter().any(|k| {
        k.arg.as_ref().is_some_and(|a| a.name == "metaclass")
            && is_abcmeta(&k.value, imports, bound_once)
    }) || c.bases.first().is_some_and(|b| {
        is_abc_base(b, imports, bound_once)
            || matches!(&b.kind, ExprKind::Name(n) if earlier.iter().any(|k| &k.name == n && k.abc))
    })
}

/// Is the class decorated with `@dataclass(..., frozen=True, ...)`?
fn is_frozen_dataclass(c: &ClassDef) -> bool {
    c.decorators.iter().any(|d| {
        looks_like_dataclass(d)
            && matches!(&d.kind, ExprKind::Call { keywords, .. } if keywords.iter().any(|k| {
                k.arg.as_ref().is_some_and(|a| a.name == "frozen")
                    && matches!(k.value.kind, ExprKind::Bool(true))
            }))
    })
}

/// How the module imported the names native classes may use: `dataclasses.dataclass`,
/// `abc.ABC` and `abc.ABCMeta`.
#[derive(Default, Clone, Copy)]
pub struct ModuleImports {
    /// `from dataclasses import dataclass`
    pub bare: bool,
    /// `import dataclasses`
    pub module: bool,
    /// `from abc import ABC`
    pub abc: bool,
    /// `from abc import ABCMeta`
    pub abcmeta: bool,
    /// `import abc`
    pub abc_module: bool,
}

pub fn module_imports(module: &ast::Module) -> ModuleImports {
    let mut out = ModuleImports::default();
    for s in &module.body {
        if let StmtKind::ImportFrom {
            module: Some(m),
            names,
            level: 0,
        } = &s.kind
            && m == "abc"
        {
            for a in names.iter().filter(|a| a.asname.is_none()) {
                out.abc |= a.name == "ABC";
                out.abcmeta |= a.name == "ABCMeta";
            }
        }
        if let StmtKind::Import(aliases) = &s.kind
            && aliases
                .iter()
                .any(|a| a.name == "abc" && a.asname.is_none())
        {
            out.abc_module = true;
        }
        match &s.kind {
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                level: 0,
            } if m == "dataclasses"
                && names
                    .iter()
                    .any(|a| a.name == "dataclass" && a.asname.is_none()) =>
            {
                out.bare = true;
            }
            StmtKind::Import(aliases)
                if aliases
                    .iter()
                    .any(|a| a.name == "dataclasses" && a.asname.is_none()) =>
            {
                out.module = true;
            }
            _ => {}
        }
    }
    out
}

/// The methods `@dataclass` may add to a class.
pub const DATACLASS_METHODS: &[&str] = &[
    "__init__",
    "__repr__",
    "__eq__",
    "__hash__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__match_args__",
    "__dataclass_fields__",
    "__dataclass_params__",
];

/// Does the decorator look like `dataclass` (bare, called, or `dataclasses.dataclass`)?
fn looks_like_dataclass(d: &Expr) -> bool {
    let callee = match &d.kind {
        ExprKind::Call { func, .. } => func.as_ref(),
        _ => d,
    };
    match &callee.kind {
        ExprKind::Name(n) => n == "dataclass",
        ExprKind::Attribute { value, attr } => {
            attr.name == "dataclass"
                && matches!(&value.kind, ExprKind::Name(m) if m == "dataclasses")
        }
        _ => false,
    }
}

fn is_dataclass_syntax(c: &ClassDef) -> bool {
    c.decorators.iter().any(looks_like_dataclass)
}

/// `@dataclass` / `@dataclass(...)` / `@dataclasses.dataclass(...)` that a native
/// class can take: Ok, or Err(why not). None: not the dataclass decorator.
fn dataclass_decorator(
    d: &Expr,
    names: ModuleImports,
    bound_once: &dyn Fn(&str) -> bool,
) -> Option<Result<(), String>> {
    let (callee, args, keywords) = match &d.kind {
        ExprKind::Call {
            func,
            args,
            keywords,
        } => (func.as_ref(), args.as_slice(), keywords.as_slice()),
        _ => (d, &[][..], &[][..]),
    };
    let known = match &callee.kind {
        ExprKind::Name(n) => n == "dataclass" && names.bare && bound_once("dataclass"),
        ExprKind::Attribute { value, attr } => {
            attr.name == "dataclass"
                && matches!(&value.kind, ExprKind::Name(m) if m == "dataclasses")
                && names.module
                && bound_once("dataclasses")
        }
        _ => false,
    };
    if !known {
        return None;
    }
    if !args.is_empty() {
        return Some(Err("its `@dataclass` has positional arguments".into()));
    }
    for k in keywords {
        let Some(arg) = &k.arg else {
            return Some(Err("its `@dataclass` takes `**` arguments".into()));
        };
        let ExprKind::Bool(on) = &k.value.kind else {
            return Some(Err(format!(
                "`@dataclass({}=...)` is not a literal True or False",
                arg.name
            )));
        };
        match arg.name.as_str() {
            // slots=True makes a new class. (Frozen classes are fine: compiled code
            // stores their fields through __setattr__, see `NativeClass::frozen`.)
            "slots" | "weakref_slot" if *on => {
                return Some(Err(format!("it is a `@dataclass({}=True)`", arg.name)));
            }
            "init" | "repr" | "eq" | "order" | "unsafe_hash" | "frozen" | "match_args"
            | "kw_only" | "slots" | "weakref_slot" => {}
            other => return Some(Err(format!("its `@dataclass` takes `{other}`"))),
        }
    }
    Some(Ok(()))
}

/// An annotation that declares no instance field of a dataclass.
fn is_dataclass_pseudo_field(annotation: &Expr) -> bool {
    let head = match &annotation.kind {
        ExprKind::Subscript { value, .. } => value.as_ref(),
        _ => annotation,
    };
    match &head.kind {
        ExprKind::Name(n) => n == "InitVar" || n == "KW_ONLY",
        ExprKind::Attribute { attr, .. } => attr.name == "InitVar" || attr.name == "KW_ONLY",
        _ => false,
    }
}

/// Names a class body binds with `@property` (or `@p.setter`/`.getter`/`.deleter`):
/// data descriptors, whose stores run code instead of storing a field. (Also
/// `cached_property`, though a class using it is never native.)
pub fn property_names(body: &[Stmt]) -> IndexSet<String> {
    let mut out = IndexSet::new();
    for s in body {
        if let StmtKind::FunctionDef(f) = &s.kind
            && f.decorators.iter().any(|d| match &d.kind {
                ExprKind::Name(n) => n == "property" || n == "cached_property",
                ExprKind::Attribute { attr, .. } => matches!(
                    attr.name.as_str(),
                    "setter" | "getter" | "deleter" | "cached_property"
                ),
                _ => false,
            })
        {
            out.insert(f.name.name.clone());
        }
    }
    out
}

/// `functools.cached_property` stores into the instance `__dict__`.
fn uses_cached_property(body: &[Stmt]) -> bool {
    body.iter().any(|s| {
        matches!(&s.kind, StmtKind::FunctionDef(f) if f.decorators.iter().any(|d| match &d.kind {
            ExprKind::Name(n) => n == "cached_property",
            ExprKind::Attribute { attr, .. } => attr.name == "cached_property",
            _ => false,
        }))
    })
}

/// Names a class body binds in the class namespace.
pub fn bound_names_in_class(body: &[Stmt]) -> IndexSet<String> {
    let mut out = IndexSet::new();
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(d) => {
                out.insert(d.name.name.clone());
            }
            StmtKind::ClassDef(c) => {
                out.insert(c.name.name.clone());
            }
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    if let ExprKind::Name(n) = &t.kind {
                        out.insert(n.clone());
                    }
                }
            }
            StmtKind::AnnAssign {
                target,
                value: Some(_),
                ..
            } => {
                if let ExprKind::Name(n) = &target.kind {
                    out.insert(n.clone());
                }
            }
            _ => {}
        }
    }
    out
}

/// Why a compiled class is not native (None when it is).
pub fn not_native(
    c: &ClassDef,
    earlier: &[NativeClass],
    bound_once: &dyn Fn(&str) -> bool,
    imports: ModuleImports,
) -> Option<String> {
    // `metaclass=ABCMeta` is the one class keyword a native class takes (the runtime
    // makes the class an ABCMeta instance, as `class C(ABC)` does).
    match c.keywords.as_slice() {
        [] => {}
        [k] if k.arg.as_ref().is_some_and(|a| a.name == "metaclass")
            && is_abcmeta(&k.value, imports, bound_once) => {}
        _ => return Some("it has class keywords (a metaclass)".into()),
    }
    let dataclass = match c.decorators.as_slice() {
        [] => false,
        [d] => match dataclass_decorator(d, imports, bound_once) {
            Some(Ok(())) => true,
            Some(Err(why)) => return Some(why),
            None => return Some("it has a class decorator".into()),
        },
        _ => return Some("it has more than one class decorator".into()),
    };

    // A dataclass field's default is a class attribute only until the decorator ran.
    let defaults = if dataclass {
        dataclass_defaults(c)
    } else {
        IndexSet::new()
    };
    if c.bases.len() > 1 {
        return Some("it has more than one base class".into());
    }
    if let Some(b) = c.bases.first() {
        match &b.kind {
            ExprKind::Name(n) if n == "object" => {}
            // `Generic[T]` adds no layout (typing.Generic has empty __slots__); nor
            // does `ABC`.
            _ if is_generic_base(b) => {}
            _ if is_abc_base(b, imports, bound_once) => {}
            ExprKind::Name(n) if earlier.iter().any(|k| &k.name == n) && bound_once(n) => {}
            _ => return Some("its base class is not a native class".into()),
        }
    }
    let class_names = bound_names_in_class(&c.body);
    // (Names bound inside loops and conditions of the body are not followed.)
    if c.body.iter().any(|s| {
        !matches!(
            s.kind,
            StmtKind::FunctionDef(_)
                | StmtKind::ClassDef(_)
                | StmtKind::Assign { .. }
                | StmtKind::AnnAssign { .. }
                | StmtKind::Expr(_)
                | StmtKind::Pass
        )
    }) {
        return Some("its body runs statements other than definitions and assignments".into());
    }
    // (A native instance has a `__dict__`, but a cached value that refers back to
    // it, `[self.run]`, would make a cycle that the collector does not see while the
    // instance is untracked, or at all in a class that is not a GC type.)
    if uses_cached_property(&c.body) {
        return Some(
            "it uses `cached_property`, whose cached values the cycle collector must see".into(),
        );
    }
    match literal_slots(c) {
        Some(None) => return Some("its `__slots__` is not a literal list of names".into()),
        Some(Some(names)) if names.iter().any(|n| n == "__dict__" || n == "__weakref__") => {
            return Some("its `__slots__` asks for `__dict__` or `__weakref__`".into());
        }
        _ => {}
    }
    for special in [
        "__new__",
        "__dict__",
        "__weakref__",
        "__class_getitem__",
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__class__",
    ] {
        if class_names.contains(special) {
            return Some(format!("it defines `{special}`"));
        }
    }
    let fields = own_fields(c);
    let base = c.bases.first().and_then(|b| match &b.kind {
        ExprKind::Name(n) => earlier.iter().position(|k| &k.name == n),
        _ => None,
    });
    for f in fields.keys() {
        // A field is a descriptor on the type, where the interpreter looks special
        // methods up (`with`, operators); an instance attribute never counts there.
        if f.len() > 4 && f.starts_with("__") && f.ends_with("__") {
            return Some(format!(
                "instance attribute `{f}` has a special-method name"
            ));
        }
        if class_names.contains(f) && !defaults.contains(f) {
            return Some(format!(
                "`{f}` is both a class attribute and an instance attribute"
            ));
        }
        let mut b = base;
        while let Some(bi) = b {
            if earlier[bi].class_attrs.contains(f) && !earlier[bi].properties.contains(f) {
                return Some(format!("`{f}` is a class attribute of its base class"));
            }
            b = earlier[bi].base;
        }
    }
    // Under a base whose `__slots__` gave it no weak references, CPython gives a
    // class without `__slots__` both `__dict__` and `__weakref__`: keep it ordinary.
    if literal_slots(c).is_none()
        && let Some(bi) = base
        && !earlier[bi].weakrefs
    {
        return Some("its base class has `__slots__` without `__weakref__`".into());
    }
    // A class attribute may not hide a field of a base class either (a dataclass may
    // give an inherited field a new default: the runtime removes it once the
    // decorator has read it).
    let mut b = base;
    while let Some(bi) = b {
        if let Some(n) = class_names
            .iter()
            .find(|n| earlier[bi].fields.contains_key(*n) && !defaults.contains(*n))
        {
            return Some(format!(
                "`{n}` hides an instance attribute of its base class"
            ));
        }
        b = earlier[bi].base;
    }
    None
}

/// `ABC` (or `abc.ABC`) as imported by the module: adds no layout, only its metaclass.
fn is_abc_base(e: &Expr, names: ModuleImports, bound_once: &dyn Fn(&str) -> bool) -> bool {
    match &e.kind {
        ExprKind::Name(n) => n == "ABC" && names.abc && bound_once("ABC"),
        ExprKind::Attribute { value, attr } => {
            attr.name == "ABC"
                && matches!(&value.kind, ExprKind::Name(m) if m == "abc")
                && names.abc_module
                && bound_once("abc")
        }
        _ => false,
    }
}

/// `ABCMeta` (or `abc.ABCMeta`) as imported by the module.
fn is_abcmeta(e: &Expr, names: ModuleImports, bound_once: &dyn Fn(&str) -> bool) -> bool {
    match &e.kind {
        ExprKind::Name(n) => n == "ABCMeta" && names.abcmeta && bound_once("ABCMeta"),
        ExprKind::Attribute { value, attr } => {
            attr.name == "ABCMeta"
                && matches!(&value.kind, ExprKind::Name(m) if m == "abc")
                && names.abc_module
                && bound_once("abc")
        }
        _ => false,
    }
}

/// A base that adds nothing to the instance layout, whatever else is combined with
/// it: `object`, `ABC`, `Generic[...]`, `Protocol` (by name; a base rebound to
/// something else is at worst taken for one of these).
fn adds_no_layout(e: &Expr) -> bool {
    let head = match &e.kind {
        ExprKind::Subscript { value, .. } => value.as_ref(),
        _ => e,
    };
    let name = match &head.kind {
        ExprKind::Name(n) => n.as_str(),
        ExprKind::Attribute { attr, .. } => attr.name.as_str(),
        _ => return false,
    };
    matches!(name, "object" | "ABC" | "Generic" | "Protocol")
}

/// `Generic[...]` (or `typing.Generic[...]`).
pub fn is_generic_base(e: &Expr) -> bool {
    let ExprKind::Subscript { value, .. } = &e.kind else {
        return false;
    };
    match &value.kind {
        ExprKind::Name(n) => n == "Generic",
        ExprKind::Attribute { attr, .. } => attr.name == "Generic",
        _ => false,
    }
}

/// The fields a class adds: bare class-level annotations, then `self.x` stores in its
/// methods, in order of first appearance.
/// `__slots__` of a class: None without one, Some(None) when it is not a literal
/// string or sequence of strings, else the names.
fn literal_slots(c: &ClassDef) -> Option<Option<Vec<String>>> {
    let mut found = None;
    for s in &c.body {
        let value = match &s.kind {
            StmtKind::Assign { targets, value }
                if targets
                    .iter()
                    .any(|t| matches!(&t.kind, ExprKind::Name(n) if n == "__slots__")) =>
            {
                value
            }
            StmtKind::AnnAssign {
                target,
                value: Some(value),
                ..
            } if matches!(&target.kind, ExprKind::Name(n) if n == "__slots__") => value,
            _ => continue,
        };
        // (type() mangles private slot names, as the compiler does the names the
        // methods use.)
        let slot = |n: &str| oxyc_syntax::mangle::mangle(n, &c.name.name);
        let names = match &value.kind {
            ExprKind::Str(one) => Some(vec![slot(one)]),
            ExprKind::Tuple(items) | ExprKind::List(items) => items
                .iter()
                .map(|i| match &i.kind {
                    ExprKind::Str(n) => Some(slot(n)),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        // Bound twice: not a literal declaration.
        found = Some(if found.is_some() { None } else { names });
    }
    found
}

/// The fields of a dataclass that have a class-level default (`x: int = 0`).
fn dataclass_defaults(c: &ClassDef) -> IndexSet<String> {
    c.body
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::AnnAssign {
                target,
                annotation,
                value: Some(_),
                ..
            } if !is_classvar(annotation) && !is_dataclass_pseudo_field(annotation) => {
                match &target.kind {
                    ExprKind::Name(n) => Some(n.clone()),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect()
}

pub fn own_fields(c: &ClassDef) -> IndexMap<String, Option<Expr>> {
    let declared = declared_fields(c);
    // With `__slots__`, exactly the slots are fields (a store to anything else raises
    // AttributeError, as with the interpreter).
    match literal_slots(c) {
        Some(Some(names)) => names
            .into_iter()
            .map(|n| {
                let ann = declared.get(&n).cloned().flatten();
                (n, ann)
            })
            .collect(),
        _ => declared,
    }
}

/// Bare class-level annotations, then `self.x` stores in the methods.
fn declared_fields(c: &ClassDef) -> IndexMap<String, Option<Expr>> {
    let mut out: IndexMap<String, Option<Expr>> = IndexMap::new();
    let properties = property_names(&c.body);
    let dataclass = is_dataclass_syntax(c);
    for s in &c.body {
        if let StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } = &s.kind
            && let ExprKind::Name(n) = &target.kind
            && !is_classvar(annotation)
            && !(dataclass && is_dataclass_pseudo_field(annotation))
            && (value.is_none() || dataclass)
        {
            // `x: C = None` in a dataclass declares an optional field, as a parameter
            // with a None default does.
            let ann = match value.as_ref().map(|v| &v.kind) {
                Some(ExprKind::NoneLit) => Expr {
                    id: annotation.id,
                    span: annotation.span,
                    kind: ExprKind::BinOp {
                        left: Box::new(annotation.clone()),
                        op: ast::BinOp::BitOr,
                        right: Box::new(Expr {
                            id: annotation.id,
                            span: annotation.span,
                            kind: ExprKind::NoneLit,
                        }),
                    },
                },
                _ => annotation.clone(),
            };
            out.entry(n.clone()).or_insert_with(|| Some(ann));
        }
    }
    for s in &c.body {
        let StmtKind::FunctionDef(f) = &s.kind else {
            continue;
        };
        if crate::is_implicit_classlevel(&f.name.name)
            || f.decorators.iter().any(|d| {
                matches!(&d.kind, ExprKind::Name(n) if n == "staticmethod" || n == "classmethod")
            })
        {
            continue;
        }
        let Some(first) = f.params.positional().next() else {
            continue;
        };
        self_stores(&f.body, &first.name.name, &mut out);
    }
    out.retain(|n, _| !properties.contains(n));
    out
}

/// The kinds of literal stored into each attribute name anywhere in the module
/// (`x.n = 0`: "int"; "float", "str", "bool", "None"; "other" for other literals).
fn literal_attr_stores(module: &ast::Module) -> IndexMap<String, IndexSet<&'static str>> {
    fn kind(e: &Expr) -> Option<&'static str> {
        Some(match &e.kind {
            ExprKind::Int(_) => "int",
            ExprKind::Float(_) => "float",
            ExprKind::Str(_) => "str",
            ExprKind::Bool(_) => "bool",
            ExprKind::NoneLit => "None",
            ExprKind::Bytes(_)
            | ExprKind::Complex(_)
            | ExprKind::List(_)
            | ExprKind::Dict { .. } => "other",
            _ => return None,
        })
    }
    fn walk(body: &[Stmt], out: &mut IndexMap<String, IndexSet<&'static str>>) {
        for s in body {
            if let StmtKind::Assign { targets, value } = &s.kind {
                for t in targets {
                    if let ExprKind::Attribute { attr, .. } = &t.kind
                        && let Some(k) = kind(value)
                    {
                        out.entry(attr.name.clone()).or_default().insert(k);
                    }
                }
            }
            match &s.kind {
                StmtKind::FunctionDef(f) => walk(&f.body, out),
                StmtKind::ClassDef(c) => walk(&c.body, out),
                _ => crate::support::each_child(s, &mut |c| {
                    if let crate::support::Child::Stmt(inner) = c {
                        walk(std::slice::from_ref(inner), out);
                    }
                }),
            }
        }
    }
    let mut out = IndexMap::new();
    walk(&module.body, &mut out);
    out
}

/// Names any class body of the module binds (class attributes, methods,
/// properties), at any depth.
fn class_level_names(module: &ast::Module) -> IndexSet<String> {
    fn walk(body: &[Stmt], in_class: bool, out: &mut IndexSet<String>) {
        for s in body {
            match &s.kind {
                StmtKind::ClassDef(c) => {
                    if in_class {
                        out.insert(c.name.name.clone());
                    }
                    walk(&c.body, true, out);
                }
                StmtKind::FunctionDef(f) => {
                    if in_class {
                        out.insert(f.name.name.clone());
                    }
                    walk(&f.body, false, out);
                }
                StmtKind::Assign { targets, .. } if in_class => {
                    for t in targets {
                        if let ExprKind::Name(n) = &t.kind {
                            out.insert(n.clone());
                        }
                    }
                }
                StmtKind::AnnAssign { target, .. } if in_class => {
                    if let ExprKind::Name(n) = &target.kind {
                        out.insert(n.clone());
                    }
                }
                _ => crate::support::each_child(s, &mut |c| {
                    if let crate::support::Child::Stmt(inner) = c {
                        walk(std::slice::from_ref(inner), in_class, out);
                    }
                }),
            }
        }
    }
    let mut out = IndexSet::new();
    walk(&module.body, false, &mut out);
    out
}

/// A field without an annotation takes the type of what `__init__` first stores in
/// it, when that is plain — a literal (`self.n = 0`) or an annotated parameter
/// (`self.items = items`) — as mypy infers it; unless the module stores a literal of
/// another kind into an attribute of that name anywhere (a deliberately dynamic
/// field), or a class body of the module binds the name (a class attribute or
/// property, in this class or a subclass, that reads of the field must see). Only in
/// an `__init__` with an annotation, as mypy: the attributes an unannotated one
/// stores are of any type (dateutil's `relativedelta` stores `self.days = 0` on one
/// path and `days + weeks * 7`, a float when `days` is one, on another).
fn infer_field_types(
    c: &ClassDef,
    out: &mut IndexMap<String, Option<Expr>>,
    literals: &IndexMap<String, IndexSet<&'static str>>,
    class_level: &IndexSet<String>,
) {
    let Some(init) = c.body.iter().find_map(|s| match &s.kind {
        StmtKind::FunctionDef(f) if f.name.name == "__init__" && f.decorators.is_empty() => Some(f),
        _ => None,
    }) else {
        return;
    };
    if init.returns.is_none() && init.params.all().all(|p| p.annotation.is_none()) {
        return;
    }
    let Some(me) = init.params.positional().next() else {
        return;
    };
    let mut seen: IndexSet<String> = IndexSet::new();
    init_stores(&init.body, &me.name.name, &mut |field, value| {
        // Only the first store counts.
        if !seen.insert(field.to_string()) || class_level.contains(field) {
            return;
        }
        let Some(value) = value else {
            return;
        };
        let Some(slot) = out.get_mut(field) else {
            return;
        };
        if slot.is_some() {
            return;
        }
        let named = |name: &str| Expr {
            id: value.id,
            span: value.span,
            kind: ExprKind::Name(name.to_string()),
        };
        let stored = literals.get(field);
        // Every literal stored under this name is of this kind.
        let only = |k: &str| stored.is_none_or(|set| set.iter().all(|s| *s == k));
        *slot = match &value.kind {
            ExprKind::Int(_) if only("int") => Some(named("int")),
            ExprKind::Float(_) if only("float") => Some(named("float")),
            ExprKind::Str(_) if only("str") => Some(named("str")),
            ExprKind::Bool(_) if only("bool") => Some(named("bool")),
            ExprKind::Name(n) => init
                .params
                .all()
                .find(|p| &p.name.name == n)
                .filter(|p| !matches!(p.default.as_ref().map(|d| &d.kind), Some(ExprKind::NoneLit)))
                .filter(|p| !params_collect(init, p))
                .and_then(|p| p.annotation.clone())
                .filter(|a| match &a.kind {
                    ExprKind::Name(t) => only(t),
                    _ => stored.is_none(),
                }),
            _ => None,
        };
    });
}

/// `*args` / `**kwargs` (their annotations name the items).
fn params_collect(f: &ast::FunctionDef, p: &ast::Param) -> bool {
    f.params.vararg.as_ref().is_some_and(|v| std::ptr::eq(v, p))
        || f.params.kwarg.as_ref().is_some_and(|v| std::ptr::eq(v, p))
}

/// Every `me.field = value` (a single target) in these statements, in order; a
/// store anywhere else to a field (a tuple target, `+=`, a loop) counts as a first
/// store of unknown type.
fn init_stores<'e>(body: &'e [Stmt], me: &str, f: &mut dyn FnMut(&str, Option<&'e Expr>)) {
    let field = |t: &'e Expr| match &t.kind {
        ExprKind::Attribute { value: obj, attr } if matches!(&obj.kind, ExprKind::Name(n) if n == me) => {
            Some(attr.name.as_str())
        }
        _ => None,
    };
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, value } if targets.len() == 1 => {
                if let Some(name) = field(&targets[0]) {
                    f(name, Some(value));
                } else {
                    each_target(&targets[0], &mut |t| {
                        if let Some(name) = field(t) {
                            f(name, None);
                        }
                    });
                }
            }
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    each_target(t, &mut |t| {
                        if let Some(name) = field(t) {
                            f(name, None);
                        }
                    });
                }
            }
            StmtKind::AugAssign { target, .. } | StmtKind::For { target, .. } => {
                each_target(target, &mut |t| {
                    if let Some(name) = field(t) {
                        f(name, None);
                    }
                });
            }
            StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => continue,
            _ => {}
        }
        crate::support::each_child(s, &mut |c| {
            if let crate::support::Child::Stmt(inner) = c {
                init_stores(std::slice::from_ref(inner), me, f);
            }
        });
    }
}

fn is_classvar(annotation: &Expr) -> bool {
    let head = match &annotation.kind {
        ExprKind::Subscript { value, .. } => value.as_ref(),
        _ => annotation,
    };
    match &head.kind {
        ExprKind::Name(n) => n == "ClassVar",
        ExprKind::Attribute { attr, .. } => attr.name == "ClassVar",
        _ => false,
    }
}

/// The attribute names the instance methods of `c` store through their first
/// parameter (`self.x = v`, `self.x += v`, `for self.x in ...`, `setattr(self, "x",
/// v)` counts through `Dynamic::external`).
fn self_stored_names(c: &ClassDef) -> IndexSet<String> {
    let mut out: IndexMap<String, Option<Expr>> = IndexMap::new();
    for s in &c.body {
        let StmtKind::FunctionDef(f) = &s.kind else {
            continue;
        };
        if let Some(first) = f.params.positional().next() {
            self_stores(&f.body, &first.name.name, &mut out);
        }
    }
    out.into_keys().collect()
}

/// The attribute names the module may store on an instance of class `name`: from
/// outside any class's methods (`external`), and through the first parameter of the
/// methods of the class, of its bases and of the classes deriving from it.
fn stored_for(
    name: &str,
    external: &IndexSet<String>,
    self_stored: &IndexMap<String, IndexSet<String>>,
    parent: &IndexMap<String, String>,
) -> IndexSet<String> {
    let chain = |c: &str| {
        let mut out = vec![c.to_string()];
        let mut cur = c.to_string();
        while let Some(p) = parent.get(&cur) {
            if out.iter().any(|o| o == p) {
                break;
            }
            out.push(p.clone());
            cur = p.clone();
        }
        out
    };
    let mine = chain(name);
    let mut stored = external.clone();
    for (cls, names) in self_stored {
        // (A relative: one of its ancestors, or a class deriving from it.)
        if mine.iter().any(|m| m == cls) || chain(cls).iter().any(|a| a == name) {
            stored.extend(names.iter().cloned());
        }
    }
    stored
}

/// Calls `f` on every class statement of `body`, at any depth.
fn walk_classes(body: &[Stmt], f: &mut dyn FnMut(&ClassDef)) {
    for s in body {
        if let StmtKind::ClassDef(c) = &s.kind {
            f(c);
        }
        crate::support::each_child(s, &mut |ch| {
            if let crate::support::Child::Stmt(inner) = ch {
                walk_classes(std::slice::from_ref(inner), f);
            }
        });
    }
}

fn self_stores(body: &[Stmt], me: &str, out: &mut IndexMap<String, Option<Expr>>) {
    let record = |t: &Expr, ann: Option<&Expr>, out: &mut IndexMap<String, Option<Expr>>| {
        if let ExprKind::Attribute { value, attr } = &t.kind
            && matches!(&value.kind, ExprKind::Name(n) if n == me)
        {
            let slot = out.entry(attr.name.clone()).or_insert(None);
            if slot.is_none() {
                *slot = ann.cloned();
            }
        }
    };
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    each_target(t, &mut |t| record(t, None, out));
                }
            }
            StmtKind::AnnAssign {
                target, annotation, ..
            } => record(target, Some(annotation), out),
            StmtKind::AugAssign { target, .. } => record(target, None, out),
            StmtKind::For { target, .. } => each_target(target, &mut |t| record(t, None, out)),
            StmtKind::With { items, .. } => {
                for v in items.iter().filter_map(|i| i.optional_vars.as_ref()) {
                    each_target(v, &mut |t| record(t, None, out));
                }
            }
            _ => {}
        }
        crate::support::each_child(s, &mut |c| {
            if let crate::support::Child::Stmt(inner) = c {
                self_stores(std::slice::from_ref(inner), me, out);
            }
        });
    }
}

fn each_target<'e>(t: &'e Expr, f: &mut dyn FnMut(&'e Expr)) {
    match &t.kind {
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for i in items {
                each_target(i, f);
            }
        }
        ExprKind::Starred(inner) => each_target(inner, f),
        _ => f(t),
    }
}

/// Attribute use in the module that native layouts cannot follow.
#[derive(Default)]
struct Dynamic {
    /// `__dict__`, `vars()`, `__class__` assignment, `setattr` with a computed name...
    everything: Option<String>,
    /// Attribute names stored from outside the owning class's own methods (`obj.n = v`,
    /// `setattr(obj, "n", v)`, `del obj.n`), excluding stores through a method's
    /// first parameter.
    external: IndexSet<String>,
    /// Attribute names stored on a class (`C.n = v` for a class `C` of the module,
    /// `type(x).n = v`, `x.__class__.n = v`, `cls.n = v` in a classmethod).
    class_stores: IndexSet<String>,
    /// The module-level class names (what `C` in `C.n = v` may be).
    classes: IndexSet<String>,
    /// Every class statement with more than one base that may add to the instance
    /// layout (anywhere in the module): its name, the names among those bases, and
    /// whether one of them is not a plain name (`mod.Base`, a call).
    multi_bases: Vec<(String, Vec<String>, bool)>,
}

/// Where a method's first parameter points: the instance, or (classmethods) the class.
#[derive(Clone, Copy)]
enum Receiver<'a> {
    None,
    Instance(&'a str),
    Class(&'a str),
}

fn scan_dynamic(module: &ast::Module) -> Dynamic {
    let mut d = Dynamic::default();
    for s in &module.body {
        if let StmtKind::ClassDef(c) = &s.kind {
            d.classes.insert(c.name.name.clone());
        }
    }
    fn expr(e: &Expr, d: &mut Dynamic) {
        match &e.kind {
            ExprKind::Attribute { attr, .. } if attr.name == "__dict__" => {
                d.everything
                    .get_or_insert_with(|| "the module uses `__dict__`".into());
            }
            ExprKind::Call { func, args, .. } => {
                if let ExprKind::Name(n) = &func.kind {
                    match n.as_str() {
                        "vars" => {
                            d.everything
                                .get_or_insert_with(|| "the module calls `vars()`".into());
                        }
                        // `type(name, bases, ns)`: like a class statement with those
                        // bases, when they are written out; bases computed at run
                        // time may combine any class of the module with anything.
                        // (`type(*spec)` may be either form.)
                        "type"
                            if args.len() == 1 && matches!(args[0].kind, ExprKind::Starred(_)) =>
                        {
                            d.everything.get_or_insert_with(|| {
                                "the module makes classes with `type(name, bases, namespace)` from bases computed at run time".into()
                            });
                        }
                        "type"
                            if args.len() == 3
                                || args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) =>
                        {
                            match args.get(1).map(|a| &a.kind) {
                                // Bases written out: classes of the module or builtins
                                // (a parameter or local named there is computed).
                                Some(ExprKind::Tuple(items) | ExprKind::List(items))
                                    if items.len() > 1
                                        && !args[..2]
                                            .iter()
                                            .any(|a| matches!(a.kind, ExprKind::Starred(_))) =>
                                {
                                    let names: Vec<String> = items
                                        .iter()
                                        .filter_map(|b| match &b.kind {
                                            ExprKind::Name(n)
                                                if d.classes.contains(n)
                                                    || crate::is_builtin(n) =>
                                            {
                                                Some(n.clone())
                                            }
                                            _ => None,
                                        })
                                        .collect();
                                    let child = match &args[0].kind {
                                        ExprKind::Str(n) => n.clone(),
                                        _ => "made by type()".into(),
                                    };
                                    if names.len() == items.len() {
                                        d.multi_bases.push((child, names, false));
                                    } else {
                                        d.everything.get_or_insert_with(|| {
                                        "the module makes classes with `type(name, bases, namespace)` from bases computed at run time".into()
                                    });
                                    }
                                }
                                Some(ExprKind::Tuple(items) | ExprKind::List(items))
                                    if items.len() <= 1
                                        && !items
                                            .iter()
                                            .any(|b| matches!(b.kind, ExprKind::Starred(_)))
                                        && !args[..2]
                                            .iter()
                                            .any(|a| matches!(a.kind, ExprKind::Starred(_))) => {}
                                _ => {
                                    d.everything.get_or_insert_with(|| {
                                    "the module makes classes with `type(name, bases, namespace)` from bases computed at run time".into()
                                });
                                }
                            }
                        }
                        "setattr" | "delattr" => match args.get(1).map(|a| &a.kind) {
                            Some(ExprKind::Str(name)) => {
                                d.external.insert(name.clone());
                            }
                            _ => {
                                d.everything.get_or_insert_with(|| {
                                    format!("the module calls `{n}()` with a computed name")
                                });
                            }
                        },
                        _ => {}
                    }
                }
                if let ExprKind::Attribute { attr, .. } = &func.kind
                    && (attr.name == "__setattr__" || attr.name == "__delattr__")
                {
                    // `object.__setattr__(obj, "name", v)` (frozen dataclasses do it)
                    // stores one known attribute; anything else may store any.
                    match args.get(1).map(|a| &a.kind) {
                        Some(ExprKind::Str(name)) => {
                            d.external.insert(name.clone());
                        }
                        _ => {
                            d.everything.get_or_insert_with(|| {
                                format!("the module calls `{}` with a computed name", attr.name)
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        crate::support::each_expr_child(e, &mut |c| expr(c, d));
    }
    fn store(t: &Expr, me: Receiver, d: &mut Dynamic) {
        each_target(t, &mut |t| {
            if let ExprKind::Attribute { value, attr } = &t.kind {
                if attr.name == "__class__" {
                    d.everything
                        .get_or_insert_with(|| "the module assigns `__class__`".into());
                }
                let on_class = match &value.kind {
                    ExprKind::Name(n) => {
                        d.classes.contains(n) || matches!(me, Receiver::Class(c) if c == n)
                    }
                    ExprKind::Call { func, args, .. } => {
                        args.len() == 1 && matches!(&func.kind, ExprKind::Name(f) if f == "type")
                    }
                    ExprKind::Attribute { attr, .. } => attr.name == "__class__",
                    _ => false,
                };
                let through_self = matches!((me, &value.kind),
                    (Receiver::Instance(m), ExprKind::Name(n)) if n == m);
                if on_class {
                    d.class_stores.insert(attr.name.clone());
                } else if !through_self {
                    d.external.insert(attr.name.clone());
                }
            }
        });
    }
    fn stmts(body: &[Stmt], me: Receiver, d: &mut Dynamic) {
        for s in body {
            match &s.kind {
                StmtKind::FunctionDef(f) => {
                    // Only a method's first parameter is "self" (see `scan_class`).
                    for p in f.params.all() {
                        if let Some(x) = &p.default {
                            expr(x, d);
                        }
                    }
                    stmts(&f.body, Receiver::None, d);
                    continue;
                }
                StmtKind::ClassDef(c) => {
                    scan_class(c, d);
                    continue;
                }
                StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| store(t, me, d)),
                StmtKind::AnnAssign { target, .. } | StmtKind::AugAssign { target, .. } => {
                    store(target, me, d)
                }
                StmtKind::For { target, .. } => store(target, me, d),
                StmtKind::With { items, .. } => items
                    .iter()
                    .filter_map(|i| i.optional_vars.as_ref())
                    .for_each(|v| store(v, me, d)),
                StmtKind::Delete(targets) => targets.iter().for_each(|t| store(t, me, d)),
                _ => {}
            }
            crate::support::each_child(s, &mut |c| match c {
                crate::support::Child::Stmt(inner) => stmts(std::slice::from_ref(inner), me, d),
                crate::support::Child::Expr(e) | crate::support::Child::Target(e) => expr(e, d),
            });
        }
    }
    fn scan_class(c: &ClassDef, d: &mut Dynamic) {
        for e in c.bases.iter().chain(&c.decorators) {
            expr(e, d);
        }
        let layout: Vec<&Expr> = c.bases.iter().filter(|b| !adds_no_layout(b)).collect();
        if layout.len() > 1 {
            let names = layout.iter().filter_map(|b| match &b.kind {
                ExprKind::Name(n) => Some(n.clone()),
                _ => None,
            });
            let names: Vec<String> = names.collect();
            let other = names.len() < layout.len();
            d.multi_bases.push((c.name.name.clone(), names, other));
        }
        for s in &c.body {
            if let StmtKind::FunctionDef(f) = &s.kind {
                for x in f
                    .decorators
                    .iter()
                    .chain(f.params.all().filter_map(|p| p.default.as_ref()))
                {
                    expr(x, d);
                }
                let class_level = crate::is_implicit_classlevel(&f.name.name)
                    || f.decorators
                        .iter()
                        .any(|d| matches!(&d.kind, ExprKind::Name(n) if n == "classmethod"));
                let static_method = f
                    .decorators
                    .iter()
                    .any(|d| matches!(&d.kind, ExprKind::Name(n) if n == "staticmethod"));
                let me = match f.params.positional().next().map(|p| p.name.name.as_str()) {
                    _ if static_method => Receiver::None,
                    Some(p) if class_level => Receiver::Class(p),
                    Some(p) => Receiver::Instance(p),
                    None => Receiver::None,
                };
                stmts(&f.body, me, d);
            } else {
                stmts(std::slice::from_ref(s), Receiver::None, d);
            }
        }
    }
    stmts(&module.body, Receiver::None, &mut d);
    d
}

/// An attribute that the instance methods of `c` read through their first parameter,
/// that `c`, its native bases (`out`) and its subclasses in the module
/// (`declared_below`) do not declare, and that the module stores on objects from
/// outside a class: `self._policy._now = now` elsewhere gives `c`'s instances an
/// attribute their layout has no room for. None for a class with `__getattr__`.
fn read_but_set_outside(
    c: &ClassDef,
    out: &[NativeClass],
    declared_below: &IndexMap<String, IndexSet<String>>,
    dynamic: &Dynamic,
) -> Option<String> {
    if dynamic.external.is_empty() {
        return None;
    }
    let mut declared = class_attrs_after_decoration(c);
    declared.extend(own_fields(c).into_keys());
    declared.extend(property_names(&c.body));
    let mut b = c.bases.first().and_then(|b| match &b.kind {
        ExprKind::Name(n) => out.iter().position(|k| &k.name == n),
        _ => None,
    });
    while let Some(bi) = b {
        declared.extend(out[bi].fields.keys().cloned());
        declared.extend(out[bi].class_attrs.iter().cloned());
        declared.extend(out[bi].properties.iter().cloned());
        b = out[bi].base;
    }
    if declared.contains("__getattr__") || declared.contains("__getattribute__") {
        return None;
    }
    let below = declared_below.get(&c.name.name);
    self_reads(c).into_iter().find(|n| {
        dynamic.external.contains(n)
            && !declared.contains(n)
            && !below.is_some_and(|b| b.contains(n))
            && !crate::is_implicit_classlevel(n)
            && !n.starts_with("__")
    })
}

/// The module's classes with a field that a class deriving from them in the module
/// hides with a class attribute (`name: str` in the base, `name = "child"` in the
/// subclass): name -> (the field, the subclass). The base's compiled methods would
/// read and write its slot, where the interpreter finds the class attribute.
fn fields_hidden_by_subclasses(module: &ast::Module) -> IndexMap<String, (String, String)> {
    let mut parent: IndexMap<&str, &str> = IndexMap::new();
    let mut fields: IndexMap<&str, IndexSet<String>> = IndexMap::new();
    let mut classes = Vec::new();
    for s in &module.body {
        if let StmtKind::ClassDef(c) = &s.kind {
            if let Some(ExprKind::Name(b)) = c.bases.first().map(|b| &b.kind) {
                parent.insert(&c.name.name, b);
            }
            fields.insert(&c.name.name, own_fields(c).into_keys().collect());
            classes.push(c);
        }
    }
    let mut out = IndexMap::new();
    for c in classes {
        let names = class_attrs_after_decoration(c);
        let mut cur = c.name.name.as_str();
        let mut steps = 0;
        while let Some(&p) = parent.get(cur) {
            if let Some(n) = names
                .iter()
                .find(|n| fields.get(p).is_some_and(|f| f.contains(*n)))
            {
                out.entry(p.to_string())
                    .or_insert_with(|| (n.clone(), c.name.name.clone()));
            }
            cur = p;
            steps += 1;
            if steps > parent.len() {
                break;
            }
        }
    }
    out
}

/// For each class of the module, the attributes (fields and class attributes) that
/// the classes deriving from it in the module declare.
fn declared_by_subclasses(module: &ast::Module) -> IndexMap<String, IndexSet<String>> {
    let mut parent: IndexMap<&str, &str> = IndexMap::new();
    let mut own: IndexMap<&str, IndexSet<String>> = IndexMap::new();
    for s in &module.body {
        if let StmtKind::ClassDef(c) = &s.kind {
            if let Some(ExprKind::Name(b)) = c.bases.first().map(|b| &b.kind) {
                parent.insert(&c.name.name, b);
            }
            let mut names = class_attrs_after_decoration(c);
            names.extend(own_fields(c).into_keys());
            names.extend(property_names(&c.body));
            own.entry(&c.name.name).or_default().extend(names);
        }
    }
    let mut out: IndexMap<String, IndexSet<String>> = IndexMap::new();
    for (&child, names) in &own {
        let mut cur = child;
        let mut seen = 0;
        while let Some(&p) = parent.get(cur) {
            out.entry(p.to_string())
                .or_default()
                .extend(names.iter().cloned());
            cur = p;
            seen += 1;
            if seen > parent.len() {
                break;
            }
        }
    }
    out
}

/// The attribute names the instance methods of `c` read through their first
/// parameter (`self.n` as a value, also in functions nested in them).
fn self_reads(c: &ClassDef) -> IndexSet<String> {
    use crate::support::{Child, each_child, each_expr_child};
    fn expr(e: &Expr, me: &str, out: &mut IndexSet<String>) {
        let is_me = |v: &Expr| matches!(&v.kind, ExprKind::Name(n) if n == me);
        match &e.kind {
            ExprKind::Attribute { value, attr } if is_me(value) => {
                out.insert(attr.name.clone());
            }
            // `getattr(self, "n", default)`, `hasattr(self, "n")`.
            ExprKind::Call { func, args, .. }
                if matches!(&func.kind, ExprKind::Name(f) if f == "getattr" || f == "hasattr")
                    && args.first().is_some_and(is_me) =>
            {
                if let Some(ExprKind::Str(n)) = args.get(1).map(|a| &a.kind) {
                    out.insert(n.clone());
                }
            }
            _ => {}
        }
        each_expr_child(e, &mut |x| expr(x, me, out));
    }
    fn target(t: &Expr, me: &str, out: &mut IndexSet<String>) {
        match &t.kind {
            ExprKind::Attribute { value, .. } => expr(value, me, out),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for t in items {
                    target(t, me, out);
                }
            }
            ExprKind::Starred(inner) => target(inner, me, out),
            ExprKind::Name(_) => {}
            _ => expr(t, me, out),
        }
    }
    fn stmt(s: &Stmt, me: &str, out: &mut IndexSet<String>) {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                for s in &f.body {
                    stmt(s, me, out);
                }
            }
            StmtKind::ClassDef(_) => {}
            _ => each_child(s, &mut |c| match c {
                Child::Stmt(s) => stmt(s, me, out),
                Child::Expr(e) => expr(e, me, out),
                Child::Target(t) => target(t, me, out),
            }),
        }
    }
    let mut out = IndexSet::new();
    for s in &c.body {
        let StmtKind::FunctionDef(f) = &s.kind else {
            continue;
        };
        let plain = !crate::is_implicit_classlevel(&f.name.name)
            && !f.decorators.iter().any(|d| {
                matches!(&d.kind, ExprKind::Name(n) if n == "classmethod" || n == "staticmethod")
            });
        if let (true, Some(p)) = (plain, f.params.positional().next()) {
            for s in &f.body {
                stmt(s, &p.name.name, &mut out);
            }
        }
    }
    out
}

/// The names a class has as class attributes once created and decorated: what its
/// body binds, except a dataclass's field defaults (the fields replace them), plus
/// what `@dataclass` may add.
fn class_attrs_after_decoration(c: &ClassDef) -> IndexSet<String> {
    let mut names = bound_names_in_class(&c.body);
    if is_dataclass_syntax(c) {
        let defaults = dataclass_defaults(c);
        names.retain(|n| !defaults.contains(n));
        names.extend(DATACLASS_METHODS.iter().map(|m| m.to_string()));
        if is_frozen_dataclass(c) {
            names.insert("__setattr__".to_string());
            names.insert("__delattr__".to_string());
        }
    }
    names
}

/// The native classes of a module, in order.
pub fn native_classes(
    module: &ast::Module,
    compiled: &dyn Fn(usize) -> bool,
    bound_once: &dyn Fn(&str) -> bool,
) -> (Vec<NativeClass>, Vec<(usize, String)>) {
    let mut out: Vec<NativeClass> = Vec::new();
    let mut why_not = Vec::new();
    let dynamic = scan_dynamic(module);
    let imports = module_imports(module);
    let literals = literal_attr_stores(module);
    let class_level = class_level_names(module);
    // Every field any class of the module declares: an attribute stored from outside
    // that is none of these may land on any instance, so no layout is safe.
    let mut all_fields: IndexSet<String> = IndexSet::new();
    // ... or a property (its setter decides where the value goes).
    let mut all_properties: IndexSet<String> = IndexSet::new();
    for s in &module.body {
        if let StmtKind::ClassDef(c) = &s.kind {
            all_fields.extend(own_fields(c).into_keys());
            all_properties.extend(property_names(&c.body));
        }
    }
    let global_reason = dynamic.everything.clone().or_else(|| {
        dynamic
            .external
            .iter()
            .find(|n| !all_fields.contains(*n) && !all_properties.contains(*n))
            .map(|n| {
                format!(
                    "the module sets attribute `{n}`, which no class declares, from outside a class"
                )
            })
    });
    // Per class of the module: the attribute names its methods store through their
    // first parameter, and its first base (by name).
    let mut self_stored: IndexMap<String, IndexSet<String>> = IndexMap::new();
    let mut parent: IndexMap<String, String> = IndexMap::new();
    walk_classes(&module.body, &mut |c| {
        self_stored
            .entry(c.name.name.clone())
            .or_default()
            .extend(self_stored_names(c));
        if let Some(ExprKind::Name(b)) = c.bases.first().map(|b| &b.kind) {
            parent.insert(c.name.name.clone(), b.clone());
        }
    });
    let combined = combined_bases(module, &dynamic);
    let declared_below = declared_by_subclasses(module);
    let hidden = fields_hidden_by_subclasses(module);
    for (i, s) in module.body.iter().enumerate() {
        let StmtKind::ClassDef(c) = &s.kind else {
            continue;
        };
        if !compiled(i) {
            continue;
        }
        if let Some(reason) = &global_reason {
            why_not.push((i, reason.clone()));
            continue;
        }
        if let Some(reason) = combined.get(&c.name.name) {
            why_not.push((i, reason.clone()));
            continue;
        }
        if wraps_self(c) {
            why_not.push((
                i,
                "a method passes its instance to `functools.update_wrapper` or `wraps`, which set `__name__`, `__doc__`, `__wrapped__`... on it".into(),
            ));
            continue;
        }
        // An instance attribute stored from outside must not shadow a class attribute.
        let names = class_attrs_after_decoration(c);
        let properties = property_names(&c.body);
        if let Some((field, child)) = hidden.get(&c.name.name) {
            why_not.push((
                i,
                format!("its subclass `{child}` hides its field `{field}` with a class attribute"),
            ));
            continue;
        }
        if let Some(n) = read_but_set_outside(c, &out, &declared_below, &dynamic) {
            why_not.push((
                i,
                format!(
                    "its methods read attribute `{n}`, which it does not declare and the module sets from outside a class"
                ),
            ));
            continue;
        }
        if let Some(n) = dynamic
            .external
            .iter()
            .find(|n| names.contains(*n) && !properties.contains(*n))
        {
            why_not.push((
                i,
                format!("instances get attribute `{n}`, which is also a class attribute"),
            ));
            continue;
        }
        // A class attribute stored at run time must not replace a field's descriptor.
        let mut inherited = own_fields(c).into_keys().collect::<IndexSet<String>>();
        let mut b = c.bases.first().and_then(|b| match &b.kind {
            ExprKind::Name(n) => out.iter().position(|k| &k.name == n),
            _ => None,
        });
        while let Some(bi) = b {
            inherited.extend(out[bi].fields.keys().cloned());
            b = out[bi].base;
        }
        if let Some(n) = dynamic.class_stores.iter().find(|n| inherited.contains(*n)) {
            why_not.push((
                i,
                format!("the module assigns `{n}` on a class, and `{n}` is an instance attribute"),
            ));
            continue;
        }
        if !bound_once(&c.name.name) {
            why_not.push((i, "its name is bound more than once in the module".into()));
            continue;
        }
        match not_native(c, &out, bound_once, imports) {
            Some(reason) => why_not.push((i, reason)),
            None => {
                let base = c.bases.first().and_then(|b| match &b.kind {
                    ExprKind::Name(n) => out.iter().position(|k| &k.name == n),
                    _ => None,
                });
                let mut fields = own_fields(c);
                infer_field_types(c, &mut fields, &literals, &class_level);
                // A field the base already has stays the base's.
                let mut b = base;
                while let Some(bi) = b {
                    fields.retain(|f, _| {
                        !out[bi].fields.contains_key(f) && !out[bi].properties.contains(f)
                    });
                    b = out[bi].base;
                }
                let unstored: IndexSet<String> = if is_dataclass_syntax(c) {
                    // (The generated __init__ stores every field.)
                    IndexSet::new()
                } else {
                    let stored = stored_for(&c.name.name, &dynamic.external, &self_stored, &parent);
                    fields
                        .keys()
                        .filter(|f| !stored.contains(*f))
                        .cloned()
                        .collect()
                };
                out.push(NativeClass {
                    stmt_index: i,
                    name: c.name.name.clone(),
                    base,
                    fields,
                    class_attrs: names,
                    rebound: rebound_names(&c.body),
                    properties,
                    dataclass: is_dataclass_syntax(c),
                    frozen: is_frozen_dataclass(c),
                    abc: is_abc_class(c, &out, bound_once, imports),
                    python_base: match base {
                        Some(bi) => out[bi].python_base,
                        None => c.bases.first().is_some_and(|b| {
                            is_generic_base(b) || is_abc_base(b, imports, bound_once)
                        }),
                    },
                    weakrefs: literal_slots(c).is_none() && base.is_none_or(|bi| out[bi].weakrefs),
                    slotted: literal_slots(c).is_some_and(|s| s.is_some()),
                    unstored,
                });
            }
        }
    }
    (out, why_not)
}

/// The module's classes that must stay ordinary because a class statement combines
/// them with other bases, with the reason. CPython combines bases only when at most
/// one of them adds to the instance layout (as with two classes with `__slots__`):
/// two native classes with fields, or a native class and `Exception` or `dict`,
/// would fail with "multiple bases have instance lay-out conflict". A class named
/// among several bases (other than `object`, `ABC`, `Generic[...]`, `Protocol`)
/// stays ordinary: its instances get a `__dict__`, which combines with anything.
/// When those bases do not all derive from the same classes of the module, or one
/// comes from elsewhere, their ancestors in the module stay ordinary too: a native
/// ancestor with fields would still conflict.
fn combined_bases(module: &ast::Module, dynamic: &Dynamic) -> IndexMap<String, String> {
    // Each module-level class's first base, when that is a class of the module.
    let mut parent: IndexMap<&str, &str> = IndexMap::new();
    for s in &module.body {
        if let StmtKind::ClassDef(c) = &s.kind
            && let Some(ExprKind::Name(b)) = c.bases.first().map(|b| &b.kind)
            && dynamic.classes.contains(b)
        {
            parent.insert(&c.name.name, b);
        }
    }
    let ancestors = |n: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut cur = n;
        while let Some(&p) = parent.get(cur) {
            if p == n || out.iter().any(|a| a == p) {
                break;
            }
            out.push(p.to_string());
            cur = p;
        }
        out
    };
    let mut out = IndexMap::new();
    for (child, bases, other) in &dynamic.multi_bases {
        let ours: Vec<&String> = bases
            .iter()
            .filter(|b| dynamic.classes.contains(*b))
            .collect();
        for b in &ours {
            out.entry((*b).clone())
                .or_insert_with(|| format!("it is one of several bases of class `{child}`"));
        }
        let chains: Vec<Vec<String>> = ours.iter().map(|b| ancestors(b)).collect();
        // (A base from elsewhere, `Exception` or `dict`, may have a layout of its own.)
        let external = *other || ours.len() < bases.len();
        if external || chains.windows(2).any(|w| w[0] != w[1]) {
            for a in chains.into_iter().flatten() {
                out.entry(a).or_insert_with(|| {
                    format!("a class derived from it is one of several bases of class `{child}`")
                });
            }
        }
    }
    out
}

/// Does a method hand its first parameter to `functools.update_wrapper(self, f)` or
/// `functools.wraps(f)(self)` (the decorator-class idiom)? Those store attributes
/// the class never declares (`__module__`, `__name__`, `__wrapped__`, the wrapped
/// function's `__dict__`) on the instance.
fn wraps_self(c: &ClassDef) -> bool {
    fn is_named(e: &Expr, name: &str) -> bool {
        match &e.kind {
            ExprKind::Name(n) => n == name,
            ExprKind::Attribute { attr, .. } => attr.name == name,
            _ => false,
        }
    }
    fn expr(e: &Expr, me: &str) -> bool {
        if let ExprKind::Call { func, args, .. } = &e.kind
            && matches!(args.first().map(|a| &a.kind), Some(ExprKind::Name(n)) if n == me)
            && (is_named(func, "update_wrapper")
                || matches!(&func.kind, ExprKind::Call { func: inner, .. } if is_named(inner, "wraps")))
        {
            return true;
        }
        let mut found = false;
        crate::support::each_expr_child(e, &mut |c| found |= expr(c, me));
        found
    }
    fn stmt(s: &Stmt, me: &str) -> bool {
        let mut found = false;
        crate::support::each_child(s, &mut |c| match c {
            crate::support::Child::Stmt(inner) => found |= stmt(inner, me),
            crate::support::Child::Expr(e) | crate::support::Child::Target(e) => {
                found |= expr(e, me)
            }
        });
        found
    }
    c.body.iter().any(|s| match &s.kind {
        StmtKind::FunctionDef(f) => f
            .params
            .positional()
            .next()
            .is_some_and(|p| f.body.iter().any(|s| stmt(s, &p.name.name))),
        _ => false,
    })
}

/// Names a class body binds more than once.
fn rebound_names(body: &[oxyc_syntax::ast::Stmt]) -> IndexSet<String> {
    let mut bound = Vec::new();
    let mut globals = Vec::new();
    crate::scopes::bound_names(body, &mut bound, &mut globals);
    let mut seen = IndexSet::new();
    let mut twice = IndexSet::new();
    for n in bound {
        if !seen.insert(n.clone()) {
            twice.insert(n);
        }
    }
    twice
}
