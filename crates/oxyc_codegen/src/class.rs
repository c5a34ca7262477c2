//! Native classes in C: one struct per class (starting with its base's struct), typed
//! fields, and a heap type built from a `PyType_Spec` with a getter/setter per field,
//! `tp_new`, `tp_dealloc`, GC support and weak references.
//!
//! Field representation: `PyObject *` (NULL = never set), `oxy_int` (`OXY_INT_ERR` =
//! never set), `double` (a reserved NaN when never set), `char` (2 when never set).

use crate::Linkage;
use crate::cstr::{c_string, ident};
use crate::type_check;
use oxyc_ir::{Field, Module, RType};
use std::fmt::Write;

pub fn struct_name(ci: u32) -> String {
    format!("oxy_obj_{ci}")
}

/// The struct of native class `k` of another module (`Module::xclasses`).
pub fn xstruct_name(k: u32) -> String {
    format!("oxy_xobj_{k}")
}

pub fn field_name(f: &Field, j: usize) -> String {
    format!("f{j}_{}", ident(&f.name))
}

/// Struct typedefs and type-object statics (before the function bodies). `lk`: the
/// linkage of what function bodies use (see `Linkage`).
pub fn declarations(m: &Module, lk: Linkage) -> String {
    let mut out = String::new();
    let hooked = m.getattr_hooked();
    let shared = lk.keyword();
    for (ci, c) in m.classes.iter().enumerate() {
        let _ = writeln!(out, "/* class {} */", c.name);
        let _ = writeln!(out, "typedef struct {{");
        match c.base {
            Some(b) => {
                let _ = writeln!(out, "    {} oxy_base;", struct_name(b));
            }
            None => {
                let _ = writeln!(out, "    PyObject_HEAD");
                // (Without weak references and fields the layout is object's, so
                // the class mixes with other bases as a `__slots__ = ()` class does.)
                if c.weakrefs {
                    // (With weak references comes the instance `__dict__`, as for a
                    // class without `__slots__`: see `oxy_native_dict_get`.)
                    // (In type()'s order, the weak references last: then a class
                    // without fields still has object's layout for `extra_ivars`.)
                    let _ = writeln!(out, "    PyObject *oxy_dict;");
                    let _ = writeln!(out, "    PyObject *oxy_weakrefs;");
                }
            }
        }
        for (j, f) in c.fields.iter().enumerate() {
            let n = field_name(f, j);
            let _ = match f.ty {
                RType::Int => writeln!(out, "    oxy_int {n};"),
                RType::Float => writeln!(out, "    double {n};"),
                RType::Bool => writeln!(out, "    char {n};"),
                _ => writeln!(out, "    PyObject *{n};"),
            };
        }
        let _ = writeln!(out, "}} {};", struct_name(ci as u32));
        let _ = writeln!(
            out,
            "{} PyTypeObject *oxy_type_{ci};",
            lk.variable_declaration()
        );
        let _ = writeln!(
            out,
            "{shared} PyObject *oxy_make_native_class_{ci}(PyObject *builder, PyObject **cell);"
        );
        let _ = writeln!(out, "{shared} PyObject *oxy_alloc_{ci}(void);");
        for (j, f) in c.fields.iter().enumerate() {
            let _ = writeln!(
                out,
                "{shared} OXY_COLD {} oxy_{}_{ci}_{j}(PyObject *self);",
                crate::c_type(f.ty),
                if hooked[ci] { "missing" } else { "unset" }
            );
        }
    }
    let _ = writeln!(
        out,
        "{shared} OXYC_UNUSED int oxy_module_native_type(PyTypeObject *t);"
    );
    // Native classes of other modules: the same structs, declared from their
    // interface (the layout hash checked at run time vouches for them).
    for (k, c) in m.xclasses.iter().enumerate() {
        let _ = writeln!(
            out,
            "/* class {} of another module, layout 0x{:016x} */",
            c.qualified.replace("*/", "* /"),
            c.layout
        );
        let _ = writeln!(out, "typedef struct {{");
        match c.base {
            Some(b) => {
                let _ = writeln!(out, "    {} oxy_base;", xstruct_name(b));
            }
            None => {
                let _ = writeln!(out, "    PyObject_HEAD");
                if c.weakrefs {
                    // (With weak references comes the instance `__dict__`, as for a
                    // class without `__slots__`: see `oxy_native_dict_get`.)
                    // (In type()'s order, the weak references last: then a class
                    // without fields still has object's layout for `extra_ivars`.)
                    let _ = writeln!(out, "    PyObject *oxy_dict;");
                    let _ = writeln!(out, "    PyObject *oxy_weakrefs;");
                }
            }
        }
        for (j, f) in c.fields.iter().enumerate() {
            let n = field_name(f, j);
            let _ = match f.ty {
                RType::Int => writeln!(out, "    oxy_int {n};"),
                RType::Float => writeln!(out, "    double {n};"),
                RType::Bool => writeln!(out, "    char {n};"),
                _ => writeln!(out, "    PyObject *{n};"),
            };
        }
        let _ = writeln!(out, "}} {};", xstruct_name(k as u32));
    }
    out
}

/// Is field `f` set? (C condition on `o`, an expression of the class's struct type.)
fn is_set(o: &str, f: &Field, j: usize) -> String {
    let n = field_name(f, j);
    match f.ty {
        RType::Int => format!("{o}->{n} != OXY_INT_ERR"),
        RType::Float => format!("!oxy_float_is_unset({o}->{n})"),
        RType::Bool => format!("{o}->{n} != OXY_BOOL_UNSET"),
        _ => format!("{o}->{n} != NULL"),
    }
}

