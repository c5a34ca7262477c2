/*
 * rt_testmod.c -- a CPython extension module exposing the oxyc runtime
 * (runtime/oxyc_rt.h) to Python, so that tests/runtime/test_runtime.py can
 * check it differentially against CPython itself.
 */
#include "oxyc_rt.h"

#include <string.h>

/* ---- helpers ----------------------------------------------------------- */

/* Python int -> owned oxy_int (the argument is checked to be an int). */
static int to_tagged(PyObject *o, oxy_int *out) {
    if (!PyLong_Check(o)) {
        PyErr_Format(PyExc_TypeError, "rt_testmod: expected int, got %.100s", Py_TYPE(o)->tp_name);
        return -1;
    }
    *out = oxy_int_from_long_obj(o);
    return *out == OXY_INT_ERR ? -1 : 0;
}

/* Is the oxy_int canonical (short iff in the short range)? */
static int is_canonical(oxy_int x) {
    if (OXY_INT_IS_SHORT(x)) return 1;
    PyObject *o = OXY_INT_AS_OBJ(x);
    if (!PyLong_CheckExact(o)) return 0;
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow) return 1;
    return !OXY_INT_FITS_SHORT(v);
}

/* Consume an owned oxy_int result: (boxed value, is_short) or NULL. */
static PyObject *int_result(oxy_int r) {
    if (r == OXY_INT_ERR) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "rt_testmod: OXY_INT_ERR without exception");
        return NULL;
    }
    if (PyErr_Occurred()) {
        oxy_int_decref(r);
        PyErr_SetString(PyExc_SystemError, "rt_testmod: result with an exception set");
        return NULL;
    }
    if (!is_canonical(r)) {
        oxy_int_decref(r);
        PyErr_SetString(PyExc_SystemError, "rt_testmod: non-canonical oxy_int result");
        return NULL;
    }
    PyObject *b = oxy_int_box(r);
    int is_short = OXY_INT_IS_SHORT(r);
    oxy_int_decref(r);
    if (b == NULL) return NULL;
    return Py_BuildValue("(Ni)", b, is_short);
}

static PyObject *float_result(double d) {
    if (d == OXY_FLOAT_ERR && PyErr_Occurred()) return NULL;
    if (PyErr_Occurred()) {
        PyErr_SetString(PyExc_SystemError, "rt_testmod: float result with an exception set");
        return NULL;
    }
    return oxy_float_box(d);
}

static PyObject *bool_result(char c) {
    if (PyErr_Occurred()) {
        PyErr_SetString(PyExc_SystemError, "rt_testmod: comparison set an exception");
        return NULL;
    }
    if (c != 0 && c != 1) {
        PyErr_SetString(PyExc_SystemError, "rt_testmod: comparison returned neither 0 nor 1");
        return NULL;
    }
    return oxy_bool_box(c);
}

/* ---- int_op(name, a[, b]) ---------------------------------------------- */

static PyObject *t_int_op(PyObject *self, PyObject *args) {
    (void)self;
    const char *name;
    PyObject *ao, *bo = NULL;
    if (!PyArg_ParseTuple(args, "sO|O", &name, &ao, &bo)) return NULL;
    oxy_int a, b = 0;
    if (to_tagged(ao, &a) < 0) return NULL;
    if (bo != NULL && to_tagged(bo, &b) < 0) {
        oxy_int_decref(a);
        return NULL;
    }
    PyObject *res = NULL;
#define BIN(nm, fn) else if (strcmp(name, nm) == 0) res = int_result(fn(a, b));
#define UN(nm, fn) else if (strcmp(name, nm) == 0) res = int_result(fn(a));
#define CMP(nm, fn) else if (strcmp(name, nm) == 0) res = bool_result(fn(a, b));
    if (0) {}
    BIN("add", oxy_int_add) BIN("sub", oxy_int_sub) BIN("mul", oxy_int_mul)
    BIN("floordiv", oxy_int_floordiv) BIN("mod", oxy_int_mod) BIN("lshift", oxy_int_lshift)
    BIN("rshift", oxy_int_rshift) BIN("and", oxy_int_and) BIN("or", oxy_int_or)
    BIN("xor", oxy_int_xor) BIN("pow", oxy_int_pow)
    UN("neg", oxy_int_neg) UN("invert", oxy_int_invert) UN("abs", oxy_int_abs)
    UN("bit_length", oxy_int_bit_length)
    CMP("eq", oxy_int_eq) CMP("ne", oxy_int_ne) CMP("lt", oxy_int_lt) CMP("le", oxy_int_le)
    CMP("gt", oxy_int_gt) CMP("ge", oxy_int_ge)
    else if (strcmp(name, "truediv") == 0) res = float_result(oxy_int_truediv(a, b));
    else if (strcmp(name, "to_double") == 0) res = float_result(oxy_int_to_double(a));
    else if (strcmp(name, "divmod") == 0) res = oxy_int_divmod(a, b);
    else if (strcmp(name, "as_ssize") == 0) {
        Py_ssize_t v = oxy_int_as_ssize(a);
        if (!(v == -1 && PyErr_Occurred())) res = PyLong_FromSsize_t(v);
    } else if (strcmp(name, "to_str") == 0) {
        res = oxy_int_to_str(a);
    } else if (strcmp(name, "roundtrip") == 0) {
        oxy_int_incref(a);
        res = int_result(a);
    } else
        PyErr_Format(PyExc_ValueError, "unknown int op %s", name);
#undef BIN
#undef UN
#undef CMP
    oxy_int_decref(a);
    oxy_int_decref(b);
    return res;
}

