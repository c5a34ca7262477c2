//! Stage 4: typed AST -> IR.
//!
//! Lowers every compiled function (and the module body) to basic blocks of typed ops,
//! following the expression types of `oxyc_types`: `int`/`float`/`bool` values stay
//! unboxed, everything else goes through the generic boxed path. Emits no reference
//! counting (the refcount pass does that) but does emit every exception edge.

mod bind;
mod builder;
mod calls;
mod class;
mod closure;
mod coroutine;
mod dict_loop;
mod dunder;
mod expr;
mod format;
mod generator;
mod local_walk;
mod narrow;
mod pattern;
mod stmt;
mod token_local;
mod tuple_local;
mod vec_local;
mod word_local;
mod wrap64;
mod xclass;
mod zip_loop;

use std::collections::{HashMap, HashSet};

use builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{
    Const, ExecSnippet, FuncId, Function, OpKind, Param, RegKind, Static, Terminator, TupleParam,
};
use oxyc_sema::{ItemMode, SemModule};
use oxyc_syntax::ast::{self, ExprKind, StmtKind};
use oxyc_syntax::{Diagnostic, LineIndex};
use oxyc_types::{ModuleTypes, Ty};

/// Module-wide context shared by the function builders.
pub struct ModCx<'a> {
    pub module: &'a ast::Module,
    pub sem: &'a SemModule<'a>,
    pub types: &'a ModuleTypes,
    pub lines: &'a LineIndex,
    pub source: &'a str,
}

impl ModCx<'_> {
    pub fn line_of(&self, offset: u32) -> u32 {
        self.lines.line(offset)
    }
    /// The static holding the default of parameter `pname` of function `fi`.
    pub fn default_static(fi: usize, pname: &str) -> String {
        format!("default_{fi}_{pname}")
    }
}

/// The static through which item `index` (from 1) of function `fi`'s unboxed tuple
/// result moves from callee to caller (`OpKind::StoreRet`/`LoadRet`; the C name is
/// `oxy_s_` and this).
pub fn ret_static(fi: usize, index: usize) -> String {
    format!("ret_{fi}_{index}")
}