/// C code reading field `j` into `dst` (a new reference / value, or a borrowed one:
/// never for a class whose family has a `__getattr__`, see `oxyc_passes::borrow`),
/// with `on_unset` run after AttributeError is raised.
pub fn get_field_code(
    m: &Module,
    obj: &str,
    (ci, j): (u32, u32),
    dst: &str,
    borrow: bool,
    on_unset: &str,
) -> String {
    let c = &m.classes[ci as usize];
    let f = &c.fields[j as usize];
    let hooked = m.getattr_hooked()[ci as usize].then_some(ci);
    read_field(
        &struct_name(ci),
        f,
        j,
        obj,
        dst,
        borrow,
        on_unset,
        hooked,
        Some(ci),
        false,
    )
}

/// `get_field_code` for class `k` of another module (never a family with a
/// `__getattr__`: those are not exported).
pub fn get_xfield_code(
    m: &Module,
    obj: &str,
    (k, j): (u32, u32),
    dst: &str,
    on_unset: &str,
) -> String {
    let f = &m.xclasses[k as usize].fields[j as usize];
    read_field(
        &xstruct_name(k),
        f,
        j,
        obj,
        dst,
        false,
        on_unset,
        None,
        None,
        xdict_slot(m, k, obj).is_some(),
    )
}

/// Reading field `j` (`f`) of struct `st`; `hooked`: the class (of this module)
/// whose `__getattr__` an unset read asks; `own`: the class, when it is this
/// module's (an unset read then looks for a class attribute that hides the field:
/// `oxy_unset_<class>_<field>`); `xdict`: a class of another module whose instances
/// have a `__dict__` (an unset read asks the attribute lookup, whose getter takes a
/// value left there for the field: `oxy_field_adopt`).
#[allow(clippy::too_many_arguments)]
fn read_field(
    st: &str,
    f: &Field,
    j: u32,
    obj: &str,
    dst: &str,
    borrow: bool,
    on_unset: &str,
    hooked: Option<u32>,
    own: Option<u32>,
    xdict: bool,
) -> String {
    let o = format!("(({st} *){obj})");
    let n = field_name(f, j as usize);
    let take = match f.ty {
        _ if borrow => " /* borrowed */".to_string(),
        RType::Int => format!(" oxy_int_incref({dst});"),
        RType::Float | RType::Bool => String::new(),
        _ if admits_none(f) => format!(" OXY_INCREF_NN({dst});"),
        _ => format!(" Py_INCREF({dst});"),
    };
    // Unset: AttributeError, unless the class has a __getattr__ to ask. (The value
    // comes back as the result, not through a pointer, so `dst` stays in a register.)
    // Only classes whose native family has a __getattr__ pay for the question; the
    // others keep the straight-line read.
    let name = c_string(f.name.as_bytes());
    // What an unset read calls instead of raising, if anything: `__getattr__`
    // (`oxy_missing_..`, a new reference), or a class attribute that hides the field
    // (`oxy_unset_..`, borrowed like the field's own value). A class of another
    // module: AttributeError.
    let (fallback, owned) = match (hooked, own) {
        (Some(ci), _) => (format!("oxy_missing_{ci}_{j}"), true),
        (None, Some(ci)) => (format!("oxy_unset_{ci}_{j}"), false),
        (None, None) => {
            let set = is_set(&o, f, j as usize);
            if xdict {
                let adopt = format!(
                    "if (oxy_field_adopt({obj}, {name}) < 0 || !({set})) {{ if (!PyErr_Occurred()) oxy_raise_unset_attribute({obj}, {name}); {on_unset} }}"
                );
                if f.ty == RType::Int && !borrow {
                    return format!(
                        "{dst} = {o}->{n}; if (OXY_UNLIKELY(!OXY_INT_IS_SHORT({dst}))) {{ if (OXY_UNLIKELY({dst} == OXY_INT_ERR)) {{ {adopt} {dst} = {o}->{n}; }} oxy_int_incref({dst}); }}"
                    );
                }
                return format!(
                    "if (OXY_UNLIKELY(!({set}))) {{ {adopt} }}\n    {dst} = {o}->{n};{take}"
                );
            }
            if f.ty == RType::Int && !borrow {
                return format!(
                    "{dst} = {o}->{n}; if (OXY_UNLIKELY(!OXY_INT_IS_SHORT({dst}))) {{ if (OXY_UNLIKELY({dst} == OXY_INT_ERR)) {{ oxy_raise_unset_attribute({obj}, {name}); {on_unset} }} oxy_int_incref_long({dst}); }}"
                );
            }
            return format!(
                "if (OXY_UNLIKELY(!({set}))) {{ oxy_raise_unset_attribute({obj}, {name}); {on_unset} }}\n    {dst} = {o}->{n};{take}"
            );
        }
    };
    if f.ty == RType::Int && !borrow && !owned {
        // An unset int field holds OXY_INT_ERR, which is not short: the test hides in
        // the branch that increments a long int's reference. (Written as one test
        // joined to one increment: the nested form, with the long int's increment in
        // an `else`, made the scheduler benchmark 11% slower through GCC's layout.)
        return format!(
            "{dst} = {o}->{n}; if (OXY_UNLIKELY(!OXY_INT_IS_SHORT({dst}))) {{ if (OXY_UNLIKELY({dst} == OXY_INT_ERR) && ({dst} = {fallback}({obj})) == OXY_INT_ERR) {{ {on_unset} }} oxy_int_incref({dst}); }}"
        );
    }
    let failed = match f.ty {
        RType::Int => format!("{dst} == OXY_INT_ERR"),
        RType::Float => format!("{dst} == OXY_FLOAT_ERR && PyErr_Occurred()"),
        RType::Bool => format!("{dst} == 2"),
        _ => format!("{dst} == NULL"),
    };
    let set = is_set(&o, f, j as usize);
    let missing = format!("{dst} = {fallback}({obj}); if ({failed}) {{ {on_unset} }}");
    if owned {
        // (The answer is a new reference already.)
        format!(
            "if (OXY_UNLIKELY(!({set}))) {{ {missing} }}\n    else {{ {dst} = {o}->{n};{take} }}"
        )
    } else {
        format!(
            "if (OXY_UNLIKELY(!({set}))) {{ {missing} }}\n    else {dst} = {o}->{n};\n   {take}"
        )
    }
}