/* int_from_i64(v): oxy_int_from_i64 on a C int64 */
static PyObject *t_int_from_i64(PyObject *self, PyObject *arg) {
    (void)self;
    long long v = PyLong_AsLongLong(arg);
    if (v == -1 && PyErr_Occurred()) return NULL;
    return int_result(oxy_int_from_i64((int64_t)v));
}

static PyObject *t_int_from_decimal(PyObject *self, PyObject *arg) {
    (void)self;
    const char *s = PyUnicode_AsUTF8(arg);
    if (s == NULL) return NULL;
    return int_result(oxy_int_from_decimal(s));
}

/* from_long_obj_steal(NULL) must give OXY_INT_ERR */
static PyObject *t_steal_null(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyBool_FromLong(oxy_int_from_long_obj_steal(NULL) == OXY_INT_ERR);
}

/* ---- float_op(name, a[, b]) -------------------------------------------- */

static PyObject *t_float_op(PyObject *self, PyObject *args) {
    (void)self;
    const char *name;
    double a, b = 0.0;
    if (!PyArg_ParseTuple(args, "sd|d", &name, &a, &b)) return NULL;
    if (strcmp(name, "div") == 0) return float_result(oxy_float_div(a, b));
    if (strcmp(name, "floordiv") == 0) return float_result(oxy_float_floordiv(a, b));
    if (strcmp(name, "mod") == 0) return float_result(oxy_float_mod(a, b));
    if (strcmp(name, "pow") == 0) return float_result(oxy_float_pow(a, b));
    if (strcmp(name, "divmod") == 0) return oxy_float_divmod(a, b);
    if (strcmp(name, "int") == 0) return int_result(oxy_int_from_double(a));
    if (strcmp(name, "round") == 0) return int_result(oxy_float_round(a));
    if (strcmp(name, "to_str") == 0) return oxy_float_to_str(a);
    PyErr_Format(PyExc_ValueError, "unknown float op %s", name);
    return NULL;
}

static PyObject *t_float_unbox(PyObject *self, PyObject *o) {
    (void)self;
    return float_result(oxy_float_unbox(o));
}

/* ---- argument parsing -------------------------------------------------- */

#define MAXP 8
static char sig_fname[64];
static char sig_names[MAXP][32];
static const char *sig_name_ptrs[MAXP];
static PyObject *sig_interned[MAXP];
static Py_ssize_t sig_nparams, sig_nrequired;

/* set_sig(fname, names_tuple, nrequired) */
static PyObject *t_set_sig(PyObject *self, PyObject *args) {
    (void)self;
    const char *fname;
    PyObject *names;
    Py_ssize_t nreq;
    if (!PyArg_ParseTuple(args, "sO!n", &fname, &PyTuple_Type, &names, &nreq)) return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(names);
    if (n > MAXP || strlen(fname) >= sizeof sig_fname || nreq < 0 || nreq > n) {
        PyErr_SetString(PyExc_ValueError, "bad signature");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        const char *s = PyUnicode_AsUTF8(PyTuple_GET_ITEM(names, i));
        if (s == NULL) return NULL;
        if (strlen(s) >= sizeof sig_names[i]) {
            PyErr_SetString(PyExc_ValueError, "name too long");
            return NULL;
        }
        strcpy(sig_names[i], s);
        sig_name_ptrs[i] = sig_names[i];
    }
    strcpy(sig_fname, fname);
    /* (The names changed: forget their interned strings.) */
    for (Py_ssize_t i = 0; i < MAXP; i++) Py_CLEAR(sig_interned[i]);
    sig_nparams = n;
    sig_nrequired = nreq;
    Py_RETURN_NONE;
}

