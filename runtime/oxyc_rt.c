/*
 * oxyc_rt.c -- out-of-line parts of the oxyc runtime (see oxyc_rt.h for the
 * representation and the conventions): argument parsing, errors, exceptions,
 * strings, lists, generators and coroutines, class statements, native classes,
 * match.  Almost all of it calls CPython's API, where its time is spent, so it is
 * compiled at -Og: measured on the benchmarks, within 0.4% of -O1 in instructions
 * (callgrind), for 35% less compile time than -O1.  The parts whose time is their
 * own are oxyc_rt_hot.c, compiled at the module's optimisation level.  Both are compiled once per target
 * interpreter and linked into every module.
 */
#include "oxyc_rt.h"
#include <structmember.h>
#include <pthread.h>

#include <frameobject.h>

#include <stdarg.h>
#include <errno.h>
#include <math.h>
#include <string.h>

/* -Og inlines only what must be: the small helpers of the glue's hot paths are
   marked so (measured: not the ones with loops, which -Og then compiles worse). */
#define GLUE_INLINE static inline __attribute__((always_inline))


/* ======================================================================== */
/* Argument parsing                                                          */
/* ======================================================================== */

/* Index of the parameter named by the str `key`, or -1. */
static Py_ssize_t find_param(PyObject *key, const char *const *names, PyObject **interned,
                             Py_ssize_t nparams) {
    /* Keywords are nearly always interned identifiers: compare pointers first
       (the interned names are made on first use and kept). */
    for (Py_ssize_t j = 0; j < nparams; j++) {
        PyObject *n = interned[j];
        if (n == NULL) {
            n = interned[j] = PyUnicode_InternFromString(names[j]);
            if (n == NULL) {
                PyErr_Clear();
                continue;
            }
        }
        if (n == key) return j;
    }
    Py_ssize_t len;
    const char *u = PyUnicode_AsUTF8AndSize(key, &len);
    if (u == NULL) {
        /* not encodable (lone surrogates): cannot name any parameter */
        PyErr_Clear();
        return -1;
    }
    for (Py_ssize_t j = 0; j < nparams; j++) {
        const char *n = names[j];
        if (n[0] == u[0] && strlen(n) == (size_t)len && memcmp(n, u, (size_t)len) == 0) return j;
    }
    return -1;
}

static void raise_too_many_positional(const char *fname, Py_ssize_t nparams, Py_ssize_t nrequired,
                                      Py_ssize_t given) {
    const char *verb = given == 1 ? "was" : "were";
    if (nrequired < nparams)
        PyErr_Format(PyExc_TypeError,
                     "%s() takes from %zd to %zd positional arguments but %zd %s given", fname,
                     nrequired, nparams, given, verb);
    else
        PyErr_Format(PyExc_TypeError, "%s() takes %zd positional argument%s but %zd %s given",
                     fname, nparams, nparams == 1 ? "" : "s", given, verb);
}

/* TypeError "f() missing 2 required <kind> arguments: 'x' and 'y'" for the
   names[i] (i in [lo, hi)) that are required and NULL in slot[i - lo]. */
static void raise_missing_kind(const char *fname, const char *kind, const char *const *names,
                               const unsigned char *required, PyObject *const *slot,
                               Py_ssize_t lo, Py_ssize_t hi) {
    Py_ssize_t nmissing = 0, k = 0;
    for (Py_ssize_t i = lo; i < hi; i++)
        if (slot[i - lo] == NULL && (required == NULL || required[i])) nmissing++;
    PyObject *list = PyList_New(0);
    if (list == NULL) return;
    /* build "'x'", "'x' and 'y'" or "'x', 'y', and 'z'" */
    for (Py_ssize_t i = lo; i < hi; i++) {
        if (slot[i - lo] != NULL || (required != NULL && !required[i])) continue;
        PyObject *name = PyUnicode_FromString(names[i]);
        PyObject *r = name ? PyObject_Repr(name) : NULL;
        Py_XDECREF(name);
        if (r == NULL) goto done;
        k++;
        PyObject *sep = NULL;
        if (k > 1) {
            if (k == nmissing)
                sep = PyUnicode_FromString(nmissing == 2 ? " and " : ", and ");
            else
                sep = PyUnicode_FromString(", ");
            if (sep == NULL || PyList_Append(list, sep) < 0) {
                Py_XDECREF(sep);
                Py_DECREF(r);
                goto done;
            }
            Py_DECREF(sep);
        }
        if (PyList_Append(list, r) < 0) {
            Py_DECREF(r);
            goto done;
        }
        Py_DECREF(r);
    }
    {
        PyObject *empty = PyUnicode_FromString("");
        PyObject *joined = empty ? PyUnicode_Join(empty, list) : NULL;
        Py_XDECREF(empty);
        if (joined != NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing %zd required %s argument%s: %U", fname,
                         nmissing, kind, nmissing == 1 ? "" : "s", joined);
            Py_DECREF(joined);
        }
    }
done:
    Py_DECREF(list);
}

static void raise_missing(const char *fname, const char *const *names, PyObject *const *out,
                          Py_ssize_t nrequired) {
    raise_missing_kind(fname, "positional", names, NULL, out, 0, nrequired);
}

/* The keyword names `a` are those of the tuple `b` (NULL: none remembered): the same
   tuple, or the same interned strings (the tuple CPython makes per call when it
   spreads a **dict). */
GLUE_INLINE int same_kwnames(PyObject *a, PyObject *b) {
    if (a == b) return 1;
    if (b == NULL || PyTuple_GET_SIZE(a) != PyTuple_GET_SIZE(b)) return 0;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(a); k++)
        if (PyTuple_GET_ITEM(a, k) != PyTuple_GET_ITEM(b, k)) return 0;
    return 1;
}

int oxy_parse_args(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, const char *fname,
                   const char *const *names, PyObject **interned, Py_ssize_t nparams,
                   Py_ssize_t nrequired, PyObject **out) {
    return oxy_parse_args_kc(args, nargs, kwnames, fname, names, interned, nparams, nrequired,
                             out, NULL);
}

int oxy_parse_args_kc(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                      const char *fname, const char *const *names, PyObject **interned,
                      Py_ssize_t nparams, Py_ssize_t nrequired, PyObject **out, oxy_kwcache *kc) {
    nargs = PyVectorcall_NARGS(nargs);
    Py_ssize_t npos = nargs < nparams ? nargs : nparams, i;
    for (i = 0; i < npos; i++) out[i] = args[i];
    for (; i < nparams; i++) out[i] = NULL;
    if (kc != NULL && kwnames != NULL && nargs <= nparams && same_kwnames(kwnames, kc->kwnames)) {
        /* the keywords of the last call: their parameters are known */
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames), k;
        for (k = 0; k < nkw; k++) {
            Py_ssize_t j = kc->index[k];
            if (out[j] != NULL) break; /* given twice: the full path reports it */
            out[j] = args[nargs + k];
        }
        if (k == nkw) {
            for (i = npos; i < nrequired; i++)
                if (out[i] == NULL) break;
            if (i == nrequired) return 0;
        }
        for (i = npos; i < nparams; i++) out[i] = NULL;
    }

    /* keywords first: like CPython, an unexpected or duplicate keyword is
       reported before too many positional arguments */
    if (kwnames != NULL) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t k = 0; k < nkw; k++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, k);
            if (OXY_UNLIKELY(!PyUnicode_Check(key))) {
                PyErr_Format(PyExc_TypeError, "%s() keywords must be strings", fname);
                return -1;
            }
            Py_ssize_t j = find_param(key, names, interned, nparams);
            if (j < 0) {
                PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'",
                             fname, key);
                return -1;
            }
            if (out[j] != NULL) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%S'", fname,
                             key);
                return -1;
            }
            out[j] = args[nargs + k];
        }
    }
    if (OXY_UNLIKELY(nargs > nparams)) {
        raise_too_many_positional(fname, nparams, nrequired, nargs);
        return -1;
    }
    for (i = npos; i < nrequired; i++) {
        if (out[i] == NULL) {
            raise_missing(fname, names, out, nrequired);
            return -1;
        }
    }
    if (kc != NULL && kwnames != NULL && PyTuple_GET_SIZE(kwnames) <= 8 && nparams <= 127) {
        /* remember where these keywords went (all bound: found above) */
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t k = 0; k < nkw; k++) {
            Py_ssize_t j = find_param(PyTuple_GET_ITEM(kwnames, k), names, interned, nparams);
            if (j < 0) return 0;
            kc->index[k] = (signed char)j;
        }
        Py_INCREF(kwnames);
        Py_XSETREF(kc->kwnames, kwnames);
    }
    return 0;
}

/* Keyword `key` names one of the positional-only parameters: CPython then reports
   every positional-only parameter passed by keyword. Returns 1 with the error set. */
static int raise_posonly_as_keyword(const oxy_sig *s, PyObject *kwnames) {
    PyObject *list = PyList_New(0);
    if (list == NULL) return 1;
    Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t j = 0; j < s->nposonly; j++) {
        for (Py_ssize_t k = 0; k < nkw; k++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, k);
            if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, s->names[j]) == 0) {
                if (PyList_Append(list, key) < 0) {
                    Py_DECREF(list);
                    return 1;
                }
                break;
            }
        }
    }
    Py_ssize_t n = PyList_GET_SIZE(list);
    if (n == 0) {
        Py_DECREF(list);
        return 0;
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = sep ? PyUnicode_Join(sep, list) : NULL;
    Py_XDECREF(sep);
    if (joined != NULL) {
        PyErr_Format(PyExc_TypeError,
                     "%s() got some positional-only arguments passed as keyword arguments: '%U'",
                     s->fname, joined);
        Py_DECREF(joined);
    }
    Py_DECREF(list);
    return 1;
}

static void raise_kw_twice(PyObject *func, PyObject *key) {
    PyObject *fs = _PyObject_FunctionStr(func);
    if (fs == NULL) return;
    PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%S'", fs, key);
    Py_DECREF(fs);
}

int oxy_call_star_extend(PyObject *func, PyObject *l, PyObject *it) {
    if (Py_TYPE(it)->tp_iter == NULL && !PySequence_Check(it)) {
        PyObject *fs = _PyObject_FunctionStr(func);
        if (fs == NULL) return -1;
        PyErr_Format(PyExc_TypeError, "%U argument after * must be an iterable, not %.200s", fs,
                     Py_TYPE(it)->tp_name);
        Py_DECREF(fs);
        return -1;
    }
    PyObject *r = _PyList_Extend((PyListObject *)l, it);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

PyObject *oxy_type_new3(PyObject *name, PyObject *bases, PyObject *ns, PyObject *modname) {
    static PyObject *key;
    if (key == NULL && (key = PyUnicode_InternFromString("__module__")) == NULL) return NULL;
    PyObject *d = Py_NewRef(ns);
    /* (type() copies the namespace anyway; a non-dict is left to it to refuse.) */
    if (PyDict_Check(ns) && modname != NULL) {
        int has = PyDict_Contains(ns, key);
        if (has < 0) {
            Py_DECREF(d);
            return NULL;
        }
        if (!has) {
            Py_SETREF(d, PyDict_Copy(ns));
            if (d == NULL || PyDict_SetItem(d, key, modname) < 0) {
                Py_XDECREF(d);
                return NULL;
            }
        }
    }
    PyObject *r = PyObject_CallFunctionObjArgs((PyObject *)&PyType_Type, name, bases, d, NULL);
    Py_DECREF(d);
    return r;
}

PyObject *oxy_call_maybe_super(PyObject *callee, PyObject *cls, PyObject *inst) {
    if (callee == (PyObject *)&PySuper_Type) return PyObject_CallFunctionObjArgs(callee, cls, inst, NULL);
    return PyObject_CallNoArgs(callee);
}

PyObject *oxy_call_star_tuple(PyObject *func, PyObject *x) {
    if (PyTuple_CheckExact(x)) return Py_NewRef(x);
    PyObject *l = PyList_New(0);
    if (l == NULL) return NULL;
    if (oxy_call_star_extend(func, l, x) < 0) {
        Py_DECREF(l);
        return NULL;
    }
    PyObject *t = PyList_AsTuple(l);
    Py_DECREF(l);
    return t;
}

PyObject *oxy_call_kw_copy(PyObject *func, PyObject *m) {
    if (PyDict_CheckExact(m)) {
        /* A vectorcall callee only reads it (into keyword names and values): no copy
           needed; anything else might keep or change the dict it is given. */
        if (PyVectorcall_Function(func) != NULL) return Py_NewRef(m);
        return PyDict_Copy(m);
    }
    PyObject *d = PyDict_New();
    if (d != NULL && oxy_call_kw_merge(func, d, m) < 0) Py_CLEAR(d);
    return d;
}

int oxy_call_kw_set(PyObject *func, PyObject *d, PyObject *key, PyObject *value) {
    int has = PyDict_Contains(d, key);
    if (has < 0) return -1;
    if (has) {
        raise_kw_twice(func, key);
        return -1;
    }
    return PyDict_SetItem(d, key, value);
}

/* A dict (or subclass) that iterates as a dict does: merged from its storage, as
   the interpreter does (its own keys() and __getitem__ are not asked). */
static int plain_dict_storage(PyObject *m) {
    return PyDict_Check(m) && Py_TYPE(m)->tp_iter == PyDict_Type.tp_iter;
}

int oxy_unpack_call(PyObject *t, PyObject *d, PyObject **small, Py_ssize_t nsmall,
                    PyObject ***stack, PyObject **kwnames) {
    Py_ssize_t nt = PyTuple_GET_SIZE(t), nk = d == NULL ? 0 : PyDict_GET_SIZE(d);
    PyObject **s = small;
    *kwnames = NULL;
    if (nt + nk > nsmall) {
        s = PyMem_Malloc((size_t)(nt + nk) * sizeof(PyObject *));
        if (s == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < nt; i++) s[i] = PyTuple_GET_ITEM(t, i);
    if (nk > 0) {
        PyObject *names = PyTuple_New(nk), *key, *value;
        if (names == NULL) {
            if (s != small) PyMem_Free(s);
            return -1;
        }
        Py_ssize_t pos = 0, i = 0;
        while (i < nk && PyDict_Next(d, &pos, &key, &value)) {
            PyTuple_SET_ITEM(names, i, Py_NewRef(key));
            s[nt + i] = value;
            i++;
        }
        *kwnames = names;
    }
    *stack = s;
    return 0;
}

void oxy_unpacked_free(PyObject **small, PyObject **stack, PyObject *kwnames) {
    if (stack != small) PyMem_Free(stack);
    Py_XDECREF(kwnames);
}

int oxy_call_kw_merge(PyObject *func, PyObject *d, PyObject *m) {
    if (plain_dict_storage(m)) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(m, &pos, &key, &value)) {
            Py_INCREF(key);
            Py_INCREF(value);
            int r = oxy_call_kw_set(func, d, key, value);
            Py_DECREF(key);
            Py_DECREF(value);
            if (r < 0) return -1;
        }
        return 0;
    }
    PyObject *keys = PyMapping_Keys(m);
    if (keys == NULL) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            PyObject *fs = _PyObject_FunctionStr(func);
            if (fs == NULL) return -1;
            PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s",
                         fs, Py_TYPE(m)->tp_name);
            Py_DECREF(fs);
        }
        return -1;
    }
    PyObject *iter = PyObject_GetIter(keys);
    Py_DECREF(keys);
    if (iter == NULL) return -1;
    PyObject *key;
    while ((key = PyIter_Next(iter)) != NULL) {
        PyObject *value = PyObject_GetItem(m, key);
        int r = value == NULL ? -1 : oxy_call_kw_set(func, d, key, value);
        Py_XDECREF(value);
        Py_DECREF(key);
        if (r < 0) {
            Py_DECREF(iter);
            return -1;
        }
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

int oxy_parse_sig(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, const oxy_sig *s,
                  PyObject **out) {
    nargs = PyVectorcall_NARGS(nargs);
    Py_ssize_t npos = s->npos, nkwonly = s->nkwonly, i;
    PyObject **pos = out;
    PyObject **vtuple = s->varargs ? out + npos : NULL;
    PyObject **kwo = out + npos + (s->varargs ? 1 : 0);
    PyObject **vdict = s->varkw ? kwo + nkwonly : NULL;
    Py_ssize_t n = nargs < npos ? nargs : npos;
    for (i = 0; i < n; i++) pos[i] = args[i];
    for (; i < npos; i++) pos[i] = NULL;
    for (i = 0; i < nkwonly; i++) kwo[i] = NULL;
    PyObject *tuple = NULL, *dict = NULL;
    if (vdict != NULL) {
        dict = PyDict_New();
        if (dict == NULL) return -1;
        *vdict = dict;
    }
    if (vtuple != NULL) {
        tuple = PyTuple_New(nargs > npos ? nargs - npos : 0);
        if (tuple == NULL) goto fail;
        for (i = npos; i < nargs; i++) PyTuple_SET_ITEM(tuple, i - npos, Py_NewRef(args[i]));
        *vtuple = tuple;
    }
    if (kwnames != NULL) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t k = 0; k < nkw; k++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, k), *value = args[nargs + k];
            if (OXY_UNLIKELY(!PyUnicode_Check(key))) {
                PyErr_Format(PyExc_TypeError, "%s() keywords must be strings", s->fname);
                goto fail;
            }
            /* positional-only parameters cannot be named: such a keyword goes to
               **kwargs, or is an error */
            Py_ssize_t j = find_param(key, s->names + s->nposonly, s->interned + s->nposonly,
                                      npos + nkwonly - s->nposonly);
            if (j < 0) {
                if (dict != NULL) {
                    if (PyDict_SetItem(dict, key, value) < 0) goto fail;
                    continue;
                }
                if (raise_posonly_as_keyword(s, kwnames)) goto fail;
                PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'",
                             s->fname, key);
                goto fail;
            }
            j += s->nposonly;
            PyObject **slot = j < npos ? &pos[j] : &kwo[j - npos];
            if (*slot != NULL) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%S'",
                             s->fname, key);
                goto fail;
            }
            *slot = value;
        }
    }
    if (OXY_UNLIKELY(nargs > npos && vtuple == NULL)) {
        Py_ssize_t kwonly_given = 0, ndefaults = 0;
        for (i = 0; i < nkwonly; i++)
            if (kwo[i] != NULL) kwonly_given++;
        for (i = 0; i < npos; i++)
            if (!s->required[i]) ndefaults++;
        PyObject *sig = ndefaults ? PyUnicode_FromFormat("from %zd to %zd", npos - ndefaults, npos)
                                  : PyUnicode_FromFormat("%zd", npos);
        PyObject *kwsig =
            kwonly_given
                ? PyUnicode_FromFormat(" positional argument%s (and %zd keyword-only argument%s)",
                                       nargs != 1 ? "s" : "", kwonly_given,
                                       kwonly_given != 1 ? "s" : "")
                : PyUnicode_FromString("");
        if (sig != NULL && kwsig != NULL)
            PyErr_Format(PyExc_TypeError, "%s() takes %U positional argument%s but %zd%U %s given",
                         s->fname, sig, (ndefaults || npos != 1) ? "s" : "", nargs, kwsig,
                         nargs == 1 && !kwonly_given ? "was" : "were");
        Py_XDECREF(sig);
        Py_XDECREF(kwsig);
        goto fail;
    }
    for (i = n; i < npos; i++) {
        if (pos[i] == NULL && s->required[i]) {
            raise_missing_kind(s->fname, "positional", s->names, s->required, pos, 0, npos);
            goto fail;
        }
    }
    for (i = 0; i < nkwonly; i++) {
        if (kwo[i] == NULL && s->required[npos + i]) {
            raise_missing_kind(s->fname, "keyword-only", s->names, s->required, kwo, npos,
                               npos + nkwonly);
            goto fail;
        }
    }
    return 0;
fail:
    Py_XDECREF(tuple);
    Py_XDECREF(dict);
    return -1;
}

/* ======================================================================== */
/* Wrappers (see oxyc_rt.h)                                                  */
/* ======================================================================== */

static inline int wrap_check(const oxy_param *p, PyObject *v) {
    int c = p->check & ~OXY_CHECK_OPTIONAL;
    if ((p->check & OXY_CHECK_OPTIONAL) && v == Py_None) return 1;
    switch (c) {
    case OXY_CHECK_ANY: return 1;
    case OXY_CHECK_INT: return PyLong_Check(v);
    case OXY_CHECK_FLOAT: return PyFloat_Check(v) || PyLong_Check(v);
    case OXY_CHECK_BOOL: return PyBool_Check(v);
    case OXY_CHECK_STR: return PyUnicode_Check(v);
    case OXY_CHECK_LIST: return PyList_Check(v);
    case OXY_CHECK_DICT: return PyDict_Check(v);
    case OXY_CHECK_TUPLE: return PyTuple_Check(v);
    case OXY_CHECK_SET: return PySet_Check(v);
    case OXY_CHECK_BYTES: return PyBytes_Check(v);
    case OXY_CHECK_BYTEARRAY: return PyByteArray_Check(v);
    case OXY_CHECK_NONE: return v == Py_None;
    case OXY_CHECK_NATIVE: {
        /* Before the class statement ran no value can be an instance. */
        PyTypeObject *t = *p->type;
        return t != NULL && (Py_IS_TYPE(v, t) || PyObject_TypeCheck(v, t));
    }
    default: return 1;
    }
}

/* Release the ints converted before parameter `upto` and every collector. */
static OXY_COLD void wrap_release_upto(const oxy_wrapper *w, oxy_arg *a, Py_ssize_t upto) {
    for (Py_ssize_t i = 0; i < w->nparams; i++) {
        const oxy_param *p = &w->params[i];
        if (p->rep == OXY_REP_COLLECTOR) Py_XDECREF(a[i].o);
        else if (p->rep == OXY_REP_INT && i < upto) oxy_int_xdecref(a[i].i);
    }
}

_Static_assert(sizeof(oxy_arg) == sizeof(PyObject *), "oxy_arg is one word");