/// A borrowed read of int field `j` of class `ci` with its unset test apart (the
/// caller may move the test into the slow path of the int operation that uses the
/// value: an unset field holds OXY_INT_ERR, which no fast path takes). `None` where
/// the read is not that simple (a class with `__getattr__`, not an int field).
pub fn int_field_deferred(
    m: &Module,
    obj: &str,
    (ci, j): (u32, u32),
    dst: &str,
) -> Option<(String, String)> {
    let c = &m.classes[ci as usize];
    let f = &c.fields[j as usize];
    if f.ty != RType::Int || m.getattr_hooked()[ci as usize] {
        return None;
    }
    let o = format!("(({} *){obj})", struct_name(ci));
    let read = format!("{dst} = {o}->{}; /* borrowed */", field_name(f, j as usize));
    // (Unset: a class attribute that hides the field, borrowed, or AttributeError.)
    let test = format!(
        "if (OXY_UNLIKELY({dst} == OXY_INT_ERR) && ({dst} = oxy_unset_{ci}_{j}({obj})) == OXY_INT_ERR) {{ "
    );
    Some((read, test))
}

/// May field `f` hold None (declared `Optional[...]`, `None`, or of any type)? Its
/// values' references are then counted with a test for None first (`OXY_INCREF_NN`:
/// None is pinned, see `OXY_PINNED_SINGLETONS` in the runtime).
fn admits_none(f: &Field) -> bool {
    f.ty == RType::Obj && crate::func::check_admits_none(f.check.as_deref())
}

/// How a field store takes its value's reference.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// Counts a new one.
    Count,
    /// Takes over the caller's (no increment).
    Steal,
    /// The value is None, True or False, whose references are not counted where
    /// they are pinned (`OXY_INCREF_PINNED`).
    Pinned,
}

/// C code storing `src` (borrowed) into field `j`.
pub fn set_field_code(m: &Module, obj: &str, ci: u32, j: u32, src: &str, take: Take) -> String {
    let f = &m.classes[ci as usize].fields[j as usize];
    write_field(
        &struct_name(ci),
        f,
        j,
        obj,
        src,
        take,
        !tracked_from_birth(m, ci),
    )
}

/// `set_field_code` for class `k` of another module.
pub fn set_xfield_code(m: &Module, obj: &str, k: u32, j: u32, src: &str) -> String {
    let f = &m.xclasses[k as usize].fields[j as usize];
    write_field(&xstruct_name(k), f, j, obj, src, Take::Count, true)
}

/// `track`: the owner may still be untracked by the GC (see `tracked_from_birth`).
fn write_field(
    st: &str,
    f: &Field,
    j: u32,
    obj: &str,
    src: &str,
    take: Take,
    track: bool,
) -> String {
    let o = format!("(({st} *){obj})");
    let n = field_name(f, j as usize);
    // (A field that may hold None counts its values with a test for None first.)
    let nn = if admits_none(f) { "_NN" } else { "" };
    match f.ty {
        RType::Int => format!(
            "{{ oxy_int oxy_old = {o}->{n}; {}{o}->{n} = {src}; oxy_int_release_old(oxy_old); }}",
            if take == Take::Steal {
                String::new()
            } else {
                format!("oxy_int_incref({src}); ")
            }
        ),
        RType::Float => format!("{o}->{n} = oxy_float_field({src});"),
        RType::Bool => format!("{o}->{n} = {src};"),
        _ => format!(
            "{{ PyObject *oxy_old = {o}->{n}; {}{o}->{n} = {src};{} OXY_XDECREF{nn}(oxy_old); }}",
            match take {
                Take::Steal => String::new(),
                Take::Pinned => format!("OXY_INCREF_PINNED({src}); "),
                Take::Count if nn.is_empty() => format!("Py_INCREF({src}); "),
                Take::Count => format!("OXY_INCREF_NN({src}); "),
            },
            if !track {
                String::new()
            } else if may_hold_container(f) {
                format!(" oxy_native_track({obj}, {src});")
            } else if text_field(f) {
                format!(" oxy_native_track_text({obj}, {src});")
            } else {
                String::new()
            }
        ),
    }
}