static PyObject *missing_sentinel;

/* parse(*args, **kwargs) -> tuple of the bound values (sentinel if omitted) */
static PyObject *t_parse(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames) {
    (void)self;
    PyObject *out[MAXP];
    if (oxy_parse_args(args, nargs, kwnames, sig_fname, sig_name_ptrs, sig_interned, sig_nparams,
                       sig_nrequired, out) < 0)
        return NULL;
    PyObject *t = PyTuple_New(sig_nparams);
    if (t == NULL) return NULL;
    for (Py_ssize_t i = 0; i < sig_nparams; i++) {
        PyObject *v = out[i] ? out[i] : missing_sentinel;
        Py_INCREF(v);
        PyTuple_SET_ITEM(t, i, v);
    }
    return t;
}

/* vcall(func, args_tuple, kwnames_tuple_or_None, kwvalues_tuple): a raw
   vectorcall, allowing non-str keyword names */
static PyObject *t_vcall(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *func, *pos, *kwn, *kwv;
    if (!PyArg_ParseTuple(args, "OO!OO!", &func, &PyTuple_Type, &pos, &kwn, &PyTuple_Type, &kwv))
        return NULL;
    Py_ssize_t np = PyTuple_GET_SIZE(pos), nk = PyTuple_GET_SIZE(kwv);
    if (kwn == Py_None) kwn = NULL;
    if ((kwn ? PyTuple_GET_SIZE(kwn) : 0) != nk || np + nk > 32) {
        PyErr_SetString(PyExc_ValueError, "bad vcall");
        return NULL;
    }
    PyObject *stack[32];
    for (Py_ssize_t i = 0; i < np; i++) stack[i] = PyTuple_GET_ITEM(pos, i);
    for (Py_ssize_t i = 0; i < nk; i++) stack[np + i] = PyTuple_GET_ITEM(kwv, i);
    return PyObject_Vectorcall(func, stack, (size_t)np, kwn);
}

/* ---- recursion --------------------------------------------------------- */

/* A compiled-style recursive function: returns depth reached or -1. */
static long rec(long n) {
    if (oxy_enter_call() < 0) return -1;
    long r = n <= 0 ? 0 : rec(n - 1);
    if (r >= 0) r += 1;
    oxy_leave_call();
    return r;
}

static PyObject *t_recurse(PyObject *self, PyObject *arg) {
    (void)self;
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    long r = rec(n);
    if (r < 0) return NULL;
    return PyLong_FromLong(r);
}

/* recurse_py(f, n): compiled frame that calls the Python callable f(n) */
static PyObject *t_recurse_py(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *f, *n;
    if (!PyArg_ParseTuple(args, "OO", &f, &n)) return NULL;
    if (oxy_enter_call() < 0) return NULL;
    PyObject *r = PyObject_CallOneArg(f, n);
    oxy_leave_call();
    return r;
}

static PyObject *t_call_depth(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyLong_FromLong(oxy_rt_call_depth);
}

/* ---- tracebacks and exceptions ----------------------------------------- */

/* tb_chain(exc, globals, [(func, file, line), ...]): raise exc and add a
   traceback entry per tuple, innermost first (as frames unwind). */
static PyObject *t_tb_chain(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *exc, *globals, *entries;
    if (!PyArg_ParseTuple(args, "OOO!", &exc, &globals, &PyList_Type, &entries)) return NULL;
    if (globals == Py_None) globals = NULL;
    oxy_raise(exc, NULL);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(entries); i++) {
        const char *func, *file;
        int line;
        PyObject *t = PyList_GET_ITEM(entries, i), *et, *ev, *etb;
        PyErr_Fetch(&et, &ev, &etb);
        int ok = PyArg_ParseTuple(t, "ssi", &func, &file, &line);
        PyErr_Restore(et, ev, etb);
        if (!ok) return NULL;
        oxy_add_traceback(globals, func, file, line);
    }
    return NULL;
}

