/* oxyc code-generator helpers: small static functions used by generated modules
   (the bulk of the runtime lives in oxyc_rt.c, compiled once). */
#include <math.h>
#include <string.h>
#include <stdlib.h>

#define OXYC_SHORT(v) ((oxy_int)((uintptr_t)(intptr_t)(v) << 1))
#define OXYC_UNUSED __attribute__((unused))
/* The body of a small function that hot call sites must inline (`absorb.rs`). */
#define OXY_ALWAYS_INLINE __attribute__((always_inline))
/* A module's body without loops runs each of its statements once: compiling it at
   -O1 keeps the C compiler's time, which grows fast with a function's size, in check
   (a body of 3000 calls: about 22 s at -O2, 5 s at -O1). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#define OXY_RUN_ONCE __attribute__((optimize("O1")))
#else
#define OXY_RUN_ONCE
#endif
static OXYC_UNUSED inline PyObject *oxyc_newref(PyObject *o) {
    Py_INCREF(o);
    return o;
}

/* str == str for values known to be str: 1/0 (never fails for exact strs). */
static OXYC_UNUSED int oxyc_str_eq(PyObject *a, PyObject *b) {
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
        if (a == b) return 1;
        Py_ssize_t n = PyUnicode_GET_LENGTH(a);
        if (n != PyUnicode_GET_LENGTH(b) || PyUnicode_KIND(a) != PyUnicode_KIND(b)) return 0;
        return memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * PyUnicode_KIND(a)) == 0;
    }
    PyObject *r = PyObject_RichCompare(a, b, Py_EQ);
    if (r == NULL) return -1;
    int t = PyObject_IsTrue(r);
    Py_DECREF(r);
    return t;
}

/* a != b of values typed str (a subclass's __ne__ is called). */
static OXYC_UNUSED int oxyc_str_ne(PyObject *a, PyObject *b) {
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
        int eq = oxyc_str_eq(a, b);
        return eq < 0 ? eq : !eq;
    }
    PyObject *r = PyObject_RichCompare(a, b, Py_NE);
    if (r == NULL) return -1;
    int t = PyObject_IsTrue(r);
    Py_DECREF(r);
    return t;
}

/* a < b (op 0), a <= b (1), a > b (2), a >= b (3) of values typed str: exact strs
   compare their code points; a subclass's operator method is called (its result
   taken as a condition). */
static OXYC_UNUSED int oxyc_str_order(PyObject *a, PyObject *b, int op) {
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
        int c = PyUnicode_Compare(a, b);
        return op == 0 ? c < 0 : op == 1 ? c <= 0 : op == 2 ? c > 0 : c >= 0;
    }
    static const int ops[4] = {Py_LT, Py_LE, Py_GT, Py_GE};
    PyObject *r = PyObject_RichCompare(a, b, ops[op]);
    if (r == NULL) return -1;
    int t = PyObject_IsTrue(r);
    Py_DECREF(r);
    return t;
}

/* item in container, both typed str: a subclass's __contains__ is called. */
static OXYC_UNUSED int oxyc_str_contains(PyObject *container, PyObject *item) {
    if (PyUnicode_CheckExact(container) && PyUnicode_CheckExact(item))
        return PyUnicode_Contains(container, item);
    return PySequence_Contains(container, item);
}

/* a + b, both typed str: a subclass's __add__ / __radd__ is called (its result is
   checked by the caller). */
static OXYC_UNUSED PyObject *oxyc_str_add(PyObject *a, PyObject *b) {
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) return PyUnicode_Concat(a, b);
    return PyNumber_Add(a, b);
}

static OXYC_UNUSED oxy_int oxyc_ord(PyObject *s) {
    if (PyUnicode_GET_LENGTH(s) == 1) return OXYC_SHORT(PyUnicode_READ_CHAR(s, 0));
    PyErr_Format(PyExc_TypeError, "ord() expected a character, but string of length %zd found",
                 PyUnicode_GET_LENGTH(s));
    return OXY_INT_ERR;
}