/// Everything else: getters/setters, new/dealloc/traverse/clear, the spec and the
/// function that creates the class from its namespace.
pub fn definitions(m: &Module, lk: Linkage) -> String {
    let mut out = String::new();
    let hooked = m.getattr_hooked();
    let shared = lk.keyword();
    if !m.classes.is_empty() {
        let _ = writeln!(
            out,
            "/* Native deallocations in progress on this module's instances (GIL-protected). */\nstatic int oxy_dealloc_nesting;"
        );
    }
    if lk == Linkage::Split {
        for ci in 0..m.classes.len() {
            let _ = writeln!(out, "OXY_SHARED PyTypeObject *oxy_type_{ci};");
        }
    }
    // (For `object.__new__(cls)` and the like: see `oxy_call_new`.)
    let tests: Vec<String> = (0..m.classes.len())
        .map(|ci| format!(" || t == oxy_type_{ci}"))
        .collect();
    let _ = writeln!(
        out,
        "/* Is `t` one of this module's native classes? */\n{shared} OXYC_UNUSED int oxy_module_native_type(PyTypeObject *t) {{\n    return t != NULL && (0{});\n}}",
        tests.concat()
    );
    for (ci, c) in m.classes.iter().enumerate() {
        let ci = ci as u32;
        let st = struct_name(ci);
        let _ = writeln!(out, "/* class {}: fields, lifetime, type */", c.name);
        // Getters and setters.
        for (j, f) in c.fields.iter().enumerate() {
            let n = field_name(f, j);
            let o = format!("(({st} *)self)");
            let boxed = match f.ty {
                RType::Int => format!("oxy_int_box({o}->{n})"),
                RType::Float => format!("PyFloat_FromDouble({o}->{n})"),
                RType::Bool => format!("PyBool_FromLong({o}->{n})"),
                _ => format!("Py_NewRef({o}->{n})"),
            };
            let name = c_string(f.name.as_bytes());
            // A class whose fields are attributes of the instance `__dict__` in CPython
            // (no `__slots__`): a value stored into that dict under the field's name
            // while the field is unset (pickle restoring an ordinary instance's state,
            // `obj.__dict__.update(...)`) becomes the field's value when it is read.
            let adopts = has_dict(m, ci) && !c.slotted;
            let unset_read = if adopts {
                let _ = writeln!(
                    out,
                    "static int oxy_set_{ci}_{j}(PyObject *self, PyObject *v, void *closure);
/* The field takes a value left for it in the instance __dict__: 1, or 0 without one,
   or -1 when the value is refused. */
static OXY_COLD int oxy_adopt_{ci}_{j}(PyObject *self) {{
    PyObject *v = oxy_dict_field(self, {name});
    if (v == NULL) return 0;
    Py_INCREF(v);
    int r = oxy_set_{ci}_{j}(self, v, NULL);
    Py_DECREF(v);
    return r < 0 ? -1 : 1;
}}"
                );
                format!(
                    "int a = oxy_adopt_{ci}_{j}(self); if (a <= 0) {{ if (a == 0) oxy_raise_unset_attribute(self, {name}); return NULL; }}"
                )
            } else {
                format!("oxy_raise_unset_attribute(self, {name}); return NULL;")
            };
            let _ = writeln!(
                out,
                "static PyObject *oxy_get_{ci}_{j}(PyObject *self, void *closure) {{\n    (void)closure;\n    if (!({})) {{ {unset_read} }}\n    return {boxed};\n}}",
                is_set(&o, f, j)
            );
            let clear = match f.ty {
                RType::Int => format!("oxy_int_decref({o}->{n}); {o}->{n} = OXY_INT_ERR;"),
                RType::Float => format!("{o}->{n} = oxy_float_unset();"),
                RType::Bool => format!("{o}->{n} = OXY_BOOL_UNSET;"),
                _ => format!("Py_CLEAR({o}->{n});"),
            };
            let check = match &f.check {
                Some(t) => type_check(m, t, "v"),
                None => "1".to_string(),
            };
            let what =
                c_string(format!("attribute '{}' of '{}' objects", f.name, c.name).as_bytes());
            let expected = c_string(f.check.as_deref().unwrap_or("object").as_bytes());
            let store = match f.ty {
                RType::Int => format!(
                    "oxy_int x = oxy_int_from_long_obj(v); if (x == OXY_INT_ERR) return -1; oxy_int old = {o}->{n}; {o}->{n} = x; oxy_int_xdecref(old);"
                ),
                RType::Float => format!(
                    "double x = oxy_float_unbox(v); if (x == OXY_FLOAT_ERR && PyErr_Occurred()) return -1; {o}->{n} = oxy_float_field(x);"
                ),
                RType::Bool => format!("{o}->{n} = (v == Py_True);"),
                _ => format!(
                    "PyObject *old = {o}->{n}; {o}->{n} = Py_NewRef(v);{} Py_XDECREF(old);",
                    if tracked_from_birth(m, ci) {
                        ""
                    } else if may_hold_container(f) {
                        " oxy_native_track(self, v);"
                    } else if text_field(f) {
                        " oxy_native_track_text(self, v);"
                    } else {
                        ""
                    }
                ),
            };
            // A read of the field while it is unset (classes whose family has a
            // __getattr__ only): AttributeError, or what __getattr__ (a Python
            // subclass's too) answers, checked like a store. A new reference.
            let (fail, convert) = match f.ty {
                RType::Int => (
                    "OXY_INT_ERR",
                    "oxy_int x = oxy_int_from_long_obj(v); Py_DECREF(v);\n    return x;",
                ),
                RType::Float => (
                    "OXY_FLOAT_ERR",
                    "double x = oxy_float_unbox(v); Py_DECREF(v);\n    return x;",
                ),
                RType::Bool => ("2", "char x = (v == Py_True); Py_DECREF(v);\n    return x;"),
                _ => ("NULL", "return v;"),
            };
            // (A value adopted from the instance `__dict__`, see `adopts`: the field's,
            // owned or borrowed as the read wants it.)
            let adopted = |owned: bool| {
                if !adopts {
                    return String::new();
                }
                let value = match f.ty {
                    RType::Int if owned => {
                        format!("{{ oxy_int x = {o}->{n}; oxy_int_incref(x); return x; }}")
                    }
                    RType::Obj if owned => format!("return Py_NewRef({o}->{n});"),
                    _ => format!("return {o}->{n};"),
                };
                format!(
                    "\n    {{ int a = oxy_adopt_{ci}_{j}(self); if (a < 0) return {fail}; if (a > 0) {value} }}"
                )
            };
            if hooked[ci as usize] {
                let _ = writeln!(
                    out,
                    "{shared} {ct} oxy_missing_{ci}_{j}(PyObject *self) {{{adopted}\n    if (Py_TYPE(self)->tp_getattro == PyObject_GenericGetAttr) {{ oxy_raise_unset_attribute(self, {name}); return {fail}; }}\n    PyObject *v = PyObject_GetAttrString(self, {name});\n    if (v == NULL) return {fail};\n    if (!({check})) {{ oxy_raise_type({what}, {expected}, v); Py_DECREF(v); return {fail}; }}\n    {convert}\n}}",
                    ct = crate::c_type(f.ty),
                    adopted = adopted(true)
                );
            } else {
                // Otherwise: a plain class attribute that hides the field in the
                // instance's class (`oxy_class_attr`), checked like a store; the value
                // is borrowed (the class keeps it), as a borrowed read's would be.
                let convert = match f.ty {
                    RType::Int => {
                        "oxy_int x = oxy_int_from_long_obj(v);\n    if (OXY_INT_IS_SHORT(x) || x == OXY_INT_ERR) return x;\n    /* (An exact int stays in the class: borrowed. A subclass's copy would not.) */\n    oxy_int_decref(x);\n    if (PyLong_CheckExact(v)) return x;\n    oxy_raise_type(what, expected, v);\n    return OXY_INT_ERR;"
                    }
                    RType::Float => "return oxy_float_unbox(v);",
                    RType::Bool => "return (char)(v == Py_True);",
                    _ => "return v;",
                };
                let _ = writeln!(
                    out,
                    "{shared} {ct} oxy_unset_{ci}_{j}(PyObject *self) {{\n    static const char what[] = {what}, expected[] = {expected};{adopted}\n    PyObject *v = oxy_class_attr(self, {name});\n    if (v == NULL) return {fail};\n    if (!({check})) {{ oxy_raise_type(what, expected, v); return {fail}; }}\n    {convert}\n}}",
                    ct = crate::c_type(f.ty),
                    adopted = adopted(false)
                );
            }
            // Deleting an unset field: a slot's error (just the name) in a class with
            // `__slots__`, the instance attribute's otherwise.
            let del_unset = if c.slotted {
                format!("PyErr_SetString(PyExc_AttributeError, {name})")
            } else {
                format!("oxy_raise_unset_attribute(self, {name})")
            };
            // (With `adopts`: deleting also drops the field's name from the instance
            // `__dict__`, a value left there for it or a copy `__dict__` put there.)
            let (del_pending, del_copy) = if adopts {
                (
                    format!(
                        "int d = oxy_dict_field_del(self, {name}); if (d != 0) return d > 0 ? 0 : -1; "
                    ),
                    format!(" if (oxy_dict_field_del(self, {name}) < 0) return -1;"),
                )
            } else {
                (String::new(), String::new())
            };
            let _ = writeln!(
                out,
                "static int oxy_set_{ci}_{j}(PyObject *self, PyObject *v, void *closure) {{\n    (void)closure;\n    if (v == NULL) {{\n        if (!({})) {{ {del_pending}{del_unset}; return -1; }}\n        {clear}{del_copy}\n        return 0;\n    }}\n    if (!({check})) {{ oxy_raise_type({what}, {expected}, v); return -1; }}\n    {{ {store} }}\n    return 0;\n}}",
                is_set(&o, f, j)
            );
        }
        let _ = writeln!(out, "static PyGetSetDef oxy_getset_{ci}[] = {{");
        for (j, f) in c.fields.iter().enumerate() {
            let _ = writeln!(
                out,
                "    {{{}, oxy_get_{ci}_{j}, oxy_set_{ci}_{j}, NULL, NULL}},",
                c_string(f.name.as_bytes())
            );
        }
        // (Not in a class with `__slots__`: the runtime takes the entry to say
        // whether the class's fields are in `__dict__` in CPython or are slots.)
        if has_dict(m, ci) && !c.slotted {
            let _ = writeln!(
                out,
                "    {{\"__dict__\", oxy_native_dict_get, oxy_native_dict_set, OXY_DICT_DOC, NULL}},"
            );
        }
        let _ = writeln!(out, "    {{NULL, NULL, NULL, NULL, NULL}}}};");

        // Field initialisation (ints start "unset"), clearing, traversal.
        let _ = writeln!(out, "static void oxy_init_fields_{ci}(PyObject *self) {{");
        if let Some(b) = c.base {
            let _ = writeln!(out, "    oxy_init_fields_{b}(self);");
        }
        for (j, f) in c.fields.iter().enumerate() {
            let unset = match f.ty {
                RType::Int => "OXY_INT_ERR",
                RType::Float => "oxy_float_unset()",
                RType::Bool => "OXY_BOOL_UNSET",
                _ => continue,
            };
            let _ = writeln!(out, "    (({st} *)self)->{} = {unset};", field_name(f, j));
        }
        let _ = writeln!(out, "    (void)self;\n}}");
        let _ = writeln!(out, "static int oxy_clear_{ci}(PyObject *self) {{");
        for (j, f) in c.fields.iter().enumerate() {
            if f.ty == RType::Obj {
                let _ = writeln!(out, "    Py_CLEAR((({st} *)self)->{});", field_name(f, j));
            }
        }
        if let Some(b) = c.base {
            let _ = writeln!(out, "    oxy_clear_{b}(self);");
        } else if c.weakrefs {
            let _ = writeln!(out, "    Py_CLEAR((({st} *)self)->oxy_dict);");
        }
        let _ = writeln!(out, "    return 0;\n}}");
        let _ = writeln!(out, "static void oxy_release_ints_{ci}(PyObject *self) {{");
        for (j, f) in c.fields.iter().enumerate() {
            if f.ty == RType::Int {
                let _ = writeln!(
                    out,
                    "    oxy_int_xdecref((({st} *)self)->{});",
                    field_name(f, j)
                );
            }
        }
        if let Some(b) = c.base {
            let _ = writeln!(out, "    oxy_release_ints_{b}(self);");
        }
        let _ = writeln!(out, "    (void)self;\n}}");
        let _ = writeln!(
            out,
            "static int oxy_traverse_fields_{ci}(PyObject *self, visitproc visit, void *arg) {{"
        );
        for (j, f) in c.fields.iter().enumerate() {
            if f.ty == RType::Obj {
                let _ = writeln!(out, "    Py_VISIT((({st} *)self)->{});", field_name(f, j));
            }
        }
        match c.base {
            Some(b) => {
                let _ = writeln!(
                    out,
                    "    return oxy_traverse_fields_{b}(self, visit, arg);\n}}"
                );
            }
            None => {
                if c.weakrefs {
                    let _ = writeln!(out, "    Py_VISIT((({st} *)self)->oxy_dict);");
                }
                let _ = writeln!(
                    out,
                    "    (void)self; (void)visit; (void)arg;\n    return 0;\n}}"
                );
            }
        }
        let _ = writeln!(
            out,
            "static int oxy_traverse_{ci}(PyObject *self, visitproc visit, void *arg) {{\n    /* (The native class itself is never garbage: the module holds it. A Python\n       subclass can be, and its instances' traversal must visit it.) */\n    if (Py_TYPE(self) != oxy_type_{ci}) Py_VISIT(Py_TYPE(self));\n    return oxy_traverse_fields_{ci}(self, visit, arg);\n}}"
        );
        let root = root_of(m, ci);
        let gc = needs_gc(m, ci);
        let _ = writeln!(
            out,
            "/* Freed instances of exactly this class, kept for reuse (see OXY_FREELIST_BYTES):
   a list linked through their type slots. */
static PyObject *oxy_free_{ci};
static Py_ssize_t oxy_nfree_{ci};"
        );
        let _ = writeln!(
            out,
            "static void oxy_dealloc_{ci}(PyObject *self);
/* Release the fields and the memory (or keep it for reuse). */
static inline void oxy_dealloc_body_{ci}(PyObject *self, PyTypeObject *tp) {{
    {clear_weakrefs}oxy_clear_{ci}(self);
    oxy_release_ints_{ci}(self);
    if (OXY_HAVE_FREELIST && tp == oxy_type_{ci} && tp->tp_finalize == NULL &&
        oxy_nfree_{ci} < OXY_FREELIST_BYTES / (Py_ssize_t)sizeof({st}) && !*oxy_gc_collecting) {{
        Py_SET_TYPE(self, (PyTypeObject *)oxy_free_{ci});
        oxy_free_{ci} = self;
        oxy_nfree_{ci}++;
    }} else
        tp->tp_free(self);
    Py_DECREF(tp);
}}",
            clear_weakrefs = if m.classes[root as usize].weakrefs {
                format!(
                    "if ((({rs} *)self)->oxy_weakrefs != NULL) PyObject_ClearWeakRefs(self);\n    ",
                    rs = struct_name(root)
                )
            } else {
                String::new()
            },
        );
        if gc {
            // Deallocating a long chain recurses through the fields (and through
            // __del__ methods that drop the next object): up to a small depth plainly
            // (counted here, no calls), deeper through the interpreter's trashcan,
            // which defers the rest. __del__ runs inside that guard, on a tracked
            // object, as in CPython's subtype_dealloc.
            let _ = writeln!(
                out,
                "/* __del__ (resurrection stops the deallocation), then the release. */
static inline void oxy_dealloc_run_{ci}(PyObject *self, PyTypeObject *tp) {{
    if (tp->tp_finalize != NULL && tp->tp_dealloc == oxy_dealloc_{ci}) {{
        PyObject_GC_Track(self);
        if (PyObject_CallFinalizerFromDealloc(self) < 0) return;
        PyObject_GC_UnTrack(self);
    }}
    oxy_dealloc_body_{ci}(self, tp);
}}
static void oxy_dealloc_{ci}(PyObject *self) {{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    if (OXY_LIKELY(oxy_dealloc_nesting < 40)) {{
        oxy_dealloc_nesting++;
        oxy_dealloc_run_{ci}(self, tp);
        oxy_dealloc_nesting--;
        return;
    }}
    Py_TRASHCAN_BEGIN(self, oxy_dealloc_{ci})
    oxy_dealloc_run_{ci}(self, tp);
    Py_TRASHCAN_END
}}"
            );
        } else {
            // No object fields: no cycles, no deep chains of deallocations.
            let _ = writeln!(
                out,
                "static void oxy_dealloc_{ci}(PyObject *self) {{
    PyTypeObject *tp = Py_TYPE(self);
    /* __del__ (resurrection stops the deallocation). */
    if (tp->tp_finalize != NULL && tp->tp_dealloc == oxy_dealloc_{ci} &&
        PyObject_CallFinalizerFromDealloc(self) < 0)
        return;
    oxy_dealloc_body_{ci}(self, tp);
}}"
            );
        }
        // A class that adds no fields to its native base's takes the base's __new__,
        // as a Python subclass does: then `super().__new__(cls)` in it passes the
        // interpreter's check that `Base.__new__(Child)` is safe, which compares the
        // two classes' __new__.
        let has_new = chain_has_fields(m, ci) && !(c.fields.is_empty() && c.base.is_some());
        if has_new {
            let _ = writeln!(
            out,
            "static PyObject *oxy_new_{ci}(PyTypeObject *type, PyObject *args, PyObject *kwds) {{
    if (OXY_UNLIKELY(oxy_native_new_check(type, args, kwds) < 0)) return NULL;
    PyObject *self = type->tp_alloc(type, 0);
    if (self == NULL) return NULL;
    oxy_init_fields_{ci}(self);
    {untrack_new}
    return self;
}}",
            untrack_new = if gc && !tracked_from_birth(m, ci) {
                "/* No field holds anything yet: untracked until one does (a Python\n       subclass has a __dict__ and stays tracked). */\n    if (type == oxy_type_CI) PyObject_GC_UnTrack(self);".replace("CI", &ci.to_string())
            } else {
                String::new()
            }
        );
        }
        let _ = writeln!(
            out,
            "/* `{name}(...)` from compiled code: the instance, before __init__. */
{shared} PyObject *oxy_alloc_{ci}(void) {{
    if (OXY_UNLIKELY(oxy_type_{ci} == NULL)) {{
        PyErr_SetString(PyExc_NameError, \"name '{name}' is not defined\");
        return NULL;
    }}
    /* An abstract class (ABCMeta) cannot be instantiated: object.__new__'s error. */
    if (OXY_UNLIKELY(oxy_type_{ci}->tp_flags & Py_TPFLAGS_IS_ABSTRACT) &&
        oxy_native_new_check(oxy_type_{ci}, NULL, NULL) < 0)
        return NULL;
    /* Zeroed and not tracked by the GC until a field holds a container
       (see oxy_native_track), unless one always does once set. */
    PyObject *self;
    if (OXY_HAVE_FREELIST && oxy_free_{ci} != NULL) {{
        self = oxy_free_{ci};
        oxy_free_{ci} = (PyObject *)Py_TYPE(self);
        oxy_nfree_{ci}--;
        oxy_freelist_reuse(self, oxy_type_{ci}, {gc});
    }} else {{
        self = {alloc}(oxy_type_{ci});
        if (self == NULL) return NULL;
    }}
    memset((char *)self + sizeof(PyObject), 0, sizeof({st}) - sizeof(PyObject));
    oxy_init_fields_{ci}(self);{track}
    return self;
}}",
            track = if gc && tracked_from_birth(m, ci) {
                "\n    /* A field always holds a container once set: tracked now. */\n    PyObject_GC_Track(self);"
            } else {
                ""
            },
            name = c.name,
            gc = i32::from(gc),
            alloc = if gc {
                "_PyObject_GC_New"
            } else {
                "_PyObject_New"
            }
        );
        let _ = writeln!(out, "static PyType_Slot oxy_slots_{ci}[] = {{");
        // A class without fields (nor native bases with any) takes object.__new__
        // as the interpreter's would: nothing to initialise, and then it mixes with
        // bases that have their own __new__ (a str subclass, a slotted class), whose
        // calls object.__new__ lets through and a __new__ of its own would refuse
        // ("Mixin.__new__(C) is not safe").
        if has_new {
            let _ = writeln!(out, "    {{Py_tp_new, (void *)oxy_new_{ci}}},");
        }
        let _ = writeln!(out, "    {{Py_tp_dealloc, (void *)oxy_dealloc_{ci}}},");
        // (A class that is not a GC type still visits and clears its instance
        // `__dict__` for a Python subclass's instances, which are GC objects.)
        if gc || has_dict(m, ci) {
            let _ = writeln!(out, "    {{Py_tp_traverse, (void *)oxy_traverse_{ci}}},");
            let _ = writeln!(out, "    {{Py_tp_clear, (void *)oxy_clear_{ci}}},");
        }
        let _ = writeln!(out, "    {{Py_tp_getset, (void *)oxy_getset_{ci}}},");
        if c.base.is_none() {
            let _ = writeln!(out, "    {{Py_tp_members, (void *)oxy_members_{ci}}},");
            let _ = writeln!(out, "    {{Py_tp_methods, (void *)oxy_native_methods}},");
        }
        let _ = writeln!(out, "    {{0, NULL}}}};");
        if c.base.is_none() {
            // Declared after the slots refer to it: C needs it first.
            let weaklist = if c.weakrefs {
                format!(
                    "    {{\"__weaklistoffset__\", T_PYSSIZET, offsetof({st}, oxy_weakrefs), READONLY, NULL}},\n"
                )
            } else {
                String::new()
            };
            let dict = if c.weakrefs {
                format!(
                    "    {{\"__dictoffset__\", T_PYSSIZET, offsetof({st}, oxy_dict), READONLY, NULL}},\n"
                )
            } else {
                String::new()
            };
            let members = format!(
                "static PyMemberDef oxy_members_{ci}[] = {{\n{weaklist}{dict}    {{NULL, 0, 0, 0, NULL}}}};\n"
            );
            let at = out
                .rfind(&format!("static PyType_Slot oxy_slots_{ci}[]"))
                .unwrap_or(out.len());
            out.insert_str(at, &members);
        }
        let _ = writeln!(
            out,
            "static PyType_Spec oxy_spec_{ci} = {{{}, sizeof({st}), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE{}, oxy_slots_{ci}}};",
            // No module prefix: tp_name (used in the interpreter's messages) is then
            // the bare class name, as for a class created by `type`; __module__ comes
            // from the class namespace.
            c_string(c.name.as_bytes()),
            if gc { " | Py_TPFLAGS_HAVE_GC" } else { "" }
        );
        // What the other modules of the build see: the layout hash and the method
        // table, in a capsule in the class's own dict.
        let install = match &c.export {
            Some(x) => {
                let table: Vec<String> = x
                    .methods
                    .iter()
                    .map(|f| format!("(oxy_native_fn){}", crate::native_name(m, *f)))
                    .collect();
                let _ = writeln!(
                    out,
                    "static const oxy_native_fn oxy_xmeth_{ci}[] = {{{}}};",
                    if table.is_empty() {
                        "NULL".to_string()
                    } else {
                        table.join(", ")
                    }
                );
                let _ = writeln!(
                    out,
                    "static const oxy_xclass_desc oxy_xdesc_{ci} = {{1, 0x{:016x}ULL, &oxy_type_{ci}, oxy_xmeth_{ci}, oxy_alloc_{ci}}};",
                    x.layout
                );
                format!(
                    "\n    if (oxy_xclass_install((PyTypeObject *)t, &oxy_xdesc_{ci}) < 0) {{ Py_DECREF(t); return NULL; }}"
                )
            }
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{shared} PyObject *oxy_make_native_class_{ci}(PyObject *builder, PyObject **cell) {{
    PyObject *t = oxy_native_class_create(oxy_module, &oxy_spec_{ci}, builder, {hide}, cell);
    if (t == NULL) return NULL;{install}
    Py_XSETREF(oxy_type_{ci}, (PyTypeObject *)Py_NewRef(t));
    return t;
}}",
            hide = i32::from(c.dataclass)
        );
    }
    out
}