int oxy_wrap_args(const oxy_wrapper *w, PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                  PyObject *kwnames, oxy_arg *out) {
    Py_ssize_t n = w->nparams, i = 0;
    /* The parsers fill out[] with the objects (the runtime is compiled with
       -fno-strict-aliasing); each is then converted in place. */
    PyObject **raw = (PyObject **)out;
    Py_ssize_t npos = PyVectorcall_NARGS(nargs);
    if (w->sig == NULL && kwnames == NULL && npos >= w->nrequired && npos <= n) {
        /* Positional arguments only, as many as there may be: nothing to parse. */
        for (; i < npos; i++) raw[i] = args[i];
        for (; i < n; i++) raw[i] = NULL;
        i = 0;
    } else {
        int rc = w->sig != NULL
                     ? oxy_parse_sig(args, nargs, kwnames, w->sig, raw)
                     : oxy_parse_args(args, nargs, kwnames, w->fname, w->names, w->interned, n,
                                      w->nrequired, raw);
        if (OXY_UNLIKELY(rc < 0)) return -1;
    }
    for (; i < n; i++) {
        const oxy_param *p = &w->params[i];
        PyObject *v = raw[i];
        if (OXY_LIKELY(v != NULL)) {
            /* The common cases in one step (collectors are never NULL). */
            unsigned long fast = p->fast;
            if (fast == OXY_ARG_NONE) continue;
            if (fast == OXY_ARG_INT) {
                if (OXY_LIKELY(PyLong_Check(v))) {
                    out[i].i = oxy_int_from_long_obj(v);
                    if (OXY_UNLIKELY(out[i].i == OXY_INT_ERR)) goto fail;
                    continue;
                }
            } else if (fast != OXY_ARG_GENERAL && PyType_FastSubclass(Py_TYPE(v), fast)) {
                continue;
            }
        }
        /* A closure's defaults are objects in its tuple: converted like arguments. */
        if (v == NULL && p->slot >= 0) v = PyTuple_GET_ITEM(self, p->slot);
        if (v == NULL) {
            /* Omitted: the default's static (borrowed; an int is owned like the others). */
            switch (p->rep) {
            case OXY_REP_INT:
                out[i].i = p->dflt != NULL ? *(const oxy_int *)p->dflt : OXY_INT_ERR;
                if (out[i].i != OXY_INT_ERR) oxy_int_incref(out[i].i);
                break;
            case OXY_REP_FLOAT: out[i].f = p->dflt != NULL ? *(const double *)p->dflt : 0.0; break;
            case OXY_REP_BOOL: out[i].b = p->dflt != NULL ? *(const char *)p->dflt : 0; break;
            default: out[i].o = p->dflt != NULL ? *(PyObject *const *)p->dflt : NULL; break;
            }
            continue;
        }
        if (p->check != OXY_CHECK_ANY && OXY_UNLIKELY(!wrap_check(p, v))) {
            oxy_raise_type(p->what, p->expected, v);
            goto fail;
        }
        switch (p->rep) {
        case OXY_REP_INT:
            out[i].i = oxy_int_from_long_obj(v);
            if (OXY_UNLIKELY(out[i].i == OXY_INT_ERR)) goto fail;
            break;
        case OXY_REP_FLOAT:
            out[i].f = oxy_float_unbox(v);
            if (OXY_UNLIKELY(out[i].f == OXY_FLOAT_ERR && PyErr_Occurred())) goto fail;
            break;
        case OXY_REP_BOOL: out[i].b = (char)(v == Py_True); break;
        default: out[i].o = v; break;
        }
    }
    if (w->generator) return 0;
    if (OXY_UNLIKELY(oxy_rt_stack_limit == 0)) oxy_stack_init();
    int d = oxy_rt_call_depth;
    if (OXY_WRAPPER_TOO_DEEP(d + 1)) {
        wrap_release_upto(w, out, n);
        return -1;
    }
    return d;
fail:
    /* (out[i..] still hold parsed objects: only the collectors among them are owned.) */
    wrap_release_upto(w, out, i);
    return -1;
}

void oxy_wrap_release(const oxy_wrapper *w, oxy_arg *a) { wrap_release_upto(w, a, w->nparams); }

void oxy_raise_tuple_length(PyObject *what, const char *cwhat, const char *expected,
                            Py_ssize_t have) {
    const char *s = have == 1 ? "" : "s";
    if (what != NULL)
        PyErr_Format(PyExc_TypeError, "%U, not tuple of %zd item%s", what, have, s);
    else
        PyErr_Format(PyExc_TypeError, "%s must be %s, not tuple of %zd item%s", cwhat, expected,
                     have, s);
}

int oxy_wrap_convert(const oxy_param *p, PyObject *v, oxy_arg *out) {
    if (p->check != OXY_CHECK_ANY && OXY_UNLIKELY(!wrap_check(p, v))) {
        oxy_raise_type(p->what, p->expected, v);
        return -1;
    }
    switch (p->rep) {
    case OXY_REP_INT:
        out->i = oxy_int_from_long_obj(v);
        if (OXY_UNLIKELY(out->i == OXY_INT_ERR)) return -1;
        break;
    case OXY_REP_FLOAT:
        out->f = oxy_float_unbox(v);
        if (OXY_UNLIKELY(out->f == OXY_FLOAT_ERR && PyErr_Occurred())) return -1;
        break;
    case OXY_REP_BOOL: out->b = (char)(v == Py_True); break;
    default: out->o = v; break;
    }
    return 0;
}

int oxy_tuple_arg_len(PyObject *t, Py_ssize_t n, PyObject *msg) {
    if (OXY_LIKELY(PyTuple_GET_SIZE(t) == n)) return 0;
    oxy_raise_tuple_length(msg, NULL, NULL, PyTuple_GET_SIZE(t));
    return -1;
}

PyObject *oxy_wrap_int_result(oxy_int r) {
    if (OXY_UNLIKELY(r == OXY_INT_ERR)) return NULL;
    PyObject *o = oxy_int_box(r);
    oxy_int_decref(r);
    return o;
}

PyObject *oxy_wrap_float_result(double r) {
    if (OXY_UNLIKELY(r == OXY_FLOAT_ERR && PyErr_Occurred())) return NULL;
    return oxy_float_box(r);
}

PyObject *oxy_wrap_bool_result(char r) {
    if (OXY_UNLIKELY(r == 2)) return NULL;
    return oxy_bool_box(r);
}

int oxy_str_is(PyObject *s, int kind) {
    /* (A str subclass gets the builtin method, as for every operation on a value
       typed str: see docs/differences.md.) */
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (kind == 6) return PyUnicode_IS_ASCII(s);
    if (n == 0) return 0;
    if (PyUnicode_IS_ASCII(s)) {
        /* (In ASCII the digits, decimals and numerics are 0-9.) */
        const Py_UCS1 *p = PyUnicode_1BYTE_DATA(s);
        for (Py_ssize_t i = 0; i < n; i++) {
            unsigned char c = p[i];
            int ok = kind == 1   ? Py_ISALPHA(c)
                     : kind == 2 ? Py_ISALNUM(c)
                     : kind == 3 ? _Py_ascii_whitespace[c] != 0
                                 : Py_ISDIGIT(c);
            if (!ok) return 0;
        }
        return 1;
    }
    int ukind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(ukind, data, i);
        int ok;
        switch (kind) {
        case 0: ok = Py_UNICODE_ISDIGIT(ch); break;
        case 1: ok = Py_UNICODE_ISALPHA(ch); break;
        case 2: ok = Py_UNICODE_ISALNUM(ch); break;
        case 3: ok = Py_UNICODE_ISSPACE(ch); break;
        case 4: ok = Py_UNICODE_ISDECIMAL(ch); break;
        default: ok = Py_UNICODE_ISNUMERIC(ch); break;
        }
        if (!ok) return 0;
    }
    return 1;
}

/* o.name(args...) as an ordinary method call (the interned names are kept). */
static PyObject *method_call(const char *name, PyObject **cache, PyObject *s,
                                 PyObject *a, PyObject *b, PyObject *c) {
    if (*cache == NULL) {
        *cache = PyUnicode_InternFromString(name);
        if (*cache == NULL) return NULL;
    }
    PyObject *argv[4] = {s, a, b, c};
    size_t n = c != NULL ? 4 : b != NULL ? 3 : a != NULL ? 2 : 1;
    return PyObject_VectorcallMethod(*cache, argv, n, NULL);
}

/* o is an exact int equal to -1 (the "not given" of maxsplit and count). */
static int is_minus_one(PyObject *o) {
    if (!PyLong_CheckExact(o)) return 0;
    int overflow;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    return overflow == 0 && v == -1;
}

/* Exact str: the C function takes it as the method would. */
#define STR_EXACT(o) PyUnicode_CheckExact(o)

PyObject *oxy_str_split(PyObject *s, PyObject *sep, PyObject *maxsplit, int which) {
    static PyObject *names[2];
    static const char *const cnames[2] = {"split", "rsplit"};
    if (STR_EXACT(s) && (sep == Py_None || STR_EXACT(sep)) && PyLong_CheckExact(maxsplit)) {
        Py_ssize_t n = PyLong_AsSsize_t(maxsplit);
        if (!(n == -1 && PyErr_Occurred())) {
            PyObject *sp = sep == Py_None ? NULL : sep;
            return which ? PyUnicode_RSplit(s, sp, n) : PyUnicode_Split(s, sp, n);
        }
        PyErr_Clear();
    }
    /* (arguments as the call gave them: a maxsplit of -1 stands for none) */
    int given_max = !is_minus_one(maxsplit);
    return method_call(cnames[which], &names[which], s, given_max || sep != Py_None ? sep : NULL,
                           given_max ? maxsplit : NULL, NULL);
}

Py_ssize_t oxy_len_subclass(PyObject *o) {
    Py_ssize_t n = PyObject_Length(o);
    if (n > (Py_ssize_t)OXY_INT_SHORT_MAX) {
        PyErr_Format(PyExc_OverflowError,
                     "len() of a %.200s is %zd: compiled code supports lengths up to 2**62 - 1",
                     Py_TYPE(o)->tp_name, n);
        return -1;
    }
    return n;
}

PyObject *oxy_str_strip(PyObject *s, PyObject *chars, int which) {
    static PyObject *names[3];
    static const char *const cnames[3] = {"strip", "lstrip", "rstrip"};
    if (STR_EXACT(s)) {
        /* (None: the ASCII whitespace, for an ASCII s) */
        if ((chars == Py_None && PyUnicode_IS_ASCII(s)) ||
            (chars != Py_None && STR_EXACT(chars) && PyUnicode_IS_ASCII(chars) &&
             PyUnicode_KIND(s) == PyUnicode_1BYTE_KIND))
            return oxy_str_strip_ascii_set(s, chars, which);
#if PY_VERSION_HEX < 0x030D0000
        /* (striptype: 0 left, 1 right, 2 both) */
        if (chars != Py_None && STR_EXACT(chars))
            return _PyUnicode_XStrip(s, which == 0 ? 2 : which == 1 ? 0 : 1, chars);
#endif
    }
    return method_call(cnames[which], &names[which], s, chars == Py_None ? NULL : chars, NULL,
                           NULL);
}

PyObject *oxy_str_affix(PyObject *s, PyObject *x, int which) {
    static PyObject *names[2];
    static const char *const cnames[2] = {"startswith", "endswith"};
    if (STR_EXACT(s)) {
        int dir = which ? 1 : -1;
        if (STR_EXACT(x)) {
            Py_ssize_t r = PyUnicode_Tailmatch(s, x, 0, PY_SSIZE_T_MAX, dir);
            if (r < 0) return NULL;
            return Py_NewRef(r ? Py_True : Py_False);
        }
        if (PyTuple_CheckExact(x)) {
            Py_ssize_t n = PyTuple_GET_SIZE(x), i;
            for (i = 0; i < n; i++)
                if (!STR_EXACT(PyTuple_GET_ITEM(x, i))) break;
            if (i == n) {
                for (i = 0; i < n; i++) {
                    Py_ssize_t r = PyUnicode_Tailmatch(s, PyTuple_GET_ITEM(x, i), 0, PY_SSIZE_T_MAX, dir);
                    if (r < 0) return NULL;
                    if (r) return Py_NewRef(Py_True);
                }
                return Py_NewRef(Py_False);
            }
        }
    }
    return method_call(cnames[which], &names[which], s, x, NULL, NULL);
}

PyObject *oxy_str_find(PyObject *s, PyObject *sub, int which) {
    static PyObject *names[5];
    static const char *const cnames[5] = {"find", "rfind", "count", "index", "rindex"};
    if (STR_EXACT(s) && STR_EXACT(sub)) {
        Py_ssize_t r;
        if (which == 2) {
            r = PyUnicode_Count(s, sub, 0, PY_SSIZE_T_MAX);
        } else {
            r = PyUnicode_Find(s, sub, 0, PY_SSIZE_T_MAX, which == 1 || which == 4 ? -1 : 1);
            if (r == -2) return NULL;
            if (r == -1 && which >= 3) {
                PyErr_SetString(PyExc_ValueError, "substring not found");
                return NULL;
            }
        }
        if (r == -1 && PyErr_Occurred()) return NULL;
        return PyLong_FromSsize_t(r);
    }
    return method_call(cnames[which], &names[which], s, sub, NULL, NULL);
}

PyObject *oxy_str_replace(PyObject *s, PyObject *old, PyObject *new_, PyObject *count) {
    static PyObject *name;
    if (STR_EXACT(s) && STR_EXACT(old) && STR_EXACT(new_) && PyLong_CheckExact(count)) {
        Py_ssize_t n = PyLong_AsSsize_t(count);
        if (!(n == -1 && PyErr_Occurred())) return PyUnicode_Replace(s, old, new_, n);
        PyErr_Clear();
    }
    int given = !is_minus_one(count);
    return method_call("replace", &name, s, old, new_, given ? count : NULL);
}

PyObject *oxy_str_partition(PyObject *s, PyObject *sep, int which) {
    static PyObject *names[2];
    static const char *const cnames[2] = {"partition", "rpartition"};
    if (STR_EXACT(s) && STR_EXACT(sep))
        return which ? PyUnicode_RPartition(s, sep) : PyUnicode_Partition(s, sep);
    return method_call(cnames[which], &names[which], s, sep, NULL, NULL);
}

PyObject *oxy_str_case(PyObject *s, int which) {
    static PyObject *names[3];
    static const char *const cnames[3] = {"lower", "upper", "capitalize"};
    if (STR_EXACT(s) && PyUnicode_IS_ASCII(s)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s);
        PyObject *r = PyUnicode_New(n, 127);
        if (r == NULL) return NULL;
        const Py_UCS1 *p = PyUnicode_1BYTE_DATA(s);
        Py_UCS1 *q = PyUnicode_1BYTE_DATA(r);
        if (which == 1)
            for (Py_ssize_t i = 0; i < n; i++) q[i] = (Py_UCS1)Py_TOUPPER(p[i]);
        else
            for (Py_ssize_t i = 0; i < n; i++) q[i] = (Py_UCS1)Py_TOLOWER(p[i]);
        /* (capitalize: the first character in title case, which for ASCII is upper) */
        if (which == 2 && n > 0) q[0] = (Py_UCS1)Py_TOUPPER(p[0]);
        return r;
    }
    return method_call(cnames[which], &names[which], s, NULL, NULL, NULL);
}

PyObject *oxy_str_join(PyObject *sep, PyObject *items) {
    static PyObject *name;
    if (STR_EXACT(sep)) return PyUnicode_Join(sep, items);
    return method_call("join", &name, sep, items, NULL, NULL);
}

#undef STR_EXACT

PyObject *oxy_dict_get(PyObject *d, PyObject *key, PyObject *dflt) {
    static PyObject *name;
    if (PyDict_CheckExact(d)) {
        PyObject *v = PyDict_GetItemWithError(d, key); /* borrowed */
        if (v != NULL) return Py_NewRef(v);
        if (PyErr_Occurred()) return NULL;
        return Py_NewRef(dflt != NULL ? dflt : Py_None);
    }
    return method_call("get", &name, d, key, dflt, NULL);
}

PyObject *oxy_dict_setdefault(PyObject *d, PyObject *key, PyObject *dflt) {
    static PyObject *name;
    if (PyDict_CheckExact(d))
        return Py_XNewRef(PyDict_SetDefault(d, key, dflt != NULL ? dflt : Py_None));
    return method_call("setdefault", &name, d, key, dflt, NULL);
}

/* ======================================================================== */
/* Raising errors                                                            */
/* ======================================================================== */

/* Type name used in "must be X, not Y" messages (like CPython's argument
   errors: "None" for None). */
static const char *type_name_of(PyObject *o) {
    return o == Py_None ? "None" : Py_TYPE(o)->tp_name;
}

void oxy_raise_arg_type(const char *fname, const char *argname, const char *expected,
                        PyObject *got) {
    PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be %s, not %.200s", fname, argname,
                 expected, type_name_of(got));
}

void oxy_raise_type(const char *what, const char *expected, PyObject *got) {
    PyErr_Format(PyExc_TypeError, "%s must be %s, not %.200s", what, expected, type_name_of(got));
}

void oxy_raise_unbound_local(const char *name) {
    PyErr_Format(PyExc_UnboundLocalError,
                 "cannot access local variable '%s' where it is not associated with a value", name);
}

PyObject *oxy_list_slice(PyObject *l, oxy_int lo, oxy_int hi, int flags) {
    int has_lo = flags & 1, has_hi = flags & 2;
    if ((!has_lo || OXY_INT_IS_SHORT(lo)) && (!has_hi || OXY_INT_IS_SHORT(hi))) {
        int kind = PyList_CheckExact(l) ? 1 : PyUnicode_CheckExact(l) ? 2 : PyTuple_CheckExact(l) ? 3 : 0;
        if (kind != 0) {
            Py_ssize_t n = kind == 1   ? PyList_GET_SIZE(l)
                           : kind == 2 ? PyUnicode_GET_LENGTH(l)
                                       : PyTuple_GET_SIZE(l);
            Py_ssize_t start = has_lo ? (Py_ssize_t)OXY_INT_SHORT_VALUE(lo) : 0;
            Py_ssize_t stop = has_hi ? (Py_ssize_t)OXY_INT_SHORT_VALUE(hi) : n;
            PySlice_AdjustIndices(n, &start, &stop, 1);
            if (kind == 1) return PyList_GetSlice(l, start, stop);
            if (kind == 2) return PyUnicode_Substring(l, start, stop);
            return PyTuple_GetSlice(l, start, stop);
        }
    }
    PyObject *a = has_lo ? oxy_int_box(lo) : Py_NewRef(Py_None);
    PyObject *b = has_hi ? oxy_int_box(hi) : Py_NewRef(Py_None);
    PyObject *slice = a != NULL && b != NULL ? PySlice_New(a, b, Py_None) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    if (slice == NULL) return NULL;
    PyObject *r = PyObject_GetItem(l, slice);
    Py_DECREF(slice);
    return r;
}

oxy_int oxy_getitem_int_slow(PyObject *b, oxy_int i) {
    PyObject *key = oxy_int_box(i);
    if (key == NULL) return OXY_INT_ERR;
    PyObject *item = PyObject_GetItem(b, key);
    Py_DECREF(key);
    if (item == NULL) return OXY_INT_ERR;
    if (!PyLong_Check(item)) {
        oxy_raise_type("item", "int", item);
        Py_DECREF(item);
        return OXY_INT_ERR;
    }
    return oxy_int_from_long_obj_steal(item);
}

PyObject *oxy_cell_unbound(PyObject *name, int free) {
    const char *n = PyUnicode_AsUTF8(name);
    if (n == NULL) return NULL;
    if (free) {
        oxy_raise_unbound_free(n);
        /* like the interpreter, record the name on the NameError */
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        if (v != NULL && PyObject_SetAttrString(v, "name", name) < 0) PyErr_Clear();
        PyErr_Restore(t, v, tb);
    } else {
        oxy_raise_unbound_local(n);
    }
    return NULL;
}

void oxy_raise_unbound_free(const char *name) {
    PyErr_Format(PyExc_NameError,
                 "cannot access free variable '%s' where it is not associated with a value in "
                 "enclosing scope",
                 name);
}

void oxy_raise_name_error(PyObject *name) {
    const char *s = PyUnicode_AsUTF8(name);
    if (s == NULL) return;
    PyErr_Format(PyExc_NameError, "name '%.200s' is not defined", s);
    /* like the interpreter, record the name (used for "Did you mean" hints) */
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL && PyErr_GivenExceptionMatches(v, PyExc_NameError)) {
        if (PyObject_SetAttrString(v, "name", name) < 0) PyErr_Clear();
    }
    PyErr_Restore(t, v, tb);
}

/* ======================================================================== */
/* Globals and builtins                                                      */
/* ======================================================================== */

static PyObject *builtins_dict(void) {
    static PyObject *dict = NULL; /* owned, kept for the process lifetime */
    if (dict == NULL) {
        PyObject *mod = PyImport_ImportModule("builtins");
        if (mod == NULL) return NULL;
        dict = PyModule_GetDict(mod);
        Py_XINCREF(dict);
        Py_DECREF(mod);
    }
    return dict;
}

PyObject *oxy_load_builtin(PyObject *name) {
    PyObject *b = builtins_dict();
    if (b == NULL) return NULL;
    PyObject *v = PyDict_GetItemWithError(b, name);
    if (v != NULL) {
        Py_INCREF(v);
        return v;
    }
    if (!PyErr_Occurred()) oxy_raise_name_error(name);
    return NULL;
}

PyObject *oxy_load_global(PyObject *globals, PyObject *name) {
    if (OXY_UNLIKELY(!PyDict_Check(globals))) {
        PyErr_SetString(PyExc_SystemError, "oxy_load_global: globals is not a dict");
        return NULL;
    }
    PyObject *v = PyDict_GetItemWithError(globals, name);
    if (v != NULL) {
        Py_INCREF(v);
        return v;
    }
    if (PyErr_Occurred()) return NULL;
    return oxy_load_builtin(name);
}

PyObject *oxy_load_global_slow(PyObject *globals, PyObject *name, oxy_global_cache *c) {
    c->value = NULL;
    if (OXY_UNLIKELY(!PyDict_Check(globals))) return oxy_load_global(globals, name);
    PyObject *v = PyDict_GetItemWithError(globals, name);
    if (v != NULL) {
#if PY_VERSION_HEX < 0x030C0000
        c->version = ((PyDictObject *)globals)->ma_version_tag;
        c->value = v;
#endif
        Py_INCREF(v);
        return v;
    }
    if (PyErr_Occurred()) return NULL;
    return oxy_load_builtin(name);
}

PyObject *oxy_module_attr_slow(PyObject *m, PyObject *name, oxy_global_cache *c) {
    c->value = NULL;
    PyObject *v = PyObject_GetAttr(m, name);
#if PY_VERSION_HEX < 0x030C0000
    /* Remember a value that came from an exact module's dict: ModuleType (an
       immutable builtin type) and object define no attribute whose name does not
       start with "__", so while the dict is unchanged a lookup finds the same. */
    if (v != NULL && Py_IS_TYPE(m, &PyModule_Type) && PyUnicode_Check(name) &&
        !(PyUnicode_GET_LENGTH(name) >= 2 && PyUnicode_READ_CHAR(name, 0) == '_' &&
          PyUnicode_READ_CHAR(name, 1) == '_')) {
        PyObject *d = PyModule_GetDict(m);
        if (d != NULL && PyDict_GetItemWithError(d, name) == v) {
            c->version = ((PyDictObject *)d)->ma_version_tag;
            c->value = v;
        }
        if (PyErr_Occurred()) {
            Py_DECREF(v);
            return NULL;
        }
    }
#endif
    return v;
}

/* A list method called the ordinary way (for what the fast paths leave out). */
static PyObject *list_call(PyObject *l, const char *name, oxy_int i, PyObject *x) {
    PyObject *io = oxy_int_box(i);
    if (io == NULL) return NULL;
    PyObject *r = x == NULL ? PyObject_CallMethod(l, name, "(O)", io)
                            : PyObject_CallMethod(l, name, "OO", io, x);
    Py_DECREF(io);
    return r;
}

PyObject *oxy_list_pop_method(PyObject *l) { return PyObject_CallMethod(l, "pop", NULL); }

/* l.name(x) on a list subclass, its result dropped: 0 or -1. */
static int list_call_drop(PyObject *l, const char *name, PyObject *x) {
    PyObject *r = PyObject_CallMethod(l, name, "(O)", x); /* ("O" would unpack a tuple) */
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

int oxy_list_append_method(PyObject *l, PyObject *x) { return list_call_drop(l, "append", x); }

PyObject *oxy_list_pop(PyObject *l, oxy_int i) {
    if (!OXY_INT_IS_SHORT(i) || !PyList_CheckExact(l)) return list_call(l, "pop", i, NULL);
    Py_ssize_t n = PyList_GET_SIZE(l);
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from empty list");
        return NULL;
    }
    Py_ssize_t k = (Py_ssize_t)OXY_INT_SHORT_VALUE(i);
    if (k < 0) k += n;
    if (k < 0 || k >= n) {
        PyErr_SetString(PyExc_IndexError, "pop index out of range");
        return NULL;
    }
    if (k == n - 1 && k >= (((PyListObject *)l)->allocated >> 1)) {
        /* (What list's resize does when it keeps the allocation.) */
        PyObject *last = PyList_GET_ITEM(l, k);
        Py_SET_SIZE(l, k);
        return last;
    }
    PyObject *v = Py_NewRef(PyList_GET_ITEM(l, k));
    if (PyList_SetSlice(l, k, k + 1, NULL) < 0) {
        Py_DECREF(v);
        return NULL;
    }
    return v;
}