pub fn build_module(
    cx: &ModCx<'_>,
    module_name: &str,
    path: &str,
) -> Result<oxyc_ir::Module, Vec<Diagnostic>> {
    let mut functions = Vec::new();
    let mut statics = Vec::new();
    // The classes of methods that are not top-level statements (`FuncScope::class_slot`).
    let mut slots: Vec<&str> = cx
        .sem
        .functions
        .iter()
        .filter_map(|f| f.class_slot.as_deref())
        .collect();
    slots.sort_unstable();
    slots.dedup();
    for slot in slots {
        statics.push(Static {
            name: slot.to_string(),
            ty: oxyc_ir::RType::Obj,
        });
    }
    let mut diags = Vec::new();
    for (fi, scope) in cx.sem.functions.iter().enumerate() {
        let sig = &cx.types.sigs[fi];
        let ftypes = &cx.types.funcs[fi];
        let (name, line, doc) = match scope.node {
            oxyc_sema::FuncNode::Def(def) => (
                def.display_name().to_string(),
                cx.line_of(def.name.span.start),
                def.docstring.clone(),
            ),
            oxyc_sema::FuncNode::Lambda(e) | oxyc_sema::FuncNode::GenExp(e) => {
                (scope.display_name.clone(), cx.line_of(e.span.start), None)
            }
        };
        let mut b = FnBuilder::new(cx, name.clone(), sig.ret.clone());
        b.scope = Some(scope);
        b.func_index = Some(fi);
        let unboxed = cx.types.unboxed_returns[fi].clone();
        if let Some(items) = &unboxed {
            for (i, t) in items.iter().enumerate().skip(1) {
                statics.push(Static {
                    name: ret_static(fi, i),
                    ty: rtype_of(t),
                });
            }
        }
        b.unboxed_ret = unboxed.clone();
        if let Some(def) = scope.def() {
            // (A lambda or generator expression has no walrus: sema refuses one.)
            b.walrus_targets = narrow::walrus_targets(&def.body);
        }
        if scope.method_of.is_some() {
            b.class_static = Some(class::class_static(scope.stmt_index));
        } else if let Some(slot) = &scope.class_slot {
            b.class_static = Some(slot.clone());
        }
        b.line = line;
        let has_closure = scope.has_closure();
        // A closure's defaults follow its cells in the closure tuple.
        let mut slot = scope.freevars.len() as u32;
        let mut params = Vec::new();
        let kinds = param_kinds(scope.parameters());
        let unboxed_params = cx.types.unboxed_params.get(fi).cloned().unwrap_or_default();
        for (i, (p, ty)) in scope.parameters().all().zip(&sig.params).enumerate() {
            let items = unboxed_params.get(i).cloned().flatten();
            // (An unboxed tuple parameter's own register holds its item 0.)
            let rt = match &items {
                Some(items) => rtype_of(&items[0]),
                None => rtype_of(ty),
            };
            let r = b.new_reg(rt, RegKind::Param, &p.name.name);
            match &items {
                Some(items) => {
                    b.split
                        .insert(p.name.name.clone(), vec![(r, items[0].clone())]);
                }
                None => {
                    b.locals.insert(p.name.name.clone(), r);
                }
            }
            b.local_tys.insert(p.name.name.clone(), ty.clone());
            let mut default_static = None;
            let mut default_slot = None;
            if p.default.is_some() {
                if has_closure {
                    default_slot = Some(slot);
                    slot += 1;
                } else {
                    let name = ModCx::default_static(fi, &p.name.name);
                    statics.push(Static {
                        name: name.clone(),
                        ty: rtype_of(ty),
                    });
                    default_static = Some(name);
                }
            }
            let tuple = items.map(|items| TupleParam {
                items: items
                    .iter()
                    .map(|t| (rtype_of(t), t.check_name()))
                    .collect(),
                shown: p
                    .annotation
                    .as_ref()
                    .and_then(|a| cx.source.get(a.span.range()))
                    .map_or_else(|| ty.to_string(), str::to_string),
            });
            params.push(Param {
                name: p.name.name.clone(),
                ty: rt,
                tuple,
                // (`*args` and `**kwargs` are made by the wrapper: nothing to check.)
                check: if kinds.is_collector(i) {
                    None
                } else {
                    ty.check_name()
                },
                default_static,
                default_slot,
            });
        }
        // The other items of the unboxed tuple parameters, after every parameter's own
        // register (see `Function::item_regs`).
        for (p, items) in scope.parameters().all().zip(&unboxed_params) {
            let (Some(items), name) = (items, &p.name.name) else {
                continue;
            };
            for (k, t) in items.iter().enumerate().skip(1) {
                let r = b.new_reg(rtype_of(t), RegKind::Param, &format!("{name}_{k}"));
                b.split
                    .entry(name.clone())
                    .or_default()
                    .push((r, t.clone()));
            }
        }
        // A local no other representation took (parameters are in `locals`), that no
        // nested function shares and no walrus binds: one that may live another way.
        let plain_local = |name: &String| {
            !b.locals.contains_key(name)
                && !b.split.contains_key(name)
                && !scope.cellvars.contains(name)
                && !scope.freevars.contains(name)
                && !b.walrus_targets.contains(name)
        };
        let split = match scope.def() {
            Some(def) if !scope.is_generator => {
                // Tuple locals kept as their items (see `tuple_local`).
                let candidates: HashMap<String, usize> = ftypes
                    .locals
                    .iter()
                    .filter(|(name, _)| plain_local(name))
                    .filter_map(|(name, ty)| {
                        tuple_local::splittable(ty).map(|items| (name.clone(), items.len()))
                    })
                    .collect();
                let callee = |e: &ast::Expr| {
                    let ast::ExprKind::Call { func, .. } = &e.kind else {
                        return None;
                    };
                    let ast::ExprKind::Name(f) = &func.kind else {
                        return None;
                    };
                    if cx.sem.resolve(Some(scope), f) != oxyc_sema::NameRes::Global {
                        return None;
                    }
                    cx.sem.early_bound.get(f.as_str()).copied()
                };
                let unboxed_call =
                    |e: &ast::Expr| cx.types.unboxed_returns[callee(e)?].as_ref().map(Vec::len);
                let unboxed_arg = |e: &ast::Expr, at: oxyc_types::split::ArgAt<'_>| {
                    let gi = callee(e)?;
                    let pi = oxyc_types::param_index(cx.sem.functions[gi].def()?, at)?;
                    cx.types.unboxed_params[gi].get(pi)?.as_ref().map(Vec::len)
                };
                let calls = oxyc_types::split::Calls {
                    unboxed_call: &unboxed_call,
                    unboxed_arg: &unboxed_arg,
                };
                if candidates.is_empty() {
                    HashSet::new()
                } else {
                    tuple_local::split_names(&def.body, &candidates, false, &calls)
                }
            }
            _ => HashSet::new(),
        };
        // Local lists of int tuples kept unboxed (see `vec_local`).
        let vecs = match scope.def() {
            Some(def) if !scope.is_generator => {
                let candidates: HashMap<String, usize> = ftypes
                    .locals
                    .iter()
                    .filter(|(name, _)| plain_local(name))
                    .filter_map(|(name, ty)| {
                        vec_local::int_tuple_list(ty).map(|k| (name.clone(), k))
                    })
                    .collect();
                if candidates.is_empty() {
                    HashSet::new()
                } else {
                    let ty_of = |e: &ast::Expr| cx.types.exprs.get(e.id).clone();
                    let len_builtin =
                        cx.sem.resolve(Some(scope), "len") == oxyc_sema::NameRes::Builtin;
                    vec_local::vec_names(&def.body, &candidates, &ty_of, len_builtin)
                }
            }
            _ => HashSet::new(),
        };
        // Str locals bound by `for t in s.split():` and only stripped (see
        // `token_local`).
        // (In a generator too: its registers live in its frame across a yield.)
        let tokens = match scope.def() {
            Some(def) => {
                let strs: HashSet<String> = ftypes
                    .locals
                    .iter()
                    .filter(|(name, ty)| **ty == Ty::Str && plain_local(name))
                    .map(|(name, _)| name.clone())
                    .collect();
                if strs.is_empty() {
                    HashSet::new()
                } else {
                    let ty_of = |e: &ast::Expr| cx.types.exprs.get(e.id).clone();
                    token_local::token_names(&def.body, &strs, &ty_of)
                }
            }
            _ => HashSet::new(),
        };
        b.enter_token_locals(&tokens);
        for (name, ty) in &ftypes.locals {
            if !b.locals.contains_key(name)
                && !b.split.contains_key(name)
                && !b.tokens.contains_key(name)
                && !scope.cellvars.contains(name)
                && !scope.freevars.contains(name)
            {
                if vecs.contains(name)
                    && let Some(k) = vec_local::int_tuple_list(ty)
                {
                    let r = b.new_reg(oxyc_ir::RType::Obj, RegKind::Local, name);
                    b.vecs.insert(name.clone(), (r, k));
                    b.local_tys.insert(name.clone(), ty.clone());
                    continue;
                }
                if split.contains(name)
                    && let Some(items) = tuple_local::splittable(ty)
                {
                    // The first item's register is the local's (its unbound state);
                    // the others are named after it. Made last item first: locals are
                    // released in the order of their registers, and a tuple releases
                    // its items last first.
                    let mut regs: Vec<_> = items
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(i, t)| {
                            let rname = match i {
                                0 => name.clone(),
                                _ => format!("{name}_{i}"),
                            };
                            (b.new_reg(rtype_of(t), RegKind::Local, &rname), t.clone())
                        })
                        .collect();
                    regs.reverse();
                    b.split.insert(name.clone(), regs);
                    b.local_tys.insert(name.clone(), ty.clone());
                    continue;
                }
                let r = b.new_reg(rtype_of(ty), RegKind::Local, name);
                b.locals.insert(name.clone(), r);
                b.local_tys.insert(name.clone(), ty.clone());
            }
        }
        b.closure_entry(scope, ftypes);
        // Int locals stored masked and characters read with ord() keep a word (see
        // `word_local`).
        if let Some(def) = scope.def()
            && !scope.is_generator
        {
            let of_type = |ty: Ty| -> HashSet<String> {
                b.locals
                    .keys()
                    .filter(|name| {
                        b.local_tys.get(*name) == Some(&ty)
                            && !scope.cellvars.contains(*name)
                            && !scope.freevars.contains(*name)
                            && !b.walrus_targets.contains(*name)
                    })
                    .cloned()
                    .collect()
            };
            let (ints, strs) = (of_type(Ty::Int), of_type(Ty::Str));
            if !ints.is_empty() || !strs.is_empty() {
                let names = word_local::word_names(&def.body, &ints, &strs);
                b.enter_word_locals(&names);
            }
        }
        match scope.node {
            oxyc_sema::FuncNode::Def(def) => {
                b.stmts(&def.body);
                let none = b.none();
                b.do_return(none);
            }
            oxyc_sema::FuncNode::Lambda(e) => {
                if let ast::ExprKind::Lambda { body, .. } = &e.kind {
                    let v = b.expr(body);
                    b.do_return(v);
                }
            }
            oxyc_sema::FuncNode::GenExp(e) => {
                b.genexp_body(e);
                let none = b.none();
                b.do_return(none);
            }
        }
        diags.append(&mut b.diags);
        functions.push(Function {
            id: FuncId(fi as u32),
            name,
            qualname: scope.qualname(),
            line,
            params,
            kinds,
            ret: match &unboxed {
                Some(items) => rtype_of(&items[0]),
                None => rtype_of(&sig.ret),
            },
            ret_extra: unboxed
                .iter()
                .flat_map(|items| items.iter().skip(1).map(rtype_of))
                .collect(),
            ret_check: match &unboxed {
                Some(_) => None,
                None => sig.ret.check_name(),
            },
            entry: oxyc_ir::BlockId(0),
            doc,
            annotations: annotation_sources(cx.source, scope.node),
            is_python_callable: true,
            has_closure,
            is_generator: scope.is_generator,
            is_coroutine: scope.is_async,
            is_async_gen: scope.is_async_gen,
            recursive: false,
            export: cx
                .types
                .interface
                .functions
                .get(&scope.name)
                .filter(|_| cx.sem.early_bound.get(&scope.name) == Some(&fi))
                .map(|x| x.sig),
            forwards: false,
            borrowing_copy_of: None,
            regs: std::mem::take(&mut b.regs),
            blocks: b.finish_blocks(),
        });
    }

    // The module body.
    let body_id = FuncId(functions.len() as u32);
    let mut b = FnBuilder::new(cx, "<module>".to_string(), Ty::None);
    // The module's docstring is its `__doc__`, set first, as the interpreter's module
    // code does (the statement itself then evaluates a constant and drops it).
    if let Some(stmt) = cx.module.body.first()
        && let StmtKind::Expr(e) = &stmt.kind
        && let ExprKind::Str(doc) = &e.kind
    {
        b.line = cx.line_of(stmt.span.start);
        let src = b.konst(Const::Str(doc.clone()), oxyc_ir::RType::Obj);
        b.emit(OpKind::StoreGlobal {
            name: "__doc__".to_string(),
            src,
        });
    }
    for (i, (stmt, mode)) in cx.module.body.iter().zip(&cx.sem.items).enumerate() {
        b.line = cx.line_of(stmt.span.start);
        match mode {
            ItemMode::Interpreted { reason, .. } => {
                let text = cx.source.get(stmt.span.range()).unwrap_or("");
                let pad = "\n".repeat(b.line.saturating_sub(1) as usize);
                b.snippets.push(ExecSnippet {
                    source: format!("{pad}{text}\n"),
                    reason: reason.clone(),
                });
                b.emit(OpKind::ExecSource {
                    index: (b.snippets.len() - 1) as u32,
                });
            }
            ItemMode::Compiled => match &stmt.kind {
                StmtKind::FunctionDef(def) => {
                    let Some(fi) = cx.sem.func_of_def(def) else {
                        continue;
                    };
                    if def.decorators.is_empty() {
                        b.store_defaults(fi, def);
                        b.emit(OpKind::DefineFunction {
                            func: FuncId(fi as u32),
                        });
                    } else {
                        b.def_stmt(def);
                    }
                }
                StmtKind::ClassDef(c) => {
                    statics.push(Static {
                        name: class::class_static(i),
                        ty: oxyc_ir::RType::Obj,
                    });
                    b.class_def(i, c, true);
                }
                _ => b.stmt(stmt),
            },
        }
    }
    let none = b.konst(Const::None, oxyc_ir::RType::Obj);
    b.terminate(Terminator::Return(none));
    diags.append(&mut b.diags);
    let snippets = std::mem::take(&mut b.snippets);
    functions.push(Function {
        id: body_id,
        name: "<module>".to_string(),
        qualname: "<module>".to_string(),
        line: 1,
        params: vec![],
        kinds: oxyc_ir::ParamKinds::default(),
        ret: oxyc_ir::RType::Obj,
        ret_extra: vec![],
        ret_check: None,
        entry: oxyc_ir::BlockId(0),
        doc: None,
        annotations: Vec::new(),
        is_python_callable: false,
        has_closure: false,
        is_generator: false,
        is_coroutine: false,
        is_async_gen: false,
        recursive: false,
        export: None,
        forwards: false,
        borrowing_copy_of: None,
        regs: std::mem::take(&mut b.regs),
        blocks: b.finish_blocks(),
    });
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let classes = cx
        .sem
        .native
        .iter()
        .zip(&cx.types.fields)
        .map(|(c, fields)| oxyc_ir::ClassLayout {
            name: c.name.clone(),
            base: c.base.map(|b| b as u32),
            fields: fields
                .iter()
                .map(|(n, t)| oxyc_ir::Field {
                    name: n.clone(),
                    ty: rtype_of(t),
                    check: t.check_name(),
                })
                .collect(),
            finalizer: c.class_attrs.contains("__del__"),
            dataclass: c.dataclass,
            getattr_hook: c.class_attrs.contains("__getattr__"),
            weakrefs: c.weakrefs,
            python_base: c.python_base,
            slotted: c.slotted,
            export: cx
                .types
                .interface
                .classes
                .get(&c.name)
                .map(|x| oxyc_ir::ClassExport {
                    layout: x.layout,
                    methods: x.methods.values().map(|m| FuncId(m.func as u32)).collect(),
                }),
        })
        .collect();
    let xclasses = cx
        .types
        .xclasses
        .iter()
        .map(|c| oxyc_ir::XClassLayout {
            qualified: c.qualified(),
            layout: c.layout,
            base: c.base.as_ref().and_then(|b| {
                cx.types
                    .xclasses
                    .iter()
                    .position(|k| k.module == c.module && &k.name == b)
                    .map(|i| i as u32)
            }),
            fields: c
                .fields
                .iter()
                .map(|(n, t)| oxyc_ir::Field {
                    name: n.clone(),
                    ty: rtype_of(t),
                    check: t.check_name(),
                })
                .collect(),
            weakrefs: c.weakrefs,
            methods: c
                .methods
                .iter()
                .map(|(n, m)| {
                    (
                        n.clone(),
                        m.sig.params.iter().map(|p| rtype_of(&p.ty)).collect(),
                        rtype_of(&m.sig.ret),
                    )
                })
                .collect(),
        })
        .collect();
    Ok(oxyc_ir::Module {
        classes,
        xclasses,
        name: module_name.to_string(),
        path: path.to_string(),
        functions,
        body: body_id,
        statics,
        snippets,
        future_annotations: cx.sem.future_annotations,
        extern_sites: cx
            .types
            .xsites
            .iter()
            .map(|x| oxyc_ir::ExternSite {
                qualified: format!("{}.{}", x.module, x.name),
                sig: x.sig,
                params: x.params.iter().map(|p| rtype_of(&p.ty)).collect(),
                ret: rtype_of(&x.ret),
            })
            .collect(),
    })
}

