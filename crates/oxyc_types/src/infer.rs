//! Expression typing and local-variable inference.

use crate::xmod::{self, Externs, ModuleInterface, XCall, XClass, XFunc};
use crate::{ExprTypes, Ty, type_of_annotation_with};
use indexmap::{IndexMap, IndexSet};
use oxyc_sema::{FuncScope, ItemMode, NameRes, SemModule};
use oxyc_syntax::ast::{
    self, BinOp, CmpOp, Comprehension, Expr, ExprKind, FStringPart, IntLit, Stmt, StmtKind, UnaryOp,
};
use std::collections::HashSet;

/// Declared signature of a compiled function.
#[derive(Debug, Clone)]
pub struct FuncSig {
    pub params: Vec<Ty>,
    pub ret: Ty,
    /// The body mentions `NotImplemented` (an operator method that may decline): its
    /// return annotation is then not enforced, and operators are not dispatched to it
    /// directly.
    pub may_decline: bool,
    /// What calling it returns when that is not `ret`: for a generator function
    /// annotated `-> Iterator[T]` (or Iterable, Generator), an iterator of T.
    pub call_result: Ty,
    /// What awaiting a call of it gives: for a coroutine function (`async def`)
    /// annotated `-> int` (`float`, `bool`), that type (checked where it is
    /// stored); any object otherwise.
    pub awaited: Ty,
}

#[derive(Debug, Clone, Default)]
pub struct FuncTypes {
    /// Type of every local (parameters first).
    pub locals: IndexMap<String, Ty>,
    /// Locals whose type is declared by an annotation (values stored are checked).
    pub declared: IndexSet<String>,
}

#[derive(Debug, Clone)]
pub struct ModuleTypes {
    /// Indexed like `SemModule::functions`.
    pub sigs: Vec<FuncSig>,
    /// Indexed like `SemModule::native`: the type of each field the class adds.
    pub fields: Vec<IndexMap<String, Ty>>,
    pub funcs: Vec<FuncTypes>,
    /// Types of every expression in compiled code (module-wide ids).
    pub exprs: ExprTypes,
    /// What this module shows the other modules compiled with it (see `xmod`).
    pub interface: ModuleInterface,
    /// Calls bound at compile time to a function of another compiled module, by the
    /// call expression.
    pub xcalls: std::collections::HashMap<ast::ExprId, XCall>,
    /// The functions of other modules those calls reach (`XCall::site` indexes it).
    pub xsites: Vec<XFunc>,
    /// Calls of a native class of another compiled module (`C(...)` after
    /// `from m import C`, `m.C(...)`), by the call expression: the class's full
    /// dotted name.
    pub xnews: std::collections::HashMap<ast::ExprId, String>,
    /// The native classes of other modules this module's types mention (`Foreign`),
    /// with their native bases and subclasses, bases before subclasses.
    pub xclasses: Vec<XClass>,
    /// Indexed like `SemModule::functions`: the item types of a tuple result the
    /// function returns unboxed (see `unboxed`).
    pub unboxed_returns: Vec<Option<Vec<Ty>>>,
    /// Module variables read with their annotated type (see
    /// `SemModule::typed_globals`): name -> type.
    pub globals: IndexMap<String, Ty>,
    /// Indexed like `SemModule::functions`, then by parameter (in the order of the
    /// `def`): the item types of a tuple parameter the function takes unboxed (see
    /// `unboxed::unboxed_params`).
    pub unboxed_params: Vec<Vec<Option<Vec<Ty>>>>,
}

/// Cross-module calls found while typing.
#[derive(Default)]
struct XCalls {
    calls: std::collections::HashMap<ast::ExprId, XCall>,
    news: std::collections::HashMap<ast::ExprId, String>,
    sites: IndexMap<(String, String), XFunc>,
}

/// The type of `*args: T` (a tuple of T) or `**kwargs: T` (a dict of str to T), for
/// parameter `p` of `params` whose annotation means `elem`; None for other parameters.
fn collector_ty(params: &ast::Parameters, p: &ast::Param, elem: Ty) -> Option<Ty> {
    if params.vararg.as_ref().is_some_and(|v| std::ptr::eq(v, p)) {
        return Some(Ty::TupleVar(Box::new(elem)));
    }
    if params.kwarg.as_ref().is_some_and(|v| std::ptr::eq(v, p)) {
        return Some(Ty::Dict(Box::new(Ty::Str), Box::new(elem)));
    }
    None
}

pub fn check_module(module: &ast::Module, sem: &SemModule) -> ModuleTypes {
    check_module_with(module, sem, Externs::NONE)
}

