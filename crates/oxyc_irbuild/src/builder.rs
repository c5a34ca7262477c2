//! The per-function IR builder: registers, blocks, error targets, coercions.

use crate::ModCx;
use oxyc_ir::{
    Block, BlockId, Const, ErrEdge, ErrKind, Op, OpKind, Prim, RType, Reg, RegInfo, RegKind,
    Terminator,
};
use oxyc_sema::FuncScope;
use oxyc_syntax::ast::Stmt;
use oxyc_syntax::{Diagnostic, Span};
use oxyc_types::Ty;
use std::collections::HashMap;

/// A value in a register, with its Python type.
#[derive(Debug, Clone)]
pub struct Val {
    pub reg: Reg,
    pub ty: Ty,
}

pub fn rtype_of(t: &Ty) -> RType {
    match t {
        Ty::Int => RType::Int,
        Ty::Float => RType::Float,
        Ty::Bool => RType::Bool,
        _ => RType::Obj,
    }
}

/// Something to run when control leaves a region early (`return`, `break`, `continue`).
pub enum Unwind<'a> {
    /// Run a `finally` body (with the error handlers that were active outside its `try`).
    Finally {
        body: &'a [Stmt],
        handlers_len: usize,
    },
    /// Leave an `except` clause: restore the previously handled exception.
    ExceptScope { prev: Reg },
    /// Leave an `except ... as name` body: `name = None; del name`.
    ClearName { name: &'a str },
    /// Leave a `for` loop by `return`: its iterator lives until then.
    KeepAlive { reg: Reg },
    /// Leave a `with` body: call its context manager's bound `__exit__` with three
    /// Nones (with the error handlers that were active outside the `with`), at the
    /// `with` statement's line.
    WithExit {
        exit: Reg,
        handlers_len: usize,
        line: u32,
        /// `async with`: `__aexit__`, whose result is awaited.
        is_async: bool,
        /// `async with` on a native class's compiled `__aexit__` (see
        /// `FnBuilder::native_async_enter`).
        native: Option<NativeExit>,
    },
}

/// An `async with` entered through a native class's compiled `__aenter__`: when
/// `flag` is true, the exit register holds the manager itself and its `__aexit__`
/// is coroutine method `fi` (else the exit register is the bound `__aexit__`).
#[derive(Clone, Copy)]
pub struct NativeExit {
    pub flag: Reg,
    pub fi: usize,
}

pub struct LoopCtx {
    pub brk: BlockId,
    pub cont: BlockId,
    pub unwind_len: usize,
}

pub struct FnBuilder<'a> {
    pub cx: &'a ModCx<'a>,
    pub scope: Option<&'a FuncScope<'a>>,
    /// Index into `sem.functions` (None for the module body).
    pub func_index: Option<usize>,
    pub name: String,
    pub regs: Vec<RegInfo>,
    pub blocks: Vec<Block>,
    pub cur: BlockId,
    pub locals: HashMap<String, Reg>,
    pub local_tys: HashMap<String, Ty>,
    /// Tuple locals kept as their items (see `tuple_local`): the item registers (the
    /// first is the local's own) and their types. Not in `locals`.
    pub split: HashMap<String, Vec<(Reg, Ty)>>,
    /// Local lists of int tuples kept unboxed (see `vec_local`): the local's register
    /// (an `oxy_ivec`) and the tuples' item count. Not in `locals`.
    pub vecs: HashMap<String, (Reg, usize)>,
    /// Str locals bound by `for t in s.split():` kept as character ranges (see
    /// `token_local`). Not in `locals`.
    pub tokens: HashMap<String, crate::token_local::Token>,
    /// Int locals that keep their low 64 bits in a word while stored masked (see
    /// `word_local`).
    pub words: crate::word_local::Words,
    /// Comprehension scopes, innermost last.
    pub comp: Vec<HashMap<String, Val>>,
    pub loops: Vec<LoopCtx>,
    /// Error targets; the first is the function's raise-exit block.
    pub handlers: Vec<BlockId>,
    pub unwind: Vec<Unwind<'a>>,
    /// Registers holding the exceptions of the enclosing `except` clauses.
    pub caught: Vec<Reg>,
    pub line: u32,
    pub ret_ty: Ty,
    pub diags: Vec<Diagnostic>,
    /// In a class body: the namespace register (names are read from it first, as
    /// Python's LOAD_NAME does).
    pub class_body: Option<Reg>,
    /// `__qualname__` prefix of a class made here (`"Outer."` in the body of `Outer`).
    pub class_prefix: String,
    /// In the body of a class inside a function: the names the body binds. Any
    /// other name is the function's variable (or a global), as for CPython's
    /// LOAD_CLASSDEREF.
    pub class_bound: Option<std::collections::HashSet<String>>,
    /// In a method: the static that holds its class (for `super()`).
    pub class_static: Option<String>,
    /// `Optional[C]` locals known not to be None here (see `narrow`).
    pub narrowed: crate::narrow::Narrowed,
    /// Inside a `try` statement: no new narrowings (a handler may start anywhere).
    pub no_narrowing: u32,
    /// The current block was opened by `terminate` and nothing jumps to it yet.
    pub dead: bool,
    /// Statements the interpreter runs (module body and class bodies).
    pub snippets: Vec<oxyc_ir::ExecSnippet>,
    /// Locals some walrus in the function rebinds: a read of one is copied to a
    /// temporary, since a walrus later in the same expression may rebind it before
    /// the value read is used (`x + (x := 2)`).
    pub walrus_targets: std::collections::HashSet<String>,
    /// This function returns its tuple result unboxed: the item types (see
    /// `oxyc_types::ModuleTypes::unboxed_returns`).
    pub unboxed_ret: Option<Vec<Ty>>,
    /// Set by a tuple-target assignment just before it lowers its value, a call:
    /// `call` takes it, and a direct call of a function with an unboxed tuple result
    /// then leaves the items in `parts` instead of building the tuple.
    pub want_parts: bool,
    pub parts: Option<Vec<Val>>,
}

