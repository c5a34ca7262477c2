//! One native C function per IR function.

use crate::absorb::Absorb;
use crate::consts::ConstTable;
use crate::cstr::{c_double, c_string, ident};
use crate::{Linkage, c_type, error_check, error_value, initial_value, native_name};
use indexmap::IndexSet;
use oxyc_ir::{
    BlockId, BuildKind, Const, ErrEdge, ErrKind, Function, Module, Op, OpKind, RType, Reg, RegKind,
    Terminator,
};
use std::fmt::Write;

struct Emitter<'a> {
    m: &'a Module,
    f: &'a Function,
    /// The C name of each register (made once: the emitter names registers often).
    names: &'a [String],
    /// The module's path as a C string literal (for `#line`).
    path: &'a str,
    consts: &'a mut ConstTable,
    builtins: &'a mut IndexSet<String>,
    out: String,
    cur_line: u32,
    /// Yields emitted so far (a generator resumes at `Y<k>`).
    yields: usize,
    /// Shared traceback exits: handler block -> label number.
    exits: indexmap::IndexMap<u32, usize>,
    /// Shared release chains of error paths: (register, next label) -> node number.
    /// Error sites with the same (or a common tail of) cleanup share the code.
    chains: indexmap::IndexMap<(Reg, Label), usize>,
    /// The block being emitted only runs with long ints: int operations are emitted
    /// as plain calls (`PrimDesc::compact`) to keep the C small.
    cold: bool,
    /// Some module-constant read reuses an earlier one's check (`LoadConstInt`
    /// `known`): every check then leaves its answer in the local `oxy_cok`
    /// (generator functions, which have no constants twin).
    cok: bool,
    /// Which copy of the body is being emitted (see `Copy`).
    copy: Copy,
    /// The block and op index being emitted (the twin's entry labels).
    at: (usize, usize),
    /// Per block: whether the twin jumps to its start (its label is emitted).
    twin_labelled: Vec<bool>,
    /// Entry mode: the reads a test on entry covers.
    entry_known: Vec<(usize, usize)>,
    /// Releases and polls for signals whose rare branch checks the constants again
    /// (`const_guard::recheck_sites`), sorted.
    rechecks: Vec<(usize, usize)>,
    /// Per block: the constants are checked at its end (`const_guard::inserted_checks`).
    check_ends: Vec<bool>,
    /// Borrowed int field reads whose unset test is still to come (register, the
    /// test's C up to its closing brace): the next op that uses the value in an int
    /// operation's fast path tests it in its slow path; any other op tests first.
    pending: Vec<(Reg, String)>,
    /// The condition of the block being ended when an exact-type test computed it.
    likely: Option<Reg>,
    /// Int operands that the op being emitted releases right after (see
    /// `slow_path_releases`): released in its slow path only.
    slow_decrefs: Vec<Reg>,
    lk: Linkage,
    /// A generator's registers that live in its frame (`oxyc_passes::frame`).
    frame: &'a [bool],
    /// Direct `await f(...)` of compiled coroutines run on a C-stack frame (see
    /// `inline_awaits`): (block, op) of the call or the first send -> its number.
    inline_calls: indexmap::IndexMap<(usize, usize), usize>,
    inline_sends: indexmap::IndexMap<(usize, usize), usize>,
    /// Which calls go to their callee's `_inline` entry (see `crate::absorb`).
    absorb: &'a Absorb,
    /// The copy for long ints is being emitted (its calls stay out of line).
    generic: bool,
    /// Per register: it can only hold None (see `none_regs`).
    none: Vec<bool>,
    /// Per register: may hold None among other values (`maybe_none_regs`).
    maybe_none: Vec<bool>,
    /// Per register: it only holds lists compiled code built (see `list_regs`).
    lists: Vec<bool>,
    /// Per register: the str constant that every definition of it loads, if any.
    strs: Vec<Option<&'a str>>,
    /// Emitting the module's body: the line last stored in this block into the line
    /// of the Python frame the body runs under (`oxy_body_lineno`, see
    /// `oxy_run_module_body`), 0 for none yet. Each op that can fail (and so may
    /// run Python code that looks at the frame) stores its line first.
    body_line: Option<u32>,
    /// The module's body, without loops: every op runs once, so its C is compiled for
    /// the C compiler's speed (`OXY_RUN_ONCE`), and it calls absorbed functions out of
    /// line (their loops keep the optimisation of their own C function).
    run_once: bool,
}

/// The registers of `f` that only ever hold one str constant (every definition is a
/// `Const` of that string): the keys of a dict display written as literals.
fn str_const_regs(f: &Function) -> Vec<Option<&str>> {
    let n = f.regs.len();
    let mut strs: Vec<Option<&str>> = vec![None; n];
    let mut bad = vec![false; n];
    for op in f.blocks.iter().flat_map(|b| &b.ops) {
        let Some(d) = op.def() else { continue };
        let d = d.0 as usize;
        if d >= n {
            continue;
        }
        match &op.kind {
            OpKind::Const {
                value: Const::Str(s),
                ..
            } if strs[d].is_none_or(|t| t == s) => strs[d] = Some(s),
            _ => bad[d] = true,
        }
    }
    // (Parameters have no definition here: never constants.)
    for (r, s) in strs.iter_mut().enumerate() {
        if bad[r] || r < f.nargs() {
            *s = None;
        }
    }
    strs
}

/// The registers of `f` that only ever hold a list that compiled code built (every
/// definition is a list display or comprehension, or a copy of such a register):
/// their releases go through `oxy_list_decref`, which pools a list freed there
/// for the next display (see `oxy_list_new` in the runtime).
fn list_regs(f: &Function) -> Vec<bool> {
    defined_only_by(f, |_, op| {
        matches!(
            op,
            OpKind::Build {
                kind: BuildKind::List,
                ..
            }
        )
    })
}

/// The object registers of `f` whose every definition is an op `ok` accepts (given
/// its (block, op) position) or a copy of such a register (never a parameter, even
/// one the body assigns again).
fn defined_only_by(f: &Function, mut ok: impl FnMut((usize, usize), &OpKind) -> bool) -> Vec<bool> {
    let n = f.regs.len();
    let mut has_def = vec![false; n];
    let mut bad = vec![false; n];
    let mut copies: Vec<(usize, usize)> = Vec::new();
    for (bi, b) in f.blocks.iter().enumerate() {
        for (oi, op) in b.ops.iter().enumerate() {
            let Some(d) = op.def() else { continue };
            let d = d.0 as usize;
            if d >= n {
                continue;
            }
            has_def[d] = true;
            match &op.kind {
                k if ok((bi, oi), k) => {}
                OpKind::Assign { src, .. } => copies.push((d, src.0 as usize)),
                _ => bad[d] = true,
            }
        }
    }
    let mut yes: Vec<bool> = (0..n)
        .map(|r| has_def[r] && !bad[r] && r >= f.nargs() && f.regs[r].ty == RType::Obj)
        .collect();
    // A copy qualifies only if its source does (shrink to a fixpoint).
    let mut changed = true;
    while changed {
        changed = false;
        for &(d, s) in &copies {
            if yes[d] && !yes.get(s).copied().unwrap_or(false) {
                yes[d] = false;
                changed = true;
            }
        }
    }
    yes
}

/// Does `f` return None on every path (a plain function whose every `return` gives a
/// register that only a `None` constant defines)?
fn returns_none(f: &Function) -> bool {
    if f.is_generator || f.forwards || f.ret != RType::Obj || !f.ret_extra.is_empty() {
        return false;
    }
    for b in &f.blocks {
        if let Terminator::Return(r) = b.term {
            let only_none = f
                .blocks
                .iter()
                .flat_map(|b| &b.ops)
                .filter(|op| op.def() == Some(r))
                .all(|op| {
                    matches!(
                        op.kind,
                        OpKind::Const {
                            value: Const::None,
                            ..
                        }
                    )
                });
            if !only_none || r.0 as usize >= f.regs.len() || (r.0 as usize) < f.nargs() {
                return false;
            }
        }
    }
    // (One without a `return` never returns: `raise NotImplementedError` in a base
    // class. Its calls give no value to release.)
    true
}

/// The registers of `f` that can only hold None: defined by `None` constants, calls
/// of compiled functions that return None, and copies of such registers. Their
/// references are not counted at all (None is pinned: `OXY_PINNED_SINGLETONS` in the
/// runtime), so a register put here wrongly would skip increments of a live object:
/// only what is certain counts.
fn none_regs(m: &Module, f: &Function) -> Vec<bool> {
    let mut callee_none: indexmap::IndexMap<u32, bool> = Default::default();
    // Copies of a register that a `check_type[None]` earlier in the block let through
    // (the result of a call through the method table, checked as the annotation says).
    let mut checked_copies: std::collections::HashSet<(usize, usize)> = Default::default();
    for (bi, b) in f.blocks.iter().enumerate() {
        let mut checked: Vec<Reg> = Vec::new();
        for (oi, op) in b.ops.iter().enumerate() {
            match &op.kind {
                // (Only a check that can fail is emitted: one without an error edge
                // proves nothing, and a register counted here skips increments.)
                OpKind::CheckType { src, expected, .. }
                    if expected == "None" && op.err.is_some() =>
                {
                    checked.push(*src)
                }
                OpKind::Assign { src, .. } if checked.contains(src) => {
                    checked_copies.insert((bi, oi));
                }
                _ => {}
            }
            if let Some(d) = op.def() {
                checked.retain(|r| *r != d);
            }
        }
    }
    defined_only_by(f, |at, op| match op {
        OpKind::Assign { .. } => checked_copies.contains(&at),
        OpKind::Const {
            value: Const::None, ..
        } => true,
        OpKind::Call { func, .. } => *callee_none
            .entry(func.0)
            .or_insert_with(|| m.functions.get(func.0 as usize).is_some_and(returns_none)),
        _ => false,
    })
}

/// Is a value checked against `check` (a field's, parameter's or return's type; None
/// = any object) possibly None?
pub(crate) fn check_admits_none(check: Option<&str>) -> bool {
    check.is_none_or(|c| c == "None" || c.starts_with("Optional["))
}

/// The object registers of `f` that may hold None among other values (a copy of an
/// `Optional[...]` field, parameter or return value, or of a `None` constant mixed
/// with others): their references are counted with a test for None first
/// (`OXY_INCREF_NN`), since None is pinned (`OXY_PINNED_SINGLETONS`) and the writes
/// to its count would otherwise chain every such release to the one before.
/// Registers of other definitions keep the plain count (no test: most never hold
/// None).
fn maybe_none_regs(m: &Module, f: &Function) -> Vec<bool> {
    let n = f.regs.len();
    let mut yes = vec![false; n];
    for (i, p) in f.params.iter().enumerate() {
        if i < n && p.ty == RType::Obj && p.tuple.is_none() {
            yes[i] = check_admits_none(p.check.as_deref());
        }
    }
    let mut copies: Vec<(usize, usize)> = Vec::new();
    for op in f.blocks.iter().flat_map(|b| &b.ops) {
        // (A value checked against an annotation that admits None: a call's result
        // through the method table or the interpreter.)
        if let OpKind::CheckType { src, expected, .. } = &op.kind
            && f.regs
                .get(src.0 as usize)
                .is_some_and(|r| r.ty == RType::Obj)
            && check_admits_none(Some(expected))
        {
            yes[src.0 as usize] = true;
        }
        let Some(d) = op.def() else { continue };
        let d = d.0 as usize;
        if d >= n || f.regs[d].ty != RType::Obj {
            continue;
        }
        let maybe = match &op.kind {
            OpKind::Const {
                value: Const::None, ..
            } => true,
            OpKind::GetField { class, field, .. } => m
                .classes
                .get(*class as usize)
                .and_then(|c| c.fields.get(*field as usize))
                .is_some_and(|fl| check_admits_none(fl.check.as_deref())),
            OpKind::XGetField { class, field, .. } => m
                .xclasses
                .get(*class as usize)
                .and_then(|c| c.fields.get(*field as usize))
                .is_some_and(|fl| check_admits_none(fl.check.as_deref())),
            OpKind::Call { func, .. } => m.functions.get(func.0 as usize).is_some_and(|g| {
                g.ret == RType::Obj && !g.is_generator && check_admits_none(g.ret_check.as_deref())
            }),
            OpKind::Assign { src, .. } => {
                copies.push((d, src.0 as usize));
                false
            }
            _ => false,
        };
        yes[d] |= maybe;
    }
    // A copy of a register that may hold None may too (a worklist over the copies,
    // linear in their number).
    let mut copied_to: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(d, s) in &copies {
        if let Some(ds) = copied_to.get_mut(s) {
            ds.push(d);
        }
    }
    let mut work: Vec<usize> = (0..n).filter(|&r| yes[r]).collect();
    while let Some(s) = work.pop() {
        for &d in &copied_to[s] {
            if !yes[d] {
                yes[d] = true;
                work.push(d);
            }
        }
    }
    yes
}