/// `check_module`, seeing the interfaces of the other modules of the build: calls to
/// their functions are typed by their signatures (`ModuleTypes::xcalls`).
pub fn check_module_with(
    module: &ast::Module,
    sem: &SemModule,
    externs: Externs<'_>,
) -> ModuleTypes {
    let mut xcalls = XCalls::default();
    let mut exprs = ExprTypes::new(module.expr_count);
    let mut sigs = Vec::new();
    // Annotations name this module's native classes, or another compiled module's
    // through this module's imports.
    let not_local = |n: &str| sem.native_named(n).is_none() && !sem.early_bound.contains_key(n);
    let class = |e: &Expr| match &e.kind {
        ExprKind::Name(n) if sem.native_named(n).is_some() => Some(Ty::Instance(n.to_string())),
        _ => {
            xmod::annotation_class(sem, &externs, e, &not_local).map(|x| Ty::Foreign(x.qualified()))
        }
    };
    let shadowed = shadowed_annotation_names(module, sem);
    let typing_aliases = typing_module_aliases(module);
    let standard = |e: &Expr| match &e.kind {
        ExprKind::Name(n) => !shadowed.contains(n.as_str()),
        ExprKind::Attribute { value, .. } => {
            matches!(&value.kind, ExprKind::Name(m) if typing_aliases.contains(m.as_str()))
        }
        _ => false,
    };
    let type_of_annotation = |e: &Expr| type_of_annotation_with(e, &class, &standard);
    let fields: Vec<IndexMap<String, Ty>> = sem
        .native
        .iter()
        .map(|c| {
            c.fields
                .iter()
                .map(|(n, a)| (n.clone(), a.as_ref().map_or(Ty::Object, type_of_annotation)))
                .collect()
        })
        .collect();
    let globals: IndexMap<String, Ty> = sem
        .typed_globals
        .iter()
        .map(|(n, a)| (n.clone(), type_of_annotation(a)))
        .filter(|(_, t)| typed_global(t))
        .collect();
    let sentinels = sentinel_globals(module, &typing_aliases);
    for f in &sem.functions {
        let Some(def) = f.def() else {
            // A lambda: no annotations.
            sigs.push(FuncSig {
                params: f
                    .parameters()
                    .all()
                    .map(|p| collector_ty(f.parameters(), p, Ty::Object).unwrap_or(Ty::Object))
                    .collect(),
                ret: Ty::Object,
                may_decline: false,
                call_result: Ty::Object,
                awaited: Ty::Object,
            });
            continue;
        };
        // The first parameter of a plain method of a native class is an instance.
        let self_ty = match &f.method_of {
            Some(m)
                if def.decorators.is_empty()
                    && def.params.positional().next().is_some()
                    && !oxyc_sema::is_implicit_classlevel(&def.name.name)
                    && sem.native_named(&m.class).is_some()
                    && !rebinds_first_param(def)
                    && !used_in_class_body(module, f.stmt_index, &def.name.name) =>
            {
                Some(Ty::Instance(m.class.clone()))
            }
            _ => None,
        };
        // `def __eq__(self, other: object) -> bool: return NotImplemented` is the usual
        // idiom: the annotation describes the other outcome.
        let mentions_ni = mentions_not_implemented(&def.body);
        let declines = f.method_of.is_some() && mentions_ni;
        sigs.push(FuncSig {
            params: def
                .params
                .all()
                .enumerate()
                .map(|(i, p)| {
                    if i == 0
                        && let Some(t) = &self_ty
                    {
                        return t.clone();
                    }
                    // An operator method that may decline takes anything: the other
                    // operand's type is what it checks.
                    if declines {
                        return Ty::Object;
                    }
                    let t = p.annotation.as_ref().map_or(Ty::Object, type_of_annotation);
                    if let Some(c) = collector_ty(&def.params, p, t.clone()) {
                        // `args = args[0]`: the tuple (or dict) is only what the call
                        // passes, not a declared type, so a rebound one holds anything.
                        return if rebinds_param(def, p) { Ty::Object } else { c };
                    }
                    // `x: int = None` (implicit Optional) cannot be unboxed, nor can
                    // `x: int = ...` (overload and protocol stubs), nor a parameter
                    // whose default is a sentinel (`x: int = _UNSET`, with `_UNSET:
                    // Any = object()`), which mypy accepts and the body tests with `is`,
                    // or a `cast()` (`x: int = cast(int, UNSET)`), which tells mypy so.
                    let default = p.default.as_ref().map(|d| &d.kind);
                    let none_default = matches!(default, Some(ExprKind::NoneLit));
                    let ellipsis_default = matches!(default, Some(ExprKind::Ellipsis));
                    let sentinel_default = match default {
                        Some(ExprKind::Name(n)) => sentinels.contains(n.as_str()),
                        Some(ExprKind::Call { func, .. }) => match &func.kind {
                            ExprKind::Name(n) => n == "cast" && !shadowed.contains("cast"),
                            ExprKind::Attribute { value, attr } => {
                                attr.name == "cast"
                                    && matches!(&value.kind,
                                        ExprKind::Name(m) if typing_aliases.contains(m.as_str()))
                            }
                            _ => false,
                        },
                        _ => false,
                    };
                    if (none_default && t != Ty::None) || ellipsis_default || sentinel_default {
                        Ty::Object
                    } else {
                        t
                    }
                })
                .collect(),
            // A generator function returns a generator; its `return` value is the
            // generator's result (any object).
            // `__init__` returns to `type.__call__`, which checks for None itself
            // (with its own message); a direct construction checks the same way.
            // (A function that may return NotImplemented, which mypy lets any function
            // return, as the wrapper a decorator installs as `__eq__`: any object.)
            ret: if declines || mentions_ni || f.is_generator || f.name == "__init__" {
                Ty::Object
            } else {
                def.returns.as_ref().map_or(Ty::Object, &type_of_annotation)
            },
            may_decline: declines,
            call_result: match def.returns.as_ref().map(&type_of_annotation) {
                Some(t @ Ty::Iter(_)) if f.is_generator && !f.is_async => t,
                _ => Ty::Object,
            },
            awaited: match def.returns.as_ref().map(&type_of_annotation) {
                Some(t @ (Ty::Int | Ty::Float | Ty::Bool))
                    if f.is_generator && f.is_async && !f.is_async_gen =>
                {
                    t
                }
                _ => Ty::Object,
            },
        });
    }
    // Cells that an inner function rebinds (`nonlocal`): each inner function maps
    // such a name to the function the cell lives in.
    let mut rebinds: Vec<IndexMap<String, usize>> = vec![IndexMap::new(); sem.functions.len()];
    for (fi, f) in sem.functions.iter().enumerate() {
        for n in &f.nonlocals {
            let mut owner = f.parent;
            while let Some(o) = owner {
                if sem.functions[o].cellvars.contains(n) {
                    rebinds[fi].insert(n.clone(), o);
                    break;
                }
                owner = sem.functions[o].parent;
            }
        }
    }
    // A rebound cell takes the type its own function's stores give it, as long as
    // every inner function stores values of exactly that type; a cell some inner
    // function stores anything else in holds objects (and inference runs again).
    let mut widened: IndexSet<(usize, String)> = IndexSet::new();
    let funcs = loop {
        let mut widen: IndexSet<(usize, String)> = IndexSet::new();
        let funcs = infer_functions(
            Env {
                sem,
                sigs: &sigs,
                fields: &fields,
                globals: &globals,
                type_of_annotation: &type_of_annotation,
                externs,
            },
            &mut exprs,
            &mut xcalls,
            &rebinds,
            &widened,
            &mut widen,
        );
        if widen.is_subset(&widened) {
            break funcs;
        }
        widened.extend(widen);
    };
    // The module body: every name is a global (object).
    let no_rebinds = IndexMap::new();
    let mut cx = Cx {
        sem,
        sigs: &sigs,
        fields: &fields,
        globals: &globals,
        func: None,
        locals: IndexMap::new(),
        declared: IndexSet::new(),
        exprs: &mut exprs,
        externs,
        xcalls: &mut xcalls,
        comp: vec![],
        changed: false,
        rebinds: &no_rebinds,
        widen: None,
        final_pass: false,
    };
    for (stmt, mode) in module.body.iter().zip(&sem.items) {
        if *mode != ItemMode::Compiled {
            continue;
        }
        match &stmt.kind {
            StmtKind::FunctionDef(d) => cx.def_site(d),
            StmtKind::ClassDef(c) => {
                for e in c.bases.iter().chain(&c.decorators) {
                    cx.expr(e);
                }
                for k in &c.keywords {
                    cx.expr(&k.value);
                }
                // The class body runs once, with every name in its namespace (object).
                for s in &c.body {
                    match &s.kind {
                        StmtKind::FunctionDef(d) => cx.def_site(d),
                        StmtKind::Assign { value, .. } => {
                            cx.expr(value);
                        }
                        StmtKind::AnnAssign {
                            annotation, value, ..
                        } => {
                            cx.expr(annotation);
                            if let Some(v) = value {
                                cx.expr(v);
                            }
                        }
                        StmtKind::Expr(e) => {
                            cx.expr(e);
                        }
                        _ => {}
                    }
                }
            }
            _ => cx.stmts(std::slice::from_ref(stmt)),
        }
    }
    let mut interface = ModuleInterface {
        module: externs.current.to_string(),
        functions: IndexMap::new(),
        classes: xmod::export_classes(externs.current, sem, &fields, &sigs),
    };
    let unboxed_returns: Vec<Option<Vec<Ty>>> = sem
        .functions
        .iter()
        .zip(&sigs)
        .map(|(f, sig)| crate::unboxed::unboxed_tuple_return(f, &sig.ret, &exprs))
        .collect();
    let unboxed_params = crate::unboxed::unboxed_params(sem, &sigs, &unboxed_returns);
    for (name, &fi) in &sem.early_bound {
        // (Another module's call expects the boxed tuple.)
        if unboxed_returns[fi].is_some() || unboxed_params[fi].iter().any(Option::is_some) {
            continue;
        }
        if let Some(x) = xmod::export(
            externs.current,
            &sem.functions[fi],
            &sigs[fi].params,
            &sigs[fi].ret,
        ) {
            interface.functions.insert(name.clone(), x);
        }
    }
    let xsites: Vec<XFunc> = xcalls.sites.into_values().collect();
    let xclasses = foreign_classes(&externs, &exprs, &funcs, &sigs, &fields, &xsites);
    ModuleTypes {
        sigs,
        fields,
        funcs,
        exprs,
        interface,
        xcalls: xcalls.calls,
        xsites,
        xnews: xcalls.news,
        xclasses,
        unboxed_returns,
        globals,
        unboxed_params,
    }
}

/// Is a module variable annotated `t` read with that type? Containers and strings:
/// what compiled code indexes, iterates and calls methods on.
fn typed_global(t: &Ty) -> bool {
    matches!(
        t,
        Ty::Str
            | Ty::Bytes
            | Ty::ByteArray
            | Ty::List(_)
            | Ty::Dict(..)
            | Ty::Tuple(_)
            | Ty::TupleVar(_)
            | Ty::Set
    )
}

/// Every foreign class the module's types mention, with its native bases and
/// subclasses (what a test of an object's exact type must know), in the order of
/// each defining module (bases first).
fn foreign_classes(
    externs: &Externs<'_>,
    exprs: &ExprTypes,
    funcs: &[FuncTypes],
    sigs: &[FuncSig],
    fields: &[IndexMap<String, Ty>],
    xsites: &[XFunc],
) -> Vec<XClass> {
    fn walk(t: &Ty, out: &mut IndexSet<String>) {
        match t {
            Ty::Foreign(c) | Ty::OptForeign(c) => {
                out.insert(c.clone());
            }
            Ty::List(e) | Ty::TupleVar(e) | Ty::Iter(e) => walk(e, out),
            Ty::Dict(k, v) => {
                walk(k, out);
                walk(v, out);
            }
            Ty::Tuple(ts) => ts.iter().for_each(|t| walk(t, out)),
            _ => {}
        }
    }
    if externs.modules.is_none() {
        return Vec::new();
    }
    let mut named: IndexSet<String> = IndexSet::new();
    for t in exprs.all() {
        walk(t, &mut named);
    }
    for f in funcs {
        f.locals.values().for_each(|t| walk(t, &mut named));
    }
    for s in sigs {
        s.params
            .iter()
            .chain([&s.ret])
            .for_each(|t| walk(t, &mut named));
    }
    for fs in fields {
        fs.values().for_each(|t| walk(t, &mut named));
    }
    for x in xsites {
        x.params
            .iter()
            .map(|p| &p.ty)
            .chain([&x.ret])
            .for_each(|t| walk(t, &mut named));
    }
    // (What the methods of those classes take and return too: calls bind to them.)
    let mut i = 0;
    while i < named.len() {
        if let Some(c) = externs.class(&named[i]) {
            for m in c.methods.values() {
                for t in m.sig.params.iter().map(|p| &p.ty).chain([&m.sig.ret]) {
                    walk(t, &mut named);
                }
            }
        }
        i += 1;
    }
    let mut all: IndexSet<String> = IndexSet::new();
    for q in &named {
        let Some(c) = externs.class(q) else {
            continue;
        };
        let mut k = Some(c);
        while let Some(x) = k {
            all.insert(x.qualified());
            k = x
                .base
                .as_ref()
                .and_then(|b| externs.class(&format!("{}.{b}", x.module)));
        }
        for sub in externs.subclasses(c) {
            all.insert(sub.qualified());
        }
    }
    let mut out: Vec<XClass> = all
        .iter()
        .filter_map(|q| externs.class(q))
        .cloned()
        .collect();
    // (A module's classes are listed bases first.)
    let position = |x: &XClass| {
        externs
            .modules
            .and_then(|ms| ms.get(&x.module))
            .and_then(|m| m.classes.get_index_of(&x.name))
            .unwrap_or(0)
    };
    out.sort_by(|a, b| (&a.module, position(a)).cmp(&(&b.module, position(b))));
    out
}

