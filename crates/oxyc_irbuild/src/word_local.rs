//! Int locals that keep their low 64 bits in a machine word while stored masked.
//!
//! `h = ((h ^ c) * P) & 0xFFFFFFFFFFFFFFFF` is computed in 64-bit C arithmetic (see
//! `wrap64`), but storing the result into `h` makes a Python int every time: a long
//! int allocated, and freed at the next store, once the value passes 2**62. So an
//! `int` local that some statement stores that way (`n = <masked expression>`) has,
//! beside its ordinary register, a word and a "stale" flag:
//!
//! - a masked store sets the word and marks the register stale: the value is the
//!   word itself (the mask keeps it non-negative and below 2**64);
//! - every other store sets the register as always, the word to the value's low 64
//!   bits, and clears the flag;
//! - a read inside a masked expression takes the word (after the usual unbound
//!   check when the register is not stale: a masked store binds the local);
//! - every other read first makes the int from the word if the register is stale.
//!
//! So the int is made at most once per masked store, and only when something other
//! than masked arithmetic reads it. An int has no finalizer and no weak references,
//! and the one made later is equal to the one that would have been made at the
//! store, so nothing a program can observe changes.
//!
//! Characters are kept the same way: a `str` local bound by a `for ch in text:` loop
//! over an exact str, or stored from `text[i]`, whose value some statement tests the
//! way a tokenizer does — `ord(ch)`, `ch == "x"`, `ch != "x"`, `ch in "+-*/"`,
//! `ch.isdigit()` and the other `is...()` tests — keeps the code point as its word.
//! Those tests read the word; the 1-character string is made only for another read.
//! The string made later is the one the str iterator or `text[i]` would have given
//! (the same object for Latin-1 characters, which CPython caches, an equal one
//! otherwise). A str subclass (its `__iter__` or `__getitem__` may give anything)
//! gets the ordinary store.

use std::collections::{HashMap, HashSet};

use oxyc_ir::{BlockId, Const, OpKind, Prim, RType, Reg, RegKind};
use oxyc_sema::{Child, each_child, each_expr_child};
use oxyc_syntax::ast::{BinOp, CmpOp, Expr, ExprKind, Stmt, StmtKind};

use crate::builder::{FnBuilder, Val};
use oxyc_types::Ty;

/// What a word local's word holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// The low 64 bits of an int (the whole value after a masked store).
    Masked,
    /// The code point of a 1-character string (valid only while stale).
    Char,
}

/// The word and the stale flag of a local kept that way.
#[derive(Clone, Copy, Debug)]
pub struct Word {
    pub kind: WordKind,
    /// The low 64 bits of the local's value (`Ssize`), valid whenever it is bound.
    pub word: Reg,
    /// Set when the value is the word and the ordinary register is out of date.
    pub stale: Reg,
}

/// The word locals of a function whose body is `body`: the names among `ints` (int
/// locals) that some statement stores with a masked expression, and the names among
/// `strs` (str locals) that are a `for` loop's target or stored from a subscript, and
/// tested as a character.
pub fn word_names(
    body: &[Stmt],
    ints: &HashSet<String>,
    strs: &HashSet<String>,
) -> HashMap<String, WordKind> {
    let mut w = Walk {
        ints,
        strs,
        masked: HashSet::new(),
        char_sources: HashSet::new(),
        char_tests: HashSet::new(),
    };
    for s in body {
        w.stmt(s);
    }
    let mut out: HashMap<String, WordKind> = w
        .masked
        .into_iter()
        .map(|n| (n, WordKind::Masked))
        .collect();
    for n in w.char_sources.intersection(&w.char_tests) {
        out.insert(n.clone(), WordKind::Char);
    }
    out
}

struct Walk<'c> {
    ints: &'c HashSet<String>,
    strs: &'c HashSet<String>,
    masked: HashSet<String>,
    /// Loop targets and names stored from a subscript.
    char_sources: HashSet<String>,
    /// Names tested as a character somewhere.
    char_tests: HashSet<String>,
}

