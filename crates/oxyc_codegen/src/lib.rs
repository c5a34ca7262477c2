//! Stage 6: IR -> C.
//!
//! One translation unit per module: constants, one native C function per Python
//! function (with `#line` directives pointing at the .py file), one Python-callable
//! wrapper per function that checks and unboxes arguments, and a multi-phase module
//! initialiser that runs the module body. The output is deterministic: the same IR
//! gives byte-identical C.

mod absorb;
mod class;
mod codeinfo;
mod consts;
mod cstr;
mod func;
mod module;
mod units;

use consts::ConstTable;
use oxyc_ir::{Module, RType};

/// The C helpers every generated module includes (after "oxyc_rt.h").
pub const PRELUDE: &str = include_str!("prelude.h");

/// The module's C as one translation unit.
pub fn emit_module(m: &Module) -> String {
    let mut units = emit_units(m, 1);
    units.swap_remove(0)
}

/// The module's C as up to `max_units` translation units that compile in parallel and
/// link into one extension module (fewer for a small module: one below
/// `units::UNIT_WEIGHT` IR ops of function bodies). The first unit holds the module's state,
/// wrappers, classes and initialiser; the others hold native functions, grouped so
/// that no direct call crosses units (the C compiler can still inline callees).
/// Deterministic: the split depends only on the module and `max_units`.
pub fn emit_units(m: &Module, max_units: usize) -> Vec<String> {
    let mut consts = ConstTable::default();
    let mut builtins = indexmap::IndexSet::new();
    let plan = units::plan(m, max_units);
    let absorb = absorb::plan(m);
    let lk = if plan.units > 1 {
        Linkage::Split
    } else {
        Linkage::Single
    };
    let mut bodies: Vec<String> = m
        .functions
        .iter()
        .map(|f| {
            let mut b = func::emit_function(m, f, &mut consts, &mut builtins, lk, &absorb);
            b.push('\n');
            b
        })
        .collect();
    // Generator frames before the first function of the first unit (where every
    // generator is): a coroutine's frame may be a C local of another's body.
    let frames: String = m
        .functions
        .iter()
        .filter(|f| f.is_generator)
        .map(|f| func::frame_decl(f, &oxyc_passes::frame::frame_regs(f)))
        .collect();
    if let Some(first) = (0..bodies.len()).find(|i| plan.unit_of.get(*i).copied().unwrap_or(0) == 0)
    {
        bodies[first].insert_str(0, &frames);
    }
    module::emit(m, &mut consts, &builtins, &bodies, &plan, &absorb)
}

/// How a module's shared state and native functions are declared: `static` in a
/// single translation unit; with several, visible across them but hidden outside
/// the extension module (`OXY_SHARED`, defined in each unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Linkage {
    Single,
    Split,
}

impl Linkage {
    /// The keyword before a shared definition or function prototype.
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Linkage::Single => "static",
            Linkage::Split => "OXY_SHARED",
        }
    }

    /// The keyword before the declaration of a shared variable that every unit sees
    /// (the first unit also defines it).
    pub(crate) fn variable_declaration(self) -> &'static str {
        match self {
            Linkage::Single => "static",
            Linkage::Split => "extern OXY_SHARED",
        }
    }
}

pub(crate) fn c_type(t: RType) -> &'static str {
    match t {
        RType::Int => "oxy_int",
        RType::Float => "double",
        RType::Bool => "char",
        RType::Obj => "PyObject *",
        RType::CInt => "int",
        RType::Ssize => "Py_ssize_t",
    }
}

/// A C condition: is `v` (a `PyObject *`) of the Python type named `expected` (a
/// builtin type name, `None`, or one of the module's native classes)?
pub(crate) fn type_check(m: &Module, expected: &str, v: &str) -> String {
    match expected {
        "int" => format!("PyLong_Check({v})"),
        "float" => format!("(PyFloat_Check({v}) || PyLong_Check({v}))"),
        "bool" => format!("PyBool_Check({v})"),
        "str" => format!("PyUnicode_Check({v})"),
        "list" => format!("PyList_Check({v})"),
        "dict" => format!("PyDict_Check({v})"),
        "tuple" => format!("PyTuple_Check({v})"),
        "set" => format!("PySet_Check({v})"),
        "bytes" => format!("PyBytes_Check({v})"),
        "bytearray" => format!("PyByteArray_Check({v})"),
        "None" => format!("({v} == Py_None)"),
        other if other.starts_with("Optional[") && other.ends_with(']') => {
            let inner = &other["Optional[".len()..other.len() - 1];
            format!("({v} == Py_None || {})", type_check(m, inner, v))
        }
        other => match m.classes.iter().position(|c| c.name == other) {
            // Before the class statement ran no value can be an instance.
            Some(ci) => {
                // The native family first: pointer compares, no MRO walk (a
                // class not made yet is NULL, which no object's type equals).
                let exact: Vec<String> = class::family_leaves_first(m, ci as u32)
                    .iter()
                    .take(8)
                    .map(|k| format!("Py_TYPE({v}) == oxy_type_{k}"))
                    .collect();
                format!(
                    "({} || (oxy_type_{ci} != NULL && PyObject_TypeCheck({v}, oxy_type_{ci})))",
                    exact.join(" || ")
                )
            }
            None => "1".to_string(),
        },
    }
}

/// The value a native function returns to signal an exception.
pub(crate) fn error_value(t: RType) -> &'static str {
    match t {
        RType::Int => "OXY_INT_ERR",
        RType::Float => "OXY_FLOAT_ERR",
        RType::Bool => "2",
        RType::Obj => "NULL",
        RType::CInt | RType::Ssize => "-1",
    }
}

/// The initial value of a register (also "unbound" for locals).
pub(crate) fn initial_value(t: RType) -> &'static str {
    match t {
        RType::Int => "OXY_INT_ERR",
        RType::Float => "0.0",
        RType::Bool | RType::CInt | RType::Ssize => "0",
        RType::Obj => "NULL",
    }
}

/// A condition that is true when a native call returning `t` failed.
pub(crate) fn error_check(t: RType, v: &str) -> String {
    match t {
        RType::Float => format!("{v} == OXY_FLOAT_ERR && PyErr_Occurred()"),
        _ => format!("{v} == {}", error_value(t)),
    }
}

pub(crate) fn native_name(m: &Module, id: oxyc_ir::FuncId) -> String {
    let f = &m.functions[id.0 as usize];
    if id == m.body {
        "oxy_module_body".to_string()
    } else {
        format!("oxy_f{}_{}", id.0, cstr::ident(&f.name))
    }
}