/// The direct awaits of compiled coroutines in generator `f` that can run the callee
/// on a frame on the C stack: a `Call` of a plain coroutine (`inline_awaitable`)
/// whose object is first used, in the same block, by the first step of the `await`
/// (`YieldFromSend`), with only ops that cannot fail and do not touch it in between
/// (releases of the arguments, the `None` sent). The object then exists only if
/// the callee suspends (`oxy_coro_inline`): one that finishes at once costs no
/// object. Returns (block, call op, send op, callee) per site.
fn inline_awaits(m: &Module, f: &Function) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    if !f.is_generator {
        return out;
    }
    for (bi, b) in f.blocks.iter().enumerate() {
        for (i, op) in b.ops.iter().enumerate() {
            let OpKind::Call { dst, func, .. } = &op.kind else {
                continue;
            };
            let Some(target) = m.functions.get(func.0 as usize) else {
                continue;
            };
            if !inline_awaitable(target) {
                continue;
            }
            for (j, next) in b.ops.iter().enumerate().skip(i + 1) {
                if next.reads(*dst) {
                    if let OpKind::Prim {
                        prim: oxyc_ir::Prim::YieldFromSend,
                        args,
                        dst: Some(_),
                    } = &next.kind
                        && args.first() == Some(dst)
                        && args.get(1) != Some(dst)
                    {
                        out.push((bi, i, j, func.0 as usize));
                    }
                    break;
                }
                if next.err.is_some() || next.def() == Some(*dst) {
                    break;
                }
            }
        }
    }
    out
}

pub fn emit_function(
    m: &Module,
    f: &Function,
    consts: &mut ConstTable,
    builtins: &mut IndexSet<String>,
    lk: Linkage,
    absorb: &Absorb,
) -> String {
    if f.is_generator {
        let frame = oxyc_passes::frame::frame_regs(f);
        let mut out = generator_frame(m, f);
        out += &emit_body(m, f, &frame, consts, builtins, Variant::Plain, lk, absorb);
        return out;
    }
    if f.forwards {
        let mut out = emit_body(m, f, &[], consts, builtins, Variant::Plain, lk, absorb);
        out += &packed_entry(m, f, lk);
        return out;
    }
    let mut out = String::new();
    if entry_mode(m, f).is_some() {
        let _ = writeln!(
            out,
            "{};",
            signature_named(f, &consts_name(m, f), Linkage::Single, false)
        );
        out += &emit_copy(
            m,
            f,
            &[],
            consts,
            builtins,
            Variant::Plain,
            lk,
            true,
            absorb,
        );
        out.push('\n');
    }
    let tagged = int_params(f);
    if tagged.is_empty() || op_count(f) > SPECIALIZE_MAX_OPS || !computes_with(f, &tagged) {
        out += &emit_body(m, f, &[], consts, builtins, Variant::Plain, lk, absorb);
    } else {
        // Two copies: the entry point assumes its int parameters are short (and the
        // C compiler folds their tag checks away); one that is long sends the call to
        // the generic copy.
        let _ = writeln!(
            out,
            "{};",
            signature_named(f, &generic_name(m, f), Linkage::Single, false)
        );
        out += &emit_body(
            m,
            f,
            &[],
            consts,
            builtins,
            Variant::Dispatch(tagged),
            lk,
            absorb,
        );
        out.push('\n');
        out += &emit_body(m, f, &[], consts, builtins, Variant::Generic, lk, absorb);
    }
    if absorb.is_absorbed(f.id.0 as usize) {
        // The entry point above is `<name>_inline`; the function itself, for
        // everything else, is that body out of line.
        let args: Vec<String> = (0..f.nargs())
            .map(|i| reg_field(f, Reg(i as u32)))
            .chain(["oxy_depth".to_string()])
            .collect();
        let _ = writeln!(
            out,
            "\n{} {{\n    return {}_inline({});\n}}",
            signature(m, f, lk),
            native_name(m, f.id),
            args.join(", ")
        );
    }
    out
}

/// The prototype of the `_inline` entry of a function that `crate::absorb` absorbs:
/// its body, which the C compiler must inline where it is called.
pub fn inline_signature(m: &Module, f: &Function) -> String {
    signature_named(
        f,
        &format!("{}_inline", native_name(m, f.id)),
        Linkage::Single,
        false,
    )
    .replacen("static ", "static inline OXY_ALWAYS_INLINE ", 1)
}

/// The blocks of `f` that only run with long ints (see `Plan`).
pub(crate) fn cold_blocks(f: &Function) -> Vec<bool> {
    Plan::new(f, &Variant::Plain).cold
}

/// The copies of a function body inside one C function.
///
/// A function that reads module int constants as literals (`LoadConstInt` with a
/// `value`) is emitted twice in its C function, sharing its locals: the *main* copy
/// (labels `L<block>`) uses the literals, and each read that is not `known` tests
/// that the module dict is still the one at which the constants were verified; if
/// not, and a re-check finds a constant really rebound, it jumps to the *twin*
/// (labels `K<block>`, `K<block>_<op>` at those reads), the same code with every
/// constant read through the module dict, where the rest of the call runs. So the
/// main copy never merges a literal with a value read at run time: the C compiler
/// folds the literal into what uses it, and a `known` read costs nothing. The twin
/// is cold (compact int operations) and only holds what the reads reach; error
/// edges lead back to the main copy's handlers, which start unchecked.
///
/// A small function (one its callers may absorb: `inline_hint`) gets no twin, which
/// would double it: it tests the constants on entry instead, where a failed test
/// calls `<name>_consts`, a separate copy that reads them all from the dict (*entry*
/// mode). Its reads that every path from the entry reaches through harmless ops are
/// then the literals; the others test the version as in a function without a twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copy {
    /// No twin: reads test the version each time (or `oxy_cok`).
    Single,
    Main,
    Twin,
    /// Tested on entry (`Emitter::entry_known`: the reads that need no test).
    Entry,
    /// The `_consts` copy of an entry-mode function: every read from the dict.
    Reads,
}

fn consts_name(m: &Module, f: &Function) -> String {
    format!("{}_consts", native_name(m, f.id))
}

/// Whether `f` tests the constants on entry (see `Copy`): the reads that need no
/// other test, if so.
fn entry_mode(m: &Module, f: &Function) -> Option<Vec<(usize, usize)>> {
    if f.is_generator || f.forwards || !inline_hint(f) {
        return None;
    }
    let known = oxyc_passes::const_guard::entry_known(f, &m.getattr_hooked());
    (!known.is_empty()).then_some(known)
}

/// Whether the read is one the main copy tests (and the twin is entered at).
fn twin_entry(op: &Op) -> bool {
    matches!(
        op.kind,
        OpKind::LoadConstInt {
            value: Some(_),
            known: false,
            ..
        }
    )
}

/// A C label of a function's error paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Label {
    /// `L<block>`: a handler.
    Block(u32),
    /// `E<k>`: adds the traceback entry, then goes to a handler.
    Exit(usize),
    /// `C<k>`: a node of a release chain.
    Chain(usize),
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::Block(b) => write!(f, "L{b}"),
            Label::Exit(k) => write!(f, "E{k}"),
            Label::Chain(k) => write!(f, "C{k}"),
        }
    }
}

/// Which blocks one copy of a function emits, and how.
///
/// A versioned `range()` loop (`IntAllShort3` picks a C-counter loop when the bounds
/// are short, the general loop otherwise) needs only one of its loops where the test's
/// outcome is known: the short-int copy of a function, whose int parameters are short,
/// knows it when the bounds are short by construction (see `oxyc_passes::shortint`).
/// What only runs with long bounds (the general loop of a versioned loop) is *cold*:
/// emitted compactly. (The copy for long ints is not cold: 64-bit hashes and random
/// states are long ints, and a function that takes one runs that copy every time.)
struct Plan {
    /// Per block: its branch's outcome, when known in this copy.
    forced: Vec<Option<BlockId>>,
    reachable: Vec<bool>,
    cold: Vec<bool>,
}

impl Plan {
    fn new(f: &Function, variant: &Variant) -> Plan {
        let nb = f.blocks.len();
        // The versioning tests: their result register -> their operands.
        let mut tests: indexmap::IndexMap<Reg, &[Reg]> = Default::default();
        for b in &f.blocks {
            for op in &b.ops {
                if let OpKind::Prim {
                    dst: Some(d),
                    prim: oxyc_ir::Prim::IntAllShort3,
                    args,
                } = &op.kind
                {
                    tests.insert(*d, args);
                }
            }
        }
        let all = |v: bool| vec![v; nb];
        if tests.is_empty() {
            return Plan {
                forced: vec![None; nb],
                reachable: all(true),
                cold: all(false),
            };
        }
        let short = match variant {
            Variant::Dispatch(_) => oxyc_passes::shortint::short_ints(f, true),
            _ => Vec::new(),
        };
        let is_short = |r: &Reg| short.get(r.0 as usize).copied().unwrap_or(false);
        let mut forced = vec![None; nb];
        // Per block with a versioning branch: (short edge, general edge).
        let mut versioning = vec![None; nb];
        for (bi, b) in f.blocks.iter().enumerate() {
            if let Terminator::Branch { cond, then_, else_ } = &b.term
                && let Some(args) = tests.get(cond)
            {
                versioning[bi] = Some((*then_, *else_));
                forced[bi] = match variant {
                    Variant::Dispatch(_) if args.iter().all(is_short) => Some(*then_),
                    _ => None,
                };
            }
        }
        let reachable = reach(f, &|bi| forced[bi].map(|t| vec![t]));
        let hot = reach(f, &|bi| {
            forced[bi]
                .or(versioning[bi].map(|(short, _)| short))
                .map(|t| vec![t])
        });
        let cold = (0..nb).map(|bi| reachable[bi] && !hot[bi]).collect();
        Plan {
            forced,
            reachable,
            cold,
        }
    }
}

/// The blocks reachable from the entry (through branches and error edges); `only`
/// overrides the branch targets of a block.
fn reach(f: &Function, only: &dyn Fn(usize) -> Option<Vec<BlockId>>) -> Vec<bool> {
    let mut seen = vec![false; f.blocks.len()];
    let mut stack = vec![f.entry];
    while let Some(b) = stack.pop() {
        let bi = b.0 as usize;
        if bi >= seen.len() || seen[bi] {
            continue;
        }
        seen[bi] = true;
        let block = &f.blocks[bi];
        stack.extend(
            block
                .ops
                .iter()
                .filter_map(|op| op.err.as_ref().map(|e| e.target)),
        );
        match only(bi) {
            Some(targets) => stack.extend(targets),
            None => stack.extend(block.term.successors()),
        }
    }
    seen
}