static OXYC_UNUSED PyObject *oxyc_chr(oxy_int i) {
    if (!(i & 1) && (i >> 1) >= 0 && (i >> 1) < 0x110000) return PyUnicode_FromOrdinal((int)(i >> 1));
    PyObject *boxed = oxy_int_box(i);
    if (boxed == NULL) return NULL;
    PyObject *chr = PyDict_GetItemString(PyEval_GetBuiltins(), "chr");
    PyObject *r = chr ? PyObject_CallOneArg(chr, boxed) : NULL;
    Py_DECREF(boxed);
    return r;
}

/* Unpack an iterable into a tuple of exactly n items, with Python's messages (the
   general case of oxyc_unpack). */
static OXYC_UNUSED OXY_COLD PyObject *oxyc_unpack_iter(PyObject *seq, Py_ssize_t n) {
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(seq)->tp_iter == NULL &&
            !PySequence_Check(seq)) {
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object",
                         Py_TYPE(seq)->tp_name);
        }
        return NULL;
    }
    PyObject *t = PyTuple_New(n);
    if (t == NULL) { Py_DECREF(it); return NULL; }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyIter_Next(it);
        if (v == NULL) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected %zd, got %zd)", n, i);
            Py_DECREF(it); Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    PyObject *extra = PyIter_Next(it);
    Py_DECREF(it);
    if (extra != NULL) {
        Py_DECREF(extra);
        Py_DECREF(t);
        PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %zd)", n);
        return NULL;
    }
    if (PyErr_Occurred()) { Py_DECREF(t); return NULL; }
    return t;
}

/* Unpack an iterable into a tuple of exactly n items; an exact tuple of that length,
   the usual case, is checked inline. */
static OXYC_UNUSED inline PyObject *oxyc_unpack(PyObject *seq, Py_ssize_t n) {
    if (OXY_LIKELY(PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == n)) {
        Py_INCREF(seq);
        return seq;
    }
    return oxyc_unpack_iter(seq, n);
}

/* `a, *b, c = seq` with `before` targets before the star and `after` after it: a
   tuple of before + 1 + after items, the starred one a list (CPython's messages). */
static OXYC_UNUSED PyObject *oxyc_unpack_ex(PyObject *seq, Py_ssize_t before, Py_ssize_t after) {
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(seq)->tp_iter == NULL &&
            !PySequence_Check(seq)) {
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object",
                         Py_TYPE(seq)->tp_name);
        }
        return NULL;
    }
    PyObject *t = PyTuple_New(before + 1 + after);
    if (t == NULL) { Py_DECREF(it); return NULL; }
    for (Py_ssize_t i = 0; i < before; i++) {
        PyObject *v = PyIter_Next(it);
        if (v == NULL) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError,
                             "not enough values to unpack (expected at least %zd, got %zd)",
                             before + after, i);
            Py_DECREF(it); Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    PyObject *rest = PySequence_List(it);
    Py_DECREF(it);
    if (rest == NULL) { Py_DECREF(t); return NULL; }
    Py_ssize_t n = PyList_GET_SIZE(rest);
    if (n < after) {
        PyErr_Format(PyExc_ValueError,
                     "not enough values to unpack (expected at least %zd, got %zd)",
                     before + after, before + n);
        Py_DECREF(rest); Py_DECREF(t);
        return NULL;
    }
    for (Py_ssize_t j = 0; j < after; j++) {
        PyObject *v = PyList_GET_ITEM(rest, n - after + j);
        Py_INCREF(v);
        PyTuple_SET_ITEM(t, before + 1 + j, v);
    }
    if (after > 0 && PyList_SetSlice(rest, n - after, n, NULL) < 0) {
        Py_DECREF(rest); Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, before, rest);
    return t;
}

static OXYC_UNUSED int oxyc_dict_merge(PyObject *d, PyObject *m) {
    if (PyDict_Update(d, m) < 0) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "'%.200s' object is not a mapping", Py_TYPE(m)->tp_name);
        }
        return -1;
    }
    return 0;
}

static OXYC_UNUSED int oxyc_list_extend(PyObject *l, PyObject *it) {
    PyObject *r = _PyList_Extend((PyListObject *)l, it);
    if (r == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(it)->tp_iter == NULL &&
            !PySequence_Check(it)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s",
                         Py_TYPE(it)->tp_name);
        }
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

