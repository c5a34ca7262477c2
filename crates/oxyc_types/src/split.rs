//! Which tuple-typed names may live as their items (no tuple object).
//!
//! A name of a fixed-length tuple type (a local `p = (a, b)`, or a parameter
//! `p: tuple[int, float]`) whose every mention is one the items serve — unpacking
//! `x, y = p`, an index by a literal `p[0]`, `len(p)`, `del p`, passing it to a
//! parameter that takes its items (see `unboxed`), and for a local `return p` and
//! stores of a tuple display or of an unboxed tuple result — can be kept in one
//! register per item. The IR builder splits such locals (`oxyc_irbuild::tuple_local`);
//! `unboxed::unboxed_params` uses the same walk for parameters.

use std::collections::{HashMap, HashSet};

use oxyc_sema::{Child, each_child, each_expr_child};
use oxyc_syntax::ast::{Expr, ExprKind, IntLit, Stmt, StmtKind, UnaryOp};

/// Where an argument of a call goes: positional argument `j`, or keyword `name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgAt<'e> {
    Pos(usize),
    Kw(&'e str),
}

/// What the walk knows about the calls of the module.
pub struct Calls<'c> {
    /// The item count of a call's result when the callee returns a tuple unboxed.
    pub unboxed_call: &'c dyn Fn(&Expr) -> Option<usize>,
    /// The item count of the unboxed tuple parameter an argument of a call binds to.
    pub unboxed_arg: &'c dyn Fn(&Expr, ArgAt<'_>) -> Option<usize>,
}

/// The names among `candidates` (name -> item count) mentioned in `body` only in the
/// ways the items serve (see the module docs). Stores are served only from a tuple
/// display of as many items or from a call returning such a tuple unboxed. For
/// `params` (the candidates are parameters), a `return` is not served: the caller
/// would get a new tuple where CPython returns the argument itself.
pub fn split_names(
    body: &[Stmt],
    candidates: &HashMap<String, usize>,
    params: bool,
    calls: &Calls<'_>,
) -> HashSet<String> {
    let mut w = Walk {
        candidates,
        params,
        calls,
        mentions: HashMap::new(),
        served: HashMap::new(),
    };
    for s in body {
        w.stmt(s);
    }
    candidates
        .keys()
        .filter(|n| {
            let m = w.mentions.get(*n).copied().unwrap_or(0);
            m > 0 && w.served.get(*n).copied().unwrap_or(0) == m
        })
        .cloned()
        .collect()
}

struct Walk<'c> {
    candidates: &'c HashMap<String, usize>,
    params: bool,
    calls: &'c Calls<'c>,
    /// Every mention of a candidate (loads and stores).
    mentions: HashMap<String, usize>,
    /// The mentions the items serve.
    served: HashMap<String, usize>,
}

impl Walk<'_> {
    /// The candidate `e` names, with its item count.
    fn candidate<'e>(&self, e: &'e Expr) -> Option<(&'e str, usize)> {
        match &e.kind {
            ExprKind::Name(n) => self.candidates.get(n).map(|&k| (n.as_str(), k)),
            _ => None,
        }
    }

    fn serve(&mut self, n: &str) {
        *self.served.entry(n.to_string()).or_default() += 1;
    }

    /// Does `value` give a `k`-tuple's items without a tuple?
    fn items_source(&self, value: &Expr, k: usize) -> bool {
        match &value.kind {
            ExprKind::Tuple(elts) => {
                elts.len() == k && !elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)))
            }
            ExprKind::Call { .. } => (self.calls.unboxed_call)(value) == Some(k),
            _ => false,
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Assign { targets, value } if targets.len() == 1 => {
                if let Some((n, k)) = self.candidate(&targets[0])
                    && self.items_source(value, k)
                {
                    self.serve(n);
                }
                if let (ExprKind::Tuple(ts) | ExprKind::List(ts), Some((n, k))) =
                    (&targets[0].kind, self.candidate(value))
                    && ts.len() == k
                    && !ts.iter().any(|t| matches!(t.kind, ExprKind::Starred(_)))
                {
                    self.serve(n);
                }
            }
            StmtKind::AnnAssign {
                target,
                value: Some(value),
                ..
            } => {
                if let Some((n, k)) = self.candidate(target)
                    && self.items_source(value, k)
                {
                    self.serve(n);
                }
            }
            StmtKind::Return(Some(v)) if !self.params => {
                if let Some((n, _)) = self.candidate(v) {
                    self.serve(n);
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    if let Some((n, _)) = self.candidate(t) {
                        self.serve(n);
                    }
                }
            }
            _ => {}
        }
        each_child(s, &mut |c| match c {
            Child::Stmt(s) => self.stmt(s),
            Child::Expr(e) => self.expr(e),
            Child::Target(t) => self.target(t),
        });
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.mention(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i);
                }
            }
            ExprKind::Starred(inner) => self.target(inner),
            // `p[0] = x` or `p.a = x`: the tuple itself is mentioned (and not served).
            _ => {
                if let ExprKind::Subscript { value, index } = &t.kind
                    && let ExprKind::Name(n) = &value.kind
                {
                    self.mention(n);
                    self.expr(index);
                    return;
                }
                each_expr_child(t, &mut |e| self.expr(e));
            }
        }
    }

    fn mention(&mut self, n: &str) {
        if self.candidates.contains_key(n) {
            *self.mentions.entry(n.to_string()).or_default() += 1;
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.mention(n),
            ExprKind::Subscript { value, index } => {
                if let Some((n, k)) = self.candidate(value)
                    && literal_index(index, k).is_some()
                {
                    self.serve(n);
                }
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } if keywords.is_empty()
                && args.len() == 1
                && matches!(&func.kind, ExprKind::Name(f) if f == "len") =>
            {
                if let Some((n, _)) = self.candidate(&args[0]) {
                    self.serve(n);
                }
                each_expr_child(e, &mut |c| self.expr(c));
            }
            ExprKind::Call { args, keywords, .. } => {
                // An argument for a parameter that takes a tuple's items.
                if !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
                    for (j, a) in args.iter().enumerate() {
                        if let Some((n, k)) = self.candidate(a)
                            && (self.calls.unboxed_arg)(e, ArgAt::Pos(j)) == Some(k)
                        {
                            self.serve(n);
                        }
                    }
                    for kw in keywords {
                        if let Some(name) = &kw.arg
                            && let Some((n, k)) = self.candidate(&kw.value)
                            && (self.calls.unboxed_arg)(e, ArgAt::Kw(&name.name)) == Some(k)
                        {
                            self.serve(n);
                        }
                    }
                }
                each_expr_child(e, &mut |c| self.expr(c));
            }
            _ => each_expr_child(e, &mut |c| self.expr(c)),
        }
    }
}

/// The item a literal index `index` (negative ones from the end) names in a `k`-tuple.
pub fn literal_index(index: &Expr, k: usize) -> Option<usize> {
    let v = match &index.kind {
        ExprKind::Int(IntLit::Small(v)) => *v,
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => match &operand.kind {
            ExprKind::Int(IntLit::Small(v)) => -*v,
            _ => return None,
        },
        _ => return None,
    };
    let i = if v < 0 { v + k as i64 } else { v };
    (0..k as i64).contains(&i).then_some(i as usize)
}