/// A primitive's C template with `$0`, `$1`, ... replaced by its operands and `$d` by
/// its result (one pass, no intermediate strings).
fn fill(template: &str, operands: &[&str], dst: &str) -> String {
    let mut out = String::with_capacity(template.len() + 16 * operands.len());
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let i: usize = after[..digits].parse().unwrap_or(usize::MAX);
            out.push_str(operands.get(i).copied().unwrap_or("/* bad operand */"));
            rest = &after[digits..];
        } else if let Some(tail) = after.strip_prefix('d') {
            out.push_str(dst);
            rest = tail;
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The entry point of a function that forwards its `*args, **kwargs` (see
/// `oxyc_passes::forward`) for compiled callers, which bind a call to it at compile
/// time to a tuple and a dict: they are spread back into an argument array.
fn packed_entry(m: &Module, f: &Function, lk: Linkage) -> String {
    let name = native_name(m, f.id);
    let ret = c_type(f.ret);
    let err = crate::error_value(f.ret);
    let closure = if f.has_closure { "oxy_closure, " } else { "" };
    format!(
        "\n{sig} {{\n    PyObject *small[8], **stack, *kwnames;\n    if (oxy_unpack_call(oxy_t, oxy_d, small, 8, &stack, &kwnames) < 0) return {err};\n    {ret} r = {name}({closure}stack, PyTuple_GET_SIZE(oxy_t), kwnames, oxy_depth);\n    oxy_unpacked_free(small, stack, kwnames);\n    return r;\n}}\n",
        sig = packed_signature(m, f, lk)
    )
}

/// `packed_entry`'s C signature.
pub fn packed_signature(m: &Module, f: &Function, lk: Linkage) -> String {
    format!(
        "{} __attribute__((unused)) {} {}_packed({}PyObject *oxy_t, PyObject *oxy_d, int oxy_depth)",
        lk.keyword(),
        c_type(f.ret),
        native_name(m, f.id),
        if f.has_closure {
            "PyObject *oxy_closure, "
        } else {
            ""
        }
    )
}

/// Functions up to this many IR ops get a short-int copy (see `emit_function`).
const SPECIALIZE_MAX_OPS: usize = 160;

enum Variant {
    Plain,
    /// Entry point: sends calls with a long int in any of these parameters to the
    /// generic copy, so the body may assume they are short.
    Dispatch(Vec<Reg>),
    Generic,
}

fn int_params(f: &Function) -> Vec<Reg> {
    (0..f.nargs())
        .map(|i| Reg(i as u32))
        .filter(|&r| f.ty(r) == RType::Int)
        .collect()
}

/// Ops and terminators, not counting reference counting.
fn op_count(f: &Function) -> usize {
    f.blocks
        .iter()
        .map(|b| {
            1 + b
                .ops
                .iter()
                .filter(|op| {
                    !matches!(
                        op.kind,
                        OpKind::IncRef { .. } | OpKind::DecRef { .. } | OpKind::XDecRef { .. }
                    )
                })
                .count()
        })
        .sum()
}

/// Does the body compute with one of these int parameters (or a copy of it) where
/// knowing it short lets the C compiler drop tag checks: arithmetic, comparisons,
/// indexing? Only then is a short-int copy worth its size. The bounds of a `range()`
/// loop do not count (its own test picks or clamps the C loop), nor does code that
/// only runs with long ints.
fn computes_with(f: &Function, params: &[Reg]) -> bool {
    let mut derived = vec![false; f.regs.len()];
    for p in params {
        derived[p.0 as usize] = true;
    }
    let mut changed = true;
    while changed {
        changed = false;
        for op in f.blocks.iter().flat_map(|b| &b.ops) {
            if let OpKind::Assign { dst, src } = op.kind
                && derived[src.0 as usize]
                && !derived[dst.0 as usize]
            {
                derived[dst.0 as usize] = true;
                changed = true;
            }
        }
    }
    let cold = Plan::new(f, &Variant::Plain).cold;
    f.blocks
        .iter()
        .enumerate()
        .filter(|(bi, _)| !cold[*bi])
        .flat_map(|(_, b)| &b.ops)
        .any(|op| match &op.kind {
            OpKind::Prim { prim, args, .. } => {
                let d = prim.desc();
                !matches!(
                    prim,
                    oxyc_ir::Prim::IntAllShort3
                        | oxyc_ir::Prim::IntShortToSsize
                        | oxyc_ir::Prim::IntRangeBound
                        | oxyc_ir::Prim::IntBox
                ) && args
                    .iter()
                    .zip(d.args)
                    .any(|(a, t)| *t == RType::Int && derived[a.0 as usize])
            }
            _ => false,
        })
}

fn generic_name(m: &Module, f: &Function) -> String {
    format!("{}_generic", native_name(m, f.id))
}

/// (`frame`: which registers of a generator live in its frame, see
/// `oxyc_passes::frame`; the others are C locals of its resume function.)
#[allow(clippy::too_many_arguments)]
fn emit_body(
    m: &Module,
    f: &Function,
    frame: &[bool],
    consts: &mut ConstTable,
    builtins: &mut IndexSet<String>,
    variant: Variant,
    lk: Linkage,
    absorb: &Absorb,
) -> String {
    emit_copy(m, f, frame, consts, builtins, variant, lk, false, absorb)
}

/// `reads`: the `_consts` copy of an entry-mode function (see `Copy`).
#[allow(clippy::too_many_arguments)]
fn emit_copy(
    m: &Module,
    f: &Function,
    frame: &[bool],
    consts: &mut ConstTable,
    builtins: &mut IndexSet<String>,
    variant: Variant,
    lk: Linkage,
    reads: bool,
    absorb: &Absorb,
) -> String {
    let names: Vec<String> = (0..f.regs.len())
        .map(|i| {
            if frame.get(i).copied().unwrap_or(false) {
                format!("F->{}", reg_field(f, Reg(i as u32)))
            } else {
                reg_field(f, Reg(i as u32))
            }
        })
        .collect();
    let path = c_string(m.path.as_bytes());
    let ops: usize = f.blocks.iter().map(|b| b.ops.len() + 1).sum();
    let is_body = m
        .functions
        .get(m.body.0 as usize)
        .is_some_and(|b| std::ptr::eq(f, b));
    let mut e = Emitter {
        m,
        f,
        names: &names,
        path: &path,
        consts,
        builtins,
        out: String::with_capacity(80 * ops + 40 * f.regs.len()),
        cur_line: 0,
        yields: 0,
        exits: Default::default(),
        chains: Default::default(),
        cold: false,
        cok: f.blocks.iter().any(|b| {
            b.ops
                .iter()
                .any(|o| matches!(o.kind, OpKind::LoadConstInt { known: true, .. }))
        }),
        likely: None,
        slow_decrefs: Vec::new(),
        lk,
        copy: if !f.is_generator
            && f.blocks.iter().any(|b| {
                b.ops
                    .iter()
                    .any(|o| matches!(o.kind, OpKind::LoadConstInt { value: Some(_), .. }))
            }) {
            Copy::Main
        } else {
            Copy::Single
        },
        at: (0, 0),
        frame,
        inline_calls: Default::default(),
        inline_sends: Default::default(),
        twin_labelled: Vec::new(),
        entry_known: Vec::new(),
        rechecks: oxyc_passes::const_guard::recheck_sites(f, &m.getattr_hooked()),
        check_ends: oxyc_passes::const_guard::inserted_checks(f, &m.getattr_hooked()),
        pending: Vec::new(),
        absorb,
        generic: matches!(variant, Variant::Generic),
        none: none_regs(m, f),
        maybe_none: maybe_none_regs(m, f),
        lists: list_regs(f),
        strs: str_const_regs(f),
        body_line: is_body.then_some(0),
        run_once: is_body && !oxyc_passes::cfg::has_cycle(f),
    };
    if e.copy == Copy::Main {
        if reads {
            e.copy = Copy::Reads;
        } else if let Some(known) = entry_mode(m, f) {
            e.copy = Copy::Entry;
            e.entry_known = known;
        } else {
            e.cok = false;
        }
    }
    for (k, (bi, i, j, _)) in inline_awaits(m, f).into_iter().enumerate() {
        e.inline_calls.insert((bi, i), k);
        e.inline_sends.insert((bi, j), k);
    }
    e.function(&variant);
    e.out
}

/// The C signature of `f`'s native function (`lk`: see `Linkage`; the module's
/// generator functions stay in the first unit).
pub fn signature(m: &Module, f: &Function, lk: Linkage) -> String {
    signature_named(f, &native_name(m, f.id), lk, true)
}

/// (`hot`: the function's main entry, which may get an inlining hint; not the cold
/// copy for long ints.)
fn signature_named(f: &Function, name: &str, lk: Linkage, hot: bool) -> String {
    if f.is_generator {
        return format!(
            "static PyObject *{name}(void *oxy_frame, PyObject *oxy_sent, int oxy_depth)"
        );
    }
    let mut params: Vec<String> = Vec::new();
    if f.has_closure {
        params.push("PyObject *oxy_closure".to_string());
    }
    if f.forwards {
        // (`*args, **kwargs` as they came: see `oxyc_passes::forward`.)
        params.push(
            "PyObject *const *oxy_fargs, Py_ssize_t oxy_fnargs, PyObject *oxy_fkwnames".to_string(),
        );
    } else {
        // (Unboxed tuple parameters: their other items after every parameter.)
        params.extend(
            (0..f.nargs())
                .map(|i| format!("{} {}", c_type(f.regs[i].ty), reg_field(f, Reg(i as u32)))),
        );
    }
    params.push("int oxy_depth".to_string());
    format!(
        "{}{} {} {name}({})",
        lk.keyword(),
        if hot && lk == Linkage::Single && inline_hint(f) {
            " inline"
        } else {
            ""
        },
        c_type(f.ret),
        params.join(", ")
    )
}

/// `x = a + b; dec_ref a` (and `-`, `*`, `//`, `%`, `&`, `|`, `^`): the fast path of the operation
/// runs only when both operands are short ints, which own nothing, so releases of its
/// operands right after it belong in its slow path alone (the C compiler cannot see
/// that the tag tests of the release repeat the operation's). The releases at
/// `ops[i + 1..]` that qualify.
fn slow_path_releases(f: &Function, ops: &[Op], i: usize) -> Vec<Reg> {
    let OpKind::Prim {
        dst: Some(_),
        prim,
        args,
    } = &ops[i].kind
    else {
        return Vec::new();
    };
    use oxyc_ir::Prim::*;
    // (An ordering cannot fail; its fast form is used for this alone. Not `==`/`!=`:
    // their inline form is already one compare when an operand is a literal.)
    let compare = matches!(prim, IntLt | IntLe | IntGt | IntGe);
    let arith = matches!(
        prim,
        IntAdd | IntSub | IntMul | IntFloorDiv | IntMod | IntAnd | IntOr | IntXor
    ) && ops[i].err.is_some();
    if !compare && !arith {
        return Vec::new();
    }
    let mut out: Vec<Reg> = Vec::new();
    for op in &ops[i + 1..] {
        match op.kind {
            OpKind::DecRef { reg }
                if args.contains(&reg)
                    && f.reg(reg).ty == RType::Int
                    && !out.contains(&reg)
                    && op.err.is_none() =>
            {
                out.push(reg)
            }
            _ => break,
        }
    }
    out
}

/// The most IR ops a function may have for its native entry to be declared `inline`.
const INLINE_OPS: usize = 40;

/// Is `f` small enough that its callers should absorb it? (`inline` raises the C
/// compiler's size limit for inlining a function: accessors like `return self.x if
/// c else self.y` then cost no call. Recursive functions are left alone.)
fn inline_hint(f: &Function) -> bool {
    !f.recursive && f.blocks.iter().map(|b| b.ops.len() + 1).sum::<usize>() <= INLINE_OPS
}

/// The frame member of parameter `i` of a generator.
pub fn reg_field_name(f: &Function, i: usize) -> String {
    reg_field(f, Reg(i as u32))
}

fn reg_field(f: &Function, r: Reg) -> String {
    let info = f.reg(r);
    if info.name.is_empty() || info.name.contains('$') {
        format!("r{}", r.0)
    } else {
        format!("r{}_{}", r.0, ident(&info.name))
    }
}

/// Whether parameter `i` of a generator keeps its argument in its own register for
/// the whole body (it is never rebound: the refcount pass borrows it), so the frame
/// member that owns the argument can be that register.
fn arg_is_register(f: &Function, i: usize) -> bool {
    let r = Reg(i as u32);
    !f.blocks
        .iter()
        .flat_map(|b| &b.ops)
        .any(|op| op.def() == Some(r))
}

/// The frame member of a generator that owns argument `i`: its register when that is
/// never rebound (`arg_is_register`), else a member `a<i>` of its own.
pub fn arg_field(f: &Function, i: usize) -> String {
    if arg_is_register(f, i) {
        reg_field(f, Reg(i as u32))
    } else {
        format!("a{i}")
    }
}

/// The frame of a generator function: its resume state (first: the runtime reads
/// it), its closure (if it has one), the arguments it owns, and the registers that
/// live across a suspension (`frame`; the parameters' always); `oxy_gf<N>_init`
/// (a frame not started, its members empty) and, for a coroutine, `oxy_gf<N>_fill`
/// (init, then take the arguments: what a direct `await f(...)` runs on a frame on
/// the C stack, see `inline_awaits`). Emitted before every function body (a
/// coroutine's frame may be a C local of another's body).
pub fn frame_decl(f: &Function, frame: &[bool]) -> String {
    let id = f.id.0;
    let mut out = format!("struct oxy_gf{id} {{\n    int resume;\n");
    if f.has_closure {
        out.push_str("    PyObject *oxy_closure;\n");
    }
    for (i, p) in f.params.iter().enumerate() {
        if !arg_is_register(f, i) {
            let _ = writeln!(out, "    {} a{i};", c_type(p.ty));
        }
    }
    for i in (0..f.regs.len()).filter(|i| frame[*i]) {
        let _ = writeln!(
            out,
            "    {} {};",
            c_type(f.regs[i].ty),
            reg_field(f, Reg(i as u32))
        );
    }
    let _ = writeln!(out, "}};\nstatic oxy_gen_def oxy_gd{id};");
    let _ = writeln!(
        out,
        "static inline void oxy_gf{id}_init(struct oxy_gf{id} *F) {{\n    F->resume = 0;"
    );
    if f.has_closure {
        out.push_str("    F->oxy_closure = NULL;\n");
    }
    for (i, p) in f.params.iter().enumerate() {
        if !arg_is_register(f, i) {
            let _ = writeln!(out, "    F->a{i} = {};", initial_value(p.ty));
        }
    }
    for i in (0..f.regs.len()).filter(|i| frame[*i]) {
        let _ = writeln!(
            out,
            "    F->{} = {};",
            reg_field(f, Reg(i as u32)),
            initial_value(f.regs[i].ty)
        );
    }
    out.push_str("}\n");
    if inline_awaitable(f) {
        let params: Vec<String> = f
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| format!(", {} p{i}", c_type(p.ty)))
            .collect();
        let _ = writeln!(
            out,
            "static inline void oxy_gf{id}_fill(struct oxy_gf{id} *F{}) {{\n    oxy_gf{id}_init(F);",
            params.concat()
        );
        for (i, p) in f.params.iter().enumerate() {
            match p.ty {
                RType::Int => {
                    let _ = writeln!(out, "    oxy_int_incref(p{i});");
                }
                RType::Obj => {
                    let _ = writeln!(out, "    Py_INCREF(p{i});");
                }
                _ => {}
            }
            let field = reg_field(f, Reg(i as u32));
            let owner = arg_field(f, i);
            if owner != field {
                let _ = writeln!(out, "    F->{owner} = p{i};");
            }
            let _ = writeln!(out, "    F->{field} = p{i};");
        }
        out.push_str("}\n");
    }
    out
}

/// Can a direct `await f(...)` run coroutine `f` on a frame on the caller's C stack
/// (until it first suspends)? A coroutine without a closure whose arguments come as
/// they are (its `_make` entry's; a `*args` tuple is taken like any object).
pub fn inline_awaitable(f: &Function) -> bool {
    f.is_generator && f.is_coroutine && !f.is_async_gen && !f.has_closure && !f.forwards
}

/// The rest of a generator function's frame machinery (after `frame_decl`): the
/// heap frame's constructor, its release and traversal, the def.
fn generator_frame(m: &Module, f: &Function) -> String {
    let id = f.id.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "static struct oxy_gf{id} *oxy_gf{id}_new(PyObject **oxy_g, PyObject *name, PyObject *qualname) {{\n    struct oxy_gf{id} *F = oxy_gen_alloc(&oxy_gd{id}, oxy_g, name, qualname);\n    if (F == NULL) return NULL;\n    oxy_gf{id}_init(F);\n    return F;\n}}"
    );
    let _ = writeln!(
        out,
        "static void oxy_gf{id}_free(void *p) {{\n    struct oxy_gf{id} *F = p;"
    );
    for (i, p) in f.params.iter().enumerate() {
        let a = arg_field(f, i);
        match p.ty {
            RType::Int => {
                let _ = writeln!(
                    out,
                    "    {{ oxy_int t = F->{a}; F->{a} = OXY_INT_ERR; oxy_int_xdecref(t); }}"
                );
            }
            RType::Obj => {
                let _ = writeln!(out, "    Py_CLEAR(F->{a});");
            }
            _ => {}
        }
    }
    if f.has_closure {
        out.push_str("    Py_CLEAR(F->oxy_closure);\n");
    }
    out.push_str("    (void)F;\n}\n");
    out += &frame_traverse(f);
    let kind = if f.is_async_gen {
        "OXY_GEN_KIND_AGEN"
    } else if f.is_coroutine {
        "OXY_GEN_KIND_CORO"
    } else {
        "OXY_GEN_KIND_GEN"
    };
    let track_unstarted = tracked_unstarted(f);
    let _ = writeln!(
        out,
        "static oxy_gen_def oxy_gd{id} = {{{}, oxy_gf{id}_free, oxy_gf{id}_traverse, sizeof(struct oxy_gf{id}), {kind}, {}, NULL, NULL, NULL}};",
        native_name(m, f.id),
        i32::from(track_unstarted)
    );
    out
}