static OXYC_UNUSED void oxyc_raise_empty_minmax(char is_max) {
    PyErr_Format(PyExc_ValueError, "%s() arg is an empty sequence", is_max ? "max" : "min");
}

static OXYC_UNUSED void oxyc_raise_range_step_zero(void) {
    PyErr_SetString(PyExc_ValueError, "range() arg 3 must not be zero");
}

/* The bound of a C-counter range() loop whose literal start and step are small (see
   CLAMP_START_MAX in oxyc_irbuild): the stop itself when short, else just outside the
   short range on its side. Counter + step cannot overflow and the loop variable stays
   short. Getting to a clamped bound takes more than 2**53 iterations; the loop then
   raises (oxyc_range_ran_out) rather than go on with long ints: a documented
   difference that no program can reach in practice. */
#define OXYC_RANGE_ABOVE ((Py_ssize_t)OXY_INT_SHORT_MAX + 1)
#define OXYC_RANGE_BELOW ((Py_ssize_t)OXY_INT_SHORT_MIN - 1)
static OXYC_UNUSED inline Py_ssize_t oxyc_range_bound(oxy_int stop) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(stop))) return (Py_ssize_t)OXY_INT_SHORT_VALUE(stop);
    return _PyLong_Sign(OXY_INT_AS_OBJ(stop)) < 0 ? OXYC_RANGE_BELOW : OXYC_RANGE_ABOVE;
}
static OXYC_UNUSED inline int oxyc_range_ran_out(int at_clamp) {
    if (OXY_LIKELY(!at_clamp)) return 0;
    PyErr_SetString(PyExc_OverflowError,
                    "range() loop reached 2**62: oxyc's loops over range() stop there");
    return -1;
}

static OXYC_UNUSED void oxyc_raise_assert(PyObject *msg) {
    if (msg == Py_None) PyErr_SetNone(PyExc_AssertionError);
    else PyErr_SetObject(PyExc_AssertionError, msg);
}

static OXYC_UNUSED PyObject *oxyc_import(PyObject *name, PyObject *fromlist, Py_ssize_t level, PyObject *globals) {
    return PyImport_ImportModuleLevelObject(name, globals, NULL, fromlist == Py_None ? NULL : fromlist, (int)level);
}

static OXYC_UNUSED PyObject *oxyc_import_from(PyObject *module, PyObject *name) {
    PyObject *v = PyObject_GetAttr(module, name);
    if (v != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) return v;
    PyErr_Clear();
    /* A submodule that was imported but not yet bound on its package. */
    PyObject *pkg = PyModule_Check(module) ? PyModule_GetNameObject(module) : NULL;
    if (pkg != NULL) {
        PyObject *full = PyUnicode_FromFormat("%U.%U", pkg, name);
        if (full != NULL) {
            v = PyImport_GetModule(full);
            Py_DECREF(full);
            if (v != NULL) { Py_DECREF(pkg); return v; }
        }
        PyErr_Clear();
    }
    PyObject *file = PyModule_Check(module) ? PyModule_GetFilenameObject(module) : NULL;
    if (file == NULL) PyErr_Clear();
    if (pkg != NULL && file != NULL)
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (%S)", name, pkg, file);
    else if (pkg != NULL)
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (unknown location)", name, pkg);
    else
        PyErr_Format(PyExc_ImportError, "cannot import name %R", name);
    Py_XDECREF(pkg);
    Py_XDECREF(file);
    return NULL;
}

static OXYC_UNUSED PyObject *oxyc_import_leaf(PyObject *top, PyObject *fullname) {
    (void)top;
    PyObject *m = PyImport_GetModule(fullname);
    if (m == NULL && !PyErr_Occurred())
        PyErr_Format(PyExc_ImportError, "No module named %R", fullname);
    return m;
}