impl<'a> FnBuilder<'a> {
    pub fn new(cx: &'a ModCx<'a>, name: String, ret_ty: Ty) -> FnBuilder<'a> {
        let mut b = FnBuilder {
            cx,
            scope: None,
            func_index: None,
            name,
            regs: Vec::new(),
            blocks: Vec::new(),
            cur: BlockId(0),
            locals: HashMap::new(),
            local_tys: HashMap::new(),
            split: HashMap::new(),
            vecs: HashMap::new(),
            tokens: HashMap::new(),
            words: HashMap::new(),
            comp: Vec::new(),
            loops: Vec::new(),
            handlers: Vec::new(),
            unwind: Vec::new(),
            caught: Vec::new(),
            class_body: None,
            class_bound: None,
            class_prefix: String::new(),
            class_static: None,
            narrowed: HashMap::new(),
            no_narrowing: 0,
            dead: false,
            snippets: Vec::new(),
            walrus_targets: Default::default(),
            unboxed_ret: None,
            want_parts: false,
            parts: None,
            line: 1,
            ret_ty,
            diags: Vec::new(),
        };
        let entry = b.new_block();
        let exit = b.new_block();
        b.blocks[exit.0 as usize].term = Terminator::RaiseExit;
        b.handlers.push(exit);
        b.cur = entry;
        b
    }

    pub fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(span, msg));
    }

    pub fn new_reg(&mut self, ty: RType, kind: RegKind, name: &str) -> Reg {
        let r = Reg(self.regs.len() as u32);
        self.regs.push(RegInfo {
            name: name.to_string(),
            ty,
            kind,
        });
        r
    }

    pub fn temp(&mut self, ty: RType) -> Reg {
        self.new_reg(ty, RegKind::Temp, "")
    }

    /// A new tuple of `vals`, boxed.
    pub fn tuple_of(&mut self, vals: &[Val]) -> Reg {
        let items: Vec<Reg> = vals.iter().map(|v| self.box_val(v)).collect();
        let dst = self.temp(RType::Obj);
        self.emit(OpKind::Build {
            dst,
            kind: oxyc_ir::BuildKind::Tuple,
            items,
        });
        dst
    }

    /// The representation of register `r`.
    pub fn reg_ty(&self, r: Reg) -> RType {
        self.regs.get(r.0 as usize).map_or(RType::Obj, |i| i.ty)
    }

    pub fn new_block(&mut self) -> BlockId {
        let id = BlockId(self.blocks.len() as u32);
        self.blocks.push(Block {
            ops: Vec::new(),
            term: Terminator::Unreachable,
            term_line: 0,
        });
        id
    }

    fn cur_block(&mut self) -> &mut Block {
        let i = self.cur.0 as usize;
        &mut self.blocks[i]
    }

    /// End the current block. Code after a terminator goes to a fresh, unreachable
    /// block (dropped by the CFG cleanup pass).
    pub fn terminate(&mut self, term: Terminator) {
        let line = self.line;
        let b = self.cur_block();
        b.term = term;
        b.term_line = line;
        let next = self.new_block();
        self.cur = next;
        self.dead = true;
    }

    pub fn goto(&mut self, target: BlockId) {
        self.terminate(Terminator::Goto(target));
    }

    pub fn switch_to(&mut self, b: BlockId) {
        self.cur = b;
        self.dead = false;
    }

    pub fn branch(&mut self, cond: Reg, then_: BlockId, else_: BlockId) {
        self.terminate(Terminator::Branch { cond, then_, else_ });
    }

    pub fn handler(&self) -> BlockId {
        *self.handlers.last().unwrap_or(&BlockId(1))
    }

    /// Append an op; `fallible` attaches an error edge to the current handler.
    pub fn push(&mut self, kind: OpKind, fallible: bool, traceback: bool) {
        let err = fallible.then(|| ErrEdge {
            target: self.handler(),
            cleanup: vec![],
            traceback,
        });
        let line = self.line;
        self.cur_block().ops.push(Op { kind, line, err });
    }

    pub fn emit(&mut self, kind: OpKind) {
        let fallible = op_can_fail(&kind);
        self.push(kind, fallible, true);
        if let Some(OpKind::Prim { prim, .. }) =
            self.blocks[self.cur.0 as usize].ops.last().map(|o| &o.kind)
            && prim.desc().err == ErrKind::Always
        {
            self.terminate(Terminator::Unreachable);
        }
    }

    pub fn prim(&mut self, prim: Prim, args: Vec<Reg>) -> Reg {
        let ret = prim.desc().ret.unwrap_or(RType::CInt);
        let dst = self.temp(ret);
        self.emit(OpKind::Prim {
            dst: Some(dst),
            prim,
            args,
        });
        dst
    }

    pub fn prim_void(&mut self, prim: Prim, args: Vec<Reg>) {
        self.emit(OpKind::Prim {
            dst: None,
            prim,
            args,
        });
    }

    pub fn konst(&mut self, value: Const, ty: RType) -> Reg {
        let dst = self.temp(ty);
        self.emit(OpKind::Const { dst, value });
        dst
    }

    pub fn str_const(&mut self, s: &str) -> Reg {
        self.konst(Const::Str(s.to_string()), RType::Obj)
    }

    pub fn none(&mut self) -> Val {
        Val {
            reg: self.konst(Const::None, RType::Obj),
            ty: Ty::None,
        }
    }

    pub fn assign(&mut self, dst: Reg, src: Reg) {
        self.emit(OpKind::Assign { dst, src });
    }

    // ---- representation changes ----

    pub fn box_val(&mut self, v: &Val) -> Reg {
        match rtype_of(&v.ty) {
            RType::Int => self.prim(Prim::IntBox, vec![v.reg]),
            RType::Float => self.prim(Prim::FloatBox, vec![v.reg]),
            RType::Bool => self.prim(Prim::BoolBox, vec![v.reg]),
            _ => v.reg,
        }
    }

    /// Convert `v` to the representation of `target`. With `what`, a boxed value whose
    /// Python type is not statically `target` is checked (TypeError naming `what`).
    pub fn coerce(&mut self, v: &Val, target: &Ty, what: Option<&str>) -> Reg {
        let from = rtype_of(&v.ty);
        let to = rtype_of(target);
        match (from, to) {
            (RType::Int, RType::Int)
            | (RType::Float, RType::Float)
            | (RType::Bool, RType::Bool) => v.reg,
            (RType::Int, RType::Float) => self.prim(Prim::IntToFloat, vec![v.reg]),
            (RType::Bool, RType::Int) => self.prim(Prim::BoolToInt, vec![v.reg]),
            (RType::Bool, RType::Float) => self.prim(Prim::BoolToFloat, vec![v.reg]),
            (_, RType::Obj) => {
                let boxed = self.box_val(v);
                let needs_check = what.is_some()
                    && target.check_name().is_some()
                    && !same_python_type(&v.ty, target)
                    && !self.statically_fits(&v.ty, target);
                if needs_check {
                    // The same object, once checked (no new reference).
                    self.emit(OpKind::CheckType {
                        src: boxed,
                        expected: target.check_name().unwrap_or_else(|| "object".to_string()),
                        what: what.map(str::to_string).unwrap_or_default(),
                    });
                    boxed
                } else {
                    boxed
                }
            }
            (_, _) => {
                // Boxed (or mismatched unboxed) -> unboxed: check unless known.
                let boxed = self.box_val(v);
                let dst = self.temp(to);
                let expected = target.check_name().unwrap_or_else(|| "object".to_string());
                let trusted = from == RType::Obj && what.is_none();
                let what = if trusted {
                    None
                } else {
                    Some(what.unwrap_or("value").to_string())
                };
                self.emit(OpKind::Unbox {
                    dst,
                    src: boxed,
                    expected,
                    what,
                });
                dst
            }
        }
    }

    /// A Bool or CInt register: is `v` true?
    pub fn truthy(&mut self, v: &Val) -> Reg {
        match &v.ty {
            Ty::Bool => v.reg,
            Ty::Int => self.prim(Prim::IntIsTrue, vec![v.reg]),
            Ty::Float => self.prim(Prim::FloatIsTrue, vec![v.reg]),
            // (A subclass may define __bool__ or __len__.)
            Ty::Str => self.prim(Prim::TruthyStr, vec![v.reg]),
            Ty::List(_) => self.prim(Prim::TruthyList, vec![v.reg]),
            Ty::None => self.konst(Const::Bool(false), RType::Bool),
            _ => self.prim(Prim::ObjIsTrue, vec![v.reg]),
        }
    }

    pub fn finish_blocks(&mut self) -> Vec<Block> {
        std::mem::take(&mut self.blocks)
    }
}