/// Whether a generator not started yet may refer to a container (object arguments,
/// a closure; an async generator's hooks): the collector then tracks it from the
/// start, else from its first suspension (only ints, floats and bools: nothing to
/// collect).
pub fn tracked_unstarted(f: &Function) -> bool {
    f.has_closure
        || f.is_async_gen
        || f.params
            .iter()
            .any(|p| !matches!(p.ty, RType::Int | RType::Float | RType::Bool))
}

/// The garbage collector's view of a suspended frame: its closure, its arguments,
/// and the objects its registers own at the yield it is suspended at (a frame that
/// has not started holds only its arguments).
fn frame_traverse(f: &Function) -> String {
    let id = f.id.0;
    let mut out = format!(
        "static int oxy_gf{id}_traverse(void *p, visitproc visit, void *arg) {{\n    struct oxy_gf{id} *F = p;\n    (void)F; (void)visit; (void)arg;\n"
    );
    if f.has_closure {
        out.push_str("    Py_VISIT(F->oxy_closure);\n");
    }
    let mut args = Vec::new();
    for (i, p) in f.params.iter().enumerate() {
        if p.ty == RType::Obj {
            let a = arg_field(f, i);
            let _ = writeln!(out, "    Py_VISIT(F->{a});");
            args.push(a);
        }
    }
    let mut cases = String::new();
    let mut k = 0;
    for b in &f.blocks {
        for op in &b.ops {
            if let OpKind::Yield { held, .. } = &op.kind {
                k += 1;
                if held.is_empty() {
                    continue;
                }
                let _ = write!(cases, "    case {k}:");
                // (An argument is visited once, above.)
                for r in held.iter().map(|r| reg_field(f, *r)) {
                    if args.contains(&r) {
                        continue;
                    }
                    let _ = write!(cases, " Py_VISIT(F->{r});");
                }
                cases.push_str(" break;\n");
            }
        }
    }
    if !cases.is_empty() {
        let _ = writeln!(
            out,
            "    switch (F->resume) {{\n{cases}    default: break;\n    }}"
        );
    }
    out.push_str("    return 0;\n}\n");
    out
}