impl Val {
    pub fn new(reg: oxyc_ir::Reg, ty: Ty) -> Val {
        Val { reg, ty }
    }
}

#[cfg(test)]
mod tests;

/// How the parameters of a `def` or `lambda` bind.
fn param_kinds(p: &ast::Parameters) -> oxyc_ir::ParamKinds {
    oxyc_ir::ParamKinds {
        nposonly: p.posonly.len() as u32,
        npos: (p.posonly.len() + p.args.len()) as u32,
        varargs: p.vararg.is_some(),
        nkwonly: p.kwonly.len() as u32,
        varkw: p.kwarg.is_some(),
    }
}

/// The source text of a `def`'s annotations, parameters first, then `return`.
fn annotation_sources(source: &str, node: oxyc_sema::FuncNode) -> Vec<(String, String)> {
    let oxyc_sema::FuncNode::Def(def) = node else {
        return Vec::new();
    };
    let text = |e: &ast::Expr| source.get(e.span.range()).unwrap_or("").to_string();
    // (CPython 3.11's order: positional-or-keyword, positional-only, `*args`,
    // keyword-only, `**kwargs`.)
    let p = &def.params;
    let mut out: Vec<(String, String)> = p
        .args
        .iter()
        .chain(&p.posonly)
        .chain(&p.vararg)
        .chain(&p.kwonly)
        .chain(&p.kwarg)
        .filter_map(|p| Some((p.name.name.clone(), text(p.annotation.as_ref()?))))
        .collect();
    if let Some(r) = &def.returns {
        out.push(("return".to_string(), text(r)));
    }
    out
}