PyObject *oxy_dict_from_tuples(PyObject *keys, PyObject *values) {
    Py_ssize_t n = PyTuple_GET_SIZE(keys);
    PyObject *d = _PyDict_NewPresized(n);
    if (d == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyDict_SetItem(d, PyTuple_GET_ITEM(keys, i), PyTuple_GET_ITEM(values, i)) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

/* `s` is an exact str equal to the ASCII text `t`. */
static int oxy_str_equals_ascii(PyObject *s, const char *t) {
    return s != NULL && PyUnicode_CheckExact(s) && PyUnicode_CompareWithASCIIString(s, t) == 0;
}

char oxy_module_kw_fits(PyObject *callable) {
    if (PyFunction_Check(callable)) {
        PyFunctionObject *f = (PyFunctionObject *)callable;
        return oxy_str_equals_ascii(f->func_module, "collections") &&
               oxy_str_equals_ascii(f->func_qualname, "namedtuple");
    }
    if (!PyType_Check(callable)) return 0;
    /* Its metaclass derives from enum.EnumType. */
    PyObject *mro = Py_TYPE(callable)->tp_mro;
    if (mro == NULL || !PyTuple_Check(mro)) return 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
        PyTypeObject *t = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (strcmp(t->tp_name, "EnumType") != 0 || !(t->tp_flags & Py_TPFLAGS_HEAPTYPE)) continue;
        PyObject *module = PyDict_GetItemString(t->tp_dict, "__module__");
        if (oxy_str_equals_ascii(module, "enum")) return 1;
    }
    return 0;
}

int oxy_list_remove(PyObject *l, PyObject *x) {
    if (!PyList_CheckExact(l)) return list_call_drop(l, "remove", x);
    /* When neither x's type nor an item's defines a comparison of its own, `==` is
       object's: identity, with no side effect, so it needs no call. (A list of
       instances searched for one of them: the common case.) */
    richcmpfunc identity = PyBaseObject_Type.tp_richcompare;
    int x_plain = Py_TYPE(x)->tp_richcompare == identity;
    /* (The list may change under the comparisons: re-read its size each time.) */
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(l); k++) {
        PyObject *item = PyList_GET_ITEM(l, k);
        if (item != x && x_plain && Py_TYPE(item)->tp_richcompare == identity) continue;
        Py_INCREF(item);
        int eq = item == x ? 1 : PyObject_RichCompareBool(item, x, Py_EQ);
        Py_DECREF(item);
        if (eq < 0) return -1;
        if (eq > 0) return k < PyList_GET_SIZE(l) ? PyList_SetSlice(l, k, k + 1, NULL) : 0;
    }
    PyErr_SetString(PyExc_ValueError, "list.remove(x): x not in list");
    return -1;
}

int oxy_list_insert(PyObject *l, oxy_int i, PyObject *x) {
    if (!OXY_INT_IS_SHORT(i) || !PyList_CheckExact(l)) {
        PyObject *r = list_call(l, "insert", i, x);
        if (r == NULL) return -1;
        Py_DECREF(r);
        return 0;
    }
    return PyList_Insert(l, (Py_ssize_t)OXY_INT_SHORT_VALUE(i), x);
}

int oxy_const_is(PyObject *globals, PyObject *name, long long v) {
    if (!PyDict_CheckExact(globals)) return 0;
    PyObject *o = PyDict_GetItemWithError(globals, name);
    if (o == NULL || !PyLong_CheckExact(o)) {
        PyErr_Clear();
        return 0;
    }
    int overflow = 0;
    long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (x == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return !overflow && x == v;
}

oxy_int oxy_load_const_int_slow(PyObject *globals, PyObject *name, oxy_global_cache *c,
                                const char *what) {
    c->version = 0;
    PyObject *v = oxy_load_global_slow(globals, name, c);
    if (v == NULL) {
        c->version = 0;
        return OXY_INT_ERR;
    }
    oxy_int r = OXY_INT_ERR;
    if (PyLong_Check(v)) r = oxy_int_from_long_obj(v);
    else oxy_raise_type(what, "int", v);
    Py_DECREF(v);
    /* Cached (oxy_load_global_slow set the version) only for a short int. */
    if (r != OXY_INT_ERR && OXY_INT_IS_SHORT(r) && c->value != NULL) c->ival = r;
    else c->version = 0;
    c->value = NULL; /* (this cache is only read by oxy_load_const_int) */
    return r;
}

/* ======================================================================== */
/* Exceptions                                                                */
/* ======================================================================== */

PyObject *oxy_fetch_exc(void) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (OXY_UNLIKELY(t == NULL)) {
        return PyObject_CallFunction(PyExc_SystemError, "s",
                                     "oxy_fetch_exc: no exception is set");
    }
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL && PyExceptionInstance_Check(v)) {
        PyException_SetTraceback(v, tb != NULL ? tb : Py_None);
    }
    if (v == NULL) {
        v = Py_None;
        Py_INCREF(v);
    }
    Py_XDECREF(t);
    Py_XDECREF(tb);
    return v;
}

void oxy_restore_exc(PyObject *exc) {
    if (OXY_UNLIKELY(exc == NULL || !PyExceptionInstance_Check(exc))) {
        PyErr_SetString(PyExc_SystemError, "oxy_restore_exc: not an exception instance");
        return;
    }
    PyObject *type = (PyObject *)Py_TYPE(exc);
    PyObject *tb = PyException_GetTraceback(exc); /* new ref or NULL */
    Py_INCREF(type);
    Py_INCREF(exc);
    PyErr_Restore(type, exc, tb);
}

int oxy_exc_matches(PyObject *exc, PyObject *type) {
    if (PyTuple_Check(type)) {
        Py_ssize_t n = PyTuple_GET_SIZE(type);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (!PyExceptionClass_Check(PyTuple_GET_ITEM(type, i))) goto bad;
        }
    } else if (!PyExceptionClass_Check(type)) {
        goto bad;
    }
    return PyErr_GivenExceptionMatches(exc, type);
bad:
    PyErr_SetString(PyExc_TypeError,
                    "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

int oxy_raise(PyObject *exc, PyObject *cause) {
    PyObject *type, *value;
    if (PyExceptionClass_Check(exc)) {
        type = exc;
        value = PyObject_CallNoArgs(exc);
        if (value == NULL) return -1;
        if (!PyExceptionInstance_Check(value)) {
            PyErr_Format(PyExc_TypeError,
                         "calling %R should have returned an instance of BaseException, not %R",
                         type, (PyObject *)Py_TYPE(value));
            Py_DECREF(value);
            return -1;
        }
        Py_INCREF(type);
    } else if (PyExceptionInstance_Check(exc)) {
        value = exc;
        Py_INCREF(value);
        type = (PyObject *)Py_TYPE(exc);
        Py_INCREF(type);
    } else {
        PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
        return -1;
    }
    if (cause != NULL) {
        PyObject *fixed;
        if (PyExceptionClass_Check(cause)) {
            fixed = PyObject_CallNoArgs(cause);
            if (fixed == NULL) goto fail;
        } else if (PyExceptionInstance_Check(cause)) {
            fixed = cause;
            Py_INCREF(fixed);
        } else if (cause == Py_None) {
            fixed = NULL; /* `from None`: clears __cause__, suppresses context */
        } else {
            PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
            goto fail;
        }
        PyException_SetCause(value, fixed); /* steals fixed */
    }
    /* PyErr_SetObject chains the handled exception as __context__ and keeps
       the instance's existing __traceback__ */
    PyErr_SetObject(type, value);
fail:
    Py_DECREF(value);
    Py_DECREF(type);
    return -1;
}

int oxy_reraise(void) {
    PyObject *exc = PyErr_GetHandledException();
    if (exc == NULL || exc == Py_None) {
        Py_XDECREF(exc);
        PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
        return -1;
    }
    oxy_restore_exc(exc);
    Py_DECREF(exc);
    return -1;
}

/* The exception handled at the top of the thread's stack (what an `except` block
   replaces and restores: a compiled generator's own item while it runs). */
PyObject *oxy_get_handled_exc(void) {
    PyObject *exc = PyThreadState_Get()->exc_info->exc_value;
    return Py_NewRef(exc != NULL ? exc : Py_None);
}

void oxy_set_handled_exc(PyObject *exc) {
    PyErr_SetHandledException(exc);
}

PyObject *oxy_swap_handled_exc(PyObject *exc) {
    _PyErr_StackItem *slot = PyThreadState_Get()->exc_info;
    PyObject *old = slot->exc_value; /* the reference moves to the caller */
    Py_XINCREF(exc);
    slot->exc_value = exc;
    if (old == NULL) {
        old = Py_None;
        Py_INCREF(old);
    }
    return old;
}

static PyObject *cached_str(PyObject **cache, const char *s);
static PyObject *s_enter, *s_exit;

/* A special method looked up on the type, bound to obj (like the interpreter's
   _PyObject_LookupSpecial): NULL without an exception when the type lacks it. */
static PyObject *oxy_lookup_special(PyObject *obj, PyObject *name) {
    if (name == NULL) return NULL;
    PyObject *res = _PyType_Lookup(Py_TYPE(obj), name); /* borrowed */
    if (res == NULL) return NULL;
    descrgetfunc get = Py_TYPE(res)->tp_descr_get;
    if (get != NULL) return get(res, obj, (PyObject *)Py_TYPE(obj));
    Py_INCREF(res);
    return res;
}

PyObject *oxy_with_lookup_enter(PyObject *mgr) {
    PyObject *enter = oxy_lookup_special(mgr, cached_str(&s_enter, "__enter__"));
    if (enter == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'%.200s' object does not support the context manager protocol",
                     Py_TYPE(mgr)->tp_name);
    }
    return enter;
}

PyObject *oxy_with_lookup_exit(PyObject *mgr) {
    PyObject *exit = oxy_lookup_special(mgr, cached_str(&s_exit, "__exit__"));
    if (exit == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'%.200s' object does not support the context manager protocol "
                     "(missed __exit__ method)",
                     Py_TYPE(mgr)->tp_name);
    }
    return exit;
}

int oxy_with_exit_none(PyObject *exit) {
    PyObject *args[3] = {Py_None, Py_None, Py_None};
    PyObject *res = PyObject_Vectorcall(exit, args, 3, NULL);
    if (res == NULL) return -1;
    Py_DECREF(res);
    return 0;
}

int oxy_with_exit_exc(PyObject *exit, PyObject *exc) {
    if (OXY_UNLIKELY(!PyExceptionInstance_Check(exc))) {
        PyErr_SetString(PyExc_SystemError, "oxy_with_exit_exc: not an exception instance");
        return -1;
    }
    PyObject *tb = PyException_GetTraceback(exc); /* new reference or NULL */
    PyObject *args[3] = {(PyObject *)Py_TYPE(exc), exc, tb != NULL ? tb : Py_None};
    PyObject *res = PyObject_Vectorcall(exit, args, 3, NULL);
    Py_XDECREF(tb);
    if (res == NULL) return -1;
    int truth = PyObject_IsTrue(res);
    Py_DECREF(res);
    return truth;
}

/* ======================================================================== */
/* except* (PEP 654)                                                         */
/* ======================================================================== */

static PyObject *s_split, *s_derive, *s_notes;

static int is_exc_group(PyObject *e) {
    return PyObject_TypeCheck(e, (PyTypeObject *)PyExc_BaseExceptionGroup);
}

PyObject *oxy_star_begin(PyObject *exc) {
    PyObject *state = PyList_New(1);
    if (state == NULL) return NULL;
    PyList_SET_ITEM(state, 0, Py_NewRef(exc));
    return state;
}

/* The classes an `except*` clause names: exception classes, no group classes. */
static int star_type_check(PyObject *type) {
    Py_ssize_t n = PyTuple_Check(type) ? PyTuple_GET_SIZE(type) : 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyTuple_Check(type) ? PyTuple_GET_ITEM(type, i) : type;
        if (!PyExceptionClass_Check(t)) {
            PyErr_SetString(PyExc_TypeError, "catching classes that do not inherit from "
                                             "BaseException is not allowed");
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyTuple_Check(type) ? PyTuple_GET_ITEM(type, i) : type;
        int is_group = PyObject_IsSubclass(t, PyExc_BaseExceptionGroup);
        if (is_group < 0) return -1;
        if (is_group) {
            PyErr_SetString(PyExc_TypeError, "catching ExceptionGroup with except* is not "
                                             "allowed. Use except instead.");
            return -1;
        }
    }
    return 0;
}

static int star_state_ok(PyObject *state) {
    if (OXY_LIKELY(PyList_CheckExact(state) && PyList_GET_SIZE(state) >= 1)) return 1;
    PyErr_SetString(PyExc_SystemError, "except*: bad handler state");
    return 0;
}

PyObject *oxy_star_match(PyObject *state, PyObject *type) {
    if (star_type_check(type) < 0 || !star_state_ok(state)) return NULL;
    PyObject *exc = Py_NewRef(PyList_GET_ITEM(state, 0));
    PyObject *match = NULL, *rest = NULL;
    if (exc == Py_None) {
        /* everything matched an earlier clause */
    } else if (PyErr_GivenExceptionMatches(exc, type)) {
        if (is_exc_group(exc)) {
            match = Py_NewRef(exc);
        } else {
            /* a naked exception is matched as a group of one */
            PyObject *one = PyTuple_Pack(1, exc);
            if (one == NULL) goto error;
            match = PyObject_CallFunction(PyExc_BaseExceptionGroup, "(sO)", "", one);
            Py_DECREF(one);
            if (match == NULL) goto error;
        }
        rest = Py_NewRef(Py_None);
    } else if (is_exc_group(exc)) {
        PyObject *pair = PyObject_CallMethodOneArg(exc, cached_str(&s_split, "split"), type);
        if (pair == NULL) goto error;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "except*: split() must return a 2-tuple");
            Py_DECREF(pair);
            goto error;
        }
        if (PyTuple_GET_ITEM(pair, 0) != Py_None) {
            match = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
            rest = Py_NewRef(PyTuple_GET_ITEM(pair, 1));
        }
        Py_DECREF(pair);
    }
    Py_DECREF(exc);
    if (match == NULL) return Py_NewRef(Py_None);
    PyList_SetItem(state, 0, rest); /* steals rest, drops the old item */
    return match;
error:
    Py_DECREF(exc);
    return NULL;
}

int oxy_star_raised(PyObject *state, PyObject *exc) {
    if (!star_state_ok(state)) return -1;
    return PyList_Append(state, exc);
}

/* Same traceback, cause and context (and notes slot) as the interpreter compares:
   a part of the original group re-raised as it was, not an exception raised anew. */
static int same_exc_metadata(PyObject *a, PyObject *b) {
    if (!PyExceptionInstance_Check(a) || !PyExceptionInstance_Check(b)) return 0;
    PyBaseExceptionObject *x = (PyBaseExceptionObject *)a, *y = (PyBaseExceptionObject *)b;
    return x->notes == y->notes && x->traceback == y->traceback && x->cause == y->cause &&
           x->context == y->context;
}

/* Add the ids of the leaf (non-group) exceptions of e to ids. */
static int collect_leaf_ids(PyObject *e, PyObject *ids) {
    if (e == Py_None) return 0;
    if (!is_exc_group(e)) {
        PyObject *id = PyLong_FromVoidPtr(e);
        if (id == NULL) return -1;
        int r = PySet_Add(ids, id);
        Py_DECREF(id);
        return r;
    }
    PyObject *excs = ((PyBaseExceptionGroupObject *)e)->excs;
    if (excs == NULL || !PyTuple_Check(excs)) return 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
        if (Py_EnterRecursiveCall(" in except*")) return -1;
        int r = collect_leaf_ids(PyTuple_GET_ITEM(excs, i), ids);
        Py_LeaveRecursiveCall();
        if (r < 0) return -1;
    }
    return 0;
}

/* A group like eg made of parts (a non-empty list), as split() makes its results:
   eg.derive(parts) with eg's traceback, cause, context and a copy of its notes. */
static PyObject *derive_with_metadata(PyObject *eg, PyObject *parts) {
    PyObject *res = PyObject_CallMethodOneArg(eg, cached_str(&s_derive, "derive"), parts);
    if (res == NULL) return NULL;
    if (!is_exc_group(res)) {
        PyErr_SetString(PyExc_TypeError, "derive must return an instance of BaseExceptionGroup");
        goto error;
    }
    PyObject *tb = PyException_GetTraceback(eg);
    if (tb != NULL) {
        int r = PyException_SetTraceback(res, tb);
        Py_DECREF(tb);
        if (r < 0) goto error;
    }
    PyException_SetContext(res, PyException_GetContext(eg)); /* (both steal) */
    PyException_SetCause(res, PyException_GetCause(eg));
    PyObject *notes = PyObject_GetAttr(eg, cached_str(&s_notes, "__notes__"));
    if (notes == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) goto error;
        PyErr_Clear();
    } else {
        /* (notes that are not a sequence are ignored, as split() does) */
        if (PySequence_Check(notes)) {
            PyObject *copy = PySequence_List(notes);
            int r = copy == NULL ? -1 : PyObject_SetAttr(res, s_notes, copy);
            Py_XDECREF(copy);
            if (r < 0) {
                Py_DECREF(notes);
                goto error;
            }
        }
        Py_DECREF(notes);
    }
    return res;
error:
    Py_DECREF(res);
    return NULL;
}

/* The part of e made of the leaves whose ids are in ids, e's structure kept: a new
   reference in *out, or NULL when there is none.  0, or -1 on error. */
static int project_leaves(PyObject *e, PyObject *ids, PyObject **out) {
    *out = NULL;
    PyObject *id = PyLong_FromVoidPtr(e);
    if (id == NULL) return -1;
    int found = PySet_Contains(ids, id);
    Py_DECREF(id);
    if (found < 0) return -1;
    if (found) {
        *out = Py_NewRef(e);
        return 0;
    }
    if (!is_exc_group(e)) return 0;
    PyObject *excs = ((PyBaseExceptionGroupObject *)e)->excs;
    if (excs == NULL || !PyTuple_Check(excs)) return 0;
    Py_INCREF(excs);
    PyObject *parts = PyList_New(0);
    int r = parts == NULL ? -1 : 0;
    for (Py_ssize_t i = 0; r == 0 && i < PyTuple_GET_SIZE(excs); i++) {
        PyObject *part = NULL;
        if (Py_EnterRecursiveCall(" in except*")) {
            r = -1;
            break;
        }
        r = project_leaves(PyTuple_GET_ITEM(excs, i), ids, &part);
        Py_LeaveRecursiveCall();
        if (r == 0 && part != NULL) r = PyList_Append(parts, part);
        Py_XDECREF(part);
    }
    if (r == 0 && PyList_GET_SIZE(parts) > 0) {
        *out = derive_with_metadata(e, parts);
        if (*out == NULL) r = -1;
    }
    Py_XDECREF(parts);
    Py_DECREF(excs);
    return r;
}

PyObject *oxy_star_result(PyObject *orig, PyObject *state) {
    if (!star_state_ok(state)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(state);
    /* In the interpreter's order: what the handlers raised, then the rest. */
    PyObject *excs = PyList_New(0);
    if (excs == NULL) return NULL;
    for (Py_ssize_t i = 1; i <= n; i++) {
        if (PyList_Append(excs, PyList_GET_ITEM(state, i % n)) < 0) {
            Py_DECREF(excs);
            return NULL;
        }
    }
    if (!is_exc_group(orig)) {
        /* A naked exception: only one clause could match it, so this is what
           that clause raised, or the rest (orig, or None when it matched). */
        PyObject *first = Py_NewRef(PyList_GET_ITEM(excs, 0));
        Py_DECREF(excs);
        return first;
    }
    PyObject *result = NULL, *ids = NULL, *kept = NULL;
    PyObject *raised = PyList_New(0), *reraised = PyList_New(0);
    if (raised == NULL || reraised == NULL) goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(excs); i++) {
        PyObject *e = PyList_GET_ITEM(excs, i);
        if (e == Py_None) continue;
        if (PyList_Append(same_exc_metadata(e, orig) ? reraised : raised, e) < 0) goto done;
    }
    /* The re-raised parts go back as one group shaped like orig. */
    ids = PySet_New(NULL);
    if (ids == NULL) goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(reraised); i++) {
        if (collect_leaf_ids(PyList_GET_ITEM(reraised, i), ids) < 0) goto done;
    }
    if (project_leaves(orig, ids, &kept) < 0) goto done;
    if (PyList_GET_SIZE(raised) == 0) {
        result = kept != NULL ? Py_NewRef(kept) : Py_NewRef(Py_None);
        goto done;
    }
    if (kept != NULL && PyList_Append(raised, kept) < 0) goto done;
    if (PyList_GET_SIZE(raised) > 1) {
        result = PyObject_CallFunction(PyExc_BaseExceptionGroup, "(sO)", "", raised);
    } else {
        result = Py_NewRef(PyList_GET_ITEM(raised, 0));
    }
done:
    Py_XDECREF(kept);
    Py_XDECREF(ids);
    Py_XDECREF(raised);
    Py_XDECREF(reraised);
    Py_DECREF(excs);
    return result;
}

/* ======================================================================== */
/* Strings                                                                   */
/* ======================================================================== */

PyObject *oxy_str_getitem(PyObject *s, oxy_int i) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(i) && PyUnicode_CheckExact(s))) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s), k = (Py_ssize_t)OXY_INT_SHORT_VALUE(i);
        if (k < 0) k += n;
        if (OXY_UNLIKELY((size_t)k >= (size_t)n)) {
            PyErr_SetString(PyExc_IndexError, "string index out of range");
            return NULL;
        }
        Py_UCS4 ch = PyUnicode_READ_CHAR(s, k);
        if (ch < 256) {
            /* The interpreter's own one-character strings, looked up once. */
            static PyObject *latin1[256];
            if (latin1[ch] == NULL && (latin1[ch] = PyUnicode_FromOrdinal((int)ch)) == NULL)
                return NULL;
            return Py_NewRef(latin1[ch]);
        }
        return PyUnicode_FromOrdinal((int)ch);
    }
    PyObject *key = oxy_int_box(i);
    if (key == NULL) return NULL;
    PyObject *r = PyObject_GetItem(s, key);
    Py_DECREF(key);
    return r;
}

/* Slice bound of an exact int, clamped to Py_ssize_t like CPython does. */
static int slice_bound(PyObject *v, Py_ssize_t *out) {
    if (v == Py_None) return 1;
    if (!PyLong_CheckExact(v)) return 0;
    *out = PyNumber_AsSsize_t(v, NULL); /* clamps, cannot fail for an int */
    return 1;
}

PyObject *oxy_str_slice(PyObject *s, PyObject *start, PyObject *stop, PyObject *step) {
    if (start == NULL) start = Py_None;
    if (stop == NULL) stop = Py_None;
    if (step == NULL) step = Py_None;
    if (PyUnicode_CheckExact(s) && step == Py_None) {
        Py_ssize_t i = 0, j = PY_SSIZE_T_MAX;
        if (slice_bound(start, &i) && slice_bound(stop, &j)) {
            PySlice_AdjustIndices(PyUnicode_GET_LENGTH(s), &i, &j, 1);
            if (j < i) j = i;
            return PyUnicode_Substring(s, i, j);
        }
    }
    PyObject *slice = PySlice_New(start, stop, step);
    if (slice == NULL) return NULL;
    PyObject *r = PyObject_GetItem(s, slice);
    Py_DECREF(slice);
    return r;
}