/* add_tb_noexc(): oxy_add_traceback without a pending exception is a no-op */
static PyObject *t_add_tb_noexc(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    oxy_add_traceback(NULL, "f", "x.py", 1);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

/* fetch_call(f): call f(); if it raised, fetch and return the exception
   (error indicator must then be clear); else return ("ok", result) */
static PyObject *t_fetch_call(PyObject *self, PyObject *f) {
    (void)self;
    PyObject *r = PyObject_CallNoArgs(f);
    if (r != NULL) return Py_BuildValue("(sN)", "ok", r);
    PyObject *exc = oxy_fetch_exc();
    if (PyErr_Occurred()) {
        Py_XDECREF(exc);
        PyErr_SetString(PyExc_SystemError, "oxy_fetch_exc left an exception set");
        return NULL;
    }
    return exc;
}

static PyObject *t_restore(PyObject *self, PyObject *exc) {
    (void)self;
    oxy_restore_exc(exc);
    return NULL;
}

static PyObject *t_exc_matches(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *exc, *type;
    if (!PyArg_ParseTuple(args, "OO", &exc, &type)) return NULL;
    int r = oxy_exc_matches(exc, type);
    if (r < 0) return NULL;
    return PyBool_FromLong(r);
}

/* raise_(exc[, cause]); pass the string "NULL" as cause for no `from` */
static PyObject *t_raise(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *exc, *cause = NULL;
    if (!PyArg_ParseTuple(args, "O|O", &exc, &cause)) return NULL;
    if (oxy_raise(exc, cause) != -1 || !PyErr_Occurred()) {
        PyErr_SetString(PyExc_SystemError, "oxy_raise did not raise");
    }
    return NULL;
}

static PyObject *t_reraise(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    if (oxy_reraise() != -1 || !PyErr_Occurred())
        PyErr_SetString(PyExc_SystemError, "oxy_reraise did not raise");
    return NULL;
}

static PyObject *t_get_handled(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return oxy_get_handled_exc();
}

static PyObject *t_set_handled(PyObject *self, PyObject *exc) {
    (void)self;
    oxy_set_handled_exc(exc);
    Py_RETURN_NONE;
}

/* with_handled(exc, f): like an except block: swap exc in, call f(),
   restore; returns f()'s result */
static PyObject *t_with_handled(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *exc, *f;
    if (!PyArg_ParseTuple(args, "OO", &exc, &f)) return NULL;
    PyObject *saved = oxy_swap_handled_exc(exc);
    PyObject *r = PyObject_CallNoArgs(f);
    oxy_set_handled_exc(saved);
    Py_DECREF(saved);
    return r;
}

/* with_(mgr, body): a `with mgr as v: body(v)` statement the way compiled code
   runs it.  ("ok", body's result), ("suppressed", None), or the exception. */
static PyObject *t_with(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *mgr, *body;
    if (!PyArg_ParseTuple(args, "OO", &mgr, &body)) return NULL;
    PyObject *enter = oxy_with_lookup_enter(mgr);
    if (enter == NULL) return NULL;
    PyObject *exit = oxy_with_lookup_exit(mgr);
    if (exit == NULL) {
        Py_DECREF(enter);
        return NULL;
    }
    PyObject *value = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    if (value == NULL) {
        Py_DECREF(exit);
        return NULL;
    }
    PyObject *r = PyObject_CallOneArg(body, value);
    Py_DECREF(value);
    if (r != NULL) {
        int failed = oxy_with_exit_none(exit) < 0;
        Py_DECREF(exit);
        if (failed) {
            Py_DECREF(r);
            return NULL;
        }
        return Py_BuildValue("(sN)", "ok", r);
    }
    PyObject *exc = oxy_fetch_exc();
    PyObject *prev = oxy_get_handled_exc();
    oxy_set_handled_exc(exc);
    int suppress = oxy_with_exit_exc(exit, exc);
    oxy_set_handled_exc(prev);
    Py_DECREF(prev);
    Py_DECREF(exit);
    if (suppress == 0) oxy_restore_exc(exc);
    Py_DECREF(exc);
    if (suppress <= 0) return NULL;
    return Py_BuildValue("(sO)", "suppressed", Py_None);
}

/* try_star(exc, clauses): `try: raise exc` followed by one `except* T as m:
   action(m)` per (T, action) in the list clauses (a str action: a bare `raise`),
   the way compiled code runs it (exc is raised first, so that it carries a
   traceback).  None, or the exception the statement ends with. */
static PyObject *t_try_star(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *raised, *clauses;
    if (!PyArg_ParseTuple(args, "OO!", &raised, &PyList_Type, &clauses)) return NULL;
    if (oxy_raise(raised, NULL) != -1) return NULL;
    oxy_add_traceback(NULL, "try_star", "rt_testmod.c", 1);
    PyObject *orig = oxy_fetch_exc();
    PyObject *prev = oxy_swap_handled_exc(orig);
    PyObject *result = NULL;
    PyObject *state = oxy_star_begin(orig);
    if (state == NULL) goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(clauses); i++) {
        PyObject *clause = PyList_GET_ITEM(clauses, i);
        if (!PyTuple_Check(clause) || PyTuple_GET_SIZE(clause) != 2) {
            PyErr_SetString(PyExc_TypeError, "rt_testmod: clauses are (type, action) pairs");
            goto done;
        }
        PyObject *part = oxy_star_match(state, PyTuple_GET_ITEM(clause, 0));
        if (part == NULL) goto done;
        if (part != Py_None) {
            oxy_set_handled_exc(part);
            PyObject *action = PyTuple_GET_ITEM(clause, 1), *r;
            if (PyUnicode_Check(action)) {
                /* a bare `raise` in the clause: no traceback entry */
                oxy_restore_exc(part);
                r = NULL;
            } else {
                r = PyObject_CallOneArg(action, part);
                /* (the failed call is a line of this frame, as in compiled code) */
                if (r == NULL) oxy_add_traceback(NULL, "try_star", "rt_testmod.c", 2);
            }
            if (r == NULL) {
                PyObject *e = oxy_fetch_exc();
                int failed = oxy_star_raised(state, e);
                Py_DECREF(e);
                if (failed < 0) {
                    Py_DECREF(part);
                    goto done;
                }
            }
            Py_XDECREF(r);
        }
        Py_DECREF(part);
    }
    result = oxy_star_result(orig, state);
done:
    oxy_set_handled_exc(prev);
    Py_DECREF(prev);
    Py_XDECREF(state);
    Py_DECREF(orig);
    if (result != NULL && result != Py_None) {
        oxy_restore_exc(result);
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

/* ---- error raisers ----------------------------------------------------- */

static PyObject *t_raise_arg_type(PyObject *self, PyObject *args) {
    (void)self;
    const char *f, *a, *e;
    PyObject *got;
    if (!PyArg_ParseTuple(args, "sssO", &f, &a, &e, &got)) return NULL;
    oxy_raise_arg_type(f, a, e, got);
    return NULL;
}

static PyObject *t_raise_type(PyObject *self, PyObject *args) {
    (void)self;
    const char *w, *e;
    PyObject *got;
    if (!PyArg_ParseTuple(args, "ssO", &w, &e, &got)) return NULL;
    oxy_raise_type(w, e, got);
    return NULL;
}

static PyObject *t_raise_unbound_local(PyObject *self, PyObject *args) {
    (void)self;
    const char *n;
    if (!PyArg_ParseTuple(args, "s", &n)) return NULL;
    oxy_raise_unbound_local(n);
    return NULL;
}

static PyObject *t_raise_unbound_free(PyObject *self, PyObject *args) {
    (void)self;
    const char *n;
    if (!PyArg_ParseTuple(args, "s", &n)) return NULL;
    oxy_raise_unbound_free(n);
    return NULL;
}

static PyObject *t_load_global(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *g, *n;
    if (!PyArg_ParseTuple(args, "OU", &g, &n)) return NULL;
    return oxy_load_global(g, n);
}

static PyObject *t_load_builtin(PyObject *self, PyObject *n) {
    (void)self;
    return oxy_load_builtin(n);
}

/* ---- strings, lists, tuples -------------------------------------------- */

static PyObject *t_str_getitem(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *s, *io;
    oxy_int i;
    if (!PyArg_ParseTuple(args, "OO", &s, &io) || to_tagged(io, &i) < 0) return NULL;
    PyObject *r = oxy_str_getitem(s, i);
    oxy_int_decref(i);
    return r;
}

static PyObject *t_str_slice(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *s, *a, *b, *c;
    if (!PyArg_ParseTuple(args, "OOOO", &s, &a, &b, &c)) return NULL;
    return oxy_str_slice(s, a, b, c);
}

static PyObject *t_join(PyObject *self, PyObject *list) {
    (void)self;
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "join needs a list");
        return NULL;
    }
    return oxy_str_join_array(((PyListObject *)list)->ob_item, PyList_GET_SIZE(list));
}

