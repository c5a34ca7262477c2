//! Binding a call's arguments to a compiled function's parameters at compile time,
//! as CPython binds them at run time: positional arguments in order, keywords by
//! name (never to positional-only parameters), extra positional arguments into
//! `*args`, unmatched keywords into `**kwargs`, defaults for the rest. A call that
//! would raise (missing, duplicate or unexpected arguments) has no plan: it takes the
//! generic path, which raises CPython's error.

use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{BuildKind, OpKind, RType, Reg};
use oxyc_syntax::ast::{FunctionDef, Keyword};

/// Where one parameter's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// Positional argument i.
    Arg(usize),
    /// Keyword argument k.
    Kw(usize),
    /// Its default value.
    Default,
    /// `*args`: the positional arguments from index i on.
    VarArgs(usize),
    /// `**kwargs`: these keyword arguments.
    VarKw(Vec<usize>),
}

/// The keyword names of a call, or None when one is `**mapping`.
pub fn keyword_names(keywords: &[Keyword]) -> Option<Vec<&str>> {
    keywords
        .iter()
        .map(|k| k.arg.as_ref().map(|a| a.name.as_str()))
        .collect()
}

/// How `nargs` positional arguments and keywords named `kws` bind to the parameters
/// of `def` after the first `skip` (a method's receiver), in the order of the `def`.
pub fn plan(def: &FunctionDef, skip: usize, nargs: usize, kws: &[&str]) -> Option<Vec<Bind>> {
    let ps = &def.params;
    let params: Vec<_> = ps.all().collect();
    let nposonly = ps.posonly.len();
    let npos = nposonly + ps.args.len();
    if skip > npos {
        return None;
    }
    let vararg_at = ps.vararg.as_ref().map(|_| npos);
    let kwonly_at = npos + usize::from(ps.vararg.is_some());
    let kwarg_at = ps.kwarg.as_ref().map(|_| params.len() - 1);
    let room = npos - skip;
    if nargs > room && vararg_at.is_none() {
        return None;
    }
    let mut out: Vec<Option<Bind>> = vec![None; params.len()];
    for (i, slot) in out.iter_mut().enumerate().skip(skip).take(nargs.min(room)) {
        *slot = Some(Bind::Arg(i - skip));
    }
    let mut extra = Vec::new();
    for (k, name) in kws.iter().enumerate() {
        let named = (nposonly.max(skip)..npos).chain(kwonly_at..kwonly_at + ps.kwonly.len());
        match named.into_iter().find(|&i| params[i].name.name == *name) {
            Some(i) if out[i].is_some() => return None,
            Some(i) => out[i] = Some(Bind::Kw(k)),
            // (A keyword naming the receiver or a positional-only parameter goes to
            // `**kwargs` when there is one.)
            None if kwarg_at.is_some() => extra.push(k),
            None => return None,
        }
    }
    let mut plan = Vec::new();
    for (i, slot) in out.into_iter().enumerate().skip(skip) {
        let b = if Some(i) == vararg_at {
            Bind::VarArgs(room.min(nargs))
        } else if Some(i) == kwarg_at {
            Bind::VarKw(extra.clone())
        } else if let Some(b) = slot {
            b
        } else if params[i].default.is_some() {
            Bind::Default
        } else {
            return None;
        };
        plan.push(b);
    }
    Some(plan)
}

impl<'a> FnBuilder<'a> {
    /// The argument registers for a direct call of function `fi` (parameters from
    /// `skip` on) following `plan`, from the evaluated arguments.
    pub fn bound_args(
        &mut self,
        fi: usize,
        skip: usize,
        plan: &[Bind],
        args: &[Val],
        kws: &[&str],
        kw_vals: &[Val],
    ) -> Vec<Reg> {
        let Some(def) = self.cx.sem.functions[fi].def() else {
            return Vec::new();
        };
        let tys = self.cx.types.sigs[fi].params.clone();
        let fname = def.name.name.clone();
        let params: Vec<_> = def.params.all().collect();
        let mut regs = Vec::new();
        for (j, b) in plan.iter().enumerate() {
            let i = j + skip;
            // (The plan was made from these parameters: every index is there.)
            let (Some(p), Some(pty)) = (params.get(i), tys.get(i)) else {
                continue;
            };
            let given = match b {
                Bind::Arg(a) => args.get(*a),
                Bind::Kw(k) => kw_vals.get(*k),
                _ => None,
            };
            let v = match b {
                Bind::Arg(_) | Bind::Kw(_) => match given {
                    Some(v) => v.clone(),
                    None => self.none(),
                },
                Bind::Default => {
                    let dst = self.temp(rtype_of(pty));
                    self.emit(OpKind::LoadStatic {
                        dst,
                        name: crate::ModCx::default_static(fi, &p.name.name),
                    });
                    regs.push(dst);
                    continue;
                }
                Bind::VarArgs(from) => {
                    let items: Vec<Reg> = args
                        .get(*from..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|v| self.box_val(v))
                        .collect();
                    let dst = self.temp(RType::Obj);
                    self.emit(OpKind::Build {
                        dst,
                        kind: BuildKind::Tuple,
                        items,
                    });
                    regs.push(dst);
                    continue;
                }
                Bind::VarKw(ks) => {
                    let mut keys = Vec::new();
                    let mut values = Vec::new();
                    for &k in ks {
                        if let (Some(name), Some(v)) = (kws.get(k), kw_vals.get(k)) {
                            keys.push(self.str_const(name));
                            values.push(self.box_val(v));
                        }
                    }
                    let dst = self.temp(RType::Obj);
                    self.emit(OpKind::BuildDict { dst, keys, values });
                    regs.push(dst);
                    continue;
                }
            };
            let what = format!("{fname}() argument '{}'", p.name.name);
            regs.push(self.coerce(&v, pty, Some(&what)));
        }
        regs
    }

    /// Evaluate a call's arguments in source order: positional, then keywords.
    pub fn eval_call_args(
        &mut self,
        args: &'a [oxyc_syntax::ast::Expr],
        keywords: &'a [Keyword],
    ) -> (Vec<Val>, Vec<Val>) {
        let a = args.iter().map(|e| self.expr(e)).collect();
        let k = keywords.iter().map(|kw| self.expr(&kw.value)).collect();
        (a, k)
    }
}