PyObject *oxy_str_join_array(PyObject *const *items, Py_ssize_t n) {
    Py_ssize_t total = 0;
    Py_UCS4 maxchar = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = items[i];
        if (OXY_UNLIKELY(!PyUnicode_Check(it))) {
            PyErr_Format(PyExc_TypeError, "sequence item %zd: expected str instance, %.80s found",
                         i, Py_TYPE(it)->tp_name);
            return NULL;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(it);
        if (OXY_UNLIKELY(len > PY_SSIZE_T_MAX - total)) {
            PyErr_SetString(PyExc_OverflowError, "join() result is too long for a Python string");
            return NULL;
        }
        total += len;
        Py_UCS4 mc = PyUnicode_MAX_CHAR_VALUE(it);
        if (mc > maxchar) maxchar = mc;
    }
    if (n == 1 && PyUnicode_CheckExact(items[0])) {
        Py_INCREF(items[0]);
        return items[0];
    }
    PyObject *r = PyUnicode_New(total, maxchar);
    if (r == NULL) return NULL;
    Py_ssize_t pos = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t len = PyUnicode_GET_LENGTH(items[i]);
        if (len == 0) continue;
        if (PyUnicode_CopyCharacters(r, pos, items[i], 0, len) < 0) {
            Py_DECREF(r);
            return NULL;
        }
        pos += len;
    }
    return r;
}

PyObject *oxy_format(PyObject *value, PyObject *spec, char conversion) {
    PyObject *v;
    switch (conversion) {
    case 0: v = value; Py_INCREF(v); break;
    case 's': v = PyObject_Str(value); break;
    case 'r': v = PyObject_Repr(value); break;
    case 'a': v = PyObject_ASCII(value); break;
    default:
        PyErr_Format(PyExc_SystemError, "oxy_format: unknown conversion %d", (int)conversion);
        return NULL;
    }
    if (v == NULL) return NULL;
    if (spec == NULL && PyUnicode_CheckExact(v)) return v;
    PyObject *r = PyObject_Format(v, spec);
    Py_DECREF(v);
    return r;
}

/* ======================================================================== */
/* Lists and tuples                                                          */
/* ======================================================================== */

PyObject *oxy_list_getitem_slow(PyObject *list, oxy_int i) {
    if (OXY_INT_IS_SHORT(i) && PyList_CheckExact(list)) {
        Py_ssize_t k;
        if (oxy_seq_index(i, PyList_GET_SIZE(list), &k)) {
            PyObject *v = PyList_GET_ITEM(list, k);
            Py_INCREF(v);
            return v;
        }
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    PyObject *key = oxy_int_box(i);
    if (key == NULL) return NULL;
    /* The caller may only borrow the list (a field it read just before:
       oxyc_passes::borrow), and a subclass's __getitem__ may rebind that field. */
    Py_INCREF(list);
    PyObject *r = PyObject_GetItem(list, key);
    Py_DECREF(list);
    Py_DECREF(key);
    return r;
}

int oxy_list_setitem_slow(PyObject *list, oxy_int i, PyObject *v) {
    if (OXY_INT_IS_SHORT(i) && PyList_CheckExact(list)) {
        Py_ssize_t k;
        if (oxy_seq_index(i, PyList_GET_SIZE(list), &k)) {
            PyObject *old = PyList_GET_ITEM(list, k);
            Py_INCREF(v);
            PyList_SET_ITEM(list, k, v);
            Py_DECREF(old);
            return 0;
        }
        PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
        return -1;
    }
    PyObject *key = oxy_int_box(i);
    if (key == NULL) return -1;
    int r = PyObject_SetItem(list, key, v);
    Py_DECREF(key);
    return r;
}

PyObject *oxy_tuple_getitem_slow(PyObject *t, oxy_int i) {
    if (OXY_INT_IS_SHORT(i) && PyTuple_CheckExact(t)) {
        Py_ssize_t k;
        if (oxy_seq_index(i, PyTuple_GET_SIZE(t), &k)) {
            PyObject *v = PyTuple_GET_ITEM(t, k);
            Py_INCREF(v);
            return v;
        }
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    PyObject *key = oxy_int_box(i);
    if (key == NULL) return NULL;
    PyObject *r = PyObject_GetItem(t, key);
    Py_DECREF(key);
    return r;
}

/* ---- long loops: signals and other threads ------------------------------ */

int oxy_loop_tick(void) {
    static unsigned int ticks = 0; /* protected by the GIL */
    if ((++ticks & 63) == 0) {
        Py_BEGIN_ALLOW_THREADS
        Py_END_ALLOW_THREADS
    }
    return PyErr_CheckSignals();
}

/* ======================================================================== */
/* Generators                                                                */
/* ======================================================================== */

typedef struct {
    PyObject_VAR_HEAD /* ob_size: the size of the frame, stored right after */
    oxy_gen_def *def; /* its function's: body, frame layout, names */
    PyObject *weakreflist;
    /* The exception its body is handling (owned; NULL while the body runs, when
       gen_run_ex's item on the thread's stack of handled exceptions holds it, as
       for the interpreter's generators), so an `except` block survives a `yield`
       or `await` in it. */
    PyObject *exc_value;
    char running;
    char tracked; /* by the garbage collector (see oxy_gen_def.track_unstarted) */
    char kind; /* OXY_GEN, OXY_CORO or OXY_AGEN */
    char agen_running; /* an async generator: an asend/athrow is in progress */
    char agen_closed;  /* ... finished (StopAsyncIteration given) */
    char agen_hooks;   /* ... sys.set_asyncgen_hooks' firstiter called */
    PyObject *agen_finalizer; /* ... the finalizer hook, called when it is collected */
    /* (Kept small: a program may hold many suspended coroutines, and the frame
       follows at OXY_GEN_FRAME_OFFSET.) */
} OxyGen;

enum { OXY_GEN = 0, OXY_CORO = 1, OXY_AGEN = 2 };

static const char *gen_kind_name(OxyGen *g) {
    return g->kind == OXY_CORO ? "coroutine" : g->kind == OXY_AGEN ? "async generator" : "generator";
}

static PyTypeObject *oxy_gen_type = NULL;

/* Where the frame starts in a generator object (it follows the struct). */
#define OXY_GEN_FRAME_OFFSET ((sizeof(OxyGen) + 15) & ~(size_t)15)
#define OXY_GEN_FRAME(g) ((void *)((char *)(g) + OXY_GEN_FRAME_OFFSET))
#define OXY_GEN_STATE(g) (*(int *)OXY_GEN_FRAME(g))

/* A kept generator object keeps its type's reference and is revived by setting
   its count (what PyObject_Init does but the reference-debugging builds' global
   accounting, where it goes through PyObject_Init and releases the type). */
#if !defined(Py_REF_DEBUG) && !defined(Py_TRACE_REFS)
#define OXY_GEN_KEEPS_TYPE 1
#else
#define OXY_GEN_KEEPS_TYPE 0
#endif

/* The body is over: what its frame still holds (arguments, closure) is released
   now, as the interpreter clears a finished frame (clear_frame is idempotent). */
static void gen_end(OxyGen *g) {
    OXY_GEN_STATE(g) = -1;
    g->def->clear_frame(OXY_GEN_FRAME(g));
}

/* PEP 479: a StopIteration escaping the body becomes a RuntimeError. */
static void gen_wrap_stop_iteration(const char *kind) {
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) return;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL) PyException_SetTraceback(v, tb);
    PyErr_Format(PyExc_RuntimeError, "%s raised StopIteration", kind);
    PyObject *t2, *v2, *tb2;
    PyErr_Fetch(&t2, &v2, &tb2);
    PyErr_NormalizeException(&t2, &v2, &tb2);
    Py_INCREF(v);
    PyException_SetCause(v2, v);
    PyException_SetContext(v2, v);
    PyErr_Restore(t2, v2, tb2);
    Py_XDECREF(t);
    Py_XDECREF(tb);
}

/* Run the body until its next yield or its end. `sent` NULL: raise the pending
   exception there. Returns the value yielded, or NULL: finished (*done = 1, the
   return value in *result) or an error. */
static PyObject *gen_run_ex(OxyGen *g, PyObject *sent, int *done, PyObject **result,
                            int closing) {
    *done = 0;
    *result = NULL;
    /* (A running generator's state reads -1: check this first.) */
    if (g->running) {
        PyErr_Format(PyExc_ValueError, "%s already executing", gen_kind_name(g));
        return NULL;
    }
    if (OXY_GEN_STATE(g) < 0) {
        if (g->kind == OXY_CORO && !closing) {
            if (sent == NULL) PyErr_Clear();
            PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited coroutine");
            return NULL;
        }
        if (sent != NULL) *done = 1;
        return NULL;
    }
    if (OXY_GEN_STATE(g) == 0) {
        if (sent == NULL) {
            /* Thrown into before it started: it ends there. */
            gen_end(g);
            return NULL;
        }
        if (sent != Py_None) {
            PyErr_Format(PyExc_TypeError, "can't send non-None value to a just-started %s",
                         gen_kind_name(g));
            return NULL;
        }
    }
    if (OXY_UNLIKELY(oxy_rt_stack_limit == 0)) oxy_stack_init();
    int d = oxy_rt_call_depth;
    if (OXY_WRAPPER_TOO_DEEP(d + 1)) {
        /* (As in the interpreter, the RecursionError ends the generator.) */
        gen_end(g);
        return NULL;
    }
    g->running = 1;
    PyThreadState *ts = _PyThreadState_UncheckedGet(); /* (the GIL is held) */
    _PyErr_StackItem exc_state;
    exc_state.exc_value = g->exc_value;
    g->exc_value = NULL;
    exc_state.previous_item = ts->exc_info;
    ts->exc_info = &exc_state;
    if (sent == NULL && exc_state.exc_value != NULL && exc_state.exc_value != Py_None) {
        /* Thrown in while handling an exception: that one is its context (the
           interpreter chains a thrown exception to the generator's own). */
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (t != NULL) PyErr_SetObject(t, v);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
    }
    PyObject *r = g->def->resume(OXY_GEN_FRAME(g), sent, d + 1);
    ts->exc_info = exc_state.previous_item;
    g->exc_value = exc_state.exc_value;
    g->running = 0;
    oxy_rt_call_depth = d;
    if (OXY_GEN_STATE(g) >= 0) {
        /* Suspended at a yield: its frame may now hold anything. */
        if (OXY_UNLIKELY(!g->tracked)) {
            g->tracked = 1;
            PyObject_GC_Track(g);
        }
        return r;
    }
    Py_CLEAR(g->exc_value);
    g->def->clear_frame(OXY_GEN_FRAME(g));
    if (r != NULL) {
        *done = 1;
        *result = r;
        return NULL;
    }
    if (g->kind == OXY_AGEN && PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
        /* (As PEP 479 for StopIteration.) */
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        if (tb != NULL) PyException_SetTraceback(v, tb);
        PyErr_SetString(PyExc_RuntimeError, "async generator raised StopAsyncIteration");
        PyObject *t2, *v2, *tb2;
        PyErr_Fetch(&t2, &v2, &tb2);
        PyErr_NormalizeException(&t2, &v2, &tb2);
        PyException_SetCause(v2, Py_NewRef(v));
        PyException_SetContext(v2, v);
        PyErr_Restore(t2, v2, tb2);
        Py_XDECREF(t);
        Py_XDECREF(tb);
        return NULL;
    }
    gen_wrap_stop_iteration(gen_kind_name(g));
    return NULL;
}

static PyObject *gen_run(OxyGen *g, PyObject *sent, int *done, PyObject **result) {
    return gen_run_ex(g, sent, done, result, 0);
}

int oxy_reraise_pep479(void) {
    gen_wrap_stop_iteration("generator");
    return -1;
}

/* am_send: the fast path of PyIter_Send (asyncio's tasks, `yield from`, `await`). */
static PySendResult gen_am_send(PyObject *self, PyObject *arg, PyObject **presult) {
    int done;
    PyObject *result;
    PyObject *r = gen_run((OxyGen *)self, arg, &done, &result);
    if (r != NULL) {
        *presult = r;
        return PYGEN_NEXT;
    }
    if (done) {
        *presult = result != NULL ? result : Py_NewRef(Py_None);
        return PYGEN_RETURN;
    }
    *presult = NULL;
    return PYGEN_ERROR;
}

static PyObject *gen_iternext(PyObject *self) {
    int done;
    PyObject *result;
    PyObject *r = gen_run((OxyGen *)self, Py_None, &done, &result);
    if (r == NULL && done && result != NULL) {
        if (result != Py_None) _PyGen_SetStopIterationValue(result);
        Py_DECREF(result);
    }
    return r;
}

static PyObject *gen_send(PyObject *self, PyObject *arg) {
    int done;
    PyObject *result;
    PyObject *r = gen_run((OxyGen *)self, arg, &done, &result);
    if (r == NULL && done) {
        if (result == NULL || result == Py_None) PyErr_SetNone(PyExc_StopIteration);
        else _PyGen_SetStopIterationValue(result);
        Py_XDECREF(result);
    }
    return r;
}

/* Raise (type, value, tb) the way generator.throw() normalises its arguments. */
static int gen_set_thrown(PyObject *typ, PyObject *val, PyObject *tb) {
    if (tb == Py_None) tb = NULL;
    if (tb != NULL && !PyTraceBack_Check(tb)) {
        PyErr_SetString(PyExc_TypeError, "throw() third argument must be a traceback object");
        return -1;
    }
    if (PyExceptionClass_Check(typ)) {
        PyObject *exc;
        if (val == NULL || val == Py_None) exc = PyObject_CallNoArgs(typ);
        else if (PyObject_TypeCheck(val, (PyTypeObject *)typ)) exc = Py_NewRef(val);
        else if (PyTuple_Check(val)) exc = PyObject_Call(typ, val, NULL);
        else exc = PyObject_CallOneArg(typ, val);
        if (exc == NULL) return -1;
        if (tb != NULL) PyException_SetTraceback(exc, tb);
        /* (Restored as is: no implicit chaining to an exception being handled.) */
        PyErr_Restore(Py_NewRef((PyObject *)Py_TYPE(exc)), exc, Py_XNewRef(tb));
        return 0;
    }
    if (PyExceptionInstance_Check(typ)) {
        if (val != NULL && val != Py_None) {
            PyErr_SetString(PyExc_TypeError, "instance exception may not have a separate value");
            return -1;
        }
        if (tb != NULL) {
            PyException_SetTraceback(typ, tb);
            Py_INCREF(tb);
        } else {
            /* (As the interpreter: the instance's own traceback goes on.) */
            tb = PyException_GetTraceback(typ);
        }
        PyErr_Restore(Py_NewRef((PyObject *)Py_TYPE(typ)), Py_NewRef(typ), tb);
        return 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "exceptions must be classes or instances deriving from BaseException, not %s",
                 Py_TYPE(typ)->tp_name);
    return -1;
}

static PyObject *gen_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (((OxyGen *)self)->running) {
        PyErr_Format(PyExc_ValueError, "%s already executing", gen_kind_name((OxyGen *)self));
        return NULL;
    }
    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "throw expected at least 1 argument, got %zd", nargs);
        return NULL;
    }
    if (gen_set_thrown(args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL) < 0) return NULL;
    int done;
    PyObject *result;
    PyObject *r = gen_run((OxyGen *)self, NULL, &done, &result);
    if (r == NULL && done) {
        /* Returned after handling the exception. */
        if (result == NULL || result == Py_None) PyErr_SetNone(PyExc_StopIteration);
        else _PyGen_SetStopIterationValue(result);
        Py_XDECREF(result);
    }
    return r;
}

static PyObject *gen_close(PyObject *self, PyObject *unused) {
    (void)unused;
    OxyGen *g = (OxyGen *)self;
    if (g->running) {
        PyErr_Format(PyExc_ValueError, "%s already executing", gen_kind_name(g));
        return NULL;
    }
    if (OXY_GEN_STATE(g) <= 0) {
        if (OXY_GEN_STATE(g) == 0) gen_end(g);
        Py_RETURN_NONE;
    }
    PyErr_SetNone(PyExc_GeneratorExit);
    int done;
    PyObject *result;
    PyObject *r = gen_run_ex(g, NULL, &done, &result, 1);
    if (r != NULL) {
        Py_DECREF(r);
        PyErr_Format(PyExc_RuntimeError, "%s ignored GeneratorExit", gen_kind_name(g));
        return NULL;
    }
    if (done) {
        Py_XDECREF(result);
        Py_RETURN_NONE;
    }
    if (PyErr_ExceptionMatches(PyExc_StopIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return NULL;
}

static void gen_finalize(PyObject *self) {
    OxyGen *g = (OxyGen *)self;
    PyObject *t, *v, *tb;
    if (g->kind == OXY_AGEN && g->agen_finalizer != NULL && !g->agen_closed &&
        OXY_GEN_STATE(g) > 0) {
        /* The event loop's hook closes it (asynchronously). */
        PyErr_Fetch(&t, &v, &tb);
        PyObject *r = PyObject_CallOneArg(g->agen_finalizer, self);
        if (r == NULL) PyErr_WriteUnraisable(self);
        else Py_DECREF(r);
        PyErr_Restore(t, v, tb);
        return;
    }
    if (OXY_GEN_STATE(g) == 0 && g->kind == OXY_CORO) {
        PyErr_Fetch(&t, &v, &tb);
        if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "coroutine '%U' was never awaited",
                             g->def->qualname) < 0)
            PyErr_WriteUnraisable(self);
        PyErr_Restore(t, v, tb);
        return;
    }
    if (OXY_GEN_STATE(g) <= 0) return;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *r = gen_close(self, NULL);
    if (r == NULL) PyErr_WriteUnraisable(self);
    else Py_DECREF(r);
    PyErr_Restore(t, v, tb);
}

/* What a generator owns, for the garbage collector: its frame only while it is
   suspended or not started (a running body's registers are in flux). */
static int gen_traverse(PyObject *self, visitproc visit, void *arg) {
    OxyGen *g = (OxyGen *)self;
    /* (The collector calls this often on every live generator: the common case,
       nothing handled and no finalizer, goes straight to the frame.) */
    if (OXY_UNLIKELY(g->exc_value != NULL || g->agen_finalizer != NULL)) {
        Py_VISIT(g->exc_value);
        Py_VISIT(g->agen_finalizer);
    }
    if (g->running || OXY_GEN_STATE(g) < 0) return 0;
    return g->def->traverse_frame(OXY_GEN_FRAME(g), visit, arg);
}

static void gen_dealloc(PyObject *self) {
    OxyGen *g = (OxyGen *)self;
    /* (Only an object the collector tracked, or whose finalizer ran, can carry the
       "finalized" mark.) */
    int maybe_finalized = g->tracked;
    if (g->tracked) PyObject_GC_UnTrack(self);
    /* (A finished one has nothing to finalize: see gen_finalize. The finalizer runs
       with the object tracked, as for any collectable object.) */
    if (OXY_GEN_STATE(g) >= 0) {
        PyObject_GC_Track(self);
        maybe_finalized = 1;
        if (PyObject_CallFinalizerFromDealloc(self) < 0) {
            g->tracked = 1;
            return; /* resurrected */
        }
        PyObject_GC_UnTrack(self);
    }
    if (g->weakreflist != NULL) PyObject_ClearWeakRefs(self);
    /* (A finished body's frame was cleared when it ended.) */
    if (OXY_GEN_STATE(g) >= 0) g->def->clear_frame(OXY_GEN_FRAME(g));
    Py_CLEAR(g->exc_value);
    Py_CLEAR(g->agen_finalizer);
    PyTypeObject *tp = Py_TYPE(self);
    oxy_gen_def *def = g->def;
    if (def->spare == NULL && !(maybe_finalized && PyObject_GC_IsFinalized(self))) {
        /* Kept for the next oxy_gen_alloc of its function (a finalized object
           is not: its GC header says so). */
        def->spare = self;
        if (OXY_GEN_KEEPS_TYPE) return;
    } else {
        PyObject_GC_Del(self);
    }
    Py_DECREF(tp);
}

static PyObject *gen_repr(PyObject *self) {
    OxyGen *g = (OxyGen *)self;
    const char *tname = g->kind == OXY_AGEN ? "async_generator" : gen_kind_name(g);
    return PyUnicode_FromFormat("<%s object %U at %p>", tname, g->def->qualname, self);
}

static PyObject *gen_get_name(PyObject *self, void *c) {
    (void)c;
    return Py_NewRef(((OxyGen *)self)->def->name);
}
static PyObject *gen_get_qualname(PyObject *self, void *c) {
    (void)c;
    return Py_NewRef(((OxyGen *)self)->def->qualname);
}
static PyObject *gen_get_running(PyObject *self, void *c) {
    (void)c;
    return PyBool_FromLong(((OxyGen *)self)->running);
}
static PyObject *gen_get_none(PyObject *self, void *c) {
    (void)self;
    (void)c;
    Py_RETURN_NONE;
}

static PyGetSetDef gen_getset[] = {
    {"__name__", gen_get_name, NULL, NULL, NULL},
    {"__qualname__", gen_get_qualname, NULL, NULL, NULL},
    {"gi_running", gen_get_running, NULL, NULL, NULL},
    {"gi_frame", gen_get_none, NULL, NULL, NULL},
    {"gi_yieldfrom", gen_get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef gen_methods[] = {
    {"send", gen_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))gen_throw, METH_FASTCALL, NULL},
    {"close", gen_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* A type named under builtins (so PyType_FromSpec does not warn), then shown by
   its bare name like the interpreter's; registered with the ABC `abc_name`. */
static PyTypeObject *make_builtin_like_type(PyType_Spec *spec, const char *bare,
                                            const char *abc_name) {
    PyTypeObject *tp = (PyTypeObject *)PyType_FromSpec(spec);
    if (tp == NULL) return NULL;
    tp->tp_name = bare;
    if (abc_name == NULL) return tp;
    PyObject *abc = PyImport_ImportModule("collections.abc");
    if (abc != NULL) {
        PyObject *base = PyObject_GetAttrString(abc, abc_name);
        PyObject *ok = base == NULL ? NULL : PyObject_CallMethod(base, "register", "(O)", (PyObject *)tp);
        Py_XDECREF(ok);
        Py_XDECREF(base);
        Py_DECREF(abc);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(tp);
        return NULL;
    }
    return tp;
}

static PyTypeObject *oxy_gen_type_get(void) {
    if (oxy_gen_type != NULL) return oxy_gen_type;
    static PyMemberDef members[] = {
        {"__weaklistoffset__", T_PYSSIZET, offsetof(OxyGen, weakreflist), READONLY, NULL},
        {NULL, 0, 0, 0, NULL},
    };
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)gen_dealloc},
        {Py_tp_traverse, (void *)gen_traverse},
        {Py_tp_finalize, (void *)gen_finalize},
        {Py_tp_repr, (void *)gen_repr},
        {Py_tp_iter, (void *)PyObject_SelfIter},
        {Py_tp_iternext, (void *)gen_iternext},
        {Py_am_send, (void *)gen_am_send},
        {Py_tp_getset, (void *)gen_getset},
        {Py_tp_methods, (void *)gen_methods},
        {Py_tp_members, (void *)members},
        {0, NULL},
    };
    PyType_Spec spec = {
        "builtins.generator",
        sizeof(OxyGen),
        1,
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION |
            Py_TPFLAGS_HAVE_GC,
        slots,
    };
    /* isinstance(g, collections.abc.Generator) holds, as for the interpreter's. */
    oxy_gen_type = make_builtin_like_type(&spec, "generator", "Generator");
    return oxy_gen_type;
}