static OXYC_UNUSED int oxyc_import_star(PyObject *module, PyObject *globals) {
    PyObject *all = PyObject_GetAttrString(module, "__all__");
    int skip_private = 0;
    if (all == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
        PyErr_Clear();
        PyObject *d = PyObject_GetAttrString(module, "__dict__");
        if (d == NULL) return -1;
        all = PyMapping_Keys(d);
        Py_DECREF(d);
        if (all == NULL) return -1;
        skip_private = 1;
    }
    PyObject *it = PyObject_GetIter(all);
    Py_DECREF(all);
    if (it == NULL) return -1;
    PyObject *name;
    while ((name = PyIter_Next(it)) != NULL) {
        if (skip_private && PyUnicode_Check(name) && PyUnicode_READ_CHAR(name, 0) == '_') {
            Py_DECREF(name);
            continue;
        }
        PyObject *v = PyObject_GetAttr(module, name);
        int bad = v == NULL || PyDict_SetItem(globals, name, v) < 0;
        Py_XDECREF(v);
        Py_DECREF(name);
        if (bad) { Py_DECREF(it); return -1; }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

static OXYC_UNUSED int oxyc_del_global(PyObject *globals, PyObject *name) {
    if (PyDict_DelItem(globals, name) < 0) {
        if (PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
        }
        return -1;
    }
    return 0;
}

static OXYC_UNUSED void oxyc_raise_undefined_function(const char *name) {
    PyErr_Format(PyExc_NameError, "name '%s' is not defined", name);
}

static OXYC_UNUSED int oxyc_exec_snippet(const char *src, const char *filename, PyObject *globals, int future_annotations) {
    PyCompilerFlags flags = _PyCompilerFlags_INIT;
    if (future_annotations) flags.cf_flags |= CO_FUTURE_ANNOTATIONS;
    PyObject *code = Py_CompileStringExFlags(src, filename, Py_file_input, &flags, -1);
    if (code == NULL) return -1;
    PyObject *r = PyEval_EvalCode(code, globals, globals);
    Py_DECREF(code);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

/* Put `prefix.` in front of the __qualname__ of `o` and of the functions and
   classes its class dict holds (a class defined by a snippet run in the namespace
   of an enclosing class). */
static OXYC_UNUSED int oxyc_prefix_qualnames(PyObject *o, PyObject *prefix, int depth) {
    PyObject *q = PyObject_GetAttrString(o, "__qualname__");
    if (q == NULL) {
        PyErr_Clear();
        return 0;
    }
    PyObject *nq = PyUnicode_FromFormat("%U.%U", prefix, q);
    Py_DECREF(q);
    if (nq == NULL) return -1;
    int r = PyObject_SetAttrString(o, "__qualname__", nq);
    Py_DECREF(nq);
    if (r < 0) {
        PyErr_Clear();
        return 0;
    }
    if (!PyType_Check(o) || depth > 20) return 0;
    PyObject *d = ((PyTypeObject *)o)->tp_dict;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (d != NULL && PyDict_Next(d, &pos, &k, &v)) {
        PyObject *target = v;
        if (PyObject_TypeCheck(v, &PyClassMethod_Type) || PyObject_TypeCheck(v, &PyStaticMethod_Type)) {
            target = PyObject_GetAttrString(v, "__func__");
            if (target == NULL) {
                PyErr_Clear();
                continue;
            }
        } else {
            Py_INCREF(target);
        }
        if (PyFunction_Check(target) || PyType_Check(target)) {
            if (oxyc_prefix_qualnames(target, prefix, depth + 1) < 0) {
                Py_DECREF(target);
                return -1;
            }
        }
        Py_DECREF(target);
    }
    return 0;
}

/* Run a nested class statement (the snippet) in the class namespace `ns`, then put
   the enclosing class's qualified name in front of the new class's names. */
static OXYC_UNUSED int oxyc_exec_in_class(const char *src, const char *filename, PyObject *globals,
                                          PyObject *ns, PyObject *name, int future_annotations) {
    PyCompilerFlags flags = _PyCompilerFlags_INIT;
    if (future_annotations) flags.cf_flags |= CO_FUTURE_ANNOTATIONS;
    PyObject *code = Py_CompileStringExFlags(src, filename, Py_file_input, &flags, -1);
    if (code == NULL) return -1;
    PyObject *r = PyEval_EvalCode(code, globals, ns);
    Py_DECREF(code);
    if (r == NULL) return -1;
    Py_DECREF(r);
    PyObject *key = PyUnicode_FromString("__qualname__");
    if (key == NULL) return -1;
    PyObject *prefix = PyObject_GetItem(ns, key);
    Py_DECREF(key);
    if (prefix == NULL) return -1;
    PyObject *cls = PyObject_GetItem(ns, name);
    if (cls == NULL) {
        /* (a decorator may have bound something else, or nothing) */
        PyErr_Clear();
        Py_DECREF(prefix);
        return 0;
    }
    int rc = PyUnicode_Check(prefix) ? oxyc_prefix_qualnames(cls, prefix, 0) : 0;
    Py_DECREF(prefix);
    Py_DECREF(cls);
    return rc;
}

/* A tuple from n new references (any NULL: release the rest, return NULL). */
/* What the collector does lazily to tuples, done at once: a tuple whose items cannot
   be part of a reference cycle (ints, strs, floats, untracked tuples, ...) is not
   tracked, so collections never traverse it. Returns t (NULL stays NULL). */
static inline PyObject *oxyc_tuple_untrack_atomic(PyObject *t) {
    if (t == NULL || !PyTuple_CheckExact(t)) return t;
    Py_ssize_t n = PyTuple_GET_SIZE(t);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (oxy_may_be_tracked(PyTuple_GET_ITEM(t, i))) return t;
    }
    if (OXY_GC_TRACKED(t)) PyObject_GC_UnTrack(t);
    return t;
}

/* A tuple of n new references (NULL items: an error is set; all are released). */
static OXYC_UNUSED PyObject *oxyc_tuple_steal(Py_ssize_t n, PyObject **items) {
    PyObject *t = NULL;
    for (Py_ssize_t i = 0; i < n; i++)
        if (items[i] == NULL) goto fail;
    t = PyTuple_New(n);
    if (t == NULL) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, items[i]);
    return t;
fail:
    for (Py_ssize_t i = 0; i < n; i++) Py_XDECREF(items[i]);
    return NULL;
}

/* The module's str, bytes and number constants, made in one loop from a static table
   (consts.rs): kind 's' a str (interned), 'b' bytes, 'i' an int from decimal text,
   'f' a float, 'j' an imaginary number; `at` is the entry of oxy_c it fills. */
typedef struct { char kind; int at; Py_ssize_t len; const char *text; double num; } oxyc_const_src;
static OXYC_UNUSED int oxyc_make_consts(PyObject **c, const oxyc_const_src *t, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o;
        switch (t[i].kind) {
        case 's':
            o = PyUnicode_DecodeUTF8(t[i].text, t[i].len, NULL);
            if (o != NULL) PyUnicode_InternInPlace(&o);
            break;
        case 'b': o = PyBytes_FromStringAndSize(t[i].text, t[i].len); break;
        case 'i': o = PyLong_FromString(t[i].text, NULL, 10); break;
        case 'f': o = PyFloat_FromDouble(t[i].num); break;
        default: o = PyComplex_FromDoubles(0.0, t[i].num); break;
        }
        if (o == NULL) return -1;
        c[t[i].at] = o;
    }
    return 0;
}