impl FnBuilder<'_> {
    /// Does every value of type `from` already satisfy the check of native-class type
    /// `to`?
    fn statically_fits(&self, from: &Ty, to: &Ty) -> bool {
        match (from, to) {
            (Ty::None, Ty::OptInstance(_)) => true,
            (Ty::Instance(a), Ty::Instance(b) | Ty::OptInstance(b))
            | (Ty::OptInstance(a), Ty::OptInstance(b)) => self.is_native_subclass(a, b),
            _ => false,
        }
    }
}

/// Does a value of Python type `from` always satisfy a check for `to`?
fn same_python_type(from: &Ty, to: &Ty) -> bool {
    match (from, to) {
        (Ty::List(_), Ty::List(_)) => matches!(to, Ty::List(e) if **e == Ty::Object) || from == to,
        (Ty::Dict(..), Ty::Dict(..)) => true,
        (Ty::Tuple(_) | Ty::TupleVar(_), Ty::Tuple(_) | Ty::TupleVar(_)) => true,
        (a, b) => a == b,
    }
}

pub fn op_can_fail(kind: &OpKind) -> bool {
    match kind {
        OpKind::Prim { prim, .. } => prim.desc().err != ErrKind::Never,
        OpKind::Unbox {
            what,
            dst: _,
            expected,
            ..
        } => what.is_some() || matches!(expected.as_str(), "int" | "float"),
        OpKind::Call { .. }
        | OpKind::CallExtern { .. }
        | OpKind::CallXMethod { .. }
        | OpKind::XGetField { .. }
        | OpKind::XNewInstance { .. }
        | OpKind::ModuleAttr { .. }
        | OpKind::CallObj { .. }
        | OpKind::CallMethod { .. }
        | OpKind::Build { .. }
        | OpKind::BuildDict { .. }
        | OpKind::LoadGlobal { .. }
        | OpKind::StoreGlobal { .. }
        | OpKind::DelGlobal { .. }
        | OpKind::DefineFunction { .. }
        | OpKind::MakeFunction { .. }
        | OpKind::CheckType { .. }
        | OpKind::Yield { .. }
        | OpKind::GetField { .. }
        | OpKind::NewInstance { .. }
        | OpKind::LoadConstInt { .. }
        | OpKind::MakeNativeClass { .. }
        | OpKind::MakeClass { .. }
        | OpKind::ExecSource { .. }
        | OpKind::CheckBound { .. }
        | OpKind::CheckSignals
        | OpKind::CheckDepth => true,
        // `__class__` (and `super()`) before the class statement made the class.
        OpKind::LoadStatic { class_cell, .. } => class_cell.is_some(),
        _ => false,
    }
}
