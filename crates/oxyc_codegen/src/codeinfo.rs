//! What introspection sees of each compiled function: the `oxy_codeinfo` table the
//! runtime's function objects read for `__code__` (parameter names, counts and
//! flags, so `inspect.signature` works), `__defaults__` / `__kwdefaults__` (boxed
//! from the defaults' statics or the closure tuple) and `__annotations__` (their
//! source, evaluated on first use).

use crate::cstr::{c_string, ident};
use crate::native_name;
use oxyc_ir::{Function, Module, OpKind, Param, RType};
use std::fmt::Write;

// CPython's code flags (Include/cpython/code.h).
const CO_OPTIMIZED: u32 = 0x1;
const CO_NEWLOCALS: u32 = 0x2;
const CO_VARARGS: u32 = 0x4;
const CO_VARKEYWORDS: u32 = 0x8;
const CO_NESTED: u32 = 0x10;
const CO_GENERATOR: u32 = 0x20;
const CO_COROUTINE: u32 = 0x80;
const CO_ASYNC_GENERATOR: u32 = 0x200;

/// The C definitions of `oxy_code[]`, indexed by function id (the module body's
/// entry is unused).
pub fn code_info(m: &Module, future_annotations: bool) -> String {
    let mut out = String::new();
    for f in &m.functions {
        if !f.is_python_callable {
            continue;
        }
        let id = f.id.0;
        let names: String = varnames(f)
            .iter()
            .map(|p| format!("{}, ", c_string(p.name.as_bytes())))
            .collect();
        let _ = writeln!(
            out,
            "static const char *const oxy_vn{id}[] = {{{names}NULL}};"
        );
        let ann: String = f
            .annotations
            .iter()
            .map(|(n, src)| format!("{}, {}, ", c_string(n.as_bytes()), c_string(src.as_bytes())))
            .collect();
        let _ = writeln!(
            out,
            "static const char *const oxy_an{id}[] = {{{ann}NULL}};"
        );
        if f.params.iter().any(Param::has_default) {
            out.push_str(&defaults_fn(f));
        }
    }
    let _ = writeln!(out, "static oxy_codeinfo oxy_code[] = {{");
    for f in &m.functions {
        if !f.is_python_callable {
            let _ = writeln!(out, "    {{0}},");
            continue;
        }
        let id = f.id.0;
        let k = f.kinds;
        let mut flags = CO_OPTIMIZED | CO_NEWLOCALS;
        if k.varargs {
            flags |= CO_VARARGS;
        }
        if k.varkw {
            flags |= CO_VARKEYWORDS;
        }
        if f.qualname.contains("<locals>") {
            flags |= CO_NESTED;
        }
        if f.is_async_gen {
            flags |= CO_ASYNC_GENERATOR;
        } else if f.is_coroutine {
            flags |= CO_COROUTINE;
        } else if f.is_generator {
            flags |= CO_GENERATOR;
        }
        let defaults = if f.params.iter().any(Param::has_default) {
            format!("oxy_dflt{id}")
        } else {
            "NULL".to_string()
        };
        // What other compiled modules call directly (see `oxy_xsite_ready`).
        let export = match f.export {
            Some(sig) if !f.forwards && !f.has_closure && !f.is_generator => format!(
                ", (void (*)(void)){}, 0x{sig:016x}ULL",
                native_name(m, f.id)
            ),
            _ => String::new(),
        };
        // (A docstring with a NUL: the method table's C string stops at it.)
        let doc_len = match &f.doc {
            Some(d) if d.contains('\0') => format!(", .doc_len = {}", d.len()),
            _ => String::new(),
        };
        // A method reading its class statement's static (`super()`, `__class__`)
        // shows it as its `__closure__`, as CPython shows the `__class__` cell.
        let class_cell = class_static_of(f)
            .map(|s| format!(", .class_cell = &oxy_s_{}", ident(s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {{oxy_filename, oxy_vn{id}, {}, {}, {}, {flags}, {}, oxy_an{id}, {}, {defaults}, &oxy_globals, NULL{export}{doc_len}{class_cell}}},",
            k.npos,
            k.nposonly,
            k.nkwonly,
            f.line,
            u8::from(future_annotations)
        );
    }
    let _ = writeln!(out, "}};\n");
    out
}

/// The class statement's static that `f` reads for `super()` or `__class__`, if any.
fn class_static_of(f: &Function) -> Option<&str> {
    f.blocks
        .iter()
        .flat_map(|b| &b.ops)
        .find_map(|op| match &op.kind {
            OpKind::LoadStatic {
                name,
                class_cell: Some(_),
                ..
            } => Some(name.as_str()),
            _ => None,
        })
}

/// The parameters in `co_varnames` order: positional, keyword-only, `*args`,
/// `**kwargs` (`Function::params` is in the order of the `def`).
fn varnames(f: &Function) -> Vec<&Param> {
    let k = f.kinds;
    let pick = |collectors: bool| {
        f.params
            .iter()
            .enumerate()
            .filter(move |(i, _)| k.is_collector(*i) == collectors)
            .map(|(_, p)| p)
    };
    pick(false).chain(pick(true)).collect()
}

/// `oxy_dflt<id>(self, kw)`: a new tuple of the positional parameters' defaults, or
/// (kw) a new dict of the keyword-only ones; None when there are none of the kind.
fn defaults_fn(f: &Function) -> String {
    let k = f.kinds;
    let boxed = |p: &Param| -> Option<String> {
        if let Some(slot) = p.default_slot {
            return Some(format!("Py_NewRef(PyTuple_GET_ITEM(self, {slot}))"));
        }
        let s = format!("oxy_s_{}", ident(p.default_static.as_ref()?));
        Some(match p.ty {
            RType::Int => format!("oxy_int_box({s})"),
            RType::Float => format!("oxy_float_box({s})"),
            RType::Bool => format!("oxy_bool_box({s})"),
            _ => format!("Py_XNewRef({s})"),
        })
    };
    let positional: Vec<String> = f.params[..k.npos as usize]
        .iter()
        .filter_map(boxed)
        .collect();
    let kwonly_from = k.npos as usize + usize::from(k.varargs);
    let keyword: Vec<String> = f.params[kwonly_from..kwonly_from + k.nkwonly as usize]
        .iter()
        .filter_map(|p| Some(format!("{}, {}", c_string(p.name.as_bytes()), boxed(p)?)))
        .collect();
    let pack = |items: &[String], helper: &str| {
        if items.is_empty() {
            "Py_NewRef(Py_None)".to_string()
        } else {
            format!("{helper}({}, {})", items.len(), items.join(", "))
        }
    };
    format!(
        "static PyObject *oxy_dflt{}(PyObject *self, int kw) {{\n    (void)self;\n    if (!kw) return {};\n    return {};\n}}\n",
        f.id.0,
        pack(&positional, "oxy_defaults_tuple"),
        pack(&keyword, "oxy_defaults_dict")
    )
}