/* A tuple of the module's constants (a display of many literals): refs[i] is an
   entry of c, or -1 None, -2 True, -3 False, -4 Ellipsis. */
static OXYC_UNUSED PyObject *oxyc_tuple_of_consts(PyObject *const *c, const int *refs, Py_ssize_t n) {
    PyObject *t = PyTuple_New(n);
    if (t == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        int r = refs[i];
        PyObject *o = r >= 0 ? c[r] : r == -1 ? Py_None : r == -2 ? Py_True : r == -3 ? Py_False : Py_Ellipsis;
        PyTuple_SET_ITEM(t, i, Py_NewRef(o));
    }
    return t;
}

/* The module's constant tuples, from one static table: for each, its entry in c, its
   length n and its n item references (as oxyc_tuple_of_consts reads them), in table
   order, which puts each after the tuples it holds. 0, or -1 with an exception. */
static OXYC_UNUSED int oxyc_make_tuples(PyObject **c, const int *src, size_t len) {
    for (size_t p = 0; p + 2 <= len; p += 2 + (size_t)src[p + 1]) {
        c[src[p]] = oxyc_tuple_of_consts(c, &src[p + 2], src[p + 1]);
        if (c[src[p]] == NULL) return -1;
    }
    return 0;
}

/* A tuple of the (new, possibly NULL) strings in items, interned: keyword names
   and `from` lists, which the interpreter matches by identity first. */