/// What inference of every function reads.
struct Env<'a> {
    sem: &'a SemModule<'a>,
    sigs: &'a [FuncSig],
    fields: &'a [IndexMap<String, Ty>],
    globals: &'a IndexMap<String, Ty>,
    type_of_annotation: &'a dyn Fn(&Expr) -> Ty,
    externs: Externs<'a>,
}

/// Local types of every function (parents before the functions nested in them).
/// A store of another type into a cell `rebinds` names is recorded in `widen`;
/// the cells in `widened` hold objects.
fn infer_functions(
    env: Env<'_>,
    exprs: &mut ExprTypes,
    xcalls: &mut XCalls,
    rebinds: &[IndexMap<String, usize>],
    widened: &IndexSet<(usize, String)>,
    widen: &mut IndexSet<(usize, String)>,
) -> Vec<FuncTypes> {
    let sem = env.sem;
    let sigs = env.sigs;
    let mut funcs: Vec<FuncTypes> = Vec::new();
    for (fi, f) in sem.functions.iter().enumerate() {
        let mut locals: IndexMap<String, Ty> = IndexMap::new();
        let mut declared = IndexSet::new();
        for (p, ty) in f.parameters().all().zip(&sigs[fi].params) {
            locals.insert(p.name.name.clone(), ty.clone());
            declared.insert(p.name.name.clone());
        }
        if let Some(def) = f.def() {
            collect_declared(
                &def.body,
                f,
                &mut locals,
                &mut declared,
                env.type_of_annotation,
            );
        }
        for n in &f.cellvars {
            // (The class a class statement made, for its methods' `super()`.)
            if n.starts_with(oxyc_sema::CLASS_CELL_PREFIX) {
                locals.insert(n.clone(), Ty::Object);
                declared.insert(n.clone());
            }
            if !declared.contains(n) && widened.contains(&(fi, n.clone())) {
                locals.insert(n.clone(), Ty::Object);
                declared.insert(n.clone());
            }
        }
        // Captured variables have the type they have where they live.
        for n in &f.freevars {
            let ty = f
                .parent
                .and_then(|p| funcs.get(p))
                .and_then(|p| p.locals.get(n))
                .cloned()
                .unwrap_or(Ty::Object);
            locals.insert(n.clone(), ty);
            declared.insert(n.clone());
        }
        for name in &f.locals {
            locals.entry(name.clone()).or_insert(Ty::Bottom);
        }
        let mut cx = Cx {
            sem,
            sigs: env.sigs,
            fields: env.fields,
            globals: env.globals,
            func: Some(f),
            locals,
            declared,
            exprs: &mut *exprs,
            externs: env.externs,
            xcalls: &mut *xcalls,
            comp: vec![],
            changed: false,
            rebinds: &rebinds[fi],
            widen: Some(&mut *widen),
            final_pass: false,
        };
        let run = |cx: &mut Cx<'_>| match f.node {
            oxyc_sema::FuncNode::Def(def) => cx.stmts(&def.body),
            oxyc_sema::FuncNode::Lambda(e) => {
                if let ExprKind::Lambda { body, .. } = &e.kind {
                    cx.expr(body);
                }
            }
            oxyc_sema::FuncNode::GenExp(e) => cx.genexp_body(e),
        };
        for _ in 0..20 {
            cx.changed = false;
            run(&mut cx);
            if !cx.changed {
                break;
            }
        }
        for t in cx.locals.values_mut() {
            if *t == Ty::Bottom {
                *t = Ty::Object;
            }
        }
        // Final pass records expression types under the final local types.
        cx.final_pass = true;
        run(&mut cx);
        funcs.push(FuncTypes {
            locals: cx.locals,
            declared: cx.declared,
        });
    }
    funcs
}

fn collect_declared(
    body: &[Stmt],
    f: &FuncScope,
    locals: &mut IndexMap<String, Ty>,
    declared: &mut IndexSet<String>,
    type_of_annotation: &dyn Fn(&Expr) -> Ty,
) {
    for s in body {
        match &s.kind {
            StmtKind::AnnAssign {
                target, annotation, ..
            } => {
                if let ExprKind::Name(n) = &target.kind
                    && f.locals.contains(n)
                    && !declared.contains(n)
                {
                    locals.insert(n.clone(), type_of_annotation(annotation));
                    declared.insert(n.clone());
                }
            }
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                collect_declared(body, f, locals, declared, type_of_annotation);
                collect_declared(orelse, f, locals, declared, type_of_annotation);
            }
            StmtKind::With { body, .. } => {
                collect_declared(body, f, locals, declared, type_of_annotation);
            }
            StmtKind::Match { cases, .. } => {
                for case in cases {
                    collect_declared(&case.body, f, locals, declared, type_of_annotation);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                collect_declared(body, f, locals, declared, type_of_annotation);
                for h in handlers {
                    collect_declared(&h.body, f, locals, declared, type_of_annotation);
                }
                collect_declared(orelse, f, locals, declared, type_of_annotation);
                collect_declared(finalbody, f, locals, declared, type_of_annotation);
            }
            _ => {}
        }
    }
}

struct Cx<'a> {
    sem: &'a SemModule<'a>,
    sigs: &'a [FuncSig],
    fields: &'a [IndexMap<String, Ty>],
    globals: &'a IndexMap<String, Ty>,
    func: Option<&'a FuncScope<'a>>,
    locals: IndexMap<String, Ty>,
    declared: IndexSet<String>,
    exprs: &'a mut ExprTypes,
    externs: Externs<'a>,
    xcalls: &'a mut XCalls,
    /// Comprehension scopes, innermost last.
    comp: Vec<IndexMap<String, Ty>>,
    changed: bool,
    /// The `nonlocal` names this function rebinds, with the function their cell
    /// lives in.
    rebinds: &'a IndexMap<String, usize>,
    /// Where to record a rebound cell that gets a value of another type than the
    /// one inferred for it (in the final pass).
    widen: Option<&'a mut IndexSet<(usize, String)>>,
    final_pass: bool,
}