/// Does the field make its class need the GC: can it hold an object that may be part
/// of a reference cycle? (None cannot. A str or bytes can only when it is an instance
/// of a subclass with a `__dict__`: such a field alone does not make the class a GC
/// type, which would make each instance 16 bytes larger; see `text_field`.)
fn may_hold_container(f: &Field) -> bool {
    f.ty == RType::Obj && !matches!(f.check.as_deref(), Some("str" | "bytes" | "None"))
}

/// A str or bytes field. Where its class is a GC type (another field needs it), a
/// store of an instance of a subclass that the GC tracks tracks the owner
/// (`oxy_native_track_text`) and the traversal visits the field, so that a cycle
/// through the subclass instance's `__dict__` is collected. In a class that is not a
/// GC type such a cycle is not (docs/differences.md).
fn text_field(f: &Field) -> bool {
    f.ty == RType::Obj && matches!(f.check.as_deref(), Some("str" | "bytes"))
}

/// Is every instance of class `ci` (or of a subclass) tracked by the GC from its
/// allocation on? Instances start untracked and a store of a container into a field
/// tracks them (`oxy_native_track`), so that objects whose fields hold no containers
/// (None, str, leaves of a tree) cost the collector nothing. A class with a field
/// whose declared type is a container whenever it is set (a list, dict or set, or a
/// native class that is a GC type) would be tracked by its `__init__` anyway: it is
/// tracked at once, and stores into its fields need no test. (Tracking an object
/// early is always correct; CPython tracks every instance of an ordinary class.)
/// Does native class `ci` or one of its native bases declare a field?
fn chain_has_fields(m: &Module, ci: u32) -> bool {
    let mut c = Some(ci);
    while let Some(k) = c {
        let layout = &m.classes[k as usize];
        if !layout.fields.is_empty() {
            return true;
        }
        c = layout.base;
    }
    false
}