static OXYC_UNUSED PyObject *oxyc_tuple_of(Py_ssize_t n, PyObject **items) {
    for (Py_ssize_t i = 0; i < n; i++)
        if (items[i] != NULL && PyUnicode_CheckExact(items[i])) PyUnicode_InternInPlace(&items[i]);
    return oxyc_tuple_steal(n, items);
}

/* One step of walking an exact dict as its iterators do, from position pos (0 at
   first): the position after the entry found, 0 at the end, or -1 with RuntimeError
   when the dict's size is no longer `used` (its size when the walk began), or when it
   has more entries than the `left` still expected (keys replaced meanwhile). */
/* The entry the last oxyc_dict_walk_next of this module found: its dict, the
   position it returned, its key and value (borrowed). */
static PyObject *oxyc_walk_dict, *oxyc_walk_key, *oxyc_walk_value;
static Py_ssize_t oxyc_walk_pos;
static OXYC_UNUSED inline Py_ssize_t oxyc_dict_walk_next(PyObject *d, Py_ssize_t pos, Py_ssize_t used,
                                                        Py_ssize_t left) {
    if (OXY_UNLIKELY(PyDict_GET_SIZE(d) != used)) {
        PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
        return -1;
    }
    PyObject *k, *v;
    if (!PyDict_Next(d, &pos, &k, &v)) return 0;
    if (OXY_UNLIKELY(left <= 0)) {
        PyErr_SetString(PyExc_RuntimeError, "dictionary keys changed during iteration");
        return -1;
    }
    oxyc_walk_dict = d;
    oxyc_walk_pos = pos;
    oxyc_walk_key = k;
    oxyc_walk_value = v;
    return pos;
}
/* The key (which == 0) or value of the entry oxyc_dict_walk_next just found (it
   returned `next`; no Python code ran since), as a new reference: the one it kept,
   or the dict's entry read again. */
static OXYC_UNUSED inline PyObject *oxyc_dict_walk_item(PyObject *d, Py_ssize_t next, int which) {
    PyObject *r;
    if (OXY_LIKELY(d == oxyc_walk_dict && next == oxyc_walk_pos)) {
        r = which == 0 ? oxyc_walk_key : oxyc_walk_value;
    } else {
        Py_ssize_t p = next - 1;
        PyObject *k = NULL, *v = NULL;
        PyDict_Next(d, &p, &k, &v);
        r = which == 0 ? k : v;
    }
    Py_INCREF(r);
    return r;
}

/* list[i] read as an int (a list[int] item): no temporary reference, type-checked. */
static OXYC_UNUSED __attribute__((noinline)) oxy_int oxyc_list_get_int_slow(PyObject *list,
                                                                          oxy_int i) {
    PyObject *v;
    Py_ssize_t k;
    if (OXY_LIKELY(PyList_CheckExact(list)) && oxy_seq_index(i, PyList_GET_SIZE(list), &k)) {
        v = PyList_GET_ITEM(list, k);
        /* An exact int is one compare against the type already loaded. */
        if (OXY_LIKELY(Py_IS_TYPE(v, &PyLong_Type) || PyLong_Check(v))) return oxy_int_from_long_obj(v);
        oxy_raise_type("list item", "int", v);
        return OXY_INT_ERR;
    }
    v = oxy_list_getitem_slow(list, i);
    if (v == NULL) return OXY_INT_ERR;
    oxy_int r = OXY_INT_ERR;
    if (PyLong_Check(v)) r = oxy_int_from_long_obj(v);
    else oxy_raise_type("list item", "int", v);
    Py_DECREF(v);
    return r;
}