impl Cx<'_> {
    fn bind(&mut self, name: &str, ty: Ty) {
        if let Some(scope) = self.comp.last_mut()
            && let Some(slot) = scope.get_mut(name)
        {
            *slot = ty;
            return;
        }
        if self.declared.contains(name) {
            if self.final_pass
                && ty != Ty::Bottom
                && let Some(&owner) = self.rebinds.get(name)
                && self.locals.get(name) != Some(&ty)
                && let Some(w) = self.widen.as_mut()
            {
                w.insert((owner, name.to_string()));
            }
            return;
        }
        if let Some(slot) = self.locals.get_mut(name) {
            let joined = slot.join(&ty);
            if joined != *slot {
                *slot = joined;
                self.changed = true;
            }
        }
    }

    fn bind_target(&mut self, target: &Expr, ty: Ty) {
        self.exprs.set(target.id, ty.clone());
        match &target.kind {
            ExprKind::Name(n) => self.bind(n, ty),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for (t, et) in items.iter().zip(unpacked_tys(&ty, items)) {
                    self.bind_target(t, et);
                }
            }
            ExprKind::Attribute { value, .. } => {
                self.expr(value);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Starred(inner) => self.bind_target(inner, Ty::any_list()),
            _ => {}
        }
    }

    /// What a `def` evaluates where it stands: its defaults, decorators and annotations.
    fn def_site(&mut self, d: &ast::FunctionDef) {
        for p in d.params.all() {
            if let Some(dflt) = &p.default {
                self.expr(dflt);
            }
        }
        for e in &d.decorators {
            self.expr(e);
        }
    }

    /// The expressions of a class-body statement (its names are the namespace's).
    fn class_body_stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(d) => self.def_site(d),
            StmtKind::ClassDef(_) => {}
            _ => oxyc_sema::each_child(s, &mut |c| match c {
                oxyc_sema::Child::Stmt(inner) => self.class_body_stmt(inner),
                oxyc_sema::Child::Expr(e) => {
                    self.expr(e);
                }
                oxyc_sema::Child::Target(t) => match &t.kind {
                    ExprKind::Attribute { value, .. } => {
                        self.expr(value);
                    }
                    ExprKind::Subscript { value, index } => {
                        self.expr(value);
                        self.expr(index);
                    }
                    _ => {}
                },
            }),
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e);
            }
            // A nested function: its body is typed on its own.
            StmtKind::FunctionDef(d) => {
                self.def_site(d);
                self.bind(&d.name.name, Ty::Object);
            }
            // A class in a function: its body runs here, every name it binds going
            // to its namespace (objects); methods are typed on their own.
            StmtKind::ClassDef(c) => {
                for e in c.bases.iter().chain(&c.decorators) {
                    self.expr(e);
                }
                for k in &c.keywords {
                    self.expr(&k.value);
                }
                for s in &c.body {
                    self.class_body_stmt(s);
                }
                self.bind(&c.name.name, Ty::Object);
            }
            StmtKind::Assign { targets, value } => {
                let t = self.expr(value);
                for target in targets {
                    self.bind_target(target, t.clone());
                }
            }
            StmtKind::AnnAssign { target, value, .. } => {
                let t = value.as_ref().map(|v| self.expr(v));
                if let Some(t) = t {
                    self.bind_target(target, t);
                } else if !matches!(target.kind, ExprKind::Name(_)) {
                    self.bind_target(target, Ty::Object);
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                let lt = self.expr(target);
                let rt = self.expr(value);
                let t = self.binop_ty(*op, &lt, &rt, value);
                self.bind_target(target, t);
            }
            StmtKind::Return(Some(v)) => {
                self.expr(v);
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                let it = self.expr(iter);
                let et = if *is_async {
                    self.async_elem_ty(&it)
                } else {
                    self.elem_ty(iter, &it)
                };
                self.bind_target(target, et);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.bind(&n.name, Ty::Object);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr);
                    // What `__enter__` returns is not known.
                    if let Some(v) = &it.optional_vars {
                        self.bind_target(v, Ty::Object);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for case in cases {
                    // What a pattern binds is any object (no narrowing by pattern).
                    oxyc_sema::each_pattern_child(&case.pattern, &mut |c| match c {
                        oxyc_sema::Child::Expr(e) => {
                            self.expr(e);
                        }
                        oxyc_sema::Child::Target(t) => self.bind_target(t, Ty::Object),
                        oxyc_sema::Child::Stmt(_) => {}
                    });
                    if let Some(g) = &case.guard {
                        self.expr(g);
                    }
                    self.stmts(&case.body);
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let n = match &a.asname {
                        Some(n) => n.name.clone(),
                        None => a.name.split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&n, Ty::Object);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    let n = a.asname.as_ref().map_or(a.name.clone(), |n| n.name.clone());
                    self.bind(&n, Ty::Object);
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    if let ExprKind::Subscript { value, index } = &t.kind {
                        self.expr(value);
                        self.expr(index);
                    } else if let ExprKind::Attribute { value, .. } = &t.kind {
                        self.expr(value);
                    }
                }
            }
            _ => {}
        }
    }

    fn name_ty(&self, name: &str) -> Ty {
        for scope in self.comp.iter().rev() {
            if let Some(t) = scope.get(name) {
                return t.clone();
            }
        }
        match self.sem.resolve(self.func, name) {
            NameRes::Local | NameRes::Cell | NameRes::Free => {
                self.locals.get(name).cloned().unwrap_or(Ty::Object)
            }
            NameRes::Global => match self.sem.constants.get(name) {
                Some(lit) => constant_ty(lit),
                None => self.globals.get(name).cloned().unwrap_or(Ty::Object),
            },
            _ => Ty::Object,
        }
    }

    /// What `await x` gives: the annotated result of a once-bound coroutine
    /// function called directly (see `FuncSig::awaited`), else any object.
    fn awaited_ty(&self, x: &Expr) -> Ty {
        let ExprKind::Call { func, .. } = &x.kind else {
            return Ty::Object;
        };
        let ExprKind::Name(name) = &func.kind else {
            return Ty::Object;
        };
        if self.comp.iter().any(|s| s.contains_key(name.as_str())) {
            return Ty::Object;
        }
        match self.sem.resolve(self.func, name) {
            NameRes::Global => self
                .sem
                .generator_fns
                .get(name.as_str())
                .and_then(|&fi| self.sigs.get(fi))
                .map_or(Ty::Object, |s| s.awaited.clone()),
            _ => Ty::Object,
        }
    }

    /// The items of `async for` over a native instance whose `__aiter__` returns
    /// (by its annotation) a native instance whose `__anext__` is a compiled
    /// coroutine method annotated `-> int` (`float`, `bool`): that type (checked
    /// where it is stored); any object otherwise.
    fn async_elem_ty(&self, it: &Ty) -> Ty {
        let Ty::Instance(c) = it else {
            return Ty::Object;
        };
        let Some(aiter) = method_of(self.sem, c, "__aiter__") else {
            return Ty::Object;
        };
        let Some(Ty::Instance(d)) = self.sigs.get(aiter).map(|s| &s.ret) else {
            return Ty::Object;
        };
        coroutine_method_of(self.sem, d, "__anext__")
            .and_then(|fi| self.sigs.get(fi))
            .map_or(Ty::Object, |s| s.awaited.clone())
    }

    /// Element type when iterating a value of type `t` (`iter` is the expression).
    fn elem_ty(&self, iter: &Expr, t: &Ty) -> Ty {
        if let ExprKind::Call {
            func,
            args,
            keywords,
        } = &iter.kind
        {
            if self.is_builtin(func, "range") {
                return Ty::Int;
            }
            let plain =
                keywords.is_empty() && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
            // enumerate(xs) -> (int, elem), zip(a, b, ...) -> (elem a, elem b, ...).
            if plain && args.len() == 1 && self.is_builtin(func, "enumerate") {
                let inner = self.elem_ty(&args[0], &self.exprs.get(args[0].id).clone());
                return Ty::Tuple(vec![Ty::Int, inner]);
            }
            if plain && !args.is_empty() && self.is_builtin(func, "zip") {
                return Ty::Tuple(
                    args.iter()
                        .map(|a| self.elem_ty(a, &self.exprs.get(a.id).clone()))
                        .collect(),
                );
            }
        }
        match t {
            Ty::List(e) => (**e).clone(),
            Ty::Str => Ty::Str,
            Ty::Bytes | Ty::ByteArray => Ty::Int,
            Ty::Dict(k, _) => (**k).clone(),
            Ty::TupleVar(e) | Ty::Iter(e) => (**e).clone(),
            Ty::Tuple(ts) => {
                let mut acc = Ty::Bottom;
                for t in ts {
                    acc = acc.join(t);
                }
                if acc == Ty::Bottom { Ty::Object } else { acc }
            }
            _ => Ty::Object,
        }
    }

    fn is_builtin(&self, func: &Expr, name: &str) -> bool {
        match &func.kind {
            ExprKind::Name(n) => {
                n == name
                    && self.comp.iter().all(|s| !s.contains_key(n))
                    && self.sem.resolve(self.func, n) == NameRes::Builtin
            }
            _ => false,
        }
    }

    fn expr(&mut self, e: &Expr) -> Ty {
        let t = self.expr_inner(e);
        self.exprs.set(e.id, t.clone());
        t
    }

    /// The body of a generator expression's function: the loop over `.0` (the
    /// iterator of the first iterable, typed where the expression stands), then the
    /// other `for` clauses as a comprehension.
    fn genexp_body(&mut self, e: &Expr) {
        let ExprKind::GeneratorExp { elt, generators } = &e.kind else {
            return;
        };
        let Some((g, rest)) = generators.split_first() else {
            return;
        };
        let it = self.exprs.get(g.iter.id).clone();
        // (`async for`: what `__anext__` gives, any object.)
        let et = if g.is_async {
            Ty::Object
        } else {
            self.elem_ty(&g.iter, &it)
        };
        self.bind_target(&g.target, et);
        for cond in &g.ifs {
            self.expr(cond);
        }
        self.comprehension(rest);
        self.expr(elt);
        self.comp.pop();
    }

    fn comprehension(&mut self, generators: &[Comprehension]) {
        // Each generator's iterable is evaluated with the previous targets in scope.
        self.comp.push(IndexMap::new());
        for g in generators {
            let it = self.expr(&g.iter);
            // (`async for`: what `__anext__` gives, any object.)
            let et = if g.is_async {
                Ty::Object
            } else {
                self.elem_ty(&g.iter, &it)
            };
            let mut names = Vec::new();
            oxyc_sema::target_names(&g.target, &mut names);
            if let Some(top) = self.comp.last_mut() {
                for n in &names {
                    top.insert(n.clone(), Ty::Object);
                }
            }
            self.bind_target(&g.target, et);
            // A name the target binds twice holds values of either position.
            if let Some(top) = self.comp.last_mut() {
                for n in &names {
                    if names.iter().filter(|m| *m == n).count() > 1 {
                        top.insert(n.clone(), Ty::Object);
                    }
                }
            }
            for cond in &g.ifs {
                self.expr(cond);
            }
        }
    }

    fn expr_inner(&mut self, e: &Expr) -> Ty {
        match &e.kind {
            ExprKind::Name(n) => self.name_ty(n),
            ExprKind::Int(_) => Ty::Int,
            ExprKind::Float(_) => Ty::Float,
            ExprKind::Complex(_) => Ty::Object,
            ExprKind::Str(_) => Ty::Str,
            ExprKind::Bytes(_) => Ty::Bytes,
            ExprKind::Bool(_) => Ty::Bool,
            ExprKind::NoneLit => Ty::None,
            ExprKind::Ellipsis => Ty::Object,
            ExprKind::FString(parts) => {
                self.fstring(parts);
                Ty::Str
            }
            ExprKind::BinOp { left, op, right } => {
                let l = self.expr(left);
                let r = self.expr(right);
                self.binop_ty(*op, &l, &r, right)
            }
            ExprKind::UnaryOp { op, operand } => {
                let t = self.expr(operand);
                if let Some(c) = t.native_class()
                    && let Some(name) = unary_dunder(*op)
                    && let Some(fi) = method_of(self.sem, c, name)
                {
                    return self.sigs.get(fi).map_or(Ty::Object, |s| s.ret.clone());
                }
                match (op, &t) {
                    (UnaryOp::Not, _) => Ty::Bool,
                    (UnaryOp::USub | UnaryOp::UAdd | UnaryOp::Invert, Ty::Int | Ty::Bool) => {
                        Ty::Int
                    }
                    (UnaryOp::USub | UnaryOp::UAdd, Ty::Float) => Ty::Float,
                    _ => Ty::Object,
                }
            }
            ExprKind::BoolOp { values, .. } => {
                let mut acc = Ty::Bottom;
                for v in values {
                    let t = self.expr(v);
                    acc = if acc == Ty::Bottom || acc == t {
                        t
                    } else {
                        Ty::Object
                    };
                }
                acc
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let mut prev = self.expr(left);
                let mut all_bool = true;
                for (op, c) in ops.iter().zip(comparators) {
                    let t = self.expr(c);
                    let primitive =
                        matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn)
                            || (prev.is_numeric() && t.is_numeric())
                            || (prev == Ty::Str && t == Ty::Str);
                    all_bool &= primitive;
                    prev = t;
                }
                if all_bool { Ty::Bool } else { Ty::Object }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let arg_tys: Vec<Ty> = args.iter().map(|a| self.expr(a)).collect();
                for k in keywords {
                    self.expr(&k.value);
                }
                let ty = self.call_ty(func, args, &arg_tys, keywords.is_empty());
                if let Ty::Foreign(q) = &ty
                    && self.foreign_class_named(func).is_some()
                {
                    self.xcalls.news.insert(e.id, q.clone());
                }
                match self.extern_call(e, func, args, keywords) {
                    Some(t) => t,
                    None => ty,
                }
            }
            ExprKind::Attribute { value, attr } => {
                let vt = self.expr(value);
                match &vt {
                    Ty::Instance(c) | Ty::OptInstance(c) => {
                        field_ty(self.sem, self.fields, c, &attr.name)
                            .map_or(Ty::Object, |(_, t)| t.clone())
                    }
                    Ty::Foreign(c) | Ty::OptForeign(c) => self
                        .externs
                        .field(c, &attr.name)
                        .map_or(Ty::Object, |(_, t)| self.externs.localize(t)),
                    _ => Ty::Object,
                }
            }
            ExprKind::Subscript { value, index } => {
                let vt = self.expr(value);
                let it = self.expr(index);
                subscript_ty(&vt, &it, index)
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
                Ty::Object
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                let a = self.expr(body);
                let b = self.expr(orelse);
                if a == b { a } else { Ty::Object }
            }
            ExprKind::List(items) => {
                for i in items {
                    self.expr(i);
                }
                Ty::any_list()
            }
            ExprKind::Tuple(items) => {
                let ts: Vec<Ty> = items.iter().map(|i| self.expr(i)).collect();
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    Ty::TupleVar(Box::new(Ty::Object))
                } else {
                    Ty::Tuple(ts)
                }
            }
            ExprKind::Set(items) => {
                for i in items {
                    self.expr(i);
                }
                Ty::Set
            }
            ExprKind::Dict(entries) => {
                for (k, v) in entries {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
                Ty::any_dict()
            }
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
                self.comprehension(generators);
                self.expr(elt);
                self.comp.pop();
                if matches!(e.kind, ExprKind::ListComp { .. }) {
                    Ty::any_list()
                } else {
                    Ty::Set
                }
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.comprehension(generators);
                self.expr(key);
                self.expr(value);
                self.comp.pop();
                Ty::any_dict()
            }
            // Its first iterable is evaluated here; the rest is typed as the
            // generator function it is.
            ExprKind::GeneratorExp { elt, generators } => {
                if self.sem.func_of_lambda(e).is_none() {
                    // Inlined into `all()`, `any()` or `sum()`: a comprehension.
                    self.comprehension(generators);
                    let t = self.expr(elt);
                    self.comp.pop();
                    return Ty::Iter(Box::new(t));
                } else if let Some(g) = generators.first() {
                    self.expr(&g.iter);
                }
                Ty::Object
            }
            ExprKind::Await(x) => {
                self.expr(x);
                self.awaited_ty(x)
            }
            ExprKind::Starred(x) | ExprKind::YieldFrom(x) => {
                self.expr(x);
                Ty::Object
            }
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
                Ty::Object
            }
            ExprKind::Named { target, value } => {
                let t = self.expr(value);
                self.bind_target(target, t.clone());
                t
            }
            // Its defaults are evaluated here; its body is typed on its own.
            ExprKind::Lambda { params, .. } => {
                for p in params.all() {
                    if let Some(d) = &p.default {
                        self.expr(d);
                    }
                }
                Ty::Object
            }
        }
    }

    fn fstring(&mut self, parts: &[FStringPart]) {
        for p in parts {
            if let FStringPart::Interpolation {
                expr, format_spec, ..
            } = p
            {
                self.expr(expr);
                if let Some(spec) = format_spec {
                    self.fstring(spec);
                }
            }
        }
    }

    /// A call of a function of another compiled module (see `xmod`): recorded, and
    /// typed by the function's return annotation.
    fn extern_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        keywords: &[ast::Keyword],
    ) -> Option<Ty> {
        self.externs.modules?;
        if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
            return None;
        }
        let kws = xmod::keyword_names(keywords)?;
        let (sem, func_scope, comp) = (self.sem, self.func, &self.comp);
        let is_global = |n: &str| {
            !comp.iter().any(|s| s.contains_key(n))
                && sem.resolve(func_scope, n) == NameRes::Global
                && !sem.early_bound.contains_key(n)
                && sem.native_named(n).is_none()
        };
        let x = xmod::callee(sem, &self.externs, func, &is_global)?;
        let binds = xmod::plan(x, args.len(), &kws)?;
        let key = (x.module.clone(), x.name.clone());
        let site = match self.xcalls.sites.get_index_of(&key) {
            Some(i) => i,
            None => {
                self.xcalls.sites.insert(key, x.clone());
                self.xcalls.sites.len() - 1
            }
        };
        self.xcalls.calls.insert(e.id, XCall { site, binds });
        Some(self.externs.localize(&x.result_ty()))
    }

    /// The native class of another compiled module that `e` names (`C` after
    /// `from m import C`, `m.C`): calling it makes one of its instances (or whatever
    /// the name holds then: `Foreign` is only a hint).
    fn foreign_class_named(&self, e: &Expr) -> Option<&XClass> {
        self.externs.modules?;
        let (sem, func_scope, comp) = (self.sem, self.func, &self.comp);
        let is_global = |n: &str| {
            !comp.iter().any(|s| s.contains_key(n))
                && sem.resolve(func_scope, n) == NameRes::Global
                && !sem.early_bound.contains_key(n)
                && sem.native_named(n).is_none()
        };
        xmod::class_named(sem, &self.externs, e, &is_global)
    }

    fn call_ty(&mut self, func: &Expr, args: &[Expr], arg_tys: &[Ty], no_kw: bool) -> Ty {
        if let ExprKind::Attribute { value, attr } = &func.kind {
            let recv = self.expr(value);
            self.exprs.set(func.id, Ty::Object);
            if let Ty::Instance(c) | Ty::OptInstance(c) = &recv {
                return match method_of(self.sem, c, &attr.name) {
                    Some(fi) => self.sigs.get(fi).map_or(Ty::Object, |s| s.ret.clone()),
                    None => Ty::Object,
                };
            }
            if let Ty::Foreign(c) | Ty::OptForeign(c) = &recv {
                return match self
                    .externs
                    .class(c)
                    .and_then(|x| x.methods.get(&attr.name))
                {
                    Some(m) => self.externs.localize(&m.sig.result_ty()),
                    None => Ty::Object,
                };
            }
            if let Some(x) = self.foreign_class_named(func) {
                return Ty::Foreign(x.qualified());
            }
            // `d.get(k, default)` / `d.setdefault(k, default)` of a dict whose values
            // are numbers, strs or bools, with a default of that type: a value of it
            // (checked as a dict value, as `d[k]` is).
            if let Ty::Dict(_, v) = &recv
                && matches!(attr.name.as_str(), "get" | "setdefault")
                && no_kw
                && matches!(**v, Ty::Int | Ty::Float | Ty::Str | Ty::Bool)
                && arg_tys.len() == 2
                && arg_tys[1] == **v
                && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            {
                return (**v).clone();
            }
            return method_ty(&recv, &attr.name);
        }
        let name = match &func.kind {
            ExprKind::Name(n) => n.clone(),
            _ => {
                self.expr(func);
                return Ty::Object;
            }
        };
        self.expr(func);
        let in_comp = self.comp.iter().any(|s| s.contains_key(&name));
        if in_comp {
            return Ty::Object;
        }
        match self.sem.resolve(self.func, &name) {
            NameRes::Local | NameRes::Cell | NameRes::Free => Ty::Object,
            NameRes::Global => match self.sem.early_bound.get(&name) {
                Some(&fi) => self.sigs.get(fi).map_or(Ty::Object, |s| s.ret.clone()),
                None if self.sem.native_named(&name).is_some() => Ty::Instance(name),
                None if let Some(x) = self.foreign_class_named(func) => Ty::Foreign(x.qualified()),
                None if let Some(&fi) = self.sem.generator_fns.get(&name) => self
                    .sigs
                    .get(fi)
                    .map_or(Ty::Object, |s| s.call_result.clone()),
                None => Ty::Object,
            },
            NameRes::Builtin => {
                let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
                if starred {
                    return Ty::Object;
                }
                builtin_ty(&name, arg_tys, no_kw)
            }
        }
    }
}