pub fn tracked_from_birth(m: &Module, ci: u32) -> bool {
    let mut c = Some(ci);
    while let Some(k) = c {
        let layout = &m.classes[k as usize];
        if layout
            .fields
            .iter()
            .any(|f| f.ty == RType::Obj && always_container(m, f.check.as_deref()))
        {
            return needs_gc(m, ci);
        }
        c = layout.base;
    }
    // (An instance `__dict__` that `setattr` makes does not get an untracked instance
    // tracked: the interpreter makes it without asking the class, and a setattro of
    // our own would make `object.__setattr__` refuse the class. Tracking every
    // instance from the start instead cost 9% on binary_trees. See differences.md.
    // A family without fields, whose instances can only be bags of attributes, is
    // tracked from the start: `attribute_bags`.)
    attribute_bags(m, ci)
}

/// Is class `ci` of a family (its root and every class derived from it) where no
/// class declares a field, but instances have a `__dict__`? Those are attribute bags
/// (`class Model: pass`, given triggers by a state-machine library that refer back
/// to the instance): a GC type, tracked from the start, so that cycles through the
/// `__dict__` are collected.
fn attribute_bags(m: &Module, ci: u32) -> bool {
    let root = root_of(m, ci);
    has_dict(m, ci)
        && (0..m.classes.len() as u32)
            .filter(|&k| root_of(m, k) == root)
            .all(|k| m.classes[k as usize].fields.is_empty())
}