/* list[i] of a list typed list[int]: inline when the list is exact, the index in
   range and the item an int of at most one digit (the usual case: a grid cell, a
   count); everything else (and every error) out of line. */
static OXYC_UNUSED inline OXY_ALWAYS_INLINE oxy_int oxyc_list_get_int(PyObject *list,
                                                                      oxy_int i) {
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
    Py_ssize_t k;
    if (OXY_LIKELY(PyList_CheckExact(list)) && oxy_seq_index(i, PyList_GET_SIZE(list), &k)) {
        PyObject *v = PyList_GET_ITEM(list, k);
        Py_ssize_t size;
        if (OXY_LIKELY(Py_IS_TYPE(v, &PyLong_Type)) && (size_t)((size = Py_SIZE(v)) + 1) <= 2)
            return OXY_INT_FROM_SHORT((int64_t)size * (int64_t)((PyLongObject *)v)->ob_digit[0]);
    }
#endif
    return oxyc_list_get_int_slow(list, i);
}

/* list[k] for a C index k (the counter of a versioned range() loop): no untagging.
   Anything unusual (a list subclass, k out of range or negative) takes the general
   path with the tagged index, so the results and errors are the same. */
static OXYC_UNUSED inline oxy_int oxyc_list_get_int_ssize(PyObject *list, Py_ssize_t k) {
    if (OXY_LIKELY(PyList_CheckExact(list)) && OXY_LIKELY((size_t)k < (size_t)PyList_GET_SIZE(list))) {
        PyObject *v = PyList_GET_ITEM(list, k);
        if (OXY_LIKELY(Py_IS_TYPE(v, &PyLong_Type))) return oxy_int_from_long_obj(v);
    }
    return oxyc_list_get_int(list, OXY_INT_FROM_SHORT(k));
}
static OXYC_UNUSED inline PyObject *oxyc_list_getitem_ssize(PyObject *list, Py_ssize_t k) {
    if (OXY_LIKELY(PyList_CheckExact(list)) && OXY_LIKELY((size_t)k < (size_t)PyList_GET_SIZE(list))) {
        PyObject *v = PyList_GET_ITEM(list, k);
        Py_INCREF(v);
        return v;
    }
    return oxy_list_getitem(list, OXY_INT_FROM_SHORT(k));
}

/* x += y where the caller gives up its reference to x (see Prim::IAddSteal). */
static OXYC_UNUSED PyObject *oxyc_iadd_steal(PyObject *a, PyObject *b) {
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
        PyUnicode_Append(&a, b);
        return a;
    }
    PyObject *r = PyNumber_InPlaceAdd(a, b);
    Py_DECREF(a);
    return r;
}

/* Fast paths of // and % on two short ints (1 = done, result in *d); the slow path
   handles big ints and division by zero. */
static OXYC_UNUSED inline int oxyc_mod_fast(oxy_int a, oxy_int b, oxy_int *d) {
    if (OXY_UNLIKELY(((a | b) & 1) != 0) || OXY_UNLIKELY(b == 0)) return 0;
    oxy_int r = (oxy_int)((int64_t)a % (int64_t)b); /* (2x) % (2y) == 2(x % y) */
    if (r != 0 && ((r ^ b) < 0)) r += b;
    *d = r;
    return 1;
}

static OXYC_UNUSED inline int oxyc_floordiv_fast(oxy_int a, oxy_int b, oxy_int *d) {
    if (OXY_UNLIKELY(((a | b) & 1) != 0) || OXY_UNLIKELY(b == 0)) return 0;
    int64_t q = (int64_t)a / (int64_t)b; /* b is even, never -1 */
    int64_t r = (int64_t)a % (int64_t)b;
    if (r != 0 && ((r ^ (int64_t)b) < 0)) q -= 1;
    if (OXY_UNLIKELY(q > OXY_INT_SHORT_MAX)) return 0; /* (-2**62) // -1 */
    *d = OXY_INT_FROM_SHORT(q);
    return 1;
}