/* format(value, spec_or_None, conv_str) */
static PyObject *t_format(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *v, *spec;
    const char *conv;
    if (!PyArg_ParseTuple(args, "OOs", &v, &spec, &conv)) return NULL;
    return oxy_format(v, spec == Py_None ? NULL : spec, conv[0]);
}

static PyObject *t_list_getitem(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *l, *io;
    oxy_int i;
    if (!PyArg_ParseTuple(args, "OO", &l, &io) || to_tagged(io, &i) < 0) return NULL;
    PyObject *r = oxy_list_getitem(l, i);
    oxy_int_decref(i);
    return r;
}

static PyObject *t_list_setitem(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *l, *io, *v;
    oxy_int i;
    if (!PyArg_ParseTuple(args, "OOO", &l, &io, &v) || to_tagged(io, &i) < 0) return NULL;
    int r = oxy_list_setitem(l, i, v);
    oxy_int_decref(i);
    if (r < 0) return NULL;
    Py_RETURN_NONE;
}

static PyObject *t_tuple_getitem(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *t, *io;
    oxy_int i;
    if (!PyArg_ParseTuple(args, "OO", &t, &io) || to_tagged(io, &i) < 0) return NULL;
    PyObject *r = oxy_tuple_getitem(t, i);
    oxy_int_decref(i);
    return r;
}

