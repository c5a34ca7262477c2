//! Text form of the IR (for `--emit-ir`, snapshot tests and debugging).

use crate::{Block, Const, Function, Module, Op, OpKind, Terminator};
use std::fmt::Write;

pub fn print_module(m: &Module) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "module {} ({})", m.name, m.path);
    for s in &m.statics {
        let _ = writeln!(out, "static {}: {}", s.name, s.ty.name());
    }
    for (i, s) in m.snippets.iter().enumerate() {
        let _ = writeln!(out, "snippet {i}: interpreted ({})", s.reason);
    }
    for (i, x) in m.extern_sites.iter().enumerate() {
        let _ = writeln!(
            out,
            "extern x{i}: {} (signature {:016x})",
            x.qualified, x.sig
        );
    }
    for f in &m.functions {
        out.push('\n');
        print_function(&mut out, f);
    }
    out
}

fn print_function(out: &mut String, f: &Function) {
    let params: Vec<String> = f
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| match &p.tuple {
            // (An unboxed tuple parameter: its item registers.)
            Some(t) => {
                let regs: Vec<String> = f.item_regs(i).iter().map(|r| r.to_string()).collect();
                let tys: Vec<&str> = t.items.iter().map(|(ty, _)| ty.name()).collect();
                format!("({}) {}: ({})", regs.join(", "), p.name, tys.join(", "))
            }
            None => format!("r{i} {}: {}", p.name, p.ty.name()),
        })
        .collect();
    let _ = writeln!(
        out,
        "def {}({}) -> {}:  # line {}{}",
        f.name,
        params.join(", "),
        f.ret.name(),
        f.line,
        match f.borrowing_copy_of {
            Some(t) => format!(" (f{}, borrowing copy of f{})", f.id.0, t.0),
            None => String::new(),
        }
    );
    for (i, r) in f.regs.iter().enumerate().skip(f.nargs()) {
        let _ = writeln!(out, "    r{i} {}: {} ({:?})", r.name, r.ty.name(), r.kind);
    }
    for (i, b) in f.blocks.iter().enumerate() {
        let _ = writeln!(out, "  L{i}:");
        print_block(out, b);
    }
}

fn print_block(out: &mut String, b: &Block) {
    for op in &b.ops {
        let _ = writeln!(out, "    {}", op_text(op));
    }
    let t = match &b.term {
        Terminator::Goto(t) => format!("goto {t}"),
        Terminator::Branch { cond, then_, else_ } => format!("if {cond} goto {then_} else {else_}"),
        Terminator::Return(r) => format!("return {r}"),
        Terminator::RaiseExit => "raise_exit".to_string(),
        Terminator::Unreachable => "unreachable".to_string(),
    };
    let _ = writeln!(out, "    {t}");
}