/// Is a value that passes check `t` (a field's declared type) always an object the
/// GC tracks?
fn always_container(m: &Module, t: Option<&str>) -> bool {
    let Some(t) = t else { return false };
    let head = t.split('[').next().unwrap_or(t);
    if matches!(head, "list" | "dict" | "set") {
        return true;
    }
    let mut named = m.classes.iter().enumerate().filter(|(_, c)| c.name == t);
    match (named.next(), named.next()) {
        (Some((k, _)), None) => needs_gc(m, k as u32),
        _ => false,
    }
}

/// Does class `ci` (with its inherited fields) hold objects, so that it can be part
/// of a reference cycle and needs the GC?
fn needs_gc(m: &Module, ci: u32) -> bool {
    let mut c = Some(ci);
    while let Some(k) = c {
        let layout = &m.classes[k as usize];
        if layout.finalizer || layout.python_base || layout.fields.iter().any(may_hold_container) {
            return true;
        }
        c = layout.base;
    }
    attribute_bags(m, ci)
}

/// Class `ci` and the native classes derived from it.
pub fn family(m: &Module, ci: u32) -> Vec<u32> {
    let mut out = vec![ci];
    for k in 0..m.classes.len() as u32 {
        let mut c = m.classes[k as usize].base;
        while let Some(b) = c {
            if b == ci {
                out.push(k);
                break;
            }
            c = m.classes[b as usize].base;
        }
    }
    out
}