/// The types of the items of `ty` that the targets `items` receive when unpacked
/// (`a, *b, c = t`): the known item types of a fixed-length tuple (a starred target
/// receives a list), object otherwise.
pub fn unpacked_tys(ty: &Ty, items: &[Expr]) -> Vec<Ty> {
    let star = items
        .iter()
        .position(|t| matches!(t.kind, ExprKind::Starred(_)));
    items
        .iter()
        .enumerate()
        .map(|(i, _)| match (ty, star) {
            (_, Some(s)) if s == i => Ty::any_list(),
            (Ty::Tuple(ts), None) if ts.len() == items.len() => ts[i].clone(),
            (Ty::Tuple(ts), Some(s)) if ts.len() + 1 >= items.len() => {
                if i < s {
                    ts[i].clone()
                } else {
                    // Counted from the end.
                    ts[ts.len() + i - items.len()].clone()
                }
            }
            _ => Ty::Object,
        })
        .collect()
}

/// Is `name` read by the class body itself (a helper called there or used as a
/// decorator)? Then its first parameter is not necessarily an instance.
fn used_in_class_body(module: &ast::Module, stmt_index: usize, name: &str) -> bool {
    let Some(StmtKind::ClassDef(c)) = module.body.get(stmt_index).map(|s| &s.kind) else {
        return false;
    };
    fn in_expr(e: &Expr, name: &str) -> bool {
        if matches!(&e.kind, ExprKind::Name(n) if n == name) {
            return true;
        }
        let mut found = false;
        oxyc_sema::each_expr_child(e, &mut |c| found |= in_expr(c, name));
        found
    }
    c.body.iter().any(|s| match &s.kind {
        StmtKind::FunctionDef(f) => f
            .decorators
            .iter()
            .chain(f.params.all().filter_map(|p| p.default.as_ref()))
            .any(|e| in_expr(e, name)),
        _ => {
            let mut found = false;
            oxyc_sema::each_child(s, &mut |c| {
                if let oxyc_sema::Child::Expr(e) = c {
                    found |= in_expr(e, name);
                }
            });
            found
        }
    })
}