impl Walk<'_> {
    fn stmt(&mut self, s: &Stmt) {
        let store = match &s.kind {
            StmtKind::Assign { targets, value } if targets.len() == 1 => Some((&targets[0], value)),
            StmtKind::AnnAssign {
                target,
                value: Some(value),
                ..
            } => Some((target, value)),
            _ => None,
        };
        if let Some((target, value)) = store
            && let ExprKind::Name(n) = &target.kind
        {
            if self.ints.contains(n) && looks_masked(value) {
                self.masked.insert(n.clone());
            }
            if self.strs.contains(n) && item_subscript(value).is_some() {
                self.char_sources.insert(n.clone());
            }
        }
        if let StmtKind::For { target, .. } = &s.kind
            && let ExprKind::Name(n) = &target.kind
            && self.strs.contains(n)
        {
            self.char_sources.insert(n.clone());
        }
        each_child(s, &mut |c| match c {
            Child::Stmt(s) => self.stmt(s),
            Child::Expr(e) | Child::Target(e) => self.expr(e),
        });
    }

    fn expr(&mut self, e: &Expr) {
        let tested = match &e.kind {
            ExprKind::Call { func, args, .. } => match (&func.kind, &args[..]) {
                (ExprKind::Name(f), [arg]) if f == "ord" => Some(arg),
                (ExprKind::Attribute { value, attr }, [])
                    if char_test_kind(&attr.name).is_some() =>
                {
                    Some(&**value)
                }
                _ => None,
            },
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if char_compare(ops, comparators).is_some() => Some(&**left),
            _ => None,
        };
        if let Some(ExprKind::Name(n)) = tested.map(|t| &t.kind)
            && self.strs.contains(n)
        {
            self.char_tests.insert(n.clone());
        }
        each_expr_child(e, &mut |c| self.expr(c));
    }
}

/// `text[i]` (an index, not a slice): the sequence and the index.
pub fn item_subscript(e: &Expr) -> Option<(&Expr, &Expr)> {
    match &e.kind {
        ExprKind::Subscript { value, index } if !matches!(index.kind, ExprKind::Slice { .. }) => {
            Some((value, index))
        }
        _ => None,
    }
}

/// The `oxy_code_point_is` kind of a `str.is...()` test of one character.
pub fn char_test_kind(method: &str) -> Option<i64> {
    Some(match method {
        "isdigit" => 0,
        "isalpha" => 1,
        "isalnum" => 2,
        "isspace" => 3,
        "isdecimal" => 4,
        "isnumeric" => 5,
        "isascii" => 6,
        _ => return None,
    })
}

/// `x == "c"`, `x != "c"` (a 1-character literal), `x in "..."`, `x not in "..."`:
/// the operator and the literal.
pub fn char_compare<'e>(ops: &[CmpOp], comparators: &'e [Expr]) -> Option<(CmpOp, &'e str)> {
    let ([op], [c]) = (ops, comparators) else {
        return None;
    };
    let ExprKind::Str(lit) = &c.kind else {
        return None;
    };
    match op {
        CmpOp::Eq | CmpOp::NotEq if lit.chars().count() == 1 => Some((*op, lit)),
        CmpOp::In | CmpOp::NotIn => Some((*op, lit)),
        _ => None,
    }
}

/// `<operation> & <literal>` or `<literal> & <operation>`: the shape `masked_word`
/// takes (which also checks the types).
fn looks_masked(e: &Expr) -> bool {
    let ExprKind::BinOp {
        left,
        op: BinOp::BitAnd,
        right,
    } = &e.kind
    else {
        return false;
    };
    let operation = |e: &Expr| matches!(e.kind, ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. });
    let literal = |e: &Expr| matches!(e.kind, ExprKind::Int(_));
    (literal(right) && operation(left)) || (literal(left) && operation(right))
}

