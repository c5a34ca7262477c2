//! Stage 4: typed AST -> IR.
//!
//! Lowers every compiled function (and the module body) to basic blocks of typed ops,
//! following the expression types of `oxyc_types`: `int`/`float`/`bool` values stay
//! unboxed, everything else goes through the generic boxed path. Emits no reference
//! counting (the refcount pass does that) but does emit every exception edge.

mod builder;
mod calls;
mod class;
mod dunder;
mod expr;
mod narrow;
mod stmt;

use builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{Const, ExecSnippet, FuncId, Function, OpKind, Param, RegKind, Static, Terminator};
use oxyc_sema::{ItemMode, SemModule};
use oxyc_syntax::ast::{self, StmtKind};
use oxyc_syntax::{Diagnostic, LineIndex};
use oxyc_types::{ModuleTypes, Ty};

/// Module-wide context shared by the function builders.
pub struct ModCx<'a> {
    pub module: &'a ast::Module,
    pub sem: &'a SemModule,
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

pub fn build_module(
    cx: &ModCx<'_>,
    module_name: &str,
    path: &str,
) -> Result<oxyc_ir::Module, Vec<Diagnostic>> {
    let mut functions = Vec::new();
    let mut statics = Vec::new();
    let mut diags = Vec::new();
    for (fi, scope) in cx.sem.functions.iter().enumerate() {
        let Some(def) = scope.def(cx.module) else {
            continue;
        };
        let sig = &cx.types.sigs[fi];
        let ftypes = &cx.types.funcs[fi];
        let mut b = FnBuilder::new(cx, def.display_name().to_string(), sig.ret.clone());
        b.scope = Some(scope);
        b.func_index = Some(fi);
        b.walrus_targets = narrow::walrus_targets(&def.body);
        if scope.method_of.is_some() {
            b.class_static = Some(class::class_static(scope.stmt_index));
        }
        b.line = cx.line_of(def.name.span.start);
        let mut params = Vec::new();
        for (p, ty) in def.params.all().zip(&sig.params) {
            let r = b.new_reg(rtype_of(ty), RegKind::Param, &p.name.name);
            b.locals.insert(p.name.name.clone(), r);
            b.local_tys.insert(p.name.name.clone(), ty.clone());
            let default_static = p.default.as_ref().map(|_| {
                let name = ModCx::default_static(fi, &p.name.name);
                statics.push(Static {
                    name: name.clone(),
                    ty: rtype_of(ty),
                });
                name
            });
            params.push(Param {
                name: p.name.name.clone(),
                ty: rtype_of(ty),
                check: ty.check_name(),
                default_static,
            });
        }
        for (name, ty) in &ftypes.locals {
            if !b.locals.contains_key(name) {
                let r = b.new_reg(rtype_of(ty), RegKind::Local, name);
                b.locals.insert(name.clone(), r);
                b.local_tys.insert(name.clone(), ty.clone());
            }
        }
        b.stmts(&def.body);
        let none = b.none();
        b.do_return(none);
        diags.append(&mut b.diags);
        functions.push(Function {
            id: FuncId(fi as u32),
            name: def.display_name().to_string(),
            qualname: scope.qualname(),
            line: cx.line_of(def.name.span.start),
            params,
            ret: rtype_of(&sig.ret),
            ret_check: sig.ret.check_name(),
            entry: oxyc_ir::BlockId(0),
            doc: def.docstring.clone(),
            is_python_callable: true,
            recursive: false,
            regs: std::mem::take(&mut b.regs),
            blocks: b.finish_blocks(),
        });
    }

    // The module body.
    let body_id = FuncId(functions.len() as u32);
    let mut b = FnBuilder::new(cx, "<module>".to_string(), Ty::None);
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
                    let Some(fi) = cx
                        .sem
                        .functions
                        .iter()
                        .position(|f| f.stmt_index == i && f.method_of.is_none())
                    else {
                        continue;
                    };
                    b.store_defaults(fi, def);
                    b.emit(OpKind::DefineFunction {
                        func: FuncId(fi as u32),
                    });
                }
                StmtKind::ClassDef(c) => {
                    statics.push(Static {
                        name: class::class_static(i),
                        ty: oxyc_ir::RType::Obj,
                    });
                    b.class_def(i, c);
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
        ret: oxyc_ir::RType::Obj,
        ret_check: None,
        entry: oxyc_ir::BlockId(0),
        doc: None,
        is_python_callable: false,
        recursive: false,
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
        })
        .collect();
    Ok(oxyc_ir::Module {
        classes,
        name: module_name.to_string(),
        path: path.to_string(),
        functions,
        body: body_id,
        statics,
        snippets,
        future_annotations: cx.sem.future_annotations,
    })
}

impl Val {
    pub fn new(reg: oxyc_ir::Reg, ty: Ty) -> Val {
        Val { reg, ty }
    }
}

#[cfg(test)]
mod tests;
