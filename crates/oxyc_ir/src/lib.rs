//! oxyc's intermediate representation.
//!
//! One [`Function`] per compiled Python function (plus one for the module body): basic
//! blocks of low-level ops on typed registers. Registers have a machine representation
//! ([`RType`]): unboxed tagged ints, C doubles and C bools live beside boxed `PyObject*`.
//!
//! Conventions that every pass and the C emitter rely on:
//! - Every op that produces a refcounted value produces a *new* reference; operands are
//!   borrowed, except those a primitive declares as stolen (see [`PrimDesc::steals`]),
//!   the operand of [`Terminator::Return`] and the source of [`OpKind::Assign`].
//! - Reference counts are explicit: the builder emits none; the refcount pass inserts
//!   [`OpKind::IncRef`] / [`OpKind::DecRef`] and fills each error edge's cleanup list.
//! - Exception edges are explicit: an op that can fail carries an [`ErrEdge`] naming the
//!   block that handles the exception.

mod prim;
mod print;

pub use prim::{ErrKind, Prim, PrimDesc};
pub use print::print_module;

use std::fmt;

/// Machine representation of a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RType {
    /// Python int as a tagged word (`oxy_int`); refcounted when it holds a long.
    Int,
    /// Python float as a C double.
    Float,
    /// Python bool as a C char (0/1).
    Bool,
    /// Any boxed object (`PyObject *`), refcounted.
    Obj,
    /// A C `int` (status codes, comparisons results of the C API); never a Python value.
    CInt,
    /// A C `Py_ssize_t` (lengths, indices); never a Python value.
    Ssize,
}

impl RType {
    pub fn is_refcounted(self) -> bool {
        matches!(self, RType::Int | RType::Obj)
    }
    pub fn name(self) -> &'static str {
        match self {
            RType::Int => "int",
            RType::Float => "float",
            RType::Bool => "bool",
            RType::Obj => "object",
            RType::CInt => "c_int",
            RType::Ssize => "ssize",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reg(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

impl fmt::Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "r{}", self.0)
    }
}
impl fmt::Display for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "L{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegKind {
    Param,
    /// A named Python local variable (may be unbound).
    Local,
    /// A compiler temporary (always defined before use).
    Temp,
    /// A temporary that only ever holds a constant the module keeps alive (None, a
    /// string of the constant table, ...): it does not own a reference (set by the
    /// reference-counting pass).
    Borrowed,
}

#[derive(Debug, Clone)]
pub struct RegInfo {
    pub name: String,
    pub ty: RType,
    pub kind: RegKind,
}

/// A compile-time constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Int(i64),
    /// Decimal digits (optionally with a leading '-') of an int outside i64.
    BigInt(String),
    Float(f64),
    Bool(bool),
    None,
    Str(String),
    Bytes(Vec<u8>),
    /// A tuple of strings (keyword-argument names for vectorcall).
    StrTuple(Vec<String>),
    /// A tuple of constants: a display of many literals (a data table in the
    /// source), made once at module initialisation instead of item by item.
    Tuple(Vec<Const>),
    /// An imaginary number `0+{x}j`.
    Complex(f64),
    Ellipsis,
}

/// Where an op's failure goes, and which registers to release first.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrEdge {
    pub target: BlockId,
    /// Filled by the refcount pass: owned registers dead on the error path.
    pub cleanup: Vec<Reg>,
    /// Add a traceback entry for this frame on failure (false for re-raises).
    pub traceback: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub kind: OpKind,
    /// Python source line (for tracebacks and `#line`).
    pub line: u32,
    /// Set when the op can fail.
    pub err: Option<ErrEdge>,
}