impl<'a> Emitter<'a> {
    /// The inlined `Call` in block `bi` that made `obj` (see `inline_awaits`).
    fn inline_call_op(&self, bi: usize, obj: Reg) -> Option<&'a OpKind> {
        let f: &'a Function = self.f;
        let b = f.blocks.get(bi)?;
        self.inline_calls
            .keys()
            .filter(|(cb, _)| *cb == bi)
            .filter_map(|(_, i)| b.ops.get(*i))
            .map(|op| &op.kind)
            .find(|k| matches!(k, OpKind::Call { dst, .. } if *dst == obj))
    }

    /// The releases of the int operands that die after the current op, which its slow
    /// path does (`slow_decrefs`).
    fn slow_releases(&self) -> String {
        self.slow_decrefs
            .iter()
            .map(|r| format!(" oxy_int_decref({});", self.reg(*r)))
            .collect()
    }

    fn reg(&self, r: Reg) -> &'a str {
        let names: &'a [String] = self.names;
        names
            .get(r.0 as usize)
            .map_or("oxy_bad_register", String::as_str)
    }

    fn line(&mut self, line: u32) {
        if line != 0 && line != self.cur_line {
            self.cur_line = line;
            let _ = writeln!(self.out, "#line {line} {}", self.path);
        }
    }

    fn function(&mut self, variant: &Variant) {
        let f = self.f;
        let copy = match (variant, self.copy) {
            (_, Copy::Reads) => ", the copy for changed module constants",
            (Variant::Generic, _) => ", the copy for long ints",
            _ => "",
        };
        let _ = writeln!(self.out, "/* def {} (line {}{copy}) */", f.name, f.line);
        let sig = match variant {
            _ if self.copy == Copy::Reads => {
                signature_named(f, &consts_name(self.m, f), Linkage::Single, false)
            }
            // (Only its entry point calls the copy for long ints: always in one unit.)
            Variant::Generic => {
                signature_named(f, &generic_name(self.m, f), Linkage::Single, false)
            }
            // (An absorbed function's entry point is its `_inline` body.)
            _ if self.absorb.is_absorbed(f.id.0 as usize) => inline_signature(self.m, f),
            _ => signature(self.m, f, self.lk),
        };
        let once = if self.run_once { "OXY_RUN_ONCE " } else { "" };
        let _ = writeln!(self.out, "{once}{sig} {{");
        if let Variant::Dispatch(tagged) = variant {
            let params: Vec<String> = f
                .has_closure
                .then(|| "oxy_closure".to_string())
                .into_iter()
                .chain((0..f.nargs()).map(|i| self.reg(Reg(i as u32)).to_string()))
                .chain(["oxy_depth".to_string()])
                .collect();
            let tags: Vec<String> = tagged.iter().map(|r| self.reg(*r).to_string()).collect();
            let _ = writeln!(
                self.out,
                "    if (OXY_UNLIKELY((({}) & 1) != 0)) return {}({});",
                tags.join(" | "),
                generic_name(self.m, f),
                params.join(", ")
            );
        }
        // (A generator's registers that live across a suspension are in its frame.)
        let in_frame = |i: usize| self.frame.get(i).copied().unwrap_or(false);
        for (i, r) in f
            .regs
            .iter()
            .enumerate()
            .skip(f.nargs())
            .filter(|(i, _)| !in_frame(*i))
        {
            let name = self.reg(Reg(i as u32));
            let note = if r.kind == RegKind::Local {
                format!(" /* {} */", r.name)
            } else {
                String::new()
            };
            let _ = writeln!(
                self.out,
                "    {} {name} = {};{note}",
                c_type(r.ty),
                initial_value(r.ty)
            );
        }
        // Where the other items of the unboxed tuple results of the functions it calls
        // land (see `OpKind::LoadRet`).
        let mut callees: Vec<u32> = f
            .blocks
            .iter()
            .flat_map(|b| &b.ops)
            .filter_map(|op| match &op.kind {
                OpKind::Call { func, .. } => Some(func.0),
                _ => None,
            })
            .collect();
        callees.sort_unstable();
        callees.dedup();
        for c in callees {
            let target = &self.m.functions[c as usize];
            if target.is_generator {
                continue;
            }
            for (i, t) in target.ret_extra.iter().enumerate() {
                let _ = writeln!(
                    self.out,
                    "    {} oxy_x{c}_{} = {};",
                    c_type(*t),
                    i + 1,
                    initial_value(*t)
                );
            }
        }
        // (The C-stack frames of the coroutines it awaits directly.)
        for (k, (_, _, _, callee)) in inline_awaits(self.m, f).into_iter().enumerate() {
            let _ = writeln!(self.out, "    struct oxy_gf{callee} oxy_sf{k};");
        }
        let _ = writeln!(self.out, "    unsigned int oxy_ticks = 4096;");
        let _ = writeln!(self.out, "    int oxy_line = {};", f.line);
        let _ = writeln!(self.out, "    (void)oxy_ticks; (void)oxy_line;");
        if self.cok {
            let _ = writeln!(self.out, "    char oxy_cok = 0;");
        }
        if self.copy == Copy::Entry {
            let params: Vec<String> = f
                .has_closure
                .then(|| "oxy_closure".to_string())
                .into_iter()
                .chain((0..f.nargs()).map(|i| self.reg(Reg(i as u32)).to_string()))
                .chain(["oxy_depth".to_string()])
                .collect();
            let _ = writeln!(
                self.out,
                "    if (OXY_UNLIKELY(!OXY_CONSTS_INTACT()) && !oxy_consts_recheck()) return {}({});",
                consts_name(self.m, f),
                params.join(", ")
            );
            if self.cok {
                let _ = writeln!(self.out, "    oxy_cok = 1;");
            }
        }
        if f.is_generator {
            // Resume where it stopped: at the start, or after yield k.
            let _ = writeln!(
                self.out,
                "    struct oxy_gf{} *F = oxy_frame;\n    int oxy_at = F->resume;\n    F->resume = -1;\n    switch (oxy_at) {{\n    case 0: break;",
                f.id.0
            );
            let yields = f
                .blocks
                .iter()
                .flat_map(|b| &b.ops)
                .filter(|op| matches!(op.kind, OpKind::Yield { .. }))
                .count();
            for k in 1..=yields {
                let _ = writeln!(self.out, "    case {k}: goto Y{k};");
            }
            let _ = writeln!(
                self.out,
                "    default: PyErr_SetString(PyExc_SystemError, \"bad generator state\"); return NULL;\n    }}"
            );
        }
        let _ = writeln!(self.out, "    goto L{};", f.entry.0);
        let plan = Plan::new(f, variant);
        self.blocks(&plan, &plan.reachable);
        if self.copy == Copy::Main {
            // The twin: the blocks a failed check reaches.
            let nb = f.blocks.len();
            let mut entered = vec![false; nb];
            let mut stack: Vec<usize> = (0..nb)
                .filter(|&bi| {
                    plan.reachable[bi]
                        && (f.blocks[bi].ops.iter().any(twin_entry)
                            || self.rechecks.iter().any(|&(b, _)| b == bi)
                            || self.check_ends.get(bi).copied().unwrap_or(false))
                })
                .collect();
            let mut labelled = vec![false; nb];
            while let Some(bi) = stack.pop() {
                if entered[bi] {
                    continue;
                }
                entered[bi] = true;
                let succ = match plan.forced[bi] {
                    Some(t) => vec![t],
                    None => f.blocks[bi].term.successors().collect(),
                };
                for s in succ {
                    let s = s.0 as usize;
                    if s < nb {
                        labelled[s] = true;
                        stack.push(s);
                    }
                }
            }
            self.copy = Copy::Twin;
            self.twin_labelled = labelled;
            let _ = writeln!(self.out, "  /* the copy after a module constant changed */");
            self.blocks(&plan, &entered);
            self.copy = Copy::Main;
        }
        self.cold = false;
        self.cur_line = 0;
        if !self.exits.is_empty() || !self.chains.is_empty() {
            let _ = writeln!(self.out, "  /* error exits */");
        }
        self.emit_exits();
        let _ = writeln!(self.out, "}}");
    }

    /// Emit the blocks `emit` selects, as the current copy.
    fn blocks(&mut self, plan: &Plan, emit: &[bool]) {
        let f = self.f;
        for (bi, b) in f.blocks.iter().enumerate() {
            if !emit[bi] {
                continue;
            }
            let twin = self.copy == Copy::Twin;
            self.cold = plan.cold[bi] || twin;
            if !twin || self.twin_labelled.get(bi).copied().unwrap_or(false) {
                let _ = writeln!(self.out, "  {}{bi}: ;", self.prefix());
            }
            if let Some(stored) = &mut self.body_line {
                *stored = 0;
            }
            let mut i = 0;
            while i < b.ops.len() {
                let op = &b.ops[i];
                self.at = (bi, i);
                if twin && (twin_entry(op) || self.rechecked_before(bi, i)) {
                    let _ = writeln!(self.out, "  K{bi}_{i}: ;");
                }
                self.line(op.line);
                if let Some(stored) = &mut self.body_line
                    && op.err.is_some()
                    && op.line != 0
                    && *stored != op.line
                {
                    *stored = op.line;
                    let _ = writeln!(self.out, "    *oxy_body_lineno = {};", op.line);
                }
                // (A cold block emits int operations in their compact form, which
                // has no fast path to keep the releases out of.)
                self.slow_decrefs = if self.cold {
                    Vec::new()
                } else {
                    slow_path_releases(f, &b.ops, i)
                };
                i += 1 + self.slow_decrefs.len();
                self.at = (bi, i - 1 - self.slow_decrefs.len());
                self.op(op);
                self.slow_decrefs.clear();
            }
            let check_end = self.check_ends.get(bi).copied().unwrap_or(false);
            if twin && (check_end || self.rechecked_before(bi, b.ops.len())) {
                let _ = writeln!(self.out, "  K{bi}_{}: ;", b.ops.len());
            }
            self.flush_pending();
            if check_end {
                // (So that the join this block goes to is checked on every path.)
                match self.copy {
                    Copy::Main => {
                        let _ = writeln!(
                            self.out,
                            "    if (OXY_UNLIKELY(!OXY_CONSTS_INTACT()) && !oxy_consts_recheck()) goto K{bi}_{};",
                            b.ops.len()
                        );
                    }
                    Copy::Single | Copy::Entry if self.cok => {
                        let _ = writeln!(self.out, "    oxy_cok = OXY_CONSTS_INTACT();");
                    }
                    _ => {}
                }
            }
            self.line(b.term_line);
            match plan.forced[bi] {
                Some(target) => {
                    let _ = writeln!(
                        self.out,
                        "    goto {}{}; /* known here */",
                        self.prefix(),
                        target.0
                    );
                }
                None => {
                    // (An exact-type test picks the compiled path: usually taken.)
                    self.likely = match b.ops.last().map(|o| &o.kind) {
                        Some(OpKind::TypeIs { dst, .. }) => Some(*dst),
                        _ => None,
                    };
                    self.term(&b.term);
                    self.likely = None;
                }
            }
        }
    }

    /// Is the op before (block, op) a release that re-checks the constants (so the
    /// twin is entered here)?
    fn rechecked_before(&self, bi: usize, i: usize) -> bool {
        i > 0 && self.rechecks.binary_search(&(bi, i - 1)).is_ok()
    }

    /// For a release or a poll for signals being emitted: what its rare branch does
    /// when the constants changed (see `const_guard::recheck_sites`), if anything.
    fn on_consts_changed(&self) -> Option<String> {
        if self.rechecks.binary_search(&self.at).is_err() {
            return None;
        }
        let (bi, i) = self.at;
        match self.copy {
            Copy::Main => Some(format!("goto K{bi}_{};", i + 1)),
            Copy::Single | Copy::Entry if self.cok => Some("oxy_cok = 0;".to_string()),
            _ => None,
        }
    }

    /// The prefix of block labels in the copy being emitted.
    fn prefix(&self) -> &'static str {
        match self.copy {
            Copy::Twin => "K",
            _ => "L",
        }
    }

    fn term(&mut self, t: &Terminator) {
        let p = self.prefix();
        let s = match t {
            Terminator::Goto(b) => format!("goto {p}{};", b.0),
            Terminator::Branch { cond, then_, else_ } if self.likely == Some(*cond) => {
                format!(
                    "if (OXY_LIKELY({})) goto {p}{}; else goto {p}{};",
                    self.reg(*cond),
                    then_.0,
                    else_.0
                )
            }
            Terminator::Branch { cond, then_, else_ } => {
                format!(
                    "if ({}) goto {p}{}; else goto {p}{};",
                    self.reg(*cond),
                    then_.0,
                    else_.0
                )
            }
            Terminator::Return(r) => format!("return {};", self.reg(*r)),
            Terminator::RaiseExit => format!("return {};", error_value(self.f.ret)),
            Terminator::Unreachable => "Py_UNREACHABLE();".to_string(),
        };
        let _ = writeln!(self.out, "    {s}");
    }

    /// The code run when an op fails: release, add a traceback entry, jump.
    /// The code run when an op fails: record the line and jump into a shared chain that
    /// releases what is live (newest first, so sites share the tail of older registers),
    /// then to the target's exit (which adds the traceback entry) or the handler.
    fn on_error(&mut self, err: &ErrEdge, line: u32) -> String {
        let mut label = if err.traceback {
            let n = self.exits.len();
            let k = *self.exits.entry(err.target.0).or_insert(n);
            Label::Exit(k)
        } else {
            Label::Block(err.target.0)
        };
        let mut regs: Vec<Reg> = err
            .cleanup
            .iter()
            .copied()
            .filter(|r| self.f.ty(*r).is_refcounted())
            .collect();
        regs.sort();
        for r in regs {
            let n = self.chains.len();
            let k = *self.chains.entry((r, label)).or_insert(n);
            label = Label::Chain(k);
        }
        if err.traceback {
            format!("oxy_line = {line}; goto {label};")
        } else {
            format!("goto {label};")
        }
    }

    fn emit_exits(&mut self) {
        let chains = std::mem::take(&mut self.chains);
        for ((r, next), k) in &chains {
            // (Out of line: error paths are cold, and there are many of them.)
            let release = match self.f.ty(*r) {
                RType::Int => format!("oxy_int_xdecref_ool({});", self.reg(*r)),
                RType::Obj => format!("oxy_xdecref_ool({});", self.reg(*r)),
                _ => String::new(),
            };
            let _ = writeln!(self.out, "  C{k}: {release} goto {next};");
        }
        let exits = std::mem::take(&mut self.exits);
        for (target, k) in &exits {
            let _ = writeln!(
                self.out,
                "  E{k}: oxy_add_traceback(oxy_globals, {}, oxy_filename, oxy_line); goto L{target};",
                c_string(self.f.name.as_bytes())
            );
        }
    }

    /// Does `r` only hold lists compiled code built (see `list_regs`)?
    fn is_list(&self, r: Reg) -> bool {
        self.lists.get(r.0 as usize).copied().unwrap_or(false)
    }

    fn release(&self, r: Reg) -> String {
        match self.f.ty(r) {
            RType::Int => format!("oxy_int_xdecref({});", self.reg(r)),
            RType::Obj => format!("OXY_XDECREF({});", self.reg(r)),
            _ => String::new(),
        }
    }

    fn check(&mut self, op: &Op, cond: &str) {
        if let Some(err) = &op.err {
            let handler = self.on_error(err, op.line);
            let _ = writeln!(self.out, "    if (OXY_UNLIKELY({cond})) {{ {handler} }}");
        }
    }

    fn fail(&mut self, op: &Op) {
        if let Some(err) = &op.err {
            let handler = self.on_error(err, op.line);
            let _ = writeln!(self.out, "    {{ {handler} }}");
        }
    }

    /// Can `r` only hold None? (Its references are then not counted: see
    /// `OXY_PINNED_SINGLETONS` in the runtime.)
    fn is_none(&self, r: Reg) -> bool {
        self.none.get(r.0 as usize).copied().unwrap_or(false)
    }

    /// May `r` hold None among other values? (Its references are then counted with
    /// a test for None first: `maybe_none_regs`.)
    fn is_maybe_none(&self, r: Reg) -> bool {
        self.maybe_none.get(r.0 as usize).copied().unwrap_or(false)
    }

    fn incref_expr(&self, r: Reg) -> String {
        match self.f.ty(r) {
            RType::Int => format!("oxy_int_incref({});", self.reg(r)),
            RType::Obj => format!("Py_INCREF({});", self.reg(r)),
            _ => String::new(),
        }
    }

    /// Emit the unset tests still pending (see `pending`).
    fn flush_pending(&mut self) {
        for (_, test) in std::mem::take(&mut self.pending) {
            let _ = writeln!(self.out, "    {test}");
        }
    }

    /// Which pending tests `op` takes over (the rest are emitted before it): an int
    /// operation whose fast path requires short operands tests its own in its slow
    /// path; a constant read that cannot fail keeps them all pending (the main copy's
    /// jump to the twin runs them first).
    fn settle_pending(&mut self, op: &Op) {
        if self.pending.is_empty() {
            return;
        }
        let keep: Vec<Reg> = match &op.kind {
            OpKind::LoadConstInt { value: Some(_), .. }
                if self.copy == Copy::Main
                    || (self.copy == Copy::Entry && self.entry_known.contains(&self.at)) =>
            {
                self.pending.iter().map(|(r, _)| *r).collect()
            }
            OpKind::Prim {
                dst: Some(_),
                prim,
                args,
            } if !self.cold
                && prim.desc().fast.is_some_and(|(cond, _)| {
                    cond.starts_with("((($0 | $1) & 1) == 0") || cond.starts_with("(($0 & 1) == 0")
                }) =>
            {
                args.clone()
            }
            _ => Vec::new(),
        };
        let (kept, now): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(r, _)| keep.contains(r));
        for (_, test) in now {
            let _ = writeln!(self.out, "    {test}");
        }
        self.pending = kept;
    }

    /// The pending tests of `args`, for a slow path (taken out of `pending`).
    fn take_pending(&mut self, args: &[Reg]) -> String {
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(r, _)| args.contains(r));
        self.pending = rest;
        mine.into_iter().map(|(_, t)| format!("{t} ")).collect()
    }

    fn op(&mut self, op: &Op) {
        self.settle_pending(op);
        // Before calling arbitrary code, publish this frame's depth (a native callee
        // that returned may have left a deeper one) so re-entered wrappers count on.
        let calls_python = match &op.kind {
            OpKind::CallObj { .. } | OpKind::CallMethod { .. } | OpKind::ExecSource { .. } => true,
            // (A generator made here is resumed at the depth published now, as when
            // it is made through its wrapper: deep `yield from` chains then end in
            // RecursionError as in the interpreter.)
            OpKind::Call { func, .. } => self
                .m
                .functions
                .get(func.0 as usize)
                .is_some_and(|f| f.is_generator),
            OpKind::Prim { prim, .. } => matches!(
                prim,
                oxyc_ir::Prim::ObjCallStar
                    | oxyc_ir::Prim::ObjCallStarNoKw
                    | oxyc_ir::Prim::CallForward
                    | oxyc_ir::Prim::CallForwardPos
                    | oxyc_ir::Prim::Import
                    | oxyc_ir::Prim::WithExitNone
                    | oxyc_ir::Prim::WithExitExc
            ),
            _ => false,
        };
        if calls_python {
            let _ = writeln!(self.out, "    oxy_rt_call_depth = oxy_depth;");
        }
        match &op.kind {
            OpKind::Assign { dst, src } => {
                let _ = writeln!(self.out, "    {} = {};", self.reg(*dst), self.reg(*src));
            }
            OpKind::Const { dst, value } => self.konst(*dst, value),
            OpKind::Prim { dst, prim, args } => {
                if let (Some(k), Some(dst), Some(obj), Some(OpKind::Call { func, .. })) = (
                    self.inline_sends.get(&self.at).copied(),
                    dst,
                    args.first(),
                    self.inline_call_op(self.at.0, *args.first().unwrap_or(&Reg(0))),
                ) {
                    // The first step of `await f(...)` on the frame on the C stack.
                    let target = &self.m.functions[func.0 as usize];
                    let name = self.consts.str(&target.name);
                    let qualname = self.consts.str(&target.qualname);
                    let (dn, on) = (self.reg(*dst), self.reg(*obj));
                    let sent = args.get(1).map_or("Py_None", |a| self.reg(*a));
                    let _ = writeln!(
                        self.out,
                        "    {dn} = oxy_coro_inline(&oxy_gd{}, &oxy_sf{k}, &{on}, {sent}, {name}, {qualname});",
                        func.0
                    );
                    self.check(op, &format!("{dn} == NULL && PyErr_Occurred()"));
                    return;
                }
                let d = prim.desc();
                let compact = d.compact.filter(|_| self.cold);
                let operands: Vec<&str> = args.iter().map(|a| self.reg(*a)).collect();
                let dst_name = dst.map_or("", |d| self.reg(d));
                let text = fill(compact.unwrap_or(d.template), &operands, dst_name);
                let fast = d.fast.filter(|_| compact.is_none());
                if let (Some(dst), Some((cond, slow)), Some(_)) = (dst, fast, &op.err) {
                    let dn = self.reg(*dst);
                    let cond = fill(cond, &operands, dn);
                    let slow = fill(slow, &operands, dn);
                    let check = match d.err {
                        ErrKind::IntErr => format!("{dn} == OXY_INT_ERR"),
                        ErrKind::FloatErr => format!("{dn} == OXY_FLOAT_ERR && PyErr_Occurred()"),
                        _ => format!("{dn} == NULL"),
                    };
                    let handler = self.on_error(op.err.as_ref().expect("checked above"), op.line);
                    let releases = self.slow_releases();
                    let tests = self.take_pending(args);
                    let _ = writeln!(
                        self.out,
                        "    if (OXY_UNLIKELY(!{cond})) {{ {tests}{dn} = {slow}; if (OXY_UNLIKELY({check})) {{ {handler} }}{releases} }}"
                    );
                    return;
                }
                // A comparison (it cannot fail) whose operands die right after it, or
                // that tests an unset field in its slow path.
                let absorbs = self.pending.iter().any(|(r, _)| args.contains(r));
                if let (Some(dst), Some((cond, slow)), None, true) =
                    (dst, fast, &op.err, !self.slow_decrefs.is_empty() || absorbs)
                {
                    let dn = self.reg(*dst);
                    let cond = fill(cond, &operands, dn);
                    let slow = fill(slow, &operands, dn);
                    let releases = self.slow_releases();
                    let tests = self.take_pending(args);
                    let _ = writeln!(
                        self.out,
                        "    if (OXY_UNLIKELY(!{cond})) {{ {tests}{dn} = {slow};{releases} }}"
                    );
                    return;
                }
                match dst {
                    Some(dst) => {
                        let dn = self.reg(*dst);
                        let _ = writeln!(self.out, "    {dn} = {text};");
                        let cond = match d.err {
                            ErrKind::Never => None,
                            ErrKind::Null => Some(format!("{dn} == NULL")),
                            ErrKind::NullOccurred => {
                                Some(format!("{dn} == NULL && PyErr_Occurred()"))
                            }
                            ErrKind::Neg => Some(format!("{dn} < 0")),
                            ErrKind::NegOccurred => Some(format!("{dn} == -1 && PyErr_Occurred()")),
                            ErrKind::IntErr => Some(format!("{dn} == OXY_INT_ERR")),
                            ErrKind::FloatErr => {
                                Some(format!("{dn} == OXY_FLOAT_ERR && PyErr_Occurred()"))
                            }
                            ErrKind::Always => Some("1".to_string()),
                        };
                        if let Some(c) = cond {
                            self.check(op, &c);
                        }
                    }
                    None => match d.err {
                        ErrKind::Never => {
                            let _ = writeln!(self.out, "    {text};");
                        }
                        ErrKind::Always => {
                            let _ = writeln!(self.out, "    {text};");
                            self.fail(op);
                        }
                        ErrKind::Neg => self.check(op, &format!("({text}) < 0")),
                        ErrKind::Null => self.check(op, &format!("({text}) == NULL")),
                        _ => {
                            let _ = writeln!(self.out, "    {text};");
                            self.check(op, "PyErr_Occurred()");
                        }
                    },
                }
            }
            OpKind::Unbox {
                dst,
                src,
                expected,
                what,
            } => self.unbox(op, *dst, *src, expected, what.as_deref()),
            OpKind::Call {
                dst,
                func,
                args,
                bound,
            } => {
                let target = &self.m.functions[func.0 as usize];
                let dn = self.reg(*dst);
                let argv: Vec<String> = args.iter().map(|a| self.reg(*a).to_string()).collect();
                let ret = if target.is_generator {
                    RType::Obj
                } else {
                    target.ret
                };
                let call = if target.is_generator {
                    // (A generator, coroutine or async generator: its `_make` entry
                    // builds the object; the body runs when it is resumed.)
                    format!("{}_make({})", native_name(self.m, *func), argv.join(", "))
                } else {
                    // (On a hot path, an absorbed callee's body: see `crate::absorb`.)
                    // (Not in a body compiled at -O1: the callee's loops would be too.)
                    let inline = !self.cold
                        && !self.generic
                        && !self.run_once
                        && matches!(self.copy, Copy::Main | Copy::Single | Copy::Entry)
                        && self.absorb.is_absorbed(func.0 as usize)
                        && self.absorb.inlines(self.f.id.0 as usize, self.at);
                    format!(
                        "{}{}({}{}oxy_depth + 1)",
                        native_name(self.m, *func),
                        if target.forwards {
                            "_packed"
                        } else if inline {
                            "_inline"
                        } else {
                            ""
                        },
                        argv.join(", "),
                        if argv.is_empty() { "" } else { ", " }
                    )
                };
                if let Some(k) = self.inline_calls.get(&self.at).copied() {
                    // (Awaited right away: the frame on the C stack takes the
                    // arguments; `None` holds the place of the object, which
                    // exists only if the callee suspends: see `inline_awaits`.)
                    let fill = format!(
                        "oxy_gf{}_fill(&oxy_sf{k}{}); {dn} = Py_NewRef(Py_None);",
                        func.0,
                        argv.iter().map(|a| format!(", {a}")).collect::<String>()
                    );
                    if *func == self.f.id || *bound {
                        let _ = writeln!(self.out, "    {fill}");
                    } else {
                        let _ = writeln!(
                            self.out,
                            "    if (OXY_UNLIKELY(oxy_fn[{}] == NULL)) {{ oxyc_raise_undefined_function({}); {dn} = NULL; }} else {{ {fill} }}",
                            func.0,
                            c_string(target.name.as_bytes()),
                        );
                    }
                    self.check(op, &format!("{dn} == NULL"));
                    return;
                }
                // (A bound method call: its receiver's class exists, so the method
                // has been made. A module-level function whose `def` comes before the
                // caller's in the file has been made too: the top-level statements
                // run in order, and the caller only exists once its own has run.)
                let made_before = target.qualname == target.name
                    && !target.has_closure
                    && target.line > 0
                    && target.line < self.f.line;
                if *func == self.f.id || *bound || made_before {
                    let _ = writeln!(self.out, "    {dn} = {call};");
                } else {
                    // (A borrowing copy has no function object: its original's tells.)
                    let _ = writeln!(
                        self.out,
                        "    if (OXY_UNLIKELY(oxy_fn[{}] == NULL)) {{ oxyc_raise_undefined_function({}); {dn} = {}; }} else {dn} = {call};",
                        target.borrowing_copy_of.unwrap_or(*func).0,
                        c_string(target.name.as_bytes()),
                        error_value(ret)
                    );
                }
                let c = error_check(ret, dn);
                self.check(op, &c);
                // The other items of an unboxed tuple result, taken from the callee's
                // statics at once (before anything else can call it again).
                if !target.is_generator {
                    for i in 1..=target.ret_extra.len() {
                        let _ = writeln!(
                            self.out,
                            "    oxy_x{f}_{i} = oxy_s_ret_{f}_{i};",
                            f = func.0
                        );
                    }
                }
            }
            OpKind::ModuleAttr { dst, obj, name } => {
                let n = self.consts.str(name);
                let dn = self.reg(*dst);
                let site = self.consts.global_site();
                let _ = writeln!(
                    self.out,
                    "    {dn} = oxy_module_attr_cached({}, {n}, {site});",
                    self.reg(*obj)
                );
                self.check(op, &format!("{dn} == NULL"));
            }
            OpKind::ExternReady {
                dst,
                callable,
                site,
            } => {
                let sig = self.m.extern_sites.get(*site as usize).map_or(0, |x| x.sig);
                let _ = writeln!(
                    self.out,
                    "    {} = oxy_xsite_ready({}, &oxy_xs[{site}], 0x{sig:016x}ULL);",
                    self.reg(*dst),
                    self.reg(*callable)
                );
            }
            OpKind::CallExtern { dst, site, args } => {
                let Some(x) = self.m.extern_sites.get(*site as usize) else {
                    let _ = writeln!(self.out, "    /* no extern site {site} */");
                    return;
                };
                let mut ctypes: Vec<&str> = x.params.iter().map(|t| c_type(*t)).collect();
                ctypes.push("int");
                let dn = self.reg(*dst);
                let argv: Vec<String> = args.iter().map(|a| self.reg(*a).to_string()).collect();
                let _ = writeln!(
                    self.out,
                    "    {dn} = (({} (*)({}))oxy_xs[{site}].fn)({}{}oxy_depth + 1); /* {}, direct */",
                    c_type(x.ret),
                    ctypes.join(", "),
                    argv.join(", "),
                    if argv.is_empty() { "" } else { ", " },
                    x.qualified.replace("*/", "* /")
                );
                let c = error_check(x.ret, dn);
                self.check(op, &c);
            }
            OpKind::CallObj {
                dst,
                callable,
                args,
                kwnames,
            } => {
                let npos = args.len() - kwnames.as_ref().map_or(0, |k| k.len());
                let mut items = vec!["NULL".to_string()];
                items.extend(args.iter().map(|a| self.reg(*a).to_string()));
                let kw = match kwnames {
                    Some(k) => self.consts.obj(&Const::StrTuple(k.clone())),
                    None => "NULL".to_string(),
                };
                let dn = self.reg(*dst);
                let _ = writeln!(
                    self.out,
                    "    {{ PyObject *oxy_argv[] = {{{}}}; {dn} = PyObject_Vectorcall({}, oxy_argv + 1, {npos} | PY_VECTORCALL_ARGUMENTS_OFFSET, {kw}); }}",
                    items.join(", "),
                    self.reg(*callable)
                );
                self.check(op, &format!("{dn} == NULL"));
            }
            OpKind::CallMethod {
                dst,
                obj,
                name,
                args,
                kwnames,
            } => {
                let npos = 1 + args.len() - kwnames.as_ref().map_or(0, |k| k.len());
                let mut items = vec![self.reg(*obj)];
                items.extend(args.iter().map(|a| self.reg(*a)));
                let kw = match kwnames {
                    Some(k) => self.consts.obj(&Const::StrTuple(k.clone())),
                    None => "NULL".to_string(),
                };
                let n = self.consts.str(name);
                let site = self.consts.method_site();
                let dn = self.reg(*dst);
                let _ = writeln!(
                    self.out,
                    "    {{ PyObject *oxy_argv[] = {{{}}}; {dn} = oxy_call_method_ic({site}, {n}, oxy_argv, {npos}, {kw}); }}",
                    items.join(", ")
                );
                self.check(op, &format!("{dn} == NULL"));
            }
            OpKind::Build { dst, kind, items } => {
                let dn = self.reg(*dst);
                let n = items.len();
                match kind {
                    BuildKind::List | BuildKind::Tuple => {
                        let (new, set) = if *kind == BuildKind::List {
                            ("oxy_list_new", "PyList_SET_ITEM")
                        } else {
                            ("PyTuple_New", "PyTuple_SET_ITEM")
                        };
                        let _ = writeln!(self.out, "    {dn} = {new}({n});");
                        if n > 0 {
                            let _ = write!(self.out, "    if ({dn} != NULL) {{");
                            for (i, it) in items.iter().enumerate() {
                                let inc = if self.is_none(*it) {
                                    "OXY_INCREF_PINNED"
                                } else {
                                    "Py_INCREF"
                                };
                                let r = self.reg(*it);
                                let _ = write!(self.out, " {inc}({r}); {set}({dn}, {i}, {r});");
                            }
                            if *kind == BuildKind::Tuple {
                                let _ = write!(self.out, " oxyc_tuple_untrack_atomic({dn});");
                            }
                            let _ = writeln!(self.out, " }}");
                        }
                    }
                    BuildKind::Set => {
                        let _ = writeln!(self.out, "    {dn} = PySet_New(NULL);");
                        if n > 0 {
                            let adds: Vec<String> = items
                                .iter()
                                .map(|it| format!("PySet_Add({dn}, {}) < 0", self.reg(*it)))
                                .collect();
                            let _ = writeln!(
                                self.out,
                                "    if ({dn} != NULL && ({})) {{ Py_CLEAR({dn}); }}",
                                adds.join(" || ")
                            );
                        }
                    }
                }
                self.check(op, &format!("{dn} == NULL"));
            }
            OpKind::BuildDict { dst, keys, values } => {
                let dn = self.reg(*dst);
                let literal: Option<Vec<&str>> =
                    keys.iter().map(|k| self.strs[k.0 as usize]).collect();
                let distinct =
                    |l: &Vec<&str>| l.iter().enumerate().all(|(i, k)| !l[..i].contains(k));
                if let Some(literal) =
                    literal.filter(|l| (2..=256).contains(&l.len()) && distinct(l))
                {
                    // Distinct keys written as str literals: a copy of a dict of
                    // those keys made once, with the values put in (see
                    // `oxy_dict_from_template`).
                    let tpl = self.consts.dict_template(&literal);
                    let regs = |rs: &[Reg]| -> String {
                        rs.iter()
                            .map(|r| self.reg(*r))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let _ = writeln!(
                        self.out,
                        "    {dn} = oxy_dict_from_template({tpl}, {}, (PyObject *const[]){{{}}}, (PyObject *const[]){{{}}});",
                        keys.len(),
                        regs(keys),
                        regs(values)
                    );
                    self.check(op, &format!("{dn} == NULL"));
                    return;
                }
                if keys.len() > 5 {
                    // (Sized for its keys, as the interpreter's displays are: no
                    // resize half-way through.)
                    let _ = writeln!(self.out, "    {dn} = _PyDict_NewPresized({});", keys.len());
                } else {
                    let _ = writeln!(self.out, "    {dn} = PyDict_New();");
                }
                if !keys.is_empty() {
                    let sets: Vec<String> = keys
                        .iter()
                        .zip(values)
                        .map(|(k, v)| {
                            format!(
                                "PyDict_SetItem({dn}, {}, {}) < 0",
                                self.reg(*k),
                                self.reg(*v)
                            )
                        })
                        .collect();
                    let _ = writeln!(
                        self.out,
                        "    if ({dn} != NULL && ({})) {{ Py_CLEAR({dn}); }}",
                        sets.join(" || ")
                    );
                }
                self.check(op, &format!("{dn} == NULL"));
            }
            OpKind::LoadGlobal { dst, name } => {
                let n = self.consts.str(name);
                let dn = self.reg(*dst);
                let site = self.consts.global_site();
                let _ = writeln!(
                    self.out,
                    "    {dn} = oxy_load_global_cached(oxy_globals, {n}, {site});"
                );
                self.check(op, &format!("{dn} == NULL"));
            }
            OpKind::LoadConstInt {
                dst,
                name,
                what,
                value,
                known,
            } => {
                let n = self.consts.str(name);
                let dn = self.reg(*dst);
                let site = self.consts.global_site();
                let what = c_string(what.as_bytes());
                match (value, self.copy) {
                    (Some(v), Copy::Main) => {
                        if !*known {
                            let (bi, i) = self.at;
                            let tests: String =
                                self.pending.iter().map(|(_, t)| format!("{t} ")).collect();
                            let _ = writeln!(
                                self.out,
                                "    if (OXY_UNLIKELY(!OXY_CONSTS_INTACT()) && !oxy_consts_recheck()) {{ {tests}goto K{bi}_{i}; }}"
                            );
                        }
                        let _ = writeln!(self.out, "    {dn} = OXYC_SHORT({v}LL);");
                        return;
                    }
                    (Some(v), Copy::Entry) if self.entry_known.contains(&self.at) => {
                        let _ = writeln!(self.out, "    {dn} = OXYC_SHORT({v}LL);");
                        return;
                    }
                    (Some(_), Copy::Twin | Copy::Reads) | (None, _) => {
                        let _ = writeln!(
                            self.out,
                            "    {dn} = oxy_load_const_int(oxy_globals, {n}, {site}, {what});"
                        );
                    }
                    // The literal itself while the module's constants are intact.
                    // (`known`: nothing since the last check can have changed its
                    // answer, kept in `oxy_cok`.)
                    (Some(v), Copy::Single | Copy::Entry) => {
                        let test = if *known {
                            "oxy_cok"
                        } else if self.cok {
                            "(oxy_cok = OXY_CONSTS_INTACT())"
                        } else {
                            "OXY_CONSTS_INTACT()"
                        };
                        let _ = writeln!(
                            self.out,
                            "    {dn} = OXY_LIKELY({test}) ? OXYC_SHORT({v}LL) : oxy_const_miss({n}, {site}, {what});"
                        );
                    }
                }
                self.check(op, &format!("{dn} == OXY_INT_ERR"));
            }
            OpKind::StoreGlobal { name, src } => {
                let n = self.consts.str(name);
                let c = format!("oxy_store_global({n}, {}) < 0", self.reg(*src));
                self.check(op, &c);
            }
            OpKind::DelGlobal { name } => {
                let n = self.consts.str(name);
                self.check(op, &format!("oxyc_del_global(oxy_globals, {n}) < 0"));
            }
            OpKind::LoadBuiltin { dst, name } => {
                let (i, _) = self.builtins.insert_full(name.clone());
                let dn = self.reg(*dst);
                let _ = writeln!(self.out, "    {dn} = oxy_b[{i}]; Py_INCREF({dn});");
            }
            OpKind::LoadStatic {
                dst,
                name,
                class_cell,
            } => {
                let dn = self.reg(*dst);
                // Only a class statement's static can be empty when read, and its
                // load has an error edge.
                let empty = match (&op.err, class_cell) {
                    (Some(err), Some(read)) if self.f.ty(*dst) == RType::Obj => {
                        let handler = self.on_error(err, op.line);
                        let as_name = i32::from(*read == oxyc_ir::ClassCellRead::Name);
                        format!(
                            " if (OXY_UNLIKELY({dn} == NULL) && ({dn} = oxy_class_cell_pending(&oxy_s_{}, {as_name})) == NULL) {{ {handler} }}",
                            ident(name)
                        )
                    }
                    _ => String::new(),
                };
                let _ = writeln!(
                    self.out,
                    "    {dn} = oxy_s_{};{empty} {}",
                    ident(name),
                    self.incref_expr(*dst)
                );
            }
            // An unboxed tuple result's other items move through the callee's statics
            // (`oxyc_irbuild::ret_static`): the reference moves with them.
            OpKind::StoreRet { index, src } => {
                let s = self.reg(*src);
                let _ = writeln!(self.out, "    oxy_s_ret_{}_{index} = {s};", self.f.id.0);
            }
            OpKind::LoadRet { dst, func, index } => {
                let dn = self.reg(*dst);
                let _ = writeln!(self.out, "    {dn} = oxy_x{}_{index};", func.0);
            }
            OpKind::StoreStatic { name, src } => {
                let t = c_type(self.f.ty(*src));
                let s = self.reg(*src);
                let rel = match self.f.ty(*src) {
                    RType::Int => "oxy_int_xdecref(oxy_old);",
                    RType::Obj => "Py_XDECREF(oxy_old);",
                    _ => "",
                };
                let _ = writeln!(
                    self.out,
                    "    {{ {t} oxy_old = oxy_s_{n}; oxy_s_{n} = {s}; {} {rel} }}",
                    self.incref_expr(*src),
                    n = ident(name)
                );
            }
            OpKind::DefineFunction { func } => {
                let name = self.consts.str(&self.m.functions[func.0 as usize].name);
                self.check(op, &format!("oxy_define_function({}, {name}) < 0", func.0));
            }
            OpKind::MakeFunction { dst, func, closure } => {
                let qualname = self.consts.str(&self.m.functions[func.0 as usize].qualname);
                let d = self.reg(*dst);
                match closure {
                    Some(c) => {
                        let _ = writeln!(
                            self.out,
                            "    {d} = oxy_make_closure({}, {qualname}, {});",
                            func.0,
                            self.reg(*c)
                        );
                    }
                    None => {
                        let _ = writeln!(
                            self.out,
                            "    {d} = oxy_make_function({}, {qualname});",
                            func.0
                        );
                    }
                }
                self.check(op, &format!("{d} == NULL"));
            }
            OpKind::LoadFree { dst, index } => {
                let closure = if self.f.is_generator {
                    "F->oxy_closure"
                } else {
                    "oxy_closure"
                };
                let _ = writeln!(
                    self.out,
                    "    {} = PyTuple_GET_ITEM({closure}, {index});",
                    self.reg(*dst)
                );
            }
            OpKind::CheckType {
                src,
                expected,
                what,
            } => {
                let sn = self.reg(*src);
                let check = crate::type_check(self.m, expected, sn);
                if let Some(err) = &op.err {
                    let handler = self.on_error(err, op.line);
                    let _ = writeln!(
                        self.out,
                        "    if (OXY_UNLIKELY(!{check})) {{ oxy_raise_type({}, {}, {sn}); {handler} }}",
                        c_string(what.as_bytes()),
                        c_string(expected.as_bytes())
                    );
                }
            }
            OpKind::Yield { dst, value, .. } => {
                self.yields += 1;
                let k = self.yields;
                let _ = writeln!(
                    self.out,
                    "    F->resume = {k}; /* yield */\n    return {};\n  Y{k}: ;",
                    self.reg(*value)
                );
                self.check(op, "oxy_sent == NULL");
                let d = self.reg(*dst);
                let _ = writeln!(self.out, "    {d} = oxy_sent; Py_INCREF({d});");
            }
            OpKind::GetField {
                dst,
                obj,
                class,
                field,
            } => {
                let handler = match &op.err {
                    Some(err) => self.on_error(err, op.line),
                    None => String::new(),
                };
                if self.f.reg(*dst).kind == RegKind::Borrowed
                    && !self.cold
                    && let Some((read, test)) = crate::class::int_field_deferred(
                        self.m,
                        self.reg(*obj),
                        (*class, *field),
                        self.reg(*dst),
                    )
                {
                    let _ = writeln!(self.out, "    {read}");
                    self.pending.push((*dst, format!("{test}{handler} }}")));
                    return;
                }
                let code = crate::class::get_field_code(
                    self.m,
                    self.reg(*obj),
                    (*class, *field),
                    self.reg(*dst),
                    self.f.reg(*dst).kind == RegKind::Borrowed,
                    &handler,
                );
                let _ = writeln!(self.out, "    {code}");
            }
            OpKind::SetField {
                obj,
                class,
                field,
                src,
                steal,
            } => {
                let mut code = crate::class::set_field_code(
                    self.m,
                    self.reg(*obj),
                    *class,
                    *field,
                    self.reg(*src),
                    if *steal {
                        crate::class::Take::Steal
                    } else if self.is_none(*src) {
                        crate::class::Take::Pinned
                    } else {
                        crate::class::Take::Count
                    },
                );
                if let Some(k) = self.on_consts_changed() {
                    code = code
                        .replace(
                            "OXY_XDECREF(oxy_old);",
                            &format!("OXY_XDECREF_K(oxy_old, {k});"),
                        )
                        .replace(
                            "OXY_XDECREF_NN(oxy_old);",
                            &format!("OXY_XDECREF_K_NN(oxy_old, {k});"),
                        );
                }
                let _ = writeln!(self.out, "    {code}");
            }
            OpKind::NewInstance { dst, class } => {
                let d = self.reg(*dst);
                let _ = writeln!(self.out, "    {d} = oxy_alloc_{class}();");
                self.check(op, &format!("{d} == NULL"));
            }
            OpKind::NoSubclassOf { dst, obj, class } => {
                let o = self.reg(*obj);
                let _ = writeln!(
                    self.out,
                    "    {} = (Py_TYPE({o}) == oxy_type_{class} || !PyObject_TypeCheck({o}, oxy_type_{class}));",
                    self.reg(*dst)
                );
            }
            OpKind::TypeIs {
                dst,
                obj,
                classes,
                method,
            } => {
                let o = self.reg(*obj);
                // (Classes no native class derives from first: see
                // `class::family_leaves_first`.)
                let is_base = |k: u32| self.m.classes.iter().any(|c| c.base == Some(k));
                let mut ordered = classes.clone();
                ordered.sort_by_key(|k| is_base(*k));
                let tests: Vec<String> = ordered
                    .iter()
                    .map(|c| format!("Py_TYPE({o}) == oxy_type_{c}"))
                    .collect();
                let hidden = match (method, classes.first()) {
                    (Some(_), Some(&c)) if crate::class::has_dict(self.m, c) => {
                        not_hidden(&crate::class::dict_slot(self.m, c, o))
                    }
                    _ => String::new(),
                };
                let _ = writeln!(
                    self.out,
                    "    {} = ({}){hidden};",
                    self.reg(*dst),
                    tests.join(" || ")
                );
            }
            OpKind::XTypeIs {
                dst,
                obj,
                classes,
                method,
            } => {
                let o = self.reg(*obj);
                let tests: Vec<String> = classes
                    .iter()
                    .map(|c| format!("oxy_xclass_is(&oxy_xc[{c}], {o})"))
                    .collect();
                let hidden = match (method, classes.first()) {
                    (Some(_), Some(&c)) => crate::class::xdict_slot(self.m, c, o)
                        .map(|slot| not_hidden(&slot))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let _ = writeln!(
                    self.out,
                    "    {} = ({}){hidden};",
                    self.reg(*dst),
                    tests.join(" || ")
                );
            }
            OpKind::XIsInstance {
                dst,
                obj,
                class,
                optional,
            } => {
                let o = self.reg(*obj);
                let none = if *optional {
                    format!("{o} == Py_None || ")
                } else {
                    String::new()
                };
                let _ = writeln!(
                    self.out,
                    "    {} = ({none}oxy_xclass_isinstance(&oxy_xc[{class}], {o}));",
                    self.reg(*dst)
                );
            }
            OpKind::XClassReady {
                dst,
                callable,
                class,
            } => {
                let _ = writeln!(
                    self.out,
                    "    {} = oxy_xclass_ready(&oxy_xc[{class}], {});",
                    self.reg(*dst),
                    self.reg(*callable)
                );
            }
            OpKind::XNewInstance { dst, class } => {
                let d = self.reg(*dst);
                let _ = writeln!(self.out, "    {d} = oxy_xc[{class}].alloc();");
                self.check(op, &format!("{d} == NULL"));
            }
            OpKind::XGetField {
                dst,
                obj,
                class,
                field,
            } => {
                let handler = match &op.err {
                    Some(err) => self.on_error(err, op.line),
                    None => String::new(),
                };
                let code = crate::class::get_xfield_code(
                    self.m,
                    self.reg(*obj),
                    (*class, *field),
                    self.reg(*dst),
                    &handler,
                );
                let _ = writeln!(self.out, "    {code}");
            }
            OpKind::XSetField {
                obj,
                class,
                field,
                src,
            } => {
                let code = crate::class::set_xfield_code(
                    self.m,
                    self.reg(*obj),
                    *class,
                    *field,
                    self.reg(*src),
                );
                let _ = writeln!(self.out, "    {code}");
            }
            OpKind::CallXMethod {
                dst,
                class,
                method,
                args,
            } => {
                let Some((name, params, ret)) = self
                    .m
                    .xclasses
                    .get(*class as usize)
                    .and_then(|c| c.methods.get(*method as usize))
                else {
                    let _ = writeln!(self.out, "    /* no method {method} of xclass {class} */");
                    return;
                };
                let mut ctypes: Vec<&str> = params.iter().map(|t| c_type(*t)).collect();
                ctypes.push("int");
                let dn = self.reg(*dst);
                let argv: Vec<String> = args.iter().map(|a| self.reg(*a).to_string()).collect();
                let _ = writeln!(
                    self.out,
                    "    {dn} = (({} (*)({}))oxy_xc[{class}].methods[{method}])({}{}oxy_depth + 1); /* {}.{}, direct */",
                    c_type(*ret),
                    ctypes.join(", "),
                    argv.join(", "),
                    if argv.is_empty() { "" } else { ", " },
                    self.m.xclasses[*class as usize]
                        .qualified
                        .replace("*/", "* /"),
                    name.replace("*/", "* /")
                );
                let c = error_check(*ret, dn);
                self.check(op, &c);
            }
            OpKind::MakeNativeClass {
                dst,
                builder,
                class,
                cell,
            } => {
                let d = self.reg(*dst);
                let _ = writeln!(
                    self.out,
                    "    {d} = oxy_make_native_class_{class}({}, &oxy_s_{});",
                    self.reg(*builder),
                    ident(cell)
                );
                self.check(op, &format!("{d} == NULL"));
            }
            OpKind::MakeClass { dst, builder, cell } => {
                let d = self.reg(*dst);
                let _ = writeln!(
                    self.out,
                    "    {d} = oxy_class_end_cell({}, &oxy_s_{});",
                    self.reg(*builder),
                    ident(cell)
                );
                self.check(op, &format!("{d} == NULL"));
            }
            OpKind::ExecSource { index } => {
                self.check(op, &format!("oxy_exec_snippet({index}) < 0"));
            }
            OpKind::Undef { reg } => {
                let t = self.f.ty(*reg);
                if t.is_refcounted() {
                    let _ = writeln!(self.out, "    {} = {};", self.reg(*reg), initial_value(t));
                }
            }
            OpKind::CheckBound { reg, name } => {
                let r = self.reg(*reg);
                let cond = match self.f.ty(*reg) {
                    RType::Obj => format!("{r} == NULL"),
                    RType::Int => format!("{r} == OXY_INT_ERR"),
                    _ => format!("!{r}"),
                };
                if let Some(err) = &op.err {
                    let handler = self.on_error(err, op.line);
                    let _ = writeln!(
                        self.out,
                        "    if (OXY_UNLIKELY({cond})) {{ oxy_raise_unbound_local({}); {handler} }}",
                        c_string(name.as_bytes())
                    );
                }
            }
            OpKind::CheckSignals => {
                if let Some(err) = &op.err {
                    let handler = self.on_error(err, op.line);
                    // (Signal handlers are Python code: see `on_consts_changed`.)
                    let recheck = match self.on_consts_changed() {
                        Some(k) => format!(
                            " if (OXY_UNLIKELY(!OXY_CONSTS_INTACT()) && !oxy_consts_recheck()) {{ {k} }}"
                        ),
                        None => String::new(),
                    };
                    let _ = writeln!(
                        self.out,
                        "    if (OXY_UNLIKELY(--oxy_ticks == 0)) {{ oxy_ticks = 4096; if (OXY_UNLIKELY(oxy_loop_tick() < 0)) {{ {handler} }}{recheck} }}"
                    );
                }
            }
            OpKind::CheckDepth => self.check(op, "OXY_TOO_DEEP(oxy_depth + 1)"),
            OpKind::IncRef { reg } => {
                let r = self.reg(*reg);
                let _ = match self.f.ty(*reg) {
                    RType::Int if self.cold => writeln!(self.out, "    oxy_int_incref_ool({r});"),
                    RType::Int => writeln!(self.out, "    oxy_int_incref({r});"),
                    RType::Obj if self.is_none(*reg) => {
                        writeln!(self.out, "    OXY_INCREF_PINNED({r});")
                    }
                    RType::Obj if self.is_maybe_none(*reg) => {
                        writeln!(self.out, "    OXY_INCREF_NN({r});")
                    }
                    RType::Obj => writeln!(self.out, "    Py_INCREF({r});"),
                    _ => writeln!(self.out, "    "),
                };
            }
            OpKind::DecRef { reg } => {
                let r = self.reg(*reg);
                let _ = match self.f.ty(*reg) {
                    RType::Int if self.cold => writeln!(self.out, "    oxy_int_xdecref_ool({r});"),
                    RType::Int => writeln!(self.out, "    oxy_int_decref({r});"),
                    RType::Obj if self.is_none(*reg) => {
                        writeln!(self.out, "    OXY_DECREF_PINNED({r});")
                    }
                    RType::Obj if self.is_list(*reg) => match self.on_consts_changed() {
                        Some(k) => writeln!(self.out, "    OXY_LIST_DECREF_K({r}, {k});"),
                        None => writeln!(self.out, "    oxy_list_decref({r});"),
                    },
                    RType::Obj => {
                        let nn = if self.is_maybe_none(*reg) { "_NN" } else { "" };
                        match self.on_consts_changed() {
                            Some(k) => writeln!(self.out, "    OXY_DECREF_K{nn}({r}, {k});"),
                            None => writeln!(self.out, "    OXY_DECREF{nn}({r});"),
                        }
                    }
                    _ => writeln!(self.out, "    "),
                };
            }
            OpKind::XDecRef { reg } => {
                let s = match (self.f.ty(*reg), self.on_consts_changed()) {
                    (RType::Int, _) if self.cold => {
                        format!("oxy_int_xdecref_ool({});", self.reg(*reg))
                    }
                    (RType::Obj, Some(k)) if self.is_list(*reg) => {
                        format!("OXY_LIST_XDECREF_K({}, {k});", self.reg(*reg))
                    }
                    (RType::Obj, Some(k)) if self.is_maybe_none(*reg) => {
                        format!("OXY_XDECREF_K_NN({}, {k});", self.reg(*reg))
                    }
                    (RType::Obj, Some(k)) => format!("OXY_XDECREF_K({}, {k});", self.reg(*reg)),
                    (RType::Obj, None) if self.is_list(*reg) => {
                        format!("oxy_list_xdecref({});", self.reg(*reg))
                    }
                    (RType::Obj, None) if self.is_maybe_none(*reg) => {
                        format!("OXY_XDECREF_NN({});", self.reg(*reg))
                    }
                    _ => self.release(*reg),
                };
                let _ = writeln!(self.out, "    {s}");
            }
        }
    }

    fn konst(&mut self, dst: Reg, value: &Const) {
        let dn = self.reg(dst);
        let t = self.f.ty(dst);
        if let (RType::Int, Const::Int(v)) = (t, value) {
            // (The most common constant, written without an intermediate string.)
            let _ = writeln!(self.out, "    {dn} = OXYC_SHORT({v}LL);");
            return;
        }
        let s = match (t, value) {
            (RType::Int, Const::Int(v)) => format!("{dn} = OXYC_SHORT({v}LL);"),
            (RType::Int, Const::BigInt(d)) => {
                let c = self.consts.big_int(d);
                format!("{dn} = {c}; oxy_int_incref({dn});")
            }
            (RType::Float, Const::Float(f)) => format!("{dn} = {};", c_double(*f)),
            (RType::Bool, Const::Bool(b)) => format!("{dn} = {};", *b as u8),
            // (i64::MIN has no C literal.)
            (RType::Ssize, Const::Int(i64::MIN)) => format!("{dn} = PY_SSIZE_T_MIN;"),
            (RType::Ssize | RType::CInt, Const::Int(v)) => format!("{dn} = {v};"),
            (RType::Obj, c) if self.f.reg(dst).kind == RegKind::Borrowed => {
                // (The module's constant table keeps it alive.)
                let e = self.consts.obj(c);
                format!("{dn} = {e};")
            }
            (RType::Obj, c @ (Const::None | Const::Bool(_))) => {
                let e = self.consts.obj(c);
                format!("{dn} = {e}; OXY_INCREF_PINNED({dn});")
            }
            (RType::Obj, c) => {
                let e = self.consts.obj(c);
                format!("{dn} = {e}; Py_INCREF({dn});")
            }
            (t, c) => format!(
                "/* bad constant {c:?} for {t:?} */ {dn} = {};",
                initial_value(t)
            ),
        };
        let _ = writeln!(self.out, "    {s}");
    }

    fn unbox(&mut self, op: &Op, dst: Reg, src: Reg, expected: &str, what: Option<&str>) {
        let dn = self.reg(dst);
        let sn = self.reg(src);
        let check = crate::type_check(self.m, expected, sn);
        if let (Some(w), Some(err)) = (what, &op.err) {
            let handler = self.on_error(err, op.line);
            let _ = writeln!(
                self.out,
                "    if (OXY_UNLIKELY(!{check})) {{ oxy_raise_type({}, {}, {sn}); {handler} }}",
                c_string(w.as_bytes()),
                c_string(expected.as_bytes())
            );
        }
        let conv = match self.f.ty(dst) {
            RType::Int => format!("{dn} = oxy_int_from_long_obj({sn});"),
            RType::Float => format!("{dn} = oxy_float_unbox({sn});"),
            RType::Bool => format!("{dn} = ({sn} == Py_True);"),
            RType::Obj => format!("{dn} = {sn}; Py_INCREF({dn});"),
            t => format!("/* cannot unbox to {t:?} */"),
        };
        let _ = writeln!(self.out, "    {conv}");
        match self.f.ty(dst) {
            RType::Int => self.check(op, &format!("{dn} == OXY_INT_ERR")),
            RType::Float => self.check(op, &format!("{dn} == OXY_FLOAT_ERR && PyErr_Occurred()")),
            _ => {}
        }
    }
}

/// The C condition, appended to a method dispatch's exact-type test, that the
/// instance `__dict__` (the C lvalue `slot`) cannot hide the method: the instance
/// has none. (One with a `__dict__`, rare, takes the ordinary call, which looks
/// there first. Looking up the name here cost 10-20% on method-heavy benchmarks:
/// the calls made GCC stop inlining others.)
fn not_hidden(slot: &str) -> String {
    format!(" && OXY_LIKELY({slot} == NULL)")
}