static PyTypeObject *oxy_coro_type_get(void);
static PyTypeObject *oxy_agen_type_get(void);

/* A generator object and its frame in one allocation, untracked (oxy_gen_start
   tracks it once the frame is filled). The def keeps one finished object of its
   function (see gen_dealloc), reused here: creating and finishing a generator or
   coroutine in a loop allocates nothing. */
void *oxy_gen_alloc(oxy_gen_def *def, PyObject **out, PyObject *name, PyObject *qualname) {
    OxyGen *g = (OxyGen *)def->spare;
    if (g != NULL) {
        def->spare = NULL;
#if OXY_GEN_KEEPS_TYPE
        Py_SET_REFCNT(g, 1); /* (its type reference was kept with it) */
#else
        (void)PyObject_InitVar((PyVarObject *)g, Py_TYPE(g), Py_SIZE(g));
#endif
    } else {
        PyTypeObject *tp = def->kind == OXY_CORO   ? oxy_coro_type_get()
                           : def->kind == OXY_AGEN ? oxy_agen_type_get()
                                                   : oxy_gen_type_get();
        if (tp == NULL) return NULL;
        g = PyObject_GC_NewVar(OxyGen, tp,
                               (Py_ssize_t)(OXY_GEN_FRAME_OFFSET - sizeof(OxyGen)) + def->frame_size);
        if (g == NULL) return NULL;
        g->def = def;
        g->kind = (char)def->kind;
    }
    g->weakreflist = NULL;
    g->running = 0;
    g->tracked = 0;
    g->exc_value = NULL;
    g->agen_running = g->agen_closed = g->agen_hooks = 0;
    g->agen_finalizer = NULL;
    /* (The def holds its function's names, which its objects show; always the
       same strings, the module's constants: a reference of its own keeps them
       for objects that outlive the module.) */
    if (OXY_UNLIKELY(def->name != name)) Py_XSETREF(def->name, Py_NewRef(name));
    if (OXY_UNLIKELY(def->qualname != qualname)) Py_XSETREF(def->qualname, Py_NewRef(qualname));
    *out = (PyObject *)g;
    return OXY_GEN_FRAME(g);
}

PyObject *oxy_gen_start(PyObject *o) {
    ((OxyGen *)o)->tracked = 1;
    PyObject_GC_Track(o);
    return o;
}

/* ---- coroutines: the same object under another type ---------------------- */

static PyTypeObject *oxy_coro_type = NULL, *oxy_coro_wrapper_type = NULL;

/* What `__await__` returns: an iterator over the coroutine (for the interpreter's
   `await` of a compiled coroutine, and for explicit __await__() calls). */
typedef struct {
    PyObject_HEAD
    PyObject *coro;
} OxyCoroWrapper;

static void corowrap_dealloc(PyObject *self) {
    Py_XDECREF(((OxyCoroWrapper *)self)->coro);
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_Free(self);
    Py_DECREF(tp);
}
static PyObject *corowrap_iternext(PyObject *self) {
    return gen_iternext(((OxyCoroWrapper *)self)->coro);
}
static PyObject *corowrap_send(PyObject *self, PyObject *arg) {
    return gen_send(((OxyCoroWrapper *)self)->coro, arg);
}
static PyObject *corowrap_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    return gen_throw(((OxyCoroWrapper *)self)->coro, args, nargs);
}
static PyObject *corowrap_close(PyObject *self, PyObject *unused) {
    return gen_close(((OxyCoroWrapper *)self)->coro, unused);
}
static PySendResult corowrap_am_send(PyObject *self, PyObject *arg, PyObject **presult) {
    return gen_am_send(((OxyCoroWrapper *)self)->coro, arg, presult);
}
static PyMethodDef corowrap_methods[] = {
    {"send", corowrap_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))corowrap_throw, METH_FASTCALL, NULL},
    {"close", corowrap_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *coro_await(PyObject *self) {
    OxyCoroWrapper *w = PyObject_New(OxyCoroWrapper, oxy_coro_wrapper_type);
    if (w == NULL) return NULL;
    w->coro = Py_NewRef(self);
    return (PyObject *)w;
}

static PyGetSetDef coro_getset[] = {
    {"__name__", gen_get_name, NULL, NULL, NULL},
    {"__qualname__", gen_get_qualname, NULL, NULL, NULL},
    {"cr_running", gen_get_running, NULL, NULL, NULL},
    {"cr_frame", gen_get_none, NULL, NULL, NULL},
    {"cr_await", gen_get_none, NULL, NULL, NULL},
    {"cr_origin", gen_get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject *oxy_coro_type_get(void) {
    if (oxy_coro_type != NULL) return oxy_coro_type;
    static PyMemberDef members[] = {
        {"__weaklistoffset__", T_PYSSIZET, offsetof(OxyGen, weakreflist), READONLY, NULL},
        {NULL, 0, 0, 0, NULL},
    };
    PyType_Slot wslots[] = {
        {Py_tp_dealloc, (void *)corowrap_dealloc},
        {Py_tp_iter, (void *)PyObject_SelfIter},
        {Py_tp_iternext, (void *)corowrap_iternext},
        {Py_am_send, (void *)corowrap_am_send},
        {Py_tp_methods, (void *)corowrap_methods},
        {0, NULL},
    };
    PyType_Spec wspec = {
        "builtins.coroutine_wrapper",
        sizeof(OxyCoroWrapper),
        0,
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
        wslots,
    };
    oxy_coro_wrapper_type = make_builtin_like_type(&wspec, "coroutine_wrapper", NULL);
    if (oxy_coro_wrapper_type == NULL) return NULL;
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)gen_dealloc},
        {Py_tp_traverse, (void *)gen_traverse},
        {Py_tp_finalize, (void *)gen_finalize},
        {Py_tp_repr, (void *)gen_repr},
        {Py_am_await, (void *)coro_await},
        {Py_am_send, (void *)gen_am_send},
        {Py_tp_getset, (void *)coro_getset},
        {Py_tp_methods, (void *)gen_methods},
        {Py_tp_members, (void *)members},
        {0, NULL},
    };
    PyType_Spec spec = {
        "builtins.coroutine",
        sizeof(OxyGen),
        1,
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION |
            Py_TPFLAGS_HAVE_GC,
        slots,
    };
    oxy_coro_type = make_builtin_like_type(&spec, "coroutine", "Coroutine");
    return oxy_coro_type;
}

/* A generator made a coroutine by @types.coroutine (asyncio.sleep(0) awaits one). */
static int is_iterable_coroutine(PyObject *o) {
    if (!PyGen_CheckExact(o)) return 0;
    PyObject *code = PyObject_GetAttrString(o, "gi_code");
    if (code == NULL) {
        PyErr_Clear();
        return 0;
    }
    int yes = PyCode_Check(code) && (((PyCodeObject *)code)->co_flags & CO_ITERABLE_COROUTINE);
    Py_DECREF(code);
    return yes;
}

PyObject *oxy_get_awaitable(PyObject *o, int ctx) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == oxy_coro_type && !((OxyGen *)o)->running &&
        OXY_GEN_STATE((OxyGen *)o) > 0) {
        /* suspended: at an await of its own, so another awaiter drives it already */
        PyErr_SetString(PyExc_RuntimeError, "coroutine is being awaited already");
        return NULL;
    }
    if (tp == oxy_coro_type || PyCoro_CheckExact(o) || is_iterable_coroutine(o)) return Py_NewRef(o);
    unaryfunc getter = tp->tp_as_async != NULL ? tp->tp_as_async->am_await : NULL;
    if (getter == NULL) {
        if (ctx == 0)
            PyErr_Format(PyExc_TypeError, "object %.100s can't be used in 'await' expression",
                         tp->tp_name);
        else
            PyErr_Format(PyExc_TypeError,
                         "'async with' received an object from %s that does not implement "
                         "__await__: %.100s",
                         ctx == 1 ? "__aenter__" : "__aexit__", tp->tp_name);
        return NULL;
    }
    PyObject *res = getter(o);
    if (res == NULL) return NULL;
    if (Py_TYPE(res) == oxy_coro_type || PyCoro_CheckExact(res) || is_iterable_coroutine(res)) {
        PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
        Py_DECREF(res);
        return NULL;
    }
    if (!PyIter_Check(res)) {
        PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'",
                     Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

/* ---- async generators ---------------------------------------------------- */

/* `yield v` in an async generator yields v wrapped, which tells it from what an
   `await` in its body passes up to the event loop. */
typedef struct {
    PyObject_HEAD
    PyObject *value;
} OxyAgenValue;

typedef struct {
    PyObject_HEAD
    OxyGen *gen;
    PyObject *sendval;          /* asend: the value sent on the first step */
    PyObject *exc;              /* athrow: the exception, normalised; aclose: NULL */
    int mode;                   /* 0 asend, 1 athrow, 2 aclose */
    int state;                  /* 0 not started, 1 running, 2 done */
} OxyAgenStep;

static PyTypeObject *oxy_agen_type, *oxy_agen_value_type, *oxy_agen_step_type;

static void agen_value_dealloc(PyObject *self) {
    Py_XDECREF(((OxyAgenValue *)self)->value);
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_Free(self);
    Py_DECREF(tp);
}

PyObject *oxy_agen_wrap(PyObject *v) {
    OxyAgenValue *w = PyObject_New(OxyAgenValue, oxy_agen_value_type);
    if (w == NULL) return NULL;
    w->value = Py_NewRef(v);
    return (PyObject *)w;
}

/* sys.set_asyncgen_hooks: call firstiter once, keep the finalizer. */
static int agen_init_hooks(OxyGen *g) {
    if (g->agen_hooks) return 0;
    g->agen_hooks = 1;
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *hooks = sys ? PyObject_CallMethod(sys, "get_asyncgen_hooks", NULL) : NULL;
    Py_XDECREF(sys);
    if (hooks == NULL) return -1;
    PyObject *firstiter = PySequence_GetItem(hooks, 0);
    PyObject *finalizer = firstiter ? PySequence_GetItem(hooks, 1) : NULL;
    Py_DECREF(hooks);
    if (finalizer == NULL) {
        Py_XDECREF(firstiter);
        return -1;
    }
    if (finalizer != Py_None) g->agen_finalizer = finalizer;
    else Py_DECREF(finalizer);
    int rc = 0;
    if (firstiter != Py_None) {
        PyObject *r = PyObject_CallOneArg(firstiter, (PyObject *)g);
        if (r == NULL) rc = -1;
        Py_XDECREF(r);
    }
    Py_DECREF(firstiter);
    return rc;
}

/* After a step of the body: a wrapped value ends the awaitable (StopIteration with
   the value); the end of the body is StopAsyncIteration; anything else an await
   passes up is passed up. */
static PyObject *agen_unwrap(OxyAgenStep *o, PyObject *r, int done, PyObject *result) {
    OxyGen *g = o->gen;
    if (r == NULL) {
        if (done) {
            Py_XDECREF(result);
            g->agen_closed = 1;
            if (o->mode == 2) PyErr_SetNone(PyExc_StopIteration);
            else PyErr_SetNone(PyExc_StopAsyncIteration);
        } else if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) ||
                   PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
            g->agen_closed = 1;
            if (o->mode == 2) {
                /* aclose(): the generator exited as asked. */
                PyErr_Clear();
                PyErr_SetNone(PyExc_StopIteration);
            }
        }
        g->agen_running = 0;
        o->state = 2;
        return NULL;
    }
    if (Py_TYPE(r) == oxy_agen_value_type) {
        g->agen_running = 0;
        o->state = 2;
        if (o->mode == 2) {
            Py_DECREF(r);
            PyErr_SetString(PyExc_RuntimeError, "async generator ignored GeneratorExit");
            return NULL;
        }
        _PyGen_SetStopIterationValue(((OxyAgenValue *)r)->value);
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

static PyObject *agen_step_reused(OxyAgenStep *o) {
    PyErr_SetString(PyExc_RuntimeError, o->mode == 0
                                             ? "cannot reuse already awaited __anext__()/asend()"
                                             : "cannot reuse already awaited aclose()/athrow()");
    return NULL;
}

static PyObject *agen_step_send(PyObject *self, PyObject *arg) {
    OxyAgenStep *o = (OxyAgenStep *)self;
    OxyGen *g = o->gen;
    int done = 0;
    PyObject *result = NULL, *r;
    if (o->state == 2) return agen_step_reused(o);
    if (o->state == 0) {
        if (g->agen_running) {
            o->state = 2;
            PyErr_SetString(PyExc_RuntimeError,
                            o->mode == 0   ? "anext(): asynchronous generator is already running"
                            : o->mode == 1 ? "athrow(): asynchronous generator is already running"
                                           : "aclose(): asynchronous generator is already running");
            return NULL;
        }
        if (g->agen_closed || (o->mode != 0 && OXY_GEN_STATE(g) < 0)) {
            o->state = 2;
            if (o->mode == 0) PyErr_SetNone(PyExc_StopAsyncIteration);
            else PyErr_SetNone(PyExc_StopIteration);
            return NULL;
        }
        if (o->mode == 2 && OXY_GEN_STATE(g) == 0) {
            /* Never started: closing it just ends it. */
            gen_end(g);
            g->agen_closed = 1;
            o->state = 2;
            PyErr_SetNone(PyExc_StopIteration);
            return NULL;
        }
        o->state = 1;
        g->agen_running = 1;
        if (o->mode == 0) {
            r = gen_run(g, arg == NULL || arg == Py_None ? o->sendval : arg, &done, &result);
        } else {
            if (o->mode == 2) PyErr_SetNone(PyExc_GeneratorExit);
            else PyErr_Restore(Py_NewRef((PyObject *)Py_TYPE(o->exc)), Py_NewRef(o->exc),
                               PyException_GetTraceback(o->exc));
            r = gen_run_ex(g, NULL, &done, &result, o->mode == 2);
        }
        return agen_unwrap(o, r, done, result);
    }
    r = gen_run(g, arg == NULL ? Py_None : arg, &done, &result);
    return agen_unwrap(o, r, done, result);
}

static PyObject *agen_step_iternext(PyObject *self) { return agen_step_send(self, Py_None); }

static PyObject *agen_step_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    OxyAgenStep *o = (OxyAgenStep *)self;
    if (o->state == 2) return agen_step_reused(o);
    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "throw expected at least 1 argument, got %zd", nargs);
        return NULL;
    }
    if (gen_set_thrown(args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL) < 0)
        return NULL;
    OxyGen *g = o->gen;
    g->agen_running = 1;
    o->state = 1;
    int done = 0;
    PyObject *result = NULL;
    PyObject *r = gen_run(g, NULL, &done, &result);
    return agen_unwrap(o, r, done, result);
}

static PyObject *agen_step_close(PyObject *self, PyObject *unused) {
    (void)unused;
    OxyAgenStep *o = (OxyAgenStep *)self;
    if (o->state == 1) o->gen->agen_running = 0;
    o->state = 2;
    Py_RETURN_NONE;
}

static void agen_step_dealloc(PyObject *self) {
    OxyAgenStep *o = (OxyAgenStep *)self;
    Py_XDECREF(o->gen);
    Py_XDECREF(o->sendval);
    Py_XDECREF(o->exc);
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_Free(self);
    Py_DECREF(tp);
}

static PyMethodDef agen_step_methods[] = {
    {"send", agen_step_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))agen_step_throw, METH_FASTCALL, NULL},
    {"close", agen_step_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *agen_step_new(OxyGen *g, int mode, PyObject *sendval, PyObject *exc) {
    if (agen_init_hooks(g) < 0) return NULL;
    OxyAgenStep *o = PyObject_New(OxyAgenStep, oxy_agen_step_type);
    if (o == NULL) return NULL;
    o->gen = (OxyGen *)Py_NewRef((PyObject *)g);
    o->sendval = Py_XNewRef(sendval);
    o->exc = Py_XNewRef(exc);
    o->mode = mode;
    o->state = 0;
    return (PyObject *)o;
}

static PyObject *agen_anext(PyObject *self) { return agen_step_new((OxyGen *)self, 0, Py_None, NULL); }
static PyObject *agen_asend(PyObject *self, PyObject *v) { return agen_step_new((OxyGen *)self, 0, v, NULL); }
static PyObject *agen_aclose(PyObject *self, PyObject *unused) {
    (void)unused;
    return agen_step_new((OxyGen *)self, 2, NULL, NULL);
}
static PyObject *agen_athrow(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "athrow expected at least 1 argument, got %zd", nargs);
        return NULL;
    }
    /* Normalised now (as the exception it will raise). */
    if (gen_set_thrown(args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL) < 0)
        return NULL;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL) PyException_SetTraceback(v, tb);
    PyObject *step = agen_step_new((OxyGen *)self, 1, NULL, v);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    return step;
}
static PyObject *agen_get_running(PyObject *self, void *c) {
    (void)c;
    return PyBool_FromLong(((OxyGen *)self)->agen_running);
}

static PyMethodDef agen_methods[] = {
    {"asend", agen_asend, METH_O, NULL},
    {"athrow", (PyCFunction)(void (*)(void))agen_athrow, METH_FASTCALL, NULL},
    {"aclose", agen_aclose, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyGetSetDef agen_getset[] = {
    {"__name__", gen_get_name, NULL, NULL, NULL},
    {"__qualname__", gen_get_qualname, NULL, NULL, NULL},
    {"ag_running", agen_get_running, NULL, NULL, NULL},
    {"ag_frame", gen_get_none, NULL, NULL, NULL},
    {"ag_await", gen_get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject *oxy_agen_type_get(void) {
    if (oxy_agen_type != NULL) return oxy_agen_type;
    PyType_Slot vslots[] = {{Py_tp_dealloc, (void *)agen_value_dealloc}, {0, NULL}};
    PyType_Spec vspec = {"builtins.async_generator_wrapped_value", sizeof(OxyAgenValue), 0,
                         Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
                             Py_TPFLAGS_DISALLOW_INSTANTIATION,
                         vslots};
    oxy_agen_value_type = make_builtin_like_type(&vspec, "async_generator_wrapped_value", NULL);
    if (oxy_agen_value_type == NULL) return NULL;
    PyType_Slot sslots[] = {
        {Py_tp_dealloc, (void *)agen_step_dealloc},
        {Py_am_await, (void *)PyObject_SelfIter},
        {Py_tp_iter, (void *)PyObject_SelfIter},
        {Py_tp_iternext, (void *)agen_step_iternext},
        {Py_tp_methods, (void *)agen_step_methods},
        {0, NULL},
    };
    PyType_Spec sspec = {"builtins.async_generator_asend", sizeof(OxyAgenStep), 0,
                         Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
                             Py_TPFLAGS_DISALLOW_INSTANTIATION,
                         sslots};
    oxy_agen_step_type = make_builtin_like_type(&sspec, "async_generator_asend", NULL);
    if (oxy_agen_step_type == NULL) return NULL;
    static PyMemberDef members[] = {
        {"__weaklistoffset__", T_PYSSIZET, offsetof(OxyGen, weakreflist), READONLY, NULL},
        {NULL, 0, 0, 0, NULL},
    };
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)gen_dealloc},
        {Py_tp_traverse, (void *)gen_traverse},
        {Py_tp_finalize, (void *)gen_finalize},
        {Py_tp_repr, (void *)gen_repr},
        {Py_am_aiter, (void *)PyObject_SelfIter},
        {Py_am_anext, (void *)agen_anext},
        {Py_tp_getset, (void *)agen_getset},
        {Py_tp_methods, (void *)agen_methods},
        {Py_tp_members, (void *)members},
        {0, NULL},
    };
    PyType_Spec spec = {"builtins.async_generator", sizeof(OxyGen), 1,
                        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
                            Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_HAVE_GC,
                        slots};
    oxy_agen_type = make_builtin_like_type(&spec, "async_generator", "AsyncGenerator");
    return oxy_agen_type;
}

PyObject *oxy_yield_from_iter(PyObject *o) {
    if (PyCoro_CheckExact(o) || (oxy_coro_type != NULL && Py_TYPE(o) == oxy_coro_type)) {
        PyErr_SetString(PyExc_TypeError,
                        "cannot 'yield from' a coroutine object in a non-coroutine generator");
        return NULL;
    }
    return PyObject_GetIter(o);
}

static PyObject *s_aenter, *s_aexit;

PyObject *oxy_async_with_lookup(PyObject *mgr, int exit) {
    PyObject *m = exit ? oxy_lookup_special(mgr, cached_str(&s_aexit, "__aexit__"))
                       : oxy_lookup_special(mgr, cached_str(&s_aenter, "__aenter__"));
    if (m == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'%.200s' object does not support the asynchronous context manager "
                     "protocol%s",
                     Py_TYPE(mgr)->tp_name, exit ? " (missed __aexit__ method)" : "");
    }
    return m;
}

PyObject *oxy_async_exit_exc(PyObject *exit, PyObject *exc) {
    PyObject *tb = PyException_GetTraceback(exc); /* new reference or NULL */
    PyObject *args[3] = {(PyObject *)Py_TYPE(exc), exc, tb != NULL ? tb : Py_None};
    PyObject *res = PyObject_Vectorcall(exit, args, 3, NULL);
    Py_XDECREF(tb);
    return res;
}

PyObject *oxy_get_aiter(PyObject *o) {
    PyTypeObject *tp = Py_TYPE(o);
    unaryfunc getter = tp->tp_as_async != NULL ? tp->tp_as_async->am_aiter : NULL;
    if (getter == NULL) {
        PyErr_Format(PyExc_TypeError, "'async for' requires an object with __aiter__ method, got %.100s",
                     tp->tp_name);
        return NULL;
    }
    PyObject *it = getter(o);
    if (it == NULL) return NULL;
    PyTypeObject *itp = Py_TYPE(it);
    if (itp->tp_as_async == NULL || itp->tp_as_async->am_anext == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' received an object from __aiter__ that does not implement "
                     "__anext__: %.100s",
                     itp->tp_name);
        Py_DECREF(it);
        return NULL;
    }
    return it;
}

PyObject *oxy_get_anext(PyObject *aiter) {
    PyTypeObject *tp = Py_TYPE(aiter);
    unaryfunc getter = tp->tp_as_async != NULL ? tp->tp_as_async->am_anext : NULL;
    if (getter == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' requires an iterator with __anext__ method, got %.100s",
                     tp->tp_name);
        return NULL;
    }
    PyObject *next = getter(aiter);
    if (next == NULL) return NULL;
    PyObject *aw = oxy_get_awaitable(next, 0);
    if (aw == NULL)
        _PyErr_FormatFromCause(PyExc_TypeError,
                               "'async for' received an invalid object from __anext__: %.100s",
                               Py_TYPE(next)->tp_name);
    Py_DECREF(next);
    return aw;
}

int oxy_async_for_stop(void) {
    if (!PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) return 0;
    PyErr_Clear();
    return 1;
}

static PyObject *yf_result;

PyObject *oxy_yield_from_result(void) {
    PyObject *r = yf_result != NULL ? yf_result : Py_NewRef(Py_None);
    yf_result = NULL;
    return r;
}

/* The sub-iterator finished by raising StopIteration (or returning NULL with no
   exception): keep its value for oxy_yield_from_result. */