fn regs(rs: &[crate::Reg]) -> String {
    rs.iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn const_text(c: &Const) -> String {
    match c {
        Const::Int(i) => i.to_string(),
        Const::BigInt(s) => s.clone(),
        Const::Float(f) => format!("{f:?}"),
        Const::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        Const::None => "None".into(),
        Const::Str(s) => format!("{s:?}"),
        Const::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Const::StrTuple(v) => format!("{v:?}"),
        Const::Tuple(v) => {
            let items: Vec<String> = v.iter().map(const_text).collect();
            format!("({},)", items.join(", "))
        }
        Const::Complex(f) => format!("{f:?}j"),
        Const::Ellipsis => "...".into(),
    }
}

fn op_text(op: &Op) -> String {
    let mut s = match &op.kind {
        OpKind::Assign { dst, src } => format!("{dst} = {src}"),
        OpKind::Const { dst, value } => format!("{dst} = {}", const_text(value)),
        OpKind::Prim { dst, prim, args } => match dst {
            Some(d) => format!("{d} = {}({})", prim.desc().name, regs(args)),
            None => format!("{}({})", prim.desc().name, regs(args)),
        },
        OpKind::Unbox {
            dst,
            src,
            expected,
            what,
        } => match what {
            Some(w) => format!("{dst} = unbox_checked[{expected}]({src})  # {w}"),
            None => format!("{dst} = unbox[{expected}]({src})"),
        },
        OpKind::Call {
            dst, func, args, ..
        } => format!("{dst} = call f{}({})", func.0, regs(args)),
        OpKind::ExternReady {
            dst,
            callable,
            site,
        } => format!("{dst} = extern_ready x{site}, {callable}"),
        OpKind::ModuleAttr { dst, obj, name } => format!("{dst} = module_attr {obj}.{name}"),
        OpKind::CallExtern { dst, site, args } => {
            format!("{dst} = call_extern x{site}({})", regs(args))
        }
        OpKind::CallObj {
            dst,
            callable,
            args,
            kwnames,
        } => {
            format!("{dst} = py_call {callable}({}){}", regs(args), kw(kwnames))
        }
        OpKind::CallMethod {
            dst,
            obj,
            name,
            args,
            kwnames,
        } => {
            format!(
                "{dst} = py_call_method {obj}.{name}({}){}",
                regs(args),
                kw(kwnames)
            )
        }
        OpKind::Build { dst, kind, items } => {
            format!("{dst} = build_{kind:?}({})", regs(items)).to_lowercase()
        }
        OpKind::BuildDict { dst, keys, values } => format!(
            "{dst} = build_dict(keys=[{}], values=[{}])",
            regs(keys),
            regs(values)
        ),
        OpKind::LoadGlobal { dst, name } => format!("{dst} = load_global {name}"),
        OpKind::StoreGlobal { name, src } => format!("store_global {name} = {src}"),
        OpKind::DelGlobal { name } => format!("del_global {name}"),
        OpKind::LoadBuiltin { dst, name } => format!("{dst} = load_builtin {name}"),
        OpKind::LoadStatic {
            dst,
            name,
            class_cell,
        } => match class_cell {
            Some(read) => format!("{dst} = load_static {name} (class cell, {read:?})"),
            None => format!("{dst} = load_static {name}"),
        },
        OpKind::StoreRet { index, src } => format!("store_ret[{index}] {src}"),
        OpKind::LoadRet { dst, func, index } => format!("{dst} = load_ret[{index}] f{}", func.0),
        OpKind::StoreStatic { name, src } => format!("store_static {name} = {src}"),
        OpKind::DefineFunction { func } => format!("define_function f{}", func.0),
        OpKind::MakeFunction {
            dst,
            func,
            closure: None,
        } => format!("{dst} = make_function f{}", func.0),
        OpKind::MakeFunction {
            dst,
            func,
            closure: Some(c),
        } => format!("{dst} = make_function f{} closure {c}", func.0),
        OpKind::LoadFree { dst, index } => format!("{dst} = load_free {index}"),
        OpKind::Yield { dst, value, held } => {
            let held: Vec<String> = held.iter().map(|r| r.to_string()).collect();
            if held.is_empty() {
                format!("{dst} = yield {value}")
            } else {
                format!("{dst} = yield {value}  (holding {})", held.join(", "))
            }
        }
        OpKind::CheckType {
            src,
            expected,
            what,
        } => format!("check_type[{expected}]({src})  # {what}"),
        OpKind::GetField {
            dst,
            obj,
            class,
            field,
        } => format!("{dst} = get_field {obj} c{class}.{field}"),
        OpKind::SetField {
            obj,
            class,
            field,
            src,
            steal,
        } => format!(
            "set_field {obj} c{class}.{field} = {src}{}",
            if *steal { " (stolen)" } else { "" }
        ),
        OpKind::NoSubclassOf { dst, obj, class } => {
            format!("{dst} = no_subclass_of {obj} c{class}")
        }
        OpKind::LoadConstInt { dst, name, .. } => format!("{dst} = load_const_int {name}"),
        OpKind::NewInstance { dst, class } => format!("{dst} = new_instance c{class}"),
        OpKind::TypeIs {
            dst,
            obj,
            classes,
            method,
        } => {
            let cs: Vec<String> = classes.iter().map(|c| format!("c{c}")).collect();
            format!(
                "{dst} = type_is {obj} {}{}",
                cs.join("|"),
                not_hidden(method)
            )
        }
        OpKind::MakeNativeClass {
            dst,
            builder,
            class,
            cell,
        } => format!("{dst} = make_native_class c{class} {builder} (__class__ {cell})"),
        OpKind::MakeClass { dst, builder, cell } => {
            format!("{dst} = make_class {builder} (__class__ {cell})")
        }
        OpKind::XTypeIs {
            dst,
            obj,
            classes,
            method,
        } => {
            let cs: Vec<String> = classes.iter().map(|c| format!("xc{c}")).collect();
            format!(
                "{dst} = xtype_is {obj} {}{}",
                cs.join("|"),
                not_hidden(method)
            )
        }
        OpKind::XIsInstance {
            dst,
            obj,
            class,
            optional,
        } => format!(
            "{dst} = xisinstance {obj} {}xc{class}",
            if *optional { "None|" } else { "" }
        ),
        OpKind::XGetField {
            dst,
            obj,
            class,
            field,
        } => format!("{dst} = get_field {obj} xc{class}.{field}"),
        OpKind::XClassReady {
            dst,
            callable,
            class,
        } => format!("{dst} = xclass_ready xc{class}, {callable}"),
        OpKind::XNewInstance { dst, class } => format!("{dst} = new_instance xc{class}"),
        OpKind::XSetField {
            obj,
            class,
            field,
            src,
        } => format!("set_field {obj} xc{class}.{field} = {src}"),
        OpKind::CallXMethod {
            dst,
            class,
            method,
            args,
        } => format!("{dst} = call_xmethod xc{class}.m{method}({})", regs(args)),
        OpKind::ExecSource { index } => format!("exec_snippet {index}"),
        OpKind::Undef { reg } => format!("{reg} = <unbound>"),
        OpKind::CheckBound { reg, name } => format!("check_bound {reg} ({name})"),
        OpKind::CheckSignals => "check_signals".into(),
        OpKind::CheckDepth => "check_depth".into(),
        OpKind::IncRef { reg } => format!("inc_ref {reg}"),
        OpKind::DecRef { reg } => format!("dec_ref {reg}"),
        OpKind::XDecRef { reg } => format!("xdec_ref {reg}"),
    };
    if let Some(e) = &op.err {
        let _ = write!(s, "  ! goto {}", e.target);
        if !e.cleanup.is_empty() {
            let _ = write!(s, " (release {})", regs(&e.cleanup));
        }
        if !e.traceback {
            s.push_str(" (reraise)");
        }
    }
    s
}

fn kw(k: &Option<Vec<String>>) -> String {
    match k {
        Some(v) => format!(" kwnames={v:?}"),
        None => String::new(),
    }
}

/// The suffix of a method dispatch's exact-type test (`TypeIs::method`).
fn not_hidden(method: &Option<String>) -> String {
    match method {
        Some(m) => format!(" (no own {m})"),
        None => String::new(),
    }
}