fn mentions_not_implemented(body: &[Stmt]) -> bool {
    fn in_expr(e: &Expr) -> bool {
        if matches!(&e.kind, ExprKind::Name(n) if n == "NotImplemented") {
            return true;
        }
        let mut found = false;
        oxyc_sema::each_expr_child(e, &mut |c| found |= in_expr(c));
        found
    }
    fn in_stmt(s: &Stmt) -> bool {
        let mut found = false;
        oxyc_sema::each_child(s, &mut |c| {
            found |= match c {
                oxyc_sema::Child::Stmt(s) => in_stmt(s),
                oxyc_sema::Child::Expr(e) | oxyc_sema::Child::Target(e) => in_expr(e),
            }
        });
        found
    }
    body.iter().any(in_stmt)
}

/// Does the body assign to the first parameter (`self = ...`)? Then it is not typed as
/// an instance.
/// The names annotations read as builtin or `typing` types (`int`, `list`, `List`,
/// `Optional`, `Iterator`...).
const ANNOTATION_NAMES: &[&str] = &[
    "int",
    "float",
    "bool",
    "str",
    "bytes",
    "bytearray",
    "list",
    "dict",
    "tuple",
    "set",
    "List",
    "Dict",
    "Tuple",
    "Set",
    "Optional",
    "Union",
    "Final",
    "Iterator",
    "Iterable",
    "Generator",
    "Collection",
    "Sequence",
];

/// Modules whose attributes an annotation may name with the meaning of a builtin or
/// `typing` type (`typing.List`, `t.Optional` after `import typing as t`).
const TYPING_MODULES: &[&str] = &["typing", "typing_extensions", "builtins", "collections.abc"];

/// Which of `ANNOTATION_NAMES` the module binds to something else than the builtin or
/// `typing` type, anywhere (a class of its own, `from .core import Dict`, an
/// assignment in a class body or a function, `global Dict`), or may through a star
/// import (the capitalised ones, unless imported from `typing` by name after it).
fn shadowed_annotation_names(module: &ast::Module, sem: &SemModule) -> HashSet<&'static str> {
    /// Is this `from M import ...` from a typing-like module?
    fn from_typing(s: &ast::Stmt) -> Option<&[ast::Alias]> {
        match &s.kind {
            StmtKind::ImportFrom {
                module,
                names,
                level: 0,
            } if module
                .as_deref()
                .is_some_and(|m| TYPING_MODULES.contains(&m)) =>
            {
                Some(names)
            }
            _ => None,
        }
    }
    fn walk(s: &ast::Stmt, other: &mut HashSet<String>) {
        // What the statement itself binds (the statements nested in it are walked).
        let mut bound = Vec::new();
        match &s.kind {
            _ if from_typing(s).is_some() => {
                for a in from_typing(s).unwrap_or_default() {
                    if let Some(n) = &a.asname
                        && n.name != a.name
                    {
                        bound.push(n.name.clone());
                    }
                }
            }
            StmtKind::FunctionDef(f) => bound.push(f.name.name.clone()),
            StmtKind::ClassDef(c) => bound.push(c.name.name.clone()),
            StmtKind::For { target, .. } => oxyc_sema::target_names(target, &mut bound),
            StmtKind::With { items, .. } => {
                for it in items {
                    if let Some(v) = &it.optional_vars {
                        oxyc_sema::target_names(v, &mut bound);
                    }
                }
            }
            StmtKind::Try { handlers, .. } => bound.extend(
                handlers
                    .iter()
                    .filter_map(|h| h.name.as_ref().map(|n| n.name.clone())),
            ),
            StmtKind::Match { cases, .. } => {
                for case in cases {
                    oxyc_sema::pattern_names(&case.pattern, &mut bound);
                }
            }
            StmtKind::If { .. } | StmtKind::While { .. } => {}
            _ => {
                let mut globals = Vec::new();
                oxyc_sema::bound_names(std::slice::from_ref(s), &mut bound, &mut globals);
            }
        }
        other.extend(bound);
        match &s.kind {
            StmtKind::FunctionDef(f) => f.body.iter().for_each(|s| walk(s, other)),
            StmtKind::ClassDef(c) => c.body.iter().for_each(|s| walk(s, other)),
            _ => oxyc_sema::each_child(s, &mut |c| {
                if let oxyc_sema::Child::Stmt(inner) = c {
                    walk(inner, other);
                }
            }),
        }
    }
    let mut other = HashSet::new();
    module.body.iter().for_each(|s| walk(s, &mut other));
    // A star import may bind any name; a `from typing import X` after the last one
    // binds X again.
    let last_star = module.body.iter().rposition(|s| {
        matches!(&s.kind, StmtKind::ImportFrom { names, .. } if names.iter().any(|a| a.name == "*"))
    });
    let typing_after = |n: &str| {
        module.body.iter().enumerate().any(|(i, s)| {
            last_star.is_some_and(|l| i > l)
                && from_typing(s)
                    .is_some_and(|names| names.iter().any(|a| a.name == n && a.asname.is_none()))
        })
    };
    ANNOTATION_NAMES
        .iter()
        .copied()
        .filter(|&n| {
            other.contains(n)
                || (sem.star_import
                    && n.starts_with(|c: char| c.is_ascii_uppercase())
                    && !typing_after(n))
        })
        .collect()
}