static PyObject *yf_finished(void) {
    PyObject *value = NULL;
    if (PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_StopIteration)) return NULL;
        if (_PyGen_FetchStopIterationValue(&value) < 0) return NULL;
    }
    Py_XSETREF(yf_result, value);
    return NULL;
}

PyObject *oxy_yield_from_send(PyObject *it, PyObject *sent) {
    PyObject *r;
    PyTypeObject *tp = Py_TYPE(it);
    if (tp == oxy_coro_type || tp == oxy_gen_type) {
        /* A compiled coroutine or generator: its body directly (as its am_send). */
        int done;
        PyObject *result;
        r = gen_run((OxyGen *)it, sent, &done, &result);
        if (r == NULL && done) Py_XSETREF(yf_result, result);
        return r;
    }
    switch (PyIter_Send(it, sent, &r)) {
    case PYGEN_NEXT:
        return r;
    case PYGEN_RETURN:
        Py_XSETREF(yf_result, r);
        return NULL;
    default:
        return yf_finished();
    }
}

/* `await f(...)` of a compiled coroutine made right there: its body runs on
   `frame` (filled, not started; on the caller's C stack) as its first step would
   (oxy_yield_from_send on a new object), and the object exists only if it
   suspends: the frame then moves into a new coroutine object, which replaces the
   placeholder in *obj (an owned reference, None) and the awaiter delegates to it
   from there on. Finished: NULL, the return value kept for
   oxy_yield_from_result; an error: NULL with the exception (PEP 479 applied). */
PyObject *oxy_coro_inline(oxy_gen_def *def, void *frame, PyObject **obj, PyObject *sent,
                          PyObject *name, PyObject *qualname) {
    if (OXY_UNLIKELY(sent != Py_None)) {
        /* (Not the first step of an await: never generated; go the general way.) */
        PyObject *g;
        void *f = oxy_gen_alloc(def, &g, name, qualname);
        if (f == NULL) {
            def->clear_frame(frame);
            return NULL;
        }
        memcpy(f, frame, (size_t)def->frame_size);
        oxy_gen_start(g);
        Py_SETREF(*obj, g);
        return oxy_yield_from_send(g, sent);
    }
    if (OXY_UNLIKELY(oxy_rt_stack_limit == 0)) oxy_stack_init();
    int d = oxy_rt_call_depth;
    if (OXY_WRAPPER_TOO_DEEP(d + 1)) {
        /* (As in gen_run_ex: the RecursionError ends the coroutine.) */
        *(int *)frame = -1;
        def->clear_frame(frame);
        return NULL;
    }
    PyThreadState *ts = _PyThreadState_UncheckedGet(); /* (the GIL is held) */
    _PyErr_StackItem exc_state;
    exc_state.exc_value = NULL;
    exc_state.previous_item = ts->exc_info;
    ts->exc_info = &exc_state;
    PyObject *r = def->resume(frame, Py_None, d + 1);
    ts->exc_info = exc_state.previous_item;
    oxy_rt_call_depth = d;
    if (*(int *)frame >= 0) {
        /* Suspended: from now on a coroutine object like any other. */
        PyObject *g;
        void *f = oxy_gen_alloc(def, &g, name, qualname);
        if (OXY_UNLIKELY(f == NULL)) {
            /* (No memory for it: the suspended body is abandoned, what it holds
               leaks; the MemoryError goes to the awaiter.) */
            Py_XDECREF(r);
            Py_XDECREF(exc_state.exc_value);
            return NULL;
        }
        memcpy(f, frame, (size_t)def->frame_size);
        ((OxyGen *)g)->exc_value = exc_state.exc_value;
        oxy_gen_start(g);
        Py_SETREF(*obj, g);
        return r;
    }
    Py_XDECREF(exc_state.exc_value);
    def->clear_frame(frame);
    if (r != NULL) {
        Py_XSETREF(yf_result, r);
        return NULL;
    }
    gen_wrap_stop_iteration("coroutine");
    return NULL;
}

/* An optional attribute: 0 with *out NULL when missing, -1 on other errors. */
static int yf_lookup(PyObject *o, const char *name, PyObject **out) {
    *out = PyObject_GetAttrString(o, name);
    if (*out != NULL) return 0;
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
    PyErr_Clear();
    return 0;
}

PyObject *oxy_yield_from_throw(PyObject *it) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (t != NULL && PyErr_GivenExceptionMatches(t, PyExc_GeneratorExit)) {
        /* Close the sub-iterator, then raise GeneratorExit here. */
        PyObject *close = NULL;
        if (yf_lookup(it, "close", &close) < 0) {
            Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
            return NULL;
        }
        if (close != NULL) {
            PyObject *r = PyObject_CallNoArgs(close);
            Py_DECREF(close);
            if (r == NULL) {
                Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
                return NULL;
            }
            Py_DECREF(r);
        }
        PyErr_Restore(t, v, tb);
        return NULL;
    }
    PyObject *throw = NULL;
    if (yf_lookup(it, "throw", &throw) < 0) {
        Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
        return NULL;
    }
    if (throw == NULL) {
        PyErr_Restore(t, v, tb);
        return NULL;
    }
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL) PyException_SetTraceback(v, tb);
    PyObject *r = PyObject_CallOneArg(throw, v);
    Py_DECREF(throw);
    Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
    if (r != NULL) return r;
    return yf_finished();
}

/* ======================================================================== */
/* Class statements                                                          */
/* ======================================================================== */

/* builder = (meta, name, bases, ns, kw, orig_bases or None) */

/* An interned str made once (the GIL protects the cache). NULL on memory error. */
static PyObject *cached_str(PyObject **cache, const char *s) {
    if (*cache == NULL) *cache = PyUnicode_InternFromString(s);
    return *cache;
}
static PyObject *s_prepare, *s_module, *s_qualname, *s_orig_bases, *s_set_name, *s_setstate,
    *s_mro_entries, *s_getnewargs_ex, *s_getnewargs;

/* The bases a class statement gets (PEP 560), as the interpreter's __build_class__
   computes them: each base that is not a class (by its real type: a proxy whose
   __class__ says it is one still is not) and has __mro_entries__ is replaced by the
   tuple that gives. A new reference: `bases` itself when nothing changed. */
static PyObject *class_update_bases(PyObject *bases) {
    PyObject *out = NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(bases);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *b = PyTuple_GET_ITEM(bases, i);
        PyObject *meth = NULL;
        if (PyType_Check(b)) {
            if (out != NULL && PyList_Append(out, b) < 0) goto fail;
            continue;
        }
        if (_PyObject_LookupAttr(b, cached_str(&s_mro_entries, "__mro_entries__"), &meth) < 0)
            goto fail;
        if (meth == NULL) {
            if (out != NULL && PyList_Append(out, b) < 0) goto fail;
            continue;
        }
        PyObject *entries = PyObject_CallOneArg(meth, bases);
        Py_DECREF(meth);
        if (entries == NULL) goto fail;
        if (!PyTuple_Check(entries)) {
            PyErr_SetString(PyExc_TypeError, "__mro_entries__ must return a tuple");
            Py_DECREF(entries);
            goto fail;
        }
        if (out == NULL) {
            out = PyList_New(0);
            if (out == NULL) {
                Py_DECREF(entries);
                goto fail;
            }
            for (Py_ssize_t j = 0; j < i; j++)
                if (PyList_Append(out, PyTuple_GET_ITEM(bases, j)) < 0) {
                    Py_DECREF(entries);
                    goto fail;
                }
        }
        int r = PyList_SetSlice(out, PyList_GET_SIZE(out), PyList_GET_SIZE(out), entries);
        Py_DECREF(entries);
        if (r < 0) goto fail;
    }
    if (out == NULL) return Py_NewRef(bases);
    PyObject *t = PyList_AsTuple(out);
    Py_DECREF(out);
    return t;
fail:
    Py_XDECREF(out);
    return NULL;
}

PyObject *oxy_class_begin(PyObject *name, PyObject *qualname, PyObject *module_name,
                          PyObject *bases, PyObject *kw) {
    PyObject *orig_bases = Py_None, *meta = NULL, *ns = NULL, *kwcopy = NULL, *builder = NULL;
    Py_INCREF(bases);
    Py_INCREF(orig_bases);
    /* PEP 560: a base that is not a class may stand for others (Generic[T]). */
    {
        PyObject *resolved = class_update_bases(bases);
        if (resolved == NULL) goto fail;
        if (resolved != bases) {
            Py_SETREF(orig_bases, bases);
            bases = resolved;
        } else {
            Py_DECREF(resolved);
        }
    }
    kwcopy = kw != NULL && kw != Py_None ? PyDict_Copy(kw) : PyDict_New();
    if (kwcopy == NULL) goto fail;
    meta = PyDict_GetItemString(kwcopy, "metaclass");
    if (meta != NULL) {
        Py_INCREF(meta);
        if (PyDict_DelItemString(kwcopy, "metaclass") < 0) goto fail;
    } else if (PyTuple_GET_SIZE(bases) == 0) {
        meta = (PyObject *)&PyType_Type;
        Py_INCREF(meta);
    } else {
        meta = (PyObject *)Py_TYPE(PyTuple_GET_ITEM(bases, 0));
        Py_INCREF(meta);
    }
    if (PyType_Check(meta)) {
        PyObject *winner = (PyObject *)_PyType_CalculateMetaclass((PyTypeObject *)meta, bases);
        if (winner == NULL) goto fail;
        Py_INCREF(winner);
        Py_SETREF(meta, winner);
    }
    PyObject *prepare = NULL;
    if (cached_str(&s_prepare, "__prepare__") == NULL ||
        cached_str(&s_module, "__module__") == NULL ||
        cached_str(&s_qualname, "__qualname__") == NULL)
        goto fail;
    if (_PyObject_LookupAttr(meta, s_prepare, &prepare) < 0) goto fail;
    if (prepare != NULL) {
        PyObject *args = PyTuple_Pack(2, name, bases);
        if (args == NULL) {
            Py_DECREF(prepare);
            goto fail;
        }
        ns = PyObject_Call(prepare, args, kwcopy);
        Py_DECREF(args);
        Py_DECREF(prepare);
    } else {
        ns = PyDict_New();
    }
    if (ns == NULL) goto fail;
    if (!PyMapping_Check(ns)) {
        PyErr_Format(PyExc_TypeError, "%.200s.__prepare__() must return a mapping, not %.200s",
                     PyType_Check(meta) ? ((PyTypeObject *)meta)->tp_name : "<metaclass>",
                     Py_TYPE(ns)->tp_name);
        goto fail;
    }
    if (PyObject_SetItem(ns, s_module, module_name) < 0) goto fail;
    if (PyObject_SetItem(ns, s_qualname, qualname) < 0) goto fail;
    builder = PyTuple_Pack(6, meta, name, bases, ns, kwcopy, orig_bases);
fail:
    Py_XDECREF(meta);
    Py_XDECREF(ns);
    Py_XDECREF(kwcopy);
    Py_DECREF(bases);
    Py_DECREF(orig_bases);
    return builder;
}

PyObject *oxy_class_namespace(PyObject *builder) {
    PyObject *ns = PyTuple_GET_ITEM(builder, OXY_CLASS_NS);
    Py_INCREF(ns);
    return ns;
}

/* type.__new__ makes a plain function named __init_subclass__ or __class_getitem__
   a classmethod, and __new__ a staticmethod. Compiled functions stand for plain
   functions (a method, a decorator's wrapper, a lambda, a def under an `if`): do
   the same for them before the class is made. */
static int implicit_class_level(PyObject *ns) {
    static const char *const names[] = {"__init_subclass__", "__class_getitem__", "__new__"};
    PyTypeObject *fn_type = oxy_function_type_get();
    if (fn_type == NULL) return -1;
    for (int i = 0; i < 3; i++) {
        PyObject *key = PyUnicode_InternFromString(names[i]);
        if (key == NULL) return -1;
        PyObject *f = PyObject_GetItem(ns, key);
        if (f == NULL) {
            Py_DECREF(key);
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
            PyErr_Clear();
            continue;
        }
        int rc = 0;
        if (Py_TYPE(f) == fn_type) {
            PyObject *w = i < 2 ? PyClassMethod_New(f) : PyStaticMethod_New(f);
            rc = w == NULL ? -1 : PyObject_SetItem(ns, key, w);
            Py_XDECREF(w);
        }
        Py_DECREF(f);
        Py_DECREF(key);
        if (rc < 0) return -1;
    }
    return 0;
}

PyObject *oxy_class_end(PyObject *builder) {
    PyObject *meta = PyTuple_GET_ITEM(builder, 0);
    PyObject *name = PyTuple_GET_ITEM(builder, 1);
    PyObject *bases = PyTuple_GET_ITEM(builder, 2);
    PyObject *ns = PyTuple_GET_ITEM(builder, 3);
    PyObject *kw = PyTuple_GET_ITEM(builder, 4);
    PyObject *orig_bases = PyTuple_GET_ITEM(builder, 5);
    if (implicit_class_level(ns) < 0) return NULL;
    if (orig_bases != Py_None &&
        (cached_str(&s_orig_bases, "__orig_bases__") == NULL ||
         PyObject_SetItem(ns, s_orig_bases, orig_bases) < 0))
        return NULL;
    PyObject *args = PyTuple_Pack(3, name, bases, ns);
    if (args == NULL) return NULL;
    PyObject *cls = PyObject_Call(meta, args, PyDict_GET_SIZE(kw) ? kw : NULL);
    Py_DECREF(args);
    return cls;
}

/* The class statements running oxy_class_end_cell: each one's static and cell (a
   class statement can run inside another's __init_subclass__, __set_name__ or
   metaclass, to any depth). */
static struct pending_cell {
    PyObject **slot;
    PyObject *cell;
} *pending_cells;
static Py_ssize_t n_pending_cells, cap_pending_cells;
static PyObject *s_classcell;

PyObject *oxy_class_cell_peek(PyObject **slot) {
    if (*slot != NULL) return *slot;
    for (Py_ssize_t i = n_pending_cells - 1; i >= 0; i--)
        if (pending_cells[i].slot == slot) return PyCell_GET(pending_cells[i].cell);
    return NULL;
}

PyObject *oxy_class_cell_pending(PyObject **slot, int as_name) {
    PyObject *cls = oxy_class_cell_peek(slot);
    if (cls != NULL) return cls;
    if (as_name)
        PyErr_SetString(PyExc_NameError,
                        "cannot access free variable '__class__' where it is not associated "
                        "with a value in enclosing scope");
    else
        PyErr_SetString(PyExc_RuntimeError, "super(): empty __class__ cell");
    return NULL;
}

PyObject *oxy_class_end_cell(PyObject *builder, PyObject **slot) {
    PyObject *ns = PyTuple_GET_ITEM(builder, 3);
    PyObject *cell = PyCell_New(NULL);
    if (cell == NULL) return NULL;
    if (cached_str(&s_classcell, "__classcell__") == NULL ||
        PyObject_SetItem(ns, s_classcell, cell) < 0) {
        Py_DECREF(cell);
        return NULL;
    }
    /* (A module body that runs again, after a failed import, finds the last class in
       the static: its methods must wait for the new one.) */
    Py_CLEAR(*slot);
    /* (Checked here, with no Python code until the entry is in: what ran above may
       have let another thread's class statements add theirs.) */
    if (n_pending_cells >= cap_pending_cells) {
        Py_ssize_t cap = cap_pending_cells ? cap_pending_cells * 2 : 16;
        struct pending_cell *grown = PyMem_Realloc(pending_cells, (size_t)cap * sizeof *grown);
        if (grown == NULL) {
            Py_DECREF(cell);
            PyErr_NoMemory();
            return NULL;
        }
        pending_cells = grown;
        cap_pending_cells = cap;
    }
    pending_cells[n_pending_cells].slot = slot;
    pending_cells[n_pending_cells].cell = cell;
    n_pending_cells++;
    PyObject *cls = oxy_class_end(builder);
    /* (Another thread's class statements may have come and gone meanwhile: remove
       this one's entry wherever it is.) */
    for (Py_ssize_t i = n_pending_cells - 1; i >= 0; i--) {
        if (pending_cells[i].cell != cell) continue;
        for (Py_ssize_t j = i + 1; j < n_pending_cells; j++) pending_cells[j - 1] = pending_cells[j];
        n_pending_cells--;
        break;
    }
    if (cls != NULL && PyType_Check(cls)) {
        PyObject *in = PyCell_GET(cell);
        PyObject *name = PyTuple_GET_ITEM(builder, 1);
        if (in == NULL) {
            PyErr_Format(PyExc_RuntimeError,
                         "__class__ not set defining %.200R as %.200R. "
                         "Was __classcell__ propagated to type.__new__?",
                         name, cls);
            Py_CLEAR(cls);
        } else if (in != cls) {
            PyErr_Format(PyExc_TypeError, "__class__ set to %.200R defining %.200R as %.200R",
                         in, name, cls);
            Py_CLEAR(cls);
        }
    }
    Py_DECREF(cell);
    return cls;
}

int oxy_class_del_name(PyObject *ns, PyObject *name) {
    if (PyObject_DelItem(ns, name) == 0) return 0;
    if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
    }
    return -1;
}

PyObject *oxy_class_load_name(PyObject *ns, PyObject *globals, PyObject *name) {
    PyObject *v;
    if (PyDict_CheckExact(ns)) {
        v = PyDict_GetItemWithError(ns, name);
        if (v != NULL) {
            Py_INCREF(v);
            return v;
        }
        if (PyErr_Occurred()) return NULL;
    } else {
        v = PyObject_GetItem(ns, name);
        if (v != NULL) return v;
        if (!PyErr_ExceptionMatches(PyExc_KeyError)) return NULL;
        PyErr_Clear();
    }
    v = PyDict_GetItemWithError(globals, name);
    if (v != NULL) {
        Py_INCREF(v);
        return v;
    }
    if (PyErr_Occurred()) return NULL;
    v = PyDict_GetItemWithError(PyEval_GetBuiltins(), name);
    if (v != NULL) {
        Py_INCREF(v);
        return v;
    }
    if (!PyErr_Occurred()) PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
    return NULL;
}

/* ======================================================================== */
/* Native classes                                                            */
/* ======================================================================== */

void oxy_raise_unset_attribute(PyObject *obj, const char *name) {
    /* As the interpreter raises it: the exception also knows the object and the name
       (AttributeError's `obj` and `name`, which its "Did you mean" hint reads). */
    PyObject *msg = PyUnicode_FromFormat("'%.100s' object has no attribute '%s'",
                                         _PyType_Name(Py_TYPE(obj)), name);
    if (msg == NULL) return;
    PyObject *exc = PyObject_CallOneArg(PyExc_AttributeError, msg);
    Py_DECREF(msg);
    if (exc == NULL) return;
    PyObject *n = PyUnicode_FromString(name);
    if (n == NULL || PyObject_SetAttrString(exc, "name", n) < 0 ||
        PyObject_SetAttrString(exc, "obj", obj) < 0) {
        Py_XDECREF(n);
        Py_DECREF(exc);
        return;
    }
    Py_DECREF(n);
    PyErr_SetObject(PyExc_AttributeError, exc);
    Py_DECREF(exc);
}

PyObject *oxy_class_attr(PyObject *obj, const char *name) {
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == NULL) return NULL;
    PyObject *v = _PyType_Lookup(Py_TYPE(obj), key);
    /* As the interpreter looks: a data descriptor first (the field's own, when
       nothing hides it: unset), then the instance's __dict__ (a subclass's
       instances have one: `obj.code = 7` from outside lands there), then a plain
       class attribute. Descriptors that would run code to answer (a subclass's
       property or method) are not called: the unset attribute's error, as before. */
    if (v == NULL || Py_TYPE(v)->tp_descr_set == NULL) {
        PyObject **dp = _PyObject_GetDictPtr(obj);
        /* (Only a dict of str keys: comparing the name with another key, an object
           whose hash collides, could run its __eq__, and compiled code counts this
           read as running no code.) */
        if (dp != NULL && *dp != NULL && _PyDict_HasOnlyStringKeys(*dp)) {
            PyObject *d = PyDict_GetItemWithError(*dp, key);
            if (d != NULL) {
                Py_DECREF(key);
                return d;
            }
            if (PyErr_Occurred()) {
                Py_DECREF(key);
                return NULL;
            }
        }
        if (v != NULL && Py_TYPE(v)->tp_descr_get == NULL) {
            Py_DECREF(key);
            return v;
        }
    }
    Py_DECREF(key);
    oxy_raise_unset_attribute(obj, name);
    return NULL;
}

/* The tp_new of a class with a Python-level __new__ (the interpreter's slot_tp_new),
   taken from a probe class made once; NULL if that failed. */
static newfunc python_level_new(void) {
    /* (No "tried" flag: the probe runs Python code, so another thread may ask
       meanwhile, and must probe too rather than take a NULL for the answer.) */
    static newfunc found;
    if (found != NULL) return found;
    PyObject *exc_type, *exc_value, *exc_tb;
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
    PyObject *globals = PyDict_New();
    if (globals != NULL && PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) == 0) {
        PyObject *r = PyRun_String("class P:\n    def __new__(cls):\n        return None\n",
                                   Py_file_input, globals, globals);
        PyObject *p = r != NULL ? PyDict_GetItemString(globals, "P") : NULL;
        if (p != NULL && PyType_Check(p)) found = ((PyTypeObject *)p)->tp_new;
        Py_XDECREF(r);
    }
    Py_XDECREF(globals);
    PyErr_Clear();
    PyErr_Restore(exc_type, exc_value, exc_tb);
    return found;
}

PyObject *oxy_call_new(PyObject *callable, PyObject *cls, int (*is_native)(PyTypeObject *)) {
    if (PyCFunction_Check(callable) && PyType_Check(cls)) {
        PyObject *owner = PyCFunction_GET_SELF(callable);
        const char *name = ((PyCFunctionObject *)callable)->m_ml->ml_name;
        PyTypeObject *t = (PyTypeObject *)cls;
        if (owner != NULL && PyType_Check(owner) && name != NULL && strcmp(name, "__new__") == 0 &&
            PyType_IsSubtype(t, (PyTypeObject *)owner)) {
            newfunc py_new = python_level_new();
            /* (Past classes with a Python-level __new__, and classes that inherit
               their base's: a Python subclass made by type().) */
            PyTypeObject *maker = t;
            while (maker != NULL && !is_native(maker) && maker->tp_base != NULL &&
                   ((py_new != NULL && maker->tp_new == py_new) ||
                    maker->tp_new == maker->tp_base->tp_new))
                maker = maker->tp_base;
            if (maker != NULL && maker != (PyTypeObject *)owner && is_native(maker)) {
                PyObject *empty = PyTuple_New(0);
                if (empty == NULL) return NULL;
                PyObject *r = maker->tp_new(t, empty, NULL);
                Py_DECREF(empty);
                return r;
            }
        }
    }
    return PyObject_CallOneArg(callable, cls);
}

int oxy_native_new_check(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    int has_args = (args != NULL && PyTuple_GET_SIZE(args) > 0) ||
                   (kwds != NULL && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds) > 0);
    if (has_args && type->tp_init == PyBaseObject_Type.tp_init) {
        PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments", type->tp_name);
        return -1;
    }
    if (!(type->tp_flags & Py_TPFLAGS_IS_ABSTRACT)) return 0;
    /* Let object.__new__ raise exactly what it raises for an abstract class. */
    PyObject *empty = PyTuple_New(0);
    if (empty == NULL) return -1;
    PyObject *probe = PyBaseObject_Type.tp_new(type, empty, NULL);
    Py_DECREF(empty);
    if (probe == NULL) return -1;
    Py_DECREF(probe);
    return 0;
}

