//! Binding a call's arguments to a compiled function's parameters at compile time,
//! as CPython binds them at run time: positional arguments in order, keywords by
//! name (never to positional-only parameters), extra positional arguments into
//! `*args`, unmatched keywords into `**kwargs`, defaults for the rest. A call that
//! would raise (missing, duplicate or unexpected arguments) has no plan: it takes the
//! generic path, which raises CPython's error.

use std::collections::HashMap;

use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{BuildKind, Const, OpKind, Prim, RType, Reg};
use oxyc_syntax::ast::{FunctionDef, Keyword};
use oxyc_types::Ty;

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

/// What a call gives an unboxed tuple parameter (`oxyc_types::unboxed_params`).
#[derive(Debug, Clone)]
pub enum TupleArg {
    /// The items, evaluated in order without a tuple: those of a tuple display, of a
    /// tuple local kept as its items, or of a call returning its tuple unboxed.
    Items(Vec<Val>),
    /// A tuple object (any other expression): checked and unpacked.
    Tuple(Val),
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
        self.bound_args_items(fi, skip, plan, args, kws, kw_vals, &HashMap::new())
    }

    /// `bound_args` for a function with unboxed tuple parameters: `items` holds what
    /// the call gives each of them (by parameter index), whose items go in the
    /// parameter's place (item 0) and after every other argument (the others), as
    /// the native function takes them (`oxyc_ir::Function::item_regs`).
    #[allow(clippy::too_many_arguments)]
    pub fn bound_args_items(
        &mut self,
        fi: usize,
        skip: usize,
        plan: &[Bind],
        args: &[Val],
        kws: &[&str],
        kw_vals: &[Val],
        items: &HashMap<usize, TupleArg>,
    ) -> Vec<Reg> {
        let Some(def) = self.cx.sem.functions[fi].def() else {
            return Vec::new();
        };
        let mut tail = Vec::new();
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
            if let (Some(arg), Ty::Tuple(item_tys)) = (items.get(&i), pty) {
                let what = format!("{fname}() argument '{}'", p.name.name);
                let regs_of = self.tuple_arg_items(arg, item_tys, &what);
                let mut it = regs_of.into_iter();
                regs.extend(it.next());
                tail.extend(it);
                continue;
            }
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
                        class_cell: None,
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
        regs.extend(tail);
        regs
    }

    /// The items of an argument for an unboxed tuple parameter, each converted to its
    /// item type (`what` names the parameter): the items given, or those of the tuple
    /// object, checked to be a tuple of as many items first (TypeError otherwise, as
    /// the function's wrapper raises).
    fn tuple_arg_items(&mut self, arg: &TupleArg, tys: &[Ty], what: &str) -> Vec<Reg> {
        let vals = match arg {
            TupleArg::Items(vals) => vals.clone(),
            TupleArg::Tuple(v) => {
                let obj = self.coerce(v, &Ty::Tuple(tys.to_vec()), Some(what));
                let n = self.konst(Const::Int(tys.len() as i64), RType::Ssize);
                let shown = Ty::Tuple(tys.to_vec());
                let msg = self.str_const(&format!("{what} must be {shown}"));
                self.prim(Prim::TupleArgLen, vec![obj, n, msg]);
                (0..tys.len())
                    .map(|k| {
                        let idx = self.konst(Const::Int(k as i64), RType::Ssize);
                        let item = self.prim(Prim::TupleItemUnchecked, vec![obj, idx]);
                        Val::new(item, Ty::Object)
                    })
                    .collect()
            }
        };
        vals.iter()
            .zip(tys)
            .enumerate()
            .map(|(k, (v, t))| self.coerce(v, t, Some(&format!("{what} item {k}"))))
            .collect()
    }

    /// `eval_call_args` for a direct call following `plan` of a function with unboxed
    /// tuple parameters (`tparams`, by parameter): the argument of each such parameter
    /// gives its items when it can without a tuple (see `TupleArg`); its place in the
    /// values holds its first item or the tuple.
    pub fn eval_call_args_items(
        &mut self,
        args: &'a [oxyc_syntax::ast::Expr],
        keywords: &'a [Keyword],
        plan: &[Bind],
        tparams: &[Option<Vec<Ty>>],
    ) -> (Vec<Val>, Vec<Val>, HashMap<usize, TupleArg>) {
        let mut items = HashMap::new();
        let mut eval = |b: &mut Self, e: &'a oxyc_syntax::ast::Expr, bind: Bind| {
            let param = plan.iter().position(|x| *x == bind);
            match param.and_then(|i| Some((i, tparams.get(i)?.as_ref()?.len()))) {
                Some((i, k)) => {
                    let arg = b.tuple_arg(e, k);
                    let v = match &arg {
                        TupleArg::Items(vals) => vals.first().cloned(),
                        TupleArg::Tuple(v) => Some(v.clone()),
                    };
                    let v = v.unwrap_or_else(|| b.none());
                    items.insert(i, arg);
                    v
                }
                None => b.expr(e),
            }
        };
        let a = args
            .iter()
            .enumerate()
            .map(|(j, e)| eval(self, e, Bind::Arg(j)))
            .collect();
        let k = keywords
            .iter()
            .enumerate()
            .map(|(j, kw)| eval(self, &kw.value, Bind::Kw(j)))
            .collect();
        (a, k, items)
    }

    /// What argument `e` gives an unboxed tuple parameter of `k` items.
    fn tuple_arg(&mut self, e: &'a oxyc_syntax::ast::Expr, k: usize) -> TupleArg {
        if let Some(n) = self.split_local(e)
            && self.split[&n].len() == k
        {
            return TupleArg::Items(self.split_items(&n));
        }
        match self.items_without_tuple(e, k) {
            Some(Ok(vals)) => TupleArg::Items(vals),
            Some(Err(v)) => TupleArg::Tuple(v),
            None => TupleArg::Tuple(self.expr(e)),
        }
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