/// The names the module binds to a module of `TYPING_MODULES` (`import typing`,
/// `import typing as t`).
/// Module globals that look like sentinels: declared `Any` or `object`
/// (`_UNSET: Any = object()`), or bound to a bare `object()` (`MISSING = object()`).
/// A parameter defaulting to one takes any object (see `sigs`): the default is not
/// of the annotated type, which mypy allows for `Any` and the interpreter for all.
fn sentinel_globals(module: &ast::Module, typing_aliases: &HashSet<String>) -> HashSet<String> {
    // `from typing import Any as AnyT`
    let mut any_names: HashSet<&str> = HashSet::from(["Any"]);
    for s in &module.body {
        if let StmtKind::ImportFrom {
            module: Some(m),
            names,
            level: 0,
        } = &s.kind
            && TYPING_MODULES.contains(&m.as_str())
        {
            for a in names.iter().filter(|a| a.name == "Any") {
                if let Some(alias) = &a.asname {
                    any_names.insert(alias.name.as_str());
                }
            }
        }
    }
    let dynamic = |e: &Expr| match &e.kind {
        ExprKind::Name(n) => any_names.contains(n.as_str()) || n == "object",
        ExprKind::Attribute { value, attr } => {
            attr.name == "Any"
                && matches!(&value.kind, ExprKind::Name(m) if typing_aliases.contains(m.as_str()))
        }
        _ => false,
    };
    let object_call = |e: &Expr| {
        matches!(&e.kind, ExprKind::Call { func, args, keywords }
            if args.is_empty() && keywords.is_empty()
                && matches!(&func.kind, ExprKind::Name(n) if n == "object"))
    };
    let mut out = HashSet::new();
    for s in &module.body {
        match &s.kind {
            StmtKind::AnnAssign {
                target,
                annotation,
                simple: true,
                ..
            } if dynamic(annotation) => {
                if let ExprKind::Name(n) = &target.kind {
                    out.insert(n.clone());
                }
            }
            StmtKind::Assign { targets, value } if object_call(value) => {
                for t in targets {
                    if let ExprKind::Name(n) = &t.kind {
                        out.insert(n.clone());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn typing_module_aliases(module: &ast::Module) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in &module.body {
        if let StmtKind::Import(aliases) = &s.kind {
            for a in aliases {
                if TYPING_MODULES.contains(&a.name.as_str()) {
                    match &a.asname {
                        Some(n) => {
                            out.insert(n.name.clone());
                        }
                        None if !a.name.contains('.') => {
                            out.insert(a.name.clone());
                        }
                        None => {}
                    }
                }
            }
        }
    }
    out
}

fn rebinds_first_param(def: &ast::FunctionDef) -> bool {
    def.params
        .positional()
        .next()
        .is_some_and(|first| rebinds_param(def, first))
}

/// Does the body of `def` bind parameter `p` again (or delete it), or may a function
/// nested in it (`nonlocal p`)?
fn rebinds_param(def: &ast::FunctionDef, p: &ast::Param) -> bool {
    let mut bound = Vec::new();
    let mut globals = Vec::new();
    oxyc_sema::bound_names(&def.body, &mut bound, &mut globals);
    bound.contains(&p.name.name) || def.body.iter().any(|s| declares_nonlocal(s, &p.name.name))
}

/// Is `name` declared nonlocal in `s` or in anything nested in it (at any depth: a
/// class body in between does not count as a scope for it)?
fn declares_nonlocal(s: &ast::Stmt, name: &str) -> bool {
    match &s.kind {
        StmtKind::Nonlocal(names) => names.iter().any(|n| n.name == name),
        StmtKind::FunctionDef(f) => f.body.iter().any(|s| declares_nonlocal(s, name)),
        StmtKind::ClassDef(c) => c.body.iter().any(|s| declares_nonlocal(s, name)),
        _ => {
            let mut found = false;
            oxyc_sema::each_child(s, &mut |c| {
                if let oxyc_sema::Child::Stmt(inner) = c {
                    found |= declares_nonlocal(inner, name);
                }
            });
            found
        }
    }
}

/// The field `name` of native class `class` (or of a native base): the index of the
/// class that declares it, and its type.
pub fn field_ty<'t>(
    sem: &SemModule,
    fields: &'t [IndexMap<String, Ty>],
    class: &str,
    name: &str,
) -> Option<(usize, &'t Ty)> {
    let mut c = sem.native_named(class);
    while let Some(ci) = c {
        if let Some(t) = fields.get(ci).and_then(|f| f.get(name)) {
            return Some((ci, t));
        }
        c = sem.native[ci].base;
    }
    None
}

/// The compiled plain method `name` of native class `class` (or of a native base), as
/// an index into `SemModule::functions`: what `obj.name(...)` calls when nothing
/// overrides it.
pub fn method_of(sem: &SemModule, class: &str, name: &str) -> Option<usize> {
    if oxyc_sema::is_implicit_classlevel(name) {
        return None;
    }
    // (Calling a generator method makes a generator: no direct call.)
    method_def_of(sem, class, name).filter(|&fi| {
        let f = &sem.functions[fi];
        !f.is_generator && f.def().is_some_and(|d| d.decorators.is_empty())
    })
}

/// The compiled coroutine method (`async def`, undecorated) that `name` resolves to
/// on native class `class`, as `method_of` finds plain methods.
pub fn coroutine_method_of(sem: &SemModule, class: &str, name: &str) -> Option<usize> {
    method_def_of(sem, class, name).filter(|&fi| {
        let f = &sem.functions[fi];
        f.is_generator
            && f.is_async
            && !f.is_async_gen
            && f.def().is_some_and(|d| d.decorators.is_empty())
    })
}

/// The compiled `def` that `name` resolves to on native class `class` (its own or
/// a base's), unless the class body binds the name again: a decorated method is
/// whatever its decorators return, and a name bound again is not the `def`.
fn method_def_of(sem: &SemModule, class: &str, name: &str) -> Option<usize> {
    let mut c = sem.native_named(class);
    while let Some(ci) = c {
        let k = &sem.native[ci];
        if k.class_attrs.contains(name) {
            if k.rebound.contains(name) {
                return None;
            }
            return sem.functions.iter().rposition(|f| {
                f.stmt_index == k.stmt_index && f.name == name && f.method_of.is_some()
            });
        }
        c = k.base;
    }
    None
}

/// The method behind a binary operator (`__add__` for `+`).
pub fn binop_dunder(op: BinOp) -> &'static str {
    use BinOp::*;
    match op {
        Add => "__add__",
        Sub => "__sub__",
        Mult => "__mul__",
        MatMult => "__matmul__",
        Div => "__truediv__",
        FloorDiv => "__floordiv__",
        Mod => "__mod__",
        Pow => "__pow__",
        LShift => "__lshift__",
        RShift => "__rshift__",
        BitAnd => "__and__",
        BitOr => "__or__",
        BitXor => "__xor__",
    }
}

/// The method behind a unary operator (`not` has none).
pub fn unary_dunder(op: UnaryOp) -> Option<&'static str> {
    match op {
        UnaryOp::USub => Some("__neg__"),
        UnaryOp::UAdd => Some("__pos__"),
        UnaryOp::Invert => Some("__invert__"),
        UnaryOp::Not => None,
    }
}

impl Cx<'_> {
    /// A binary operator whose left operand is a native instance is typed by the
    /// compiled dunder method's return annotation.
    fn binop_ty(&self, op: BinOp, l: &Ty, r: &Ty, right: &Expr) -> Ty {
        if let Some(c) = l.native_class()
            && let Some(fi) = method_of(self.sem, c, binop_dunder(op))
        {
            return self.sigs.get(fi).map_or(Ty::Object, |s| s.ret.clone());
        }
        // (Another module's native class: its method table's annotation, a hint.)
        if let Ty::Foreign(c) = l
            && let Some(m) = self
                .externs
                .class(c)
                .and_then(|x| x.methods.get(binop_dunder(op)))
        {
            return m.sig.result_ty();
        }
        binop_ty(op, l, r, right)
    }
}

fn is_nonneg_int_literal(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Int(IntLit::Small(v)) if *v >= 0)
}