/// Which read of a class statement's static (Python's `__class__` cell) a
/// `LoadStatic` is, for the error an empty one raises, as the interpreter's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassCellRead {
    /// Zero-argument `super()`: RuntimeError "super(): empty __class__ cell".
    Super,
    /// The name `__class__`: NameError "cannot access free variable '__class__' ...".
    Name,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OpKind {
    /// `dst = src` (dst receives a reference; src is consumed if dead afterwards).
    Assign {
        dst: Reg,
        src: Reg,
    },
    Const {
        dst: Reg,
        value: Const,
    },
    /// A runtime / C-API primitive.
    Prim {
        dst: Option<Reg>,
        prim: Prim,
        args: Vec<Reg>,
    },
    /// Direct C call of a compiled function (checks it has been defined first,
    /// unless `bound`: the first argument's exact type was just tested to be a
    /// native class that has `func` as a method, or it was just allocated as one;
    /// such an instance exists only once its class statement made every method).
    Call {
        dst: Reg,
        func: FuncId,
        args: Vec<Reg>,
        bound: bool,
    },
    /// `obj.name`, remembered per site while `obj` is a module whose dict is
    /// unchanged (any other object: getattr).
    ModuleAttr {
        dst: Reg,
        obj: Reg,
        name: String,
    },
    /// Is `callable` the compiled function of another module that cross-module
    /// call site `site` was compiled against (same signature hash)? Then
    /// `CallExtern` may call its C function directly. Never fails.
    ExternReady {
        dst: Reg,
        callable: Reg,
        site: u32,
    },
    /// Direct C call of the function `ExternReady` found for `site` (arguments in the
    /// callee's representation and parameter order).
    CallExtern {
        dst: Reg,
        site: u32,
        args: Vec<Reg>,
    },
    /// Vectorcall of any callable; `kwnames` is a constant tuple of the trailing
    /// arguments' keyword names.
    CallObj {
        dst: Reg,
        callable: Reg,
        args: Vec<Reg>,
        kwnames: Option<Vec<String>>,
    },
    /// `obj.name(args)` via PyObject_VectorcallMethod.
    CallMethod {
        dst: Reg,
        obj: Reg,
        name: String,
        args: Vec<Reg>,
        kwnames: Option<Vec<String>>,
    },
    /// Convert a boxed object to `dst`'s representation. With `what` set, first check its
    /// type is `expected` (a Python type name) and raise TypeError naming `what` if not.
    Unbox {
        dst: Reg,
        src: Reg,
        expected: String,
        what: Option<String>,
    },
    /// Raise TypeError naming `what` unless `src` is a `expected` (a Python type name
    /// or native class, as for `Unbox`); the value itself is untouched.
    CheckType {
        src: Reg,
        expected: String,
        what: String,
    },
    /// Build a list / tuple / set from items (items are borrowed).
    Build {
        dst: Reg,
        kind: BuildKind,
        items: Vec<Reg>,
    },
    /// Build a dict from key/value pairs.
    BuildDict {
        dst: Reg,
        keys: Vec<Reg>,
        values: Vec<Reg>,
    },
    /// Load a module global by name (dict lookup, then builtins; NameError).
    LoadGlobal {
        dst: Reg,
        name: String,
    },
    StoreGlobal {
        name: String,
        src: Reg,
    },
    DelGlobal {
        name: String,
    },
    /// A builtin, early-bound at module init.
    LoadBuiltin {
        dst: Reg,
        name: String,
    },
    /// Store element `index` (from 1) of this function's unboxed tuple result
    /// (`Function::ret_extra`), just before it returns element 0.
    StoreRet {
        index: u32,
        src: Reg,
    },
    /// Take element `index` (from 1) of the unboxed tuple result of the last call of
    /// `func` in this function (the call copies the items from `func`'s statics at
    /// once, so whatever runs in between cannot disturb them).
    LoadRet {
        dst: Reg,
        func: FuncId,
        index: u32,
    },
    /// Load / store a module-private C static (function defaults, the class of a
    /// class statement).
    LoadStatic {
        dst: Reg,
        name: String,
        /// Set for a class statement's static (its methods' `__class__`), which is
        /// empty until the statement has made the class: such a load has an error
        /// edge, and says which error an empty one raises.
        class_cell: Option<ClassCellRead>,
    },
    StoreStatic {
        name: String,
        src: Reg,
    },
    /// Execute a `def`: create the function object and bind it in the module globals.
    DefineFunction {
        func: FuncId,
    },
    /// A new function object for a compiled function that is not an early-bound
    /// module global (a method, a nested function, a lambda), with its
    /// `__qualname__` set. A function with a closure gets `closure`: the tuple of its
    /// captured cells followed by its defaults (borrowed).
    MakeFunction {
        dst: Reg,
        func: FuncId,
        closure: Option<Reg>,
    },
    /// Suspend a generator, handing `value` (stolen) to its consumer; when resumed,
    /// `dst` is the value sent in, or the exception thrown in is raised here.
    Yield {
        dst: Reg,
        value: Reg,
        /// The registers that own a reference across the suspension (set by
        /// `oxyc_passes::refcount`): what the garbage collector visits in a frame
        /// suspended here.
        held: Vec<Reg>,
    },
    /// Cell `index` of the running function's closure (borrowed: the closure tuple
    /// keeps it alive).
    LoadFree {
        dst: Reg,
        index: u32,
    },
    /// Read field `field` of native class `class` from `obj` (an instance of it or of
    /// a subclass); AttributeError if it was never set.
    GetField {
        dst: Reg,
        obj: Reg,
        class: u32,
        field: u32,
    },
    /// Store `src` into a field, releasing the old value. `src` is borrowed (the
    /// field takes a new reference) unless `steal`: then the field takes over the
    /// register's own reference (set by `borrow::steal_stores`, after reference
    /// counting, where `src` dies at the store or owns no reference at all).
    SetField {
        obj: Reg,
        class: u32,
        field: u32,
        src: Reg,
        steal: bool,
    },
    /// A module constant of type int, unboxed (TypeError naming `what` otherwise).
    LoadConstInt {
        dst: Reg,
        name: String,
        what: String,
        /// The literal the module binds it to, when it is a short int: read as an
        /// immediate while the module's constants are intact.
        value: Option<i64>,
        /// Set by `oxyc_passes::const_guard`: on every path here another such read
        /// checked the constants, and nothing since could have run Python code, so
        /// this read reuses that check's answer.
        known: bool,
    },
    /// `type(obj)` is exactly one of these native classes. With `method`, the test
    /// picks the compiled implementation of that method, and also fails when the
    /// instance's `__dict__` holds the name (an attribute set from outside, e.g. by
    /// `mock.patch.object`, hides the method as it would on an ordinary instance).
    TypeIs {
        dst: Reg,
        obj: Reg,
        classes: Vec<u32>,
        method: Option<String>,
    },
    /// `type(obj)` is exactly one of these native classes of other modules
    /// (`Module::xclasses`), each recognised by its layout hash (`method` as for
    /// `TypeIs`). Never fails.
    XTypeIs {
        dst: Reg,
        obj: Reg,
        classes: Vec<u32>,
        method: Option<String>,
    },
    /// `obj` (or None, with `optional`) is an instance of native class `class` of
    /// another module or of a subclass. Never fails.
    XIsInstance {
        dst: Reg,
        obj: Reg,
        class: u32,
        optional: bool,
    },
    /// Is `callable` native class `class` of another module (the class object its
    /// layout hash recognises)? Never fails.
    XClassReady {
        dst: Reg,
        callable: Reg,
        class: u32,
    },
    /// A new, empty instance of native class `class` of another module (which
    /// `XClassReady` recognised), without calling `__init__`.
    XNewInstance {
        dst: Reg,
        class: u32,
    },
    /// `GetField` on an instance of a class of another module (`XTypeIs` said so).
    XGetField {
        dst: Reg,
        obj: Reg,
        class: u32,
        field: u32,
    },
    /// `SetField` on an instance of a class of another module (`src` borrowed).
    XSetField {
        obj: Reg,
        class: u32,
        field: u32,
        src: Reg,
    },
    /// Direct C call of entry `method` of the method table of class `class` of
    /// another module (`XTypeIs` found the receiver's type to be exactly that class;
    /// the receiver is the first argument).
    CallXMethod {
        dst: Reg,
        class: u32,
        method: u32,
        args: Vec<Reg>,
    },
    /// True unless `obj` is an instance of a proper subclass of native class `class`
    /// (which could take priority with a reflected operator).
    NoSubclassOf {
        dst: Reg,
        obj: Reg,
        class: u32,
    },
    /// A new, empty instance of native class `class` (fields unset), without calling
    /// `__init__`.
    NewInstance {
        dst: Reg,
        class: u32,
    },
    /// Create native class `class` from a class-statement builder (see `ClassBegin`).
    /// The static `cell` (its methods' `__class__`) holds the class as soon as the type
    /// exists, before `__set_name__` and `__init_subclass__` run, as the interpreter
    /// fills the `__class__` cell.
    MakeNativeClass {
        dst: Reg,
        builder: Reg,
        class: u32,
        cell: String,
    },
    /// Create an ordinary class from a class-statement builder (as `ClassEnd`) whose
    /// methods use `__class__`: the namespace gets a `__classcell__` that `type()`
    /// fills before `__set_name__` and `__init_subclass__` run, and a load of the
    /// static `cell` (their `__class__`) that finds it still empty reads that cell.
    MakeClass {
        dst: Reg,
        builder: Reg,
        cell: String,
    },
    /// Execute a top-level statement that runs interpreted (the fallback path).
    ExecSource {
        index: u32,
    },
    /// Mark a local unbound (`del x`); releases its value.
    Undef {
        reg: Reg,
    },
    /// Raise UnboundLocalError if `reg` is unbound.
    CheckBound {
        reg: Reg,
        name: String,
    },
    /// Poll for signals (Ctrl-C) on a loop back-edge, cheaply amortised.
    CheckSignals,
    /// Raise RecursionError if a direct call from here would nest too deep (placed by
    /// `oxyc_passes::callgraph` before calls that can recurse).
    CheckDepth,
    IncRef {
        reg: Reg,
    },
    DecRef {
        reg: Reg,
    },
    /// DecRef of a register that may be unbound.
    XDecRef {
        reg: Reg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildKind {
    List,
    Tuple,
    Set,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Terminator {
    Goto(BlockId),
    /// Branch on a Bool / CInt register (non-zero = then).
    Branch {
        cond: Reg,
        then_: BlockId,
        else_: BlockId,
    },
    /// Return (consumes the operand's reference).
    Return(Reg),
    /// Propagate the pending exception out of the function.
    RaiseExit,
    Unreachable,
}

impl Terminator {
    /// The blocks control may go to next (no error edges), without allocating.
    pub fn successors(&self) -> impl Iterator<Item = BlockId> + use<> {
        let pair = match self {
            Terminator::Goto(b) => [Some(*b), None],
            Terminator::Branch { then_, else_, .. } => [Some(*then_), Some(*else_)],
            _ => [None, None],
        };
        pair.into_iter().flatten()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub ops: Vec<Op>,
    pub term: Terminator,
    /// Line of the terminator (for `return`).
    pub term_line: u32,
}

/// A parameter of a compiled function, as seen by callers.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub ty: RType,
    /// Python type name checked at the boundary (`int`, `str`, `list`, ...; None = any).
    pub check: Option<String>,
    /// Name of the C static holding the default value, if the parameter has one.
    pub default_static: Option<String>,
    /// For a function with a closure: the index of its default in the closure tuple.
    pub default_slot: Option<u32>,
    /// A tuple parameter taken unboxed (see `oxyc_types::ModuleTypes::unboxed_params`):
    /// the native function receives its items, not the tuple.
    pub tuple: Option<TupleParam>,
}

/// The items of an unboxed tuple parameter. Item 0 is in the parameter's own register
/// (whose representation `Param::ty` is item 0's), the others in registers after every
/// parameter's own (`Function::item_regs`); `Param::check` is `tuple`.
#[derive(Debug, Clone)]
pub struct TupleParam {
    /// Per item: its representation and the Python type name checked at the boundary
    /// (None = any).
    pub items: Vec<(RType, Option<String>)>,
    /// The annotation, for messages (`tuple[int, float]`).
    pub shown: String,
}

impl Param {
    pub fn has_default(&self) -> bool {
        self.default_static.is_some() || self.default_slot.is_some()
    }
}

/// How a function's parameters bind. `Function::params` are in the order of the
/// `def`: positional-only, positional-or-keyword, `*args`, keyword-only, `**kwargs`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParamKinds {
    /// The first `nposonly` parameters are positional-only.
    pub nposonly: u32,
    /// Positional parameters (including the positional-only ones).
    pub npos: u32,
    /// A `*args` parameter (a tuple) follows the positional ones.
    pub varargs: bool,
    /// Keyword-only parameters, after `*args` (or the bare `*`).
    pub nkwonly: u32,
    /// A `**kwargs` parameter (a dict) comes last.
    pub varkw: bool,
}

impl ParamKinds {
    /// Only positional-or-keyword parameters.
    pub fn is_simple(&self) -> bool {
        self.nposonly == 0 && !self.varargs && self.nkwonly == 0 && !self.varkw
    }
    /// Index in `params` of `*args` and of `**kwargs` (the parameters the wrapper
    /// makes rather than receives).
    pub fn is_collector(&self, i: usize) -> bool {
        let i = i as u32;
        (self.varargs && i == self.npos)
            || (self.varkw && i == self.npos + u32::from(self.varargs) + self.nkwonly)
    }
}

#[derive(Debug, Clone)]
pub struct Function {
    pub id: FuncId,
    /// Python name (`<module>` for the module body).
    pub name: String,
    /// `__qualname__` (`Class.method` for a method).
    pub qualname: String,
    pub line: u32,
    pub params: Vec<Param>,
    pub kinds: ParamKinds,
    /// The first `nargs()` registers are the parameters (and the other items of
    /// unboxed tuple parameters).
    pub regs: Vec<RegInfo>,
    pub ret: RType,
    /// A function whose result is a fixed-length tuple it always builds in its
    /// `return` statements returns it unboxed: element 0 as its C result (`ret`), the
    /// others (these representations) through `StoreRet`/`LoadRet`. Empty otherwise.
    pub ret_extra: Vec<RType>,
    /// Boundary check of the return value (as for params).
    pub ret_check: Option<String>,
    pub blocks: Vec<Block>,
    pub entry: BlockId,
    pub doc: Option<String>,
    /// The source of each annotation (`("x", "int")`, `("return", "str")`), for
    /// `__annotations__`.
    pub annotations: Vec<(String, String)>,
    /// False for the module body (which has no Python-callable wrapper).
    pub is_python_callable: bool,
    /// Takes its closure tuple (captured cells, then defaults) as a first C
    /// parameter `oxy_closure`; its function object holds the tuple.
    pub has_closure: bool,
    /// A generator function: calling it makes a generator whose frame holds the
    /// registers; the body runs from one `Yield` to the next.
    pub is_generator: bool,
    /// An `async def` (also `is_generator`: the same frame machinery): calling it
    /// makes a coroutine.
    pub is_coroutine: bool,
    /// An `async def` with `yield` (also `is_generator` and `is_coroutine`): calling
    /// it makes an async generator.
    pub is_async_gen: bool,
    /// Can call itself through direct calls (set by `oxyc_passes::callgraph`); only
    /// such functions check the recursion depth.
    pub recursive: bool,
    /// Other compiled modules may call its C function directly: the signature hash
    /// they must have been compiled against (see `oxyc_types::xmod`).
    pub export: Option<u64>,
    /// Its `*args` and `**kwargs` are only passed on whole (`f(*args, **kwargs)`): the
    /// C function takes the caller's argument array and keyword names instead of a
    /// tuple and a dict (set by `oxyc_passes::forward`).
    pub forwards: bool,
    /// This function is a copy of function `borrowing_copy_of`, made by
    /// `oxyc_passes::accessor`: the same body, but its result is borrowed from a field
    /// of an argument. It has no function object of its own (calls test whether the
    /// original is defined).
    pub borrowing_copy_of: Option<FuncId>,
}

impl Function {
    /// How many registers the native function receives (after its closure, before the
    /// depth): every parameter's own, then the items after the first of each unboxed
    /// tuple parameter, in the order of the parameters. They are the first registers.
    pub fn nargs(&self) -> usize {
        self.params.len()
            + self
                .params
                .iter()
                .filter_map(|p| p.tuple.as_ref())
                .map(|t| t.items.len().saturating_sub(1))
                .sum::<usize>()
    }
    /// The registers of the items of parameter `i` when it is an unboxed tuple (the
    /// first is its own register); its own register alone otherwise.
    pub fn item_regs(&self, i: usize) -> Vec<Reg> {
        let mut next = self.params.len();
        for (j, p) in self.params.iter().enumerate() {
            let extra = p
                .tuple
                .as_ref()
                .map_or(0, |t| t.items.len().saturating_sub(1));
            if j == i {
                return std::iter::once(i)
                    .chain(next..next + extra)
                    .map(|r| Reg(r as u32))
                    .collect();
            }
            next += extra;
        }
        Vec::new()
    }
    pub fn reg(&self, r: Reg) -> &RegInfo {
        &self.regs[r.0 as usize]
    }
    pub fn ty(&self, r: Reg) -> RType {
        self.regs[r.0 as usize].ty
    }
    pub fn block(&self, b: BlockId) -> &Block {
        &self.blocks[b.0 as usize]
    }
}

/// A C static declared by the module (function defaults).
#[derive(Debug, Clone)]
pub struct Static {
    pub name: String,
    pub ty: RType,
}

/// A top-level statement executed by the interpreter at its place in the module body.
#[derive(Debug, Clone)]
pub struct ExecSnippet {
    /// The source, padded with blank lines so line numbers match the file.
    pub source: String,
    /// Why it is not compiled (shown by `--explain` and in the IR).
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub name: String,
    /// Path shown in tracebacks.
    pub path: String,
    pub functions: Vec<Function>,
    /// Index of the module-body function in `functions`.
    pub body: FuncId,
    pub statics: Vec<Static>,
    pub snippets: Vec<ExecSnippet>,
    /// `from __future__ import annotations` is in effect (for exec'd snippets).
    pub future_annotations: bool,
    /// Native classes: their C layout.
    pub classes: Vec<ClassLayout>,
    /// Functions of other compiled modules that calls in this one reach directly
    /// (`ExternReady`/`CallExtern` index it).
    pub extern_sites: Vec<ExternSite>,
    /// Native classes of other compiled modules whose instances this module's code
    /// reads, writes and calls directly (`XTypeIs`, `XGetField`, ... index it).
    pub xclasses: Vec<XClassLayout>,
}

/// A native class of another compiled module, as this module sees it.
#[derive(Debug, Clone)]
pub struct XClassLayout {
    /// `module.Class`.
    pub qualified: String,
    /// Its layout hash: the capsule in the class's dict must carry the same.
    pub layout: u64,
    /// Its native base (an index into `Module::xclasses`).
    pub base: Option<u32>,
    pub fields: Vec<Field>,
    /// Only for a root class.
    pub weakrefs: bool,
    /// Its method table: each entry's C parameters (the instance first) and result.
    pub methods: Vec<(String, Vec<RType>, RType)>,
}

/// What a native class shows other compiled modules (see `oxyc_types::xmod::XClass`):
/// its layout hash and method table.
#[derive(Debug, Clone)]
pub struct ClassExport {
    pub layout: u64,
    pub methods: Vec<FuncId>,
}

/// A function of another compiled module, as this module's call sites see it.
#[derive(Debug, Clone)]
pub struct ExternSite {
    /// `module.name`, for the C comments and the IR text.
    pub qualified: String,
    /// The signature hash it was compiled against.
    pub sig: u64,
    /// Its C parameters and result.
    pub params: Vec<RType>,
    pub ret: RType,
}

impl Module {
    /// Per native class: may a read of one of its unset fields run `__getattr__`,
    /// i.e. does any class of its native family (same root) define one?
    pub fn getattr_hooked(&self) -> Vec<bool> {
        let root = |mut c: usize| {
            while let Some(b) = self.classes[c].base {
                c = b as usize;
            }
            c
        };
        let mut hooked_root = vec![false; self.classes.len()];
        for (c, layout) in self.classes.iter().enumerate() {
            if layout.getattr_hook {
                hooked_root[root(c)] = true;
            }
        }
        (0..self.classes.len())
            .map(|c| hooked_root[root(c)])
            .collect()
    }
}

/// The C layout of a native class: a struct that starts with its base's.
#[derive(Debug, Clone)]
pub struct ClassLayout {
    pub name: String,
    pub base: Option<u32>,
    /// The fields this class adds.
    pub fields: Vec<Field>,
    /// The class body defines `__del__` (instances must be GC objects, so that the
    /// finalizer runs once even when an instance is resurrected).
    pub finalizer: bool,
    /// Decorated with `@dataclass`: the field descriptors are hidden while the
    /// decorators run (see `oxy_native_class_create`) and put back afterwards.
    pub dataclass: bool,
    /// The class body defines `__getattr__`: reads of unset fields ask it.
    pub getattr_hook: bool,
    /// Instances take weak references (not with a literal `__slots__` that leaves
    /// out `__weakref__`, as in CPython: a subclass may then add the slot).
    pub weakrefs: bool,
    /// A base defined in Python (`ABC`, `Generic[T]`) makes the type a GC type.
    pub python_base: bool,
    /// The class body has a literal `__slots__`: its fields are slots in CPython.
    pub slotted: bool,
    /// Shown to the other modules of the build (a capsule in the class's dict).
    pub export: Option<ClassExport>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: RType,
    /// Python type name checked when a value is stored from Python (None = any).
    pub check: Option<String>,
}

impl Op {
    /// Calls `f` with each register the op reads (as `uses`, without allocating).
    pub fn each_use(&self, mut f: impl FnMut(Reg)) {
        match &self.kind {
            OpKind::Prim { args, .. }
            | OpKind::Call { args, .. }
            | OpKind::CallExtern { args, .. }
            | OpKind::CallXMethod { args, .. } => args.iter().copied().for_each(f),
            OpKind::CallObj { callable, args, .. } => {
                f(*callable);
                args.iter().copied().for_each(f);
            }
            OpKind::CallMethod { obj, args, .. } => {
                f(*obj);
                args.iter().copied().for_each(f);
            }
            OpKind::Build { items, .. } => items.iter().copied().for_each(f),
            OpKind::BuildDict { keys, values, .. } => {
                keys.iter().chain(values.iter()).copied().for_each(f)
            }
            _ => self.uses().into_iter().for_each(f),
        }
    }

    /// Does the op read `r`?
    pub fn reads(&self, r: Reg) -> bool {
        let mut found = false;
        self.each_use(|u| found |= u == r);
        found
    }

    /// Registers read by the op.
    pub fn uses(&self) -> Vec<Reg> {
        match &self.kind {
            OpKind::Assign { src, .. } | OpKind::Unbox { src, .. } => vec![*src],
            OpKind::GetField { obj, .. }
            | OpKind::TypeIs { obj, .. }
            | OpKind::XTypeIs { obj, .. }
            | OpKind::XIsInstance { obj, .. }
            | OpKind::XGetField { obj, .. }
            | OpKind::NoSubclassOf { obj, .. } => vec![*obj],
            OpKind::XClassReady { callable, .. } => vec![*callable],
            OpKind::XNewInstance { .. } => vec![],
            OpKind::SetField { obj, src, .. } | OpKind::XSetField { obj, src, .. } => {
                vec![*obj, *src]
            }
            OpKind::MakeNativeClass { builder, .. } | OpKind::MakeClass { builder, .. } => {
                vec![*builder]
            }
            OpKind::Const { .. } => vec![],
            OpKind::Prim { args, .. } => args.clone(),
            OpKind::Call { args, .. }
            | OpKind::CallExtern { args, .. }
            | OpKind::CallXMethod { args, .. } => args.clone(),
            OpKind::ExternReady { callable, .. } => vec![*callable],
            OpKind::ModuleAttr { obj, .. } => vec![*obj],
            OpKind::CallObj { callable, args, .. } => {
                let mut v = vec![*callable];
                v.extend(args);
                v
            }
            OpKind::CallMethod { obj, args, .. } => {
                let mut v = vec![*obj];
                v.extend(args);
                v
            }
            OpKind::Build { items, .. } => items.clone(),
            OpKind::BuildDict { keys, values, .. } => {
                keys.iter().chain(values.iter()).copied().collect()
            }
            OpKind::LoadGlobal { .. }
            | OpKind::LoadBuiltin { .. }
            | OpKind::LoadStatic { .. }
            | OpKind::LoadRet { .. }
            | OpKind::DelGlobal { .. }
            | OpKind::DefineFunction { .. }
            | OpKind::MakeFunction { closure: None, .. }
            | OpKind::LoadFree { .. }
            | OpKind::NewInstance { .. }
            | OpKind::LoadConstInt { .. }
            | OpKind::ExecSource { .. }
            | OpKind::CheckSignals
            | OpKind::CheckDepth => vec![],
            OpKind::StoreGlobal { src, .. }
            | OpKind::StoreStatic { src, .. }
            | OpKind::StoreRet { src, .. } => vec![*src],
            OpKind::MakeFunction {
                closure: Some(c), ..
            } => vec![*c],
            OpKind::Yield { value, .. } => vec![*value],
            OpKind::CheckType { src, .. } => vec![*src],
            OpKind::Undef { .. } => vec![],
            OpKind::CheckBound { reg, .. } => vec![*reg],
            OpKind::IncRef { reg } | OpKind::DecRef { reg } | OpKind::XDecRef { reg } => {
                vec![*reg]
            }
        }
    }

    /// Register written by the op.
    pub fn def(&self) -> Option<Reg> {
        match &self.kind {
            OpKind::Assign { dst, .. }
            | OpKind::Const { dst, .. }
            | OpKind::Call { dst, .. }
            | OpKind::CallExtern { dst, .. }
            | OpKind::ExternReady { dst, .. }
            | OpKind::ModuleAttr { dst, .. }
            | OpKind::Unbox { dst, .. }
            | OpKind::CallObj { dst, .. }
            | OpKind::CallMethod { dst, .. }
            | OpKind::Build { dst, .. }
            | OpKind::BuildDict { dst, .. }
            | OpKind::LoadGlobal { dst, .. }
            | OpKind::LoadBuiltin { dst, .. }
            | OpKind::LoadStatic { dst, .. }
            | OpKind::LoadRet { dst, .. }
            | OpKind::MakeFunction { dst, .. }
            | OpKind::LoadFree { dst, .. }
            | OpKind::Yield { dst, .. }
            | OpKind::GetField { dst, .. }
            | OpKind::TypeIs { dst, .. }
            | OpKind::XTypeIs { dst, .. }
            | OpKind::XIsInstance { dst, .. }
            | OpKind::XGetField { dst, .. }
            | OpKind::XClassReady { dst, .. }
            | OpKind::XNewInstance { dst, .. }
            | OpKind::CallXMethod { dst, .. }
            | OpKind::NoSubclassOf { dst, .. }
            | OpKind::LoadConstInt { dst, .. }
            | OpKind::NewInstance { dst, .. }
            | OpKind::MakeNativeClass { dst, .. }
            | OpKind::MakeClass { dst, .. } => Some(*dst),
            OpKind::Prim { dst, .. } => *dst,
            OpKind::Undef { reg } => Some(*reg),
            _ => None,
        }
    }

    /// Operands whose reference the op takes over.
    pub fn stolen(&self) -> Vec<Reg> {
        match &self.kind {
            OpKind::Assign { src, .. } => vec![*src],
            OpKind::Yield { value, .. } => vec![*value],
            OpKind::StoreRet { src, .. } => vec![*src],
            OpKind::SetField {
                src, steal: true, ..
            } => vec![*src],
            OpKind::Prim { prim, args, .. } => {
                let d = prim.desc();
                args.iter()
                    .zip(d.steals.iter())
                    .filter(|(_, s)| **s)
                    .map(|(a, _)| *a)
                    .collect()
            }
            _ => vec![],
        }
    }
}