/* abc.ABCMeta, or NULL with an exception set. Borrowed (the abc module keeps it). */
static PyObject *abcmeta(void) {
    static PyObject *cached = NULL;
    if (cached == NULL) {
        PyObject *abc = PyImport_ImportModule("abc");
        if (abc == NULL) return NULL;
        cached = PyObject_GetAttrString(abc, "ABCMeta");
        Py_DECREF(abc);
    }
    return cached;
}

/* A native class made from a spec is an instance of `type`; one whose metaclass is
   ABCMeta (`class C(ABC)`, `metaclass=ABCMeta`, or a base that is such a class)
   becomes an ABCMeta instance, which has the same layout. */
static int native_set_metaclass(PyObject *t, PyObject *meta) {
    PyObject *want = abcmeta();
    if (want == NULL) return -1;
    if (meta != want) {
        PyErr_Format(PyExc_TypeError,
                     "compiled class '%.200s': metaclass '%.200s' is not supported for a native class",
                     ((PyTypeObject *)t)->tp_name,
                     PyType_Check(meta) ? ((PyTypeObject *)meta)->tp_name : "?");
        return -1;
    }
    PyTypeObject *mt = (PyTypeObject *)meta;
    if (mt->tp_basicsize != PyType_Type.tp_basicsize || mt->tp_itemsize != PyType_Type.tp_itemsize) {
        PyErr_SetString(PyExc_TypeError, "abc.ABCMeta does not have the layout of type");
        return -1;
    }
    /* `type` is static (its instances hold no reference to it); ABCMeta is not. */
    Py_INCREF(meta);
    Py_SET_TYPE(t, mt);
    return 0;
}

/* What ABCMeta.__new__ does once the class exists: compute __abstractmethods__. */
static int native_abc_init(PyObject *t) {
    PyObject *m = PyImport_ImportModule("_abc");
    if (m == NULL) return -1;
    PyObject *r = PyObject_CallMethod(m, "_abc_init", "O", t);
    Py_DECREF(m);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

static int native_add_setstate(PyTypeObject *tp);
/* The type of native classes' __setstate__ descriptor (native_add_setstate): a
   non-data descriptor (an instance __dict__ entry named __setstate__ wins over it, as
   over a method), with no state of its own. */
static PyTypeObject *setstate_descr_type;
static int native_setstate_visible(PyTypeObject *tp);


PyObject *oxy_native_class_create(PyObject *module, PyType_Spec *spec, PyObject *builder,
                                  int hide_fields, PyObject **cell) {
    PyObject *meta = PyTuple_GET_ITEM(builder, 0);
    PyObject *bases = PyTuple_GET_ITEM(builder, 2);
    PyObject *ns = PyTuple_GET_ITEM(builder, 3);
    if (implicit_class_level(ns) < 0) return NULL;
    /* A spec name without a module prefix makes PyType_FromSpec warn ("builtin type
       has no __module__"); with one, tp_name (what the interpreter's messages show)
       would carry it. So: make the type under a prefixed name, then point tp_name at
       the bare one (the spec's static string); __module__ comes from the namespace. */
    char prefixed[256];
    PyType_Spec named = *spec;
    if (snprintf(prefixed, sizeof prefixed, "oxyc.%s", spec->name) < (int)sizeof prefixed)
        named.name = prefixed;
    PyObject *t = PyType_FromModuleAndSpec(module, &named, PyTuple_GET_SIZE(bases) ? bases : NULL);
    if (t == NULL) return NULL;
    ((PyTypeObject *)t)->tp_name = spec->name;
    if (meta != (PyObject *)&PyType_Type && native_set_metaclass(t, meta) < 0) goto fail;
    if (hide_fields) {
        /* @dataclass reads each field's default with getattr(cls, name): until it
           ran, a field is its class-level default or nothing, never a descriptor
           (oxy_native_fields_restore puts the descriptors back). */
        PyTypeObject *tp = (PyTypeObject *)t;
        for (PyGetSetDef *g = tp->tp_getset; g != NULL && g->name != NULL; g++) {
            if (g->name[0] == '_' && g->name[1] == '_') continue;
            if (PyDict_DelItemString(tp->tp_dict, g->name) < 0) {
                if (!PyErr_ExceptionMatches(PyExc_KeyError)) goto fail;
                PyErr_Clear();
            }
        }
        PyType_Modified(tp);
    }
    PyObject *orig_bases = PyTuple_GET_ITEM(builder, 5);
    if (orig_bases != Py_None &&
        (cached_str(&s_orig_bases, "__orig_bases__") == NULL ||
         PyObject_SetItem(ns, s_orig_bases, orig_bases) < 0))
        goto fail;
    PyObject *items = PyMapping_Items(ns);
    if (items == NULL) goto fail;
    Py_ssize_t n = PyList_GET_SIZE(items);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        PyObject *k = PyTuple_GET_ITEM(kv, 0), *v = PyTuple_GET_ITEM(kv, 1);
        if (PyObject_SetAttr(t, k, v) < 0) {
            Py_DECREF(items);
            goto fail;
        }
    }
    /* As type() does: defining __eq__ without __hash__ makes instances unhashable. */
    {
        int has_eq = PyMapping_HasKeyString(ns, "__eq__");
        int has_hash = PyMapping_HasKeyString(ns, "__hash__");
        if (has_eq && !has_hash && PyObject_SetAttrString(t, "__hash__", Py_None) < 0) {
            Py_DECREF(items);
            goto fail;
        }
    }
    /* The methods' __class__ (what super() uses), before __set_name__ and
       __init_subclass__ can call them, as type() fills the __class__ cell. */
    if (cell != NULL) Py_XSETREF(*cell, Py_NewRef(t));
    /* __set_name__, in namespace order. */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        PyObject *k = PyTuple_GET_ITEM(kv, 0), *v = PyTuple_GET_ITEM(kv, 1);
        PyObject *set_name = NULL;
        if (_PyObject_LookupAttr((PyObject *)Py_TYPE(v), cached_str(&s_set_name, "__set_name__"), &set_name) < 0) {
            Py_DECREF(items);
            goto fail;
        }
        if (set_name == NULL) continue;
        PyObject *r = PyObject_CallFunctionObjArgs(set_name, v, t, k, NULL);
        Py_DECREF(set_name);
        if (r == NULL) {
            Py_DECREF(items);
            goto fail;
        }
        Py_DECREF(r);
    }
    Py_DECREF(items);
    if (native_add_setstate((PyTypeObject *)t) < 0) goto fail;
    /* super(t, t).__init_subclass__() */
    PyObject *sup = PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, t, t, NULL);
    if (sup == NULL) goto fail;
    PyObject *r = PyObject_CallMethod(sup, "__init_subclass__", NULL);
    Py_DECREF(sup);
    if (r == NULL) goto fail;
    Py_DECREF(r);
    if (meta != (PyObject *)&PyType_Type && native_abc_init(t) < 0) goto fail;
    return t;
fail:
    Py_DECREF(t);
    return NULL;
}

int oxy_native_fields_restore(PyObject *decorated, PyObject *cls) {
    if (decorated != cls) {
        PyErr_Format(PyExc_TypeError,
                     "the decorator of compiled class '%.200s' returned another object "
                     "(oxyc compiles it as a native class)",
                     ((PyTypeObject *)cls)->tp_name);
        return -1;
    }
    PyTypeObject *tp = (PyTypeObject *)cls;
    for (PyGetSetDef *g = tp->tp_getset; g != NULL && g->name != NULL; g++) {
        if (g->name[0] == '_' && g->name[1] == '_') continue;
        PyObject *d = PyDescr_NewGetSet(tp, g);
        if (d == NULL) return -1;
        int r = PyDict_SetItemString(tp->tp_dict, g->name, d);
        Py_DECREF(d);
        if (r < 0) return -1;
    }
    /* A new default for an inherited field (`b: int = 6` in a dataclass subclass) is
       in this class's dict: drop it, so the base's field descriptor is found. */
    for (PyTypeObject *b = tp->tp_base; b != NULL; b = b->tp_base) {
        for (PyGetSetDef *g = b->tp_getset; g != NULL && g->name != NULL; g++) {
            if (g->name[0] == '_' && g->name[1] == '_') continue;
            PyObject *own = PyDict_GetItemString(tp->tp_dict, g->name);
            if (own != NULL && Py_TYPE(own) != &PyGetSetDescr_Type &&
                PyDict_DelItemString(tp->tp_dict, g->name) < 0)
                return -1;
        }
    }
    PyType_Modified(tp);
    return 0;
}

/* Are native class t's fields attributes of the instance __dict__ in CPython (its
   getset has the __dict__ entry), not slots (its body has __slots__)? (Recognised by
   the entry's doc, the same in every module: each has its own oxy_native_dict_get.) */
static int native_fields_in_dict(PyTypeObject *t) {
    for (PyGetSetDef *g = t->tp_getset; g->name != NULL; g++)
        if (strcmp(g->name, "__dict__") == 0 && g->doc != NULL &&
            strcmp(g->doc, OXY_DICT_DOC) == 0)
            return 1;
    return 0;
}

/* The fields of native instance self (of every native class in its MRO, bases
   first, as their fields come first) that are set, as {name: value}; with names,
   *names is also a set of every field's name, set or not. With in_dict, only the
   fields that are not slots (native_fields_in_dict). */
static PyObject *native_field_values(PyObject *self, PyObject **names, int in_dict) {
    PyObject *fields = PyDict_New();
    if (names != NULL) *names = PySet_New(NULL);
    if (fields == NULL || (names != NULL && *names == NULL)) goto fail;
    PyObject *mro = Py_TYPE(self)->tp_mro;
    for (Py_ssize_t i = mro != NULL ? PyTuple_GET_SIZE(mro) - 1 : -1; i >= 0; i--) {
        PyTypeObject *t = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (t->tp_dealloc == NULL || t->tp_getset == NULL || !(t->tp_flags & Py_TPFLAGS_HEAPTYPE))
            continue;
        if (in_dict && !native_fields_in_dict(t)) continue;
        for (PyGetSetDef *g = t->tp_getset; g->name != NULL; g++) {
            if (g->name[0] == '_' && g->name[1] == '_') continue;
            if (g->get == NULL || g->set == NULL) continue;
            if (names != NULL) {
                PyObject *n = PyUnicode_InternFromString(g->name);
                int r = n == NULL ? -1 : PySet_Add(*names, n);
                Py_XDECREF(n);
                if (r < 0) goto fail;
            }
            PyObject *v = g->get(self, g->closure);
            if (v == NULL) {
                if (!PyErr_ExceptionMatches(PyExc_AttributeError)) goto fail;
                PyErr_Clear();
                continue;
            }
            int r = PyDict_SetItemString(fields, g->name, v);
            Py_DECREF(v);
            if (r < 0) goto fail;
        }
    }
    return fields;
fail:
    Py_XDECREF(fields);
    if (names != NULL) Py_CLEAR(*names);
    return NULL;
}

/* The instance __dict__ of native classes without __slots__ holds the attributes
   their class does not declare (set from other modules, by libraries, by mock). A
   GC type's instance that is not tracked yet (no field holds a container) is
   tracked once it has one, where the runtime makes it: anything may be put in it.
   (Not where the interpreter makes it, in setattr: see differences.md.) */
static void native_dict_made(PyObject *self) {
    if (PyType_IS_GC(Py_TYPE(self)) && !oxy_gc_is_tracked(self)) PyObject_GC_Track(self);
}

/* setattr as object.__setattr__ does it, tracking the instance if that made its
   __dict__. */
static int native_setattr(PyObject *self, PyObject *name, PyObject *v) {
    if (PyObject_GenericSetAttr(self, name, v) < 0) return -1;
    if (v != NULL && PyType_IS_GC(Py_TYPE(self)) && !oxy_gc_is_tracked(self)) {
        PyObject **dp = _PyObject_GetDictPtr(self);
        if (dp != NULL && *dp != NULL) native_dict_made(self);
    }
    return 0;
}

/* `obj.__dict__` (and vars(obj)): the instance __dict__, into which the fields'
   current values are copied first (the fields stay where compiled code reads
   them: what is stored into the dict under a field's name is not seen). The
   fields come first in it, as they would in an ordinary instance's. */
PyObject *oxy_native_dict_get(PyObject *self, void *closure) {
    (void)closure;
    PyObject **dp = _PyObject_GetDictPtr(self);
    if (dp == NULL) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
        return NULL;
    }
    PyObject *names, *fields = native_field_values(self, &names, 1);
    if (fields == NULL) return NULL;
    PyObject *d = *dp, *rest = NULL;
    if (d == NULL) {
        d = *dp = PyDict_New();
        if (d == NULL) goto fail;
        native_dict_made(self);
    }
    /* (The first time, with other attributes already there, the fields go first;
       a field set again after a deletion goes last, as in an ordinary __dict__.) */
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    int first = PyDict_GET_SIZE(d) > 0;
    while (first && PyDict_Next(d, &pos, &k, &v)) {
        first = PySet_Contains(names, k);
        if (first < 0) goto fail;
        first = !first;
    }
    if (first) {
        rest = PyDict_Copy(d);
        if (rest == NULL) goto fail;
        PyDict_Clear(d);
    }
    if (PyDict_Update(d, fields) < 0) goto fail;
    pos = 0;
    while (rest != NULL && PyDict_Next(rest, &pos, &k, &v)) {
        int field = PySet_Contains(names, k);
        if (field < 0 || (!field && PyDict_SetItem(d, k, v) < 0)) goto fail;
    }
    /* An unset field is not in it. */
    PyObject *it = PyObject_GetIter(names);
    if (it == NULL) goto fail;
    while ((k = PyIter_Next(it)) != NULL) {
        int set = PyDict_Contains(fields, k);
        int r = set < 0 ? -1 : set ? 0 : PyDict_DelItem(d, k);
        Py_DECREF(k);
        if (r < 0) {
            if (set < 0 || !PyErr_ExceptionMatches(PyExc_KeyError)) {
                Py_DECREF(it);
                goto fail;
            }
            PyErr_Clear();
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) goto fail;
    Py_XDECREF(rest);
    Py_DECREF(fields);
    Py_DECREF(names);
    return Py_NewRef(d);
fail:
    Py_XDECREF(rest);
    Py_DECREF(fields);
    Py_DECREF(names);
    return NULL;
}

/* `obj.__dict__ = d`: the fields take d's values (checked as stores), those not in
   d are unset, and d is the instance __dict__ from then on. `del obj.__dict__`
   unsets them all and drops the __dict__. (Slots are left alone.) */