pub fn binop_ty(op: BinOp, l: &Ty, r: &Ty, right: &Expr) -> Ty {
    use BinOp::*;
    if l.is_intlike() && r.is_intlike() {
        return match op {
            Add | Sub | Mult | FloorDiv | Mod | LShift | RShift => Ty::Int,
            BitAnd | BitOr | BitXor => {
                if *l == Ty::Bool && *r == Ty::Bool {
                    Ty::Bool
                } else {
                    Ty::Int
                }
            }
            Div => Ty::Float,
            Pow if is_nonneg_int_literal(right) => Ty::Int,
            _ => Ty::Object,
        };
    }
    if l.is_numeric() && r.is_numeric() {
        // At least one float.
        return match op {
            Add | Sub | Mult | Div | FloorDiv | Mod => Ty::Float,
            Pow if *l == Ty::Float && r.is_intlike() => Ty::Float,
            _ => Ty::Object,
        };
    }
    match (op, l, r) {
        (Add, Ty::Str, Ty::Str) => Ty::Str,
        (Mult, Ty::Str, t) | (Mult, t, Ty::Str) if t.is_intlike() => Ty::Str,
        (Add, Ty::List(_), Ty::List(_)) => Ty::any_list(),
        (Mult, Ty::List(_), t) | (Mult, t, Ty::List(_)) if t.is_intlike() => Ty::any_list(),
        _ => Ty::Object,
    }
}

fn subscript_ty(v: &Ty, i: &Ty, index: &Expr) -> Ty {
    let is_slice = matches!(index.kind, ExprKind::Slice { .. });
    match v {
        Ty::Str if is_slice || i.is_intlike() => Ty::Str,
        Ty::List(e) if i.is_intlike() && !is_slice => (**e).clone(),
        Ty::List(e) if is_slice => Ty::List(e.clone()),
        Ty::Bytes | Ty::ByteArray if i.is_intlike() && !is_slice => Ty::Int,
        Ty::ByteArray if is_slice => Ty::ByteArray,
        Ty::Bytes if is_slice => Ty::Bytes,
        Ty::Tuple(ts) if !is_slice => {
            let k = match &index.kind {
                ExprKind::Int(IntLit::Small(k)) => Some(*k),
                ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand,
                } => match &operand.kind {
                    ExprKind::Int(IntLit::Small(k)) => Some(-*k),
                    _ => None,
                },
                _ => None,
            };
            match k {
                Some(k) => {
                    let n = ts.len() as i64;
                    let idx = if k < 0 { k + n } else { k };
                    if (0..n).contains(&idx) {
                        ts[idx as usize].clone()
                    } else {
                        Ty::Object
                    }
                }
                None => Ty::Object,
            }
        }
        Ty::TupleVar(e) if i.is_intlike() && !is_slice => (**e).clone(),
        Ty::Tuple(_) | Ty::TupleVar(_) if is_slice => Ty::TupleVar(Box::new(Ty::Object)),
        Ty::Dict(_, val) => (**val).clone(),
        _ => Ty::Object,
    }
}

fn method_ty(recv: &Ty, name: &str) -> Ty {
    match recv {
        Ty::Str => match name {
            "upper" | "lower" | "strip" | "lstrip" | "rstrip" | "replace" | "join" | "format"
            | "capitalize" | "title" | "casefold" | "center" | "ljust" | "rjust" | "zfill"
            | "swapcase" | "expandtabs" | "removeprefix" | "removesuffix" => Ty::Str,
            "find" | "rfind" | "index" | "rindex" | "count" => Ty::Int,
            "startswith" | "endswith" | "isdigit" | "isalpha" | "isspace" | "isupper"
            | "islower" | "isalnum" | "isnumeric" | "isdecimal" | "isidentifier"
            | "isprintable" | "istitle" | "isascii" => Ty::Bool,
            "split" | "rsplit" | "splitlines" => Ty::list(Ty::Str),
            "partition" | "rpartition" => Ty::Tuple(vec![Ty::Str, Ty::Str, Ty::Str]),
            "encode" => Ty::Bytes,
            _ => Ty::Object,
        },
        Ty::List(e) => match name {
            "append" | "insert" | "extend" | "clear" | "sort" | "reverse" | "remove" => Ty::None,
            "pop" => (**e).clone(),
            "index" | "count" => Ty::Int,
            "copy" => Ty::List(e.clone()),
            _ => Ty::Object,
        },
        _ => Ty::Object,
    }
}

fn builtin_ty(name: &str, args: &[Ty], no_kw: bool) -> Ty {
    let n = args.len();
    let all = |p: fn(&Ty) -> bool| n > 0 && args.iter().all(p);
    match name {
        "len" | "ord" | "hash" | "id" => Ty::Int,
        "int" if no_kw => Ty::Int,
        "float" if no_kw => Ty::Float,
        "bool" => Ty::Bool,
        "str" if n <= 1 && no_kw => Ty::Str,
        "repr" | "chr" | "ascii" | "bin" | "hex" | "oct" | "format" => Ty::Str,
        "isinstance" | "issubclass" | "callable" | "hasattr" => Ty::Bool,
        "abs" if n == 1 => match &args[0] {
            Ty::Int | Ty::Bool => Ty::Int,
            Ty::Float => Ty::Float,
            _ => Ty::Object,
        },
        "round" if n == 1 && no_kw && args[0].is_numeric() => Ty::Int,
        "round" if n == 2 && no_kw => match (&args[0], &args[1]) {
            (Ty::Float, t) if t.is_intlike() => Ty::Float,
            (Ty::Int, t) if t.is_intlike() => Ty::Int,
            _ => Ty::Object,
        },
        // (Of a container: its items' type, checked on the result.)
        "sum" if n == 1 && no_kw && matches!(items_of(&args[0]), Some(Ty::Int | Ty::Bool)) => {
            Ty::Int
        }
        "min" | "max" if n == 1 && no_kw => match (&args[0], items_of(&args[0])) {
            (_, Some(t @ (Ty::Int | Ty::Float))) | (Ty::List(_), Some(t @ Ty::Str)) => t.clone(),
            _ => Ty::Object,
        },
        "any" | "all" if n == 1 && no_kw => Ty::Bool,
        "min" | "max" if n >= 2 && no_kw => {
            if all(|t| *t == Ty::Int) {
                Ty::Int
            } else if all(|t| *t == Ty::Float) {
                Ty::Float
            } else if all(|t| *t == Ty::Str) {
                Ty::Str
            } else {
                Ty::Object
            }
        }
        "print" => Ty::None,
        "list" | "sorted" => Ty::any_list(),
        "dict" => Ty::any_dict(),
        "tuple" => Ty::TupleVar(Box::new(Ty::Object)),
        "set" => Ty::Set,
        "divmod" if n == 2 && all(|t| t.is_intlike()) => Ty::Tuple(vec![Ty::Int, Ty::Int]),
        "divmod" if n == 2 && all(|t| t.is_numeric()) => Ty::Tuple(vec![Ty::Float, Ty::Float]),
        _ => Ty::Object,
    }
}

/// The items' type of a list, tuple or iterator type.
fn items_of(t: &Ty) -> Option<&Ty> {
    match t {
        Ty::List(e) | Ty::TupleVar(e) | Ty::Iter(e) => Some(e),
        _ => None,
    }
}

/// The type of a module constant's literal value.
pub fn constant_ty(lit: &Expr) -> Ty {
    match &lit.kind {
        ExprKind::Int(_) => Ty::Int,
        ExprKind::Float(_) => Ty::Float,
        ExprKind::Str(_) => Ty::Str,
        ExprKind::Bool(_) => Ty::Bool,
        ExprKind::UnaryOp { operand, .. } => constant_ty(operand),
        _ => Ty::Object,
    }
}
