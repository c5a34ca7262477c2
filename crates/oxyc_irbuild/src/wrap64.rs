//! Masked integer arithmetic: `(h ^ c) * P & 0xFFFFFFFFFFFFFFFF`.
//!
//! `x & M` with a literal `0 <= M < 2**64` depends only on the low 64 bits of `x`,
//! and the low 64 bits of a sum, difference, product, `^`, `|`, `&`, negation,
//! inversion or left shift (by a literal below 64) depend only on the low 64 bits
//! of the operands (Python ints behave as infinite two's complement). So such an
//! expression over `int` values is computed in wrapping 64-bit C arithmetic and
//! only the masked result becomes a Python int: hashes and random-number
//! generators that keep their state in 64 bits never touch a long int in between.
//! None of these operations can raise on ints, so nothing observable changes.

use crate::builder::{FnBuilder, Val};
use crate::word_local::WordKind;
use oxyc_ir::{Const, Prim, RType, Reg};
use oxyc_syntax::ast::{BinOp, Expr, ExprKind, IntLit, UnaryOp};
use oxyc_types::Ty;

/// The low 64 bits of an int literal (as the C word holds them).
fn literal_low64(lit: &IntLit) -> Option<i64> {
    match lit {
        IntLit::Small(v) => Some(*v),
        IntLit::Big(digits) => digits.parse::<u64>().ok().map(|v| v as i64),
    }
}

/// A non-negative literal below 2**64, as a mask.
fn mask_literal(e: &Expr) -> Option<i64> {
    match &e.kind {
        ExprKind::Int(lit) => match lit {
            IntLit::Small(v) if *v >= 0 => Some(*v),
            IntLit::Small(_) => None,
            IntLit::Big(_) => literal_low64(lit),
        },
        _ => None,
    }
}

impl<'a> FnBuilder<'a> {
    /// `left & right` where one side is a mask literal and the other an int
    /// expression worth computing in 64 bits; None when the pattern does not apply.
    pub fn masked_and(&mut self, left: &'a Expr, right: &'a Expr) -> Option<Val> {
        let w = self.masked_word(left, right)?;
        let out = self.prim(Prim::IntFromU64, vec![w]);
        Some(Val::new(out, Ty::Int))
    }

    /// `masked_and`'s value as the C word (non-negative below 2**64), before it
    /// becomes an int.
    pub fn masked_word(&mut self, left: &'a Expr, right: &'a Expr) -> Option<Reg> {
        let (mask, other) = match (mask_literal(left), mask_literal(right)) {
            (_, Some(m)) => (m, left),
            (Some(m), None) => (m, right),
            (None, None) => return None,
        };
        // Only an expression with at least one operation is worth it, and only if
        // every leaf is an int.
        if !matches!(
            other.kind,
            ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. }
        ) || !self.wrappable(other)
        {
            return None;
        }
        // Evaluation order: Python evaluates the left operand first.
        let (l, r) = if std::ptr::eq(other, left) {
            let v = self.wrap64(other);
            (v, self.konst(Const::Int(mask), RType::Ssize))
        } else {
            let m = self.konst(Const::Int(mask), RType::Ssize);
            (m, self.wrap64(other))
        };
        Some(self.prim(Prim::W64And, vec![l, r]))
    }

    /// Can `e` be computed in wrapping 64-bit arithmetic (its leaves are ints)?
    fn wrappable(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Int(_) => true,
            ExprKind::BinOp { left, op, right } => match op {
                BinOp::Add
                | BinOp::Sub
                | BinOp::Mult
                | BinOp::BitXor
                | BinOp::BitOr
                | BinOp::BitAnd => self.wrappable(left) && self.wrappable(right),
                BinOp::LShift => {
                    self.wrappable(left)
                        && matches!(&right.kind, ExprKind::Int(IntLit::Small(s)) if (0..64).contains(s))
                }
                _ => self.is_int(e),
            },
            ExprKind::UnaryOp {
                op: UnaryOp::USub | UnaryOp::Invert | UnaryOp::UAdd,
                operand,
            } => self.wrappable(operand),
            _ => self.is_int(e),
        }
    }

    fn is_int(&self, e: &Expr) -> bool {
        *self.cx.types.exprs.get(e.id) == Ty::Int
    }

    /// Evaluate a `wrappable` expression: the low 64 bits of its value.
    fn wrap64(&mut self, e: &'a Expr) -> Reg {
        match &e.kind {
            ExprKind::Int(lit) => {
                if let Some(v) = literal_low64(lit) {
                    return self.konst(Const::Int(v), RType::Ssize);
                }
            }
            ExprKind::BinOp { left, op, right } => {
                let prim = match op {
                    BinOp::Add => Some(Prim::W64Add),
                    BinOp::Sub => Some(Prim::W64Sub),
                    BinOp::Mult => Some(Prim::W64Mul),
                    BinOp::BitXor => Some(Prim::W64Xor),
                    BinOp::BitOr => Some(Prim::W64Or),
                    BinOp::BitAnd => Some(Prim::W64And),
                    BinOp::LShift => Some(Prim::W64Shl),
                    _ => None,
                };
                if let Some(prim) = prim {
                    let l = self.wrap64(left);
                    let r = self.wrap64(right);
                    return self.prim(prim, vec![l, r]);
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.wrap64(operand);
                return match op {
                    UnaryOp::USub => self.prim(Prim::W64Neg, vec![v]),
                    UnaryOp::Invert => self.prim(Prim::W64Invert, vec![v]),
                    _ => v,
                };
            }
            ExprKind::Name(n) => {
                if let Some(w) = self.word_local(e, WordKind::Masked) {
                    return self.load_word(n, w);
                }
            }
            ExprKind::Call { .. } => {
                if let Some([a]) = self.builtin_call_args(e, "ord", 1)
                    && let ExprKind::Name(n) = &a.kind
                    && let Some(w) = self.word_local(a, WordKind::Char)
                {
                    return self.char_ord_word(n, w);
                }
            }
            _ => {}
        }
        let v = self.expr(e);
        let i = self.coerce(&v, &Ty::Int, None);
        self.prim(Prim::IntLow64, vec![i])
    }
}