int oxy_native_dict_set(PyObject *self, PyObject *value, void *closure) {
    (void)closure;
    if (value != NULL && !PyDict_Check(value)) {
        PyErr_Format(PyExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    PyObject **dp = _PyObject_GetDictPtr(self);
    if (dp == NULL) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
        return -1;
    }
    /* (The old dict is off the instance while the fields change: unsetting one
       drops its name from the instance's dict, and the caller may hold the old.) */
    PyObject *old = *dp;
    *dp = NULL;
    PyObject *mro = Py_TYPE(self)->tp_mro;
    for (Py_ssize_t i = mro != NULL ? PyTuple_GET_SIZE(mro) - 1 : -1; i >= 0; i--) {
        PyTypeObject *t = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (t->tp_dealloc == NULL || t->tp_getset == NULL || !(t->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
            !native_fields_in_dict(t))
            continue;
        for (PyGetSetDef *g = t->tp_getset; g->name != NULL; g++) {
            if (g->name[0] == '_' && g->name[1] == '_') continue;
            if (g->get == NULL || g->set == NULL) continue;
            PyObject *v = NULL;
            if (value != NULL) {
                PyObject *key = PyUnicode_FromString(g->name);
                if (key == NULL) goto fail;
                v = PyDict_GetItemWithError(value, key);
                Py_DECREF(key);
                if (v == NULL && PyErr_Occurred()) goto fail;
            }
            if (g->set(self, v, g->closure) < 0) {
                if (v != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) goto fail;
                PyErr_Clear();
            }
        }
    }
    Py_XSETREF(*dp, Py_XNewRef(value));
    Py_XDECREF(old);
    if (value != NULL) native_dict_made(self);
    return 0;
fail:
    if (*dp == NULL)
        *dp = old;
    else
        Py_XDECREF(old);
    return -1;
}

/* The value under `name` in the instance __dict__ of self (borrowed), or NULL without
   an exception when there is none. */
PyObject *oxy_dict_field(PyObject *self, const char *name) {
    PyObject **dp = _PyObject_GetDictPtr(self);
    if (dp == NULL || *dp == NULL || PyDict_GET_SIZE(*dp) == 0) return NULL;
    return PyDict_GetItemString(*dp, name);
}

/* An unset field read by another compiled module: the attribute lookup, whose getter
   takes a value left for the field in the instance __dict__ (oxy_adopt_C_F); 0 when
   it found one, else -1 with AttributeError (or the error the value raised). */
int oxy_field_adopt(PyObject *obj, const char *name) {
    if (oxy_dict_field(obj, name) == NULL) {
        oxy_raise_unset_attribute(obj, name);
        return -1;
    }
    PyObject *v = PyObject_GetAttrString(obj, name);
    if (v == NULL) return -1;
    Py_DECREF(v);
    return 0;
}

/* Removes `name` from the instance __dict__ of self: 1, 0 when it is not there, -1
   with an exception. */
int oxy_dict_field_del(PyObject *self, const char *name) {
    PyObject **dp = _PyObject_GetDictPtr(self);
    if (dp == NULL || *dp == NULL || PyDict_GET_SIZE(*dp) == 0) return 0;
    if (PyDict_DelItemString(*dp, name) == 0) return 1;
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
    PyErr_Clear();
    return 0;
}

/* __getstate__ of native instances: {field: value} for every field that is set
   (plus the other attributes of the instance __dict__), as an ordinary instance's
   is its __dict__ (native_reduce_proto says how it is restored). */
static PyObject *native_getstate(PyObject *self, PyObject *unused) {
    (void)unused;
    /* (The field names are needed only to leave out their copies in the dict.) */
    PyObject **dictptr = _PyObject_GetDictPtr(self);
    int has_dict = dictptr != NULL && *dictptr != NULL && PyDict_GET_SIZE(*dictptr) > 0;
    PyObject *names = NULL, *fields = native_field_values(self, has_dict ? &names : NULL, 0);
    if (fields == NULL) return NULL;
    PyObject *mro = Py_TYPE(self)->tp_mro;
    /* The __slots__ of Python subclasses (member descriptors), as copyreg does. */
    for (Py_ssize_t i = mro != NULL ? PyTuple_GET_SIZE(mro) - 1 : -1; i >= 0; i--) {
        PyTypeObject *t = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (t->tp_members == NULL || !(t->tp_flags & Py_TPFLAGS_HEAPTYPE)) continue;
        for (PyMemberDef *md = t->tp_members; md->name != NULL; md++) {
            if (md->type != T_OBJECT_EX || (md->flags & READONLY)) continue;
            if (md->name[0] == '_' && md->name[1] == '_') continue;
            PyObject *v = PyMember_GetOne((const char *)self, md);
            if (v == NULL) {
                if (!PyErr_ExceptionMatches(PyExc_AttributeError)) goto fail;
                PyErr_Clear();
                continue;
            }
            int r = PyDict_SetItemString(fields, md->name, v);
            Py_DECREF(v);
            if (r < 0) goto fail;
        }
    }
    /* Like an ordinary instance: one dict, with the instance __dict__'s other
       attributes (copies of fields that oxy_native_dict_get left there are stale).
       (Looked up again: a field's getter may have run code.) */
    dictptr = _PyObject_GetDictPtr(self);
    if (names != NULL && dictptr != NULL && *dictptr != NULL) {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        while (PyDict_Next(*dictptr, &pos, &k, &v)) {
            int field = PySet_Contains(names, k);
            if (field < 0 || (!field && PyDict_SetItem(fields, k, v) < 0)) goto fail;
        }
    }
    Py_XDECREF(names);
    return fields;
fail:
    Py_XDECREF(names);
    Py_DECREF(fields);
    return NULL;
}

/* The arguments __new__ gets back when the instance is unpickled or copied, as the
   interpreter's reduction for protocol 2 and up takes them: from
   __getnewargs_ex__ (*args and **kwargs) or __getnewargs__ (*args), else none.
   Sets *args (a tuple) and *kwargs (a dict, or NULL); -1 with an exception. */
/* type(self).name bound to self, as the interpreter looks up special methods (an
   instance's __getattr__ is not asked); NULL without an exception when there is none. */
static PyObject *native_special(PyObject *self, PyObject **cache, const char *name) {
    PyObject *s = cached_str(cache, name);
    if (s == NULL) return NULL;
    PyObject *f = _PyType_Lookup(Py_TYPE(self), s);
    if (f == NULL) return NULL;
    descrgetfunc get = Py_TYPE(f)->tp_descr_get;
    return get != NULL ? get(f, self, (PyObject *)Py_TYPE(self)) : Py_NewRef(f);
}

static int native_newargs(PyObject *self, PyObject **args, PyObject **kwargs) {
    *args = NULL;
    *kwargs = NULL;
    PyObject *fn = native_special(self, &s_getnewargs_ex, "__getnewargs_ex__");
    if (fn != NULL) {
        PyObject *r = PyObject_CallNoArgs(fn);
        Py_DECREF(fn);
        if (r == NULL) return -1;
        if (!PyTuple_Check(r)) {
            PyErr_Format(PyExc_TypeError, "__getnewargs_ex__ should return a tuple, not '%.200s'",
                         Py_TYPE(r)->tp_name);
        } else if (PyTuple_GET_SIZE(r) != 2) {
            PyErr_Format(PyExc_ValueError,
                         "__getnewargs_ex__ should return a tuple of length 2, not %zd",
                         PyTuple_GET_SIZE(r));
        } else if (!PyTuple_Check(PyTuple_GET_ITEM(r, 0))) {
            PyErr_Format(PyExc_TypeError,
                         "first item of the tuple returned by __getnewargs_ex__ must be a "
                         "tuple, not '%.200s'",
                         Py_TYPE(PyTuple_GET_ITEM(r, 0))->tp_name);
        } else if (!PyDict_Check(PyTuple_GET_ITEM(r, 1))) {
            PyErr_Format(PyExc_TypeError,
                         "second item of the tuple returned by __getnewargs_ex__ must be a "
                         "dict, not '%.200s'",
                         Py_TYPE(PyTuple_GET_ITEM(r, 1))->tp_name);
        } else {
            *args = Py_NewRef(PyTuple_GET_ITEM(r, 0));
            *kwargs = Py_NewRef(PyTuple_GET_ITEM(r, 1));
        }
        Py_DECREF(r);
        return *args != NULL ? 0 : -1;
    }
    if (PyErr_Occurred()) return -1;
    fn = native_special(self, &s_getnewargs, "__getnewargs__");
    if (fn != NULL) {
        PyObject *r = PyObject_CallNoArgs(fn);
        Py_DECREF(fn);
        if (r == NULL) return -1;
        if (!PyTuple_Check(r)) {
            PyErr_Format(PyExc_TypeError, "__getnewargs__ should return a tuple, not '%.200s'",
                         Py_TYPE(r)->tp_name);
            Py_DECREF(r);
            return -1;
        }
        *args = r;
        return 0;
    }
    if (PyErr_Occurred()) return -1;
    *args = PyTuple_New(0);
    return *args != NULL ? 0 : -1;
}

/* __reduce__: (copyreg.__newobj__, (type(self), *newargs), state), or
   (copyreg.__newobj_ex__, (type(self), args, kwargs), state) when __getnewargs_ex__
   gives keyword arguments, for every pickle protocol (the default reduction of
   protocols 0 and 1 refuses types with their own tp_new).  The state is what
   __getstate__ returns, so overriding it works. */
static PyObject *native_reduce_proto(PyObject *self, long proto) {
    PyObject *args, *kwargs = NULL;
    /* (Protocols 0 and 1 reduce without them, as copyreg's reduction does.) */
    if (proto < 2)
        args = PyTuple_New(0);
    else if (native_newargs(self, &args, &kwargs) < 0)
        return NULL;
    if (args == NULL) return NULL;
    int ex = kwargs != NULL && PyDict_GET_SIZE(kwargs) > 0;
    PyObject *copyreg = PyImport_ImportModule("copyreg");
    PyObject *newobj =
        copyreg == NULL ? NULL
                        : PyObject_GetAttrString(copyreg, ex ? "__newobj_ex__" : "__newobj__");
    Py_XDECREF(copyreg);
    PyObject *state = newobj == NULL ? NULL : PyObject_CallMethod(self, "__getstate__", NULL);
    if (state != NULL && PyDict_Check(state)) {
        /* Without a __setstate__ (see native_add_setstate), pickle and copy restore
           a dict state into the instance __dict__, which a native instance does not
           have; as the second item of a pair (a slotted instance's state) each item
           is set as an attribute, which stores the fields. */
        /* (Decided on the type, as pickle's reduction never asks an instance's
           __getattr__.) */
        PyObject *name = cached_str(&s_setstate, "__setstate__");
        PyObject *setstate = name == NULL ? NULL : _PyType_Lookup(Py_TYPE(self), name);
        if (name == NULL)
            Py_CLEAR(state);
        else if (setstate == NULL ||
                 (Py_IS_TYPE(setstate, setstate_descr_type) &&
                  !native_setstate_visible(Py_TYPE(self))))
            state = Py_BuildValue("(ON)", Py_None, state);
    }
    PyObject *cargs = NULL;
    if (state != NULL) {
        if (ex) {
            cargs = PyTuple_Pack(3, (PyObject *)Py_TYPE(self), args, kwargs);
        } else {
            Py_ssize_t n = PyTuple_GET_SIZE(args);
            cargs = PyTuple_New(n + 1);
            if (cargs != NULL) {
                PyTuple_SET_ITEM(cargs, 0, Py_NewRef((PyObject *)Py_TYPE(self)));
                for (Py_ssize_t i = 0; i < n; i++)
                    PyTuple_SET_ITEM(cargs, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
            }
        }
    }
    Py_DECREF(args);
    Py_XDECREF(kwargs);
    if (cargs == NULL) {
        Py_XDECREF(newobj);
        Py_XDECREF(state);
        return NULL;
    }
    return Py_BuildValue("(NNN)", newobj, cargs, state);
}

static PyObject *native_reduce(PyObject *self, PyObject *unused) {
    (void)unused;
    return native_reduce_proto(self, 2);
}

/* __reduce_ex__(protocol): a __reduce__ that a Python subclass defines wins, as with
   object.__reduce_ex__; else native_reduce_proto for that protocol. */
static PyObject *native_reduce_ex(PyObject *self, PyObject *protocol) {
    long proto = PyLong_AsLong(protocol);
    if (proto == -1 && PyErr_Occurred()) return NULL;
    PyObject *reduce = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "__reduce__");
    if (reduce == NULL) return NULL;
    int ours = Py_IS_TYPE(reduce, &PyMethodDescr_Type) &&
               ((PyMethodDescrObject *)reduce)->d_method->ml_meth == (PyCFunction)native_reduce;
    Py_DECREF(reduce);
    if (!ours) return PyObject_CallMethod(self, "__reduce__", NULL);
    return native_reduce_proto(self, proto);
}

/* __setstate__: every item of the state dict (or of both dicts of a
   (dict, slots) pair) set as an attribute. */
static PyObject *native_setstate(PyObject *self, PyObject *state) {
    PyObject *parts[2] = {state, NULL};
    if (PyTuple_Check(state) && PyTuple_GET_SIZE(state) == 2) {
        parts[0] = PyTuple_GET_ITEM(state, 0);
        parts[1] = PyTuple_GET_ITEM(state, 1);
    }
    for (int i = 0; i < 2; i++) {
        PyObject *d = parts[i];
        if (d == NULL || d == Py_None) continue;
        if (!PyDict_Check(d)) {
            PyErr_SetString(PyExc_TypeError, "state is not a dictionary");
            return NULL;
        }
        PyObject *k, *v;
        Py_ssize_t pos = 0;
        while (PyDict_Next(d, &pos, &k, &v))
            if (native_setattr(self, k, v) < 0) return NULL; /* (as object.__setattr__: a frozen class's __setattr__ is not asked) */
    }
    Py_RETURN_NONE;
}

/* __setstate__ of native instances, as a descriptor: an ordinary instance has none
   (libraries look: jsonpickle restores a cyclic graph with setattr only then), and
   pickle and copy then set each item of the state as an attribute, which stores the
   fields as native_setstate would. Only an instance whose class has its own
   __setattr__ (a frozen dataclass, a Python subclass's) sees native_setstate, which
   stores around that __setattr__ as restoring an ordinary instance's __dict__ does. */
static PyMethodDef native_setstate_def = {
    "__setstate__", native_setstate, METH_O, "Restore the fields from __getstate__'s dict."};
/* Does an instance of tp see native_setstate? (Only where its class has its own
   __setattr__, which restoring must go around.) */
static int native_setstate_visible(PyTypeObject *tp) {
    return tp->tp_setattro != PyObject_GenericSetAttr;
}
static PyObject *setstate_descr_get(PyObject *descr, PyObject *obj, PyObject *type) {
    (void)type;
    if (obj == NULL || obj == Py_None) return Py_NewRef(descr);
    if (!native_setstate_visible(Py_TYPE(obj))) {
        PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '__setstate__'",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return PyCFunction_NewEx(&native_setstate_def, obj, NULL);
}
static PyType_Slot setstate_descr_slots[] = {{Py_tp_descr_get, (void *)setstate_descr_get},
                                             {0, NULL}};
static PyType_Spec setstate_descr_spec = {"oxyc.setstate_descriptor", sizeof(PyObject), 0,
                                          Py_TPFLAGS_DEFAULT, setstate_descr_slots};

/* Gives the new native class tp the __setstate__ descriptor, unless it (its body) or
   a base already has a __setstate__. */
static int native_add_setstate(PyTypeObject *tp) {
    PyObject *name = cached_str(&s_setstate, "__setstate__");
    if (name == NULL) return -1;
    if (_PyType_Lookup(tp, name) != NULL) return 0;
    if (PyErr_Occurred()) return -1;
    if (setstate_descr_type == NULL) {
        setstate_descr_type = (PyTypeObject *)PyType_FromSpec(&setstate_descr_spec);
        if (setstate_descr_type == NULL) return -1;
    }
    PyObject *d = PyType_GenericAlloc(setstate_descr_type, 0);
    if (d == NULL) return -1;
    int r = PyDict_SetItem(tp->tp_dict, name, d);
    Py_DECREF(d);
    if (r < 0) return -1;
    PyType_Modified(tp);
    return 0;
}

PyMethodDef oxy_native_methods[] = {
    {"__getstate__", native_getstate, METH_NOARGS, "The fields that are set (for pickle and copy)."},
    {"__reduce__", native_reduce, METH_NOARGS, "Pickle support for every protocol."},
    {"__reduce_ex__", native_reduce_ex, METH_O, "Pickle support for every protocol."},
    {NULL, NULL, 0, NULL}};

/* ======================================================================== */
/* The match statement                                                       */
/* ======================================================================== */

PyObject *oxy_match_seq_item(PyObject *subject, Py_ssize_t index) {
    if (index < 0) {
        Py_ssize_t n = PyObject_Length(subject);
        if (n < 0) return NULL;
        index += n;
    }
    PyObject *i = PyLong_FromSsize_t(index);
    if (i == NULL) return NULL;
    PyObject *item = PyObject_GetItem(subject, i);
    Py_DECREF(i);
    return item;
}

PyObject *oxy_match_keys(PyObject *subject, PyObject *keys) {
    Py_ssize_t n = PyTuple_GET_SIZE(keys);
    if (n == 0) return PyTuple_New(0);
    static PyObject *s_get;
    PyObject *get_name = cached_str(&s_get, "get");
    if (get_name == NULL) return NULL;
    PyObject *get = PyObject_GetAttr(subject, get_name);
    if (get == NULL) return NULL;
    /* A fresh object stands for "missing": no value can be it. */
    PyObject *missing = PyBaseObject_Type.tp_alloc(&PyBaseObject_Type, 0);
    PyObject *seen = PySet_New(NULL);
    PyObject *values = PyTuple_New(n);
    PyObject *result = NULL;
    if (missing == NULL || seen == NULL || values == NULL) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(keys, i);
        int dup = PySet_Contains(seen, key);
        if (dup < 0) goto done;
        if (dup) {
            PyErr_Format(PyExc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            goto done;
        }
        if (PySet_Add(seen, key) < 0) goto done;
        PyObject *args[2] = {key, missing};
        PyObject *v = PyObject_Vectorcall(get, args, 2, NULL);
        if (v == NULL) goto done;
        if (v == missing) {
            Py_DECREF(v);
            result = Py_NewRef(Py_None);
            goto done;
        }
        PyTuple_SET_ITEM(values, i, v);
    }
    result = Py_NewRef(values);
done:
    Py_XDECREF(values);
    Py_XDECREF(seen);
    Py_XDECREF(missing);
    Py_DECREF(get);
    return result;
}

PyObject *oxy_match_rest(PyObject *subject, PyObject *keys) {
    PyObject *rest = PyDict_New();
    if (rest == NULL) return NULL;
    if (PyDict_Update(rest, subject) < 0) goto fail;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(keys); i++) {
        if (PyDict_DelItem(rest, PyTuple_GET_ITEM(keys, i)) < 0) goto fail;
    }
    return rest;
fail:
    Py_DECREF(rest);
    return NULL;
}

/* subject.name for a class pattern, name not seen before in this pattern (else
   TypeError).  New reference; NULL without an exception when the attribute is
   missing (no match). */
static PyObject *match_class_attr(PyObject *subject, PyTypeObject *type, PyObject *name,
                                  PyObject *seen) {
    int dup = PySet_Contains(seen, name);
    if (dup < 0) return NULL;
    if (dup) {
        PyErr_Format(PyExc_TypeError, "%s() got multiple sub-patterns for attribute %R",
                     type->tp_name, name);
        return NULL;
    }
    if (PySet_Add(seen, name) < 0) return NULL;
    PyObject *attr = PyObject_GetAttr(subject, name);
    if (attr == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
    return attr;
}

#ifndef _Py_TPFLAGS_MATCH_SELF
#define _Py_TPFLAGS_MATCH_SELF (1UL << 22)
#endif

PyObject *oxy_match_class(PyObject *subject, PyObject *cls, Py_ssize_t nargs,
                          PyObject *kwnames) {
    if (!PyType_Check(cls)) {
        /* (The interpreter's wording changed in 3.12, gh-100530, and 3.15, gh-144702.) */
#if PY_VERSION_HEX >= 0x030F0000
        PyErr_SetString(PyExc_TypeError, "class pattern must refer to a class");
#elif PY_VERSION_HEX >= 0x030C0000
        PyErr_SetString(PyExc_TypeError, "called match pattern must be a class");
#else
        PyErr_SetString(PyExc_TypeError, "called match pattern must be a type");
#endif
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    int is = PyObject_IsInstance(subject, cls);
    if (is < 0) return NULL;
    if (!is) return Py_NewRef(Py_None);
    Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
    PyObject *attrs = PyTuple_New(nargs + nkw);
    PyObject *seen = PySet_New(NULL);
    PyObject *match_args = NULL;
    PyObject *result = NULL;
    if (attrs == NULL || seen == NULL) goto done;
    Py_ssize_t filled = 0;
    if (nargs > 0) {
        int match_self = 0;
        static PyObject *s_match_args;
        PyObject *match_args_name = cached_str(&s_match_args, "__match_args__");
        if (match_args_name == NULL) goto done;
        match_args = PyObject_GetAttr(cls, match_args_name);
        Py_ssize_t allowed;
        if (match_args != NULL) {
            if (!PyTuple_CheckExact(match_args)) {
                PyErr_Format(PyExc_TypeError, "%s.__match_args__ must be a tuple (got %s)",
                             type->tp_name, Py_TYPE(match_args)->tp_name);
                goto done;
            }
            allowed = PyTuple_GET_SIZE(match_args);
        } else if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            match_self = (PyType_GetFlags(type) & _Py_TPFLAGS_MATCH_SELF) != 0;
            allowed = match_self ? 1 : 0;
        } else {
            goto done;
        }
        if (nargs > allowed) {
            PyErr_Format(PyExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%zd given)",
                         type->tp_name, allowed, allowed == 1 ? "" : "s", nargs);
            goto done;
        }
        if (match_self) {
            PyTuple_SET_ITEM(attrs, filled++, Py_NewRef(subject));
        } else {
            for (Py_ssize_t i = 0; i < nargs; i++) {
                PyObject *name = PyTuple_GET_ITEM(match_args, i);
                if (!PyUnicode_CheckExact(name)) {
                    PyErr_Format(PyExc_TypeError,
                                 "__match_args__ elements must be strings (got %s)",
                                 Py_TYPE(name)->tp_name);
                    goto done;
                }
                PyObject *attr = match_class_attr(subject, type, name, seen);
                if (attr == NULL) {
                    if (!PyErr_Occurred()) result = Py_NewRef(Py_None);
                    goto done;
                }
                PyTuple_SET_ITEM(attrs, filled++, attr);
            }
        }
    }
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *attr = match_class_attr(subject, type, PyTuple_GET_ITEM(kwnames, i), seen);
        if (attr == NULL) {
            if (!PyErr_Occurred()) result = Py_NewRef(Py_None);
            goto done;
        }
        PyTuple_SET_ITEM(attrs, filled++, attr);
    }
    result = Py_NewRef(attrs);
done:
    Py_XDECREF(match_args);
    Py_XDECREF(seen);
    Py_XDECREF(attrs);
    return result;
}

/* ---- lists of int tuples kept unboxed (oxy_ivec, see oxyc_rt.h) ---- */

static void ivec_dealloc(PyObject *self) {
    oxy_ivec *o = (oxy_ivec *)self;
    PyTypeObject *tp = Py_TYPE(self);
    for (Py_ssize_t i = o->n * o->k - 1; i >= 0; i--) oxy_int_decref(o->items[i]);
    PyMem_Free(o->items);
    PyObject_Free(self);
    Py_DECREF(tp);
}

static PyTypeObject *oxy_ivec_type = NULL;

PyObject *oxy_ivec_new(Py_ssize_t k) {
    if (oxy_ivec_type == NULL) {
        PyType_Slot slots[] = {
            {Py_tp_dealloc, (void *)ivec_dealloc},
            {0, NULL},
        };
        PyType_Spec spec = {
            "oxyc.int_tuple_list",
            sizeof(oxy_ivec),
            0,
            Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
            slots,
        };
        oxy_ivec_type = (PyTypeObject *)PyType_FromSpec(&spec);
        if (oxy_ivec_type == NULL) return NULL;
    }
    oxy_ivec *o = PyObject_New(oxy_ivec, oxy_ivec_type);
    if (o == NULL) return NULL;
    o->n = 0;
    o->cap = 0;
    o->k = k;
    o->items = NULL;
    return (PyObject *)o;
}

int oxy_ivec_grow(PyObject *v) {
    oxy_ivec *o = (oxy_ivec *)v;
    Py_ssize_t cap = o->cap < 4 ? 8 : o->cap + (o->cap >> 1);
    if (cap > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(oxy_int) / o->k) {
        PyErr_NoMemory();
        return -1;
    }
    oxy_int *items = PyMem_Realloc(o->items, (size_t)(cap * o->k) * sizeof(oxy_int));
    if (items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    o->items = items;
    o->cap = cap;
    return 0;
}

PyObject *oxy_ivec_to_list(PyObject *v) {
    oxy_ivec *o = (oxy_ivec *)v;
    PyObject *list = PyList_New(o->n);
    if (list == NULL) return NULL;
    for (Py_ssize_t i = 0; i < o->n; i++) {
        PyObject *t = PyTuple_New(o->k);
        if (t == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, t);
        for (Py_ssize_t j = 0; j < o->k; j++) {
            PyObject *x = oxy_int_box(o->items[i * o->k + j]);
            if (x == NULL) {
                Py_DECREF(list);
                return NULL;
            }
            PyTuple_SET_ITEM(t, j, x);
        }
    }
    return list;
}

PyObject *oxy_ivec_bad_store(void) {
    PyErr_SetString(PyExc_SystemError, "oxyc: unexpected store to an unboxed list local");
    return NULL;
}


/* ======================================================================== */
/* The frame of a module's body (see oxy_run_module_body)                   */
/* ======================================================================== */

#define OXY_BODY_NAME "__oxy_module_body__"

/* The frame's line: a frame object's f_lineno, when not 0, is the line it reports
   (tracebacks, warnings, f_lineno).  Its layout is internal: known for 3.11 and 3.12;
   elsewhere the body's lines go to a dummy and the frame says line 1. */
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030D0000
#define Py_BUILD_CORE 1
#include "internal/pycore_frame.h"
#undef Py_BUILD_CORE
static int *oxy_frame_lineno(PyFrameObject *f) { return &((struct _frame *)f)->f_lineno; }
#else
static int oxy_no_frame_lineno;
static int *oxy_frame_lineno(PyFrameObject *f) {
    (void)f;
    return &oxy_no_frame_lineno;
}
#endif

/* The runs of this module's body in progress, newest first (a body can run again
   while it runs: an import of itself after deleting its sys.modules entry, or
   exec_module from another thread).  Each record lives on its trampoline's C
   stack; the body's line stores go to the newest run's frame, so they always
   reach a live frame (lines may go to the wrong run when two threads run the
   same body at once, never to freed memory). */
typedef struct oxy_body_run {
    struct oxy_body_run *next;
    int *line;
} oxy_body_run;
static oxy_body_run *oxy_body_runs;
static int oxy_no_body_line;
int *oxy_body_lineno = &oxy_no_body_line;

typedef struct {
    PyObject *(*body)(int);
    int depth;
    PyObject *globals;
    const char *name; /* the dict key the frame's code calls */
} oxy_body_call;

/* Calls of oxy_run_module_body in progress, and the runs that had to name their
   trampoline apart: a run that begins while another has its name in the same dict
   (exec_module of one module object from two threads) must not find the other's
   trampoline, nor take its name away before the other's frame looks it up. */
static int oxy_body_active;
static unsigned long oxy_body_serial;

/* The builtin the frame's code calls: it takes its own name out of the module's
   dict (the frame found it there) and runs the compiled body. */
static PyObject *oxy_body_trampoline(PyObject *self, PyObject *unused) {
    (void)unused;
    oxy_body_call *c = (oxy_body_call *)PyCapsule_GetPointer(self, NULL);
    if (c == NULL) return NULL;
    if (PyDict_DelItemString(c->globals, c->name) < 0) return NULL;
    PyFrameObject *frame = PyEval_GetFrame(); /* (borrowed: the frame calling us) */
    if (frame == NULL) {
        PyErr_SetString(PyExc_SystemError, "oxyc: the module body has no frame");
        return NULL;
    }
    oxy_body_run run = {oxy_body_runs, oxy_frame_lineno(frame)};
    oxy_body_runs = &run;
    oxy_body_lineno = run.line;
    PyObject *r = c->body(c->depth);
    /* (Not always the newest by now: another thread's run may have begun since.) */
    for (oxy_body_run **p = &oxy_body_runs; *p != NULL; p = &(*p)->next) {
        if (*p == &run) {
            *p = run.next;
            break;
        }
    }
    oxy_body_lineno = oxy_body_runs != NULL ? oxy_body_runs->line : &oxy_no_body_line;
    return r;
}

static PyMethodDef oxy_body_def = {OXY_BODY_NAME, oxy_body_trampoline, METH_NOARGS, NULL};

/* Drop the head of the pending exception's traceback when it is the entry of the
   frame running `code` (always at line 1: the compiled body's own entries below it
   say where the error was; an exception that reaches the frame without them, such
   as a signal's at the body's end, gets no entry for the module, as before). */
static void oxy_drop_body_entry(PyObject *code) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL && PyTraceBack_Check(tb)) {
        PyTracebackObject *e = (PyTracebackObject *)tb;
        PyCodeObject *c = PyFrame_GetCode(e->tb_frame);
        if ((PyObject *)c == code) {
            PyObject *next = (PyObject *)e->tb_next;
            Py_XINCREF(next);
            Py_DECREF(tb);
            tb = next;
        }
        Py_DECREF(c);
    }
    if (v != NULL && PyExceptionInstance_Check(v))
        PyException_SetTraceback(v, tb != NULL ? tb : Py_None);
    PyErr_Restore(t, v, tb);
}

PyObject *oxy_run_module_body(PyObject *(*body)(int), int depth, PyObject *globals,
                              const char *filename) {
    /* (The usual name when no other run is in progress.) */
    char name[48], source[52];
    if (oxy_body_active == 0)
        snprintf(name, sizeof name, "%s", OXY_BODY_NAME);
    else
        snprintf(name, sizeof name, "__oxy_module_body_%lu__", ++oxy_body_serial);
    snprintf(source, sizeof source, "%s()", name);
    oxy_body_call call = {body, depth, globals, name};
    PyObject *code = Py_CompileString(source, filename, Py_eval_input);
    if (code == NULL) return NULL;
    PyObject *cap = PyCapsule_New(&call, NULL, NULL);
    PyObject *fn = cap == NULL ? NULL : PyCFunction_New(&oxy_body_def, cap);
    Py_XDECREF(cap);
    if (fn == NULL || PyDict_SetItemString(globals, name, fn) < 0) {
        Py_XDECREF(fn);
        Py_DECREF(code);
        return NULL;
    }
    Py_DECREF(fn);
    oxy_body_active++;
    PyObject *r = PyEval_EvalCode(code, globals, globals);
    oxy_body_active--;
    if (r == NULL) {
        oxy_drop_body_entry(code);
        /* (Still there if the frame failed before the call.) */
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (PyDict_DelItemString(globals, name) < 0) PyErr_Clear();
        PyErr_Restore(t, v, tb);
    }
    Py_DECREF(code);
    return r;
}

/* ======================================================================== */
/* The collector's state, for the native free lists (see oxy_gc_collecting)  */
/* ======================================================================== */

static const int oxy_gc_not_collecting = 0;
const int *oxy_gc_collecting = &oxy_gc_not_collecting;

#if OXY_HAVE_FREELIST
/* The interpreter's collector state is internal: its header, for this file only. */
#undef _PyGC_FINALIZED
#define Py_BUILD_CORE 1
#include "internal/pycore_interp.h"
#undef Py_BUILD_CORE

/* The main interpreter's flag (it lives as long as the process): a module imported
   again in a subinterpreter must not leave the pointer to a state that interpreter's
   end frees.  Instances freed by a subinterpreter's collector may then be pooled,
   which costs only locality.  (Read through 3.11's internal layout: were it to differ
   in another 3.11 release, the flag read would only change what gets pooled.) */
void oxy_gc_state_init(void) {
    oxy_gc_collecting = &PyInterpreterState_Main()->gc.collecting;
}
#else
void oxy_gc_state_init(void) {}
#endif