/* spin_signals(n): a compiled-style loop polling oxy_check_signals */
static PyObject *t_spin_signals(PyObject *self, PyObject *arg) {
    (void)self;
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    for (long i = 0; i < n; i++) {
        if (oxy_check_signals() < 0) return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"int_op", t_int_op, METH_VARARGS, NULL},
    {"int_from_i64", t_int_from_i64, METH_O, NULL},
    {"int_from_decimal", t_int_from_decimal, METH_O, NULL},
    {"steal_null", t_steal_null, METH_NOARGS, NULL},
    {"float_op", t_float_op, METH_VARARGS, NULL},
    {"float_unbox", t_float_unbox, METH_O, NULL},
    {"set_sig", t_set_sig, METH_VARARGS, NULL},
    {"parse", (PyCFunction)(void (*)(void))t_parse, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"vcall", t_vcall, METH_VARARGS, NULL},
    {"recurse", t_recurse, METH_O, NULL},
    {"recurse_py", t_recurse_py, METH_VARARGS, NULL},
    {"call_depth", t_call_depth, METH_NOARGS, NULL},
    {"tb_chain", t_tb_chain, METH_VARARGS, NULL},
    {"add_tb_noexc", t_add_tb_noexc, METH_NOARGS, NULL},
    {"fetch_call", t_fetch_call, METH_O, NULL},
    {"with_", t_with, METH_VARARGS, NULL},
    {"try_star", t_try_star, METH_VARARGS, NULL},
    {"restore", t_restore, METH_O, NULL},
    {"exc_matches", t_exc_matches, METH_VARARGS, NULL},
    {"raise_", t_raise, METH_VARARGS, NULL},
    {"reraise", t_reraise, METH_NOARGS, NULL},
    {"get_handled", t_get_handled, METH_NOARGS, NULL},
    {"set_handled", t_set_handled, METH_O, NULL},
    {"with_handled", t_with_handled, METH_VARARGS, NULL},
    {"raise_arg_type", t_raise_arg_type, METH_VARARGS, NULL},
    {"raise_type", t_raise_type, METH_VARARGS, NULL},
    {"raise_unbound_local", t_raise_unbound_local, METH_VARARGS, NULL},
    {"raise_unbound_free", t_raise_unbound_free, METH_VARARGS, NULL},
    {"load_global", t_load_global, METH_VARARGS, NULL},
    {"load_builtin", t_load_builtin, METH_O, NULL},
    {"str_getitem", t_str_getitem, METH_VARARGS, NULL},
    {"str_slice", t_str_slice, METH_VARARGS, NULL},
    {"join", t_join, METH_O, NULL},
    {"format", t_format, METH_VARARGS, NULL},
    {"list_getitem", t_list_getitem, METH_VARARGS, NULL},
    {"list_setitem", t_list_setitem, METH_VARARGS, NULL},
    {"tuple_getitem", t_tuple_getitem, METH_VARARGS, NULL},
    {"spin_signals", t_spin_signals, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "rt_testmod", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_rt_testmod(void) {
    PyObject *m = PyModule_Create(&moddef);
    if (m == NULL) return NULL;
    missing_sentinel = PyUnicode_FromString("<MISSING>");
    if (missing_sentinel == NULL || PyModule_AddObjectRef(m, "MISSING", missing_sentinel) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