/// [`family`] with the classes no native class derives from first: those are the
/// ones usually instantiated (a base with subclasses is often abstract), so an
/// exact-type compare chain finds the common types sooner.
pub fn family_leaves_first(m: &Module, ci: u32) -> Vec<u32> {
    let all = family(m, ci);
    let is_base = |k: u32| m.classes.iter().any(|c| c.base == Some(k));
    let (leaves, bases): (Vec<u32>, Vec<u32>) = all.into_iter().partition(|k| !is_base(*k));
    leaves.into_iter().chain(bases).collect()
}

/// Do the instances of native class `ci` have a `__dict__` (for attributes the class
/// does not declare)? Those of every class without `__slots__` in its native
/// family's root: the slot is in the root's struct, next to the weak references.
pub fn has_dict(m: &Module, ci: u32) -> bool {
    m.classes[root_of(m, ci) as usize].weakrefs
}

/// The root struct of native class `ci`'s family, for `has_dict` classes: the C
/// expression of the instance `__dict__` slot of `obj`.
pub fn dict_slot(m: &Module, ci: u32, obj: &str) -> String {
    format!("(({} *){obj})->oxy_dict", struct_name(root_of(m, ci)))
}

/// [`dict_slot`] for class `k` of another module (`Module::xclasses`): None when its
/// instances have no `__dict__`.
pub fn xdict_slot(m: &Module, k: u32, obj: &str) -> Option<String> {
    let mut root = k;
    while let Some(b) = m.xclasses[root as usize].base {
        root = b;
    }
    m.xclasses[root as usize]
        .weakrefs
        .then(|| format!("(({} *){obj})->oxy_dict", xstruct_name(root)))
}

fn root_of(m: &Module, mut ci: u32) -> u32 {
    while let Some(b) = m.classes[ci as usize].base {
        ci = b;
    }
    ci
}