impl<'a> FnBuilder<'a> {
    /// Give the word locals their word and flag, at the function's entry: a masked
    /// parameter's word is its argument's low 64 bits.
    pub fn enter_word_locals(&mut self, names: &HashMap<String, WordKind>) {
        let mut names: Vec<(&String, &WordKind)> = names.iter().collect();
        names.sort_by(|a, b| a.0.cmp(b.0));
        for (n, &kind) in names {
            let Some(&reg) = self.locals.get(n.as_str()) else {
                continue;
            };
            let word = self.new_reg(RType::Ssize, RegKind::Temp, &format!("{n}_word"));
            let stale = self.new_reg(RType::Bool, RegKind::Temp, &format!("{n}_stale"));
            let no = self.konst(Const::Bool(false), RType::Bool);
            self.assign(stale, no);
            if kind == WordKind::Masked && self.regs[reg.0 as usize].kind == RegKind::Param {
                let w = self.prim(Prim::IntLow64, vec![reg]);
                self.assign(word, w);
            } else {
                let zero = self.konst(Const::Int(0), RType::Ssize);
                self.assign(word, zero);
            }
            self.words.insert(n.clone(), Word { kind, word, stale });
        }
    }

    /// The word local `e` names here, if it is one of `kind` (not a comprehension's
    /// variable, not in a class body).
    pub fn word_local(&self, e: &Expr, kind: WordKind) -> Option<Word> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        if self.class_body.is_some() || self.comp.iter().any(|s| s.contains_key(n)) {
            return None;
        }
        self.words.get(n).copied().filter(|w| w.kind == kind)
    }

    /// `n = <masked expression>` for a masked word local: the word only. False when
    /// the statement is not one (then it is compiled as usual).
    pub fn store_word_masked(&mut self, target: &'a Expr, value: &'a Expr) -> bool {
        let Some(w) = self.word_local(target, WordKind::Masked) else {
            return false;
        };
        let ExprKind::BinOp {
            left,
            op: BinOp::BitAnd,
            right,
        } = &value.kind
        else {
            return false;
        };
        let Some(v) = self.masked_word(left, right) else {
            return false;
        };
        self.set_word(w, v);
        true
    }

    /// The local's value is now the word `v` (its register is out of date).
    pub fn set_word(&mut self, w: Word, v: Reg) {
        self.assign(w.word, v);
        let yes = self.konst(Const::Bool(true), RType::Bool);
        self.assign(w.stale, yes);
    }

    /// The low 64 bits of masked word local `n`, read inside a masked expression.
    pub fn load_word(&mut self, n: &str, w: Word) -> Reg {
        let reg = self.locals[n];
        let (check, done) = (self.new_block(), self.new_block());
        self.branch(w.stale, done, check);
        self.switch_to(check);
        self.emit(OpKind::CheckBound {
            reg,
            name: n.to_string(),
        });
        self.goto(done);
        self.switch_to(done);
        let out = self.temp(RType::Ssize);
        self.assign(out, w.word);
        out
    }

    /// `ord(n)` of char word local `n`: the code point, as a C word.
    pub fn char_ord_word(&mut self, n: &str, w: Word) -> Reg {
        let reg = self.locals[n];
        let out = self.temp(RType::Ssize);
        let (slow, fast, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(w.stale, fast, slow);
        self.switch_to(fast);
        self.assign(out, w.word);
        self.goto(done);
        self.switch_to(slow);
        self.emit(OpKind::CheckBound {
            reg,
            name: n.to_string(),
        });
        let i = self.prim(Prim::Ord, vec![reg]);
        let v = self.prim(Prim::IntLow64, vec![i]);
        self.assign(out, v);
        self.goto(done);
        self.switch_to(done);
        out
    }

    /// `n = text[i]` for a char word local: the code point of an exact str's character
    /// as the word; anything else the ordinary store. False when the statement is not
    /// one (then it is compiled as usual).
    pub fn store_char_at(&mut self, target: &'a Expr, value: &'a Expr) -> bool {
        let (Some(w), ExprKind::Name(n)) = (self.word_local(target, WordKind::Char), &target.kind)
        else {
            return false;
        };
        let Some((cp, s, i, slow)) = self.char_at(value) else {
            return false;
        };
        let done = self.new_block();
        self.set_word(w, cp);
        self.goto(done);
        self.switch_to(slow);
        let v = self.prim(Prim::StrGetItem, vec![s, i]);
        self.store_name(n, Val::new(v, Ty::Str));
        self.goto(done);
        self.switch_to(done);
        true
    }

    /// `n.isdigit()` and the other tests of char word local `n`: on the word when the
    /// register is stale, else the method.
    pub fn char_test(&mut self, n: &str, w: Word, kind: i64) -> Val {
        let out = self.temp(RType::Bool);
        let k = self.konst(Const::Int(kind), RType::CInt);
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(w.stale, fast, slow);
        self.switch_to(fast);
        let r = self.prim(Prim::CodePointIs, vec![w.word, k]);
        self.assign(out, r);
        self.goto(done);
        self.switch_to(slow);
        let s = self.load_name(n);
        let r = self.prim(Prim::StrIs, vec![s.reg, k]);
        let r = self.prim(Prim::CIntToBool, vec![r]);
        self.assign(out, r);
        self.goto(done);
        self.switch_to(done);
        Val::new(out, Ty::Bool)
    }

    /// `n == "c"`, `n != "c"`, `n in "..."`, `n not in "..."` of char word local `n`:
    /// on the word when the register is stale, else the comparison.
    pub fn char_compare(&mut self, n: &str, w: Word, op: CmpOp, lit: &'a Expr, text: &str) -> Val {
        let out = self.temp(RType::Bool);
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(w.stale, fast, slow);
        self.switch_to(fast);
        let r = self.code_point_compare(w.word, op, text);
        self.assign(out, r);
        self.goto(done);
        self.switch_to(slow);
        let l = self.load_name(n);
        let c = self.expr(lit);
        let v = self.cmp(op, l, c);
        let v = self.coerce(&v, &Ty::Bool, None);
        self.assign(out, v);
        self.goto(done);
        self.switch_to(done);
        Val::new(out, Ty::Bool)
    }

    /// `text[i]` evaluated for a character test (`text[i].isdigit()`, `text[i] == "c"`):
    /// the code point, the string and the index, the block where the code point is
    /// valid (the current one) and the one where it is not (`text` is a str subclass
    /// or the index long: the caller does `text[i]` there). None unless `e` is such a
    /// subscript of a value typed str.
    fn char_at(&mut self, e: &'a Expr) -> Option<(Reg, Reg, Reg, BlockId)> {
        let (seq, index) = item_subscript(e)?;
        if *self.cx.types.exprs.get(seq.id) != Ty::Str || !self.ty(index).is_intlike() {
            return None;
        }
        let s = self.expr(seq);
        let i = self.expr(index);
        let i = self.coerce(&i, &Ty::Int, None);
        let cp = self.prim(Prim::StrCodePointAt, vec![s.reg, i]);
        let zero = self.konst(Const::Int(0), RType::Ssize);
        let other = self.prim(Prim::SsizeLt, vec![cp, zero]);
        let (fast, slow) = (self.new_block(), self.new_block());
        self.branch(other, slow, fast);
        self.switch_to(fast);
        Some((cp, s.reg, i, slow))
    }

    /// `text[i].isdigit()` and the other tests, with no 1-character string for an
    /// exact str.
    pub fn char_test_at(&mut self, e: &'a Expr, kind: i64) -> Option<Val> {
        let (cp, s, i, slow) = self.char_at(e)?;
        let out = self.temp(RType::Bool);
        let k = self.konst(Const::Int(kind), RType::CInt);
        let done = self.new_block();
        let r = self.prim(Prim::CodePointIs, vec![cp, k]);
        self.assign(out, r);
        self.goto(done);
        self.switch_to(slow);
        let c = self.prim(Prim::StrGetItem, vec![s, i]);
        let r = self.prim(Prim::StrIs, vec![c, k]);
        let r = self.prim(Prim::CIntToBool, vec![r]);
        self.assign(out, r);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(out, Ty::Bool))
    }

    /// `text[i] == "c"` and the like (see `char_compare`), with no 1-character string
    /// for an exact str.
    pub fn char_compare_at(
        &mut self,
        e: &'a Expr,
        op: CmpOp,
        lit: &'a Expr,
        text: &str,
    ) -> Option<Val> {
        let (cp, s, i, slow) = self.char_at(e)?;
        let out = self.temp(RType::Bool);
        let done = self.new_block();
        let r = self.code_point_compare(cp, op, text);
        self.assign(out, r);
        self.goto(done);
        self.switch_to(slow);
        let c = self.prim(Prim::StrGetItem, vec![s, i]);
        let l = self.expr(lit);
        let v = self.cmp(op, Val::new(c, Ty::Str), l);
        let v = self.coerce(&v, &Ty::Bool, None);
        self.assign(out, v);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(out, Ty::Bool))
    }

    /// Code point `cp` compared with a literal (`==`/`!=` one character, `in`/`not in`
    /// a string).
    fn code_point_compare(&mut self, cp: Reg, op: CmpOp, text: &str) -> Reg {
        let r = match op {
            CmpOp::Eq | CmpOp::NotEq => {
                let c = text.chars().next().map_or(0, |c| c as i64);
                let k = self.konst(Const::Int(c), RType::Ssize);
                self.prim(Prim::SsizeEq, vec![cp, k])
            }
            _ => {
                let l = self.str_const(text);
                self.prim(Prim::CodePointIn, vec![cp, l])
            }
        };
        if matches!(op, CmpOp::NotEq | CmpOp::NotIn) {
            self.prim(Prim::BoolNot, vec![r])
        } else {
            r
        }
    }

    /// Before any other read of word local `n`: make its value from the word if the
    /// register is stale.
    pub fn refresh_word_local(&mut self, n: &str) {
        let Some(w) = self.words.get(n).copied() else {
            return;
        };
        let reg = self.locals[n];
        let (make, done) = (self.new_block(), self.new_block());
        self.branch(w.stale, make, done);
        self.switch_to(make);
        let prim = match w.kind {
            WordKind::Masked => Prim::IntFromU64,
            WordKind::Char => Prim::StrFromCodePoint,
        };
        let v = self.prim(prim, vec![w.word]);
        self.assign(reg, v);
        let no = self.konst(Const::Bool(false), RType::Bool);
        self.assign(w.stale, no);
        self.goto(done);
        self.switch_to(done);
    }

    /// After an ordinary store of `reg` into word local `n`: a masked local's word
    /// follows; the register is up to date.
    pub fn stored_word_local(&mut self, n: &str, reg: Reg) {
        let Some(w) = self.words.get(n).copied() else {
            return;
        };
        if w.kind == WordKind::Masked {
            let v = self.prim(Prim::IntLow64, vec![reg]);
            self.assign(w.word, v);
        }
        let no = self.konst(Const::Bool(false), RType::Bool);
        self.assign(w.stale, no);
    }

    /// When word local `n` is unbound (`del`, the end of an `except ... as`): its
    /// register says so again.
    pub fn unbound_word_local(&mut self, n: &str) {
        if let Some(w) = self.words.get(n).copied() {
            let no = self.konst(Const::Bool(false), RType::Bool);
            self.assign(w.stale, no);
        }
    }
}

/// Word locals by name (see `FnBuilder::words`).
pub type Words = HashMap<String, Word>;
